// The key files (vault.key and vault.key.bak) under failures part-way through a passphrase change.
// A change that reports failure must leave the old passphrase working; one that reports success must
// leave no copy that still opens with the old passphrase.
#include <doctest/doctest.h>

#include "rob_util.hpp"

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
        auto created = tltest::makeVault(dir);
        seedVault(created.vault->store(), 1, 3);
        const std::string keyBefore = tltest::readFile(dir / VaultFiles::header);
        // The backup's temporary file cannot be created (a folder is in the way), as an I/O error or a full
        // disk would do between the two writes.
        fs::create_directory(dir / "vault.key.bak.tmp");
        auto changed = created.vault->changePassphrase(kNewPass, KdfParams::minimumForTests());
        REQUIRE_FALSE(changed.ok());
        INFO("changePassphrase: " << codeName(changed.error().code) << ": " << changed.error().message);
        CHECK(changed.error().code == ErrorCode::Io);
        created.vault->lock();
        fs::remove(dir / "vault.key.bak.tmp");

        // The caller was told the change failed: nothing should have changed.
        CHECK(tltest::readFile(dir / VaultFiles::header) == keyBefore);
        auto old = Vault::open(dir, tltest::kPass);
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
        auto old = Vault::open(dir, tltest::kPass);
        REQUIRE_FALSE(old.ok());
        CHECK(old.error().code == ErrorCode::WrongPassphrase);
        auto fresh = Vault::open(dir, kNewPass);
        REQUIRE(fresh.ok());
        CHECK(fresh.value()->headerWasRepaired());
    }

} // TEST_SUITE
