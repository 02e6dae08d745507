// The first start of a real user: the create flow says where the vault will be, explains the recovery
// key, then offers to import a records file or a colleague's contact card (or to open the empty vault).
#include "throughline/testing/harness.hpp"
#include "throughline/testing/vault_fixture.hpp"

#include "throughline/vault/vault.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

using namespace throughline;
using namespace throughline::testing;
namespace fs = std::filesystem;

namespace {

// Creates the vault through the screen and stops on the recovery key, with "I have stored it" on.
void createUpToStart(Harness& h) {
    REQUIRE(h.app().screen() == app::Screen::Create);
    CHECK(h.visible("create.vault-path"));
    h.typeInto("create.owner", "Robin Testworker");
    h.typeInto("create.passphrase", kFixturePass);
    h.typeInto("create.confirm", kFixturePass);
    h.click("create.submit");
    h.settle();
    REQUIRE(h.app().createState().step == app::CreateVaultState::Step::RecoveryKey);
    // The offers wait until the recovery key is stored.
    h.click("create.import-records");
    CHECK_FALSE(h.app().isUnlocked());
    h.click("create.stored");
}

// Options for an app on tmp / "vault" whose file chooser opens in tmp / "files" (made here).
app::AppOptions withFilesPlace(const TempDir& tmp) {
    fs::create_directories(tmp.path / "files");
    auto options = testOptions(tmp.path / "vault");
    options.chooserPlaces.push_back({"Files", tmp.path / "files"});
    return options;
}

} // namespace

TEST_CASE("first start: the vault path is shown, with the home folder as ~") {
    TempDir tmp;
    const char* home = std::getenv("HOME");
    REQUIRE(home);
    const fs::path dir = fs::path(home) / ".local/share/throughline/first-run-test-vault";
    Harness h(testOptions(dir));
    CHECK(h.app().createState().vaultPath == "~/.local/share/throughline/first-run-test-vault");
    Harness other(testOptions(tmp.path / "vault"));
    CHECK(other.app().createState().vaultPath == (tmp.path / "vault").string());
}

TEST_CASE("first start: import a records file from the create flow") {
    TempDir tmp;
    const auto options = withFilesPlace(tmp);
    fs::copy_file(THROUGHLINE_RECORDS_FIXTURE, tmp.path / "files" / "from-the-old-system.json");
    std::ofstream(tmp.path / "files" / "broken.json") << R"({"format": "throughline-records", "version": 2})";
    Harness h(options);
    createUpToStart(h);

    h.click("create.import-records");
    REQUIRE(h.app().isUnlocked());
    REQUIRE(h.app().screen() == app::Screen::FileChooser);
    CHECK(h.app().chooserState().purpose == app::ChooserPurpose::ImportRecords);
    CHECK(h.app().createState().recoveryKey.empty()); // wiped once the user moved on

    // A file with a problem: nothing imported, the problem named, the chooser still open.
    h.click("chooser.entry.broken.json");
    CHECK(h.app().screen() == app::Screen::FileChooser);
    CHECK(h.app().chooserState().error.find("Nothing was imported") != std::string::npos);
    CHECK(h.app().chooserState().error.find("version") != std::string::npos);
    CHECK(h.app().vault()->store().counts()->youngPeople == 0);

    h.click("chooser.entry.from-the-old-system.json");
    REQUIRE(h.app().screen() == app::Screen::People);
    CHECK(h.app().toast().find("Imported 16 records") != std::string::npos);
    auto counts = h.app().vault()->store().counts();
    REQUIRE(counts.ok());
    CHECK(counts->youngPeople == 2);
    CHECK(counts->contacts == 3);
    CHECK(h.app().vault()->owner().name == "Robin Testworker");
}

TEST_CASE("first start: import a colleague's contact card, or open the empty vault") {
    TempDir tmp;
    const auto options = withFilesPlace(tmp);
    {
        Harness h(options);
        createUpToStart(h);
        h.click("create.import-card");
        REQUIRE(h.app().isUnlocked());
        REQUIRE(h.app().screen() == app::Screen::FileChooser);
        CHECK(h.app().chooserState().purpose == app::ChooserPurpose::ImportCard);
        h.click("chooser.cancel");
        CHECK(h.app().screen() == app::Screen::People);
        h.app().lock();
    }
    auto second = options;
    second.vaultDir = tmp.path / "second";
    Harness h(second);
    createUpToStart(h);
    h.click("create.finish");
    REQUIRE(h.app().isUnlocked());
    CHECK(h.app().screen() == app::Screen::People);
}
