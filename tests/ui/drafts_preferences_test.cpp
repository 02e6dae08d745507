// What the app keeps with cereal: the record draft (JSON, encrypted in the vault) and the preferences file
// (JSON, human-readable). Both round-trip; drafts kept in the earlier key=value format still load; anything
// damaged or unknown is left out (a draft) or falls back to the defaults (preferences), never a crash.
#include "throughline/testing/files.hpp"
#include "throughline/testing/harness.hpp"
#include "throughline/testing/temp_dir.hpp"
#include "throughline/testing/vault_fixture.hpp"

#include "app/forms.hpp"
#include "app/preferences.hpp"
#include "app/screens/record_screen.hpp"

#include "throughline/vault/vault.hpp"

#include <doctest/doctest.h>

using namespace throughline;
using namespace throughline::testing;

namespace {

// Text that breaks naive encodings: quotes, backslashes, braces, '=', newlines, tabs, control characters
// and non-ASCII.
const std::string kTricky = "She said \"no\" \\ {not} = fine\nline two\r\n\ttab \x01 \xE2\x80\x9C"
                            "quoted\xE2\x80\x9D caf\xC3\xA9 \xF0\x9F\x99\x82";

std::vector<std::string> damagedJson(std::string good) {
    while (!good.empty() && (good.back() == '\n' || good.back() == ' '))
        good.pop_back();
    std::vector<std::string> out;
    for (std::size_t n = 0; n < good.size(); ++n)
        out.push_back(good.substr(0, n)); // cut at every length
    out.push_back("");
    out.push_back("null");
    out.push_back("[]");
    out.push_back("[1, 2, 3]");
    out.push_back("\"just a string\"");
    out.push_back("{}");
    out.push_back(std::string(3000, '[') + std::string(3000, ']')); // deep nesting
    out.push_back(std::string("\x00\xff\xfe{\x01", 5));
    return out;
}

} // namespace

TEST_SUITE("drafts") {

    TEST_CASE("a record draft round-trips through cereal's JSON, every character of the words kept") {
        app::RecordForm f = app::RecordForm::fresh("3f1c", core::Date{2026, 3, 3}, core::TimeOfDay{600});
        f.kind = core::ContactKind::PeerContact;
        f.participantIds = {"a", "b"};
        f.words = kTricky;
        f.observations = "}\"]";
        f.uses = 5;
        f.newActions = {"Call school", "Book taster"};
        const std::string json = app::encodeDraft(f.toFields());
        CHECK(json.rfind("{", 0) == 0);
        CHECK(json.find("\"draft\": {") != std::string::npos);
        CHECK(json.find("\"format\": 1,") != std::string::npos);
        CHECK(json.find("\"fields\": {") != std::string::npos);
        auto fields = app::decodeDraft(json);
        REQUIRE(fields);
        CHECK(*fields == f.toFields());
        const app::RecordForm g = app::RecordForm::fromFields(*fields);
        CHECK(g.youngPersonId == "3f1c");
        CHECK(g.kind == core::ContactKind::PeerContact);
        CHECK(g.participantIds == f.participantIds);
        CHECK(g.words == kTricky);
        CHECK(g.observations == "}\"]");
        CHECK(g.uses == 5);
        CHECK(g.newActions == f.newActions);
        CHECK(g.dateText == f.dateText);
        // Members in another order (hand-edited or another writer) read the same.
        auto swapped = app::decodeDraft(
            R"({"draft": {"fields": {"words": "w", "young_person_id": "yp"}, "format": 1}})");
        REQUIRE(swapped);
        CHECK(swapped->at("words") == "w");
        CHECK(swapped->at("young_person_id") == "yp");
    }

    TEST_CASE("a draft kept in the earlier key=value format still loads") {
        app::RecordForm f = app::RecordForm::fresh("3f1c", core::Date{2026, 3, 3}, core::TimeOfDay{600});
        f.words = "Line one\nline \\two\\ = fine";
        const std::string old = app::encodeFields(f.toFields());
        REQUIRE(old.rfind("action_text=", 0) == 0); // what drafts looked like
        auto fields = app::decodeDraft(old);
        REQUIRE(fields);
        CHECK(app::RecordForm::fromFields(*fields).words == f.words);
        CHECK(app::RecordForm::fromFields(*fields).youngPersonId == "3f1c");
    }

    TEST_CASE("a damaged or unknown draft is not read: nothing, not half a draft, and no crash") {
        std::map<std::string, std::string> fields{{"young_person_id", "3f1c"}, {"words", kTricky}};
        const std::string good = app::encodeDraft(fields);
        for (const auto& text : damagedJson(good)) {
            INFO(text.substr(0, 60));
            CHECK_FALSE(app::decodeDraft(text));
        }
        for (const char* text : {
                 R"({"draft": {"format": 2, "fields": {"words": "from a newer version"}}})",
                 R"({"draft": {"format": 1, "fields": {"words": 5}}})",
                 R"({"draft": {"format": 1, "fields": {"words": {"nested": "x"}}}})",
                 R"({"draft": {"format": 1, "fields": "words"}})",
                 R"({"draft": {"format": "1", "fields": {}}})",
                 R"({"draft": {"fields": {"words": "no format"}}})",
                 R"({"other": {"format": 1, "fields": {}}})",
                 "no equals sign on any line\nat all",
             }) {
            INFO(text);
            CHECK_FALSE(app::decodeDraft(text));
        }
    }

    TEST_CASE("after unlocking, an old-format draft is offered back and a damaged one is left out") {
        TempDir tmp;
        const auto dir = tmp.path / "vault";
        const FixtureIds ids = makeFixtureVault(dir);
        const auto keep = [&](const std::string& content) {
            auto v = core::Vault::open(dir, kFixturePass);
            REQUIRE(v.ok());
            REQUIRE((*v)->store().saveDraft(app::kRecordDraftKey, content).ok());
        };
        app::RecordForm f =
            app::RecordForm::fresh(ids.youngPerson, core::Date::today(), core::TimeOfDay{600});
        f.words = "Written before the update.";
        keep(app::encodeFields(f.toFields()));
        {
            Harness h(testOptions(dir));
            REQUIRE(h.app().unlock(kFixturePass).ok());
            h.settle();
            REQUIRE(h.app().draftOffered());
            h.click("people.resume-draft");
            REQUIRE(h.app().screen() == app::Screen::Record);
            CHECK(h.app().recordState().form.words == "Written before the update.");
        }
        keep(R"({"draft": {"format": 1, "fields": {"young_person_id": )");
        {
            Harness h(testOptions(dir));
            REQUIRE(h.app().unlock(kFixturePass).ok());
            h.settle();
            CHECK(h.app().isUnlocked());
            CHECK_FALSE(h.app().draftOffered());
        }
    }

} // TEST_SUITE

