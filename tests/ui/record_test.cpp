// Record a family-time contact by driving the record screen; the draft survives an auto-lock.
#include "throughline/testing/opened_vault.hpp"

#include "throughline/vault/vault.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace throughline;
using namespace throughline::testing;

TEST_CASE("record a family-time contact by tapping and typing") {
    OpenedVault v({.unlock = false});
    Harness& h = v.h;
    const FixtureIds& ids = v.ids;
    h.typeInto("unlock.passphrase", kFixturePass);
    h.click("unlock.submit");
    h.settle();
    REQUIRE(h.app().isUnlocked());

    h.click("people.row." + ids.youngPerson);
    REQUIRE(h.app().screen() == app::Screen::Home);
    h.click("home.record");
    REQUIRE(h.app().screen() == app::Screen::Record);

    h.click("record.kind.phone_video");
    h.click("record.kind.family_time");
    h.click("record.person." + ids.nan);
    h.click("record.rating.good");
    h.click("record.use.consistency");
    const std::string words = "Nan\xE2\x80\x99s tea is the best \xE2\x80\x93 can I go again on Saturday?";
    h.typeInto("record.words", words);
    h.click("record.save");

    CHECK(h.app().recordState().error.message == "");
    CHECK(h.app().screen() == app::Screen::Home);

    app::App& a = h.app();
    auto contacts = a.vault()->store().contacts(ids.youngPerson);
    REQUIRE(contacts.ok());
    REQUIRE(contacts->size() == 2);
    const core::ContactRecord& c = contacts->front(); // newest first
    CHECK(c.kind == core::ContactKind::FamilyTime);
    CHECK(c.status == core::ContactStatus::Happened);
    CHECK(c.date == core::Date::today());
    CHECK(c.participantIds == std::vector<std::string>{ids.nan});
    CHECK(c.rating == core::Rating::Good);
    CHECK(core::hasFlag(c.uses, core::Use::Consistency));
    CHECK(c.youngPersonWords == words);
    // Saved records leave no draft behind.
    auto draft = a.vault()->store().loadDraft(app::kRecordDraftKey);
    REQUIRE(draft.ok());
    CHECK_FALSE(draft->has_value());
}

TEST_CASE("follow-up actions are saved with the contact") {
    OpenedVault v(app::Screen::Record);
    Harness& h = v.h;
    const FixtureIds& ids = v.ids;
    h.click("record.person." + ids.mum);
    h.typeInto("record.action-text", "Ask Mum about Saturday");
    h.pressKey(kKeyEnter);
    CHECK(h.app().recordState().form.newActions.size() == 1);
    h.click("record.save");
    REQUIRE(h.app().screen() == app::Screen::Home);
    auto actions = h.app().vault()->store().actions(ids.youngPerson, true);
    REQUIRE(actions.ok());
    bool found = std::any_of(actions->begin(), actions->end(), [](const core::FollowUpAction& x) {
        return x.description == "Ask Mum about Saturday";
    });
    CHECK(found);
}

TEST_CASE("auto-lock keeps the draft and offers it back after unlocking") {
    OpenedVault v(app::Screen::Record);
    Harness& h = v.h;
    const FixtureIds& ids = v.ids;
    h.click("record.person." + ids.mum);
    const std::string words = "I miss my mum\xE2\x80\x99s cooking.";
    h.typeInto("record.words", words);

    h.idleSeconds = 5 * 60 + 1; // default auto-lock: 5 minutes
    h.frame();
    h.idleSeconds = 0;
    REQUIRE_FALSE(h.app().isUnlocked());
    CHECK(h.app().screen() == app::Screen::Unlock);
    CHECK(h.app().unlockState().notice.find("5 minutes") != std::string::npos);
    CHECK(h.app().session() == nullptr); // nothing left in memory: the words went with the session

    { // the draft is in the vault, encrypted
        auto vault = core::Vault::open(v.dir(), kFixturePass);
        REQUIRE(vault.ok());
        auto d = (*vault)->store().loadDraft(app::kRecordDraftKey);
        REQUIRE(d.ok());
        REQUIRE(d->has_value());
        CHECK(d->value().find("cooking") != std::string::npos);
    }

    h.typeInto("unlock.passphrase", kFixturePass);
    h.click("unlock.submit");
    h.settle();
    REQUIRE(h.app().isUnlocked());
    CHECK(h.app().draftOffered());
    h.click("people.resume-draft");
    REQUIRE(h.app().screen() == app::Screen::Record);
    CHECK(h.app().recordState().form.words == words);
    CHECK(h.app().recordState().form.participantIds == std::vector<std::string>{ids.mum});
    h.click("record.save");
    CHECK(h.app().screen() == app::Screen::Home);
    auto contacts = h.app().vault()->store().contacts(ids.youngPerson);
    REQUIRE(contacts.ok());
    CHECK(contacts->size() == 2);
}

TEST_CASE("a validation error from core is shown next to the form, not a crash") {
    OpenedVault v(app::Screen::Record);
    Harness& h = v.h;
    const FixtureIds& ids = v.ids;
    h.click("record.person." + ids.nan);
    h.click("record.when.change");
    auto& form = h.app().recordState().form;
    form.dateText = core::Date::today().addDays(3).display(); // in the future
    h.frame();
    h.click("record.save");
    CHECK(h.app().screen() == app::Screen::Record);
    CHECK(h.app().recordState().error.field == "date");
    CHECK_FALSE(h.app().recordState().error.message.empty());
    form.dateText = "not a date";
    h.click("record.save");
    CHECK(h.app().recordState().error.field == "date");
    auto contacts = h.app().vault()->store().contacts(ids.youngPerson);
    REQUIRE(contacts.ok());
    CHECK(contacts->size() == 1);
}

TEST_CASE("edit and delete a record from its detail screen") {
    OpenedVault v(app::Screen::ContactDetail);
    Harness& h = v.h;
    const FixtureIds& ids = v.ids;
    REQUIRE(h.app().screen() == app::Screen::ContactDetail);
    h.click("detail.edit");
    REQUIRE(h.app().screen() == app::Screen::Record);
    h.click("record.rating.very_good");
    h.click("record.save");
    auto c = h.app().vault()->store().contact(ids.contact);
    REQUIRE(c.ok());
    CHECK(c->rating == core::Rating::VeryGood);

    REQUIRE(h.app().openScreen(app::Screen::ContactDetail, ids.youngPerson).empty());
    h.frame(2);
    h.click("detail.delete");
    h.frame(2);
    h.click("Delete this record?##detail.confirm");
    auto all = h.app().vault()->store().contacts(ids.youngPerson);
    REQUIRE(all.ok());
    CHECK(all->empty());
}
