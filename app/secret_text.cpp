#include "app/secret_text.hpp"

#include <sodium.h>

#include <algorithm>
#include <cstring>

namespace throughline::app {

SecretText::SecretText() : m_bytes(kCapacity) {}

std::size_t SecretText::size() const {
    const char* p = data();
    return static_cast<std::size_t>(std::find(p, p + kCapacity, '\0') - p);
}

void SecretText::assign(std::string_view text) {
    wipe();
    const std::size_t n = std::min(text.size(), kCapacity - 1);
    std::memcpy(data(), text.data(), n);
}

void SecretText::wipe() {
    if (m_bytes.data()) sodium_memzero(m_bytes.data(), m_bytes.size());
}

} // namespace throughline::app
