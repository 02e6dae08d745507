#pragma once
// A private D-Bus daemon for a test (dbus-daemon --session on a socket of its own), and signals sent on it
// with dbus-send, as logind or a screensaver would send them.
#include <string>

#include <sys/types.h>

namespace throughline::testing {

class PrivateBus {
  public:
    /// Starts the daemon; address() is empty when it could not start.
    PrivateBus();
    ~PrivateBus();
    PrivateBus(const PrivateBus&) = delete;
    PrivateBus& operator=(const PrivateBus&) = delete;
    const std::string& address() const { return m_address; }
    /// Sends a signal: `path`, `interfaceDotMember` ("org.freedesktop.ScreenSaver.ActiveChanged"), then
    /// dbus-send's typed arguments ("boolean:true"). True when dbus-send succeeded.
    bool emit(const std::string& path, const std::string& interfaceDotMember,
              const std::string& args = {}) const;

  private:
    pid_t m_pid = 0;
    std::string m_address;
};

} // namespace throughline::testing
