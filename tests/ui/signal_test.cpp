// The real app, typing into an editor, is sent SIGTERM (logout, shutdown) or SIGHUP with kill(): it ends
// cleanly (exit status 0, not killed) and what was typed is in the editor's draft when the vault is opened
// again.
#include "throughline/testing/temp_dir.hpp"
#include "throughline/testing/vault_fixture.hpp"

#include "throughline/vault/vault.hpp"

#include "app_process.hpp"

#include <doctest/doctest.h>

#include <csignal>
#include <fstream>
#include <string>

#include <sys/stat.h>
#include <sys/wait.h>

using namespace throughline;
using namespace throughline::testing;

TEST_CASE("SIGTERM and SIGHUP keep what was being typed and end the app cleanly") {
    for (int sig : {SIGTERM, SIGHUP}) {
        CAPTURE(sig);
        TempDir tmp;
        const FixtureIds ids = makeFixtureVault(tmp / "vault");
        { std::ofstream(tmp / "pass") << kFixturePass; }
        chmod((tmp / "pass").c_str(), 0600);
        const std::string typed = " Said to call on Sunday";
        int out = -1;
        const pid_t pid = startApp({THROUGHLINE_APP_BINARY, "--vault", (tmp / "vault").string(),
                                    "--passphrase-file", (tmp / "pass").string(), "--screen", "member-editor",
                                    "--type-into", "member.name", typed, "--frames", "100000"},
                                   out);
        const bool typedAll = waitForLine(out, "throughline: typed");
        kill(pid, sig);
        int status = 0;
        REQUIRE(waitpid(pid, &status, 0) == pid);
        close(out);
        REQUIRE(typedAll);
        CHECK_FALSE(WIFSIGNALED(status));
        REQUIRE(WIFEXITED(status));
        CHECK(WEXITSTATUS(status) == 0);

        // The draft of the member being edited holds everything typed.
        auto vault = openFixtureVault(tmp / "vault");
        bool found = false;
        for (const auto& id : {ids.mum, ids.nan, ids.keyWorker, ids.friendId}) {
            auto d = vault->store().loadDraft("editor.member." + id);
            REQUIRE(d.ok());
            if (d->has_value() && (*d)->find(typed) != std::string::npos) found = true;
        }
        CHECK(found);
    }
}
