// Every screen can be opened the way the command line opens it, in both themes, narrow and wide.
#include "throughline/testing/harness.hpp"
#include "throughline/testing/vault_fixture.hpp"

#include "throughline/records/demo.hpp"
#include "throughline/contacts/contacts.hpp"
#include "throughline/vault/vault.hpp"

#include <doctest/doctest.h>

using namespace throughline;
using namespace throughline::testing;

TEST_CASE("every screen opens and draws (light and dark, narrow and wide)") {
    TempDir tmp;
    const auto dir = tmp.path / "vault";
    const char* pass = "amber kettle river 42";
    {
        core::CreateOptions opts;
        opts.kdf = core::KdfParams::minimumForTests();
        auto created = core::Vault::create(dir, pass, opts);
        REQUIRE(created.ok());
        addFixture(created->vault->store());
        core::DemoOptions demo;
        demo.seed = 3;
        demo.youngPeople = 3;
        demo.contacts = 60;
        REQUIRE(core::generateDemo(created->vault->store(), demo).ok());
        // A colleague's card, so that the contact screen has someone to show.
        auto colleague = core::Vault::create(tmp.path / "colleague", pass, opts);
        REQUIRE(colleague.ok());
        auto card = core::contacts::makeCard(*colleague->vault);
        REQUIRE(card.ok());
        REQUIRE(core::contacts::importCard(*created->vault, *card, false).ok());
        colleague->vault->lock();
        created->vault->lock();
    }
    for (auto theme : {app::ThemeKind::Light, app::ThemeKind::Dark}) {
        for (ImVec2 size : {ImVec2(430, 900), ImVec2(1280, 860)}) {
            auto o = testOptions(dir);
            o.theme = theme;
            o.scalePercent = theme == app::ThemeKind::Dark ? 150 : 100;
            Harness h(o, size);
            for (const auto& s : app::kScreenNames) {
                CAPTURE(s.name);
                if (s.screen == app::Screen::Create) continue; // needs an empty folder, below
                if (s.screen != app::Screen::Unlock && s.screen != app::Screen::Recovery &&
                    !h.app().isUnlocked())
                    REQUIRE(h.app().unlock(pass).ok());
                CHECK(h.app().openScreen(s.screen) == "");
                h.frame(3);
                CHECK(h.app().screen() == s.screen);
            }
            h.app().lock();
        }
    }
    TempDir empty;
    Harness h(testOptions(empty.path / "new"));
    CHECK(h.app().openScreen(app::Screen::Create) == "");
    h.frame(2);
    CHECK(h.app().screen() == app::Screen::Create);
}

TEST_CASE("changing the UI scale rebuilds the fonts and keeps the 44 px touch targets in proportion") {
    TempDir tmp;
    Harness h(testOptions(tmp.path / "new"));
    const float base = ImGui::GetFrameHeight();
    CHECK(base >= 44.f);
    auto o = testOptions(tmp.path / "new");
    o.scalePercent = 200;
    Harness big(o);
    CHECK(ImGui::GetFrameHeight() >= 88.f);
}

TEST_CASE("the young people list filters and searches") {
    TempDir tmp;
    const auto dir = tmp.path / "vault";
    const char* pass = "amber kettle river 42";
    FixtureIds ids;
    {
        core::CreateOptions opts;
        opts.kdf = core::KdfParams::minimumForTests();
        auto created = core::Vault::create(dir, pass, opts);
        REQUIRE(created.ok());
        ids = addFixture(created->vault->store());
        core::YoungPerson other;
        other.name = "Morgan Feltwell";
        REQUIRE(created->vault->store().save(other).ok());
        created->vault->lock();
    }
    Harness h(testOptions(dir));
    REQUIRE(h.app().unlock(pass).ok());
    h.frame(2);
    CHECK(h.visible("people.row." + ids.youngPerson));
    h.click("people.filter.overdue"); // Morgan has had no contact; Robin was seen 3 days ago
    CHECK_FALSE(h.visible("people.row." + ids.youngPerson));
    h.click("people.filter.all");
    h.typeInto("people.search", "Feltw");
    h.frame(2);
    CHECK_FALSE(h.visible("people.row." + ids.youngPerson));
    CHECK(h.visible("people.first"));
}
