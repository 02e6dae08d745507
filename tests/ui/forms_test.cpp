// Pure helpers: what people type into date and time fields, drafts, passphrase hints.
#include "app/forms.hpp"
#include "app/preferences.hpp"
#include "app/screens/record_screen.hpp"

#include <doctest/doctest.h>

using namespace throughline;
using namespace throughline::app;

TEST_CASE("dates typed the UK way are understood") {
    const core::Date today{2026, 3, 3};
    CHECK(parseUserDate("3/3/2026", today) == core::Date{2026, 3, 3});
    CHECK(parseUserDate("03-03-2026", today) == core::Date{2026, 3, 3});
    CHECK(parseUserDate("2026-03-03", today) == core::Date{2026, 3, 3});
    CHECK(parseUserDate("Tue 3 Mar 2026", today) == core::Date{2026, 3, 3});
    CHECK(parseUserDate("14 February 2026", today) == core::Date{2026, 2, 14});
    CHECK(parseUserDate("today", today) == today);
    CHECK(parseUserDate("Yesterday", today) == core::Date{2026, 3, 2});
    CHECK(parseUserDate("1/2/26", today) == core::Date{2026, 2, 1});
    CHECK_FALSE(parseUserDate("31/2/2026", today));
    CHECK_FALSE(parseUserDate("soon", today));
    CHECK_FALSE(parseUserDate("", today));
    CHECK(parseUserDate(today.display(), today) == today);
}

TEST_CASE("times") {
    CHECK(parseUserTime("14:05")->minutes == 14 * 60 + 5);
    CHECK(parseUserTime("9.30")->minutes == 9 * 60 + 30);
    CHECK(parseUserTime("0930")->minutes == 9 * 60 + 30);
    CHECK_FALSE(parseUserTime("25:00"));
    CHECK_FALSE(parseUserTime("lunch"));
}

TEST_CASE("a record draft round-trips, including newlines and the young person's exact words") {
    RecordForm f = RecordForm::fresh("3f1c", core::Date{2026, 3, 3}, core::TimeOfDay{600});
    f.kind = core::ContactKind::PeerContact;
    f.participantIds = {"a", "b"};
    f.words = "Line one\nline \\two\\ with \xE2\x80\x9Cquotes\xE2\x80\x9D = fine";
    f.uses = 5;
    f.newActions = {"Call school", "Book taster"};
    RecordForm g = RecordForm::fromFields(decodeFields(encodeFields(f.toFields())));
    CHECK(g.youngPersonId == "3f1c");
    CHECK(g.kind == core::ContactKind::PeerContact);
    CHECK(g.participantIds == f.participantIds);
    CHECK(g.words == f.words);
    CHECK(g.uses == 5);
    CHECK(g.newActions == f.newActions);
    CHECK(g.dateText == f.dateText);
}

TEST_CASE("a draft with a NUL in it reads the same from either format (fuzz: regress-draft-nul)") {
    using namespace std::string_literals;
    // The earlier key=value lines, a NUL inside a value and inside a name: each ends where the NUL is.
    const auto legacy = decodeDraft("words=two\\nlines\ntime=14\0\0V:05\nplace\0d=x\n"s);
    REQUIRE(legacy);
    CHECK(legacy->at("words") == "two\nlines");
    CHECK(legacy->at("time") == "14");
    CHECK(legacy->at("place") == "x");
    // Saved again (always as JSON), it reads back exactly as it was.
    CHECK(decodeDraft(encodeDraft(*legacy)) == legacy);
}

TEST_CASE("JSON with a number that is not whole is refused before it is parsed (fuzz: "
          "regress-rapidjson-zero-exponent)") {
    CHECK(jsonWholeNumbersOnly(R"({"a": 12, "b": -3, "c": "1.5e-322 in text", "d\"0.5": [true, null]})"));
    CHECK_FALSE(jsonWholeNumbersOnly(R"({"a": 1.5})"));
    CHECK_FALSE(jsonWholeNumbersOnly(R"({"a": 0e-322})"));
    CHECK_FALSE(jsonWholeNumbersOnly(R"({"a": 2E3})"));
    CHECK_FALSE(jsonWholeNumbersOnly(R"({"a": "\\", "b": 1.0})"));
    // rapidjson reads NaN and Infinity (cereal asks it to), and a fraction after them
    // (regress-rapidjson-nan-fraction).
    CHECK(jsonWholeNumbersOnly(R"({"NaN": "Infinity. NaN.0", "t": true, "f": false, "n": null})"));
    CHECK_FALSE(jsonWholeNumbersOnly("NaN.0000000000000000000000000000"));
    CHECK_FALSE(jsonWholeNumbersOnly(R"({"a": -Infinity})"));
    CHECK_FALSE(jsonWholeNumbersOnly(R"({"a": 1} .5)"));
    // A whole number past 64 bits is read as a double too (regress-rapidjson-long-integer).
    CHECK(jsonWholeNumbersOnly(R"({"a": -999999999999999999, "b": "-18446744073709551615999"})"));
    CHECK_FALSE(jsonWholeNumbersOnly("-18446744073709551615999"));
    CHECK_FALSE(jsonWholeNumbersOnly(R"({"a": 9999999999999999999})"));
    // The draft and the preferences readers refuse such a text whole.
    CHECK_FALSE(decodeDraft(R"({"draft":{"format":0e-322,"fields":{}}})"));
    CHECK(decodeDraft(R"({"draft":{"format":1,"fields":{"words":"0e-322"}}})"));
    Preferences p = preferencesFromJson(R"({"preferences":{"format":1,"theme":"dark","scale_percent":150}})");
    CHECK(p.scalePercent == 150);
    p = preferencesFromJson(R"({"preferences":{"format":1,"theme":"dark","scale_percent":150.0}})");
    CHECK(p == Preferences{});
}

TEST_CASE("passphrase hints") {
    CHECK(assessPassphrase("", 10).score == 0);
    CHECK(assessPassphrase("short", 10).label == "Too short");
    CHECK(assessPassphrase("four unrelated words here ok", 10).score == 4);
}

TEST_CASE("the young person's words are quoted once: never a second pair around their own") {
    CHECK(quotedWords("I like it here.") == "\xE2\x80\x9CI like it here.\xE2\x80\x9D");
    CHECK(quotedWords("") == "\xE2\x80\x9C\xE2\x80\x9D");
    for (const std::string own :
         {"\"I miss my nan.\"", "'Leave me alone.'", "\xE2\x80\x9CSafe.\xE2\x80\x9D",
          "  \xE2\x80\x98ok\xE2\x80\x99", "\xC2\xAB Bof \xC2\xBB", "\xE2\x80\x9EJa\xE2\x80\x9C"}) {
        INFO(own);
        CHECK(quotedWords(own) == own);
    }
    // A quotation mark later in the text is not an opening one.
    CHECK(quotedWords("He said \"later\".") == "\xE2\x80\x9CHe said \"later\".\xE2\x80\x9D");
}
