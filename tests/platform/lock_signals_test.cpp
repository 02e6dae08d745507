// The platform hears logind and the screensaver on private buses (dbus-daemon), as it would on a desktop.
#include "platform/lock_signals.hpp"

#include "private_bus.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <memory>
#include <thread>

using namespace throughline;
using namespace throughline::testing;
using platform::LockSignal;
using platform::LockSignals;

namespace {

// The next signal heard, polling for up to ten seconds (a bound, not a timing check).
LockSignal next(LockSignals& s) {
    for (int i = 0; i < 1000; ++i) {
        if (LockSignal r = s.poll(); r != LockSignal::None) return r;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return LockSignal::None;
}

constexpr const char* kManager = "/org/freedesktop/login1";
constexpr const char* kOurSession = "/org/freedesktop/login1/session/c7";

} // namespace

TEST_CASE("logind session paths are escaped as sd-bus escapes them") {
    CHECK(platform::logindSessionPath("c7") == "/org/freedesktop/login1/session/c7");
    CHECK(platform::logindSessionPath("2") == "/org/freedesktop/login1/session/_32");
    CHECK(platform::logindSessionPath("c2-x") == "/org/freedesktop/login1/session/c2_2dx");
}

TEST_CASE("without a bus nothing is heard, and the platform says so") {
    setenv("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/nonexistent/throughline-test-bus", 1);
    setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/throughline-test-bus", 1);
    LockSignals s;
    CHECK_FALSE(s.listening());
    CHECK_FALSE(s.systemBus());
    CHECK_FALSE(s.sessionBus());
    CHECK(s.poll() == LockSignal::None);
}

TEST_CASE("lock and sleep signals on private system and session buses") {
    auto systemBus = std::make_unique<PrivateBus>();
    PrivateBus& system = *systemBus;
    PrivateBus session;
    REQUIRE_FALSE(system.address().empty());
    REQUIRE_FALSE(session.address().empty());
    setenv("DBUS_SYSTEM_BUS_ADDRESS", system.address().c_str(), 1);
    setenv("DBUS_SESSION_BUS_ADDRESS", session.address().c_str(), 1);
    setenv("XDG_SESSION_ID", "c7", 1);
    LockSignals s;
    REQUIRE(s.systemBus());
    REQUIRE(s.sessionBus());
    CHECK(s.listening());
    CHECK(s.sessionPath() == kOurSession);
    CHECK(s.poll() == LockSignal::None);

    SUBCASE("logind locks this session") {
        REQUIRE(system.emit(kOurSession, "org.freedesktop.login1.Session.Lock"));
        CHECK(next(s) == LockSignal::ScreenLocked);
    }
    SUBCASE("another session's lock is not ours") {
        // Signals on one bus arrive in order: had the first counted, it would come before the second.
        REQUIRE(system.emit("/org/freedesktop/login1/session/c9", "org.freedesktop.login1.Session.Lock"));
        REQUIRE(system.emit(kManager, "org.freedesktop.login1.Manager.PrepareForSleep", "boolean:true"));
        CHECK(next(s) == LockSignal::Sleeping);
    }
    SUBCASE("going to sleep counts, waking up does not") {
        REQUIRE(system.emit(kManager, "org.freedesktop.login1.Manager.PrepareForSleep", "boolean:false"));
        REQUIRE(system.emit(kOurSession, "org.freedesktop.login1.Session.Lock"));
        CHECK(next(s) == LockSignal::ScreenLocked);
        REQUIRE(system.emit(kManager, "org.freedesktop.login1.Manager.PrepareForSleep", "boolean:true"));
        CHECK(next(s) == LockSignal::Sleeping);
    }
    SUBCASE("the freedesktop and GNOME screensavers") {
        REQUIRE(session.emit("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver.ActiveChanged",
                             "boolean:true"));
        CHECK(next(s) == LockSignal::ScreenLocked);
        REQUIRE(
            session.emit("/org/gnome/ScreenSaver", "org.gnome.ScreenSaver.ActiveChanged", "boolean:true"));
        CHECK(next(s) == LockSignal::ScreenLocked);
    }
    SUBCASE("a bus that goes away is let go") {
        systemBus.reset(); // the daemon ends: the connection to it is gone
        for (int i = 0; i < 1000 && s.systemBus(); ++i) {
            s.poll();
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        CHECK_FALSE(s.systemBus());
        CHECK(s.sessionBus());
    }
    unsetenv("XDG_SESSION_ID");
}
