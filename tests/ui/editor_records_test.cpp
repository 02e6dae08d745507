// Each editor's state turns itself into a record: it parses what was typed, or says which field it could
// not understand (and nothing is saved).
#include "app/screens/member_editor_screen.hpp"
#include "app/screens/person_editor_screen.hpp"
#include "app/screens/placement_editor_screen.hpp"
#include "app/screens/safety_plan_screen.hpp"

#include <doctest/doctest.h>

using namespace throughline;
using namespace throughline::app;

TEST_CASE("the person editor parses the date of birth it was typed") {
    const core::Date today{2026, 3, 3};
    PersonEditorState s;
    core::YoungPerson p;
    p.name = "Sky Invented";
    s.load(p);
    s.dobText = "12/4/2011";
    auto r = s.toRecord(today);
    REQUIRE(r);
    CHECK(r->name == "Sky Invented");
    CHECK(r->dateOfBirth == core::Date{2011, 4, 12});
    s.dobText = "";
    REQUIRE(s.toRecord(today));
    CHECK_FALSE(s.toRecord(today)->dateOfBirth);
    s.dobText = "the thirty-second";
    CHECK_FALSE(s.toRecord(today));
    CHECK(s.error.field == "date_of_birth");
}

TEST_CASE("the placement editor parses its start and end dates") {
    const core::Date today{2026, 3, 3};
    PlacementEditorState s;
    core::Placement p;
    p.start = today;
    s.load(p);
    s.startText = "1/2/2026";
    s.plannedEndText = "today";
    auto r = s.toRecord(today);
    REQUIRE(r);
    CHECK(r->start == core::Date{2026, 2, 1});
    CHECK(r->plannedEnd == today);
    CHECK_FALSE(r->actualEnd);
    CHECK(s.error.empty());
    s.startText = "";
    CHECK_FALSE(s.toRecord(today));
    CHECK(s.error.field == "start");
    s.startText = "1/2/2026";
    s.actualEndText = "31/2/2026";
    CHECK_FALSE(s.toRecord(today));
    CHECK(s.error.field == "actual_end");
    CHECK(s.placement.start == today); // the state is as typed until saved
}

TEST_CASE("the member editor and the safety plan parse their dates") {
    const core::Date today{2026, 3, 3};
    MemberEditorState m;
    m.load(core::NetworkMember{});
    m.activeFromText = "yesterday";
    auto member = m.toRecord(today);
    REQUIRE(member);
    CHECK(member->activeFrom == core::Date{2026, 3, 2});
    m.activeToText = "soon";
    CHECK_FALSE(m.toRecord(today));
    CHECK(m.error.field == "active_to");

    SafetyPlanState plan;
    plan.load(std::nullopt, "yp-1");
    plan.reviewText = "1/6/2026";
    auto p = plan.toRecord(today);
    REQUIRE(p);
    CHECK(p->youngPersonId == "yp-1");
    CHECK(p->reviewDate == core::Date{2026, 6, 1});
    plan.reviewText = "later";
    CHECK_FALSE(plan.toRecord(today));
    CHECK(plan.error.field == "review_date");
}
