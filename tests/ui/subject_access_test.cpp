// "Export everything held (subject access request)" from the young person's home: the withholding choices,
// the folder through the in-app chooser, the files written and the audit entry.
#include "throughline/testing/opened_vault.hpp"

#include "app/session.hpp"
#include "throughline/db/audit.hpp"
#include "throughline/vault/vault.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

using namespace throughline;
using namespace throughline::testing;

TEST_CASE("subject access export from the young person's home, with withholding, audited") {
    OpenedVault v;
    Harness& h = v.h;
    const FixtureIds& ids = v.ids;
    h.click("people.row." + ids.youngPerson);
    REQUIRE(h.app().screen() == app::Screen::Home);
    REQUIRE(h.click("home.export-everything"));
    REQUIRE(h.app().screen() == app::Screen::SubjectAccess);
    auto& state = h.app().session()->subjectAccess.state;
    CHECK(state.youngPersonId == ids.youngPerson);
    CHECK(state.recipient == "Robin Ashdown");
    CHECK(state.people.size() == 4);

    // No folder yet: a clear message, nothing written.
    h.click("sar.export");
    CHECK_FALSE(state.error.empty());

    // The folder, through the in-app chooser.
    const auto out = v.tmp / "sar-out";
    std::filesystem::create_directories(out);
    REQUIRE(h.click("sar.choose-folder"));
    REQUIRE(h.app().screen() == app::Screen::FileChooser);
    h.app().chooserState().pathText = out.string();
    h.click("chooser.go");
    REQUIRE(h.click("chooser.use-folder"));
    REQUIRE(h.app().screen() == app::Screen::SubjectAccess);
    CHECK(std::filesystem::path(state.folder) == out);

    // Withhold family, friends and community; and the missing episode, on the serious-harm basis.
    REQUIRE(h.click("sar.third-parties"));
    CHECK(state.withholdThirdParties);
    for (auto& r : state.records)
        if (r.id == ids.missing) r.basis = 1;
    h.click("sar.export");
    CHECK(state.error.find("reason") != std::string::npos); // a reason is required
    CHECK_FALSE(std::filesystem::exists(out / "subject-access.json"));
    h.typeInto("sar.reason", "Family members have not consented.");
    h.click("sar.export");
    INFO(state.error);
    REQUIRE(state.error.empty());
    CHECK_FALSE(state.outcome.empty());
    REQUIRE(std::filesystem::exists(out / "subject-access.json"));
    REQUIRE(std::filesystem::exists(out / "subject-access.pdf"));
    std::stringstream json;
    json << std::ifstream(out / "subject-access.json").rdbuf();
    CHECK(json.str().find("throughline.subject-access/1") != std::string::npos);
    CHECK(json.str().find("Dana Ashdown") == std::string::npos);
    CHECK(json.str().find("Priya Lomax") != std::string::npos);
    CHECK(json.str().find(ids.missing + "\",\n") != std::string::npos); // listed as withheld
    CHECK(json.str().find("Imaginary Lane") == std::string::npos);

    auto recent = h.app().vault()->audit().recent(1);
    REQUIRE(recent.ok());
    CHECK(recent->front().kind == core::AuditKind::Export);
    CHECK(recent->front().recordId == ids.youngPerson);
    CHECK(recent->front().detail.find(ids.missing + " (serious_harm)") != std::string::npos);

    // A second export into the same folder is refused unless replacing is allowed.
    state.outcome.clear();
    h.frame(2); // the button moves up once the outcome is gone
    h.click("sar.export");
    CHECK_FALSE(state.error.empty());
    REQUIRE(h.click("sar.replace"));
    h.click("sar.export");
    CHECK(state.error.empty());

    // Leaving lets go of the names the screen held.
    h.click("back");
    CHECK(h.app().screen() == app::Screen::Home);
    CHECK(h.app().session()->subjectAccess.state.people.empty());
}
