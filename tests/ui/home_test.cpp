// The young person home: the placement location is hidden until revealed, and every reveal is audited.
#include "throughline/testing/opened_vault.hpp"

#include "throughline/db/audit.hpp"
#include "throughline/vault/vault.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace throughline;
using namespace throughline::testing;

namespace {

int revealsFor(core::Vault& v, const std::string& placementId) {
    auto recent = v.audit().recent(100);
    REQUIRE(recent.ok());
    return static_cast<int>(std::count_if(recent->begin(), recent->end(), [&](const core::AuditEntry& e) {
        return e.kind == core::AuditKind::LocationRevealed && e.recordId == placementId;
    }));
}

} // namespace

TEST_CASE("revealing the placement location writes an audit entry") {
    OpenedVault v;
    Harness& h = v.h;
    const FixtureIds& ids = v.ids;
    h.click("people.row." + ids.youngPerson);
    REQUIRE(h.app().screen() == app::Screen::Home);
    CHECK_FALSE(h.app().homeState().revealedLocation.has_value());
    CHECK_FALSE(h.visible("home.location"));
    CHECK(revealsFor(*h.app().vault(), ids.placement) == 0);

    h.click("home.reveal");
    REQUIRE(h.app().homeState().revealedLocation.has_value());
    CHECK_FALSE(h.app().homeState().revealedLocation->address.empty());
    CHECK(h.visible("home.location"));
    CHECK(revealsFor(*h.app().vault(), ids.placement) == 1);

    h.click("home.hide");
    CHECK_FALSE(h.app().homeState().revealedLocation.has_value());
    // Leaving and coming back hides it again; a second reveal is a second entry.
    h.click("back");
    h.click("people.row." + ids.youngPerson);
    CHECK_FALSE(h.app().homeState().revealedLocation.has_value());
    h.click("home.reveal");
    CHECK(revealsFor(*h.app().vault(), ids.placement) == 2);
    // Locking forgets the reveal.
    h.app().lock();
    REQUIRE(h.app().unlock(kFixturePass).ok());
    CHECK_FALSE(h.app().homeState().revealedLocation.has_value());
}

TEST_CASE("the placement editor keeps the location masked until asked, and audits that too") {
    OpenedVault v(app::Screen::PlacementEditor);
    Harness& h = v.h;
    const FixtureIds& ids = v.ids;
    CHECK_FALSE(h.visible("placement.location-name"));
    h.click("placement.reveal");
    CHECK(h.visible("placement.location-name"));
    CHECK(revealsFor(*h.app().vault(), ids.placement) == 1);
}

TEST_CASE("toggle an open action done from the home screen") {
    std::string actionId;
    const auto addAction = [&](core::Vault& vault, const FixtureIds& ids) {
        core::FollowUpAction a;
        a.youngPersonId = ids.youngPerson;
        a.contactId = ids.contact;
        a.description = "Book the climbing wall taster";
        a.owner = "Alex Testworker";
        auto r = vault.store().save(a);
        REQUIRE(r.ok());
        actionId = *r;
    };
    OpenedVault v({.screen = app::Screen::Home, .prepare = addAction});
    Harness& h = v.h;
    h.click("home.action." + actionId);
    auto a = h.app().vault()->store().action(actionId);
    REQUIRE(a.ok());
    CHECK(a->done);
}

TEST_CASE("add a network member and a young person through the editors") {
    OpenedVault v(app::Screen::Home);
    Harness& h = v.h;
    const FixtureIds& ids = v.ids;
    h.click("home.add-member");
    REQUIRE(h.app().screen() == app::Screen::MemberEditor);
    h.click("member.save"); // no name: core says so, the form shows it
    CHECK(h.app().screen() == app::Screen::MemberEditor);
    h.typeInto("member.name", "Coach Femi (Wendlow Juniors FC)");
    h.click("member.track.peer_community");
    h.click("member.place.placement_area");
    h.click("member.save");
    CHECK(h.app().screen() == app::Screen::Home);
    auto net = h.app().vault()->store().network(ids.youngPerson);
    REQUIRE(net.ok());
    CHECK(net->size() == 5);

    h.click("tab.people");
    h.click("people.add");
    REQUIRE(h.app().screen() == app::Screen::PersonEditor);
    h.typeInto("person.name", "Zainab Okonjo-Hart");
    h.click("person.save");
    CHECK(h.app().screen() == app::Screen::Home);
    auto people = h.app().vault()->store().listYoungPeople();
    REQUIRE(people.ok());
    CHECK(people->size() == 2);
}

TEST_CASE("keyboard: Esc goes back, Tab moves to the next field") {
    OpenedVault v(app::Screen::Home);
    Harness& h = v.h;
    const FixtureIds& ids = v.ids;
    REQUIRE(h.app().screen() == app::Screen::Home);
    h.pressKey(kKeyEscape);
    CHECK(h.app().screen() == app::Screen::People);

    REQUIRE(h.app().openScreen(app::Screen::PersonEditor, ids.youngPerson).empty());
    h.frame(2);
    h.click("person.name");
    h.pressKey(kKeyTab);
    h.frame();
    ImGui::GetIO().AddInputCharactersUTF8("Robbie");
    h.frame(2);
    CHECK(h.app().personState().person.preferredName ==
          "Robbie"); // Tab landed in "Preferred name" (and selected it)
    // Esc first leaves the field, a second Esc goes back.
    h.pressKey(kKeyEscape);
    h.pressKey(kKeyEscape);
    CHECK(h.app().screen() == app::Screen::Home);
}

