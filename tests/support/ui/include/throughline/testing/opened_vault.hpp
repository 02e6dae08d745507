#pragma once
// The usual start of a UI test in one line: a temporary folder, a fixture vault in it (makeFixtureVault),
// the app on it (Harness with testOptions), unlocked with kFixturePass, with `screen` open for the fixture's
// young person.
#include "throughline/testing/harness.hpp"
#include "throughline/testing/vault_fixture.hpp"

namespace throughline::testing {

struct OpenedVault {
    TempDir tmp;
    FixtureIds ids;
    Harness h;
    explicit OpenedVault(app::Screen screen);
    /// The vault folder (tmp / "vault").
    std::filesystem::path dir() const { return tmp / "vault"; }
};

} // namespace throughline::testing
