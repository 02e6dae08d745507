// The safety plan on a real (temporary) vault: versions are records of their own, never overwritten; the
// change log explains every version; the insight input carries the current one. All names are invented.
#include <doctest/doctest.h>

#include "throughline/testing/test_vault.hpp"
#include "throughline/insight/insight.hpp"
#include "throughline/records/store.hpp"

using namespace throughline::core;
using tltest::TempDir;

TEST_SUITE("safety-plan") {

    TEST_CASE("saving an edit creates the next version and leaves the old one as it was") {
        tltest::SmallVault small;
        auto& store = small.store;
        const std::string& ypId = small.ypId;
        auto network = store.network(ypId);
        REQUIRE(network.ok());
        REQUIRE(network->size() == 2);

        auto none = store.currentSafetyPlan(ypId);
        REQUIRE(none.ok());
        CHECK_FALSE(none->has_value());

        SafetyPlan plan;
        plan.youngPersonId = ypId;
        plan.peopleIds = {network->front().meta.id};
        plan.safePlaces = "My room, the boxing club";
        plan.unsafePlaces = "The bus station after dark";
        plan.whatHelps = "Headphones on, text Della";
        plan.youngPersonAgreed = "I'll say where I'm going";
        plan.adultsAgreed = "Staff won't search my room without telling me";
        plan.youngPersonContributed = true;
        plan.youngPersonAgrees = true;
        plan.reviewDate = Date::today().addDays(30);
        REQUIRE(store.save(plan).ok());
        CHECK(plan.version == 1);
        const std::string v1Id = plan.meta.id;

        plan.whatHelps = "Headphones on, ring Della";
        plan.peopleIds.push_back(network->back().meta.id);
        REQUIRE(store.save(plan).ok());
        CHECK(plan.version == 2);
        CHECK(plan.meta.id != v1Id);

        auto v1 = store.safetyPlan(v1Id);
        REQUIRE(v1.ok());
        CHECK(v1->version == 1);
        CHECK(v1->whatHelps == "Headphones on, text Della");
        CHECK(v1->peopleIds.size() == 1);

        auto current = store.currentSafetyPlan(ypId);
        REQUIRE(current.ok());
        REQUIRE(current->has_value());
        CHECK((*current)->meta.id == plan.meta.id);
        CHECK((*current)->whatHelps == "Headphones on, ring Della");
        CHECK((*current)->youngPersonAgrees);
        CHECK((*current)->reviewDate == plan.reviewDate);

        auto versions = store.safetyPlanVersions(ypId);
        REQUIRE(versions.ok());
        REQUIRE(versions->size() == 2);
        CHECK((*versions)[0].version == 1);
        CHECK((*versions)[1].version == 2);
        const auto diff = diffSafetyPlans((*versions)[0], (*versions)[1], *network);
        REQUIRE(diff.size() == 2);
        CHECK(diff[0] == "People I can turn to: added " + network->back().name + ".");
        CHECK(diff[1] ==
              "What helps when things get hard: changed from \u201cHeadphones on, text Della\u201d to "
              "\u201cHeadphones on, ring Della\u201d.");

        // A deleted version keeps its number: the next save is version 3, not 2 again.
        REQUIRE(store.remove(RecordKind::SafetyPlan, plan.meta.id).ok());
        current = store.currentSafetyPlan(ypId);
        REQUIRE(current->has_value());
        CHECK((*current)->version == 1);
        REQUIRE(store.save(plan).ok());
        CHECK(plan.version == 3);

        // The change log explains every version (verify walks every record kind).
        auto report = small.created.vault->verify();
        REQUIRE(report.ok());
        CHECK(report->ok);
    }

    TEST_CASE("imports keep their version; a version already used, or a bad person id, is refused") {
        tltest::SmallVault small;
        auto& store = small.store;
        const std::string& ypId = small.ypId;
        SafetyPlan plan;
        plan.youngPersonId = ypId;
        plan.version = 4;
        plan.meta.id = newUuid();
        REQUIRE(store.create(plan).ok());
        CHECK(plan.version == 4);
        SafetyPlan again = plan;
        again.meta.id = newUuid();
        auto dup = store.create(again);
        REQUIRE_FALSE(dup.ok());
        CHECK(dup.error().field == "version");
        SafetyPlan next;
        next.youngPersonId = ypId;
        REQUIRE(store.save(next).ok());
        CHECK(next.version == 5);

        SafetyPlan bad;
        bad.youngPersonId = ypId;
        bad.peopleIds = {"not-an-id"};
        auto r = store.save(bad);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().field == "people");
        CHECK(bad.meta.id.empty());
        CHECK(store.safetyPlanVersions(ypId)->size() == 2);
    }

    TEST_CASE("the insight input: everything about one young person, the current plan, no location") {
        tltest::SmallVault small;
        auto& store = small.store;
        const std::string& ypId = small.ypId;
        SafetyPlan plan;
        plan.youngPersonId = ypId;
        plan.whatHelps = "Talking to Della";
        REQUIRE(store.save(plan).ok());
        REQUIRE(store.save(plan).ok());
        auto in = loadInsightInput(store, ypId);
        REQUIRE(in.ok());
        CHECK(in->person.meta.id == ypId);
        REQUIRE(in->placements.size() == 1);
        CHECK(in->placements[0].locationAddress.empty());
        CHECK(in->placements[0].locationName.empty());
        CHECK(in->members.size() == 2);
        CHECK(in->contacts.size() == 1);
        REQUIRE(in->safetyPlan.has_value());
        CHECK(in->safetyPlan->version == 2);
        CHECK(in->today == Date::today());
        CHECK(in->nowMs > 0);
        const Insight insight = computeInsight(*in);
        CHECK(insight.placementId == in->placements[0].meta.id);
        CHECK(insight.matrix.at(Track::Family, Place::PlacementArea, Phase::During).happened == 1);
        auto missing = loadInsightInput(store, newUuid());
        REQUIRE_FALSE(missing.ok());
        CHECK(missing.error().code == ErrorCode::NotFound);
    }

} // TEST_SUITE