TEST_CASE("editing only the planned end of a placement leaves its location as stored") {
    OpenedVault v(app::Screen::Home);
    Harness& h = v.h;
    const FixtureIds& ids = v.ids;
    h.click("home.edit-placement");
    REQUIRE(h.app().screen() == app::Screen::PlacementEditor);
    CHECK_FALSE(h.visible("placement.location-address"));
    h.typeInto("placement.planned-end", "1/9/2031");
    h.click("placement.save");
    CHECK(h.app().screen() == app::Screen::Home);

    auto p = h.app().vault()->store().placement(ids.placement);
    REQUIRE(p.ok());
    REQUIRE(p->plannedEnd.has_value());
    CHECK(*p->plannedEnd == core::Date{2031, 9, 1});
    CHECK(p->locationAddress == "14 Imaginary Lane, Wendlow WV9 9ZZ");
    CHECK(p->locationName == "Larkspur House");
    CHECK(revealsFor(*h.app().vault(), ids.placement) == 0); // nothing was shown, nothing audited
    // No change to the location was logged (so none travels by sync): only the two written at creation.
    auto changes = h.app().vault()->store().changesFor(ids.placement);
    REQUIRE(changes.ok());
    CHECK(std::count_if(changes->begin(), changes->end(), [](const core::Change& c) {
              return c.field == "location_address" || c.field == "location_name";
          }) == 2);
}

TEST_CASE("revealing the location in the placement editor loads it, audited, and an edit is saved") {
    OpenedVault v(app::Screen::Home);
    Harness& h = v.h;
    const FixtureIds& ids = v.ids;
    h.click("home.edit-placement");
    REQUIRE(h.app().screen() == app::Screen::PlacementEditor);
    h.click("placement.reveal");
    CHECK(revealsFor(*h.app().vault(), ids.placement) == 1);
    REQUIRE(h.visible("placement.location-address"));
    // The editor holds the real values now, loaded through the audited reveal.
    CHECK(h.app().placementState().placement.locationAddress == "14 Imaginary Lane, Wendlow WV9 9ZZ");
    CHECK(h.app().placementState().placement.locationName == "Larkspur House");
    h.typeInto("placement.location-address", " (side gate)");
    h.click("placement.save");
    CHECK(h.app().screen() == app::Screen::Home);

    auto p = h.app().vault()->store().placement(ids.placement);
    REQUIRE(p.ok());
    CHECK(p->locationAddress != "14 Imaginary Lane, Wendlow WV9 9ZZ");
    CHECK(p->locationAddress.find("14 Imaginary Lane, Wendlow WV9 9ZZ") != std::string::npos);
    CHECK(p->locationAddress.find("(side gate)") != std::string::npos);
    CHECK(p->locationName == "Larkspur House");
    // Leaving the editor leaves nothing of the location behind in it.
    CHECK(h.app().placementState().placement.locationAddress.empty());
}

TEST_CASE("editing only the notes of a missing episode keeps its stored times to the millisecond") {
    std::string episodeId;
    // Times with seconds, as an import or a colleague's vault may hold them: the form shows minutes.
    std::int64_t started = 0, ended = 0;
    const auto addEpisode = [&](core::Vault& vault, const FixtureIds& ids) {
        core::MissingEpisode e;
        e.youngPersonId = ids.youngPerson;
        // 17.25 s past a whole minute, three days ago: the vault keeps seconds, so the stored time is never
        // on a whole minute (a time taken from the clock would be, once in 60 runs).
        e.startedAt = core::nowMillis() / 60000 * 60000 - 3 * 86400000LL + 17250;
        e.endedAt = e.startedAt + 5 * 3600000LL + 41333;
        auto r = vault.store().save(e);
        REQUIRE(r.ok());
        episodeId = *r;
        auto stored = vault.store().missingEpisode(episodeId);
        REQUIRE(stored.ok());
        started = stored->startedAt;
        ended = *stored->endedAt;
        REQUIRE(started % 60000 != 0); // seconds the form cannot show
    };
    OpenedVault v({.screen = app::Screen::MissingEpisode, .prepare = addEpisode});
    Harness& h = v.h;
    h.typeInto("missing.notes", "Found at the bus station with a friend; calm.");
    h.click("missing.save");
    CHECK(h.app().screen() != app::Screen::MissingEpisode);
    auto e = h.app().vault()->store().missingEpisode(episodeId);
    REQUIRE(e.ok());
    CHECK(e->notes.find("bus station") != std::string::npos);
    CHECK(e->startedAt == started);
    REQUIRE(e->endedAt.has_value());
    CHECK(*e->endedAt == ended);
    auto changes = h.app().vault()->store().changesFor(episodeId);
    REQUIRE(changes.ok());
    CHECK(changes->back().field == "notes");
    CHECK(std::count_if(changes->begin(), changes->end(),
                        [](const core::Change& c) { return c.field == "started_at"; }) == 1);
}
