// Every editor keeps an encrypted draft: text typed into a member, placement, missing episode, young person,
// safety plan or subject access request survives an auto-lock in the middle of editing, is offered back when
// the editor opens again ("Continue"), and goes once the editor saves.
#include "throughline/testing/opened_vault.hpp"

#include "app/session.hpp"

#include "throughline/vault/vault.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <functional>
#include <string>

using namespace throughline;
using namespace throughline::testing;

namespace {

struct EditorCase {
    app::Screen screen;
    const char* field; // the tag of a text field to type into
    const char* save;  // the tag of its save button
    std::string draftKey;
    /// The text the editor's state holds in that field.
    std::function<std::string(app::Session&)> held;
    /// The text the saved record holds in that field.
    std::function<std::string(core::Store&)> stored;
};

std::vector<EditorCase> editorCases(const FixtureIds& ids) {
    return {
        {app::Screen::MemberEditor, "member.notes", "member.save", "editor.member." + ids.mum,
         [](app::Session& s) { return s.network.member.member.notes; },
         [&ids](core::Store& st) { return st.networkMember(ids.mum)->notes; }},
        {app::Screen::PlacementEditor, "placement.provider", "placement.save",
         "editor.placement." + ids.placement,
         [](app::Session& s) { return s.records.placement.placement.provider; },
         [&ids](core::Store& st) { return st.placement(ids.placement)->provider; }},
        {app::Screen::MissingEpisode, "missing.notes", "missing.save", "editor.missing." + ids.missing,
         [](app::Session& s) { return s.records.missing.episode.notes; },
         [&ids](core::Store& st) { return st.missingEpisode(ids.missing)->notes; }},
        {app::Screen::PersonEditor, "person.notes", "person.save", "editor.person." + ids.youngPerson,
         [](app::Session& s) { return s.records.person.person.notes; },
         [&ids](core::Store& st) { return st.youngPerson(ids.youngPerson)->notes; }},
        {app::Screen::SafetyPlan, "plan.helps", "plan.save", "editor.safety-plan." + ids.youngPerson,
         [](app::Session& s) { return s.records.safetyPlan.plan.whatHelps; },
         [&ids](core::Store& st) {
             auto p = st.currentSafetyPlan(ids.youngPerson);
             return p && *p ? (*p)->whatHelps : std::string();
         }},
    };
}

bool draftKept(app::App& a, const std::string& key) {
    auto d = a.vault()->store().loadDraft(key);
    return d.ok() && d->has_value();
}

} // namespace

TEST_CASE("every editor's draft survives an auto-lock and is offered back") {
    const std::string typed = " Invented words typed just before the lock";
    OpenedVault v;
    Harness& h = v.h;
    for (const EditorCase& c : editorCases(v.ids)) {
        CAPTURE(app::screenName(c.screen));
        REQUIRE(h.app().openScreen(c.screen, v.ids.youngPerson).empty());
        h.frame(2);
        CHECK_FALSE(h.visible("draft.continue")); // nothing kept yet
        REQUIRE(h.typeInto(c.field, typed));
        REQUIRE(c.held(*h.app().session()).find(typed) != std::string::npos);

        h.idleSeconds = 5 * 60 + 1; // the default auto-lock
        h.frame();
        h.idleSeconds = 0;
        REQUIRE_FALSE(h.app().isUnlocked());
        { // kept in the vault (encrypted with it), not in the app's memory
            auto vault = openFixtureVault(v.dir());
            auto d = vault->store().loadDraft(c.draftKey);
            REQUIRE(d.ok());
            REQUIRE(d->has_value());
            CHECK(d->value().find("Invented words typed") != std::string::npos);
        }

        REQUIRE(h.app().unlock(kFixturePass).ok());
        h.frame(2);
        REQUIRE(h.app().openScreen(c.screen, v.ids.youngPerson).empty());
        h.frame(2);
        REQUIRE(h.visible("draft.continue"));
        // Until the person answers, the editor waits: its text is as stored.
        CHECK(c.held(*h.app().session()).find(typed) == std::string::npos);
        h.click("draft.continue");
        CHECK_FALSE(h.visible("draft.continue"));
        CHECK(c.held(*h.app().session()).find(typed) != std::string::npos);

        // Saving keeps the text in the record and lets the draft go.
        h.click(c.save);
        CHECK(h.app().screen() != c.screen);
        CHECK(c.stored(h.app().vault()->store()).find(typed) != std::string::npos);
        CHECK_FALSE(draftKept(h.app(), c.draftKey));
    }
}

TEST_CASE("an editor left by switching tabs keeps its draft when it is opened on another record") {
    OpenedVault v;
    Harness& h = v.h;
    REQUIRE(h.app().openScreen(app::Screen::MemberEditor).empty()); // the first member
    h.frame(2);
    const std::string first = h.app().session()->network.member.member.meta.id;
    REQUIRE(h.typeInto("member.notes", " Typed, then the Network tab"));
    h.app().session()->network.openMember(first == v.ids.nan ? v.ids.mum : v.ids.nan); // straight away
    h.frame(2);
    auto d = h.app().vault()->store().loadDraft("editor.member." + first);
    REQUIRE(d.ok());
    REQUIRE(d->has_value());
    CHECK((*d)->find("Typed, then the Network tab") != std::string::npos);
}

