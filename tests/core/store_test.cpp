#include <doctest/doctest.h>

#include "throughline/testing/test_vault.hpp"
#include "throughline/handover/export.hpp"
#include "throughline/records/store.hpp"

using namespace throughline::core;
using tltest::TempDir;

TEST_CASE("the write path logs each changed field once, with increasing HLCs") {
    TempDir t;
    auto created = tltest::makeVault(t / "vault");
    auto& store = created.vault->store();
    YoungPerson yp;
    yp.name = "Amari Kestrel";
    yp.homeAuthority = "Harlow Vale Council";
    REQUIRE(store.save(yp).ok());
    REQUIRE(isUuid(yp.meta.id));
    auto changes = store.changesFor(yp.meta.id);
    REQUIRE(changes.ok());
    CHECK(changes->size() == 2); // only non-empty fields on create

    yp.pronouns = "they/them";
    REQUIRE(store.save(yp).ok());
    REQUIRE(store.save(yp).ok()); // no-op: nothing changed
    changes = store.changesFor(yp.meta.id);
    REQUIRE(changes->size() == 3);
    CHECK(changes->back().field == "pronouns");
    CHECK(changes->back().value == "they/them");
    CHECK(changes->back().author == "Test Worker");
    for (std::size_t i = 1; i < changes->size(); ++i)
        CHECK((*changes)[i].hlc > (*changes)[i - 1].hlc);

    REQUIRE(store.remove(RecordKind::YoungPerson, yp.meta.id).ok());
    CHECK(store.youngPerson(yp.meta.id).error().code == ErrorCode::NotFound);
    changes = store.changesFor(yp.meta.id);
    CHECK(changes->back().field == "_deleted");
    CHECK(store.remove(RecordKind::YoungPerson, yp.meta.id).error().code == ErrorCode::NotFound);
}

TEST_CASE("invalid input is refused and nothing is written") {
    TempDir t;
    auto created = tltest::makeVault(t / "vault");
    auto& store = created.vault->store();
    const auto before = store.counts()->changes;
    YoungPerson yp;
    yp.name = "   ";
    auto r = store.save(yp);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().field == "name");
    CHECK(yp.meta.id.empty());
    CHECK(store.counts()->changes == before);
}

TEST_CASE("home data: current placement, last contact per person, recent records") {
    tltest::SmallVault small;
    auto& store = small.store;
    const std::string& ypId = small.ypId;
    auto home = store.loadHome(ypId);
    REQUIRE(home.ok());
    REQUIRE(home->currentPlacement);
    CHECK(home->currentPlacement->placementArea == "Northmere");
    REQUIRE(home->network.size() == 2);
    int withContact = 0;
    for (const auto& m : home->network)
        if (m.lastContact) {
            ++withContact;
            CHECK(*m.lastContact == Date::today().addDays(-3));
        }
    CHECK(withContact == 1);
    REQUIRE(home->recentContacts.size() == 1);
    CHECK(home->recentContacts[0].youngPersonWords.find("‘good’") != std::string::npos);

    auto recent = store.recentParticipants(ypId);
    REQUIRE(recent.ok());
    REQUIRE(recent->size() == 2);
    CHECK(*store.networkMember(recent->front())->name.c_str() == 'D');

    auto list = store.listYoungPeople("ro");
    REQUIRE(list.ok());
    REQUIRE(list->size() == 1);
    CHECK(list->front().lastContact == Date::today().addDays(-3));
    CHECK(store.listYoungPeople("zzz")->empty());
}

TEST_CASE("batches are all-or-nothing") {
    TempDir t;
    auto created = tltest::makeVault(t / "vault");
    auto& store = created.vault->store();
    auto s = store.transaction([&]() -> Status {
        YoungPerson a;
        a.name = "Tegan Farrow";
        if (auto r = store.save(a); !r) return r.error();
        YoungPerson b; // invalid: no name
        if (auto r = store.save(b); !r) return r.error();
        return {};
    });
    CHECK_FALSE(s.ok());
    CHECK(store.counts()->youngPeople == 0);
    CHECK(store.counts()->changes == 0);
}

TEST_CASE("drafts and settings persist across lock") {
    TempDir t;
    const auto dir = t / "vault";
    {
        auto created = tltest::makeVault(dir);
        REQUIRE(created.vault->store().saveDraft("record", "{\"words\":\"half typed\"}").ok());
        REQUIRE(created.vault->store().setSetting("auto_lock_minutes", "7").ok());
    }
    auto v = Vault::open(dir, tltest::kFixturePass);
    REQUIRE(v.ok());
    auto d = v.value()->store().loadDraft("record");
    REQUIRE(d.ok());
    REQUIRE(d->has_value());
    CHECK(**d == "{\"words\":\"half typed\"}");
    CHECK(*v.value()->store().setting("auto_lock_minutes", "5") == "7");
}

