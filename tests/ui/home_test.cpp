// The young person home: the placement location is hidden until revealed, and every reveal is audited.
#include "harness.hpp"
#include "vault_fixture.hpp"

#include <throughline/audit.hpp>
#include <throughline/vault.hpp>

#include <doctest/doctest.h>

#include <algorithm>

using namespace throughline;
using namespace throughline::testing;

namespace {

const char* const kPass = kFixturePass;

int revealsFor(core::Vault& v, const std::string& placementId) {
    auto recent = v.audit().recent(100);
    REQUIRE(recent.ok());
    return static_cast<int>(std::count_if(recent->begin(), recent->end(), [&](const core::AuditEntry& e) {
        return e.kind == core::AuditKind::LocationRevealed && e.recordId == placementId;
    }));
}

} // namespace

TEST_CASE("revealing the placement location writes an audit entry") {
    TempDir tmp;
    const auto dir = tmp.path / "vault";
    const FixtureIds ids = makeFixtureVault(dir);
    Harness h(testOptions(dir));
    REQUIRE(h.app().unlock(kPass).ok());
    h.frame(2);
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
    REQUIRE(h.app().unlock(kPass).ok());
    CHECK_FALSE(h.app().homeState().revealedLocation.has_value());
}

TEST_CASE("the placement editor keeps the location masked until asked, and audits that too") {
    TempDir tmp;
    const auto dir = tmp.path / "vault";
    const FixtureIds ids = makeFixtureVault(dir);
    Harness h(testOptions(dir));
    REQUIRE(h.app().unlock(kPass).ok());
    REQUIRE(h.app().openScreen(app::Screen::PlacementEditor, ids.youngPerson).empty());
    h.frame(2);
    CHECK_FALSE(h.visible("placement.location-name"));
    h.click("placement.reveal");
    CHECK(h.visible("placement.location-name"));
    CHECK(revealsFor(*h.app().vault(), ids.placement) == 1);
}

TEST_CASE("toggle an open action done from the home screen") {
    TempDir tmp;
    const auto dir = tmp.path / "vault";
    const FixtureIds ids = makeFixtureVault(dir);
    std::string actionId;
    {
        auto v = core::Vault::open(dir, kPass);
        REQUIRE(v.ok());
        core::FollowUpAction a;
        a.youngPersonId = ids.youngPerson;
        a.contactId = ids.contact;
        a.description = "Book the climbing wall taster";
        a.owner = "Alex Testworker";
        auto r = (*v)->store().save(a);
        REQUIRE(r.ok());
        actionId = *r;
    }
    Harness h(testOptions(dir));
    REQUIRE(h.app().unlock(kPass).ok());
    REQUIRE(h.app().openScreen(app::Screen::Home, ids.youngPerson).empty());
    h.frame(2);
    h.click("home.action." + actionId);
    auto a = h.app().vault()->store().action(actionId);
    REQUIRE(a.ok());
    CHECK(a->done);
}

TEST_CASE("add a network member and a young person through the editors") {
    TempDir tmp;
    const auto dir = tmp.path / "vault";
    const FixtureIds ids = makeFixtureVault(dir);
    Harness h(testOptions(dir));
    REQUIRE(h.app().unlock(kPass).ok());
    REQUIRE(h.app().openScreen(app::Screen::Home, ids.youngPerson).empty());
    h.frame(2);
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
    TempDir tmp;
    const auto dir = tmp.path / "vault";
    const FixtureIds ids = makeFixtureVault(dir);
    Harness h(testOptions(dir));
    REQUIRE(h.app().unlock(kPass).ok());
    REQUIRE(h.app().openScreen(app::Screen::Home, ids.youngPerson).empty());
    h.frame(2);
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
