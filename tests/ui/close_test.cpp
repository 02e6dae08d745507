// The window's close button, pressed on the real app while it types into the record-a-contact editor. Under
// Xvfb there is no window manager, so ui_send_close sends the app's window what one sends: the ICCCM
// WM_DELETE_WINDOW message. The app ends cleanly (exit status 0, soon), and what was typed is in the
// record's draft, offered when the vault is opened again.
#include "throughline/testing/harness.hpp"
#include "throughline/testing/temp_dir.hpp"
#include "throughline/testing/test_vault.hpp"

#include "throughline/records/demo.hpp"
#include "throughline/vault/vault.hpp"

#include "app_process.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <csignal>
#include <fstream>
#include <string>
#include <thread>

#include <sys/stat.h>
#include <sys/wait.h>

using namespace throughline;
using namespace throughline::testing;

namespace {

// Waits for `pid` to end, at most `seconds`; false (and the process killed) when it did not.
bool waitForExit(pid_t pid, int seconds, int& status) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (std::chrono::steady_clock::now() < until) {
        if (waitpid(pid, &status, WNOHANG) == pid) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    return false;
}

} // namespace

TEST_CASE("the window's close button keeps what was being typed and ends the app cleanly") {
    TempDir tmp;
    { // a demo vault (invented records), with the tests' cheap key derivation
        TestVault created = makeVault(tmp / "vault");
        core::DemoOptions d;
        d.seed = 7;
        d.youngPeople = 6;
        d.contacts = 120;
        REQUIRE(core::generateDemo(created.vault->store(), d).ok());
    }
    { std::ofstream(tmp / "pass") << kFixturePass; }
    chmod((tmp / "pass").c_str(), 0600);
    const std::string typed = "She said the new school is alright and she wants to stay";

    // Tall enough that the young person's own words are on screen without scrolling (--type-into taps the
    // field where it is drawn).
    int out = -1;
    const pid_t pid = startApp({THROUGHLINE_APP_BINARY, "--vault", (tmp / "vault").string(),
                                "--passphrase-file", (tmp / "pass").string(), "--screen", "record", "--size",
                                "430x2000", "--type-into", "record.words", typed, "--frames", "100000"},
                               out);
    const bool typedAll = waitForLine(out, "throughline: typed");
    // The close button, as a window manager reports it.
    int senderOut = -1;
    const pid_t sender = startApp({THROUGHLINE_SEND_CLOSE, std::to_string(pid)}, senderOut);
    int senderExit = 0;
    REQUIRE(waitpid(sender, &senderExit, 0) == sender);
    close(senderOut); // after it ended: it writes one line there
    int status = 0;
    const bool ended = waitForExit(pid, 20, status); // promptly: the next frame, then a lock
    close(out);
    REQUIRE(typedAll);
    REQUIRE(WIFEXITED(senderExit));
    REQUIRE(WEXITSTATUS(senderExit) == 0);
    REQUIRE(ended);
    CHECK_FALSE(WIFSIGNALED(status));
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);

    { // the record's draft holds everything typed
        auto vault = openFixtureVault(tmp / "vault");
        auto d = vault->store().loadDraft(app::kRecordDraftKey);
        REQUIRE(d.ok());
        REQUIRE(d->has_value());
        CHECK((*d)->find(typed) != std::string::npos);
    }

    // Opened again: the draft is offered, and continuing it brings back the words.
    Harness h(testOptions(tmp / "vault"));
    REQUIRE(h.app().unlock(kFixturePass).ok());
    h.settle();
    REQUIRE(h.app().draftOffered());
    REQUIRE(h.click("people.resume-draft"));
    REQUIRE(h.app().screen() == app::Screen::Record);
    CHECK(h.app().recordState().form.words == typed);
}
