#pragma once
// A passphrase or recovery key being typed: a fixed-size buffer in libsodium guarded, locked memory,
// so the text is never copied by a growing std::string and is wiped on lock and when released.
#include "throughline/base/secure_bytes.hpp"

#include <cstddef>
#include <string_view>

namespace throughline::app {

/// Fixed-capacity, NUL-terminated text in sodium_malloc'd memory. Move-only; wiped on destruction.
class SecretText {
  public:
    /// Bytes including the terminating NUL: room for a long passphrase of several words.
    static constexpr std::size_t kCapacity = 512;

    SecretText();
    char* data() { return reinterpret_cast<char*>(m_bytes.data()); }
    const char* data() const { return reinterpret_cast<const char*>(m_bytes.data()); }
    static constexpr std::size_t capacity() { return kCapacity; }
    std::size_t size() const;
    bool empty() const { return data()[0] == '\0'; }
    std::string_view view() const { return {data(), size()}; }
    operator std::string_view() const { return view(); }
    /// Replaces the text (cut to the capacity); for tests and the scripted passphrase file.
    void assign(std::string_view text);
    /// Overwrites every byte with zeros.
    void wipe();
    friend bool operator==(const SecretText& a, const SecretText& b) { return a.view() == b.view(); }

  private:
    core::SecureBytes m_bytes;
};

} // namespace throughline::app
