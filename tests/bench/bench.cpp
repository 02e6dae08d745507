// Throughline benchmarks (Google Benchmark). Not a test: numbers go in docs/benchmarks.md, never in
// assertions.
//
// A synthetic vault of 100 young people and 100,000 contacts (core's seeded demo generator) is built once
// and cached in $TMPDIR/throughline-bench-vault-<schema> (KDF: KdfParams::minimumForTests()), with a
// plain (unencrypted, same SQLCipher library, no key) twin in $TMPDIR/throughline-bench-plain-<schema>.
// Each run works on fresh copies of both, so saves never change the cache.
//
//   throughline_bench --prepare-only        build the caches (if missing) and print the vault's path
//   THROUGHLINE_BENCH_WORKDIR=/dev/shm ...  run on copies in memory (no disk latency in the numbers)
//   throughline_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>

#include "throughline/db/database.hpp"
#include "throughline/records/demo.hpp"
#include "throughline/vault/key_header.hpp"
#include "throughline/records/records.hpp"
#include "throughline/db/schema.hpp"
#include "throughline/records/store.hpp"
#include "throughline/vault/vault.hpp"
#include "throughline/testing/bench_main.hpp"
#include "throughline/testing/test_vault.hpp"

// From SQLCipher's sqlite3.h (linked through core): whether a connection serialises every API call.
struct sqlite3_mutex;
extern "C" sqlite3_mutex* sqlite3_db_mutex(sqlite3*);

namespace fs = std::filesystem;
using namespace throughline::core;

