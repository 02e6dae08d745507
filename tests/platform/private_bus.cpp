#include "private_bus.hpp"

#include <csignal>
#include <cstdlib>
#include <string>
#include <vector>

#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace throughline::testing {

namespace {

// Runs argv to its end; its exit status (-1 when it could not run).
int run(const std::vector<std::string>& args) {
    std::vector<char*> argv;
    for (const auto& a : args)
        argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    pid_t pid = 0;
    if (posix_spawnp(&pid, argv[0], nullptr, nullptr, argv.data(), environ) != 0) return -1;
    int status = 0;
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) return -1;
    return WEXITSTATUS(status);
}

} // namespace

PrivateBus::PrivateBus() {
    int fds[2];
    if (pipe(fds) != 0) return;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&fa, fds[0]);
    char a0[] = "dbus-daemon", a1[] = "--session", a2[] = "--nofork", a3[] = "--print-address=1";
    char* argv[] = {a0, a1, a2, a3, nullptr};
    const bool started = posix_spawnp(&m_pid, argv[0], &fa, nullptr, argv, environ) == 0;
    posix_spawn_file_actions_destroy(&fa);
    close(fds[1]);
    if (!started) {
        m_pid = 0;
        close(fds[0]);
        return;
    }
    // The daemon prints its address once it listens (waited for up to ten seconds: a bound, not a timing
    // check).
    std::string line;
    for (int i = 0; i < 100 && line.find('\n') == std::string::npos; ++i) {
        pollfd p{fds[0], POLLIN, 0};
        if (::poll(&p, 1, 100) <= 0) continue;
        char buf[512];
        const ssize_t n = read(fds[0], buf, sizeof buf);
        if (n <= 0) break;
        line.append(buf, static_cast<std::size_t>(n));
    }
    close(fds[0]);
    if (auto nl = line.find('\n'); nl != std::string::npos) m_address = line.substr(0, nl);
}

PrivateBus::~PrivateBus() {
    if (m_pid > 0) {
        kill(m_pid, SIGTERM);
        int status = 0;
        waitpid(m_pid, &status, 0);
    }
}

bool PrivateBus::emit(const std::string& path, const std::string& interfaceDotMember,
                      const std::string& args) const {
    std::vector<std::string> argv = {"dbus-send", "--bus=" + m_address, "--type=signal", path,
                                     interfaceDotMember};
    if (!args.empty()) argv.push_back(args);
    return run(argv) == 0;
}

} // namespace throughline::testing
