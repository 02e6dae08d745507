// sync_soak: two vaults exchange many bundles by folder sync, delivered in random order, late, and with
// duplicates (a sync engine's conflict copies), and must end equal. Prints the time of each sync and the
// process's resident memory as the inboxes grow, so that "memory stays flat and the scan stays fast" is a
// measurement (docs/testing.md). Not a benchmark of one operation: a whole workload.
//
//   sync_soak [--bundles N] [--seed S] [--every K]
//     N bundles in all (half from each side; default 2000), S the random seed (default: random, printed),
//     a progress line every K syncs (default 250). Exit 0 when both vaults end with the same records and the
//     same open conflicts, no bundle was imported twice and every duplicate was recognised; 1 otherwise.
// The ctest entry sync_soak_short runs it with 120 bundles; the long run is by hand (docs/testing.md).
#include "throughline/testing/sync_fixture.hpp"
#include "throughline/testing/test_vault.hpp"

#include "throughline/contacts/contacts.hpp"
#include "throughline/records/store.hpp"
#include "throughline/sync/exchange.hpp"
#include "throughline/vault/vault.hpp"
#include "vault_dump.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <malloc.h>
#include <map>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

using namespace throughline;
using namespace throughline::core;
namespace fs = std::filesystem;

namespace {

template <class T> T must(Result<T> r, const char* what) {
    if (!r) throw std::runtime_error(std::string(what) + ": " + r.error().message);
    return std::move(r.value());
}
void must(const Status& s, const char* what) {
    if (!s) throw std::runtime_error(std::string(what) + ": " + s.error().message);
}

// Resident and peak resident memory of this process, in KiB (/proc/self/status).
std::pair<long, long> memoryKiB() {
    std::ifstream in("/proc/self/status");
    std::string line;
    long rss = 0, hwm = 0;
    while (std::getline(in, line)) {
        if (line.rfind("VmRSS:", 0) == 0) rss = std::stol(line.substr(6));
        if (line.rfind("VmHWM:", 0) == 0) hwm = std::stol(line.substr(6));
    }
    return {rss, hwm};
}

// Heap in use (glibc's count of allocated bytes) and, of that, what SQLCipher holds (its page caches and
// statements), in MiB: RSS growth that is SQLCipher's page cache filling up is not a leak.
double heapMiB() {
    return static_cast<double>(mallinfo2().uordblks) / (1024.0 * 1024.0);
}
double sqliteMiB() {
    return static_cast<double>(sqlite3_memory_used()) / (1024.0 * 1024.0);
}

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

struct Side {
    std::string name;
    Vault* vault = nullptr;
    fs::path inbox, outbox;
    std::vector<fs::path> inTransit{}; // this side's bundles not yet delivered to the other
    std::set<std::string> delivered{}; // file names delivered to the other side (the originals)
    std::size_t imported = 0, replays = 0;
    std::set<std::string> importedBundles{}; // bundle ids: none may be imported twice
};

struct Options {
    int bundles = 2000;
    unsigned seed = std::random_device{}();
    int every = 250;
};

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (i + 1 >= argc) throw std::invalid_argument("option " + a + " needs a value");
        const std::string v = argv[++i];
        if (a == "--bundles")
            o.bundles = std::stoi(v);
        else if (a == "--seed")
            o.seed = static_cast<unsigned>(std::stoul(v));
        else if (a == "--every")
            o.every = std::max(1, std::stoi(v));
        else
            throw std::invalid_argument("unknown option " + a);
    }
    if (o.bundles < 4) throw std::invalid_argument("--bundles must be at least 4");
    return o;
}

