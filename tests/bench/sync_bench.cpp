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
#include <malloc.h>
#include <unistd.h>

#include <optional>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "throughline/db/database.hpp"
#include "throughline/records/demo.hpp"
#include "throughline/db/schema.hpp"
#include "throughline/base/secure_bytes.hpp"
#include "throughline/records/store.hpp"
#include "throughline/sync/exchange.hpp"
#include "throughline/testing/bench_main.hpp"
#include "throughline/testing/test_vault.hpp"
#include "throughline/contacts/contacts.hpp"
#include "throughline/vault/vault.hpp"

namespace fs = std::filesystem;
using namespace throughline::core;
using namespace throughline::core::sync;
using namespace throughline::core::contacts;

namespace {

constexpr const char* kPass = throughline::testing::kFixturePass;
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
    try {
        return throughline::testing::makeVault(dir, {.owner = owner}).vault;
    } catch (const std::exception& e) {
        die("cannot create a vault in " + dir.string() + ": " + e.what());
    }
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
    std::string out = "passphrase: the tests' kFixturePass\n"; // caches from before it are built again
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
// Full exports from `v` to `receiverFp` into `out`, as often as the benchmark asks.
void exportLoop(benchmark::State& state, Vault& v, const std::string& receiverFp, const fs::path& out) {
    ExportSummary last;
    for (auto _ : state) {
        auto s = exportTo(v, receiverFp, fullExport(), out);
        if (!s) {
            state.SkipWithError(s.error().message.c_str());
            break;
        }
        last = *s;
    }
    exportCounters(state, last);
}

void BM_Export(benchmark::State& state) {
    exportLoop(state, *g_env->sender, g_env->receiverFp, g_env->work / "export.tlbundle");
}
BENCHMARK(BM_Export)->Unit(benchmark::kMillisecond)->UseRealTime();

/// The same for the demo vault run.sh makes (6 young people, 600 contacts): bytes per change on it.
void BM_Export_RunShDemo(benchmark::State& state) {
    exportLoop(state, *g_env->small, g_env->smallReceiverFp, g_env->work / "export-small.tlbundle");
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
        if (s || s.error().reason != ErrorReason::BundleReplay) {
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
        if (s || s.error().reason != ErrorReason::BundleReplay) {
            state.SkipWithError(s ? "a replayed bundle was imported" : s.error().message.c_str());
            break;
        }
        state.PauseTiming();
        v->lock();
        state.ResumeTiming();
    }
}
BENCHMARK(BM_ReimportReplay_WithUnlock)->Unit(benchmark::kMillisecond)->UseRealTime();

// ---------------------------------------------------------------------------------------------------
// Peak memory of an import (issue 9 §7). Linux keeps a process's peak resident set (VmHWM); writing "5" to
// /proc/self/clear_refs resets it to the current resident set, so each iteration measures its own peak.
// Counters: peak_MiB (VmHWM after the import), base_MiB (resident before it), over_base_MiB (the growth
// the import itself caused: what matters).

std::int64_t statusKiB(const char* key) {
    std::ifstream in("/proc/self/status");
    std::string line;
    const std::size_t n = std::strlen(key);
    while (std::getline(in, line))
        if (line.compare(0, n, key) == 0) return std::strtoll(line.c_str() + n + 1, nullptr, 10);
    return -1;
}

bool resetPeak() {
    // Freed memory the allocator still holds (earlier iterations, the vault closed before) goes back to the
    // system first, so that the peak measures what this operation needs, not what was lying about.
    malloc_trim(0);
    std::ofstream out("/proc/self/clear_refs");
    out << "5";
    return static_cast<bool>(out.flush());
}

struct PeakCounters {
    double peak = 0, base = 0, over = 0;
    void record(std::int64_t baseKiB) {
        const std::int64_t peakKiB = statusKiB("VmHWM:");
        peak = std::max(peak, peakKiB / 1024.0);
        base = std::max(base, baseKiB / 1024.0);
        over = std::max(over, (peakKiB - baseKiB) / 1024.0);
    }
    void report(benchmark::State& state) const {
        state.counters["peak_MiB"] = peak;
        state.counters["base_MiB"] = base;
        state.counters["over_base_MiB"] = over;
    }
};

/// Peak memory of importing the full bundle (over 100,000 changes) into a fresh copy of the receiver.
void BM_ImportPeakRss(benchmark::State& state) {
    PeakCounters peak;
    ImportSummary last;
    for (auto _ : state) {
        state.PauseTiming();
        auto v = g_env->freshReceiver("import-rss");
        if (!resetPeak()) {
            state.SkipWithError("cannot reset the peak resident set (/proc/self/clear_refs)");
            break;
        }
        const std::int64_t base = statusKiB("VmRSS:");
        state.ResumeTiming();
        auto s = importFile(*v, g_env->bundle);
        state.PauseTiming();
        peak.record(base);
        if (!s) {
            state.SkipWithError(s.error().message.c_str());
            break;
        }
        last = *s;
        v->lock();
        state.ResumeTiming();
    }
    peak.report(state);
    state.counters["changes"] = static_cast<double>(last.received);
    state.counters["bundle_bytes"] = static_cast<double>(g_env->firstExport.bytes);
}
BENCHMARK(BM_ImportPeakRss)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

/// Reading alone (every check, both passes, decoding into `Change`s) of the full bundle, without the merge:
/// the peak over the base is the two chunk buffers, the zstd window and the decoded changes. decoded_MiB is
/// what the decoded changes themselves occupy (the vector and every string's heap buffer).
// Pauses the timer, resets the peak resident set and reads the resident set it starts from, then resumes
// the timer: nullopt (the benchmark skipped with the reason) when the peak cannot be reset.
std::optional<std::int64_t> startPeakWindow(benchmark::State& state) {
    state.PauseTiming();
    if (!resetPeak()) {
        state.SkipWithError("cannot reset the peak resident set (/proc/self/clear_refs)");
        return std::nullopt;
    }
    const std::int64_t base = statusKiB("VmRSS:");
    state.ResumeTiming();
    return base;
}

void BM_ReadBundlePeakRss(benchmark::State& state) {
    auto v = g_env->freshReceiver("read-rss");
    auto own = ownIdentity(*v);
    auto keys = ownSecretKeys(*v);
    if (!own || !keys) {
        state.SkipWithError("no receiver keys");
        return;
    }
    PeakCounters peak;
    double decoded = 0;
    std::size_t changes = 0;
    for (auto _ : state) {
        const auto base = startPeakWindow(state);
        if (!base) break;
        auto input = openBundleFile(g_env->bundle);
        if (!input) {
            state.SkipWithError(input.error().message.c_str());
            break;
        }
        auto contents =
            readBundle(**input, own->boxKey, keys->boxSecret, own->fingerprint(),
                       [&](const Key32& signKey) -> Result<Key32> {
                           auto c = contactBySignKey(*v, signKey);
                           if (!c || !*c)
                               return makeError(ErrorCode::Invalid, ErrorReason::UnknownSender, "unknown");
                           return (*c)->identity.fingerprint();
                       });
        state.PauseTiming();
        peak.record(*base);
        if (!contents) {
            state.SkipWithError(contents.error().message.c_str());
            break;
        }
        changes = contents->changes.size();
        std::size_t bytes = contents->changes.capacity() * sizeof(Change);
        for (const auto& c : contents->changes)
            for (const std::string* t :
                 {&c.changeId, &c.recordId, &c.field, &c.value, &c.device, &c.author, &c.base})
                if (t->capacity() > 15) bytes += t->capacity() + 1; // beyond the small-string buffer
        decoded = bytes / 1048576.0;
        state.ResumeTiming();
    }
    peak.report(state);
    state.counters["changes"] = static_cast<double>(changes);
    state.counters["decoded_MiB"] = decoded;
}
BENCHMARK(BM_ReadBundlePeakRss)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

/// Writes `size` bytes of a file chunk by chunk, never holding it whole.
void writeLarge(const fs::path& file, std::uint64_t size,
                const std::function<void(std::vector<std::uint8_t>&, std::uint64_t at)>& fill) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    std::vector<std::uint8_t> buf;
    for (std::uint64_t at = 0; at < size;) {
        const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(1 << 20, size - at));
        buf.resize(n);
        fill(buf, at);
        out.write(reinterpret_cast<const char*>(buf.data()), static_cast<std::streamsize>(n));
        at += n;
    }
    if (!out.flush()) die("cannot write " + file.string());
}

