// The app locks when the desktop says the screen locked or the computer is going to sleep (signals sent on
// private D-Bus daemons), keeping what was being typed as a draft; Settings says so when no signal can be
// heard.
#include "platform/lock_signals.hpp"

#include "private_bus.hpp"

#include "throughline/testing/opened_vault.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <thread>

using namespace throughline;
using namespace throughline::testing;

namespace {

app::SystemLock toApp(platform::LockSignal s) {
    return s == platform::LockSignal::Sleeping       ? app::SystemLock::Sleeping
           : s == platform::LockSignal::ScreenLocked ? app::SystemLock::ScreenLocked
                                                     : app::SystemLock::None;
}

} // namespace

TEST_CASE("the vault locks, keeping the editor's draft, when the screen locks or the computer sleeps") {
    PrivateBus system, session;
    REQUIRE_FALSE(system.address().empty());
    REQUIRE_FALSE(session.address().empty());
    setenv("DBUS_SYSTEM_BUS_ADDRESS", system.address().c_str(), 1);
    setenv("DBUS_SESSION_BUS_ADDRESS", session.address().c_str(), 1);
    setenv("XDG_SESSION_ID", "c7", 1);
    platform::LockSignals signals;
    REQUIRE(signals.listening());

    OpenedVault v;
    Harness& h = v.h;
    REQUIRE(h.app().openScreen(app::Screen::MemberEditor).empty());
    h.frame(2);
    const std::string typed = " Invented note typed as the lid closed";
    REQUIRE(h.typeInto("member.notes", typed));
    std::string notice;
    SUBCASE("the screensaver locks the screen") {
        REQUIRE(session.emit("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver.ActiveChanged",
                             "boolean:true"));
        notice = "screen locked";
    }
    SUBCASE("logind locks this session") {
        REQUIRE(system.emit("/org/freedesktop/login1/session/c7", "org.freedesktop.login1.Session.Lock"));
        notice = "screen locked";
    }
    SUBCASE("the computer is going to sleep") {
        REQUIRE(system.emit("/org/freedesktop/login1", "org.freedesktop.login1.Manager.PrepareForSleep",
                            "boolean:true"));
        notice = "sleep";
    }
    // Frames as the app draws them, each told what the platform heard (for up to ten seconds: a bound).
    for (int i = 0; i < 1000 && h.app().isUnlocked(); ++i) {
        h.systemLock = toApp(signals.poll());
        h.frame();
        if (h.app().isUnlocked()) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    CHECK_FALSE(h.app().isUnlocked());
    CHECK(h.app().session() == nullptr);
    CHECK(h.app().screen() == app::Screen::Unlock);
    CHECK(h.app().unlockState().notice.find(notice) != std::string::npos);
    auto vault = openFixtureVault(v.dir());
    auto d = vault->store().loadDraft("editor.member." + v.ids.mum);
    REQUIRE(d.ok());
    REQUIRE(d->has_value());
    CHECK((*d)->find("Invented note typed as the lid closed") != std::string::npos);
    unsetenv("XDG_SESSION_ID");
}

TEST_CASE("Settings says plainly when the computer does not tell the app that the screen locks") {
    TempDir tmp;
    makeFixtureVault(tmp / "vault");
    for (bool heard : {true, false}) {
        CAPTURE(heard);
        app::AppOptions o = testOptions(tmp / "vault");
        o.screenLockHeard = heard;
        Harness h(o);
        REQUIRE(h.app().unlock(kFixturePass).ok());
        REQUIRE(h.app().openScreen(app::Screen::Settings).empty());
        h.frame(2);
        CHECK(h.visible("settings.no-lock-signals") == !heard);
    }
}