namespace {

constexpr const char* kPass = throughline::testing::kFixturePass;
constexpr int kPeople = 100;
constexpr int kContacts = 100'000;
constexpr std::uint64_t kSeed = 20260303;
constexpr const char* kDevice = "be0c4f5e9a1d2b3c";
constexpr const char* kAuthor = "Bench Worker";

fs::path tmpRoot() {
    const char* t = std::getenv("TMPDIR");
    return (t && *t) ? fs::path(t) : fs::temp_directory_path();
}
fs::path vaultCache() {
    return tmpRoot() / ("throughline-bench-vault-" + std::to_string(kSchemaVersion));
}
fs::path plainCache() {
    return tmpRoot() / ("throughline-bench-plain-" + std::to_string(kSchemaVersion));
}
constexpr const char* kComplete = "COMPLETE";

[[noreturn]] void die(const std::string& what) {
    std::fprintf(stderr, "throughline_bench: %s\n", what.c_str());
    std::exit(1);
}

double secondsSince(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

void writeSummary(const fs::path& file, const DemoSummary& s, double seconds) {
    std::ofstream out(file);
    out << "young_people " << s.youngPeople << "\nplacements " << s.placements << "\nnetwork_members "
        << s.networkMembers << "\ncontacts " << s.contacts << "\nactions " << s.actions
        << "\nmissing_episodes " << s.missingEpisodes << "\ngenerated_in_seconds " << seconds << "\n";
}

DemoOptions demoOptions() {
    DemoOptions d;
    d.seed = kSeed;
    d.youngPeople = kPeople;
    d.contacts = kContacts;
    return d;
}

// The data key of a vault folder, unwrapped with kPass (fails for a cache built with another passphrase).
std::optional<SecureBytes> unwrapDataKey(const fs::path& dir) {
    std::ifstream in(dir / VaultFiles::header, std::ios::binary);
    std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto header = KeyHeader::parse(bytes);
    if (!header) return std::nullopt;
    auto key = header->unwrapWithPassphrase(kPass);
    if (!key) return std::nullopt;
    return std::move(key.value());
}

void buildVaultCache() {
    if (fs::exists(vaultCache() / kComplete) && unwrapDataKey(vaultCache())) return;
    const fs::path building = vaultCache().string() + ".building";
    fs::remove_all(building);
    fs::remove_all(vaultCache());
    std::fprintf(stderr, "Building the benchmark vault in %s (once; takes a few minutes)...\n",
                 vaultCache().c_str());
    const auto t0 = std::chrono::steady_clock::now();
    CreateOptions opt;
    opt.kdf = KdfParams::minimumForTests();
    opt.owner = {kAuthor, "Key worker", "Fernbrook Children's Services"};
    auto created = Vault::create(building, kPass, opt);
    if (!created) die("cannot create the vault: " + created.error().message);
    DemoSummary summary;
    if (auto s = generateDemo(created.value().vault->store(), demoOptions(), &summary); !s)
        die("demo generation failed: " + s.error().message);
    created.value().vault->lock();
    writeSummary(building / kComplete, summary, secondsSince(t0));
    fs::rename(building, vaultCache());
    std::fprintf(stderr, "  %lld contacts in %.0f s\n", static_cast<long long>(summary.contacts),
                 secondsSince(t0));
}

// The same schema and pragmas as a vault, minus the key. secure_delete and foreign_keys match the
// encrypted connection so the comparison isolates the cost of encryption.
Database openPlain(const fs::path& file) {
    Database db = Database::openUnencrypted(file);
    db.exec("PRAGMA secure_delete = ON");
    db.exec("PRAGMA foreign_keys = ON");
    return db;
}

void buildPlainCache() {
    if (fs::exists(plainCache() / kComplete)) return;
    const fs::path building = plainCache().string() + ".building";
    fs::remove_all(building);
    fs::remove_all(plainCache());
    fs::create_directories(building);
    std::fprintf(stderr, "Building the plain twin in %s ...\n", plainCache().c_str());
    const auto t0 = std::chrono::steady_clock::now();
    DemoSummary summary;
    {
        Database db = openPlain(building / "plain.db");
        db.exec("PRAGMA page_size = 4096"); // the vault's cipher_page_size
        migrate(db);
        db.exec(std::string("INSERT INTO meta (key, value) VALUES ('device_id', '") + kDevice +
                "'), ('owner_name', '" + kAuthor + "')");
        Store store(db, kDevice, kAuthor);
        if (auto s = generateDemo(store, demoOptions(), &summary); !s)
            die("demo generation (plain) failed: " + s.error().message);
    }
    writeSummary(building / kComplete, summary, secondsSince(t0));
    fs::rename(building, plainCache());
    std::fprintf(stderr, "  %lld contacts in %.0f s\n", static_cast<long long>(summary.contacts),
                 secondsSince(t0));
}

/// The young person the home-screen benchmark loads: the largest network, then contacts nearest 1000.
struct Pick {
    std::string id;
    std::int64_t members = 0, contacts = 0;
    std::vector<std::string> memberIds;
};

Pick pickPerson(Database& db) {
    Pick p;
    auto s =
        db.prepare("SELECT p.id, (SELECT count(*) FROM network_member m WHERE m.young_person_id = p.id AND "
                   "m.deleted = 0) AS nm, "
                   "(SELECT count(*) FROM contact c WHERE c.young_person_id = p.id AND c.deleted = 0) AS nc "
                   "FROM young_person p WHERE p.deleted = 0 ORDER BY nm DESC, abs(nc - 1000) ASC LIMIT 1");
    if (!s.step()) die("no young person in the benchmark vault");
    p.id = s.text(0);
    p.members = s.integer(1);
    p.contacts = s.integer(2);
    auto m =
        db.prepare("SELECT id FROM network_member WHERE young_person_id = ? AND deleted = 0 ORDER BY id");
    m.bind(1, p.id);
    while (m.step())
        p.memberIds.push_back(m.text(0));
    return p;
}

/// The person with the fewest contacts other than `not`: the save benchmarks add contacts to them.
Pick pickWriter(Database& db, const std::string& notId) {
    Pick p;
    auto s = db.prepare("SELECT p.id, (SELECT count(*) FROM contact c WHERE c.young_person_id = p.id) AS nc "
                        "FROM young_person p WHERE p.deleted = 0 AND p.id <> ? ORDER BY nc ASC LIMIT 1");
    s.bind(1, notId);
    if (!s.step()) die("no second young person in the benchmark vault");
    p.id = s.text(0);
    p.contacts = s.integer(1);
    auto m =
        db.prepare("SELECT id FROM network_member WHERE young_person_id = ? AND deleted = 0 ORDER BY id");
    m.bind(1, p.id);
    while (m.step())
        p.memberIds.push_back(m.text(0));
    p.members = static_cast<std::int64_t>(p.memberIds.size());
    return p;
}

fs::path workRoot() {
    const char* w = std::getenv("THROUGHLINE_BENCH_WORKDIR");
    return (w && *w) ? fs::path(w) : tmpRoot();
}

/// Working copies of both caches, the open vault and the open plain database.
struct Env {
    // THROUGHLINE_BENCH_WORKDIR puts the working copies elsewhere (e.g. /dev/shm to take the disk out).
    fs::path work = workRoot() / ("throughline-bench-work-" + std::to_string(::getpid()));
    fs::path vaultDir = work / "vault";
    fs::path plainFile = work / "plain.db";
    std::unique_ptr<Vault> vault;
    Database plainDb;
    std::unique_ptr<Store> plainStore;
    Pick vaultPick, plainPick;     // the home-screen person (read benchmarks)
    Pick vaultWriter, plainWriter; // another person the save benchmarks write to, so reads stay comparable
    SecureBytes dataKey;

    Env() {
        fs::remove_all(work);
        fs::create_directories(work);
        const auto t0 = std::chrono::steady_clock::now();
        fs::copy(vaultCache(), vaultDir, fs::copy_options::recursive);
        fs::copy_file(plainCache() / "plain.db", plainFile);
        std::fprintf(stderr, "Copied the caches to %s in %.1f s\n", work.c_str(), secondsSince(t0));
        // The data key, for the benchmark of the database half of unlocking.
        auto key = unwrapDataKey(vaultDir);
        if (!key) die("cannot unwrap the bench vault's key");
        dataKey = std::move(*key);
        plainDb = openPlain(plainFile);
        plainStore = std::make_unique<Store>(plainDb, kDevice, kAuthor);
        // The generator makes networks of 10-40; give the home-screen person exactly 40 (in the working
        // copies only) so the benchmark loads the largest network a person may have.
        topUpNetwork(*plainStore, pickPerson(plainDb));
        // Reopen, as the vault is reopened below: the close checkpoints the WAL, so both start alike.
        plainStore.reset();
        plainDb.close();
        plainDb = openPlain(plainFile);
        plainStore = std::make_unique<Store>(plainDb, kDevice, kAuthor);
        plainPick = pickPerson(plainDb);
        plainWriter = pickWriter(plainDb, plainPick.id);
        Vault& v = openVault();
        topUpNetwork(v.store(), pickPerson(v.database()));
        closeVault();
    }
    static void topUpNetwork(Store& store, const Pick& p) {
        static const char* const names[] = {"Aunt Marisol",   "Coach Denholm",   "Youth club (Wrenfield)",
                                            "Cousin Tobiah",  "Mentor Priyanka", "Nan Ogilvie",
                                            "Friend Casimir", "Boxing club",     "Library homework club",
                                            "Step-dad Lorcan"};
        for (std::int64_t i = p.members; i < 40; ++i) {
            NetworkMember m;
            m.youngPersonId = p.id;
            m.name = names[i % 10];
            m.role = Role::Mentor;
            m.track = Track::PeerCommunity;
            if (auto s = store.save(m); !s) die("cannot add a network member: " + s.error().message);
        }
    }
    ~Env() {
        vault.reset();
        plainStore.reset();
        plainDb.close();
        std::error_code ec;
        fs::remove_all(work, ec);
    }
    Vault& openVault() {
        if (!vault) {
            auto v = Vault::open(vaultDir, kPass);
            if (!v) die("cannot open the bench vault: " + v.error().message);
            vault = std::move(v.value());
            vaultPick = pickPerson(vault->database());
            vaultWriter = pickWriter(vault->database(), vaultPick.id);
        }
        return *vault;
    }
    void closeVault() { vault.reset(); }
};

Env* g_env = nullptr;

// ---------------------------------------------------------------------------------------------------
// Unlock

/// Vault::open end to end: header read, Argon2id (minimumForTests: 1 pass, 8 MiB), data key unwrap,
/// database open and key check, migration check, meta read, audit entry (a committed write), and lock.
void BM_Unlock_VaultOpen(benchmark::State& state) {
    g_env->closeVault();
    for (auto _ : state) {
        auto v = Vault::open(g_env->vaultDir, kPass);
        if (!v) {
            state.SkipWithError(v.error().message.c_str());
            break;
        }
        state.PauseTiming();
        v.value()->lock();
        state.ResumeTiming();
    }
}
BENCHMARK(BM_Unlock_VaultOpen)->Unit(benchmark::kMillisecond)->UseRealTime();

/// What a key worker waits for, with vault.db evicted from the OS page cache first (posix_fadvise
/// DONTNEED on that file only, as after a reboot or a long idle): Vault::open, then the first screen's
/// query (the list of young people).
void BM_Unlock_ColdToFirstScreen(benchmark::State& state) {
    g_env->closeVault();
    const fs::path db = g_env->vaultDir / VaultFiles::database;
    for (auto _ : state) {
        state.PauseTiming();
        const int fd = ::open(db.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd >= 0) {
            ::fdatasync(fd);
            ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
            ::close(fd);
        }
        state.ResumeTiming();
        auto v = Vault::open(g_env->vaultDir, kPass);
        if (!v) {
            state.SkipWithError(v.error().message.c_str());
            break;
        }
        auto list = v.value()->store().listYoungPeople();
        if (!list) state.SkipWithError(list.error().message.c_str());
        benchmark::DoNotOptimize(list);
        state.PauseTiming();
        v.value()->lock();
        state.ResumeTiming();
    }
}
BENCHMARK(BM_Unlock_ColdToFirstScreen)->Unit(benchmark::kMillisecond)->UseRealTime();

/// The Argon2id derivation inside BM_Unlock_VaultOpen (same parameters), to subtract from it.
void BM_Unlock_Argon2idOnly(benchmark::State& state) {
    const KdfParams p = KdfParams::minimumForTests();
    unsigned char out[32], salt[crypto_pwhash_SALTBYTES] = {7};
    for (auto _ : state) {
        if (crypto_pwhash(out, sizeof out, kPass, std::strlen(kPass), salt, p.opsLimit, p.memLimitBytes,
                          crypto_pwhash_ALG_ARGON2ID13) != 0)
            state.SkipWithError("crypto_pwhash failed");
        benchmark::DoNotOptimize(out);
    }
}
BENCHMARK(BM_Unlock_Argon2idOnly)->Unit(benchmark::kMillisecond)->UseRealTime();

/// The database half of unlocking, measured directly: SQLCipher open with the raw key, key check,
/// pragmas, schema version and (no-op) migration, the meta read, then the first screen's query
/// (the list of young people, with current placement, last contact and open actions for each).
void BM_Unlock_DatabaseToFirstScreen(benchmark::State& state) {
    g_env->closeVault();
    for (auto _ : state) {
        Database db = Database::open(g_env->vaultDir / VaultFiles::database, g_env->dataKey);
        if (schemaVersion(db) != kSchemaVersion) state.SkipWithError("unexpected schema");
        migrate(db);
        const std::string device = db.scalarText("SELECT value FROM meta WHERE key = 'device_id'");
        Store store(db, device, kAuthor);
        auto list = store.listYoungPeople();
        if (!list || list->size() != static_cast<std::size_t>(kPeople)) state.SkipWithError("list failed");
        benchmark::DoNotOptimize(list);
        state.PauseTiming();
        db.close();
        state.ResumeTiming();
    }
}
BENCHMARK(BM_Unlock_DatabaseToFirstScreen)->Unit(benchmark::kMillisecond)->UseRealTime();

/// Only the first-screen query on an already open vault (warm cache).
void BM_FirstScreen_ListYoungPeople(benchmark::State& state) {
    Store& store = g_env->openVault().store();
    for (auto _ : state) {
        auto list = store.listYoungPeople();
        if (!list) state.SkipWithError(list.error().message.c_str());
        benchmark::DoNotOptimize(list);
    }
}
BENCHMARK(BM_FirstScreen_ListYoungPeople)->Unit(benchmark::kMillisecond)->UseRealTime();

// ---------------------------------------------------------------------------------------------------
// Save and load, encrypted (arg 1) and plain (arg 0)

Store& storeFor(const benchmark::State& state) {
    return state.range(0) ? g_env->openVault().store() : *g_env->plainStore;
}
const Pick& pickFor(const benchmark::State& state) {
    if (state.range(0)) g_env->openVault();
    return state.range(0) ? g_env->vaultPick : g_env->plainPick;
}
const Pick& writerFor(const benchmark::State& state) {
    if (state.range(0)) g_env->openVault();
    return state.range(0) ? g_env->vaultWriter : g_env->plainWriter;
}

ContactRecord benchContact(const Pick& p, std::int64_t n) {
    ContactRecord c;
    c.youngPersonId = p.id;
    c.kind = ContactKind::FamilyTime;
    c.status = ContactStatus::Happened;
    c.date = Date::today();
    c.startTime = TimeOfDay{16 * 60};
    c.durationMinutes = 60;
    if (!p.memberIds.empty()) {
        c.participantIds.push_back(p.memberIds[static_cast<std::size_t>(n) % p.memberIds.size()]);
        c.participantIds.push_back(p.memberIds[static_cast<std::size_t>(n + 7) % p.memberIds.size()]);
    }
    c.place = Place::PlacementArea;
    c.placeNote = "Wrenfield leisure centre cafe";
    c.youngPersonWords = "It was good to see them. Can we do bowling next time?";
    c.observations = "Relaxed and chatty; talked about college and the bus route home. Benchmark contact " +
                     std::to_string(n) + ".";
    c.rating = Rating::Good;
    c.uses = static_cast<std::uint32_t>(Use::Consistency);
    return c;
}

/// The young person home screen: person, current placement, network with last contact and count per
/// member, the 50 most recent contacts, missing episodes, open actions.
void BM_LoadHome(benchmark::State& state) {
    Store& store = storeFor(state);
    const Pick& pick = pickFor(state);
    for (auto _ : state) {
        auto home = store.loadHome(pick.id);
        if (!home) state.SkipWithError(home.error().message.c_str());
        benchmark::DoNotOptimize(home);
    }
    state.counters["network_members"] = static_cast<double>(pick.members);
    state.counters["contacts_of_person"] = static_cast<double>(pick.contacts);
    state.SetLabel(state.range(0) ? "encrypted" : "plain");
}
BENCHMARK(BM_LoadHome)->ArgName("encrypted")->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond)->UseRealTime();

/// The home screen on a fresh connection (SQLite's page cache empty, the OS cache warm): every page the
/// query touches is read and, in the vault, decrypted and authenticated. Only loadHome is timed.
void BM_LoadHome_NewConnection(benchmark::State& state) {
    const bool encrypted = state.range(0) != 0;
    const Pick& pick = pickFor(state);
    if (encrypted) g_env->closeVault();
    for (auto _ : state) {
        state.PauseTiming();
        Database db = encrypted ? Database::open(g_env->vaultDir / VaultFiles::database, g_env->dataKey)
                                : openPlain(g_env->plainFile);
        {
            Store store(db, kDevice, kAuthor);
            state.ResumeTiming();
            auto home = store.loadHome(pick.id);
            state.PauseTiming();
            if (!home) {
                std::fprintf(stderr, "loadHome: %s\n", home.error().message.c_str());
                state.SkipWithError("loadHome failed");
            }
            benchmark::DoNotOptimize(home);
        }
        db.close();
        state.ResumeTiming();
    }
    state.SetLabel(encrypted ? "encrypted" : "plain");
}
BENCHMARK(BM_LoadHome_NewConnection)
    ->ArgName("encrypted")
    ->Arg(1)
    ->Arg(0)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

/// All of one young person's contacts (about 1000), newest first: the contacts tab and reports.
void BM_LoadAllContactsOfPerson(benchmark::State& state) {
    Store& store = storeFor(state);
    const Pick& pick = pickFor(state);
    for (auto _ : state) {
        auto all = store.contacts(pick.id);
        if (!all) state.SkipWithError(all.error().message.c_str());
        benchmark::DoNotOptimize(all);
    }
    state.SetLabel(state.range(0) ? "encrypted" : "plain");
}
BENCHMARK(BM_LoadAllContactsOfPerson)
    ->ArgName("encrypted")
    ->Arg(1)
    ->Arg(0)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

/// Saving a new contact: validation, the row, one change-log row per non-empty field, the participant
/// index rows, committed (WAL, synchronous = FULL: one fsync per commit).
void BM_SaveContact(benchmark::State& state) {
    Store& store = storeFor(state);
    const Pick& pick = writerFor(state);
    std::int64_t n = 0;
    for (auto _ : state) {
        ContactRecord c = benchContact(pick, n++);
        auto id = store.save(c);
        if (!id) state.SkipWithError(id.error().message.c_str());
    }
    state.SetLabel(state.range(0) ? "encrypted" : "plain");
}
BENCHMARK(BM_SaveContact)->ArgName("encrypted")->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond)->UseRealTime();

