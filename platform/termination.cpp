#include "platform/termination.hpp"

#include <csignal>

namespace throughline::platform {

namespace {

volatile std::sig_atomic_t g_signal = 0;

extern "C" void onTerminate(int sig) {
    g_signal = sig; // async-signal-safe: the frame loop looks at it
}

} // namespace

void catchTermination() {
    struct sigaction sa {};
    sa.sa_handler = onTerminate;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; // no SA_RESTART: a wait for window events returns early
    sigaction(SIGTERM, &sa, nullptr);
    sigaction(SIGHUP, &sa, nullptr);
}

int terminationSignal() {
    return g_signal;
}

} // namespace throughline::platform
