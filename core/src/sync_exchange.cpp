// Export to one contact and import with merge (docs/bundle-format.md §4–5).
#include "throughline/sync/exchange.hpp"

#include <sodium.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "fields.hpp"
#include "throughline/audit.hpp"
#include "throughline/database.hpp"
#include "throughline/key_header.hpp"
#include "throughline/schema.hpp"
#include "throughline/store.hpp"
#include "throughline/time.hpp"
#include "throughline/vault.hpp"

namespace throughline::core::sync {

namespace {

bool isConfidential(RecordKind kind, const std::string& field) {
    return kind == RecordKind::Placement && (field == "location_address" || field == "location_name");
}

std::int64_t peerValue(Database& db, const std::string& fp, const char* column) {
    auto s = db.prepare(std::string("SELECT ") + column + " FROM sync_peer WHERE fingerprint = ?");
    s.bind(1, fp);
    return s.step() ? s.integer(0) : 0;
}

void setPeerValue(Database& db, const std::string& fp, const char* column, std::int64_t value) {
    db.prepare("INSERT OR IGNORE INTO sync_peer (fingerprint) VALUES (?)").bind(1, fp).step();
    db.prepare(std::string("UPDATE sync_peer SET ") + column + " = ? WHERE fingerprint = ?")
        .bind(1, value)
        .bind(2, fp)
        .step();
}

// Young person of every record, per kind, for scoping an export. Kinds without a young person column are
// never exported.
std::unordered_map<std::string, std::string> youngPersonOfRecords(Database& db) {
    std::unordered_map<std::string, std::string> out;
    for (const auto& e : enumEntries<RecordKind>()) {
        const std::string table = detail::tableOf(e.value);
        const std::string column = e.value == RecordKind::YoungPerson ? "id" : "young_person_id";
        try {
            auto s = db.prepare("SELECT id, " + column + " FROM " + table);
            while (s.step())
                out.emplace(s.text(0), s.text(1));
        } catch (const DbError&) {
            // A kind without a young person: not shared.
        }
    }
    return out;
}

struct LoggedChange {
    Change c;
    std::int64_t seq = 0;
};

bool later(const Change& a, const Change& b) {
    return a.hlc != b.hlc ? a.hlc > b.hlc : a.device > b.device;
}

// Re-derives one record's row and its open conflicts from all of its changes: each field takes the latest
// (hlc, device); the latest changes of other devices with a different value, and edits made after a delete
// on another device, are kept as conflicts. A function of the set of changes only, so every device that
// holds the same changes shows the same row and the same conflicts.
std::size_t settleRecord(Database& db, RecordKind kind, const std::string& recordId, std::int64_t now) {
    const std::string table = detail::tableOf(kind);
    std::map<std::string, std::vector<Change>> byField;
    {
        auto s = db.prepare("SELECT hlc, device, field, value, author FROM changes WHERE record_id = ?");
        s.bind(1, recordId);
        while (s.step()) {
            Change c;
            c.hlc = static_cast<std::uint64_t>(s.integer(0));
            c.device = s.text(1);
            c.field = s.text(2);
            c.value = s.text(3);
            c.author = s.text(4);
            c.kind = kind;
            c.recordId = recordId;
            byField[c.field].push_back(std::move(c));
        }
    }
    if (byField.empty()) return 0;
    const Change* earliest = nullptr;
    std::uint64_t latestHlc = 0;
    for (auto& [field, list] : byField) {
        std::sort(list.begin(), list.end(), later);
        latestHlc = std::max(latestHlc, list.front().hlc);
        if (!earliest || later(*earliest, list.back())) earliest = &list.back();
    }
    const Change* tombstone = nullptr;
    if (auto it = byField.find("_deleted"); it != byField.end() && it->second.front().value == "1")
        tombstone = &it->second.front();

    // The row.
    bool exists = false;
    {
        auto s = db.prepare("SELECT 1 FROM " + table + " WHERE id = ?");
        s.bind(1, recordId);
        exists = s.step();
    }
    const auto names = detail::fieldNames(kind);
    const std::int64_t updatedAt = static_cast<std::int64_t>(latestHlc >> 16);
    if (!exists) {
        std::string cols = "id, created_at, updated_at, author, device, deleted", marks = "?,?,?,?,?,?";
        for (const auto& n : names) {
            cols += ", " + n;
            marks += ",''";
        }
        db.prepare("INSERT INTO " + table + " (" + cols + ") VALUES (" + marks + ")")
            .bind(1, recordId)
            .bind(2, static_cast<std::int64_t>(earliest->hlc >> 16))
            .bind(3, updatedAt)
            .bind(4, earliest->author)
            .bind(5, earliest->device)
            .bind(6, 0)
            .step();
    }
    // Author and device are those of the record's first change, wherever it arrived from first: changes can
    // arrive before the creation they follow.
    std::string sets =
        "updated_at = max(updated_at, ?), deleted = ?, created_at = min(created_at, ?), author = ?, "
        "device = ?";
    std::vector<std::string> values;
    for (const auto& n : names)
        if (auto it = byField.find(n); it != byField.end()) {
            sets += ", " + n + " = ?";
            values.push_back(it->second.front().value);
        }
    auto up = db.prepare("UPDATE " + table + " SET " + sets + " WHERE id = ?");
    up.bind(1, updatedAt)
        .bind(2, tombstone ? 1 : 0)
        .bind(3, static_cast<std::int64_t>(earliest->hlc >> 16))
        .bind(4, earliest->author)
        .bind(5, earliest->device);
    int i = 6;
    for (const auto& v : values)
        up.bind(i++, v);
    up.bind(i, recordId);
    up.step();

    if (kind == RecordKind::Contact) {
        db.prepare("DELETE FROM contact_participant WHERE contact_id = ?").bind(1, recordId).step();
        if (!tombstone) {
            auto row =
                db.prepare("SELECT participants, young_person_id, date, status FROM contact WHERE id = ?");
            row.bind(1, recordId);
            if (row.step()) {
                ContactRecord c;
                for (const auto& f : detail::RecordTraits<ContactRecord>::fields())
                    if (std::string(f.name) == "participants") f.set(c, row.text(0));
                auto ins = db.prepare("INSERT OR IGNORE INTO contact_participant (contact_id, member_id, "
                                      "young_person_id, date, happened) VALUES (?,?,?,?,?)");
                for (const auto& m : c.participantIds) {
                    ins.reset();
                    ins.bind(1, recordId)
                        .bind(2, m)
                        .bind(3, row.text(1))
                        .bind(4, row.text(2))
                        .bind(5, row.text(3) == "happened" ? 1 : 0)
                        .step();
                }
            }
        }
    }

    // Conflicts, recomputed from scratch for this record.
    db.prepare("DELETE FROM sync_conflict WHERE record_id = ? AND settled = 0").bind(1, recordId).step();
    auto ins =
        db.prepare("INSERT OR IGNORE INTO sync_conflict (record_kind, record_id, field, a_hlc, a_device, "
                   "a_author, a_value, b_hlc, b_device, b_author, b_value, found_at) VALUES "
                   "(?,?,?,?,?,?,?,?,?,?,?,?)");
    std::size_t found = 0;
    const auto add = [&](const std::string& field, const Change& a, const Change& b) {
        ins.reset();
        ins.bind(1, enumKey(kind))
            .bind(2, recordId)
            .bind(3, field)
            .bind(4, static_cast<std::int64_t>(a.hlc))
            .bind(5, a.device)
            .bind(6, a.author)
            .bind(7, a.value)
            .bind(8, static_cast<std::int64_t>(b.hlc))
            .bind(9, b.device)
            .bind(10, b.author)
            .bind(11, b.value)
            .bind(12, now)
            .step();
        found += db.changes() > 0;
    };
    for (const auto& [field, list] : byField) {
        const Change& winner = list.front();
        std::set<std::string> seen{winner.device};
        for (const auto& c : list) {
            if (!seen.insert(c.device).second) continue; // only each device's latest
            if (c.value != winner.value) add(field, winner, c);
        }
        if (tombstone && field != "_deleted")
            for (const auto& c : list)
                if (c.device != tombstone->device && c.hlc > tombstone->hlc) {
                    add(field, *tombstone, c); // an edit made after (and without seeing) a delete elsewhere
                    break;
                }
    }
    return found;
}

Error refuse(ErrorCode code, const char* key, std::string message) {
    return makeError(code, std::move(message), key);
}

} // namespace

Result<ExportSummary> exportTo(Vault& vault, const std::string& fingerprint, const ExportOptions& options,
                               const std::filesystem::path& out) {
    auto contact = findContact(vault, fingerprint);
    if (!contact) return contact.error();
    if (!contact->verified)
        return makeError(ErrorCode::Invalid,
                         "You have not yet confirmed the fingerprint of " + contact->identity.name +
                             ". Compare it with them, then import their card again with --verified.",
                         "contact");
    const std::set<std::string> scope(contact->scope.begin(), contact->scope.end());
    std::set<std::string> wanted = scope;
    if (!options.youngPeople.empty()) {
        wanted.clear();
        for (const auto& yp : options.youngPeople) {
            if (!scope.count(yp))
                return makeError(ErrorCode::Invalid,
                                 "That young person (" + yp + ") is not shared with " +
                                     contact->identity.name +
                                     ". Share them first with 'throughline-cli share'.",
                                 "young-person");
            wanted.insert(yp);
        }
    }
    if (wanted.empty())
        return makeError(ErrorCode::Invalid,
                         "No young people are shared with " + contact->identity.name +
                             ", so there is nothing to send. Share them first with 'throughline-cli share'.",
                         "scope");
    auto own = ownIdentity(vault);
    if (!own) return own.error();
    auto keys = ownSecretKeys(vault);
    if (!keys) return keys.error();
    const std::string fp = contact->identity.fingerprintHex();
    try {
        Database& db = vault.database();
        Transaction tx(db);
        const std::int64_t since = options.full ? 0 : peerValue(db, fp, "last_sent_seq");
        const auto owner = youngPersonOfRecords(db);
        std::vector<Change> changes;
        std::int64_t maxSeq = since;
        bool locationIncluded = false;
        {
            auto s = db.prepare(
                "SELECT seq, hlc, device, record_kind, record_id, field, value, author FROM changes "
                "WHERE seq > ? ORDER BY seq");
            s.bind(1, since);
            while (s.step()) {
                maxSeq = std::max(maxSeq, s.integer(0));
                const std::string device = s.text(2);
                if (device == contact->identity.device) continue; // they already have their own changes
                auto kind = enumFromKey<RecordKind>(s.text(3));
                if (!kind) continue;
                Change c;
                c.kind = *kind;
                c.recordId = s.text(4);
                auto yp = owner.find(c.recordId);
                if (yp == owner.end() || !wanted.count(yp->second)) continue;
                c.field = s.text(5);
                if (isConfidential(c.kind, c.field)) {
                    if (!options.includeLocation) continue;
                    locationIncluded = true;
                }
                c.hlc = static_cast<std::uint64_t>(s.integer(1));
                c.device = device;
                c.value = s.text(6);
                c.author = s.text(7);
                changes.push_back(std::move(c));
            }
        }
        ExportSummary summary;
        if (changes.empty()) {
            summary.nothingToSend = true;
            return summary;
        }
        const std::uint64_t sequence =
            static_cast<std::uint64_t>(db.scalar("SELECT ifnull((SELECT value FROM meta WHERE key = "
                                                 "'sync_sequence'), 0)")) +
            1;
        Manifest m;
        m.sequence = sequence;
        m.createdAt = nowMillis();
        m.schemaVersion = static_cast<std::uint32_t>(kSchemaVersion);
        m.flags = (options.full ? FullExport : 0u) | (locationIncluded ? LocationIncluded : 0u);
        auto bytes = writeBundle(m, changes, Sender{*own, &keys->signSecret}, {contact->identity});
        if (!bytes) return bytes.error();
        BundleId id{};
        std::copy(bytes->begin() + 12, bytes->begin() + 28, id.begin());
        summary.bundleId = bundleIdHex(id);
        summary.sequence = sequence;
        summary.changes = changes.size();
        summary.bytes = bytes->size();
        {
            std::set<std::string> records;
            for (const auto& c : changes)
                records.insert(c.recordId);
            summary.records = records.size();
        }
        db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('sync_sequence', ?)")
            .bind(1, std::to_string(sequence))
            .step();
        setPeerValue(db, fp, "last_sent_seq", maxSeq);
        db.prepare(
              "INSERT INTO sync_bundle (bundle_id, direction, fingerprint, sequence, at, changes) VALUES "
              "(?, 'out', ?, ?, ?, ?)")
            .bind(1, summary.bundleId)
            .bind(2, fp)
            .bind(3, static_cast<std::int64_t>(sequence))
            .bind(4, m.createdAt)
            .bind(5, static_cast<std::int64_t>(changes.size()))
            .step();
        std::string detail = "Bundle " + summary.bundleId + " to " + contact->identity.name + " (" +
                             contact->identity.fingerprintWords() + "): " + std::to_string(changes.size()) +
                             " changes for " + std::to_string(wanted.size()) + " young people";
        if (options.full) detail += ", full export";
        detail += locationIncluded ? ", INCLUDING the confidential placement location"
                                   : ", confidential placement location left out";
        if (auto s = vault.audit().append(AuditKind::Export, detail); !s) return s.error();
        // The file last: if it cannot be written the transaction rolls back and nothing counts as sent.
        if (auto s = atomicWriteFile(out, *bytes); !s) return s.error();
        tx.commit();
        return summary;
    } catch (const DbError& e) {
        return e.toError();
    }
}

Result<ImportSummary> importFile(Vault& vault, const std::filesystem::path& file) {
    auto bytes = readSmallFile(file, BundleLimits::maxFileBytes);
    if (!bytes) {
        if (bytes.error().code == ErrorCode::NotFound) return bytes.error();
        if (bytes.error().code == ErrorCode::HeaderDamaged)
            return refuse(ErrorCode::Invalid, "size",
                          "This file is too big to be a Throughline bundle (over 512 MiB).");
        return bytes.error();
    }
    return importBytes(vault, *bytes);
}

Result<ImportSummary> importBytes(Vault& vault, const std::vector<std::uint8_t>& bytes) {
    auto own = ownIdentity(vault);
    if (!own) return own.error();
    auto keys = ownSecretKeys(vault);
    if (!keys) return keys.error();
    std::optional<Contact> sender;
    auto contents = readBundle(
        bytes, own->boxKey, keys->boxSecret, own->fingerprint(),
        [&](const Key32& signKey) -> Result<Key32> {
            auto found = contactBySignKey(vault, signKey);
            if (!found) return found.error();
            if (!*found)
                return refuse(
                    ErrorCode::Invalid, "unknown-sender",
                    "This bundle comes from someone who is not among your contacts. Import their contact "
                    "card first (throughline-cli card import FILE), check its fingerprint with them, then "
                    "import the bundle again. Nothing was imported.");
            if (!(*found)->verified)
                return refuse(
                    ErrorCode::Invalid, "unverified-sender",
                    "This bundle comes from " + (*found)->identity.name +
                        ", whose fingerprint you have not yet confirmed. Compare it with them, then import "
                        "their card again with --verified. Nothing was imported.");
            sender = **found;
            return (*found)->identity.fingerprint();
        },
        [&](const BundleId& id) -> Status {
            // A replay is answered from the (MAC-checked) header, without decrypting the file again. A forged
            // header could at most make a new bundle look imported; it still changes nothing.
            try {
                auto s = vault.database().prepare("SELECT 1 FROM sync_bundle WHERE bundle_id = ?");
                s.bind(1, bundleIdHex(id));
                if (s.step())
                    return refuse(ErrorCode::Invalid, "replay",
                                  "This bundle was already imported; importing it again changes nothing.");
                return {};
            } catch (const DbError& e) {
                return e.toError();
            }
        });
    if (!contents) return contents.error();
    const Manifest& m = contents->manifest;
    if (m.schemaVersion > static_cast<std::uint32_t>(kSchemaVersion))
        return refuse(ErrorCode::Unsupported, "schema",
                      "This bundle was made by a newer version of Throughline. Update the app to import it.");
    const std::string fp = sender->identity.fingerprintHex();
    ImportSummary summary;
    summary.bundleId = bundleIdHex(m.bundleId);
    summary.senderName = sender->identity.name;
    summary.senderFingerprintWords = sender->identity.fingerprintWords();
    summary.sequence = m.sequence;
    summary.received = contents->changes.size();
    try {
        Database& db = vault.database();
        {
            auto s = db.prepare("SELECT 1 FROM sync_bundle WHERE bundle_id = ?");
            s.bind(1, summary.bundleId);
            if (s.step())
                return refuse(ErrorCode::Invalid, "replay",
                              "This bundle from " + summary.senderName +
                                  " was already imported; importing it again changes nothing.");
        }
        const std::int64_t last = peerValue(db, fp, "last_received_sequence");
        if (static_cast<std::int64_t>(m.sequence) <= last)
            return refuse(
                ErrorCode::Invalid, "old-sequence",
                "This bundle from " + summary.senderName + " is older (number " + std::to_string(m.sequence) +
                    ") than one already imported from them (number " + std::to_string(last) +
                    "). Nothing was imported. If records are missing, ask them to export again with --full.");
        Transaction tx(db);
        auto insert =
            db.prepare("INSERT OR IGNORE INTO changes (hlc, device, record_kind, record_id, field, value, "
                       "author) VALUES (?,?,?,?,?,?,?)");
        std::map<std::string, RecordKind> touched;
        std::uint64_t maxHlc = 0;
        for (const auto& c : contents->changes) {
            insert.reset();
            insert.bind(1, static_cast<std::int64_t>(c.hlc))
                .bind(2, c.device)
                .bind(3, enumKey(c.kind))
                .bind(4, c.recordId)
                .bind(5, c.field)
                .bind(6, c.value)
                .bind(7, c.author)
                .step();
            maxHlc = std::max(maxHlc, c.hlc);
            if (db.changes() > 0) {
                ++summary.applied;
                touched.emplace(c.recordId, c.kind);
            } else {
                ++summary.alreadyHad;
            }
        }
        const std::int64_t now = nowMillis();
        for (const auto& [id, kind] : touched) {
            // A record id already used by another kind here would be corrupt input: refuse the whole bundle.
            auto other = db.prepare("SELECT count(DISTINCT record_kind) FROM changes WHERE record_id = ?");
            other.bind(1, id);
            if (other.step() && other.integer(0) > 1)
                return refuse(
                    ErrorCode::Invalid, "body",
                    "This bundle's contents are malformed (a record changes kind). Nothing was imported.");
            summary.conflicts += settleRecord(db, kind, id, now);
        }
        summary.records = touched.size();
        setPeerValue(db, fp, "last_received_sequence", static_cast<std::int64_t>(m.sequence));
        db.prepare(
              "INSERT INTO sync_bundle (bundle_id, direction, fingerprint, sequence, at, changes) VALUES "
              "(?, 'in', ?, ?, ?, ?)")
            .bind(1, summary.bundleId)
            .bind(2, fp)
            .bind(3, static_cast<std::int64_t>(m.sequence))
            .bind(4, now)
            .bind(5, static_cast<std::int64_t>(summary.received))
            .step();
        std::string detail = "Bundle " + summary.bundleId + " from " + summary.senderName + " (" +
                             summary.senderFingerprintWords + "), number " + std::to_string(m.sequence) +
                             ": " + std::to_string(summary.received) + " changes, " +
                             std::to_string(summary.applied) + " new, " + std::to_string(summary.conflicts) +
                             " conflicts";
        if (m.flags & LocationIncluded) detail += "; it included a confidential placement location";
        if (auto s = vault.audit().append(AuditKind::Import, detail); !s) return s.error();
        tx.commit();
        vault.store().observeClock(maxHlc);
        return summary;
    } catch (const DbError& e) {
        return e.toError();
    }
}

Result<std::vector<Conflict>> openConflicts(Vault& vault) {
    try {
        std::vector<Conflict> out;
        auto s = vault.database().prepare(
            "SELECT id, record_kind, record_id, field, a_hlc, a_device, a_author, a_value, b_hlc, b_device, "
            "b_author, b_value, found_at, settled FROM sync_conflict WHERE settled = 0 ORDER BY record_id, "
            "field, "
            "b_hlc, b_device");
        while (s.step()) {
            Conflict c;
            c.id = s.integer(0);
            c.kind = enumFromKey<RecordKind>(s.text(1)).value_or(RecordKind::YoungPerson);
            c.recordId = s.text(2);
            c.field = s.text(3);
            c.kept = Change{"",        c.kind,    c.recordId,
                            c.field,   s.text(7), static_cast<std::uint64_t>(s.integer(4)),
                            s.text(5), s.text(6)};
            c.other = Change{"",        c.kind,     c.recordId,
                             c.field,   s.text(11), static_cast<std::uint64_t>(s.integer(8)),
                             s.text(9), s.text(10)};
            c.foundAt = s.integer(12);
            c.settled = s.integer(13) != 0;
            out.push_back(std::move(c));
        }
        return out;
    } catch (const DbError& e) {
        return e.toError();
    }
}

} // namespace throughline::core::sync
