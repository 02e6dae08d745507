#pragma once
// Invented test data written through Store::save (the one write path).
#include "throughline/records/store.hpp"
#include "throughline/vault/vault.hpp"

#include <filesystem>
#include <string>

namespace throughline::testing {

struct FixtureIds {
    std::string youngPerson, placement, mum, nan, keyWorker, friendId, contact, missing;
};

/// Fills a store with one young person ("Robin Ashdown"), a placement with a confidential address,
/// a small network on all three tracks, one contact and one missing episode. All invented.
FixtureIds addFixture(core::Store& store);

/// The passphrase of fixture vaults.
inline constexpr const char* kFixturePass = "amber kettle river 42";

/// Creates a vault in `dir` (fast key derivation) holding addFixture()'s records, and locks it.
FixtureIds makeFixtureVault(const std::filesystem::path& dir,
                            const std::string& ownerName = "Alex Testworker");

/// A temporary folder removed on destruction.
struct TempDir {
    std::filesystem::path path;
    TempDir();
    ~TempDir();
};

} // namespace throughline::testing
