#pragma once
// The real app as a child process, for the tests that end it from outside (a signal, the window's close
// button): started with its stdout on a pipe, and that pipe read until the app says a line.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <poll.h>
#include <spawn.h>
#include <sys/types.h>
#include <unistd.h>

extern char** environ;

namespace throughline::testing {

// Starts `args` (the program first) with its stdout on a pipe; returns its pid and the pipe's read end.
inline pid_t startApp(const std::vector<std::string>& args, int& out) {
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
inline bool waitForLine(int fd, const std::string& line) {
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

} // namespace throughline::testing