/// Editing one field of an existing contact (read it, diff, update, one change row, commit).
void BM_EditContact(benchmark::State& state) {
    Store& store = storeFor(state);
    const Pick& pick = writerFor(state);
    ContactRecord c = benchContact(pick, 0);
    if (auto id = store.save(c); !id) {
        state.SkipWithError(id.error().message.c_str());
        return;
    }
    std::int64_t n = 0;
    for (auto _ : state) {
        c.observations = "Edited observation number " + std::to_string(n++) + ".";
        auto id = store.save(c);
        if (!id) state.SkipWithError(id.error().message.c_str());
    }
    state.SetLabel(state.range(0) ? "encrypted" : "plain");
}
BENCHMARK(BM_EditContact)->ArgName("encrypted")->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond)->UseRealTime();

// ---------------------------------------------------------------------------------------------------
// The disk: what one durable commit costs here, to read the save numbers against.

void BM_Disk_Write4KiBAndFdatasync(benchmark::State& state) {
    const fs::path file = g_env->work / "fsync-probe";
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        state.SkipWithError("cannot create the probe file");
        return;
    }
    char page[4096] = {1};
    off_t off = 0;
    for (auto _ : state) {
        if (::pwrite(fd, page, sizeof page, off) != static_cast<ssize_t>(sizeof page) || ::fdatasync(fd) != 0)
            state.SkipWithError("write failed");
        off = (off + 4096) % (1 << 20);
    }
    ::close(fd);
    fs::remove(file);
}
BENCHMARK(BM_Disk_Write4KiBAndFdatasync)->Unit(benchmark::kMillisecond)->UseRealTime();

} // namespace

