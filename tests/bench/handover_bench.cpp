// Handover summary benchmarks (Google Benchmark): a 12-month placement with 2,000 contact records and 60
// network members (tests/handover/scenario.cpp, largeScenario). Targets: model <= 30 ms, PDF <= 500 ms,
// HTML <= 50 ms. BM_HandoverModel_FromVault adds the load from an encrypted vault (the same records plus
// 8,000 contacts of other young people; THROUGHLINE_HANDOVER_BENCH_OTHERS changes that number).
//   throughline_handover_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include "scenario.hpp"
#include "throughline/store.hpp"
#include "throughline/vault.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

using namespace throughline::core;

namespace {

const HandoverInput& input() {
    static const HandoverInput in = tlhandover::largeScenario(2000, 60);
    return in;
}

const RedactedSummary& summary() {
    static const RedactedSummary s = redact(buildHandoverSummary(input()), {}).value();
    return s;
}

void BM_HandoverModel(benchmark::State& state) {
    for (auto _ : state) {
        auto r = redact(buildHandoverSummary(input()), {});
        benchmark::DoNotOptimize(r);
    }
    state.counters["voice"] = static_cast<double>(summary().model().voice.size());
}
BENCHMARK(BM_HandoverModel)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_HandoverPdf(benchmark::State& state) {
    std::size_t bytes = 0;
    for (auto _ : state) {
        auto pdf = renderPdf(summary());
        bytes = pdf->size();
        benchmark::DoNotOptimize(pdf);
    }
    state.counters["KiB"] = static_cast<double>(bytes) / 1024.0;
}
BENCHMARK(BM_HandoverPdf)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_HandoverHtml(benchmark::State& state) {
    for (auto _ : state) {
        auto html = renderHtml(summary());
        benchmark::DoNotOptimize(html);
    }
}
BENCHMARK(BM_HandoverHtml)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_HandoverMarkdown(benchmark::State& state) {
    for (auto _ : state) {
        auto md = renderMarkdown(summary());
        benchmark::DoNotOptimize(md);
    }
}
BENCHMARK(BM_HandoverMarkdown)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_HandoverJson(benchmark::State& state) {
    for (auto _ : state) {
        auto json = renderJson(summary());
        benchmark::DoNotOptimize(json);
    }
}
BENCHMARK(BM_HandoverJson)->Unit(benchmark::kMillisecond)->UseRealTime();

// The large scenario's records in a temporary encrypted vault, with other young people's contacts around.
struct VaultFixture {
    std::filesystem::path dir;
    std::unique_ptr<Vault> vault;
    std::string ypId;
    VaultFixture() {
        dir = std::filesystem::temp_directory_path() /
              ("throughline-handover-bench-" + std::to_string(::getpid()));
        std::filesystem::remove_all(dir);
        CreateOptions opt;
        opt.kdf = KdfParams::minimumForTests();
        auto created = Vault::create(dir, "bench passphrase 2026", opt);
        if (!created) {
            std::fprintf(stderr, "cannot create the bench vault: %s\n", created.error().message.c_str());
            std::exit(1);
        }
        vault = std::move(created.value().vault);
        Store& store = vault->store();
        HandoverInput in = input();
        ypId = in.person.meta.id;
        auto st = store.transaction([&]() -> Status {
            if (auto r = store.create(in.person); !r) return r.error();
            for (auto& p : in.placements) {
                p.youngPersonId = ypId;
                if (auto r = store.create(p); !r) return r.error();
            }
            for (auto& m : in.members) {
                m.youngPersonId = ypId;
                if (auto r = store.create(m); !r) return r.error();
            }
            for (auto& c : in.contacts) {
                c.youngPersonId = ypId;
                if (auto r = store.create(c); !r) return r.error();
            }
            for (auto& a : in.actions) {
                a.youngPersonId = ypId;
                if (auto r = store.create(a); !r) return r.error();
            }
            const char* env = std::getenv("THROUGHLINE_HANDOVER_BENCH_OTHERS");
            const int others = env ? std::atoi(env) : 8000;
            for (int done = 0, other = 0; done < others; ++other) {
                YoungPerson yp;
                yp.name = "Other " + std::to_string(other + 1);
                if (auto r = store.create(yp); !r) return r.error();
                for (int i = 0; i < 2000 && done < others; ++i, ++done) {
                    ContactRecord c = in.contacts[static_cast<std::size_t>(i)];
                    c.meta = RecordMeta{};
                    c.youngPersonId = yp.meta.id;
                    c.participantIds.clear();
                    if (auto r = store.create(c); !r) return r.error();
                }
            }
            return {};
        });
        if (!st) {
            std::fprintf(stderr, "cannot fill the bench vault: %s\n", st.error().message.c_str());
            std::exit(1);
        }
    }
    ~VaultFixture() {
        vault.reset();
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
};

void BM_HandoverModel_FromVault(benchmark::State& state) {
    static VaultFixture fx;
    HandoverRequest req;
    req.youngPersonId = fx.ypId;
    req.today = input().today;
    for (auto _ : state) {
        auto in = loadHandoverInput(*fx.vault, req);
        auto r = redact(buildHandoverSummary(in.value()), {});
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(BM_HandoverModel_FromVault)->Unit(benchmark::kMillisecond)->UseRealTime();

} // namespace

BENCHMARK_MAIN();
