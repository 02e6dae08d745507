#include <doctest/doctest.h>

#include "throughline/records/records.hpp"

using namespace throughline::core;

TEST_CASE("dates round-trip and display UK style") {
    const Date d{2026, 3, 3};
    CHECK(d.display() == "Tue 3 Mar 2026");
    CHECK(Date::fromDays(d.toDays()) == d);
    CHECK(Date::parseIso("2026-03-03") == d);
    CHECK_FALSE(Date::parseIso("2026-02-30"));
    CHECK_FALSE(Date::parseIso("2026-3-3"));
    CHECK(Date::parseIso("2024-02-29"));
    CHECK(parseIsoInstant(isoInstant(1772546700000)) == 1772546700000);
}

TEST_CASE("enums carry keys and display names") {
    CHECK(enumDisplay(Track::PeerCommunity) == "Peer & community");
    CHECK(enumFromKey<PlacementType>("K2") == PlacementType::K2);
    CHECK(enumDisplay(PlacementType::K1) == "Secure children's home");
    CHECK(enumDisplay(MissingKind::Away) == "Away without authorisation");
    CHECK_FALSE(enumFromKey<Track>("nonsense"));
}

TEST_CASE("validation names the field at fault") {
    const Date today{2026, 11, 26};
    YoungPerson yp;
    auto s = validate(yp, today);
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().field == "name");
    yp.name = "Kit Marlowe-Penn";
    CHECK(validate(yp, today).ok());
    yp.dateOfBirth = Date{2027, 1, 1};
    CHECK(validate(yp, today).error().field == "date_of_birth");
    yp.dateOfBirth.reset();
    yp.notes = std::string(Limits::longText + 1, 'x');
    CHECK(validate(yp, today).error().field == "notes");
    yp.notes = "bad \xC3";
    CHECK(validate(yp, today).error().field == "notes");

    ContactRecord c;
    c.youngPersonId = newUuid();
    c.date = Date{2026, 11, 27};
    CHECK(validate(c, today).error().field == "date");
    c.date = today;
    CHECK(validate(c, today).ok());
    c.durationMinutes = 25 * 60;
    CHECK(validate(c, today).error().field == "duration_minutes");
    c.durationMinutes = 60;
    c.participantIds = {"not-an-id"};
    CHECK(validate(c, today).error().field == "participants");

    Placement p;
    p.youngPersonId = newUuid();
    p.placementArea = "Northmere";
    p.start = Date{2026, 5, 1};
    p.plannedEnd = Date{2026, 4, 1};
    CHECK(validate(p, today).error().field == "planned_end");

    NetworkMember m;
    m.youngPersonId = newUuid();
    m.name = "Jace";
    m.arrangement = Arrangement::NoContact;
    CHECK(validate(m, today).error().field == "arrangement_reason");

    MissingEpisode e;
    e.youngPersonId = newUuid();
    e.startedAt = 1'700'000'000'000;
    e.endedAt = e.startedAt - 1;
    CHECK(validate(e, 1'800'000'000'000).error().field == "ended_at");
}

TEST_CASE("uuids are v4 and well formed") {
    const auto id = newUuid();
    CHECK(isUuid(id));
    CHECK(id[14] == '4');
    CHECK(id != newUuid());
}
