// The real app, typing into an editor, is sent SIGTERM (logout, shutdown) or SIGHUP with kill(): it ends
// cleanly (exit status 0, not killed) and what was typed is in the editor's draft when the vault is opened
// again.
#include "throughline/testing/temp_dir.hpp"
#include "throughline/testing/vault_fixture.hpp"

#include "throughline/vault/vault.hpp"

#include <doctest/doctest.h>

#include <csignal>
#include <cstdio>
#include <fstream>
#include <string>

#include <poll.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

using namespace throughline;
using namespace throughline::testing;

namespace {

// Starts the app with its stdout on a pipe; returns its pid and the pipe's read end.
pid_t startApp(const std::vector<std::string>& args, int& out) {
    int fds[2];
    REQUIRE(pipe(fds) == 0);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&fa, fds[0]);
    std::vector<char*> argv;
    for (const auto& a : args)
        argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    pid_t pid = 0;
    REQUIRE(posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), environ) == 0);
    posix_spawn_file_actions_destroy(&fa);
    close(fds[1]);
    out = fds[0];
    return pid;
}

// Reads the app's stdout until `line` (or it ends, or a minute passes: a bound, not a timing assertion).
bool waitForLine(int fd, const std::string& line) {
    std::string seen;
    for (int i = 0; i < 600; ++i) {
        pollfd p{fd, POLLIN, 0};
        if (poll(&p, 1, 100) > 0) {
            char buf[256];
            const ssize_t n = read(fd, buf, sizeof buf);
            if (n <= 0) return false;
            seen.append(buf, static_cast<std::size_t>(n));
            if (seen.find(line) != std::string::npos) return true;
        }
    }
    return false;
}

} // namespace

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
