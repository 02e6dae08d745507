// Handover summary benchmarks (Google Benchmark): a 12-month placement with 2,000 contact records and 60
// network members (tests/handover/scenario.cpp, largeScenario). Targets: model <= 30 ms, PDF <= 500 ms,
// HTML <= 50 ms. BM_HandoverModel_FromVault adds the load from an encrypted vault (the same records plus
// 8,000 contacts of other young people; THROUGHLINE_HANDOVER_BENCH_OTHERS changes that number).
//   throughline_handover_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include "throughline/testing/bench_vault.hpp"
#include "scenario.hpp"
#include "throughline/handover/export.hpp"
#include "throughline/records/store.hpp"
#include "throughline/vault/vault.hpp"

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
struct VaultFixture : tlbench::BenchVault {
    VaultFixture()
        : BenchVault("throughline-handover-bench", Owner{},
                     {input().person, input().placements, input().members, input().contacts, input().actions},
                     "THROUGHLINE_HANDOVER_BENCH_OTHERS") {}
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