int run(const Options& o) {
    std::printf("sync_soak: %d bundles, seed %u\n", o.bundles, o.seed);
    std::mt19937 rng(o.seed);
    testing::VaultPair p;
    Side a{"key worker", p.a.get(), p.tmp / "a-in", p.tmp / "a-out"};
    Side b{"social worker", p.b.get(), p.tmp / "b-in", p.tmp / "b-out"};
    for (Side* s : {&a, &b}) {
        fs::create_directories(s->inbox);
        fs::create_directories(s->outbox);
        must(sync::setFolderSettings(*s->vault, {s->outbox, s->inbox, false}), "folder settings");
    }
    auto members = must(p.a->store().network(p.yp), "network");
    if (members.size() < 2) throw std::runtime_error("the fixture has fewer than two members");

    std::vector<double> syncMs;
    std::size_t duplicates = 0, late = 0;
    int made = 0, step = 0;
    const auto syncOnce = [&](Side& s, Side& other) {
        const auto t0 = std::chrono::steady_clock::now();
        auto report = must(sync::syncFolders(*s.vault), "sync");
        syncMs.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        for (const auto& sent : report.sent) {
            other.inTransit.push_back(sent.file); // s's bundle, on its way to the other side
            ++made;
        }
        for (const auto& r : report.received) {
            if (r.ok) {
                ++s.imported;
                if (!s.importedBundles.insert(r.summary.bundleId).second)
                    throw std::runtime_error("a bundle was imported twice: " + r.file.string());
            } else if (r.alreadyImported) {
                ++s.replays;
            } else {
                throw std::runtime_error(s.name + " refused " + r.file.filename().string() + ": " +
                                         r.message);
            }
        }
        for (const auto& problem : report.problems)
            throw std::runtime_error(s.name + ": " + problem);
        ++step;
    };
    // Delivers some of what is on its way to `to`, in random order; now and then a conflict copy of a file
    // delivered before (as Syncthing makes one), and now and then one held back for later.
    const auto deliver = [&](Side& to) {
        std::shuffle(to.inTransit.begin(), to.inTransit.end(), rng);
        std::vector<fs::path> keep;
        for (const auto& f : to.inTransit) {
            if (std::uniform_int_distribution<int>(0, 9)(rng) == 0) { // held up on the way
                keep.push_back(f);
                ++late;
                continue;
            }
            fs::copy_file(f, to.inbox / f.filename());
            to.delivered.insert(f.filename().string());
        }
        to.inTransit = std::move(keep);
        if (!to.delivered.empty() && std::uniform_int_distribution<int>(0, 4)(rng) == 0) {
            auto it = to.delivered.begin();
            std::advance(it, std::uniform_int_distribution<std::size_t>(0, to.delivered.size() - 1)(rng));
            const fs::path stem = fs::path(*it).stem();
            const fs::path copy = to.inbox / (stem.string() + ".sync-conflict-20261207-0900" +
                                              std::to_string(duplicates % 100) + "-SOAKTST.thrl");
            if (!fs::exists(copy)) {
                fs::copy_file(to.inbox / *it, copy);
                ++duplicates;
            }
        }
    };

    // The first bundle: the key worker's young person reaches the social worker, who shares them back.
    syncOnce(a, b);
    deliver(b);
    for (const auto& f : b.inTransit)
        fs::copy_file(f, b.inbox / f.filename()), b.delivered.insert(f.filename().string());
    b.inTransit.clear();
    syncOnce(b, a);
    must(contacts::share(*p.b, p.fpA, p.yp), "share back");

    const auto [rss0, hwm0] = memoryKiB();
    std::printf("%8s %8s %8s %12s %10s %10s %10s %10s\n", "syncs", "bundles", "inbox", "sync ms (med)",
                "RSS MiB", "peak MiB", "heap MiB", "SQLite MiB");
    std::size_t lastReport = 0;
    int edit = 0;
    while (made < o.bundles) {
        Side& s = (step % 2 == 0) ? a : b;
        Side& other = (step % 2 == 0) ? b : a;
        // One small edit on this side, so its sync writes one bundle: a new contact now and then, else a
        // member's notes (the same member on both sides at times: conflicts that both must end with).
        ++edit;
        Store& store = s.vault->store();
        if (edit % 7 == 0) {
            ContactRecord c;
            c.youngPersonId = p.yp;
            c.kind = ContactKind::FamilyTime;
            c.date = store.today().addDays(-(edit % 60));
            c.participantIds = {members[static_cast<std::size_t>(edit) % members.size()].meta.id};
            c.observations = "Soak visit " + std::to_string(edit) + " by " + s.name + ".";
            must(store.save(c), "contact");
        } else {
            auto m = must(
                store.networkMember(members[static_cast<std::size_t>(edit / 3) % members.size()].meta.id),
                "member");
            m.notes = "Note " + std::to_string(edit) + " from the " + s.name + ".";
            must(store.save(m), "member notes");
        }
        deliver(s);
        syncOnce(s, other);
        const std::size_t inbox = a.delivered.size() + b.delivered.size() + duplicates;
        if (step - lastReport >= static_cast<std::size_t>(o.every) || made >= o.bundles) {
            lastReport = static_cast<std::size_t>(step);
            const std::vector<double> window(syncMs.end() - std::min<std::ptrdiff_t>(o.every, syncMs.size()),
                                             syncMs.end());
            const auto [rss, hwm] = memoryKiB();
            std::printf("%8d %8d %8zu %12.1f %10.1f %10.1f %10.1f %10.1f\n", step, made, inbox,
                        median(window), rss / 1024.0, hwm / 1024.0, heapMiB(), sqliteMiB());
            std::fflush(stdout);
        }
    }
    // Everything still on its way arrives; both sides sync until nothing moves.
    for (int round = 0; round < 3; ++round) {
        for (Side* s : {&a, &b}) {
            for (const auto& f : s->inTransit) {
                fs::copy_file(f, s->inbox / f.filename());
                s->delivered.insert(f.filename().string());
            }
            s->inTransit.clear();
        }
        syncOnce(a, b);
        syncOnce(b, a);
    }
    const std::string dumpA = synctest::dumpRecords(*p.a, false) + synctest::dumpConflicts(*p.a);
    const std::string dumpB = synctest::dumpRecords(*p.b, false) + synctest::dumpConflicts(*p.b);
    const auto [rss1, hwm1] = memoryKiB();
    const std::size_t conflicts = must(sync::openConflicts(*p.a), "conflicts").size();
    std::printf("bundles %d, held back on the way %zu times, duplicates %zu, imported %zu + %zu, inbox files "
                "recognised as already imported %zu + %zu (over all syncs), open conflicts %zu\n",
                made, late, duplicates, a.imported, b.imported, a.replays, b.replays, conflicts);
    std::printf(
        "sync: median %.1f ms, slowest %.1f ms over %zu syncs; RSS %.1f MiB at the start, %.1f MiB at "
        "the end; peak %.1f MiB\n",
        median(syncMs), *std::max_element(syncMs.begin(), syncMs.end()), syncMs.size(), rss0 / 1024.0,
        rss1 / 1024.0, hwm1 / 1024.0);
    bool ok = true;
    if (dumpA != dumpB) {
        std::printf("FAILED: the two vaults differ\n");
        ok = false;
    }
    if (a.imported + b.imported != static_cast<std::size_t>(made)) {
        std::printf("FAILED: %d bundles made, %zu imported\n", made, a.imported + b.imported);
        ok = false;
    }
    if (!must(p.a->verify(), "verify").ok || !must(p.b->verify(), "verify").ok) {
        std::printf("FAILED: verify\n");
        ok = false;
    }
    (void)hwm0;
    std::printf(ok ? "sync_soak: passed\n" : "sync_soak: FAILED\n");
    return ok ? 0 : 1;
}

} // namespace

int main(int argc, char** argv) {
    try {
        return run(parse(argc, argv));
    } catch (const std::invalid_argument& e) {
        std::fprintf(stderr, "sync_soak: %s\n", e.what());
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "sync_soak: FAILED: %s\n", e.what());
        return 1;
    }
}
