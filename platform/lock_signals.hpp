#pragma once
// Hears when the desktop locks the screen or the computer is about to sleep, so the app can lock the vault at
// once instead of waiting for its idle timer. Over D-Bus: on the system bus, systemd-logind's Lock signal for
// this session (org.freedesktop.login1.Session) and PrepareForSleep(true) (org.freedesktop.login1.Manager);
// on the session bus, the screensaver's ActiveChanged(true) (org.freedesktop.ScreenSaver,
// org.gnome.ScreenSaver). The buses are found as usual: DBUS_SYSTEM_BUS_ADDRESS and DBUS_SESSION_BUS_ADDRESS,
// else their standard sockets. A machine with neither (no desktop session, another operating system) still
// has the idle lock. Polled once a frame; never blocks.
#include <memory>
#include <string>

namespace throughline::platform {

enum class LockSignal { None, ScreenLocked, Sleeping };

class LockSignals {
  public:
    /// Connects to whichever buses there are and subscribes to their signals.
    LockSignals();
    ~LockSignals();
    LockSignals(const LockSignals&) = delete;
    LockSignals& operator=(const LockSignals&) = delete;

    /// Whether anything can tell the app that the screen locked (at least one bus answered).
    bool listening() const;
    bool systemBus() const;
    bool sessionBus() const;
    /// The logind session whose Lock is heard ("" when it could not be told: any session's Lock is then
    /// heard).
    const std::string& sessionPath() const;
    /// The next signal heard (in the order they came on each bus), or None; never waits.
    LockSignal poll();

  private:
    struct Impl;
    std::unique_ptr<Impl> m;
};

/// logind's object path of a session id ("c2" → /org/freedesktop/login1/session/c2, "2" → …/session/_32).
std::string logindSessionPath(const std::string& sessionId);

} // namespace throughline::platform
