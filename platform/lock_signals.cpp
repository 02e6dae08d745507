// libdbus-1: two private connections, read without blocking once a frame.
#include "platform/lock_signals.hpp"

#include <dbus/dbus.h>

#include <cstdlib>
#include <deque>
#include <filesystem>
#include <unistd.h>

namespace throughline::platform {

namespace {

constexpr const char* kLogindManager = "org.freedesktop.login1.Manager";
constexpr const char* kLogindSession = "org.freedesktop.login1.Session";
constexpr const char* kScreenSavers[] = {"org.freedesktop.ScreenSaver", "org.gnome.ScreenSaver"};

std::string envOr(const char* name, const std::string& fallback) {
    const char* v = std::getenv(name);
    return v && *v ? std::string(v) : fallback;
}

// The bus at `address` ("" when there is none), registered and set not to end the process when it goes away.
DBusConnection* openBus(const std::string& address) {
    if (address.empty()) return nullptr;
    DBusError err;
    dbus_error_init(&err);
    DBusConnection* c = dbus_connection_open_private(address.c_str(), &err);
    if (!c) {
        dbus_error_free(&err);
        return nullptr;
    }
    dbus_connection_set_exit_on_disconnect(c, FALSE);
    if (!dbus_bus_register(c, &err)) {
        dbus_error_free(&err);
        dbus_connection_close(c);
        dbus_connection_unref(c);
        return nullptr;
    }
    return c;
}

bool addMatch(DBusConnection* c, const std::string& rule) {
    DBusError err;
    dbus_error_init(&err);
    dbus_bus_add_match(c, rule.c_str(), &err);
    const bool ok = !dbus_error_is_set(&err);
    dbus_error_free(&err);
    return ok;
}

void closeBus(DBusConnection*& c) {
    if (!c) return;
    dbus_connection_close(c);
    dbus_connection_unref(c);
    c = nullptr;
}

// The socket address of a bus: its environment variable, else the standard socket when it is there.
std::string busAddress(const char* envName, const std::filesystem::path& standardSocket) {
    if (const char* v = std::getenv(envName); v && *v) return v;
    std::error_code ec;
    if (!standardSocket.empty() && std::filesystem::exists(standardSocket, ec))
        return "unix:path=" + standardSocket.string();
    return {};
}

bool firstBool(DBusMessage* m) {
    dbus_bool_t b = FALSE;
    return dbus_message_get_args(m, nullptr, DBUS_TYPE_BOOLEAN, &b, DBUS_TYPE_INVALID) && b;
}

// This process's logind session, asked of logind when XDG_SESSION_ID does not say.
std::string askSessionPath(DBusConnection* c) {
    DBusMessage* call = dbus_message_new_method_call("org.freedesktop.login1", "/org/freedesktop/login1",
                                                     kLogindManager, "GetSessionByPID");
    if (!call) return {};
    dbus_uint32_t pid = static_cast<dbus_uint32_t>(getpid());
    dbus_message_append_args(call, DBUS_TYPE_UINT32, &pid, DBUS_TYPE_INVALID);
    DBusError err;
    dbus_error_init(&err);
    DBusMessage* reply = dbus_connection_send_with_reply_and_block(c, call, 500, &err);
    dbus_message_unref(call);
    std::string out;
    if (reply) {
        const char* path = nullptr;
        if (dbus_message_get_args(reply, nullptr, DBUS_TYPE_OBJECT_PATH, &path, DBUS_TYPE_INVALID) && path)
            out = path;
        dbus_message_unref(reply);
    }
    dbus_error_free(&err);
    return out;
}

} // namespace

std::string logindSessionPath(const std::string& id) {
    // sd-bus's label escaping: letters as they are, digits except in first place, anything else as _xx.
    static const char hex[] = "0123456789abcdef";
    std::string out = "/org/freedesktop/login1/session/";
    if (id.empty()) return out + "_";
    for (std::size_t i = 0; i < id.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(id[i]);
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (i > 0 && c >= '0' && c <= '9')) {
            out += static_cast<char>(c);
        } else {
            out += '_';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

struct LockSignals::Impl {
    DBusConnection* system = nullptr;
    DBusConnection* session = nullptr;
    std::string sessionPath;

    std::deque<LockSignal> heard; // in the order they came, per bus

    // Reads what is waiting on `c` without blocking; drops the connection when the bus went away.
    void drain(DBusConnection*& c) {
        if (!c) return;
        const bool alive = dbus_connection_read_write(c, 0);
        while (DBusMessage* m = dbus_connection_pop_message(c)) {
            if (dbus_message_is_signal(m, kLogindManager, "PrepareForSleep")) {
                if (firstBool(m)) heard.push_back(LockSignal::Sleeping); // false: waking up
            } else if (dbus_message_is_signal(m, kLogindSession, "Lock")) {
                const char* path = dbus_message_get_path(m);
                if (sessionPath.empty() || (path && sessionPath == path))
                    heard.push_back(LockSignal::ScreenLocked);
            } else {
                for (const char* iface : kScreenSavers)
                    if (dbus_message_is_signal(m, iface, "ActiveChanged") && firstBool(m))
                        heard.push_back(LockSignal::ScreenLocked);
            }
            dbus_message_unref(m);
        }
        if (!alive || !dbus_connection_get_is_connected(c)) closeBus(c);
    }
};

LockSignals::LockSignals() : m(std::make_unique<Impl>()) {
    m->system = openBus(busAddress("DBUS_SYSTEM_BUS_ADDRESS", "/run/dbus/system_bus_socket"));
    if (m->system) {
        const std::string id = envOr("XDG_SESSION_ID", "");
        m->sessionPath = !id.empty() ? logindSessionPath(id) : askSessionPath(m->system);
        std::string lockRule = std::string("type='signal',interface='") + kLogindSession + "',member='Lock'";
        if (!m->sessionPath.empty()) lockRule += ",path='" + m->sessionPath + "'";
        if (!addMatch(m->system, std::string("type='signal',interface='") + kLogindManager +
                                     "',member='PrepareForSleep'") ||
            !addMatch(m->system, lockRule))
            closeBus(m->system);
    }
    const char* runtime = std::getenv("XDG_RUNTIME_DIR");
    m->session = openBus(busAddress("DBUS_SESSION_BUS_ADDRESS", runtime && *runtime
                                                                    ? std::filesystem::path(runtime) / "bus"
                                                                    : std::filesystem::path()));
    if (m->session) {
        bool ok = true;
        for (const char* iface : kScreenSavers)
            ok = ok && addMatch(m->session, std::string("type='signal',interface='") + iface +
                                                "',member='ActiveChanged'");
        if (!ok) closeBus(m->session);
    }
}

LockSignals::~LockSignals() {
    closeBus(m->system);
    closeBus(m->session);
}

bool LockSignals::listening() const {
    return m->system || m->session;
}
bool LockSignals::systemBus() const {
    return m->system != nullptr;
}
bool LockSignals::sessionBus() const {
    return m->session != nullptr;
}
const std::string& LockSignals::sessionPath() const {
    return m->sessionPath;
}

LockSignal LockSignals::poll() {
    m->drain(m->system);
    m->drain(m->session);
    if (m->heard.empty()) return LockSignal::None;
    const LockSignal s = m->heard.front();
    m->heard.pop_front();
    return s;
}

} // namespace throughline::platform
