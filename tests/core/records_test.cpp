#include <doctest/doctest.h>

#include "throughline/base/text.hpp"
#include "throughline/records/records.hpp"
#include "throughline/testing/world_text.hpp"

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

TEST_CASE("text limits count characters, not bytes, and say so (issue 11 §6)") {
    const Date today{2026, 11, 26};
    ContactRecord c;
    c.youngPersonId = newUuid();
    c.date = today;
    // 20,000 characters of emoji, combining marks, Arabic and Ethiopic: well over 20,000 bytes.
    const std::string words = tltest::longWords(20000);
    REQUIRE(words.size() > 40000);
    CHECK(codePointCount(words) == 20000);
    c.youngPersonWords = words;
    c.observations = words;
    c.concernText = words;
    const auto ok = validate(c, today);
    CHECK_MESSAGE(ok.ok(), (ok.ok() ? "" : ok.error().message));

    c.youngPersonWords = tltest::longWords(20001);
    const auto tooLong = validate(c, today);
    REQUIRE_FALSE(tooLong.ok());
    CHECK(tooLong.error().field == "young_person_words");
    CHECK(tooLong.error().message ==
          "The young person's words is too long (20001 characters; the limit is 20000 characters).");

    // A name of 120 four-byte characters is 120 characters.
    YoungPerson yp;
    yp.name.clear();
    for (int i = 0; i < 120; ++i)
        yp.name += "\xF0\x9F\x99\x8F"; // 🙏
    CHECK(validate(yp, today).ok());
    yp.name += "a";
    CHECK(validate(yp, today).error().message.find("121 characters") != std::string::npos);
}

TEST_CASE("UTF-8 code points are counted and decoded; malformed bytes decode as U+FFFD and move on") {
    CHECK(codePointCount("") == 0);
    CHECK(codePointCount("Adébáyọ̀") == 8);
    CHECK(codePointCount("👍🏾") == 2);
    const std::string s = "a\xC3\xA9\xE1\xBB\x8D\xF0\x9F\x99\x8F\xC3\xF0\x9F\x99";
    std::size_t i = 0;
    CHECK(nextCodePoint(s, i) == U'a');
    CHECK(nextCodePoint(s, i) == U'\u00E9');
    CHECK(nextCodePoint(s, i) == U'\u1ECD');
    CHECK(nextCodePoint(s, i) == U'\U0001F64F');
    CHECK(nextCodePoint(s, i) == U'\uFFFD'); // a lead byte with no continuation
    CHECK(i == 11);
    CHECK(nextCodePoint(s, i) == U'\uFFFD'); // cut short at the end
    CHECK(i == 12);
    std::string overlong = "\xC0\xAF\xED\xA0\x80";
    i = 0;
    CHECK(nextCodePoint(overlong, i) == U'\uFFFD');
    i = 2;
    CHECK(nextCodePoint(overlong, i) == U'\uFFFD'); // a surrogate
}
