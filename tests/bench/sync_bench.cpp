// Sync export and import benchmarks (Google Benchmark; issue 4 §6). Not a test: numbers go in
// docs/benchmarks.md, never in assertions, and this binary is not registered with ctest.
//
// Set-up, built once and cached in $TMPDIR/throughline-sync-bench-<schema> (KDF:
// KdfParams::minimumForTests(), so unlocking does not dominate):
//   sender/        a key worker's vault filled by core's demo generator (the generator behind
//                  `throughline-cli demo`): 8 young people, 8,200 contacts, over 100,000 changes in scope
//   sender-small/  the demo vault `run.sh` makes (seed 7, 6 young people, 600 contacts), for bytes per change
//   receiver/      a social worker's vault, empty but for the key worker's verified card
// The cards are exchanged and verified both ways, and every young person is shared with the receiver.
// Each run works on copies in a work folder ($THROUGHLINE_BENCH_WORKDIR, default $TMPDIR), so the cache
// never changes; the bundle to import is exported from the sender's copy once, outside any timing.
//
//   throughline_sync_bench --prepare-only     build the cache (if missing) and print its path
//   throughline_sync_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
//   THROUGHLINE_BENCH_WORKDIR=/dev/shm ...    work on copies in memory (no disk latency in the numbers)
#include <benchmark/benchmark.h>
#include <sodium.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "throughline/database.hpp"
#include "throughline/demo.hpp"
#include "throughline/schema.hpp"
#include "throughline/store.hpp"
#include "throughline/sync/exchange.hpp"
#include "throughline/sync/identity.hpp"
#include "throughline/vault.hpp"

namespace fs = std::filesystem;
using namespace throughline::core;
using namespace throughline::core::sync;