TEST_CASE("an editor's draft can be discarded, and leaving the editor lets its draft go") {
    OpenedVault v;
    Harness& h = v.h;
    const EditorCase c = editorCases(v.ids).front(); // the member editor
    const std::string before = c.stored(h.app().vault()->store());
    REQUIRE(h.app().openScreen(c.screen).empty());
    h.frame(2);
    REQUIRE(h.typeInto(c.field, " not wanted after all"));
    h.app().lock();
    REQUIRE(h.app().unlock(kFixturePass).ok());
    REQUIRE(h.app().openScreen(c.screen).empty());
    h.frame(2);
    REQUIRE(h.visible("draft.discard"));
    h.click("draft.discard");
    CHECK_FALSE(h.visible("draft.continue"));
    CHECK_FALSE(draftKept(h.app(), c.draftKey));
    CHECK(c.held(*h.app().session()) == before);

    // Typed, kept, then left with Back: the draft goes with what was typed.
    REQUIRE(h.typeInto(c.field, " typed then left"));
    h.app().session()->keepDrafts(true);
    REQUIRE(draftKept(h.app(), c.draftKey));
    h.pressKey(kKeyEscape); // leaves the field
    h.pressKey(kKeyEscape); // leaves the editor
    CHECK(h.app().screen() != c.screen);
    CHECK_FALSE(draftKept(h.app(), c.draftKey));
    CHECK(c.stored(h.app().vault()->store()) == before);
}

TEST_CASE("the subject access screen keeps a draft of who the copy is for, the reason and what is withheld") {
    OpenedVault v;
    Harness& h = v.h;
    const std::string key = "editor.subject-access." + v.ids.youngPerson;
    auto& state = h.app().session()->subjectAccess.state;
    const std::string reason = "Invented: the family members named have not consented";
    const std::string recipient = " (through their advocate, Sam Invented)";
    REQUIRE(h.app().openScreen(app::Screen::SubjectAccess, v.ids.youngPerson).empty());
    h.frame(2);
    CHECK_FALSE(h.visible("draft.continue")); // nothing kept yet
    const std::string loadedRecipient = state.recipient;
    REQUIRE(h.typeInto("sar.reason", reason));
    REQUIRE(h.typeInto("sar.recipient", recipient));
    // The choices the reason explains: the location included, one person and one record withheld.
    REQUIRE_FALSE(state.people.empty());
    REQUIRE_FALSE(state.records.empty());
    h.click("sar.include-location");
    h.click("sar.person.0");
    const std::string personId = state.people[0].id, recordId = state.records[0].id;
    state.records[0].basis = 2; // crime prevention (a combo: chosen in the state)
    REQUIRE(state.includeLocation);
    REQUIRE(state.people[0].withheld);

    h.idleSeconds = 5 * 60 + 1; // the default auto-lock
    h.frame();
    h.idleSeconds = 0;
    REQUIRE_FALSE(h.app().isUnlocked());
    { // kept in the vault (encrypted with it)
        auto vault = openFixtureVault(v.dir());
        auto d = vault->store().loadDraft(key);
        REQUIRE(d.ok());
        REQUIRE(d->has_value());
        CHECK(d->value().find(reason) != std::string::npos);
        CHECK(d->value().find("Sam Invented") != std::string::npos);
    }

    REQUIRE(h.app().unlock(kFixturePass).ok());
    h.frame(2);
    REQUIRE(h.app().openScreen(app::Screen::SubjectAccess, v.ids.youngPerson).empty());
    h.frame(2);
    auto& reopened = h.app().session()->subjectAccess.state; // a new session since the lock
    REQUIRE(h.visible("draft.continue"));
    CHECK(reopened.reason.empty()); // until the person answers, the screen waits
    CHECK(reopened.recipient == loadedRecipient);
    h.click("sar.export"); // drawn disabled meanwhile
    CHECK(reopened.error.empty());
    h.click("draft.continue");
    CHECK_FALSE(h.visible("draft.continue"));
    CHECK(reopened.reason == reason);
    CHECK(reopened.recipient == loadedRecipient + recipient);
    CHECK(reopened.includeLocation);
    REQUIRE_FALSE(reopened.people.empty());
    for (const auto& p : reopened.people)
        CHECK(p.withheld == (p.id == personId));
    for (const auto& r : reopened.records)
        CHECK(r.basis == (r.id == recordId ? 2 : 0));

    // Exported as typed: the draft goes, like an editor's on Save.
    const auto out = v.tmp / "sar-draft-out";
    std::filesystem::create_directories(out);
    reopened.folder = out.string();
    h.click("sar.export");
    INFO(reopened.error);
    REQUIRE(reopened.error.empty());
    CHECK(std::filesystem::exists(out / "subject-access.json"));
    CHECK_FALSE(draftKept(h.app(), key));
    h.app().session()->keepDrafts(true); // nothing typed since: nothing kept
    CHECK_FALSE(draftKept(h.app(), key));

    // Typed again, then locked: offered, and discarded.
    REQUIRE(h.typeInto("sar.reason", " and more"));
    h.app().lock();
    REQUIRE(h.app().unlock(kFixturePass).ok());
    REQUIRE(h.app().openScreen(app::Screen::SubjectAccess, v.ids.youngPerson).empty());
    h.frame(2);
    REQUIRE(h.visible("draft.discard"));
    h.click("draft.discard");
    CHECK_FALSE(h.visible("draft.continue"));
    CHECK_FALSE(draftKept(h.app(), key));
    CHECK(h.app().session()->subjectAccess.state.reason.empty());

    // Typed, kept, then left with Esc: the draft goes with what was typed.
    REQUIRE(h.typeInto("sar.reason", " typed then left"));
    h.app().session()->keepDrafts(true);
    REQUIRE(draftKept(h.app(), key));
    h.pressKey(kKeyEscape); // leaves the field
    h.pressKey(kKeyEscape); // leaves the screen
    CHECK(h.app().screen() != app::Screen::SubjectAccess);
    CHECK_FALSE(draftKept(h.app(), key));
    CHECK(h.app().session()->subjectAccess.state.reason.empty());
}
