// Folder sync against a hostile shared folder: links are never followed (inbox entries, the inbox and
// outbox folders, a contact's outbox sub-folder), refused files are remembered until they change, and an
// import reports progress and can be cancelled without touching the vault.
#include <doctest/doctest.h>

#include <atomic>
#include <random>

#include "throughline/testing/files.hpp"
#include "throughline/testing/sync_fixture.hpp"
#include "throughline/testing/test_vault.hpp"
#include "throughline/records/store.hpp"
#include "throughline/sync/exchange.hpp"
#include "throughline/vault/vault.hpp"
#include "vault_dump.hpp"

using namespace throughline::core;
using namespace throughline::core::sync;
using namespace throughline::core::contacts;
using synctest::vaultHash;
namespace fs = std::filesystem;

namespace {

// Two colleagues; b's inbox can be given a damaged bundle from a.
struct Shared : tltest::VaultPair {
    // b's inbox folder (set in b's folder settings) holding "damaged.thrl": a bundle from a with one byte
    // flipped in the middle.
    fs::path inboxWithDamagedFile() {
        const fs::path inbox = tmp / "b-in";
        fs::create_directories(inbox);
        REQUIRE(setFolderSettings(*b, FolderSettings{"", inbox, false}).ok());
        REQUIRE(exportTo(*a, fpB, {}, tmp / "good.thrl").ok());
        std::string damaged = tltest::readFile(tmp / "good.thrl");
        damaged[damaged.size() / 2] ^= 0x40;
        tltest::writeFile(inbox / "damaged.thrl", damaged);
        return inbox;
    }
};

// Notes that do not compress away, so that a bundle spans several 64 KiB chunks.
void addBulk(Vault& v, const std::string& yp, int saves) {
    std::mt19937 rng(7);
    for (int i = 0; i < saves; ++i) {
        YoungPerson y = v.store().youngPerson(yp).value();
        y.notes.clear();
        for (int k = 0; k < 7000; ++k)
            y.notes += static_cast<char>('a' + rng() % 26);
        REQUIRE(v.store().save(y).ok());
    }
}

} // namespace

