#pragma once
// Two fixture vaults that know each other (for the sync screens): "Alex Testworker" (A, the key worker,
// holding the fixture's young person) and "Sol Brannigan" (B, a home-authority social worker). All invented.
#include "throughline/testing/vault_fixture.hpp"

#include <filesystem>
#include <string>

namespace throughline::testing {

/// What introduce() did: each vault's fingerprint (hex) and contact card.
struct Introduction {
    std::string fpA, fpB, cardA, cardB;
};

/// Makes `a` Ada Quillfeather (residential key worker at `orgA`) and `b` Sol Brannigan (social worker, Harlow
/// Vale Council), and has each import the other's contact card, verified (b's first). Throws on failure.
Introduction introduce(core::Vault& a, core::Vault& b,
                       const std::string& orgA = "Fernbrook Children's Services");

/// Makes a vault in `dir` owned by `owner` (locked again) and has `v` import its contact card, not verified:
/// a colleague for the contact screens to show. Throws on failure.
void addUnverifiedColleague(core::Vault& v, const std::filesystem::path& dir, const core::Owner& owner = {});

/// A vault in `tmp / "vault"` (locked again) with `youngPeople` demo young people and about `contacts`
/// demo contacts (seed 3), and an unverified colleague in `tmp / "colleague"`: everything a test that opens
/// every screen needs to see. Throws on failure.
void makeEveryScreenVault(const std::filesystem::path& tmp, int youngPeople, int contacts);

/// Two vaults in a temporary folder (tmp / "a", tmp / "b") that know each other (introduce()); a holds
/// seedSmall's young person `yp` and, with `shareYoungPerson`, has shared them with b (nothing sent yet).
struct VaultPair : Introduction {
    TempDir tmp;
    std::unique_ptr<core::Vault> a, b;
    std::string yp;
    explicit VaultPair(bool shareYoungPerson = true);
};

/// Three colleagues in a temporary folder (tmp / "kw", "sw", "iro"): a key worker, a social worker and an
/// independent reviewing officer. Each knows the others' cards (verified); the key worker holds seedSmall's
/// young person `yp` and shares them with both (nothing sent yet). The fingerprints are named sender-to-whom
/// as seen from the first vault (kwToSw: the social worker's, as the key worker holds it).
struct ThreeColleagues {
    TempDir tmp;
    std::unique_ptr<core::Vault> kw, sw, iro;
    std::string kwToSw, kwToIro, swToIro, iroToSw, yp;
    ThreeColleagues();
};

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

} // namespace throughline::testing
