#pragma once
// Invented test data written through Store::save (the one write path).
#include <throughline/store.hpp>
#include <throughline/vault.hpp>

#include <filesystem>
#include <string>

namespace throughline::testing {

struct FixtureIds {
    std::string youngPerson, placement, mum, nan, keyWorker, friendId, contact, missing;
};

/// Fills a store with one young person ("Robin Ashdown"), a placement with a confidential address,
/// a small network on all three tracks, one contact and one missing episode. All invented.
FixtureIds addFixture(core::Store& store);

/// A temporary folder removed on destruction.
struct TempDir {
    std::filesystem::path path;
    TempDir();
    ~TempDir();
};

} // namespace throughline::testing
