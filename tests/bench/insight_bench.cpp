// Insight engine benchmark (Google Benchmark; numbers go in docs/benchmarks.md, never in assertions).
// One young person with a 12-month placement, 60 network members and 2,000 contact records (synthetic,
// invented, from a fixed seed), built in memory: the insight computation itself, which is what the home
// screen's Gaps card and every handover summary run. A second case loads the same records from a temporary
// encrypted vault first (Store::loadInsightInput), so the cost of the read is visible too.
//   throughline_insight_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>
#include <sodium.h>

#include <random>
#include <algorithm>

#include "throughline/testing/bench_vault.hpp"
#include "throughline/insight/insight.hpp"
#include "throughline/records/store.hpp"
#include "throughline/vault/vault.hpp"

using namespace throughline::core;

namespace {

constexpr int kMembers = 60;
constexpr int kContacts = 2000;
const Date kToday{2026, 3, 1};

// Ids must be UUIDs for the vault case; a seeded generator keeps the data identical run to run.
std::string seededUuid(std::mt19937_64& rng) {
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (int i = 0; i < 32; ++i) {
        if (i == 8 || i == 12 || i == 16 || i == 20) out += '-';
        int v = static_cast<int>(rng() & 0xF);
        if (i == 12) v = 4;
        if (i == 16) v = 8 | (v & 3);
        out += hex[v];
    }
    return out;
}

InsightInput makeInput() {
    std::mt19937_64 rng(20260301);
    InsightInput in;
    in.today = kToday;
    in.nowMs = (kToday.toDays() + 1) * 86'400'000 - 1;
    in.person.meta.id = seededUuid(rng);
    in.person.name = "Robin Quarrendon";
    Placement p;
    p.meta.id = seededUuid(rng);
    p.youngPersonId = in.person.meta.id;
    p.placementArea = "Fenwick Downs";
    p.start = kToday.addDays(-365);
    p.plannedEnd = kToday.addDays(20); // inside the ending window: all three phases are used
    in.placements.push_back(p);
    const Role roles[] = {Role::KeyWorker,   Role::SocialWorker, Role::Parent, Role::Sibling,
                          Role::Grandparent, Role::Friend,       Role::Club,   Role::School,
                          Role::YouthWorker, Role::Mentor};
    for (int i = 0; i < kMembers; ++i) {
        NetworkMember m;
        m.meta.id = seededUuid(rng);
        m.youngPersonId = in.person.meta.id;
        m.name = "Member " + std::to_string(i + 1);
        m.role = roles[i % 10];
        m.track = defaultTrackFor(m.role);
        m.place = static_cast<Place>(rng() % 3);
        m.workerView = static_cast<View>(rng() % 4);
        m.youngPersonView = static_cast<View>(rng() % 4);
        m.arrangement = i % 17 == 0 ? Arrangement::Restricted : Arrangement::Encouraged;
        if (m.arrangement == Arrangement::Restricted) m.arrangementReason = "Supervised only";
        in.members.push_back(m);
    }
    for (int i = 0; i < kContacts; ++i) {
        ContactRecord c;
        c.meta.id = seededUuid(rng);
        c.youngPersonId = in.person.meta.id;
        // 10% before the move, the rest across the placement.
        c.date = kToday.addDays(-static_cast<int>(rng() % 400));
        c.kind = static_cast<ContactKind>(rng() % 6);
        c.status = rng() % 5 == 0 ? static_cast<ContactStatus>(1 + rng() % 3) : ContactStatus::Happened;
        c.place = static_cast<Place>(rng() % 3);
        const int people = 1 + static_cast<int>(rng() % 3);
        for (int k = 0; k < people; ++k)
            c.participantIds.push_back(in.members[rng() % kMembers].meta.id);
        std::sort(c.participantIds.begin(), c.participantIds.end());
        c.participantIds.erase(std::unique(c.participantIds.begin(), c.participantIds.end()),
                               c.participantIds.end());
        c.uses = static_cast<std::uint32_t>(rng() % 8);
        in.contacts.push_back(c);
    }
    for (int i = 0; i < 40; ++i) {
        FollowUpAction a;
        a.meta.id = seededUuid(rng);
        a.youngPersonId = in.person.meta.id;
        a.description = "Action " + std::to_string(i + 1);
        a.owner = "Member 1";
        a.due = kToday.addDays(30 - static_cast<int>(rng() % 200));
        a.done = rng() % 2 == 0;
        in.actions.push_back(a);
    }
    for (int i = 0; i < 12; ++i) {
        MissingEpisode e;
        e.meta.id = seededUuid(rng);
        e.youngPersonId = in.person.meta.id;
        e.startedAt = (kToday.toDays() - 30 * i - 3) * 86'400'000LL;
        e.endedAt = e.startedAt + 20 * 3'600'000LL;
        e.interviewOffered = i % 3 != 0;
        in.missingEpisodes.push_back(e);
    }
    return in;
}

const InsightInput& input() {
    static const InsightInput in = makeInput();
    return in;
}

void BM_Insight_Compute(benchmark::State& state) {
    const InsightInput& in = input();
    const Period period = defaultPeriod(in);
    std::size_t gaps = 0;
    for (auto _ : state) {
        Insight insight = computeInsight(in, period);
        gaps = insight.gaps.size();
        benchmark::DoNotOptimize(insight);
    }
    state.counters["contacts"] = static_cast<double>(in.contacts.size());
    state.counters["members"] = static_cast<double>(in.members.size());
    state.counters["gaps"] = static_cast<double>(gaps);
}
BENCHMARK(BM_Insight_Compute)->Unit(benchmark::kMillisecond)->UseRealTime();

// The same records in an encrypted vault, with other young people's contacts around them: load, then compute.
// THROUGHLINE_INSIGHT_BENCH_OTHERS=98000 makes a vault of 100,000 contacts.
struct VaultFixture : tlbench::BenchVault {
    VaultFixture()
        : BenchVault("throughline-insight-bench", {"Bench Worker", "Key worker", "Fenwick Downs Council"},
                     {input().person, input().placements, input().members, input().contacts, input().actions},
                     "THROUGHLINE_INSIGHT_BENCH_OTHERS", [] { return kToday; }) {}
};

void BM_Insight_LoadAndCompute(benchmark::State& state) {
    static VaultFixture fx;
    Store& store = fx.vault->store();
    for (auto _ : state) {
        auto in = loadInsightInput(store, fx.ypId);
        if (!in) {
            state.SkipWithError(in.error().message.c_str());
            break;
        }
        Insight insight = computeInsight(*in, defaultPeriod(*in));
        benchmark::DoNotOptimize(insight);
    }
}
BENCHMARK(BM_Insight_LoadAndCompute)->Unit(benchmark::kMillisecond)->UseRealTime();

} // namespace

BENCHMARK_MAIN();
