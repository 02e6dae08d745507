#pragma once
// The fixture vault of the UI tests and tools, and the one passphrase of every test vault. Invented data
// only, written through Store::save (the one write path). Failures throw std::runtime_error (a doctest test
// case then fails with the message), so the tools and benchmarks link this too. makeVault, its options and
// the other seeders: test_vault.hpp.
#include <filesystem>
#include <memory>
#include <string>

#include "throughline/records/store.hpp"
#include "throughline/testing/temp_dir.hpp"
#include "throughline/vault/vault.hpp"

namespace throughline::testing {

/// The passphrase of every test vault.
inline constexpr const char* kFixturePass = "amber kettle river 42";

/// What addFixture wrote.
struct FixtureIds {
    std::string youngPerson, placement, mum, nan, keyWorker, friendId, contact, missing;
};

/// One young person ("Robin Ashdown"), a placement with a confidential address, a small network on all
/// three tracks, one contact and one missing episode.
FixtureIds addFixture(core::Store& store);

/// Creates a vault in `dir` (fast key derivation, owned by `ownerName` alone) holding addFixture()'s records,
/// and locks it.
FixtureIds makeFixtureVault(const std::filesystem::path& dir,
                            const std::string& ownerName = "Alex Testworker");

/// Opens a test vault with kFixturePass.
std::unique_ptr<core::Vault> openFixtureVault(const std::filesystem::path& dir);

} // namespace throughline::testing
