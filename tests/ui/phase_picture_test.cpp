// The relational picture per phase in the app: the card on the young person's home, the full screen it
// opens (one phase at a time, a card per track with each use), and its page in presentation mode.
#include "throughline/testing/opened_vault.hpp"

#include "app/session.hpp"

#include "throughline/vault/vault.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace throughline;
using namespace throughline::testing;

namespace {

// Before the move: family time with Mum and Nan to plan safety. During: the fixture's visit with the key
// worker (consistency) and a call with Theo used for safety.
void addPhaseContacts(core::Vault& vault, const FixtureIds& ids) {
    const core::Date today = core::Date::today();
    auto contact = [&](int daysAgo, std::vector<std::string> people, core::ContactKind kind,
                       std::uint32_t uses) {
        core::ContactRecord c;
        c.youngPersonId = ids.youngPerson;
        c.kind = kind;
        c.date = today.addDays(-daysAgo);
        c.participantIds = std::move(people);
        c.place = core::Place::HomeArea;
        c.uses = uses;
        REQUIRE(vault.store().save(c).ok());
    };
    contact(80, {ids.mum, ids.nan}, core::ContactKind::FamilyTime,
            static_cast<std::uint32_t>(core::Use::Safety));
    contact(10, {ids.friendId}, core::ContactKind::PhoneOrVideo,
            static_cast<std::uint32_t>(core::Use::Safety));
}

bool has(const std::vector<std::string>& lines, std::string_view line) {
    return std::find(lines.begin(), lines.end(), line) != lines.end();
}

} // namespace

TEST_CASE("the phase card on the home screen opens the phase picture, one phase at a time") {
    OpenedVault v({.screen = app::Screen::Home, .prepare = addPhaseContacts});
    Harness& h = v.h;
    h.frame(2);
    REQUIRE(h.app().screen() == app::Screen::Home);
    CHECK(h.visible("home.phases"));
    CHECK(h.visible("home.phase.before"));
    CHECK(h.visible("home.phase.during"));
    CHECK(h.visible("home.phase.ending"));

    // What the card and screen show comes from the insight engine's picture of this young person.
    app::Session& s = *h.app().session();
    REQUIRE(s.records.insight.has_value());
    const core::PhasePicture& pic = s.records.insight->phasePicture;
    CHECK(pic.hasPlacement);
    const core::PhaseGrid& before = pic.phases[0];
    CHECK(before.at(core::Track::Family, core::Use::Safety).contacts == 1);
    REQUIRE(before.at(core::Track::Family, core::Use::Safety).people.size() == 2);
    CHECK(before.at(core::Track::Family, core::Use::Safety).people[0].name == "Mum (Dana Ashdown)");
    CHECK(has(before.findings,
              "Before the move, only family relationships were used to plan safety (1 contact)."));
    CHECK(app::phaseSummaryLine(before) == "Family only \xC2\xB7 1 contact");
    const core::PhaseGrid& during = pic.phases[1];
    CHECK(during.at(core::Track::Practitioner, core::Use::Consistency).contacts == 1);
    CHECK(during.at(core::Track::PeerCommunity, core::Use::Safety).people.at(0).name == "Theo Brankley");
    CHECK(app::phaseSummaryLine(during) == "Practitioner and peer & community \xC2\xB7 2 contacts");
    CHECK(app::phaseSummaryLine(pic.phases[2]) == "Not begun");

    // A row opens its phase.
    REQUIRE(h.click("home.phase.before"));
    h.frame(2);
    REQUIRE(h.app().screen() == app::Screen::PhasePicture);
    CHECK(s.network.phases.phase == 0);
    CHECK(h.visible("phases.title"));
    CHECK(h.visible("phases.findings"));
    for (const char* track : {"practitioner", "family", "peer_community"}) {
        CHECK(h.visible(std::string("phases.track.") + track));
        for (const char* use : {"consistency", "collaboration", "safety"})
            CHECK(h.visible(std::string("phases.cell.") + track + "." + use));
    }
    // The chips switch phase; the ending has not begun, so it shows what it says and no grid.
    REQUIRE(h.click("phases.phase.during"));
    h.frame(2);
    CHECK(s.network.phases.phase == 1);
    CHECK(h.visible("phases.cell.peer_community.safety"));
    REQUIRE(h.click("phases.phase.ending"));
    h.frame(2);
    CHECK(s.network.phases.phase == 2);
    CHECK(h.visible("phases.findings"));
    CHECK_FALSE(h.visible("phases.cell.family.safety"));

    // Back to the home; "Open" shows the phase today falls in.
    REQUIRE(h.click("back"));
    h.frame(2);
    REQUIRE(h.app().screen() == app::Screen::Home);
    REQUIRE(h.click("home.phases"));
    h.frame(2);
    CHECK(h.app().screen() == app::Screen::PhasePicture);
    CHECK(s.network.phases.phase == 1);
}

TEST_CASE("the phase picture opens by name and has a page in presentation mode") {
    OpenedVault v({.screen = app::Screen::PhasePicture, .prepare = addPhaseContacts});
    Harness& h = v.h;
    h.frame(2);
    CHECK(h.app().screen() == app::Screen::PhasePicture);
    CHECK(h.visible("phases.cell.family.safety"));

    REQUIRE(h.app().openScreen(app::Screen::Presentation, v.ids.youngPerson) == "");
    h.frame(3);
    REQUIRE(h.click("present.page.2"));
    h.frame(2);
    CHECK(h.visible("present.phase.before"));
    CHECK(h.visible("present.phase.during"));
    CHECK_FALSE(h.visible("present.phase.ending")); // not begun: its words, no grid
    const core::HandoverSummary& s = h.app().session()->handover.presentation()->model();
    REQUIRE(s.phasePictureAvailable);
    CHECK(has(s.phasePicture.phases[0].findings,
              "Before the move, only family relationships were used to plan safety (1 contact)."));
}
