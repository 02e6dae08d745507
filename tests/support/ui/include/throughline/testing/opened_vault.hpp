#pragma once
// The usual start of a UI test in one line: a temporary folder, a fixture vault in it (addFixture, owned by
// "Alex Testworker"), the app on it (Harness with testOptions), unlocked with kFixturePass, with a screen
// open for the fixture's young person. Each step can be adjusted through OpenedVaultOptions.
#include "throughline/testing/harness.hpp"
#include "throughline/testing/vault_fixture.hpp"

#include <functional>
#include <optional>
#include <string>

namespace throughline::testing {

struct OpenedVaultOptions {
    /// Opened for the fixture's young person once unlocked; none: the app stays where unlocking leaves it.
    std::optional<app::Screen> screen = std::nullopt;
    /// Unlock with kFixturePass (and draw two frames); off: the app waits on its unlock screen.
    bool unlock = true;
    /// The harness's display size.
    ImVec2 size = ImVec2(430, 3200);
    /// Runs on the new vault, before it is locked and the app starts (records a test needs besides the
    /// fixture's).
    std::function<void(core::Vault&, const FixtureIds&)> prepare = nullptr;
};

struct OpenedVault {
    TempDir tmp;
    std::string recoveryKey; // the new vault's
    FixtureIds ids;
    Harness h;
    explicit OpenedVault(app::Screen screen);
    explicit OpenedVault(const OpenedVaultOptions& options = {});
    /// The vault folder (tmp / "vault").
    std::filesystem::path dir() const { return tmp / "vault"; }

  private:
    FixtureIds makeFixture(const OpenedVaultOptions& options);
};

} // namespace throughline::testing
