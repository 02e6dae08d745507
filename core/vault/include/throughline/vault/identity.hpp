#pragma once
// This vault's device identity: an Ed25519 signing key and an X25519 box key, made when the vault is created
// (or on the first unlock of an older vault) and kept in the encrypted database. The public half is what a
// contact card carries (contacts/contacts.hpp); the format is in docs/bundle-format.md §1.
#include "throughline/base/result.hpp"
#include "throughline/base/secure_bytes.hpp"

#include <array>
#include <cstdint>
#include <string>

namespace throughline::core {

class Database;
class Vault;

using Key32 = std::array<std::uint8_t, 32>;

/// The public half of a device identity, as carried by a contact card.
struct PublicIdentity {
    std::string name, role, organisation, device;
    Key32 signKey{}; // Ed25519 public key
    Key32 boxKey{};  // X25519 public key
    /// BLAKE2b-256("throughline-card-v1" ‖ signKey ‖ boxKey).
    Key32 fingerprint() const;
    /// The fingerprint as 64 lower-case hex characters (the contact's key in the vault).
    std::string fingerprintHex() const;
    /// The first 20 bytes of the fingerprint as 8 groups of 4 Crockford base32 characters.
    std::string fingerprintWords() const;
};

/// This vault's private keys, in guarded memory.
struct SecretKeys {
    SecureBytes signSecret; // 64 bytes (libsodium's Ed25519 secret key)
    SecureBytes boxSecret;  // 32 bytes
};

/// Creates the vault's identity keys if it has none yet (inside the caller's transaction, if any).
/// Called at vault creation and at unlock, so vaults made before sync get theirs on first unlock.
void ensureIdentity(Database& db);

/// This vault's public identity (owner details from the vault).
Result<PublicIdentity> ownIdentity(Vault& vault);
/// This vault's private keys, loaded into guarded memory.
Result<SecretKeys> ownSecretKeys(Vault& vault);

} // namespace throughline::core