int main(int argc, char** argv) {
    bool prepareOnly = false;
    if (!tlbench::startBenchmarks(argc, argv, prepareOnly)) return 1;
    buildVaultCache();
    buildPlainCache();
    if (prepareOnly) {
        std::printf("%s\n%s\n", vaultCache().c_str(), plainCache().c_str());
        return 0;
    }
    Env env;
    g_env = &env;
    {
        Database& db = env.openVault().database();
        benchmark::AddCustomContext("vault_contacts",
                                    std::to_string(db.scalar("SELECT count(*) FROM contact")));
        benchmark::AddCustomContext("vault_changes",
                                    std::to_string(db.scalar("SELECT count(*) FROM changes")));
        benchmark::AddCustomContext("vault_db_bytes",
                                    std::to_string(fs::file_size(env.vaultDir / VaultFiles::database)));
        benchmark::AddCustomContext("plain_db_bytes", std::to_string(fs::file_size(env.plainFile)));
        benchmark::AddCustomContext("home_person_members", std::to_string(env.vaultPick.members));
        benchmark::AddCustomContext("home_person_contacts", std::to_string(env.vaultPick.contacts));
        benchmark::AddCustomContext("plain_home_person_members", std::to_string(env.plainPick.members));
        benchmark::AddCustomContext("plain_home_person_contacts", std::to_string(env.plainPick.contacts));
        benchmark::AddCustomContext("work_dir", env.work.string());
        // The vault's connection is opened NOMUTEX; openUnencrypted's is not (a mutex per API call).
        benchmark::AddCustomContext("vault_connection_mutex", sqlite3_db_mutex(db.handle()) ? "yes" : "no");
        benchmark::AddCustomContext("plain_connection_mutex",
                                    sqlite3_db_mutex(env.plainDb.handle()) ? "yes" : "no");
    }
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    g_env = nullptr;
    return 0;
}