namespace {

constexpr const char* kPass = "sync bench passphrase 2026";
constexpr const char* kComplete = "COMPLETE";
constexpr const char* kBundle = "full.tlbundle";

/// The large sender: enough contacts for over 100,000 changes in the receiver's scope.
DemoOptions largeDemo() {
    DemoOptions d;
    d.seed = 20261101;
    d.youngPeople = 8;
    d.contacts = 8'200;
    d.today = Date{2026, 11, 1};
    return d;
}

/// The demo vault run.sh makes (`demo --seed 7 --young-people 6 --contacts 600`), on a fixed date.
DemoOptions smallDemo() {
    DemoOptions d;
    d.seed = 7;
    d.youngPeople = 6;
    d.contacts = 600;
    d.today = Date{2026, 11, 1};
    return d;
}

fs::path tmpRoot() {
    const char* t = std::getenv("TMPDIR");
    return (t && *t) ? fs::path(t) : fs::temp_directory_path();
}
fs::path workRoot() {
    const char* w = std::getenv("THROUGHLINE_BENCH_WORKDIR");
    return (w && *w) ? fs::path(w) : tmpRoot();
}
fs::path cacheDir() {
    return tmpRoot() / ("throughline-sync-bench-" + std::to_string(kSchemaVersion));
}

[[noreturn]] void die(const std::string& what) {
    std::fprintf(stderr, "throughline_sync_bench: %s\n", what.c_str());
    std::exit(1);
}

double secondsSince(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

std::unique_ptr<Vault> createVault(const fs::path& dir, const Owner& owner) {
    CreateOptions opt;
    opt.kdf = KdfParams::minimumForTests();
    opt.owner = owner;
    auto created = Vault::create(dir, kPass, opt);
    if (!created) die("cannot create a vault in " + dir.string() + ": " + created.error().message);
    return std::move(created.value().vault);
}

std::unique_ptr<Vault> openVault(const fs::path& dir) {
    auto v = Vault::open(dir, kPass);
    if (!v) die("cannot open the vault in " + dir.string() + ": " + v.error().message);
    return std::move(v.value());
}

/// Fills a sender with demo data, adds the receiver's card (verified) and shares every young person.
void fillSender(Vault& sender, const std::string& receiverCard, const DemoOptions& demo) {
    DemoSummary summary;
    if (auto s = generateDemo(sender.store(), demo, &summary); !s)
        die("demo generation failed: " + s.error().message);
    auto contact = importCard(sender, receiverCard, true);
    if (!contact) die("the sender cannot import the receiver's card: " + contact.error().message);
    auto people = sender.store().listYoungPeople();
    if (!people) die("cannot list young people: " + people.error().message);
    for (const auto& p : *people)
        if (auto s = share(sender, contact->identity.fingerprintHex(), p.id); !s)
            die("cannot share a young person: " + s.error().message);
}

/// What the cache was built from: a cache built with other demo options is rebuilt.
std::string cacheParams() {
    std::string out;
    for (const DemoOptions& d : {largeDemo(), smallDemo()})
        out += "demo seed " + std::to_string(d.seed) + " young_people " + std::to_string(d.youngPeople) +
               " contacts " + std::to_string(d.contacts) + " today " + d.today->iso() + "\n";
    return out;
}

bool cacheIsCurrent() {
    std::ifstream in(cacheDir() / kComplete);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return text.rfind(cacheParams(), 0) == 0; // false when missing or built from other options
}

void buildCache() {
    if (cacheIsCurrent()) return;
    const fs::path building = cacheDir().string() + ".building";
    fs::remove_all(building);
    fs::remove_all(cacheDir());
    fs::create_directories(building);
    std::fprintf(stderr, "Building the sync benchmark vaults in %s (once; a few seconds)...\n",
                 cacheDir().c_str());
    const auto t0 = std::chrono::steady_clock::now();
    auto receiver = createVault(
        building / "receiver", {"Sol Brannigan", "Social worker", "Harlow Vale Council Children's Services"});
    auto sender = createVault(
        building / "sender", {"Ada Quillfeather", "Residential key worker", "Fernbrook Children's Services"});
    auto small = createVault(building / "sender-small",
                             {"Wren Okonjo-Hale", "Key worker", "Fernbrook Children's Services"});
    auto receiverCard = makeCard(*receiver);
    auto senderCard = makeCard(*sender);
    auto smallCard = makeCard(*small);
    if (!receiverCard || !senderCard || !smallCard) die("cannot make the contact cards");
    fillSender(*sender, *receiverCard, largeDemo());
    fillSender(*small, *receiverCard, smallDemo());
    for (const std::string* card : {&*senderCard, &*smallCard})
        if (auto c = importCard(*receiver, *card, true); !c)
            die("the receiver cannot import a sender's card: " + c.error().message);
    const std::int64_t changes = sender->database().scalar("SELECT count(*) FROM changes");
    sender->lock();
    small->lock();
    receiver->lock();
    std::ofstream(building / kComplete)
        << cacheParams() << "sender_changes " << changes << "\nbuilt_in_seconds " << secondsSince(t0) << "\n";
    fs::rename(building, cacheDir());
    std::fprintf(stderr, "  %lld changes in the sender's change log, built in %.0f s\n",
                 static_cast<long long>(changes), secondsSince(t0));
}

std::string onlyContact(Vault& v) {
    auto contacts = listContacts(v);
    if (!contacts || contacts->size() != 1) die("the sender should have exactly one contact");
    return contacts->front().identity.fingerprintHex();
}

ExportOptions fullExport() {
    ExportOptions o;
    o.full = true; // everything in scope; the first export to a new contact sends the same
    return o;
}

/// Working copies: the senders stay open (export), the receiver is copied afresh for every import.
struct Env {
    fs::path work = workRoot() / ("throughline-sync-bench-work-" + std::to_string(::getpid()));
    fs::path bundle = work / kBundle;
    std::unique_ptr<Vault> sender, small;
    std::string receiverFp, smallReceiverFp;
    ExportSummary firstExport;
    std::int64_t senderChanges = 0;

    Env() {
        fs::remove_all(work);
        fs::create_directories(work);
        fs::copy(cacheDir() / "sender", work / "sender", fs::copy_options::recursive);
        fs::copy(cacheDir() / "sender-small", work / "sender-small", fs::copy_options::recursive);
        sender = openVault(work / "sender");
        small = openVault(work / "sender-small");
        receiverFp = onlyContact(*sender);
        smallReceiverFp = onlyContact(*small);
        senderChanges = sender->database().scalar("SELECT count(*) FROM changes");
        auto out = exportTo(*sender, receiverFp, fullExport(), bundle);
        if (!out) die("the first export failed: " + out.error().message);
        if (out->changes < 100'000)
            std::fprintf(stderr, "throughline_sync_bench: warning: only %zu changes in the bundle\n",
                         out->changes);
        firstExport = *out;
    }
    ~Env() {
        sender.reset();
        small.reset();
        std::error_code ec;
        fs::remove_all(work, ec);
    }
    /// A fresh copy of the cached receiver vault (unlocked), in `name` under the work folder.
    std::unique_ptr<Vault> freshReceiver(const std::string& name) {
        const fs::path dir = work / name;
        fs::remove_all(dir);
        fs::copy(cacheDir() / "receiver", dir, fs::copy_options::recursive);
        return openVault(dir);
    }
};

Env* g_env = nullptr;

void exportCounters(benchmark::State& state, const ExportSummary& s) {
    state.counters["changes"] = static_cast<double>(s.changes);
    state.counters["records"] = static_cast<double>(s.records);
    state.counters["bundle_bytes"] = static_cast<double>(s.bytes);
    state.counters["bytes_per_change"] = s.changes ? static_cast<double>(s.bytes) / s.changes : 0.0;
    state.counters["changes_per_s"] =
        benchmark::Counter(static_cast<double>(s.changes), benchmark::Counter::kIsIterationInvariantRate);
}

// ---------------------------------------------------------------------------------------------------
// Export

/// A full export of everything in the receiver's scope to a file: read the change log, scope and redact,
/// encode, zstd, encrypt and sign, write atomically (temp file, fsync, rename), bookkeeping and an audit
/// entry, committed. The sender stays unlocked between iterations.
void BM_Export(benchmark::State& state) {
    Vault& v = *g_env->sender;
    const fs::path out = g_env->work / "export.tlbundle";
    ExportSummary last;
    for (auto _ : state) {
        auto s = exportTo(v, g_env->receiverFp, fullExport(), out);
        if (!s) {
            state.SkipWithError(s.error().message.c_str());
            break;
        }
        last = *s;
    }
    exportCounters(state, last);
}
BENCHMARK(BM_Export)->Unit(benchmark::kMillisecond)->UseRealTime();

/// The same for the demo vault run.sh makes (6 young people, 600 contacts): bytes per change on it.
void BM_Export_RunShDemo(benchmark::State& state) {
    Vault& v = *g_env->small;
    const fs::path out = g_env->work / "export-small.tlbundle";
    ExportSummary last;
    for (auto _ : state) {
        auto s = exportTo(v, g_env->smallReceiverFp, fullExport(), out);
        if (!s) {
            state.SkipWithError(s.error().message.c_str());
            break;
        }
        last = *s;
    }
    exportCounters(state, last);
}
BENCHMARK(BM_Export_RunShDemo)->Unit(benchmark::kMillisecond)->UseRealTime();

// ---------------------------------------------------------------------------------------------------
// Import

/// Importing the full bundle into a fresh copy of the receiver (its first bundle from this sender): read
/// the file, every check of docs/bundle-format.md §4 (decrypt, signature, parse), then the merge in one
/// transaction (change log rows, each touched record re-derived, conflicts, bookkeeping, audit), committed.
/// The copy of the vault folder and the unlock happen with the timer paused, as does the lock afterwards.
void BM_Import(benchmark::State& state) {
    ImportSummary last;
    for (auto _ : state) {
        state.PauseTiming();
        auto v = g_env->freshReceiver("import");
        state.ResumeTiming();
        auto s = importFile(*v, g_env->bundle);
        state.PauseTiming();
        if (!s) {
            state.SkipWithError(s.error().message.c_str());
            break;
        }
        last = *s;
        v->lock();
        state.ResumeTiming();
    }
    state.counters["changes"] = static_cast<double>(last.received);
    state.counters["applied"] = static_cast<double>(last.applied);
    state.counters["records"] = static_cast<double>(last.records);
    state.counters["conflicts"] = static_cast<double>(last.conflicts);
    state.counters["changes_per_s"] =
        benchmark::Counter(static_cast<double>(last.received), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_Import)->Unit(benchmark::kMillisecond)->UseRealTime();

/// Importing a bundle that was already imported, into an unlocked vault (unlock excluded): read the file,
/// open this vault's recipient stanza, check the header MAC, find the bundle id among those imported and
/// refuse it as a replay ("replay"), changing nothing.
void BM_ReimportReplay(benchmark::State& state) {
    auto v = g_env->freshReceiver("replay");
    if (auto first = importFile(*v, g_env->bundle); !first) {
        state.SkipWithError(first.error().message.c_str());
        return;
    }
    for (auto _ : state) {
        auto s = importFile(*v, g_env->bundle);
        if (s || s.error().field != "replay") {
            state.SkipWithError(s ? "a replayed bundle was imported" : s.error().message.c_str());
            break;
        }
    }
    state.counters["bundle_bytes"] = static_cast<double>(g_env->firstExport.bytes);
}
BENCHMARK(BM_ReimportReplay)->Unit(benchmark::kMillisecond)->UseRealTime();

/// The same with the unlock included (test KDF: Argon2id 1 pass, 8 MiB), as `throughline-cli import` pays
/// it; with a real vault's MODERATE KDF the unlock adds about half a second.
void BM_ReimportReplay_WithUnlock(benchmark::State& state) {
    const fs::path dir = g_env->work / "replay-unlock";
    {
        auto v = g_env->freshReceiver("replay-unlock");
        if (auto first = importFile(*v, g_env->bundle); !first) {
            state.SkipWithError(first.error().message.c_str());
            return;
        }
    }
    for (auto _ : state) {
        auto v = openVault(dir);
        auto s = importFile(*v, g_env->bundle);
        if (s || s.error().field != "replay") {
            state.SkipWithError(s ? "a replayed bundle was imported" : s.error().message.c_str());
            break;
        }
        state.PauseTiming();
        v->lock();
        state.ResumeTiming();
    }
}
BENCHMARK(BM_ReimportReplay_WithUnlock)->Unit(benchmark::kMillisecond)->UseRealTime();

} // namespace

int main(int argc, char** argv) {
    bool prepareOnly = false;
    std::vector<char*> args;
    for (int i = 0; i < argc; ++i) {
        if (std::strcmp(argv[i], "--prepare-only") == 0)
            prepareOnly = true;
        else
            args.push_back(argv[i]);
    }
    int n = static_cast<int>(args.size());
    benchmark::Initialize(&n, args.data());
    if (benchmark::ReportUnrecognizedArguments(n, args.data())) return 1;
    if (sodium_init() < 0) die("libsodium failed to initialise");
    buildCache();
    if (prepareOnly) {
        std::printf("%s\n", cacheDir().c_str());
        return 0;
    }
    const auto t0 = std::chrono::steady_clock::now();
    Env env;
    g_env = &env;
    std::fprintf(stderr, "Copied the vaults and exported the bundle to import in %.1f s\n", secondsSince(t0));
    benchmark::AddCustomContext("sender_changes", std::to_string(env.senderChanges));
    benchmark::AddCustomContext("bundle_changes", std::to_string(env.firstExport.changes));
    benchmark::AddCustomContext("bundle_records", std::to_string(env.firstExport.records));
    benchmark::AddCustomContext("bundle_bytes", std::to_string(env.firstExport.bytes));
    benchmark::AddCustomContext("sender_db_bytes",
                                std::to_string(fs::file_size(env.work / "sender" / VaultFiles::database)));
    benchmark::AddCustomContext("cache_dir", cacheDir().string());
    benchmark::AddCustomContext("work_dir", env.work.string());
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    g_env = nullptr;
    return 0;
}
