#pragma once
// Key material lives in libsodium guarded, locked memory and is wiped when freed.
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace throughline::core {

/// Move-only buffer in sodium_malloc'd memory (mlocked, guard pages, wiped on free).
class SecureBytes {
  public:
    SecureBytes() = default;
    explicit SecureBytes(std::size_t size);
    ~SecureBytes();
    SecureBytes(SecureBytes&& other) noexcept;
    SecureBytes& operator=(SecureBytes&& other) noexcept;
    SecureBytes(const SecureBytes&) = delete;
    SecureBytes& operator=(const SecureBytes&) = delete;

    std::uint8_t* data() { return m_data; }
    const std::uint8_t* data() const { return m_data; }
    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    /// Wipes and frees now.
    void reset();

  private:
    std::uint8_t* m_data = nullptr;
    std::size_t m_size = 0;
};

/// Initialises libsodium once; aborts the process if it cannot (no safe way on).
void ensureSodium();

/// Overwrites a std::string's bytes before it is released (for passphrase buffers).
void wipeString(std::string& s);

/// Stops the OS writing core dumps of this process (keys would land on disk) and, on Linux, marks it not
/// dumpable (PR_SET_DUMPABLE 0: no ptrace attach or /proc/PID/mem by other processes of the same user).
void disableCoreDumps();

} // namespace throughline::core