constexpr std::uint64_t kJunkBytes = 500'000'000;

/// A 500 MB file of random bytes dropped in the inbox: refused at its first bytes ("not a bundle").
const fs::path& junkFile() {
    static const fs::path file = [] {
        const fs::path f = g_env->work / "junk-500MB.thrl";
        writeLarge(f, kJunkBytes,
                   [](std::vector<std::uint8_t>& b, std::uint64_t) { randombytes_buf(b.data(), b.size()); });
        return f;
    }();
    return file;
}

/// The costly kind of junk: 500 MB properly encrypted to the receiver (anyone with their contact card can
/// make one) and signed by a stranger. Every chunk authenticates, so the reader decrypts and hashes all of
/// it before the signature and the signer can be judged; it is refused as "unknown-sender".
const fs::path& hostileFile() {
    static const fs::path file = [] {
        const fs::path f = g_env->work / "stranger-500MB.thrl";
        auto receiver = g_env->freshReceiver("stranger-target");
        auto rid = ownIdentity(*receiver);
        if (!rid) die("no receiver identity");
        receiver->lock();
        SecureBytes signSk(64);
        Key32 signPk{};
        crypto_sign_keypair(signPk.data(), signSk.data());
        std::uint8_t fileKey[32], payloadKey[32], macKey[32];
        randombytes_buf(fileKey, 32);
        const char ctx[8] = {'T', 'L', 'B', 'U', 'N', 'D', 'L', 'E'};
        crypto_kdf_derive_from_key(payloadKey, 32, 1, ctx, fileKey);
        crypto_kdf_derive_from_key(macKey, 32, 2, ctx, fileKey);
        std::vector<std::uint8_t> h = {'T', 'H', 'R', 'L', 'B', 'N', 'D', 'L', 3, 0, 0, 0};
        std::uint8_t id[16];
        randombytes_buf(id, 16);
        h.insert(h.end(), id, id + 16);
        h.push_back(1);
        std::uint8_t stanza[80];
        crypto_box_seal(stanza, fileKey, 32, rid->boxKey.data());
        h.insert(h.end(), stanza, stanza + 80);
        crypto_secretstream_xchacha20poly1305_state st;
        std::uint8_t sh[24];
        crypto_secretstream_xchacha20poly1305_init_push(&st, sh, payloadKey);
        h.insert(h.end(), sh, sh + 24);
        std::uint8_t mac[32];
        crypto_generichash(mac, 32, h.data(), h.size(), macKey, 32);
        h.insert(h.end(), mac, mac + 32);
        // Plaintext: key, zstd, a small body size, the stored bytes (random), then the signature.
        const std::uint64_t chunks = (kJunkBytes - h.size()) / (65536 + 17);
        const std::uint64_t plainSize = chunks * 65536 - 1; // ends in a short final chunk
        const std::uint64_t stored = plainSize - 41 - 64;
        std::vector<std::uint8_t> prefix(signPk.begin(), signPk.end());
        prefix.push_back(1);
        for (std::uint64_t v : {std::uint64_t{1000}, stored})
            for (int i = 0; i < 4; ++i)
                prefix.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
        crypto_sign_state sig;
        crypto_sign_init(&sig);
        crypto_sign_update(&sig, reinterpret_cast<const unsigned char*>("THRLBNDL-SIG-3"), 14);
        crypto_sign_update(&sig, h.data(), h.size());
        std::ofstream out(f, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(h.data()), static_cast<std::streamsize>(h.size()));
        std::vector<std::uint8_t> plain(65536), cipher(65536 + 17);
        std::uint64_t at = 0;
        while (at < plainSize) {
            const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(65536, plainSize - at));
            plain.resize(n);
            randombytes_buf(plain.data(), n);
            for (std::size_t i = 0; i < n; ++i) {
                const std::uint64_t pos = at + i;
                if (pos < prefix.size()) plain[i] = prefix[pos];
            }
            // Everything before the last 64 bytes is signed; the last 64 are the signature.
            const std::uint64_t sigAt = plainSize - 64;
            const std::size_t signedHere =
                static_cast<std::size_t>(at >= sigAt ? 0 : std::min<std::uint64_t>(n, sigAt - at));
            crypto_sign_update(&sig, plain.data(), signedHere);
            if (at + n == plainSize) {
                std::uint8_t s64[64];
                crypto_sign_final_create(&sig, s64, nullptr, signSk.data());
                std::memcpy(plain.data() + n - 64, s64, 64); // the final chunk holds at least 64 bytes
            }
            const bool last = at + n == plainSize;
            crypto_secretstream_xchacha20poly1305_push(
                &st, cipher.data(), nullptr, plain.data(), n, nullptr, 0,
                last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
                     : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
            out.write(reinterpret_cast<const char*>(cipher.data()), static_cast<std::streamsize>(n + 17));
            at += n;
        }
        if (!out.flush()) die("cannot write " + f.string());
        return f;
    }();
    return file;
}