TEST_SUITE("hostile") {

    TEST_CASE("folder sync never follows a link in the inbox, nor a linked inbox or outbox folder") {
        Shared s;
        const fs::path inbox = s.tmp / "b-in", elsewhere = s.tmp / "elsewhere";
        fs::create_directories(inbox);
        fs::create_directories(elsewhere);
        REQUIRE(exportTo(*s.a, s.fpB, {}, elsewhere / "real.thrl").ok());
        fs::create_symlink(elsewhere / "real.thrl", inbox / "planted.thrl");
        REQUIRE(setFolderSettings(*s.b, FolderSettings{"", inbox, false}).ok());
        const std::string before = vaultHash(*s.b);
        auto r = syncFolders(*s.b);
        REQUIRE(r.ok());
        CHECK(r->received.empty());
        REQUIRE(r->problems.size() == 1);
        CHECK(r->problems.front().find("planted.thrl") != std::string::npos);
        CHECK(r->problems.front().find("link") != std::string::npos);
        CHECK(vaultHash(*s.b) == before);
        CHECK_FALSE(s.b->store().youngPerson(s.yp).ok());

        // A linked inbox or outbox folder is refused when chosen...
        fs::create_directory_symlink(elsewhere, s.tmp / "linked");
        auto in = setFolderSettings(*s.b, FolderSettings{"", s.tmp / "linked", false});
        REQUIRE_FALSE(in.ok());
        CHECK(in.error().field == "inbox");
        CHECK(in.error().message.find("link") != std::string::npos);
        auto out = setFolderSettings(*s.a, FolderSettings{s.tmp / "linked", "", false});
        REQUIRE_FALSE(out.ok());
        CHECK(out.error().field == "outbox");
        // ... and when it becomes a link after it was chosen.
        fs::remove_all(inbox);
        fs::create_directory_symlink(elsewhere, inbox);
        auto swapped = syncFolders(*s.b);
        REQUIRE(swapped.ok());
        CHECK(swapped->received.empty());
        REQUIRE(swapped->problems.size() == 1);
        CHECK(swapped->problems.front().find("is a link") != std::string::npos);
        CHECK(vaultHash(*s.b) == before);
    }

    TEST_CASE("a link planted as a contact's outbox folder is not written through") {
        Shared s;
        const fs::path outbox = s.tmp / "a-out", elsewhere = s.tmp / "elsewhere";
        fs::create_directories(outbox);
        fs::create_directories(elsewhere);
        REQUIRE(setFolderSettings(*s.a, FolderSettings{outbox, "", false}).ok());
        const fs::path forB = outboxFor(*folderSettings(*s.a), findContact(*s.a, s.fpB).value());
        fs::create_directory_symlink(elsewhere, forB);
        auto r = syncFolders(*s.a);
        REQUIRE(r.ok());
        CHECK(r->sent.empty());
        REQUIRE(r->problems.size() == 1);
        CHECK(r->problems.front().find("Nothing was sent to Sol Brannigan") != std::string::npos);
        CHECK(r->problems.front().find("link") != std::string::npos);
        CHECK(fs::is_empty(elsewhere));
        // Nothing was marked as sent: once the link is gone, everything goes.
        fs::remove(forB);
        auto again = syncFolders(*s.a);
        REQUIRE(again.ok());
        REQUIRE(again->sent.size() == 1);
        CHECK(again->sent.front().summary.changes > 10);
        CHECK(fs::is_regular_file(again->sent.front().file));
    }

    TEST_CASE("a refused inbox file is remembered and not read again until it changes") {
        Shared s;
        const fs::path inbox = s.inboxWithDamagedFile();
        auto first = syncFolders(*s.b);
        REQUIRE(first.ok());
        REQUIRE(first->received.size() == 1);
        CHECK(first->received[0].reason == ErrorReason::BundleDamaged);
        CHECK_FALSE(first->received[0].rememberedRefusal);
        auto second = syncFolders(*s.b);
        REQUIRE(second.ok());
        REQUIRE(second->received.size() == 1);
        CHECK(second->received[0].rememberedRefusal);
        CHECK(second->received[0].reason == ErrorReason::BundleDamaged);
        CHECK(second->received[0].message == first->received[0].message);
        // The sync engine delivers the good copy under the same name: it is read again, and imported.
        fs::copy_file(s.tmp / "good.thrl", inbox / "damaged.thrl", fs::copy_options::overwrite_existing);
        auto third = syncFolders(*s.b);
        REQUIRE(third.ok());
        REQUIRE(third->received.size() == 1);
        CHECK_FALSE(third->received[0].rememberedRefusal);
        CHECK(third->received[0].ok);
        // An unknown sender is not remembered: importing their card puts it right.
        auto c = tltest::makeVault(s.tmp / "c");
        auto cardB = importCard(*c.vault, makeCard(*s.b).value(), true).value();
        const std::string cyp = tltest::seedSmall(c.vault->store());
        REQUIRE(share(*c.vault, cardB.identity.fingerprintHex(), cyp).ok());
        REQUIRE(exportTo(*c.vault, cardB.identity.fingerprintHex(), {}, inbox / "from-c.thrl").ok());
        auto unknown = syncFolders(*s.b);
        REQUIRE(unknown.ok());
        REQUIRE(unknown->received.size() == 2);
        CHECK(unknown->received[1].reason == ErrorReason::UnknownSender);
        auto still = syncFolders(*s.b);
        CHECK_FALSE(still->received[1].rememberedRefusal);
    }

    TEST_CASE("a remembered refusal is kept as cereal JSON; an entry that does not read is never trusted") {
        Shared s;
        const fs::path inbox = s.inboxWithDamagedFile();
        const std::string key = "sync.refused/damaged.thrl";
        REQUIRE(syncFolders(*s.b).ok());
        const std::string kept = s.b->store().setting(key, "").value();
        CHECK(kept.rfind("{", 0) == 0);
        CHECK(kept.find("\"refused\"") != std::string::npos);
        CHECK(kept.find("\"key\": \"damaged\"") != std::string::npos);
        REQUIRE(syncFolders(*s.b)->received.at(0).rememberedRefusal);

        // Kept by an earlier version ("size mtime id key" and the message), damaged, or of another format:
        // the file is read again and the entry written anew.
        for (const std::string& entry :
             {std::to_string(fs::file_size(inbox / "damaged.thrl")) + " 0 - damaged\nThis bundle is damaged.",
              std::string("{\"refused\":"), std::string("{\"refused\":{\"format\":3}}"),
              std::string("{\"refused\":{\"format\":1,\"size\":1,\"mtime_ns\":1,\"bundle_id\":\"\",\"key\":"
                          "\"damaged\",\"message\":\"m\"}}"),
              std::string("")}) {
            INFO(entry);
            REQUIRE(s.b->store().setSetting(key, entry).ok());
            auto r = syncFolders(*s.b);
            REQUIRE(r.ok());
            REQUIRE(r->received.size() == 1);
            CHECK_FALSE(r->received[0].rememberedRefusal);
            CHECK(r->received[0].reason == ErrorReason::BundleDamaged);
            CHECK(s.b->store().setting(key, "").value() == kept);
        }
        // An entry for a file no longer in the inbox is forgotten, whatever its format.
        REQUIRE(s.b->store().setSetting("sync.refused/gone.thrl", "12 34 - damaged\nold").ok());
        REQUIRE(syncFolders(*s.b).ok());
        CHECK(s.b->store().setting("sync.refused/gone.thrl", "none").value() == "none");
        CHECK(s.b->store().setting(key, "").value() == kept);
    }

    TEST_CASE("an outbox file appears only once it is recorded as sent; a rename that fails is finished at "
              "unlock") {
        Shared s;
        const fs::path outbox = s.tmp / "a-out";
        fs::create_directories(outbox);
        REQUIRE(setFolderSettings(*s.a, FolderSettings{outbox, "", false}).ok());
        const fs::path forB = outboxFor(*folderSettings(*s.a), findContact(*s.a, s.fpB).value());
        fs::create_directories(forB);
        // The first bundle's name is taken by a folder that is not empty, so the rename after the commit
        // fails: the changes are recorded as sent, the file waits under its hidden name, nothing is lost.
        const std::string firstName = [&] {
            auto dry = syncFolders(*s.a); // learn the name the first bundle gets, then start again
            REQUIRE(dry.ok());
            REQUIRE(dry->sent.size() == 1);
            return dry->sent.front().file.filename().string();
        }();
        // The next bundle takes the next number; a folder that is not empty sits at that name.
        const std::string secondName = [&] {
            std::string n = firstName;
            const auto dash = n.rfind('-');
            char seq[16];
            std::snprintf(seq, sizeof seq, "%010d", std::stoi(n.substr(dash + 1)) + 1);
            return n.substr(0, dash + 1) + seq + ".thrl";
        }();
        fs::create_directories(forB / secondName / "occupied");
        YoungPerson y = s.a->store().youngPerson(s.yp).value();
        y.notes = "A change made after the first bundle.";
        REQUIRE(s.a->store().save(y).ok());
        auto r = syncFolders(*s.a);
        REQUIRE(r.ok());
        REQUIRE(r->sent.size() == 1);
        REQUIRE(r->problems.size() == 1);
        CHECK(r->problems.front().find("recorded as sent but could not be put in the outbox yet") !=
              std::string::npos);
        std::vector<fs::path> hidden;
        for (const auto& e : fs::directory_iterator(forB))
            if (e.path().filename().string().rfind("." + secondName, 0) == 0) hidden.push_back(e.path());
        REQUIRE(hidden.size() == 1);
        // Nothing more to send: the change went with the staged bundle.
        auto again = syncFolders(*s.a);
        REQUIRE(again.ok());
        CHECK(again->sent.empty());
        // The blocker goes; the next unlock puts the file in place and forgets it.
        fs::remove_all(forB / secondName);
        s.a.reset();
        auto reopened = Vault::open(s.tmp / "a", tltest::kFixturePass);
        REQUIRE(reopened.ok());
        s.a = std::move(reopened).value();
        CHECK(fs::is_regular_file(forB / secondName));
        CHECK_FALSE(fs::exists(hidden.front()));
        // It is a whole bundle that b imports, with the change in it.
        const fs::path inbox = s.tmp / "b-in";
        fs::create_directories(inbox);
        fs::copy_file(forB / firstName, inbox / firstName);
        fs::copy_file(forB / secondName, inbox / secondName);
        REQUIRE(setFolderSettings(*s.b, FolderSettings{"", inbox, false}).ok());
        auto atB = syncFolders(*s.b);
        REQUIRE(atB.ok());
        REQUIRE(atB->received.size() == 2);
        CHECK(atB->received[0].ok);
        CHECK(atB->received[1].ok);
        CHECK(s.b->store().youngPerson(s.yp).value().notes == "A change made after the first bundle.");
    }

    TEST_CASE("a file already imported is recognised from its header bytes at the next sync, not opened") {
        Shared s;
        const fs::path inbox = s.tmp / "b-in";
        fs::create_directories(inbox);
        REQUIRE(setFolderSettings(*s.b, FolderSettings{"", inbox, false}).ok());
        REQUIRE(exportTo(*s.a, s.fpB, {}, inbox / "one.thrl").ok());
        auto first = syncFolders(*s.b);
        REQUIRE(first.ok());
        REQUIRE(first->received.size() == 1);
        CHECK(first->received[0].ok);
        // The next sync finds it already imported (the bundle id from its MAC-checked header) and remembers
        // it, with a hash of its header bytes.
        auto second = syncFolders(*s.b);
        REQUIRE(second->received.size() == 1);
        CHECK(second->received[0].alreadyImported);
        CHECK(second->received[0].reason == ErrorReason::BundleReplay);
        CHECK_FALSE(second->received[0].rememberedRefusal);
        const std::string kept = s.b->store().setting("sync.refused/one.thrl", "").value();
        CHECK(kept.find("\"header_hash\": \"") != std::string::npos);
        CHECK(kept.find("\"key\": \"replay\"") != std::string::npos);
        auto third = syncFolders(*s.b);
        REQUIRE(third->received.size() == 1);
        CHECK(third->received[0].alreadyImported);
        CHECK(third->received[0].rememberedRefusal);
        // Another file under the same name, size and modification time (a header byte changed, the time set
        // back): the hash tells them apart, the file is read again and its damage found.
        const auto mtime = fs::last_write_time(inbox / "one.thrl");
        std::string bytes = tltest::readFile(inbox / "one.thrl");
        bytes[40] ^= 0x01;
        tltest::writeFile(inbox / "one.thrl", bytes);
        fs::last_write_time(inbox / "one.thrl", mtime);
        auto fourth = syncFolders(*s.b);
        REQUIRE(fourth->received.size() == 1);
        CHECK_FALSE(fourth->received[0].rememberedRefusal);
        CHECK_FALSE(fourth->received[0].alreadyImported);
        CHECK_FALSE(fourth->received[0].ok);
    }

    TEST_CASE("an import reports its progress and, cancelled, leaves the vault untouched") {
        Shared s;
        addBulk(*s.a, s.yp, 60);
        REQUIRE(exportTo(*s.a, s.fpB, {}, s.tmp / "big.thrl").ok());
        const auto size = fs::file_size(s.tmp / "big.thrl");
        REQUIRE(size > 3 * 65553);
        const std::string before = vaultHash(*s.b);
        std::atomic<bool> cancel{false};
        int calls = 0;
        SyncControl control;
        control.cancel = &cancel;
        control.progress = [&](const SyncProgress& p) {
            if (++calls == 2) cancel = true;
        };
        auto r = importFile(*s.b, s.tmp / "big.thrl", control);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().reason == ErrorReason::Cancelled);
        CHECK(vaultHash(*s.b) == before);

        std::vector<std::pair<std::uint64_t, std::uint64_t>> seen;
        bool merged = false;
        SyncControl watch;
        watch.progress = [&](const SyncProgress& p) {
            if (p.stage == SyncProgress::Stage::Checking) seen.emplace_back(p.bytesDone, p.bytesTotal);
            if (p.stage == SyncProgress::Stage::Merging) merged = true;
        };
        auto ok = importFile(*s.b, s.tmp / "big.thrl", watch);
        REQUIRE_MESSAGE(ok.ok(), (ok.ok() ? "" : ok.error().message));
        CHECK(merged);
        REQUIRE(seen.size() >= 6); // two passes over at least three chunks
        for (std::size_t i = 1; i < seen.size(); ++i)
            CHECK(seen[i].first > seen[i - 1].first);
        CHECK(seen.back().first == seen.back().second);
        CHECK(seen.back().second == 2 * size);

        // Folder sync stops between files when cancelled and says so.
        const fs::path inbox = s.tmp / "in";
        fs::create_directories(inbox);
        REQUIRE(setFolderSettings(*s.b, FolderSettings{"", inbox, false}).ok());
        addBulk(*s.a, s.yp, 1);
        REQUIRE(exportTo(*s.a, s.fpB, {}, inbox / "next.thrl").ok());
        std::atomic<bool> stop{true};
        SyncControl stopped;
        stopped.cancel = &stop;
        const std::string mid = vaultHash(*s.b);
        auto folder = syncFolders(*s.b, stopped);
        REQUIRE(folder.ok());
        CHECK(folder->cancelled);
        CHECK(folder->received.empty());
        CHECK(vaultHash(*s.b) == mid);
    }

} // TEST_SUITE
