#include "throughline/testing/opened_vault.hpp"

#include <doctest/doctest.h>

namespace throughline::testing {

OpenedVault::OpenedVault(app::Screen screen)
    : ids(makeFixtureVault(tmp / "vault")), h(testOptions(tmp / "vault")) {
    REQUIRE(h.app().unlock(kFixturePass).ok());
    REQUIRE(h.app().openScreen(screen, ids.youngPerson) == "");
    h.frame(2);
}

} // namespace throughline::testing
