// Every screen can be opened the way the command line opens it, in both themes, narrow and wide.
#include "throughline/testing/opened_vault.hpp"
#include "throughline/testing/sync_fixture.hpp"
#include "throughline/testing/test_vault.hpp"

#include "throughline/vault/vault.hpp"

#include <doctest/doctest.h>

using namespace throughline;
using namespace throughline::testing;

TEST_CASE("every screen opens and draws (light and dark, narrow and wide)") {
    TempDir tmp;
    const auto dir = tmp.path / "vault";
    makeEveryScreenVault(tmp.path, 3, 60);
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
                    REQUIRE(h.app().unlock(kFixturePass).ok());
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

// A second young person, so that lists and choosers have more than one to show.
static void addMorgan(core::Vault& vault, const FixtureIds&) {
    core::YoungPerson other;
    other.name = "Morgan Feltwell";
    REQUIRE(vault.store().save(other).ok());
}

TEST_CASE("the young people list filters and searches") {
    OpenedVault v({.prepare = addMorgan});
    Harness& h = v.h;
    const FixtureIds& ids = v.ids;
    CHECK(h.visible("people.row." + ids.youngPerson));
    h.click("people.filter.overdue"); // Morgan has had no contact; Robin was seen 3 days ago
    CHECK_FALSE(h.visible("people.row." + ids.youngPerson));
    h.click("people.filter.all");
    h.typeInto("people.search", "Feltw");
    h.frame(2);
    CHECK_FALSE(h.visible("people.row." + ids.youngPerson));
    CHECK(h.visible("people.first"));
}

TEST_CASE("'Who is this for?' offers every young person, whatever is left in the People search box") {
    // Found by a random-input run: a search left in the People screen emptied the Record and Network
    // choosers ("No young people yet") with no sign of a filter.
    OpenedVault v({.prepare = addMorgan});
    Harness& h = v.h;
    const FixtureIds& ids = v.ids;
    h.typeInto("people.search", "zzz");
    h.frame(2);
    CHECK_FALSE(h.visible("people.row." + ids.youngPerson));
    for (const char* tab : {"tab.record", "tab.network"}) {
        INFO(tab);
        h.click(tab);
        h.frame(2);
        CHECK(h.visible("choose." + ids.youngPerson));
        h.click("tab.people");
        h.frame(2);
    }
    // The People screen keeps its search.
    CHECK_FALSE(h.visible("people.row." + ids.youngPerson));
}
