#include "throughline/base/secure_bytes.hpp"

#include <sodium.h>

#include <cstdlib>
#include <cstdio>
#include <string>
#if defined(__unix__) || defined(__APPLE__)
#include <sys/resource.h>
#endif
#if defined(__linux__)
#include <sys/prctl.h>
#endif

namespace throughline::core {

void ensureSodium() {
    static const bool ready = [] { return sodium_init() >= 0; }();
    if (!ready) {
        std::fputs("Throughline cannot start: the cryptography library failed to initialise.\n", stderr);
        std::abort();
    }
}

SecureBytes::SecureBytes(std::size_t size) {
    ensureSodium();
    if (size == 0) return;
    m_data = static_cast<std::uint8_t*>(sodium_malloc(size));
    if (!m_data) {
        std::fputs("Throughline cannot allocate locked memory for keys.\n", stderr);
        std::abort();
    }
    m_size = size;
    sodium_memzero(m_data, size);
}

SecureBytes::~SecureBytes() {
    reset();
}

SecureBytes::SecureBytes(SecureBytes&& other) noexcept : m_data(other.m_data), m_size(other.m_size) {
    other.m_data = nullptr;
    other.m_size = 0;
}

SecureBytes& SecureBytes::operator=(SecureBytes&& other) noexcept {
    if (this != &other) {
        reset();
        m_data = other.m_data;
        m_size = other.m_size;
        other.m_data = nullptr;
        other.m_size = 0;
    }
    return *this;
}

void SecureBytes::reset() {
    if (m_data) sodium_free(m_data); // sodium_free wipes before unmapping
    m_data = nullptr;
    m_size = 0;
}

void wipeString(std::string& s) {
    if (!s.empty()) sodium_memzero(s.data(), s.size());
    s.clear();
}

void disableCoreDumps() {
#if defined(__unix__) || defined(__APPLE__)
    struct rlimit none {
        0, 0
    };
    setrlimit(RLIMIT_CORE, &none);
#endif
#if defined(__linux__)
    // A limit can be raised again by the same user; not dumpable also keeps other processes of that user
    // from attaching (ptrace) or reading /proc/PID/mem while keys are in memory.
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
#endif
}

} // namespace throughline::core
