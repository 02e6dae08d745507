#include "throughline/testing/opened_vault.hpp"

#include "throughline/testing/test_vault.hpp"

#include <doctest/doctest.h>

namespace throughline::testing {

OpenedVault::OpenedVault(app::Screen screen) : OpenedVault(OpenedVaultOptions{.screen = screen}) {}

OpenedVault::OpenedVault(const OpenedVaultOptions& options)
    : ids(makeFixture(options)), h(testOptions(dir()), options.size) {
    if (!options.unlock) return;
    REQUIRE(h.app().unlock(kFixturePass).ok());
    if (options.screen) REQUIRE(h.app().openScreen(*options.screen, ids.youngPerson) == "");
    h.frame(2);
}

FixtureIds OpenedVault::makeFixture(const OpenedVaultOptions& options) {
    VaultOptions o;
    o.seed = Seed::Fixture;
    o.owner = {"Alex Testworker", "", ""};
    TestVault made = makeVault(dir(), o);
    recoveryKey = made.recoveryKey;
    if (options.prepare) options.prepare(*made.vault, made.fixture);
    made.vault->lock();
    return made.fixture;
}

} // namespace throughline::testing
