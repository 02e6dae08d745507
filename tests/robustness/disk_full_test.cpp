// A full disk: saving says DiskFull in plain words, nothing committed is lost, the key file is never
// half-written, and the vault works again once space is freed. Uses an 8 MiB tmpfs (needs root).
#include <doctest/doctest.h>

#include "crash_loop.hpp"
#include "rob_util.hpp"

using namespace throughline::core;
using namespace rob;

namespace {

#define REQUIRE_TMPFS(mnt)                                                                                   \
    if (!(mnt).mounted()) {                                                                                  \
        rob::skip("cannot mount a tmpfs here (" + (mnt).error() +                                            \
                  "); the disk-full tests need root / CAP_SYS_ADMIN, so they did not run");                  \
        return;                                                                                              \
    }

ContactRecord callFor(const std::string& personId, int n) {
    ContactRecord c;
    c.youngPersonId = personId;
    c.kind = ContactKind::PhoneOrVideo;
    c.date = Date::today();
    c.observations = "Disk-full call " + std::to_string(n) + ": " + std::string(600, 'x');
    return c;
}

const char* kNewPass = "a brand new passphrase for Fernbrook";

} // namespace

TEST_SUITE("disk-full") {

    TEST_CASE("saving on a full disk returns DiskFull and loses nothing; changing the passphrase leaves the "
              "key file") {
        tltest::TempDir tmp;
        const fs::path mountDir = tmp / "small";
        TmpfsMount mnt(mountDir, "8m");
        REQUIRE_TMPFS(mnt);
        const fs::path dir = mountDir / "vault";

        std::vector<std::string> committed;
        std::string personId;
        {
            auto created =
                tltest::makeVault(dir, {.seed = tltest::Seed::Varied, .youngPeople = 2, .contactsEach = 10});
            const Seeded& seeded = created.seeded;
            committed = seeded.contacts;
            personId = seeded.youngPeople.front();
            created.vault->lock(); // checkpoints: the WAL goes back into vault.db and is removed
        }
        {
            auto opened = Vault::open(dir, tltest::kFixturePass);
            REQUIRE_MESSAGE(opened.ok(), (opened.ok() ? "" : opened.error().message));
            Vault& vault = *opened.value();
            Store& store = vault.store();

            const auto filled = fillDisk(mountDir / "filler");
            MESSAGE("filled the 8 MiB tmpfs with " << filled << " bytes");

            // The WAL may still have room in frames it already allocated, so keep saving until the disk
            // bites.
            std::optional<Error> failure;
            ContactRecord failed;
            for (int n = 0; n < 5000 && !failure; ++n) {
                ContactRecord c = callFor(personId, n);
                auto id = store.save(c);
                if (id)
                    committed.push_back(*id);
                else {
                    failure = id.error();
                    failed = c;
                }
            }
            REQUIRE_MESSAGE(failure.has_value(), "5000 saves on a full disk all succeeded?");
            INFO("save failed with " << codeName(failure->code) << ": " << failure->message);
            CHECK(failure->code == ErrorCode::DiskFull);
            CHECK(failure->message.find("disk is full") != std::string::npos);
            CHECK(failed.meta.id.empty()); // the caller's record is untouched by a failed save

            // Reads still work on a full disk.
            auto home = store.loadHome(personId);
            CHECK(home.ok());

            // Changing the passphrase on a full disk: DiskFull, and the key files are exactly as they were.
            (void)fillDisk(mountDir / "filler2");
            const std::string keyBefore = tltest::readFile(dir / VaultFiles::header);
            const std::string backupBefore = tltest::readFile(dir / VaultFiles::headerBackup);
            auto changed = vault.changePassphrase(kNewPass, KdfParams::minimumForTests());
            REQUIRE_FALSE(changed.ok());
            INFO("changePassphrase: " << codeName(changed.error().code) << ": " << changed.error().message);
            CHECK(changed.error().code == ErrorCode::DiskFull);
            CHECK(changed.error().message.find("disk is full") != std::string::npos);
            CHECK(tltest::readFile(dir / VaultFiles::header) == keyBefore);
            CHECK(tltest::readFile(dir / VaultFiles::headerBackup) == backupBefore);
            for (const auto& e : fs::directory_iterator(dir))
                CHECK_MESSAGE(e.path().extension() != ".tmp", "temporary file left behind: " << e.path());

            // Free the space: the same open vault saves again without a restart.
            fs::remove(mountDir / "filler");
            fs::remove(mountDir / "filler2");
            ContactRecord after = callFor(personId, 9999);
            auto id = store.save(after);
            REQUIRE_MESSAGE(id.ok(), (id.ok() ? "" : id.error().message));
            committed.push_back(*id);
            vault.lock();
        }

        // The new passphrase never took effect; the old one opens a vault with every committed record.
        auto wrong = Vault::open(dir, kNewPass);
        REQUIRE_FALSE(wrong.ok());
        CHECK(wrong.error().code == ErrorCode::WrongPassphrase);
        auto v = Vault::open(dir, tltest::kFixturePass);
        REQUIRE_MESSAGE(v.ok(), (v.ok() ? "" : v.error().message));
        auto report = v.value()->verify();
        REQUIRE(report.ok());
        INFO("verify problems: " << (report->problems.empty() ? "" : report->problems.front()));
        CHECK(report->ok);
        int missing = 0;
        for (const auto& id : committed)
            if (!v.value()->store().contact(id).ok()) ++missing;
        CHECK(missing == 0);
        MESSAGE(committed.size() << " committed contacts all present after the disk filled up");
    }

    TEST_CASE("a passphrase change that fails on a full disk can be retried once space is freed") {
        tltest::TempDir tmp;
        const fs::path mountDir = tmp / "small";
        TmpfsMount mnt(mountDir, "8m");
        REQUIRE_TMPFS(mnt);
        const fs::path dir = mountDir / "vault";
        {
            auto created =
                tltest::makeVault(dir, {.seed = tltest::Seed::Varied, .youngPeople = 1, .contactsEach = 5});
            (void)fillDisk(mountDir / "filler");
            auto s = created.vault->changePassphrase(kNewPass, KdfParams::minimumForTests());
            REQUIRE_FALSE(s.ok());
            CHECK(s.error().code == ErrorCode::DiskFull);
            fs::remove(mountDir / "filler");
            auto retry = created.vault->changePassphrase(kNewPass, KdfParams::minimumForTests());
            REQUIRE_MESSAGE(retry.ok(), (retry.ok() ? "" : retry.error().message));
            created.vault->lock();
        }
        auto old = Vault::open(dir, tltest::kFixturePass);
        REQUIRE_FALSE(old.ok());
        CHECK(old.error().code == ErrorCode::WrongPassphrase);
        auto v = Vault::open(dir, kNewPass);
        REQUIRE_MESSAGE(v.ok(), (v.ok() ? "" : v.error().message));
        auto report = v.value()->verify();
        REQUIRE(report.ok());
        CHECK(report->ok);
    }

    TEST_CASE("unlocking on a full disk fails cleanly (DiskFull) or succeeds; it never damages the vault") {
        tltest::TempDir tmp;
        const fs::path mountDir = tmp / "small";
        TmpfsMount mnt(mountDir, "8m");
        REQUIRE_TMPFS(mnt);
        const fs::path dir = mountDir / "vault";
        std::string expectedRead;
        {
            auto created =
                tltest::makeVault(dir, {.seed = tltest::Seed::Varied, .youngPeople = 1, .contactsEach = 8});
            created.vault->lock();
        }
        {
            auto v = Vault::open(dir, tltest::kFixturePass);
            REQUIRE(v.ok());
            auto r = readEverything(v.value()->store());
            REQUIRE(r.ok());
            expectedRead = *r;
        }
        (void)fillDisk(mountDir / "filler");
        {
            auto v = Vault::open(dir, tltest::kFixturePass);
            if (v) {
                MESSAGE("the vault unlocked on a full disk");
                auto r = readEverything(v.value()->store());
                REQUIRE(r.ok());
                CHECK(*r == expectedRead);
            } else {
                INFO(codeName(v.error().code) << ": " << v.error().message);
                CHECK(v.error().code == ErrorCode::DiskFull);
                MESSAGE("unlocking on a full disk: " << v.error().message);
            }
        }
        fs::remove(mountDir / "filler");
        auto v = Vault::open(dir, tltest::kFixturePass);
        REQUIRE_MESSAGE(v.ok(), (v.ok() ? "" : v.error().message));
        auto report = v.value()->verify();
        REQUIRE(report.ok());
        CHECK(report->ok);
        auto r = readEverything(v.value()->store());
        REQUIRE(r.ok());
        CHECK(*r == expectedRead);
    }

    TEST_CASE("creating a vault on a full disk fails with DiskFull and leaves no half-made vault") {
        tltest::TempDir tmp;
        const fs::path mountDir = tmp / "small";
        TmpfsMount mnt(mountDir, "8m");
        REQUIRE_TMPFS(mnt);
        fs::create_directories(mountDir / "vault");
        (void)fillDisk(mountDir / "filler");
        CreateOptions opt;
        opt.kdf = KdfParams::minimumForTests();
        auto created = Vault::create(mountDir / "vault", tltest::kFixturePass, opt);
        REQUIRE_FALSE(created.ok());
        INFO(codeName(created.error().code) << ": " << created.error().message);
        CHECK(created.error().code == ErrorCode::DiskFull);
        CHECK_FALSE(Vault::exists(mountDir / "vault"));
        CHECK_FALSE(fs::exists(mountDir / "vault" / VaultFiles::database));
        // Once there is room, creating there works.
        fs::remove(mountDir / "filler");
        auto again = Vault::create(mountDir / "vault", tltest::kFixturePass, opt);
        CHECK_MESSAGE(again.ok(), (again.ok() ? "" : again.error().message));
    }

} // TEST_SUITE

TEST_SUITE("disk-full") {

    TEST_CASE("the crash loop on a nearly full disk: every write path meets ENOSPC at a random point, or is "
              "killed first; nothing is lost or half-written") {
        tltest::TempDir tmp;
        const fs::path mountDir = tmp / "small";
        TmpfsMount mnt(mountDir, "8m");
        REQUIRE_TMPFS(mnt);
        CrashLoopOptions o;
        o.kills = crashKills(18);
        o.root = mountDir;
        o.peerRoot = tmp / "peer";
        o.diskFull = true;
        const CrashLoopResult r = runCrashLoop(o);
        CHECK(r.lost == 0);
        CHECK(r.diskFullStops > 0); // the disk really filled up under some writers
        for (const char* path : kWritePaths)
            CHECK_MESSAGE(r.kills.count(path), "no run on the " << path << " path");
    }

} // TEST_SUITE
