#pragma once
// Device identities and contacts for sync: an Ed25519 signing key and an X25519 box key per vault,
// contact cards to hand to colleagues, verification of fingerprints and per-contact sharing scopes.
// Format: docs/bundle-format.md §1–2.
#include "throughline/base/result.hpp"
#include "throughline/base/secure_bytes.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace throughline::core {
class Database;
class Vault;
} // namespace throughline::core

namespace throughline::core::sync {

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

/// A colleague's identity as imported into this vault.
struct Contact {
    PublicIdentity identity;
    bool verified = false;
    std::int64_t addedAt = 0;
    std::vector<std::string> scope; // young person ids this contact may receive, sorted
};

/// Creates the vault's identity keys if it has none yet (inside the caller's transaction, if any).
/// Called at vault creation and at unlock, so vaults made before sync get theirs on first unlock.
void ensureIdentity(Database& db);

/// This vault's public identity (owner details from the vault).
Result<PublicIdentity> ownIdentity(Vault& vault);
/// This vault's private keys, loaded into guarded memory.
Result<SecretKeys> ownSecretKeys(Vault& vault);

/// This vault's contact card (text, see docs/bundle-format.md §2), self-signed.
Result<std::string> makeCard(Vault& vault);
/// Parses and checks a card's text (size, fields, self-signature, fingerprint, low-order box key).
Result<PublicIdentity> parseCard(std::string_view text);
/// Adds (or refreshes) a contact from a card. `verified` marks the fingerprint as confirmed; a refresh never
/// downgrades a contact that is already verified. The vault's own card is refused.
Result<Contact> importCard(Vault& vault, std::string_view text, bool verified);
/// Marks a contact's fingerprint as confirmed by the user.
Status markVerified(Vault& vault, const std::string& fingerprintHex);

/// Every contact, by name.
Result<std::vector<Contact>> listContacts(Vault& vault);
/// A contact by full or abbreviated fingerprint (hex or the word groups, at least 8 characters) or by
/// exact name (case-insensitive); NotFound or Invalid (ambiguous) otherwise.
Result<Contact> findContact(Vault& vault, std::string_view nameOrFingerprint);
/// The contact whose signing key is `signKey`, if any.
Result<std::optional<Contact>> contactBySignKey(Vault& vault, const Key32& signKey);

/// The contact whose device id is `device` (the origin of records they wrote), if any.
Result<std::optional<Contact>> contactByDevice(Vault& vault, const std::string& device);
/// Removes a contact and their sharing scope (audited). Records already received from them stay, and still
/// show who wrote them; bundles from them are refused from now on.
Status removeContact(Vault& vault, const std::string& fingerprintHex);

/// Lets a contact receive a young person's records (the young person must exist).
Status share(Vault& vault, const std::string& fingerprintHex, const std::string& youngPersonId);
/// Stops sharing a young person with a contact.
Status unshare(Vault& vault, const std::string& fingerprintHex, const std::string& youngPersonId);

/// Lower-case hex of bytes.
std::string toHex(const std::uint8_t* data, std::size_t size);

} // namespace throughline::core::sync