void refusePeak(benchmark::State& state, const fs::path& file, const char* expectedKey) {
    PeakCounters peak;
    auto v = g_env->freshReceiver("refuse-rss");
    for (auto _ : state) {
        const auto base = startPeakWindow(state);
        if (!base) break;
        auto s = importFile(*v, file);
        state.PauseTiming();
        peak.record(*base);
        state.ResumeTiming();
        if (s || enumKey(s.error().reason) != expectedKey) {
            state.SkipWithError(s ? "the junk was imported"
                                  : ("refused as " + std::string(enumKey(s.error().reason))).c_str());
            break;
        }
    }
    peak.report(state);
    state.counters["file_bytes"] = static_cast<double>(fs::file_size(file));
}

/// Refusing 500 MB of random bytes.
void BM_RefuseJunk500MB_PeakRss(benchmark::State& state) {
    refusePeak(state, junkFile(), "header");
}
BENCHMARK(BM_RefuseJunk500MB_PeakRss)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

/// Refusing 500 MB encrypted to the receiver and signed by a stranger (read in full before refusing).
void BM_RefuseStranger500MB_PeakRss(benchmark::State& state) {
    refusePeak(state, hostileFile(), "unknown-sender");
}
BENCHMARK(BM_RefuseStranger500MB_PeakRss)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

} // namespace

int main(int argc, char** argv) {
    bool prepareOnly = false;
    if (!tlbench::startBenchmarks(argc, argv, prepareOnly)) return 1;
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
