// The key files (vault.key and vault.key.bak) under failures part-way through a passphrase change.
// A change that reports failure must leave the old passphrase working; one that reports success must
// leave no copy that still opens with the old passphrase.
#include <doctest/doctest.h>

#include "rob_util.hpp"
#include "throughline/vault/key_header.hpp"
#include "throughline/base/files.hpp"

using namespace throughline::core;
using namespace rob;

namespace {
const char* kNewPass = "a brand new passphrase for Fernbrook";
}

TEST_SUITE("key-file") {

    TEST_CASE(
        "a passphrase change that fails writing the backup key file leaves the old passphrase working") {
        tltest::TempDir tmp;
        const fs::path dir = tmp / "vault";
        auto created =
            tltest::makeVault(dir, {.seed = tltest::Seed::Varied, .youngPeople = 1, .contactsEach = 3});
        const std::string keyBefore = tltest::readFile(dir / VaultFiles::header);
        // The backup cannot be replaced (a non-empty folder is in the way of the rename), as an I/O error or
        // a full disk would do between the two writes.
        const std::string backupBefore = tltest::readFile(dir / VaultFiles::headerBackup);
        fs::remove(dir / VaultFiles::headerBackup);
        fs::create_directories(dir / VaultFiles::headerBackup / "in-the-way");
        auto changed = created.vault->changePassphrase(kNewPass, KdfParams::minimumForTests());
        REQUIRE_FALSE(changed.ok());
        INFO("changePassphrase: " << codeName(changed.error().code) << ": " << changed.error().message);
        CHECK(changed.error().code == ErrorCode::Io);
        created.vault->lock();
        fs::remove_all(dir / VaultFiles::headerBackup);
        tltest::writeFile(dir / VaultFiles::headerBackup, backupBefore);
        for (const auto& e : fs::directory_iterator(dir))
            CHECK_MESSAGE(e.path().extension() != ".tmp", "temporary file left behind: " << e.path());

        // The caller was told the change failed: nothing should have changed.
        CHECK(tltest::readFile(dir / VaultFiles::header) == keyBefore);
        auto old = Vault::open(dir, tltest::kFixturePass);
        CHECK_MESSAGE(old.ok(),
                      "the old passphrase no longer opens the vault after a change that reported failure: "
                          << (old.ok() ? "" : old.error().message));
    }

    TEST_CASE("after a successful passphrase change neither key file opens with the old passphrase") {
        tltest::TempDir tmp;
        const fs::path dir = tmp / "vault";
        {
            auto created = tltest::makeVault(dir);
            REQUIRE(created.vault->changePassphrase(kNewPass, KdfParams::minimumForTests()).ok());
            created.vault->lock();
        }
        // Force the fallback to the backup by damaging the primary.
        std::string primary = tltest::readFile(dir / VaultFiles::header);
        primary[40] ^= 0x55;
        tltest::writeFile(dir / VaultFiles::header, primary);
        auto old = Vault::open(dir, tltest::kFixturePass);
        REQUIRE_FALSE(old.ok());
        CHECK(old.error().code == ErrorCode::WrongPassphrase);
        auto fresh = Vault::open(dir, kNewPass);
        REQUIRE(fresh.ok());
        CHECK(fresh.value()->headerWasRepaired());
    }

    TEST_CASE("atomicWriteFile does not write through a symlink planted at a temporary name") {
        // A sync outbox is a folder a peer can write to and file names there are predictable: a symlink
        // planted where the temporary file might go must not get the victim file overwritten.
        tltest::TempDir tmp;
        const fs::path shared = tmp / "outbox";
        fs::create_directories(shared);
        const fs::path victim = tmp / "bashrc";
        tltest::writeFile(victim, "the victim's own content");
        const fs::path target = shared / "X.thrl";
        const std::vector<std::string> planted = {"X.thrl.tmp",   ".X.thrl.tmp",
                                                  "X.thrl.tmp.0", ".X.thrl.0000000000000000.tmp",
                                                  "X.tmp",        ".X.thrl.ffffffffffffffff.tmp"};
        for (const auto& name : planted)
            fs::create_symlink(victim, shared / name);
        // A dangling symlink too (O_CREAT would create its target).
        const fs::path dangling = tmp / "created-through-symlink";
        fs::create_symlink(dangling, shared / ".X.thrl.dangling.tmp");

        for (int round = 0; round < 20; ++round) {
            const std::string content = "bundle bytes, round " + std::to_string(round);
            auto s = atomicWriteFile(target, std::vector<std::uint8_t>(content.begin(), content.end()));
            REQUIRE_MESSAGE(s.ok(), (s.ok() ? "" : s.error().message));
            CHECK(tltest::readFile(target) == content);
        }
        CHECK(tltest::readFile(victim) == "the victim's own content");
        CHECK_FALSE(fs::exists(dangling));
        CHECK_FALSE(fs::is_symlink(target));
        for (const auto& name : planted)
            CHECK(fs::is_symlink(shared / name)); // left alone, not replaced or followed
        // Only the written file and the planted links are there: no temporary file left behind.
        int files = 0;
        for (const auto& e : fs::directory_iterator(shared))
            if (!fs::is_symlink(e.symlink_status())) ++files;
        CHECK(files == 1);

        // A symlink at the final name itself is replaced, not written through.
        const fs::path viaLink = shared / "Y.thrl";
        fs::create_symlink(victim, viaLink);
        REQUIRE(atomicWriteFile(viaLink, {'o', 'k'}).ok());
        CHECK_FALSE(fs::is_symlink(viaLink));
        CHECK(tltest::readFile(viaLink) == "ok");
        CHECK(tltest::readFile(victim) == "the victim's own content");
    }

    TEST_CASE("atomicWriteFile leaves no temporary file when it fails") {
        tltest::TempDir tmp;
        const fs::path dir = tmp / "d";
        fs::create_directories(dir / "target" / "in-the-way"); // rename over a non-empty folder fails
        auto s = atomicWriteFile(dir / "target", {'x'});
        REQUIRE_FALSE(s.ok());
        CHECK(s.error().code == ErrorCode::Io);
        int entries = 0;
        for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir))
            ++entries;
        CHECK(entries == 1);
        // A missing directory: Io, nothing created.
        auto missing = atomicWriteFile(tmp / "no-such-dir" / "f", {'x'});
        REQUIRE_FALSE(missing.ok());
        CHECK(missing.error().code == ErrorCode::Io);
    }

} // TEST_SUITE