TEST_SUITE("preferences") {

    TEST_CASE("preferences round-trip as human-readable JSON") {
        const app::Preferences p{app::ThemeKind::Dark, 125};
        const std::string json = app::preferencesToJson(p);
        CHECK(json.find("\"theme\": \"dark\"") != std::string::npos);
        CHECK(json.find("\"scale_percent\": 125") != std::string::npos);
        CHECK(json.find('\n') != std::string::npos); // indented, one member a line
        CHECK(app::preferencesFromJson(json) == p);
        CHECK(app::preferencesFromJson(app::preferencesToJson(app::Preferences{})) == app::Preferences{});
        // Edited by hand: other order, other spacing, a member it does not know.
        CHECK(app::preferencesFromJson(
                  R"({"preferences":{"scale_percent":150,"note":"mine","theme":"dark","format":1}})") ==
              app::Preferences{app::ThemeKind::Dark, 150});
        // The high-contrast theme is kept by name; a theme name it does not know gives the default.
        const app::Preferences high{app::ThemeKind::HighContrast, 175};
        CHECK(app::preferencesToJson(high).find("\"theme\": \"high-contrast\"") != std::string::npos);
        CHECK(app::preferencesFromJson(app::preferencesToJson(high)) == high);
        CHECK(app::preferencesFromJson(R"({"preferences":{"format":1,"theme":"neon","scale_percent":150}})")
                  .theme == app::ThemeKind::Light);
    }

    TEST_CASE("an old or damaged preferences file gives the defaults, never a crash") {
        const std::string good = app::preferencesToJson({app::ThemeKind::Dark, 150});
        for (const auto& text : damagedJson(good)) {
            INFO(text.substr(0, 60));
            CHECK(app::preferencesFromJson(text) == app::Preferences{});
        }
        for (const char* text : {
                 "theme=dark\nscale=150\n", // the earlier ui.conf format, under the new name
                 R"({"preferences": {"format": 2, "theme": "dark", "scale_percent": 150}})",
                 R"({"preferences": {"format": 1, "theme": 1, "scale_percent": 150}})",
                 R"({"preferences": {"format": 1, "theme": "dark", "scale_percent": "150"}})",
                 R"({"preferences": {"format": 1, "theme": "dark", "scale_percent": 1.5e300}})",
                 R"({"preferences": {"format": 1, "theme": "dark"}})",
             }) {
            INFO(text);
            CHECK(app::preferencesFromJson(text) == app::Preferences{});
        }
        CHECK(app::preferencesFromJson(std::string(5000, ' ') + good) == app::Preferences{}); // too big
        // A value out of range or not understood: that one's default, the rest kept.
        CHECK(app::preferencesFromJson(
                  R"({"preferences": {"format": 1, "theme": "dark", "scale_percent": 900}})") ==
              app::Preferences{app::ThemeKind::Dark, 100});
        CHECK(app::preferencesFromJson(
                  R"({"preferences": {"format": 1, "theme": "mauve", "scale_percent": 175}})") ==
              app::Preferences{app::ThemeKind::Light, 175});
    }

    TEST_CASE(
        "the preferences file: saved atomically, read back, the earlier ui.conf read when it is alone") {
        TempDir tmp;
        const auto dir = tmp.path / "config" / "throughline";
        CHECK(app::loadPreferences(dir) == app::Preferences{}); // nothing yet

        std::filesystem::create_directories(dir);
        writeFile(dir / app::kLegacyPreferencesFile, "theme=dark\nscale=150\n");
        CHECK(app::loadPreferences(dir) == app::Preferences{app::ThemeKind::Dark, 150});
        writeFile(dir / app::kLegacyPreferencesFile, "theme=dark\nscale=lots\n");
        CHECK(app::loadPreferences(dir) == app::Preferences{app::ThemeKind::Dark, 100});

        const app::Preferences p{app::ThemeKind::Light, 175};
        REQUIRE(app::savePreferences(dir, p));
        CHECK(readFile(dir / app::kPreferencesFile) == app::preferencesToJson(p));
        CHECK(app::loadPreferences(dir) == p); // preferences.json wins over ui.conf

        writeFile(dir / app::kPreferencesFile, "{\"preferences\": {\"form");
        CHECK(app::loadPreferences(dir) == app::Preferences{}); // damaged: defaults, not the old ui.conf
        writeFile(dir / app::kPreferencesFile, std::string(1 << 20, '{'));
        CHECK(app::loadPreferences(dir) == app::Preferences{});

        TempDir fresh;
        REQUIRE(app::savePreferences(fresh.path / "a" / "b", p)); // makes the folders
        CHECK(app::loadPreferences(fresh.path / "a" / "b") == p);
    }

} // TEST_SUITE
