#pragma once
// Contacts for sync: colleagues' contact cards, verification of their fingerprints and per-contact sharing
// scopes. Format: docs/bundle-format.md §2.
#include "throughline/base/result.hpp"
#include "throughline/vault/identity.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace throughline::core {
class Vault;
} // namespace throughline::core

namespace throughline::core::contacts {

/// A colleague's identity as imported into this vault.
struct Contact {
    PublicIdentity identity;
    bool verified = false;
    std::int64_t addedAt = 0;
    std::vector<std::string> scope; // young person ids this contact may receive, sorted
};

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

} // namespace throughline::core::contacts
