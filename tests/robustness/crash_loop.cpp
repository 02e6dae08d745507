#include "crash_loop.hpp"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "rob_util.hpp"
#include "throughline/base/enum_table.hpp"
#include "throughline/base/files.hpp"
#include "throughline/contacts/contacts.hpp"
#include "throughline/db/audit.hpp"
#include "throughline/db/schema.hpp"
#include "throughline/sync/exchange.hpp"
#include "throughline/testing/sync_fixture.hpp"
#include "throughline/vault/audit_anchor.hpp"
#include "throughline/vault/key_header.hpp"

namespace rob {

using namespace throughline::core;
namespace sync = throughline::core::sync;

int crashKills(int fallback) {
    if (const char* env = std::getenv("THROUGHLINE_CRASH_KILLS"); env && *env) {
        const int n = std::atoi(env);
        if (n > 0) return n;
    }
    return fallback;
}

namespace {

const char* const kPass1 = "a second passphrase for Larkspur 7";

std::string must(Result<std::string> r, const char* what) {
    REQUIRE_MESSAGE(r.ok(), what << ": " << (r.ok() ? "" : r.error().message));
    return *r;
}
void must(const Status& s, const char* what) {
    REQUIRE_MESSAGE(s.ok(), what << ": " << (s.ok() ? "" : s.error().message));
}

std::int64_t auditCount(Database& db, AuditKind kind) {
    auto s = db.prepare("SELECT count(*) FROM audit WHERE kind = ?");
    s.bind(1, std::string(enumKey(kind)));
    return s.step() ? s.integer(0) : 0;
}

// The bundle id of a bundle file (bytes 12–27 of its header), hex; empty when the file is too short.
std::string bundleIdOfFile(const fs::path& file) {
    const std::string bytes = tltest::readFile(file);
    if (bytes.size() < 28) return {};
    sync::BundleId id{};
    std::copy(bytes.begin() + 12, bytes.begin() + 28, id.begin());
    return sync::bundleIdHex(id);
}

// Which of the two passphrases unwrap a key-file copy: bit 0 = kFixturePass, bit 1 = kPass1; -1 when the copy
// is missing or does not parse.
int passMask(const fs::path& file) {
    auto bytes = readSmallFile(file, 4096);
    if (!bytes) return -1;
    auto h = KeyHeader::parse(*bytes);
    if (!h) return -1;
    int mask = 0;
    if (h->unwrapWithPassphrase(tltest::kFixturePass)) mask |= 1;
    if (h->unwrapWithPassphrase(kPass1)) mask |= 2;
    return mask;
}

struct Filler {
    fs::path file;
    // Fills the file system, then frees `bytes` of it again.
    void fill(std::uint64_t bytes) {
        fillDisk(file);
        std::error_code ec;
        const auto size = fs::file_size(file, ec);
        if (!ec) fs::resize_file(file, size > bytes ? size - bytes : 0, ec);
    }
    void clear() {
        std::error_code ec;
        fs::remove(file, ec);
    }
};

} // namespace

CrashLoopResult runCrashLoop(const CrashLoopOptions& o) {
    const auto started = std::chrono::steady_clock::now();
    CrashLoopResult result;
    const fs::path dirA = o.root / "a", dirB = o.peerRoot / "b", cards = o.peerRoot / "cards",
                   outDir = o.peerRoot / "exported", inboxes = o.peerRoot / "inboxes";
    fs::create_directories(outDir);
    fs::create_directories(inboxes);
    const auto pair = tltest::makeSyncPair(dirA, dirB, cards, true);
    auto b = tltest::openFixtureVault(dirB);
    must(throughline::core::contacts::share(*b, pair.fpA, pair.ids.youngPerson), "B shares back with A");
    const std::string passes[2] = {tltest::kFixturePass, kPass1};
    int current = 0; // which passphrase opens A

    // What must be found after every kill.
    std::vector<std::pair<std::string, std::string>> committed; // contact id, observation prefix
    std::set<std::string> deleted;                              // reported deleted
    std::vector<std::string> recordsImports;                    // "<pid>-<n>", each three contacts
    std::map<std::string, std::pair<std::string, std::string>>
        bundles;                           // inbox file -> (bundle id, B contact)
    std::set<std::string> importedBundles; // reported imported
    std::set<std::int64_t> settled;
    std::string editMark; // the contact's edit mark after the last check ("" = the fixture's own text)
    std::set<std::string> initialOut; // A's outgoing bundles before the loop
    std::set<std::string> exportedFiles, checkedFiles;
    std::int64_t passphraseAuditBase = 0;
    int passphraseChanges = 0; // changes that took effect (reported or found afterwards)
    {
        auto a = tltest::openFixtureVault(dirA);
        auto s = a->database().prepare("SELECT bundle_id FROM sync_bundle WHERE direction = 'out'");
        while (s.step())
            initialOut.insert(s.text(0));
        passphraseAuditBase = auditCount(a->database(), AuditKind::PassphraseChanged);
        a->lock();
    }

    std::mt19937 rng(std::random_device{}());
    const int nPaths = static_cast<int>(std::size(kWritePaths));
    std::vector<int> order;
    Filler filler{o.root / "filler"};
    int bundleCounter = 0;

    for (int iteration = 0; iteration < o.kills; ++iteration) {
        if (iteration % nPaths == 0) {
            order.resize(static_cast<std::size_t>(nPaths));
            for (int k = 0; k < nPaths; ++k)
                order[static_cast<std::size_t>(k)] = k;
            std::shuffle(order.begin(), order.end(), rng);
        }
        const std::string path = kWritePaths[order[static_cast<std::size_t>(iteration % nPaths)]];
        CAPTURE(iteration);
        CAPTURE(path);

        // --- Prepare what the path needs (in this process, before the writer starts).
        fs::path target = dirA;
        std::vector<std::string> args = {helperPath(), "crash", path, dirA.string(), passes[current]};
        fs::path inbox;
        if (path == "edit") {
            args.push_back(pair.ids.contact);
        } else if (path == "passphrase") {
            args[4] = passes[0];
            args.push_back(passes[1]);
        } else if (path == "import-bundle") {
            inbox = inboxes / std::to_string(iteration);
            fs::create_directories(inbox);
            for (int k = 0; k < 3; ++k) {
                ContactRecord c;
                c.youngPersonId = pair.ids.youngPerson;
                c.kind = ContactKind::PhoneOrVideo;
                c.date = Date::today();
                c.observations =
                    "Sol's call " + std::to_string(bundleCounter) + ": checked in about college.";
                const std::string id = must(b->store().save(c), "B saves");
                char name[32];
                std::snprintf(name, sizeof name, "b-%06d.thrl", bundleCounter++);
                auto e = sync::exportTo(*b, pair.fpA, {}, inbox / name);
                REQUIRE_MESSAGE(e.ok(), (e.ok() ? "" : e.error().message));
                bundles[(inbox / name).string()] = {e->bundleId, id};
            }
            args.push_back(inbox.string());
        } else if (path == "settle") {
            // Three conflicts: the same network members' notes edited in both vaults, B's sent to A.
            auto a = Vault::open(dirA, passes[current]);
            REQUIRE(a.ok());
            for (const auto& id : {pair.ids.mum, pair.ids.nan, pair.ids.friendId}) {
                for (Vault* v : {a.value().get(), b.get()}) {
                    auto m = v->store().networkMember(id);
                    REQUIRE_MESSAGE(m.ok(), (m.ok() ? "" : m.error().message));
                    m->notes = std::string(v == b.get() ? "Sol" : "Alex") + " noted " +
                               std::to_string(iteration) + ": keeps in touch by phone.";
                    must(v->store().save(*m), "edit member");
                }
            }
            const fs::path f = inboxes / ("settle-" + std::to_string(iteration) + ".thrl");
            auto e = sync::exportTo(*b, pair.fpA, {}, f);
            REQUIRE_MESSAGE(e.ok(), (e.ok() ? "" : e.error().message));
            auto i = sync::importFile(*a.value(), f);
            REQUIRE_MESSAGE(i.ok(), (i.ok() ? "" : i.error().message));
            a.value()->lock();
        } else if (path == "migrate") {
            // A vault whose database a build at an earlier schema wrote: the writer's open upgrades it.
            target = o.root / ("old-" + std::to_string(iteration));
            tltest::makeVault(target, {.seed = tltest::Seed::Varied, .youngPeople = 1, .contactsEach = 3})
                .vault->lock();
            const std::string keyFile = tltest::readFile(target / VaultFiles::header);
            auto header = KeyHeader::parse(std::vector<std::uint8_t>(keyFile.begin(), keyFile.end()));
            REQUIRE(header.ok());
            auto key = header->unwrapWithPassphrase(tltest::kFixturePass);
            REQUIRE(key.ok());
            fs::remove(target / VaultFiles::database);
            fs::remove(target / kAuditHeadFile);
            std::uniform_int_distribution<int> version(1, kSchemaVersion - 1);
            const int from = version(rng);
            {
                Database db = Database::open(target / VaultFiles::database, *key);
                migrate(db, from);
                (void)insertRowsAt(db, from);
            }
            args[3] = target.string();
            args[4] = tltest::kFixturePass;
        } else if (path == "export") {
            args.push_back(pair.fpB);
            args.push_back(outDir.string());
        }

        // --- Run the writer and kill it.
        std::uniform_int_distribution<int> delayMs(0, 20), linesBefore(0, 3), openDelayUs(0, 60000);
        const bool killDuringOpen = path == "migrate" && (rng() % 2 == 0);
        const int delay = delayMs(rng), waitFor = linesBefore(rng);
        if (o.diskFull) {
            std::uniform_int_distribution<std::uint64_t> freeBytes(0, o.maxFree);
            filler.fill(freeBytes(rng));
        }
        const fs::path shimLog = o.peerRoot / "undo.log";
        if (!o.shim.empty()) {
            // The shim watches the vault's folder and the exported bundles' (rob::rollBackUnsynced).
            const std::string roots = fs::absolute(target).string() + ":" + fs::absolute(outDir).string();
            ::setenv("THROUGHLINE_SHIM_ROOTS", roots.c_str(), 1);
            ::setenv("THROUGHLINE_SHIM_LOG", fs::absolute(shimLog).c_str(), 1);
            ::setenv("LD_PRELOAD", o.shim.c_str(), 1);
        }
        Child child = Child::spawn(args);
        if (!o.shim.empty()) {
            ::unsetenv("LD_PRELOAD");
            ::unsetenv("THROUGHLINE_SHIM_ROOTS");
            ::unsetenv("THROUGHLINE_SHIM_LOG");
        }
        const std::string pidTag = std::to_string(child.pid());
        std::vector<std::string> lines;
        if (killDuringOpen) {
            std::this_thread::sleep_for(std::chrono::microseconds(openDelayUs(rng)));
        } else if (auto first = child.readLine(120000)) {
            lines.push_back(*first);
            for (int k = 0; k < waitFor && *first == "ready"; ++k) {
                auto l = child.readLine(60000);
                if (!l) break;
                lines.push_back(*l);
                if (*l == "idle" || *l == "full") break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(delay));
        }
        child.kill(SIGKILL);
        for (auto& l : child.drainLines(10000))
            lines.push_back(std::move(l));
        const int status = child.wait();
        const bool full = std::find(lines.begin(), lines.end(), "full") != lines.end();
        std::ostringstream said;
        for (const auto& l : lines)
            said << l << " / ";
        INFO("the writer said: " << said.str());
        {
            if (full && o.diskFull) {
                ++result.diskFullStops;
                CHECK((WIFEXITED(status) || WIFSIGNALED(status)));
            } else {
                REQUIRE_MESSAGE((WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL),
                                "the writer exited by itself (status " << status << ")");
            }
        }
        ++result.kills[path];
        // Mid-write: the writer was in its loop (past "ready") and neither done ("idle") nor stopped
        // ("full").
        if (std::find(lines.begin(), lines.end(), "ready") != lines.end() &&
            std::find(lines.begin(), lines.end(), "idle") == lines.end() && !full)
            ++result.killedWriting;
        if (o.diskFull) filler.clear();
        if (!o.shim.empty()) result.rolledBackWrites += rollBackUnsynced(shimLog);

        // --- What the writer reported.
        std::vector<std::string> reportedContacts, reportedRecords, reportedBundles, reportedExports;
        long lastEdit = -1;
        int reportedPass = -1;
        for (const auto& line : lines) {
            std::istringstream in(line);
            std::string tag;
            in >> tag;
            if (line == "ready" || line == "idle" || line == "full") continue;
            if (tag == "C") {
                std::string id;
                long n = 0;
                in >> id >> n;
                if (path != "migrate")
                    committed.emplace_back(id, "Crash-test call " + pidTag + "-" + std::to_string(n) + ":");
                reportedContacts.push_back(id);
            } else if (tag == "E") {
                in >> lastEdit;
            } else if (tag == "K") {
                std::string id;
                in >> id;
                reportedContacts.push_back(id);
            } else if (tag == "D") {
                std::string id;
                in >> id;
                deleted.insert(id);
            } else if (tag == "R") {
                long n = 0;
                in >> n;
                recordsImports.push_back(pidTag + "-" + std::to_string(n));
            } else if (tag == "B") {
                std::string f;
                in >> f;
                importedBundles.insert((inbox / f).string());
            } else if (tag == "S") {
                std::int64_t id = 0;
                in >> id;
                settled.insert(id);
            } else if (tag == "P") {
                in >> reportedPass;
                ++passphraseChanges;
            } else if (tag == "X") {
                std::string f;
                in >> f;
                exportedFiles.insert(f);
            } else {
                FAIL("unexpected line from the writer: " << line);
            }
            ++result.reported[path];
        }

        // --- The passphrase: the key files hold one passphrase each (never neither), and the one in effect
        // before the writer started, or the one it was changing to, opens the vault.
        if (path == "passphrase") {
            const int primary = passMask(dirA / VaultFiles::header);
            const int backup = passMask(dirA / VaultFiles::headerBackup);
            INFO("key file opens with mask " << primary << ", backup " << backup);
            CHECK((primary == 1 || primary == 2));
            CHECK((backup == 1 || backup == 2));
            const int before = reportedPass >= 0 ? reportedPass : current;
            if (primary != backup) ++result.passphraseMixed;
            // The primary is written first, so it holds the newer passphrase; opening with it settles the
            // pair.
            const int opensWith = primary == 2 ? 1 : 0;
            if (opensWith != before)
                ++passphraseChanges; // a change that took effect, killed before it said so
            current = opensWith;
        }

        // --- Open and check.
        auto opened = Vault::open(target, path == "migrate" ? tltest::kFixturePass : passes[current]);
        REQUIRE_MESSAGE(opened.ok(), (opened.ok() ? "" : opened.error().message));
        Vault& v = *opened.value();
        auto report = v.verify();
        REQUIRE_MESSAGE(report.ok(), (report.ok() ? "" : report.error().message));
        INFO("verify: " << (report->problems.empty() ? "" : report->problems.front()));
        CHECK(report->ok);
        Store& store = v.store();
        Database& db = v.database();

        if (path == "migrate") {
            CHECK(schemaVersion(db) == kSchemaVersion);
            auto people = store.listYoungPeople();
            REQUIRE(people.ok());
            int old = 0;
            for (const auto& p : *people) {
                auto yp = store.youngPerson(p.id);
                if (yp && yp->notes.rfind("Written by schema ", 0) == 0) ++old;
            }
            CHECK(old == 1);
            for (const auto& id : reportedContacts) {
                auto c = store.contact(id);
                if (!c) ++result.lost;
            }
            v.lock();
            std::error_code ec;
            fs::remove_all(target, ec);
            continue;
        }

        // Every reported contact is there, whole.
        for (const auto& [id, prefix] : committed) {
            auto c = store.contact(id);
            if (!c || c->observations.rfind(prefix, 0) != 0) ++result.lost;
        }
        // Reported deletions stay deleted.
        for (const auto& id : deleted) {
            auto c = store.contact(id);
            if (c) ++result.lost;
        }
        // The edited contact: all three fields from one save, at least as new as the last reported one.
        {
            auto c = store.contact(pair.ids.contact);
            REQUIRE(c.ok());
            const auto markOf = [](const std::string& text, const std::string& lead) -> std::string {
                if (text.rfind(lead, 0) != 0) return "";
                const auto end = text.find(':', lead.size());
                return text.substr(lead.size(),
                                   end == std::string::npos ? std::string::npos : end - lead.size());
            };
            const std::string m1 = markOf(c->observations, "Edit "),
                              m2 = markOf(c->youngPersonWords, "Words "), m3 = markOf(c->placeNote, "Place ");
            INFO("edited contact: " << c->observations << " | " << c->youngPersonWords << " | "
                                    << c->placeNote);
            CHECK(m1 == m2);
            CHECK(m1 == m3);
            if (path == "edit" && lastEdit >= 0) {
                const std::string mine = pidTag + "-";
                REQUIRE(m1.rfind(mine, 0) == 0);
                if (std::stol(m1.substr(mine.size())) < lastEdit) ++result.lost;
            } else if (path != "edit") {
                CHECK(m1 == editMark);
            }
            editMark = m1;
        }
        // Records imports: each reported one whole, and every one all or nothing.
        {
            std::map<std::string, int> perImport;
            auto s = db.prepare("SELECT observations FROM contact WHERE deleted = 0 AND observations LIKE "
                                "'Records import %'");
            while (s.step()) {
                const std::string text = s.text(0);
                const auto hash = text.find(" #");
                perImport[text.substr(15, hash - 15)]++;
            }
            for (const auto& [mark, n] : perImport) {
                INFO("records import " << mark);
                CHECK(n == 3);
            }
            for (const auto& mark : recordsImports)
                if (perImport[mark] != 3) ++result.lost;
            CHECK(auditCount(db, AuditKind::RecordsImported) == static_cast<std::int64_t>(perImport.size()));
        }
        // Bundles: imported (its record here) exactly when recorded as imported.
        {
            auto in = db.prepare("SELECT 1 FROM sync_bundle WHERE direction = 'in' AND bundle_id = ?");
            for (const auto& [file, what] : bundles) {
                in.reset();
                in.bind(1, what.first);
                const bool recorded = in.step();
                auto c = store.contact(what.second);
                INFO("bundle " << file);
                CHECK(recorded == c.ok());
                if (importedBundles.count(file) && !c.ok()) ++result.lost;
            }
        }
        // Conflicts: reported settled ones are settled; each settled conflict has its audit entry.
        {
            auto open = sync::openConflicts(v);
            REQUIRE(open.ok());
            for (const auto& c : *open)
                if (settled.count(c.id)) ++result.lost;
            CHECK(db.scalar("SELECT count(*) FROM sync_conflict WHERE settled <> 0") ==
                  auditCount(db, AuditKind::ConflictSettled));
        }
        // Passphrase changes: each one that took effect is in the audit trail.
        {
            const std::int64_t entries = auditCount(db, AuditKind::PassphraseChanged) - passphraseAuditBase;
            // More entries than changes: a change that was audited (and so had returned) did not survive in
            // the key files.
            INFO("passphrase changes that took effect: " << passphraseChanges << ", audited: " << entries);
            CHECK(entries == passphraseChanges);
            if (entries < passphraseChanges) passphraseAuditBase -= passphraseChanges - entries; // count once
        }
        // Exports: every bundle file is complete (B reads it) and bookkept (sent, audited); every bookkept
        // export has its file. A temporary file left behind is counted and must not end in .thrl.
        {
            std::set<std::string> fileIds;
            for (const auto& e : fs::directory_iterator(outDir)) {
                const std::string name = e.path().filename().string();
                if (name.rfind('.', 0) == 0) {
                    CHECK(e.path().extension() == ".tmp");
                    if (!checkedFiles.count(name)) {
                        checkedFiles.insert(name);
                        ++result.exportTempFiles;
                    }
                    continue;
                }
                const std::string id = bundleIdOfFile(e.path());
                fileIds.insert(id);
                if (checkedFiles.count(name)) continue;
                INFO("exported file " << name << " (bundle " << id << ")");
                auto in =
                    db.prepare("SELECT count(*) FROM sync_bundle WHERE direction = 'out' AND bundle_id = ?");
                in.bind(1, id);
                CHECK((in.step() && in.integer(0) == 1));
                auto audited = db.prepare("SELECT count(*) FROM audit WHERE kind = ? AND detail LIKE ?");
                audited.bind(1, std::string(enumKey(AuditKind::Export))).bind(2, "Bundle " + id + " %");
                CHECK((audited.step() && audited.integer(0) == 1));
                auto imported = sync::importFile(*b, e.path());
                CHECK_MESSAGE((imported.ok() || imported.error().reason == ErrorReason::BundleNothingNew),
                              (imported.ok() ? "" : imported.error().message));
                checkedFiles.insert(name);
            }
            for (const auto& f : exportedFiles)
                if (!fs::exists(outDir / f)) ++result.lost;
            auto s = db.prepare("SELECT bundle_id FROM sync_bundle WHERE direction = 'out'");
            while (s.step())
                if (!initialOut.count(s.text(0)) && !fileIds.count(s.text(0))) {
                    INFO("bookkept export " << s.text(0));
                    CHECK_MESSAGE(false, "an export is recorded as sent but its file is not there");
                }
        }
        CHECK(result.lost == 0);
        v.lock();
    }
    b->lock();
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::ostringstream summary;
    summary << o.kills << (o.diskFull ? " runs in " : " kills in ") << static_cast<int>(result.seconds)
            << " s";
    for (const auto& [p, n] : result.kills)
        summary << "; " << p << " " << n << " (" << result.reported[p] << " writes reported)";
    summary << "; killed mid-write " << result.killedWriting << "; lost " << result.lost
            << "; disk-full stops " << result.diskFullStops << "; key files left on two passphrases "
            << result.passphraseMixed << "; export temp files left " << result.exportTempFiles
            << "; unsynced writes rolled back " << result.rolledBackWrites;
    MESSAGE(summary.str());
    return result;
}

} // namespace rob
