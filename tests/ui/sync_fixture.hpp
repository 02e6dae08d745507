#pragma once
// Two fixture vaults that know each other (for the sync screens): "Alex Testworker" (A, the key worker,
// holding the fixture's young person) and "Sol Brannigan" (B, a home-authority social worker). All invented.
#include "vault_fixture.hpp"

#include <filesystem>
#include <string>

namespace throughline::testing {

struct SyncPair {
    FixtureIds ids;              // in A (and, after the first exchange, in B)
    std::string fpA, fpB;        // fingerprints (hex)
    std::string wordsA, wordsB;  // fingerprints as word groups
    std::filesystem::path cardA; // A's contact card file
    std::filesystem::path cardB; // B's contact card file
};

/// Creates A in `dirA` and B in `dirB` (passphrase kFixturePass). With `exchange`: each has the other's
/// card (verified), A shares the young person with B, and B has imported A's first bundle.
SyncPair makeSyncPair(const std::filesystem::path& dirA, const std::filesystem::path& dirB,
                      const std::filesystem::path& filesDir, bool exchange);

/// After makeSyncPair(…, true): the same field edited differently in both vaults, and a network member
/// deleted in A but edited in B; B sends its changes (with the handover summary attached) and A imports
/// them, so A holds two open conflicts and one received summary.
void makeConflicts(const SyncPair& pair, const std::filesystem::path& dirA, const std::filesystem::path& dirB,
                   const std::filesystem::path& filesDir);

/// After makeSyncPair(…, true): B writes a placement address of its own and sends it with the location
/// included, so A holds one open conflict on the confidential `location_address`.
void makeLocationConflict(const SyncPair& pair, const std::filesystem::path& dirA,
                          const std::filesystem::path& dirB, const std::filesystem::path& filesDir);

/// Opens a fixture vault (throws on failure).
std::unique_ptr<core::Vault> openFixtureVault(const std::filesystem::path& dir);

} // namespace throughline::testing
