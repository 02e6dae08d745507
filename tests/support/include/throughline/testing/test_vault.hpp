#pragma once
// One makeVault for every suite: a vault with the cheapest key derivation (tests only) and the one test
// passphrase, seeded as its options say, and the seeders behind those options. Failures throw
// std::runtime_error (see vault_fixture.hpp).
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "throughline/records/store.hpp"
#include "throughline/testing/temp_dir.hpp"
#include "throughline/testing/vault_fixture.hpp"
#include "throughline/vault/vault.hpp"

namespace throughline::testing {

/// What seedVault wrote, so tests can check it is all still there.
struct Seeded {
    std::vector<std::string> youngPeople;
    std::vector<std::string> contacts;
    std::string tombstonedContact;
};

/// A young person ("Rowan Astley-Vane") with a placement, two network members and one contact; returns the
/// young person's id.
std::string seedSmall(core::Store& store);

/// Several young people with placements, networks, contacts (one with text long enough to need overflow
/// pages), actions, missing episodes, a tombstone, a draft and a setting.
Seeded seedVault(core::Store& store, int youngPeople = 3, int contactsEach = 25);

/// What makeVault writes into the new vault.
enum class Seed {
    None,
    Small,   // seedSmall
    Fixture, // addFixture
    Varied,  // seedVault(youngPeople, contactsEach)
};

struct VaultOptions {
    Seed seed = Seed::None;
    int youngPeople = 3, contactsEach = 25; // for Seed::Varied
    core::Owner owner = {"Test Worker", "Key worker", "Fernbrook Children's Services"};
    std::string pass = kFixturePass;
    bool lock = false; // lock the vault before returning it
};

/// A vault made by makeVault, and the ids of what it was seeded with.
struct TestVault {
    std::unique_ptr<core::Vault> vault;
    std::string recoveryKey;
    std::string youngPerson; // the (first) seeded young person, for every Seed but None
    FixtureIds fixture;      // Seed::Fixture
    Seeded seeded;           // Seed::Varied
};

/// Creates a vault in `dir` with the cheapest key derivation (tests only), seeded as `options` say.
TestVault makeVault(const std::filesystem::path& dir, const VaultOptions& options = {});

/// The most common start of a core test: a temporary folder with a vault seeded by seedSmall, its store and
/// the young person's id.
struct SmallVault {
    TempDir dir;
    TestVault created = makeVault(dir / "vault", {.seed = Seed::Small});
    core::Store& store = created.vault->store();
    const std::string ypId = created.youngPerson;
};

} // namespace throughline::testing
