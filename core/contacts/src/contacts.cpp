// Contact cards, contacts and sharing scopes (docs/bundle-format.md §1–2).
#include "throughline/contacts/contacts.hpp"
#include "throughline/base/text.hpp"

#include <sodium.h>

#include <algorithm>
#include <functional>
#include <optional>
#include <cstring>
#include <map>

#include "throughline/db/audit.hpp"
#include "throughline/db/database.hpp"
#include "throughline/records/records.hpp"
#include "throughline/records/store.hpp"
#include "throughline/base/time.hpp"
#include "throughline/vault/vault.hpp"

namespace throughline::core::contacts {

namespace {

constexpr const char* kCardFirstLine = "THROUGHLINE CONTACT CARD 1";
constexpr std::size_t kMaxCardBytes = 4096;
constexpr std::size_t kMaxDetail = 120;

Error cardError(std::string message) {
    return makeError(ErrorCode::Invalid, "This contact card cannot be used: " + std::move(message), "card");
}

// A detail line of a card: bounded, printable, one line.
bool cleanDetail(std::string_view s) {
    if (s.size() > kMaxDetail) return false;
    return std::none_of(s.begin(), s.end(),
                        [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

// The X25519 key must not be of low order: a Diffie-Hellman with it would give a key anyone can compute.
bool boxKeyUsable(const Key32& pk) {
    std::uint8_t scalar[32], shared[32];
    randombytes_buf(scalar, sizeof scalar);
    const bool ok = crypto_scalarmult(shared, scalar, pk.data()) == 0;
    sodium_memzero(scalar, sizeof scalar);
    return ok;
}

Contact readContact(Database& db, Statement& s) {
    Contact c;
    c.identity.name = s.text(0);
    c.identity.role = s.text(1);
    c.identity.organisation = s.text(2);
    c.identity.device = s.text(3);
    fromHex(s.text(4), c.identity.signKey.data(), 32);
    fromHex(s.text(5), c.identity.boxKey.data(), 32);
    c.verified = s.integer(6) != 0;
    c.addedAt = s.integer(7);
    auto scope = db.prepare("SELECT young_person_id FROM sync_scope WHERE fingerprint = ? ORDER BY 1");
    scope.bind(1, c.identity.fingerprintHex());
    while (scope.step())
        c.scope.push_back(scope.text(0));
    return c;
}

constexpr const char* kContactColumns =
    "name, role, organisation, device, sign_key, box_key, verified, added_at, fingerprint";

std::vector<Contact> queryContacts(Database& db, const std::string& where, const std::string& arg) {
    auto s = db.prepare(std::string("SELECT ") + kContactColumns + " FROM sync_contact " + where +
                        " ORDER BY name, fingerprint");
    if (!arg.empty()) s.bind(1, arg);
    std::vector<Contact> out;
    while (s.step())
        out.push_back(readContact(db, s));
    return out;
}

// The card's signed part: every line before "signature:".
std::string cardBody(const PublicIdentity& id) {
    return std::string(kCardFirstLine) + "\n" + "name: " + id.name + "\n" + "role: " + id.role + "\n" +
           "organisation: " + id.organisation + "\n" + "device: " + id.device + "\n" +
           "sign-key: " + toHex(id.signKey.data(), 32) + "\n" + "box-key: " + toHex(id.boxKey.data(), 32) +
           "\n" + "fingerprint: " + id.fingerprintWords() + "\n";
}

} // namespace

Result<std::string> makeCard(Vault& vault) {
    auto id = ownIdentity(vault);
    if (!id) return id.error();
    if (!cleanDetail(id->name) || !cleanDetail(id->role) || !cleanDetail(id->organisation))
        return makeError(ErrorCode::Invalid,
                         "Your name, role and organisation must each be at most 120 characters on one line "
                         "to go on a contact card.",
                         "owner");
    auto keys = ownSecretKeys(vault);
    if (!keys) return keys.error();
    const std::string body = cardBody(*id);
    std::uint8_t sig[crypto_sign_BYTES];
    crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(body.data()), body.size(),
                         keys->signSecret.data());
    return body + "signature: " + toHex(sig, sizeof sig) + "\n";
}

Result<PublicIdentity> parseCard(std::string_view text) {
    if (text.size() > kMaxCardBytes) return cardError("the file is too big to be a contact card.");
    std::vector<std::string_view> lines;
    for (std::size_t start = 0; start < text.size();) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        lines.push_back(line);
        start = end + 1;
    }
    while (!lines.empty() && lines.back().empty())
        lines.pop_back();
    if (lines.empty() || lines.front() != kCardFirstLine)
        return cardError("it is not a Throughline contact card (or was made by a newer version).");
    static const char* const kKeys[] = {"name",     "role",    "organisation", "device",
                                        "sign-key", "box-key", "fingerprint",  "signature"};
    if (lines.size() != 1 + std::size(kKeys)) return cardError("it has missing or extra lines.");
    std::map<std::string, std::string, std::less<>> values;
    for (std::size_t i = 0; i < std::size(kKeys); ++i) {
        const std::string prefix = std::string(kKeys[i]) + ": ";
        const auto line = lines[i + 1];
        if (line.substr(0, prefix.size()) != prefix)
            return cardError("line " + std::to_string(i + 2) + " should start with '" + kKeys[i] + ":'.");
        values[kKeys[i]] = std::string(line.substr(prefix.size()));
    }
    PublicIdentity id;
    id.name = values["name"];
    id.role = values["role"];
    id.organisation = values["organisation"];
    id.device = values["device"];
    if (id.name.empty() || !cleanDetail(id.name) || !cleanDetail(id.role) || !cleanDetail(id.organisation))
        return cardError("the name, role or organisation is empty, too long or not plain text.");
    std::uint8_t device[8];
    // Only the form this app writes (16 lower-case hex digits): device ids are compared as text, so "ABCD…"
    // must not pass for "abcd…" (this vault's own, or a contact's).
    if (!fromHex(id.device, device, sizeof device) || toHex(device, sizeof device) != id.device)
        return cardError("the device id is malformed.");
    if (!fromHex(values["sign-key"], id.signKey.data(), 32) ||
        !fromHex(values["box-key"], id.boxKey.data(), 32))
        return cardError("a key on it is malformed (it may have been mistyped or cut short).");
    std::uint8_t sig[crypto_sign_BYTES];
    if (!fromHex(values["signature"], sig, sizeof sig)) return cardError("its signature is malformed.");
    if (crypto_core_ed25519_is_valid_point(id.signKey.data()) != 1)
        return cardError("its signing key is not a valid key.");
    if (!boxKeyUsable(id.boxKey))
        return cardError("its encryption key is a weak (low-order) key that would let anyone read what is "
                         "sent to it.");
    if (values["fingerprint"] != id.fingerprintWords())
        return cardError("the fingerprint written on it does not match its keys.");
    const std::string body = cardBody(id);
    if (crypto_sign_verify_detached(sig, reinterpret_cast<const unsigned char*>(body.data()), body.size(),
                                    id.signKey.data()) != 0)
        return cardError("its signature does not match: it has been altered since it was made.");
    return id;
}

Result<Contact> importCard(Vault& vault, std::string_view text, bool verified) {
    auto id = parseCard(text);
    if (!id) return id.error();
    auto own = ownIdentity(vault);
    if (!own) return own.error();
    if (own->signKey == id->signKey || own->boxKey == id->boxKey)
        return makeError(ErrorCode::Invalid,
                         "This is this vault's own contact card; give it to colleagues "
                         "rather than importing it here.",
                         "card");
    // Changes are attributed to the device that wrote them, and a bundle is accepted only with changes from
    // its signer's device (docs/bundle-format.md §5): a card may not claim this vault's device, nor another
    // contact's, or its holder could speak for them.
    if (id->device == own->device)
        return makeError(ErrorCode::Invalid,
                         "This contact card claims this vault's own device id, so records from it could pass "
                         "as yours. It was not imported.",
                         "device");
    try {
        Database& db = vault.database();
        const std::string fp = id->fingerprintHex();
        Transaction tx(db);
        {
            // The same signing key under another fingerprint would mean a changed box key: refuse rather than
            // silently re-point where a contact's bundles are encrypted to.
            auto other =
                db.prepare("SELECT fingerprint FROM sync_contact WHERE sign_key = ? AND fingerprint <> ?");
            other.bind(1, toHex(id->signKey.data(), 32)).bind(2, fp);
            if (other.step())
                return makeError(ErrorCode::Invalid,
                                 "A contact with this signing key but a different encryption key is already "
                                 "in the vault. Remove that contact first if the card really changed.",
                                 "card");
        }
        {
            auto other = db.prepare("SELECT name FROM sync_contact WHERE device = ? AND fingerprint <> ?");
            other.bind(1, id->device).bind(2, fp);
            if (other.step())
                return makeError(
                    ErrorCode::Invalid,
                    "This contact card claims the device id of " + other.text(0) +
                        ", another of your contacts, so records from it could pass as theirs. It "
                        "was not imported.",
                    "device");
        }
        auto existing = queryContacts(db, "WHERE fingerprint = ?", fp);
        if (!existing.empty() && existing.front().identity.device != id->device)
            return makeError(ErrorCode::Invalid,
                             "This card has the same keys as " + existing.front().identity.name +
                                 "'s but a different device id. Remove the contact first if the card really "
                                 "changed.",
                             "device");
        const bool wasVerified = !existing.empty() && existing.front().verified;
        const std::int64_t addedAt = existing.empty() ? nowMillis() : existing.front().addedAt;
        db.prepare(
              "INSERT OR REPLACE INTO sync_contact (fingerprint, name, role, organisation, device, sign_key, "
              "box_key, verified, added_at) VALUES (?,?,?,?,?,?,?,?,?)")
            .bind(1, fp)
            .bind(2, id->name)
            .bind(3, id->role)
            .bind(4, id->organisation)
            .bind(5, id->device)
            .bind(6, toHex(id->signKey.data(), 32))
            .bind(7, toHex(id->boxKey.data(), 32))
            .bind(8, (verified || wasVerified) ? 1 : 0)
            .bind(9, addedAt)
            .step();
        std::string detail = (existing.empty() ? "Contact card imported: " : "Contact card refreshed: ") +
                             id->name + " (" + id->organisation + "), fingerprint " + id->fingerprintWords() +
                             ((verified || wasVerified) ? ", verified" : ", not yet verified");
        if (auto a = vault.audit().append(AuditKind::SharingChanged, detail); !a) return a.error();
        tx.commit();
        return queryContacts(db, "WHERE fingerprint = ?", fp).front();
    } catch (const DbError& e) {
        return e.toError();
    }
}

namespace {

// One change to one contact, audited, in one transaction: `work` makes it and returns the audit detail, or
// nothing when there was nothing to change.
Status changeContact(Vault& vault, const std::string& fingerprintHex,
                     const std::function<std::optional<std::string>(Database&, const Contact&)>& work) {
    try {
        Database& db = vault.database();
        Transaction tx(db);
        auto found = queryContacts(db, "WHERE fingerprint = ?", fingerprintHex);
        if (found.empty()) return makeError(ErrorCode::NotFound, "There is no such contact.", "contact");
        const auto detail = work(db, found.front());
        if (!detail) return {};
        if (auto a = vault.audit().append(AuditKind::SharingChanged, *detail); !a) return a.error();
        tx.commit();
        return {};
    } catch (const DbError& e) {
        return e.toError();
    }
}

} // namespace

Status markVerified(Vault& vault, const std::string& fingerprintHex) {
    return changeContact(
        vault, fingerprintHex, [&](Database& db, const Contact& c) -> std::optional<std::string> {
            if (c.verified) return std::nullopt;
            db.prepare("UPDATE sync_contact SET verified = 1 WHERE fingerprint = ?")
                .bind(1, fingerprintHex)
                .step();
            return "Fingerprint of " + c.identity.name + " confirmed (" + c.identity.fingerprintWords() + ")";
        });
}

Result<std::vector<Contact>> listContacts(Vault& vault) {
    try {
        return queryContacts(vault.database(), "", "");
    } catch (const DbError& e) {
        return e.toError();
    }
}

Result<Contact> findContact(Vault& vault, std::string_view query) {
    auto all = listContacts(vault);
    if (!all) return all.error();
    std::string hexish, words;
    for (char c : query) {
        if (c == '-' || c == ' ') continue;
        hexish += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        words += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    std::vector<const Contact*> hits;
    for (const auto& c : *all) {
        std::string w = c.identity.fingerprintWords();
        w.erase(std::remove(w.begin(), w.end(), '-'), w.end());
        const bool byFingerprint = hexish.size() >= 8 && (c.identity.fingerprintHex().rfind(hexish, 0) == 0 ||
                                                          w.rfind(words, 0) == 0);
        if (byFingerprint || lowerAscii(c.identity.name) == lowerAscii(query)) hits.push_back(&c);
    }
    if (hits.empty())
        return makeError(ErrorCode::NotFound, ErrorReason::ContactNotFound,
                         "There is no contact called '" + std::string(query) +
                             "'. Check the name against your contacts, or import their card first.",
                         std::string(query));
    if (hits.size() > 1)
        return makeError(ErrorCode::Invalid, ErrorReason::ContactAmbiguous,
                         "More than one contact matches '" + std::string(query) +
                             "'. Use their fingerprint instead.",
                         std::string(query));
    return *hits.front();
}

Result<std::optional<Contact>> contactBySignKey(Vault& vault, const Key32& signKey) {
    try {
        auto found = queryContacts(vault.database(), "WHERE sign_key = ?", toHex(signKey.data(), 32));
        if (found.empty()) return std::optional<Contact>();
        return std::optional<Contact>(found.front());
    } catch (const DbError& e) {
        return e.toError();
    }
}

Result<std::optional<Contact>> contactByDevice(Vault& vault, const std::string& device) {
    try {
        auto found = queryContacts(vault.database(), "WHERE device = ?", device);
        if (found.empty()) return std::optional<Contact>();
        return std::optional<Contact>(found.front());
    } catch (const DbError& e) {
        return e.toError();
    }
}

Status removeContact(Vault& vault, const std::string& fingerprintHex) {
    return changeContact(
        vault, fingerprintHex, [&](Database& db, const Contact& c) -> std::optional<std::string> {
            db.prepare("DELETE FROM sync_scope WHERE fingerprint = ?").bind(1, fingerprintHex).step();
            db.prepare("DELETE FROM sync_contact WHERE fingerprint = ?").bind(1, fingerprintHex).step();
            return "Contact removed: " + c.identity.name + " (" + c.identity.organisation +
                   "), fingerprint " + c.identity.fingerprintWords();
        });
}

namespace {

// Runs `sql` on one (contact, young person) pair of the sharing scope and, when it changed a row, writes the
// audit entry `describe(contact's name, or "" for a removed contact)` in the same transaction. An unchanged
// scope returns `unchanged`.
Status changeScope(Vault& vault, const char* sql, const std::string& fingerprintHex,
                   const std::string& youngPersonId, const Status& unchanged,
                   const std::function<std::string(const std::string&)>& describe) {
    try {
        Database& db = vault.database();
        Transaction tx(db);
        db.prepare(sql).bind(1, fingerprintHex).bind(2, youngPersonId).step();
        if (db.changes() == 0) return unchanged;
        auto who = queryContacts(db, "WHERE fingerprint = ?", fingerprintHex);
        if (auto a = vault.audit().append(AuditKind::SharingChanged,
                                          describe(who.empty() ? std::string() : who.front().identity.name),
                                          youngPersonId);
            !a)
            return a.error();
        tx.commit();
        return {};
    } catch (const DbError& e) {
        return e.toError();
    }
}

} // namespace

Status share(Vault& vault, const std::string& fingerprintHex, const std::string& youngPersonId) {
    auto yp = vault.store().youngPerson(youngPersonId);
    if (!yp) return yp.error();
    try {
        auto c = vault.database().prepare("SELECT 1 FROM sync_contact WHERE fingerprint = ?");
        c.bind(1, fingerprintHex);
        if (!c.step()) return makeError(ErrorCode::NotFound, "There is no such contact.", "contact");
    } catch (const DbError& e) {
        return e.toError();
    }
    return changeScope(vault, "INSERT OR IGNORE INTO sync_scope (fingerprint, young_person_id) VALUES (?,?)",
                       fingerprintHex, youngPersonId, Status::success(),
                       [&](const std::string& who) { return yp->shownName() + " shared with " + who; });
}

Status unshare(Vault& vault, const std::string& fingerprintHex, const std::string& youngPersonId) {
    return changeScope(
        vault, "DELETE FROM sync_scope WHERE fingerprint = ? AND young_person_id = ?", fingerprintHex,
        youngPersonId,
        makeError(ErrorCode::NotFound, "That young person was not shared with that contact.", "scope"),
        [](const std::string& who) {
            return "Stopped sharing a young person with " +
                   (who.empty() ? std::string("a removed contact") : who);
        });
}

} // namespace throughline::core::contacts
