// The network map and the Gaps card: open the map, tap a person, see their details and record a contact
// with them; open a gap's evidence from the home screen.
#include "throughline/testing/opened_vault.hpp"

#include "throughline/vault/vault.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace throughline;
using namespace throughline::testing;

TEST_CASE("the network map: tap a person, see their details, record a contact with them") {
    OpenedVault v(app::Screen::Network);
    Harness& h = v.h;
    const FixtureIds& ids = v.ids;
    h.frame(1);
    // Every person is on the map as a touch target.
    CHECK(h.visible("network.node." + ids.mum));
    CHECK(h.visible("network.node." + ids.friendId));
    CHECK_FALSE(h.visible("network.selected"));

    h.click("network.node." + ids.mum);
    h.frame(2);
    CHECK(h.visible("network.selected"));
    CHECK(h.visible("network.record-with"));

    h.click("network.record-with");
    h.frame(2);
    REQUIRE(h.app().screen() == app::Screen::Record);
    const auto& chosen = h.app().recordState().form.participantIds;
    CHECK(std::find(chosen.begin(), chosen.end(), ids.mum) != chosen.end());
}

TEST_CASE("the list view of the network is one tap away") {
    OpenedVault v(app::Screen::Network);
    Harness& h = v.h;
    const FixtureIds& ids = v.ids;
    h.click("network.mode.list");
    h.frame(2);
    CHECK(h.visible("network.member." + ids.nan));
    CHECK_FALSE(h.visible("network.node." + ids.nan));
}

TEST_CASE("the home screen shows the Gaps card, and a gap opens to its evidence") {
    OpenedVault v(app::Screen::Home);
    Harness& h = v.h;
    h.frame(1);
    REQUIRE(h.visible("home.gaps"));
    // The fixture is a short, thin record: at least one silence is found.
    REQUIRE(h.visible("home.gap.0"));
    h.click("home.gap.0");
    h.frame(2);
    CHECK(h.app().homeState().openGap == 0);
}

TEST_CASE("presentation mode: from the home screen, page through every section, back again") {
    OpenedVault v(app::Screen::Home);
    Harness& h = v.h;
    h.click("home.present");
    h.frame(2);
    REQUIRE(h.app().screen() == app::Screen::Presentation);
    CHECK(h.visible("present.body"));
    CHECK_FALSE(h.visible("tab.people")); // full screen: no tab bar
    for (int page = 1; page < app::presentationPageCount(); ++page) {
        h.click("present.page." + std::to_string(page));
        h.frame(2);
        CHECK(h.visible("present.body"));
    }
    h.pressKey(kKeyEscape);
    h.frame(2);
    CHECK(h.app().screen() == app::Screen::Home);
    CHECK_FALSE(h.app().presentationOpen()); // the summary is let go on leaving
}

TEST_CASE("the safety plan: written in the app, every save is a new version, earlier ones kept") {
    OpenedVault v(app::Screen::Home);
    Harness& h = v.h;
    const FixtureIds& ids = v.ids;
    h.click("home.safety-plan");
    h.frame(2);
    REQUIRE(h.app().screen() == app::Screen::SafetyPlan);
    h.click("plan.person." + ids.nan);
    h.typeInto("plan.safe", "Nan\xE2\x80\x99s kitchen");
    h.click("plan.save");
    h.frame(2);
    REQUIRE(h.app().screen() == app::Screen::Home);
    auto v1 = h.app().vault()->store().currentSafetyPlan(ids.youngPerson);
    REQUIRE(v1.ok());
    REQUIRE(v1->has_value());
    CHECK((*v1)->version == 1);
    CHECK((*v1)->safePlaces == "Nan\xE2\x80\x99s kitchen");
    CHECK((*v1)->peopleIds == std::vector<std::string>{ids.nan});

    h.frame(2);
    h.click("home.safety-plan");
    h.frame(2);
    h.click("plan.agrees");
    h.click("plan.save");
    h.frame(2);
    auto versions = h.app().vault()->store().safetyPlanVersions(ids.youngPerson);
    REQUIRE(versions.ok());
    REQUIRE(versions->size() == 2);
    CHECK_FALSE(versions->front().youngPersonAgrees); // version 1 as it was
    CHECK(versions->back().youngPersonAgrees);
    CHECK(versions->back().safePlaces == "Nan\xE2\x80\x99s kitchen");
}

TEST_CASE("the placement editor records the plan for ending the relocation") {
    OpenedVault v(app::Screen::PlacementEditor);
    Harness& h = v.h;
    const FixtureIds& ids = v.ids;
    h.click("placement.ending-plan.settle");
    h.click("placement.save");
    h.frame(2);
    auto p = h.app().vault()->store().placement(ids.placement);
    REQUIRE(p.ok());
    CHECK(p->endingPlan == core::EndingPlan::SettleWherePlaced);
}