TEST_CASE("create keeps a given id once, and refuses a reused or malformed one") {
    TempDir t;
    auto created = tltest::makeVault(t / "vault");
    auto& store = created.vault->store();
    YoungPerson yp;
    yp.meta.id = "3f1c2a9e-5b7d-4c1e-9a2b-6d8e0f1a2b3c";
    yp.name = "Ines Calloway";
    REQUIRE(store.create(yp).ok());
    CHECK(store.youngPerson("3f1c2a9e-5b7d-4c1e-9a2b-6d8e0f1a2b3c").ok());
    YoungPerson again = yp;
    auto r = store.create(again);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().field == "id");
    YoungPerson bad;
    bad.meta.id = "NOT-A-UUID";
    bad.name = "Ines Calloway";
    CHECK(store.create(bad).error().field == "id");
}

TEST_CASE("counts include every safety plan version") {
    tltest::SmallVault small;
    auto& store = small.store;
    const std::string& ypId = small.ypId;
    SafetyPlan plan;
    plan.youngPersonId = ypId;
    plan.safePlaces = "The boxing club";
    REQUIRE(store.save(plan).ok());
    plan.meta = {};
    plan.version = 0;
    plan.whatHelps = "Music and a walk";
    REQUIRE(store.save(plan).ok());
    auto c = store.counts();
    REQUIRE(c.ok());
    CHECK(c->safetyPlans == 2);
}

TEST_CASE("the plan for ending the relocation is stored and reaches the handover summary") {
    TempDir t;
    auto created = tltest::makeVault(t / "vault", {.seed = tltest::Seed::Small});
    auto& vault = *created.vault;
    const auto ypId = created.youngPerson;
    auto placements = vault.store().placements(ypId);
    REQUIRE(placements.ok());
    REQUIRE(placements->size() == 1);
    Placement p = placements->front();
    CHECK(p.endingPlan == EndingPlan::NotDecided);
    p.endingPlan = EndingPlan::ReturnHome;
    REQUIRE(vault.store().save(p).ok());
    CHECK(vault.store().placement(p.meta.id)->endingPlan == EndingPlan::ReturnHome);

    HandoverRequest req;
    req.youngPersonId = ypId;
    req.today = Date::today();
    auto in = loadHandoverInput(vault, req);
    REQUIRE(in.ok());
    CHECK(in->endingDirection == "return_home");
    CHECK(buildHandoverSummary(*in).ending.direction == "return_home");
    auto report = vault.verify();
    REQUIRE(report.ok());
    CHECK(report->ok);
}

TEST_CASE("saving a placement loaded without its location keeps the stored location") {
    tltest::SmallVault small;
    auto& store = small.store;
    const std::string& ypId = small.ypId;

    // The home screen's copy: location left out and marked so.
    auto home = store.loadHome(ypId);
    REQUIRE(home.ok());
    REQUIRE(home->currentPlacement);
    Placement edited = *home->currentPlacement;
    CHECK(edited.locationWithheld);
    CHECK(edited.locationAddress.empty());
    CHECK(edited.locationName.empty());
    const auto changesBefore = store.changesFor(edited.meta.id)->size();
    edited.plannedEnd = Date::today().addDays(30);
    REQUIRE(store.save(edited).ok());
    // The caller's copy still holds no location; the stored one is exactly as it was.
    CHECK(edited.locationWithheld);
    CHECK(edited.locationAddress.empty());
    auto stored = store.placement(edited.meta.id);
    REQUIRE(stored.ok());
    CHECK(stored->plannedEnd == Date::today().addDays(30));
    CHECK(stored->locationAddress == "14 Quillon Row, Northmere NM3 9ZZ");
    CHECK(stored->locationName == "Birchgate House");
    auto changes = store.changesFor(edited.meta.id);
    REQUIRE(changes->size() == changesBefore + 1); // only the planned end travels
    CHECK(changes->back().field == "planned_end");

    // The analysis copy is withheld too.
    auto input = loadInsightInput(store, ypId);
    REQUIRE(input.ok());
    REQUIRE(input->placements.size() == 1);
    Placement fromInsight = input->placements.front();
    CHECK(fromInsight.locationWithheld);
    fromInsight.provider = "Fernleigh Homes";
    REQUIRE(store.save(fromInsight).ok());
    CHECK(store.placement(edited.meta.id)->locationAddress == "14 Quillon Row, Northmere NM3 9ZZ");

    // Filled in from the audited reveal and the flag cleared, the location is saved like any field.
    auto loc = small.created.vault->revealLocation(edited.meta.id, "test: editing the location");
    REQUIRE(loc.ok());
    edited.locationAddress = loc->address + " (annexe)";
    edited.locationName = loc->name;
    edited.locationWithheld = false;
    REQUIRE(store.save(edited).ok());
    CHECK(store.placement(edited.meta.id)->locationAddress == "14 Quillon Row, Northmere NM3 9ZZ (annexe)");
    CHECK(store.placement(edited.meta.id)->locationName == "Birchgate House");

    // A full copy with the location emptied on purpose still clears it.
    Placement full = *store.placement(edited.meta.id);
    CHECK_FALSE(full.locationWithheld);
    full.locationName.clear();
    REQUIRE(store.save(full).ok());
    CHECK(store.placement(edited.meta.id)->locationName.empty());
}
