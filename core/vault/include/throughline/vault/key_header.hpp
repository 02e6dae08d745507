#pragma once
// The key-slot header: a small binary file that wraps the vault's random data key
// under the passphrase (Argon2id) and under the recovery key (BLAKE2b).
//
// Layout (little-endian), 273 bytes:
//   magic "THRLNKEY" (8) | version u16 | flags u16 | vault id (16) | slot count u8 (= 2)
//   2 × slot: kind u8 | kdf u8 | opslimit u64 | memlimit u64 | salt (16) | nonce (24) | wrapped key (48)
//   checksum: BLAKE2b-256 of everything before it (32)
// The checksum tells damage apart from a wrong passphrase; the AEAD tag (with the header
// fields as associated data) is what authenticates.
#include "throughline/base/result.hpp"
#include "throughline/base/secure_bytes.hpp"

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace throughline::core {

/// Argon2id cost parameters, stored in the header.
struct KdfParams {
    std::uint64_t opsLimit = 3;
    std::uint64_t memLimitBytes = 256ull << 20;
    /// libsodium MODERATE (the default for real vaults).
    static KdfParams moderate();
    /// libsodium INTERACTIVE.
    static KdfParams interactive();
    /// The cheapest parameters accepted: for tests and benchmarks only.
    static KdfParams minimumForTests();
    /// Whether these parameters fall inside the sane bounds we will run.
    bool withinBounds() const;
};

enum class SlotKind : std::uint8_t { Passphrase = 1, Recovery = 2 };
enum class KdfAlg : std::uint8_t { Argon2id13 = 1, Blake2b = 2 };

struct KeySlot {
    SlotKind kind = SlotKind::Passphrase;
    KdfAlg kdf = KdfAlg::Argon2id13;
    std::uint64_t opsLimit = 0, memLimit = 0;
    std::array<std::uint8_t, 16> salt{};
    std::array<std::uint8_t, 24> nonce{};
    std::array<std::uint8_t, 48> wrapped{};
};

struct KeyHeader {
    static constexpr std::size_t kSize = 273;
    std::uint16_t version = 1;
    std::uint16_t flags = 0;
    std::array<std::uint8_t, 16> vaultId{};
    KeySlot passphrase, recovery;

    std::vector<std::uint8_t> serialize() const;
    /// Parses and checks the checksum, magic, version and slot layout. HeaderDamaged / Unsupported on
    /// failure.
    static Result<KeyHeader> parse(const std::vector<std::uint8_t>& bytes);

    /// A new header for `dataKey`, wrapped under the passphrase and under `recoveryBytes` (20 bytes).
    static Result<KeyHeader> make(const SecureBytes& dataKey, std::string_view passphrase,
                                  const KdfParams& kdf, const SecureBytes& recoveryBytes);
    /// Unwraps the data key. WrongPassphrase if the tag does not verify; HeaderDamaged if params are out of
    /// bounds.
    Result<SecureBytes> unwrapWithPassphrase(std::string_view passphrase) const;
    Result<SecureBytes> unwrapWithRecovery(const SecureBytes& recoveryBytes) const;
    /// Re-wraps the passphrase slot under a new passphrase (new salt and nonce).
    Status rewrapPassphrase(const SecureBytes& dataKey, std::string_view newPassphrase, const KdfParams& kdf);
};

/// Recovery keys: 20 random bytes shown as 8 groups of 4 Crockford base32 characters.
std::string formatRecoveryKey(const SecureBytes& bytes);
/// Parses a typed recovery key (case, spaces and hyphens forgiven; O→0, I/L→1). Invalid on a typo.
Result<SecureBytes> parseRecoveryKey(std::string_view text);

} // namespace throughline::core
