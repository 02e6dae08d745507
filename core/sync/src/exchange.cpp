// Export to one contact and import with merge (docs/bundle-format.md §4–5).
#include "throughline/sync/exchange.hpp"
#include "throughline/base/text.hpp"

#include <cereal/archives/json.hpp>
#include <cereal/types/string.hpp>
#include <sodium.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "throughline/records/change_log.hpp"
#include "throughline/records/fields.hpp"
#include "throughline/db/audit.hpp"
#include "throughline/vault/audit_anchor.hpp"
#include "throughline/db/database.hpp"
#include "throughline/db/settings.hpp"
#include "throughline/handover/export.hpp"
#include "throughline/base/files.hpp"
#include "throughline/vault/staged_files.hpp"
#include "throughline/records/redaction.hpp"
#include "throughline/db/schema.hpp"
#include "throughline/records/store.hpp"
#include "throughline/base/time.hpp"
#include "throughline/vault/vault.hpp"

namespace throughline::core::sync {

using contacts::Contact;
using contacts::contactByDevice;
using contacts::contactBySignKey;
using contacts::findContact;
using contacts::listContacts;

namespace {

// Witnesses of audit heads, in the vault's settings: a contact's head as their last bundle carried it (here),
// and this vault's head as that contact last handed it back (keepWitnessOfMe, vault/audit_anchor.hpp).
constexpr const char* kWitnessPrefix = "sync.witness/";

// Checks the audit heads a bundle carries and keeps them as witnesses. Never refuses: a trail that went
// back is reported (in the import's audit entry and its summary) for a person to look into.
std::vector<std::string> takeWitnesses(Database& db, const Contact& sender, const PublicIdentity& own,
                                       const Manifest& m, bool outOfOrder) {
    std::vector<std::string> warnings;
    const std::string fp = sender.identity.fingerprintHex();
    const std::string& name = sender.identity.name;
    if (m.senderAudit.seq > 0 && auditHeadSignedBy(m.senderAudit, sender.identity.signKey)) {
        const auto old = decodeAuditHead(readSetting(db, kWitnessPrefix + fp).value_or(""));
        if (outOfOrder && old) {
            // A bundle delivered out of order carries an older head: it never replaces the one kept, and it
            // cannot be later than it (the sender's trail only grows between their bundles).
            if (m.senderAudit.seq > old->seq ||
                (m.senderAudit.seq == old->seq && m.senderAudit.hash != old->hash))
                warnings.push_back(name + "'s bundle number " + std::to_string(m.sequence) +
                                   " arrived after a later one but shows a different audit trail (entry " +
                                   std::to_string(m.senderAudit.seq) + ", against entry " +
                                   std::to_string(old->seq) +
                                   " already seen): their vault may have been restored from a backup, or "
                                   "its entries rewritten. Ask them about it.");
        } else if (old && (m.senderAudit.seq < old->seq ||
                           (m.senderAudit.seq == old->seq && m.senderAudit.hash != old->hash))) {
            warnings.push_back(
                name + "'s audit trail has gone back since an earlier bundle (entry " +
                std::to_string(old->seq) + " then, entry " + std::to_string(m.senderAudit.seq) +
                " now): entries were removed or rewritten in their vault, or it was restored from "
                "a backup. Ask them about it.");
        } else {
            writeSetting(db, kWitnessPrefix + fp, encodeAuditHead(m.senderAudit));
        }
    }
    if (m.recipientAudit.seq > 0 && auditHeadSignedBy(m.recipientAudit, own.signKey)) {
        const std::int64_t last = db.scalar("SELECT ifnull(max(seq), 0) FROM audit");
        auto s = db.prepare("SELECT hash FROM audit WHERE seq = ?");
        s.bind(1, static_cast<std::int64_t>(m.recipientAudit.seq));
        std::string problem;
        if (!s.step())
            problem = last < static_cast<std::int64_t>(m.recipientAudit.seq)
                          ? "entries up to " + std::to_string(m.recipientAudit.seq) +
                                " have been removed from the end"
                          : "entry " + std::to_string(m.recipientAudit.seq) + " has been removed";
        else if (s.text(0) != toHex(m.recipientAudit.hash.data(), 32))
            problem = "entry " + std::to_string(m.recipientAudit.seq) + " has been rewritten";
        if (!problem.empty())
            warnings.push_back("This vault's own audit trail no longer matches what " + name + " was sent: " +
                               problem + ". Someone with this vault's passphrase has changed it.");
        keepWitnessOfMe(db, fp, name, m.recipientAudit);
    }
    return warnings;
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

// Prepared statements reused across the records of one merge (compiling SQL per record would dominate).
class Statements {
  public:
    explicit Statements(Database& db) : m_db(db) {}
    Statement& operator()(const std::string& sql) {
        auto it = m_cache.find(sql);
        if (it == m_cache.end()) it = m_cache.emplace(sql, m_db.prepare(sql)).first;
        it->second.reset();
        return it->second;
    }
    Database& db() { return m_db; }

  private:
    Database& m_db;
    std::unordered_map<std::string, Statement> m_cache;
};

// Re-derives one record's row and its open conflicts from all of its changes (docs/bundle-format.md §5):
// each field takes the latest (hlc, device); two heads of a field with different values are a conflict, and
// so is a head that a deletion did not know of. A function of the set of changes only, so every device that
// holds the same changes shows the same row and the same conflicts. Returns the record's open conflicts.
std::size_t settleRecord(Statements& sql, RecordKind kind, const std::string& recordId, std::int64_t now) {
    const std::string table = detail::tableOf(kind);
    const std::vector<Change> all = detail::readRecordChanges(sql(detail::kRecordChangesSql), recordId);
    if (all.empty()) return 0;
    std::map<std::string, const Change*> latest;
    const Change* earliest = nullptr;
    std::uint64_t latestHlc = 0;
    for (const auto& c : all) {
        auto& l = latest[c.field];
        if (!l || detail::laterThan(c, *l)) l = &c;
        if (!earliest || detail::laterThan(*earliest, c)) earliest = &c;
        latestHlc = std::max(latestHlc, c.hlc);
    }
    const Change* tombstone = nullptr;
    if (auto it = latest.find("_deleted"); it != latest.end() && it->second->value == "1")
        tombstone = it->second;

    // The row.
    bool exists = false;
    {
        auto& s = sql("SELECT 1 FROM " + table + " WHERE id = ?");
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
        sql("INSERT OR ROLLBACK INTO " + table + " (" + cols + ") VALUES (" + marks + ")")
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
        if (auto it = latest.find(n); it != latest.end()) {
            sets += ", " + n + " = ?";
            values.push_back(it->second->value);
        }
    // OR ROLLBACK: a failed constraint ends the whole merge (it would anyway), and SQLite need not keep a
    // statement journal of every page the statement touches (SQLCipher encrypts that too).
    auto& up = sql("UPDATE OR ROLLBACK " + table + " SET " + sets + " WHERE id = ?");
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
        sql("DELETE FROM contact_participant WHERE contact_id = ?").bind(1, recordId).step();
        if (!tombstone) {
            auto& row = sql("SELECT participants, young_person_id, date, status FROM contact WHERE id = ?");
            row.bind(1, recordId);
            if (row.step()) {
                ContactRecord c;
                for (const auto& f : detail::RecordTraits<ContactRecord>::fields())
                    if (std::string(f.name) == "participants") f.set(c, row.text(0));
                auto& ins = sql("INSERT OR IGNORE INTO contact_participant (contact_id, member_id, "
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

    return detail::recomputeConflicts(all, kind, recordId, now,
                                      [&](const std::string& text) -> Statement& { return sql(text); });
}

Error refuse(ErrorCode code, ErrorReason reason, std::string message, std::string subject = {}) {
    return makeError(code, reason, std::move(message), std::move(subject));
}

} // namespace

namespace {
// How an export's file is written (a path, or a name inside a folder opened without following links) and
// taken back if the transaction that records it fails.
using BundleWriter = std::function<Status(const std::vector<std::uint8_t>&)>;
Result<ExportSummary> exportWith(Vault& vault, const std::string& fingerprint, const ExportOptions& options,
                                 const BundleWriter& writeFile, const std::function<void()>& takeBack);
} // namespace

Result<ExportSummary> exportTo(Vault& vault, const std::string& fingerprint, const ExportOptions& options,
                               const std::filesystem::path& out) {
    // The file appears exactly when the transaction that marks its changes as sent commits
    // (staged_files.hpp): a crash between the two never leaves a file that was not recorded, nor a record
    // without its file.
    std::filesystem::path staged;
    auto summary = exportWith(
        vault, fingerprint, options,
        [&](const std::vector<std::uint8_t>& b) -> Status {
            auto tmp = stageFile(vault.database(), out, b);
            if (!tmp) return tmp.error();
            staged = *tmp;
            return {};
        },
        [&] {
            std::error_code ec;
            if (!staged.empty()) std::filesystem::remove(staged, ec);
        });
    // A failure to put another, older staged file in place is not this export's: only report ours.
    if (summary && !summary->nothingToSend)
        if (auto s = publishStagedFiles(vault.database()); !s && std::filesystem::exists(staged))
            return s.error();
    return summary;
}

namespace {
Result<ExportSummary> exportWith(Vault& vault, const std::string& fingerprint, const ExportOptions& options,
                                 const BundleWriter& writeFile, const std::function<void()>& takeBack) {
    auto contact = findContact(vault, fingerprint);
    if (!contact) return contact.error();
    if (!contact->verified)
        return makeError(ErrorCode::Invalid,
                         "You have not yet confirmed the fingerprint of " + contact->identity.name +
                             ". Compare it with them and mark them as verified first.",
                         "contact");
    const std::set<std::string> scope(contact->scope.begin(), contact->scope.end());
    std::set<std::string> wanted = scope;
    if (!options.youngPeople.empty()) {
        wanted.clear();
        for (const auto& yp : options.youngPeople) {
            if (!scope.count(yp))
                return makeError(ErrorCode::Invalid,
                                 "That young person (" + yp + ") is not shared with " +
                                     contact->identity.name + ". Share them with " + contact->identity.name +
                                     " first.",
                                 "young-person");
            wanted.insert(yp);
        }
    }
    if (wanted.empty())
        return makeError(ErrorCode::Invalid,
                         "No young people are shared with " + contact->identity.name +
                             ", so there is nothing to send. Share a young person with them first.",
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
        // The one redaction policy (redaction.hpp), as the handover summary applies it: the confidential
        // fields leave only when chosen, and then only their current value; every other piece of text has
        // the young person's confidential strings masked before the bundle is signed.
        std::map<std::string, ConfidentialSet> cut;
        for (const auto& yp : wanted) {
            auto set = vault.store().confidentialSet(yp);
            if (!set) return set.error();
            cut.emplace(yp, std::move(set).value());
        }
        auto isHead =
            db.prepare("SELECT NOT EXISTS (SELECT 1 FROM changes WHERE record_id = ?1 AND field = ?2 "
                       "AND (hlc > ?3 OR (hlc = ?3 AND device > ?4)))");
        std::vector<Change> changes;
        std::int64_t maxSeq = since;
        std::set<std::string> locationFields; // confidential fields sent, for the audit entry
        std::size_t withheldFields = 0, maskedValues = 0;
        {
            auto s = db.prepare(
                "SELECT seq, hlc, device, record_kind, record_id, field, value, author, ifnull(base, '') "
                "FROM changes WHERE seq > ? ORDER BY seq");
            s.bind(1, since);
            while (s.step()) {
                maxSeq = std::max(maxSeq, s.integer(0));
                const std::string device = s.text(2);
                // Only this vault's own changes: a recipient accepts changes only from the device that signed
                // the bundle (docs/bundle-format.md §5), so others' changes are never relayed.
                if (device != own->device) continue;
                auto kind = enumFromKey<RecordKind>(s.text(3));
                if (!kind) continue;
                Change c;
                c.kind = *kind;
                c.recordId = s.text(4);
                auto yp = owner.find(c.recordId);
                if (yp == owner.end() || !wanted.count(yp->second)) continue;
                c.field = s.text(5);
                c.hlc = static_cast<std::uint64_t>(s.integer(1));
                c.device = device;
                c.value = s.text(6);
                if (isConfidentialField(c.kind, c.field)) {
                    if (!options.includeLocation) {
                        ++withheldFields;
                        continue;
                    }
                    // Never the history of a confidential field: an earlier address is not sent.
                    isHead.reset();
                    isHead.bind(1, c.recordId)
                        .bind(2, c.field)
                        .bind(3, static_cast<std::int64_t>(c.hlc))
                        .bind(4, c.device);
                    if (!isHead.step() || isHead.integer(0) == 0) continue;
                    locationFields.insert(c.field);
                } else if (!options.includeLocation && detail::isFreeTextField(c.kind, c.field)) {
                    if (cut.at(yp->second).mask(c.value) > 0) ++maskedValues;
                }
                c.author = s.text(7);
                c.base = s.text(8);
                changes.push_back(std::move(c));
            }
        }
        bool locationIncluded = !locationFields.empty();
        std::vector<Attachment> attachments;
        if (options.attachSummary)
            for (const auto& yp : wanted) {
                HandoverRequest req;
                req.youngPersonId = yp;
                req.format = HandoverFormat::Pdf;
                req.redaction.includeLocation = options.includeLocation;
                req.redaction.recipient = contact->identity.name;
                req.today = Date::today();
                auto pdf = buildHandover(vault, req);
                if (!pdf) return pdf.error();
                Attachment a;
                a.name = "handover-summary-" + yp.substr(0, 8) + "-" + req.today.iso() + ".pdf";
                a.mediaType = "application/pdf";
                a.youngPersonId = yp;
                a.bytes.assign(pdf->bytes.begin(), pdf->bytes.end());
                if (pdf->locationIncluded) locationIncluded = true;
                attachments.push_back(std::move(a));
            }
        ExportSummary summary;
        if (changes.empty() && attachments.empty()) {
            summary.nothingToSend = true;
            return summary;
        }
        const std::uint64_t sequence =
            static_cast<std::uint64_t>(db.scalar("SELECT ifnull((SELECT value FROM meta WHERE key = "
                                                 "'sync_sequence'), 0)")) +
            1;
        Manifest m;
        // Witnesses (docs/bundle-format.md §5): this vault's signed audit head, for the recipient to keep,
        // and the recipient's own head as this vault last received it, for them to check their trail against.
        auto head = currentAuditHead(vault);
        if (!head) return head.error();
        m.senderAudit = *head;
        if (auto w = decodeAuditHead(readSetting(db, kWitnessPrefix + fp).value_or("")))
            m.recipientAudit = *w;
        m.sequence = sequence;
        m.createdAt = nowMillis();
        m.schemaVersion = static_cast<std::uint32_t>(kSchemaVersion);
        m.flags = (options.full ? FullExport : 0u) | (locationIncluded ? LocationIncluded : 0u);
        auto bytes =
            writeBundle(m, changes, Sender{*own, &keys->signSecret}, {contact->identity}, true, attachments);
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
        if (!attachments.empty())
            detail += ", with " + std::to_string(attachments.size()) + " handover summary PDF(s)";
        if (locationIncluded) {
            std::string which;
            for (const auto& f : locationFields)
                which += (which.empty() ? "" : ", ") + std::string(confidentialFieldLabel(f));
            detail += ", INCLUDING the confidential placement location (";
            detail += which.empty() ? "in the attached summary only" : "current " + which + " only";
            detail += ")";
        } else {
            detail += ", confidential placement location left out";
            if (withheldFields)
                detail += " (" + std::to_string(withheldFields) + " location changes not sent)";
            if (maskedValues)
                detail +=
                    "; placement details withheld from " + std::to_string(maskedValues) + " text value(s)";
        }
        if (auto s = vault.audit().append(AuditKind::Export, detail); !s) return s.error();
        // The file last: if it cannot be written the transaction rolls back and nothing counts as sent.
        if (auto s = writeFile(*bytes); !s) return s.error();
        try {
            tx.commit();
        } catch (const DbError&) {
            // Not recorded as sent: take the file back, so it is not carried with a number used again.
            takeBack();
            throw;
        }
        return summary;
    } catch (const DbError& e) {
        return e.toError();
    }
}
} // namespace

namespace {

// Replay: a bundle id already imported (answered from the MAC-checked header, without decrypting the rest; a
// forged header could at most make a new bundle look imported, and that still changes nothing).
Status notImportedYet(Vault& vault, const BundleId& id) {
    try {
        auto s = vault.database().prepare("SELECT 1 FROM sync_bundle WHERE bundle_id = ?");
        s.bind(1, bundleIdHex(id));
        if (s.step())
            return refuse(ErrorCode::Invalid, ErrorReason::BundleReplay,
                          "This bundle was already imported; importing it again changes nothing.");
        return {};
    } catch (const DbError& e) {
        return e.toError();
    }
}

Result<ImportSummary> importWith(Vault& vault, const PublicIdentity& own, const SecretKeys& keys,
                                 const BundleInput& input, const SyncControl* control);

} // namespace

Result<ImportSummary> importFile(Vault& vault, const std::filesystem::path& file) {
    return importFile(vault, file, SyncControl{});
}

Result<ImportSummary> importFile(Vault& vault, const std::filesystem::path& file,
                                 const SyncControl& control) {
    auto own = ownIdentity(vault);
    if (!own) return own.error();
    auto keys = ownSecretKeys(vault);
    if (!keys) return keys.error();
    // Read in place, a chunk at a time: a bundle already imported, or not for this vault, is recognised from
    // its header before the rest is read.
    auto input = openBundleFile(file);
    if (!input) return input.error();
    return importWith(vault, *own, *keys, **input, &control);
}

Result<ImportSummary> importBytes(Vault& vault, const std::vector<std::uint8_t>& bytes) {
    auto own = ownIdentity(vault);
    if (!own) return own.error();
    auto keys = ownSecretKeys(vault);
    if (!keys) return keys.error();
    return importWith(vault, *own, *keys, *bytesInput(bytes), nullptr);
}

namespace {

Error refuseImmutable(const std::string& sender, const char* what) {
    return refuse(ErrorCode::Invalid, ErrorReason::BundleImmutable,
                  "This bundle from " + sender +
                      (std::string(what) == "kind" ? " changes what kind of record a record is"
                                                   : " moves a record to another young person") +
                      ", which is never allowed once a record exists. Nothing was imported.");
}

struct Authority {
    std::set<std::string> newYoungPeople; // created by the sender in this bundle, now in their scope
    std::set<std::string> waiting;        // edited by the sender, creation not here yet: no row
    std::size_t setAside = 0;             // earlier changes by others to records outside their scope
};

// Who may change what (docs/bundle-format.md §5), checked against the change log with this bundle's changes
// already inserted (inside the merge transaction, so a refusal rolls everything back): every record the
// bundle touches keeps its kind and young person, and belongs to a young person this vault shares with the
// sender — or to a young person the sender creates in this very bundle, which then joins their scope.
Result<Authority> checkAuthority(Statements& sql, const Contact& sender, const std::string& ownDevice,
                                 const std::vector<Change>& changes,
                                 const std::map<std::string, RecordKind>& touched,
                                 const std::set<std::string>& heldBefore) {
    Authority out;
    const std::string fp = sender.identity.fingerprintHex();
    const std::string& name = sender.identity.name;
    std::set<std::string> scope;
    {
        auto& s = sql("SELECT young_person_id FROM sync_scope WHERE fingerprint = ?");
        s.bind(1, fp);
        while (s.step())
            scope.insert(s.text(0));
    }
    const auto outside = [&](const std::string& yp) {
        return refuse(ErrorCode::Invalid, ErrorReason::BundleScope,
                      "This bundle from " + name + " changes records of " +
                          (yp.empty() ? std::string("a young person it does not name")
                                      : "a young person you do not share with " + name) +
                          ". Only the young people you share with a colleague can be changed by them. "
                          "Nothing was imported.");
    };
    // A young person is created by the sender when this bundle holds the first value of its name (a change
    // with no base); an edit of someone else's young person names what it replaced.
    std::set<std::string> createdHere;
    for (const auto& c : changes)
        if (c.kind == RecordKind::YoungPerson && c.field == "name" && c.base.empty())
            createdHere.insert(c.recordId);
    // Young people first: records of a young person created in this bundle are then in scope.
    std::vector<std::pair<std::string, RecordKind>> order(touched.begin(), touched.end());
    std::stable_partition(order.begin(), order.end(),
                          [](const auto& e) { return e.second == RecordKind::YoungPerson; });
    for (const auto& [id, kind] : order) {
        auto& kinds = sql("SELECT count(DISTINCT record_kind) FROM changes WHERE record_id = ?");
        kinds.bind(1, id);
        if (kinds.step() && kinds.integer(0) > 1) return refuseImmutable(name, "kind");
        std::string yp;
        if (kind == RecordKind::YoungPerson) {
            yp = id;
        } else {
            auto& values =
                sql("SELECT DISTINCT value FROM changes WHERE record_id = ? AND field = 'young_person_id'");
            values.bind(1, id);
            int n = 0;
            while (values.step()) {
                yp = values.text(0);
                ++n;
            }
            if (n > 1) return refuseImmutable(name, "young person");
            if (n == 1 && yp.empty()) return outside(yp);
            if (heldBefore.count(id)) {
                auto& row = sql("SELECT young_person_id FROM " + detail::tableOf(kind) + " WHERE id = ?");
                row.bind(1, id);
                if (row.step()) {
                    if (n == 1 && row.text(0) != yp) return refuseImmutable(name, "young person");
                    yp = row.text(0);
                }
            }
        }
        if (heldBefore.count(id)) {
            if (!scope.count(yp)) return outside(yp);
            continue;
        }
        // New here.
        if (kind == RecordKind::YoungPerson) {
            if (!createdHere.count(id)) {
                out.waiting.insert(id);
                continue;
            }
            out.newYoungPeople.insert(id);
            scope.insert(id);
            sql("INSERT OR IGNORE INTO sync_scope (fingerprint, young_person_id) VALUES (?,?)")
                .bind(1, fp)
                .bind(2, id)
                .step();
        } else if (yp.empty()) {
            out.waiting.insert(id);
            continue;
        } else if (!scope.count(yp)) {
            return outside(yp);
        }
        // Now that the record has a young person, earlier changes that waited for it (from other colleagues)
        // count only if that young person is shared with their author; the rest are set aside.
        std::vector<std::string> others;
        {
            auto& d = sql("SELECT DISTINCT device FROM changes WHERE record_id = ? AND device NOT IN (?, ?)");
            d.bind(1, id).bind(2, sender.identity.device).bind(3, ownDevice);
            while (d.step())
                others.push_back(d.text(0));
        }
        for (const auto& device : others) {
            auto& ok = sql("SELECT 1 FROM sync_contact k JOIN sync_scope s ON s.fingerprint = k.fingerprint "
                           "WHERE k.device = ? AND s.young_person_id = ?");
            ok.bind(1, device).bind(2, yp);
            if (ok.step()) continue;
            auto& drop = sql("DELETE FROM changes WHERE record_id = ? AND device = ?");
            drop.bind(1, id).bind(2, device);
            drop.step();
            out.setAside += static_cast<std::size_t>(sql.db().changes());
        }
    }
    return out;
}

Result<ImportSummary> importWith(Vault& vault, const PublicIdentity& own, const SecretKeys& keys,
                                 const BundleInput& input, const SyncControl* control) {
    std::optional<Contact> sender;
    ReadControl reading;
    if (control) {
        reading.cancel = control->cancel;
        if (control->progress)
            reading.progress = [control](std::uint64_t done, std::uint64_t total) {
                SyncProgress p;
                p.stage = SyncProgress::Stage::Checking;
                p.bytesDone = done;
                p.bytesTotal = total;
                control->progress(p);
            };
    }
    auto contents = readBundle(
        input, own.boxKey, keys.boxSecret, own.fingerprint(),
        [&](const Key32& signKey) -> Result<Key32> {
            auto found = contactBySignKey(vault, signKey);
            if (!found) return found.error();
            if (!*found)
                return refuse(
                    ErrorCode::Invalid, ErrorReason::UnknownSender,
                    "This bundle comes from someone who is not among your contacts. Import their contact "
                    "card first, check its fingerprint with them, then "
                    "import the bundle again. Nothing was imported.");
            if (!(*found)->verified)
                return refuse(
                    ErrorCode::Invalid, ErrorReason::UnverifiedSender,
                    "This bundle comes from " + (*found)->identity.name +
                        ", whose fingerprint you have not yet confirmed. Compare it with them, mark them as "
                        "verified, then import the bundle again. Nothing was imported.",
                    (*found)->identity.name);
            sender = **found;
            return (*found)->identity.fingerprint();
        },
        [&](const BundleId& id) { return notImportedYet(vault, id); }, &reading);
    if (!contents) return contents.error();
    if (control && control->cancel && control->cancel->load())
        return refuse(ErrorCode::Invalid, ErrorReason::Cancelled,
                      "The import was cancelled before anything was written.");
    if (control && control->progress) {
        SyncProgress p;
        p.stage = SyncProgress::Stage::Merging;
        p.bytesDone = p.bytesTotal = input.size();
        control->progress(p);
    }
    const Manifest& m = contents->manifest;
    if (m.schemaVersion > static_cast<std::uint32_t>(kSchemaVersion))
        return refuse(ErrorCode::Unsupported, ErrorReason::BundleSchema,
                      "This bundle was made by a newer version of Throughline. Update the app to import it.");
    // A change from the future would drag this vault's clock with it, so every later edit here would carry
    // that date. A day's grace covers clocks that are merely a little wrong.
    {
        const std::uint64_t limit = static_cast<std::uint64_t>(nowMillis() + 24 * 3600 * 1000) << 16;
        for (const auto& c : contents->changes)
            if (c.hlc > limit)
                return refuse(
                    ErrorCode::Invalid, ErrorReason::BundleClock,
                    "This bundle from " + sender->identity.name +
                        " has changes dated more than a day in the future: the clock of the laptop "
                        "that wrote them is wrong. Ask them to correct it and export again. Nothing "
                        "was imported.");
    }
    // Origin (docs/bundle-format.md §5): a bundle speaks only for the device that signed it. The author is
    // the signer's name as this vault knows it, whatever the bundle says.
    {
        const std::string& from = sender->identity.device;
        if (from == own.device || m.senderDevice != from)
            return refuse(ErrorCode::Invalid, ErrorReason::BundleOrigin,
                          "This bundle from " + sender->identity.name +
                              " claims to come from another device than theirs. Nothing was imported.");
        for (auto& c : contents->changes) {
            if (c.device == own.device)
                return refuse(ErrorCode::Invalid, ErrorReason::BundleOrigin,
                              "This bundle from " + sender->identity.name +
                                  " contains changes that claim to have been written in this vault. Nothing "
                                  "was imported.");
            if (c.device != from)
                return refuse(
                    ErrorCode::Invalid, ErrorReason::BundleRelayed,
                    "This bundle from " + sender->identity.name +
                        " passes on changes written on someone else's device. Throughline accepts "
                        "only a colleague's own changes, directly from them. Nothing was imported.");
            c.author = sender->identity.name;
            if (isConfidentialField(c.kind, c.field) && !(m.flags & LocationIncluded))
                return refuse(ErrorCode::Invalid, ErrorReason::BundleConfidential,
                              "This bundle from " + sender->identity.name +
                                  " changes a placement's address, carer or home name or provider without "
                                  "saying it includes them on purpose. Nothing was imported.");
        }
    }
    const std::string fp = sender->identity.fingerprintHex();
    ImportSummary summary;
    summary.bundleId = bundleIdHex(m.bundleId);
    summary.senderName = sender->identity.name;
    summary.senderFingerprintWords = sender->identity.fingerprintWords();
    summary.sequence = m.sequence;
    summary.received = contents->changes.size();
    try {
        Database& db = vault.database();
        // Bundles may arrive in any order (a sync engine delivers files as it pleases): the change log is a
        // set, so an older bundle is imported for whatever it holds that is not here yet. Only an older one
        // whose every change is already here (a later bundle overtook it) is turned away, as a replay is.
        const std::int64_t last = peerValue(db, fp, "last_received_sequence");
        summary.outOfOrder = static_cast<std::int64_t>(m.sequence) <= last;
        if (summary.outOfOrder) {
            bool missing = false;
            auto have = db.prepare("SELECT 1 FROM changes WHERE device = ? AND hlc = ?");
            for (const auto& c : contents->changes) {
                have.reset();
                have.bind(1, c.device).bind(2, static_cast<std::int64_t>(c.hlc));
                if (!have.step()) {
                    missing = true;
                    break;
                }
            }
            if (!missing)
                return refuse(ErrorCode::Invalid, ErrorReason::BundleNothingNew,
                              "This bundle from " + summary.senderName + " (number " +
                                  std::to_string(m.sequence) +
                                  ") arrived after a later one, and everything in it is already here.");
        }
        Transaction tx(db);
        // Which records this vault held before (their young person is then its own, not the bundle's), and
        // one kind per record.
        std::map<std::string, RecordKind> kinds;
        std::set<std::string> heldBefore;
        {
            Statements held(db);
            for (const auto& c : contents->changes) {
                auto [it, added] = kinds.emplace(c.recordId, c.kind);
                if (!added) {
                    if (it->second != c.kind) return refuseImmutable(summary.senderName, "kind");
                    continue;
                }
                auto& q = held("SELECT 1 FROM " + detail::tableOf(c.kind) + " WHERE id = ?");
                q.bind(1, c.recordId);
                if (q.step()) heldBefore.insert(c.recordId);
            }
        }
        auto insert =
            db.prepare("INSERT OR IGNORE INTO changes (hlc, device, record_kind, record_id, field, value, "
                       "author, base) VALUES (?,?,?,?,?,?,?,?)");
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
                .bind(7, c.author);
            if (c.base.empty())
                insert.bindNull(8);
            else
                insert.bind(8, c.base);
            insert.step();
            maxHlc = std::max(maxHlc, c.hlc);
            if (db.changes() > 0) {
                ++summary.applied;
                touched.emplace(c.recordId, c.kind);
            } else {
                ++summary.alreadyHad;
            }
        }
        const std::int64_t now = nowMillis();
        Statements sql(db);
        auto authority = checkAuthority(sql, *sender, own.device, contents->changes, touched, heldBefore);
        if (!authority) return authority.error();
        const Date today = Date::today();
        for (const auto& [id, kind] : touched) {
            if (authority->waiting.count(id)) continue; // no row until its creation arrives
            summary.conflicts += settleRecord(sql, kind, id, now);
            // The merged record must be one a local save would accept.
            if (auto v = detail::validateStored(db, kind, id, today); !v)
                return refuse(ErrorCode::Invalid, ErrorReason::BundleRecord,
                              "This bundle from " + summary.senderName + " would leave a " +
                                  std::string(enumDisplay(kind)) +
                                  " record that is not valid: " + v.error().message + " (field '" +
                                  v.error().field + "'). Nothing was imported.");
        }
        summary.records = touched.size() - authority->waiting.size();
        summary.waiting = authority->waiting.size();
        summary.setAside = authority->setAside;
        for (const auto& a : contents->attachments) {
            db.prepare("INSERT INTO sync_attachment (bundle_id, sender, name, media_type, young_person_id, "
                       "received_at, content) VALUES (?,?,?,?,?,?,?)")
                .bind(1, summary.bundleId)
                .bind(2, summary.senderName)
                .bind(3, a.name)
                .bind(4, a.mediaType)
                .bind(5, a.youngPersonId)
                .bind(6, now)
                .bindBlob(7, a.bytes.data(), a.bytes.size())
                .step();
            ++summary.attachments;
        }
        if (!summary.outOfOrder)
            setPeerValue(db, fp, "last_received_sequence", static_cast<std::int64_t>(m.sequence));
        // The latest clock seen from elsewhere, kept across unlocks (the store moves its clock past it).
        vault.store().noteImportedClock(maxHlc);
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
        if (summary.outOfOrder) detail += "; it arrived after a later bundle from them";
        if (summary.attachments) detail += ", " + std::to_string(summary.attachments) + " attached file(s)";
        if (m.flags & LocationIncluded) detail += "; it included a confidential placement location";
        if (!authority->newYoungPeople.empty())
            detail += "; " + std::to_string(authority->newYoungPeople.size()) +
                      " new young person record(s) from them, now shared with them";
        if (summary.waiting)
            detail += "; " + std::to_string(summary.waiting) +
                      " record(s) edited by them wait for their creation to arrive from its author";
        summary.auditWarnings = takeWitnesses(db, *sender, own, m, summary.outOfOrder);
        for (const auto& w : summary.auditWarnings)
            detail += "; WARNING: " + w;
        if (summary.setAside)
            detail += "; " + std::to_string(summary.setAside) +
                      " earlier change(s) by others to those records set aside (not shared with them)";
        if (auto s = vault.audit().append(AuditKind::Import, detail); !s) return s.error();
        tx.commit();
        return summary;
    } catch (const DbError& e) {
        return e.toError();
    }
}

} // namespace

namespace {

std::string humanField(const std::string& field) {
    if (field == "_deleted") return "Deleted";
    std::string out = field;
    for (auto& ch : out)
        if (ch == '_') ch = ' ';
    if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
    return out;
}

// Who wrote a change, in words: this vault, a contact (their name and organisation), or an unknown device.
std::string originOf(Vault& vault, const std::string& device, std::map<std::string, std::string>& cache) {
    if (auto it = cache.find(device); it != cache.end()) return it->second;
    std::string who;
    if (device == vault.store().device()) {
        who = "You (this vault)";
    } else if (auto c = contactByDevice(vault, device); c && *c) {
        who = (*c)->identity.name;
        if (!(*c)->identity.organisation.empty()) who += ", " + (*c)->identity.organisation;
        if (!(*c)->verified) who += " (not verified)";
    } else {
        who = "Another device (" + device.substr(0, 8) + ")";
    }
    cache.emplace(device, who);
    return who;
}

// Whose record it is, and a short label people recognise it by.
void describeRecord(Database& db, Conflict& c) {
    const std::string table = detail::tableOf(c.kind);
    const auto col = [&](const std::string& column) -> std::string {
        try {
            auto s = db.prepare("SELECT ifnull(" + column + ", '') FROM " + table + " WHERE id = ?");
            s.bind(1, c.recordId);
            return s.step() ? s.text(0) : std::string();
        } catch (const DbError&) {
            return {};
        }
    };
    c.youngPersonId = c.kind == RecordKind::YoungPerson ? c.recordId : col("young_person_id");
    if (!c.youngPersonId.empty()) {
        auto s = db.prepare("SELECT ifnull(nullif(preferred_name, ''), name) FROM young_person WHERE id = ?");
        s.bind(1, c.youngPersonId);
        if (s.step()) c.youngPersonName = s.text(0);
    }
    // Dates the UK way ("Thu 12 Mar 2026"); anything that is not an ISO date is shown as it is.
    const auto uk = [](const std::string& iso) {
        if (iso.size() >= 10)
            if (auto d = Date::parseIso(std::string_view(iso).substr(0, 10))) return d->display();
        return iso;
    };
    const auto withDate = [&](std::string what, const std::string& date) {
        return date.empty() ? what : what + " on " + uk(date);
    };
    switch (c.kind) {
    case RecordKind::YoungPerson:
        c.recordLabel = "Details of " + c.youngPersonName;
        break;
    case RecordKind::Placement:
        c.recordLabel = "Placement from " + uk(col("start"));
        break;
    case RecordKind::NetworkMember:
        c.recordLabel = col("name") + " (in the network)";
        break;
    case RecordKind::Contact: {
        std::string kind = col("kind");
        if (auto k = enumFromKey<ContactKind>(kind)) kind = std::string(enumDisplay(*k));
        c.recordLabel = withDate(kind.empty() ? "Contact" : kind, col("date"));
        break;
    }
    case RecordKind::Action: {
        std::string d = col("description");
        if (d.size() > 60) d = d.substr(0, 57) + "...";
        c.recordLabel = "Action: " + d;
        break;
    }
    case RecordKind::MissingEpisode:
        c.recordLabel = "Missing episode from " + uk(col("started_at"));
        break;
    case RecordKind::SafetyPlan:
        c.recordLabel = "Safety plan, version " + col("version");
        break;
    }
    if (c.recordLabel.empty()) c.recordLabel = std::string(enumDisplay(c.kind));
    c.fieldLabel = humanField(c.field);
}

void insertChange(Database& db, Store& store, RecordKind kind, const std::string& recordId,
                  const std::string& field, const std::string& value, const std::string& base) {
    auto ins = db.prepare("INSERT INTO changes (hlc, device, record_kind, record_id, field, value, author, "
                          "base) VALUES (?,?,?,?,?,?,?,?)");
    ins.bind(1, static_cast<std::int64_t>(store.takeHlc()))
        .bind(2, store.device())
        .bind(3, enumKey(kind))
        .bind(4, recordId)
        .bind(5, field)
        .bind(6, value)
        .bind(7, store.author());
    if (base.empty())
        ins.bindNull(8);
    else
        ins.bind(8, base);
    ins.step();
}

// The confidential fields (redaction.hpp) wherever they appear: a conflict view never shows them without an
// audited reveal (DOMAIN.md: the placement address is the most dangerous fact in the record).
void hideValues(Conflict& c) {
    if (!isConfidentialField(c.kind, c.field)) return;
    // A deletion's own "1"/"0" says nothing confidential; the edit on the other side does.
    if (c.kept.field != "_deleted") wipeString(c.kept.value);
    if (c.other.field != "_deleted") wipeString(c.other.value);
    c.valuesHidden = true;
}

// Every open conflict with its values; only settleConflict and revealConflict see them unmasked.
Result<std::vector<Conflict>> loadOpenConflicts(Vault& vault) {
    try {
        std::vector<Conflict> out;
        Database& db = vault.database();
        auto s = db.prepare(
            "SELECT id, record_kind, record_id, field, a_hlc, a_device, a_author, a_value, b_hlc, b_device, "
            "b_author, b_value, found_at, settled, against_delete FROM sync_conflict WHERE settled = 0 "
            "ORDER BY found_at, record_id, field, b_hlc, b_device");
        std::map<std::string, std::string> origins;
        while (s.step()) {
            Conflict c;
            c.id = s.integer(0);
            c.kind = enumFromKey<RecordKind>(s.text(1)).value_or(RecordKind::YoungPerson);
            c.recordId = s.text(2);
            c.field = s.text(3);
            const bool againstDelete = s.integer(14) != 0;
            c.kept = Change{"",         c.kind,
                            c.recordId, againstDelete ? std::string("_deleted") : c.field,
                            s.text(7),  static_cast<std::uint64_t>(s.integer(4)),
                            s.text(5),  s.text(6),
                            ""};
            c.other = Change{"",        c.kind,     c.recordId,
                             c.field,   s.text(11), static_cast<std::uint64_t>(s.integer(8)),
                             s.text(9), s.text(10), ""};
            c.foundAt = s.integer(12);
            c.settled = s.integer(13) != 0;
            describeRecord(db, c);
            c.keptFrom = originOf(vault, c.kept.device, origins);
            c.otherFrom = originOf(vault, c.other.device, origins);
            out.push_back(std::move(c));
        }
        return out;
    } catch (const DbError& e) {
        return e.toError();
    }
}

} // namespace

Result<std::vector<Conflict>> openConflicts(Vault& vault) {
    auto all = loadOpenConflicts(vault);
    if (!all) return all.error();
    for (auto& c : *all)
        hideValues(c);
    return all;
}

Result<Conflict> revealConflict(Vault& vault, std::int64_t conflictId, std::string_view purpose) {
    auto all = loadOpenConflicts(vault);
    if (!all) return all.error();
    auto it = std::find_if(all->begin(), all->end(), [&](const Conflict& c) { return c.id == conflictId; });
    if (it == all->end())
        return makeError(ErrorCode::NotFound,
                         "This conflict is no longer open: it has been settled, or newer changes have "
                         "replaced it. Look at the conflicts again.",
                         "conflict");
    Conflict c = std::move(*it);
    for (auto& other : *all)
        hideValues(other); // wipe what is not handed out
    if (isConfidentialField(c.kind, c.field)) {
        if (auto a = vault.audit().append(AuditKind::LocationRevealed, purpose, c.recordId); !a) {
            hideValues(c);
            return a.error();
        }
    }
    return c;
}

Result<std::size_t> openConflictCount(Vault& vault) {
    try {
        return static_cast<std::size_t>(
            vault.database().scalar("SELECT count(*) FROM sync_conflict WHERE settled = 0"));
    } catch (const DbError& e) {
        return e.toError();
    }
}

Status settleConflict(Vault& vault, std::int64_t conflictId, Settle choice) {
    try {
        Database& db = vault.database();
        Transaction tx(db);
        // Settling writes the chosen value, which the person may not have revealed: read it unmasked here,
        // and never hand it back.
        auto found = loadOpenConflicts(vault);
        if (!found) return found.error();
        const struct Wipe {
            std::vector<Conflict>& all;
            ~Wipe() {
                for (auto& c : all)
                    hideValues(c);
            }
        } wipeAfter{*found};
        const auto it =
            std::find_if(found->begin(), found->end(), [&](const Conflict& c) { return c.id == conflictId; });
        if (it == found->end())
            return makeError(ErrorCode::NotFound,
                             "This conflict is no longer open: it has been settled, or newer changes have "
                             "replaced it. Look at the conflicts again.",
                             "conflict");
        const Conflict& c = *it;
        const std::vector<Change> history = detail::recordChanges(db, c.recordId);
        Store& store = vault.store();
        const std::string keptRef = detail::changeRef(c.kept.hlc, c.kept.device);
        const std::string otherRef = detail::changeRef(c.other.hlc, c.other.device);
        std::string settledValue, detail;
        // The decision names exactly the two changes the person was shown, nothing else: a third value that
        // arrived meanwhile stays in conflict with it rather than being overridden unseen.
        if (!c.againstDelete()) {
            settledValue = choice == Settle::KeepShown ? c.kept.value : c.other.value;
            insertChange(db, store, c.kind, c.recordId, c.field, settledValue,
                         detail::makeBase({keptRef, otherRef}));
            detail = c.recordLabel + " (" + c.youngPersonName + "): " + c.fieldLabel + " settled, keeping " +
                     (choice == Settle::KeepShown ? "the value shown (" + c.keptFrom + ")"
                                                  : "the other value (" + c.otherFrom + ")");
        } else {
            if (choice == Settle::KeepShown) {
                // Deleted again: knowing what the deletion knew, the deletion itself and the edit shown.
                settledValue = "deleted";
                std::vector<std::string> refs{keptRef, otherRef};
                for (const auto& h : history)
                    if (h.field == "_deleted" && h.hlc == c.kept.hlc && h.device == c.kept.device)
                        for (auto r : detail::splitBase(h.base))
                            refs.emplace_back(r);
                insertChange(db, store, c.kind, c.recordId, "_deleted", "1",
                             detail::makeBase(std::move(refs)));
            } else {
                // Restored: the record shows its latest values again, this edit among them.
                settledValue = "restored";
                insertChange(db, store, c.kind, c.recordId, "_deleted", "0", detail::makeBase({keptRef}));
            }
            detail = c.recordLabel + " (" + c.youngPersonName + "): " + c.fieldLabel +
                     " edited elsewhere after it was deleted; " +
                     (choice == Settle::KeepShown ? "kept deleted" : "restored with the edit");
        }
        db.prepare("UPDATE sync_conflict SET settled = 1, settled_at = ?, settled_by = ?, settled_value = ? "
                   "WHERE id = ?")
            .bind(1, nowMillis())
            .bind(2, store.author())
            .bind(3, settledValue)
            .bind(4, c.id)
            .step();
        Statements sql(db);
        settleRecord(sql, c.kind, c.recordId, nowMillis());
        if (auto a = vault.audit().append(AuditKind::ConflictSettled, detail, c.recordId); !a)
            return a.error();
        tx.commit();
        return {};
    } catch (const DbError& e) {
        return e.toError();
    }
}

Result<std::vector<ReceivedAttachment>> receivedAttachments(Vault& vault) {
    try {
        std::vector<ReceivedAttachment> out;
        auto s = vault.database().prepare("SELECT id, bundle_id, sender, name, media_type, young_person_id, "
                                          "received_at, length(content) FROM sync_attachment ORDER BY "
                                          "received_at DESC, id DESC");
        while (s.step()) {
            ReceivedAttachment a;
            a.id = s.integer(0);
            a.bundleId = s.text(1);
            a.senderName = s.text(2);
            a.name = s.text(3);
            a.mediaType = s.text(4);
            a.youngPersonId = s.text(5);
            a.receivedAt = s.integer(6);
            a.size = static_cast<std::size_t>(s.integer(7));
            out.push_back(std::move(a));
        }
        return out;
    } catch (const DbError& e) {
        return e.toError();
    }
}

Status saveAttachment(Vault& vault, std::int64_t attachmentId, const std::filesystem::path& out) {
    std::string content;
    try {
        auto s = vault.database().prepare("SELECT content FROM sync_attachment WHERE id = ?");
        s.bind(1, attachmentId);
        if (!s.step()) return makeError(ErrorCode::NotFound, "There is no such received file.", "attachment");
        content = s.blob(0);
    } catch (const DbError& e) {
        return e.toError();
    }
    return atomicWriteFile(out, std::vector<std::uint8_t>(content.begin(), content.end()));
}

// --- Folder sync -----------------------------------------------------------------------------------------

namespace {

constexpr const char* kOutboxKey = "sync.outbox";
constexpr const char* kInboxKey = "sync.inbox";
constexpr const char* kOnUnlockKey = "sync.on_unlock";

std::string slug(const std::string& name) {
    std::string out;
    for (unsigned char ch : name) {
        if (std::isalnum(ch))
            out += static_cast<char>(std::tolower(ch));
        else if (!out.empty() && out.back() != '-')
            out += '-';
    }
    while (!out.empty() && out.back() == '-')
        out.pop_back();
    return out.empty() ? std::string("contact") : out.substr(0, 40);
}

Status usableFolder(const std::filesystem::path& dir, const char* what) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (!std::filesystem::is_directory(dir, ec))
        return makeError(ErrorCode::Invalid,
                         std::string("The ") + what + " folder '" + dir.string() +
                             "' does not exist and cannot be made.",
                         what);
    const auto probe = dir / ".throughline-write-test";
    if (auto s = atomicWriteFile(probe, {'o', 'k'}); !s)
        return makeError(s.error().code == ErrorCode::DiskFull ? ErrorCode::DiskFull : ErrorCode::Invalid,
                         std::string("Throughline cannot write to the ") + what + " folder '" + dir.string() +
                             "': " + s.error().message,
                         what);
    std::filesystem::remove(probe, ec);
    return {};
}

} // namespace

Result<FolderSettings> folderSettings(Vault& vault) {
    Store& st = vault.store();
    auto out = st.setting(kOutboxKey, "");
    if (!out) return out.error();
    auto in = st.setting(kInboxKey, "");
    if (!in) return in.error();
    auto on = st.setting(kOnUnlockKey, "1");
    if (!on) return on.error();
    FolderSettings f;
    f.outbox = *out;
    f.inbox = *in;
    f.syncOnUnlock = *on != "0";
    return f;
}

Status setFolderSettings(Vault& vault, const FolderSettings& settings) {
    if (!settings.outbox.empty() && !settings.outbox.is_absolute())
        return makeError(ErrorCode::Invalid, "The outbox folder must be a full path (starting with /).",
                         "outbox");
    if (!settings.inbox.empty() && !settings.inbox.is_absolute())
        return makeError(ErrorCode::Invalid, "The inbox folder must be a full path (starting with /).",
                         "inbox");
    if (!settings.outbox.empty() && !settings.inbox.empty() &&
        settings.outbox.lexically_normal() == settings.inbox.lexically_normal())
        return makeError(ErrorCode::Invalid,
                         "The outbox and the inbox must be different folders: bundles you send would be "
                         "read back as if they had been sent to you.",
                         "inbox");
    // Folder sync never follows links (syncFolders opens both folders with O_NOFOLLOW): say so now.
    for (const auto* dir : {&settings.outbox, &settings.inbox}) {
        std::error_code ec;
        if (!dir->empty() && std::filesystem::is_symlink(std::filesystem::symlink_status(*dir, ec)))
            return makeError(ErrorCode::Invalid,
                             "The folder '" + dir->string() +
                                 "' is a link to another folder. Folder sync never follows links: choose the "
                                 "real folder instead.",
                             dir == &settings.outbox ? "outbox" : "inbox");
    }
    if (!settings.outbox.empty())
        if (auto s = usableFolder(settings.outbox, "outbox"); !s) return s;
    if (!settings.inbox.empty()) {
        std::error_code ec;
        if (!std::filesystem::is_directory(settings.inbox, ec))
            return makeError(ErrorCode::Invalid,
                             "The inbox folder '" + settings.inbox.string() + "' does not exist.", "inbox");
    }
    Store& st = vault.store();
    return st.transaction([&]() -> Status {
        if (auto s = st.setSetting(kOutboxKey, settings.outbox.string()); !s) return s;
        if (auto s = st.setSetting(kInboxKey, settings.inbox.string()); !s) return s;
        return st.setSetting(kOnUnlockKey, settings.syncOnUnlock ? "1" : "0");
    });
}

std::filesystem::path outboxFor(const FolderSettings& settings, const Contact& contact) {
    return settings.outbox /
           (slug(contact.identity.name) + "-" + contact.identity.fingerprintHex().substr(0, 8));
}

namespace {

// A folder opened for folder sync: never through a link at its own name (a link planted in a synced folder
// must not send bundles, or read them, somewhere else), closed on scope exit.
class FolderFd {
  public:
    FolderFd() = default;
    explicit FolderFd(int fd) : m_fd(fd) {}
    FolderFd(FolderFd&& o) noexcept : m_fd(std::exchange(o.m_fd, -1)) {}
    FolderFd& operator=(FolderFd&& o) noexcept {
        std::swap(m_fd, o.m_fd);
        return *this;
    }
    ~FolderFd() {
        if (m_fd >= 0) ::close(m_fd);
    }
    int get() const { return m_fd; }

  private:
    int m_fd = -1;
};

Result<FolderFd> openFolder(int parent, const std::filesystem::path& name, const std::string& shown,
                            bool create) {
    if (create && ::mkdirat(parent, name.c_str(), 0700) != 0 && errno != EEXIST)
        return makeError(errno == ENOSPC ? ErrorCode::DiskFull : ErrorCode::Io,
                         "The folder '" + shown + "' cannot be made: " + std::strerror(errno) + ".",
                         "folder");
    const int fd = ::openat(parent, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd >= 0) return FolderFd(fd);
    struct stat st {};
    if ((errno == ELOOP || errno == ENOTDIR) &&
        ::fstatat(parent, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode))
        return makeError(ErrorCode::Invalid,
                         "The folder '" + shown +
                             "' is a link to another folder. Folder sync never follows links: "
                             "choose the real folder instead.",
                         "symlink");
    return makeError(errno == ENOENT ? ErrorCode::NotFound : ErrorCode::Io,
                     "The folder '" + shown + "' cannot be opened: " + std::strerror(errno) + ".", "folder");
}

// Refusals worth remembering: the same file would be refused the same way next time. Not remembered:
// what the user can put right (an unknown or unverified sender, a newer version, a wrong clock), what may
// come right by itself (a record whose creation has not arrived), and failures of this machine (a full disk,
// a read error, a cancelled sync).
// A file refused because everything in it is already here: counted with the replays, not reported.
bool alreadyImportedReason(ErrorReason r) {
    return r == ErrorReason::BundleReplay || r == ErrorReason::BundleNothingNew;
}

bool permanentRefusal(const Error& e) {
    using R = ErrorReason;
    static const std::set<ErrorReason> reasons{
        R::BundleSize,     R::BundleHeader,  R::BundleHeaderMac,    R::BundleDamaged, R::BundleTruncated,
        R::BundleTrailing, R::BundlePayload, R::BundleSignature,    R::BundleBody,    R::BundleRecipient,
        R::BundleOrigin,   R::BundleRelayed, R::BundleConfidential, R::BundleScope,   R::BundleImmutable,
        R::BundleRecord,   R::NotAFile,      R::BundleNothingNew,   R::BundleReplay};
    return e.code == ErrorCode::Invalid && reasons.count(e.reason) > 0;
}

constexpr const char* kRefusedPrefix = "sync.refused/";

struct RefusedFile {
    std::uint64_t size = 0;
    std::int64_t mtimeNs = 0;
    std::string bundleId;
    std::string headerHash; // BLAKE2b-256 (hex) of the file's first kMaxBundleHeaderBytes: its header
    ErrorReason reason = ErrorReason::None; // kept as its stable key
    std::string message;
};

// A remembered refusal is a cache entry in the vault's settings, as cereal JSON:
// {"refused":{"format":2,"size":…,"mtime_ns":…,"bundle_id":"…","header_hash":"…","key":"…","message":"…"}}.
// An entry that does not read (damaged, or kept by an earlier version) is no entry: the file is simply read
// again. Format 2 recognises the file by a hash of its header bytes: no public-key operation and no locked
// memory per file per sync, so an inbox of thousands of files already imported is scanned quickly.
constexpr int kRefusedFormat = 2;

struct RefusedWire {
    RefusedFile& r;
    template <class A> void save(A& ar) const {
        const std::string key(enumKey(r.reason));
        ar(cereal::make_nvp("format", kRefusedFormat), cereal::make_nvp("size", r.size),
           cereal::make_nvp("mtime_ns", r.mtimeNs), cereal::make_nvp("bundle_id", r.bundleId),
           cereal::make_nvp("header_hash", r.headerHash), cereal::make_nvp("key", key),
           cereal::make_nvp("message", r.message));
    }
    template <class A> void load(A& ar) {
        int format = 0;
        ar(cereal::make_nvp("format", format));
        if (format != kRefusedFormat) throw cereal::Exception("another format");
        std::string key;
        ar(cereal::make_nvp("size", r.size), cereal::make_nvp("mtime_ns", r.mtimeNs),
           cereal::make_nvp("bundle_id", r.bundleId), cereal::make_nvp("header_hash", r.headerHash),
           cereal::make_nvp("key", key), cereal::make_nvp("message", r.message));
        if (r.headerHash.size() != 2 * crypto_generichash_BYTES) throw cereal::Exception("no header hash");
        const auto reason = enumFromKey<ErrorReason>(key);
        if (!reason) throw cereal::Exception("an unknown reason");
        r.reason = *reason;
    }
};

std::string encodeRefused(RefusedFile r) {
    std::ostringstream os;
    {
        cereal::JSONOutputArchive ar(os, cereal::JSONOutputArchive::Options::NoIndent());
        ar(cereal::make_nvp("refused", RefusedWire{r}));
    }
    return os.str();
}

std::optional<RefusedFile> decodeRefused(const std::string& text) {
    RefusedFile r;
    try {
        std::istringstream is(text);
        cereal::JSONInputArchive ar(is);
        ar(cereal::make_nvp("refused", RefusedWire{r}));
    } catch (const std::exception&) { // cereal::Exception, rapidjson's assertions (thrown by cereal)
        return std::nullopt;
    }
    return r;
}

} // namespace

Result<FolderSyncReport> syncFolders(Vault& vault) {
    return syncFolders(vault, SyncControl{});
}

Result<FolderSyncReport> syncFolders(Vault& vault, const SyncControl& control) {
    auto settings = folderSettings(vault);
    if (!settings) return settings.error();
    if (settings->outbox.empty() && settings->inbox.empty())
        return makeError(ErrorCode::Invalid,
                         "Folder sync is not set up: choose an outbox and an inbox folder first.", "folders");
    FolderSyncReport report;
    const auto cancelled = [&] {
        if (control.cancel && control.cancel->load()) report.cancelled = true;
        return report.cancelled;
    };
    const auto tell = [&](SyncProgress p) {
        if (control.progress) control.progress(p);
    };
    auto own = ownIdentity(vault);
    if (!own) return own.error();
    if (!settings->outbox.empty()) {
        auto contacts = listContacts(vault);
        if (!contacts) return contacts.error();
        auto outbox = openFolder(AT_FDCWD, settings->outbox, settings->outbox.string(), true);
        std::size_t step = 0;
        for (const auto& c : *contacts) {
            ++step;
            if (c.scope.empty()) continue;
            if (cancelled()) break;
            if (!c.verified) {
                report.problems.push_back("Nothing was sent to " + c.identity.name +
                                          ": you have not yet confirmed their fingerprint.");
                continue;
            }
            if (!outbox) {
                report.problems.push_back("Nothing was sent to " + c.identity.name + ": " +
                                          outbox.error().message);
                continue;
            }
            const auto sub = outboxFor(*settings, c).filename();
            auto dir = openFolder(outbox->get(), sub, (settings->outbox / sub).string(), true);
            if (!dir) {
                report.problems.push_back("Nothing was sent to " + c.identity.name + ": " +
                                          dir.error().message);
                continue;
            }
            SyncProgress p;
            p.stage = SyncProgress::Stage::Sending;
            p.step = step;
            p.steps = contacts->size();
            p.item = c.identity.name;
            tell(p);
            // Named so that a folder listing sorts one sender's bundles in the order they were made.
            std::int64_t next = 1;
            try {
                next = vault.database().scalar(
                           "SELECT ifnull((SELECT value FROM meta WHERE key = 'sync_sequence'), 0)") +
                       1;
            } catch (const DbError& e) {
                return e.toError();
            }
            char seq[24];
            std::snprintf(seq, sizeof seq, "%010lld", static_cast<long long>(next));
            const std::string name =
                slug(own->name) + "-" + own->fingerprintHex().substr(0, 8) + "-" + seq + ".thrl";
            const int dirFd = dir->get();
            // The file appears exactly when the transaction that marks its changes as sent commits (as
            // exportTo's, staged_files.hpp): staged under a hidden name inside it, renamed after it.
            std::string staged;
            auto sent = exportWith(
                vault, c.identity.fingerprintHex(), ExportOptions{},
                [&](const std::vector<std::uint8_t>& b) -> Status {
                    auto tmp = stageFileAt(vault.database(), dirFd, settings->outbox / sub, name, b);
                    if (!tmp) return tmp.error();
                    staged = *tmp;
                    return {};
                },
                [&] {
                    if (!staged.empty()) ::unlinkat(dirFd, staged.c_str(), 0);
                });
            if (!sent) {
                report.problems.push_back("Nothing was sent to " + c.identity.name + ": " +
                                          sent.error().message);
                continue;
            }
            if (!sent->nothingToSend) {
                // Committed: sent, whatever happens to the rename (kept staged and finished at the next
                // unlock if it fails now).
                if (auto s =
                        publishStagedFileAt(vault.database(), dirFd, settings->outbox / sub, staged, name);
                    !s)
                    report.problems.push_back(
                        "The bundle for " + c.identity.name +
                        " is recorded as sent but could not be put in the outbox yet (it "
                        "will be at the next unlock): " +
                        s.error().message);
                report.sent.push_back({c.identity.name, settings->outbox / sub / name, *sent});
            }
        }
    }
    if (!settings->inbox.empty() && !cancelled()) {
        auto inbox = openFolder(AT_FDCWD, settings->inbox, settings->inbox.string(), false);
        std::vector<std::filesystem::path> files;
        if (!inbox) {
            report.problems.push_back(inbox.error().message);
        } else {
            std::error_code ec;
            for (const auto& e : std::filesystem::directory_iterator(settings->inbox, ec)) {
                if (e.path().extension() != ".thrl") continue;
                // symlink_status: a link is reported, never followed (the file itself is opened with
                // O_NOFOLLOW as well, in case it is swapped for a link meanwhile).
                const auto st = e.symlink_status(ec);
                if (std::filesystem::is_symlink(st)) {
                    report.problems.push_back("'" + e.path().filename().string() +
                                              "' in the inbox is a link to another file; links are never "
                                              "followed, so it was not imported.");
                    continue;
                }
                if (std::filesystem::is_regular_file(st)) files.push_back(e.path());
            }
            if (ec)
                report.problems.push_back("The inbox folder '" + settings->inbox.string() +
                                          "' cannot be read: " + ec.message());
        }
        std::sort(files.begin(), files.end());
        // What was refused before, by file name: skipped while the file stays the same size and age.
        std::map<std::string, RefusedFile> refused;
        std::set<std::string> remembered; // every entry, also those that do not read
        try {
            auto q = vault.database().prepare("SELECT key, value FROM setting WHERE key >= ? AND key < ?");
            q.bind(1, std::string(kRefusedPrefix)).bind(2, std::string("sync.refused0"));
            while (q.step()) {
                std::string name = q.text(0).substr(std::strlen(kRefusedPrefix));
                if (auto r = decodeRefused(q.text(1))) refused.emplace(name, *r);
                remembered.insert(std::move(name));
            }
        } catch (const DbError& e) {
            return e.toError();
        }
        std::set<std::string> present;
        auto keys = ownSecretKeys(vault);
        if (!keys) return keys.error();
        // The bundle id in a file's header, when the header opens with this vault's key (else empty).
        // The file's first kMaxBundleHeaderBytes (its header and the start of the stream), or none.
        const auto readHead = [](const BundleInput& in) -> std::optional<std::vector<std::uint8_t>> {
            std::vector<std::uint8_t> head(
                static_cast<std::size_t>(std::min<std::uint64_t>(in.size(), kMaxBundleHeaderBytes)));
            if (!in.readAt(0, head.data(), head.size())) return std::nullopt;
            return head;
        };
        const auto headerId = [&](const BundleInput& in) -> std::string {
            const auto head = readHead(in);
            if (!head) return {};
            auto id = peekBundleId(head->data(), head->size(), static_cast<std::size_t>(in.size()),
                                   own->boxKey, keys->boxSecret);
            return id ? bundleIdHex(*id) : std::string();
        };
        // A hash of the file's header bytes (the first kMaxBundleHeaderBytes, MAC-checked when the file was
        // first read): what recognises a file already read, unchanged since (else empty).
        const auto headerHash = [&](const BundleInput& in) -> std::string {
            const auto head = readHead(in);
            if (!head) return {};
            std::uint8_t h[crypto_generichash_BYTES];
            crypto_generichash(h, sizeof h, head->data(), head->size(), nullptr, 0);
            return toHex(h, sizeof h);
        };
        const auto importOne = [&](const std::filesystem::path& f, std::size_t step) {
            const std::string name = f.filename().string();
            FolderSyncReport::Received r;
            r.file = f;
            auto input = openBundleFile(name, inbox->get());
            if (!input) {
                r.message = input.error().message;
                r.reason = input.error().reason;
                r.errorCode = input.error().code;
                return r;
            }
            struct stat st {};
            const bool statted = ::fstatat(inbox->get(), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 &&
                                 static_cast<std::uint64_t>(st.st_size) == (*input)->size();
            const std::int64_t mtimeNs =
                statted ? static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec : 0;
            if (auto it = refused.find(name);
                statted && it != refused.end() && it->second.size == (*input)->size() &&
                it->second.mtimeNs == mtimeNs && headerHash(**input) == it->second.headerHash) {
                r.rememberedRefusal = true;
                r.message = it->second.message;
                r.reason = it->second.reason;
                r.alreadyImported = alreadyImportedReason(r.reason);
                r.notForThisVault = r.reason == ErrorReason::BundleRecipient;
                return r;
            }
            SyncControl one;
            one.cancel = control.cancel;
            if (control.progress)
                one.progress = [&](const SyncProgress& inner) {
                    SyncProgress p = inner;
                    p.step = step;
                    p.steps = files.size();
                    p.item = name;
                    control.progress(p);
                };
            auto imported = importWith(vault, *own, *keys, **input, &one);
            try {
                if (imported) {
                    r.ok = true;
                    r.summary = *imported;
                    if (remembered.count(name))
                        vault.database()
                            .prepare("DELETE FROM setting WHERE key = ?")
                            .bind(1, kRefusedPrefix + name)
                            .step();
                } else {
                    r.message = imported.error().message;
                    r.reason = imported.error().reason;
                    r.subject = imported.error().subject;
                    r.errorCode = imported.error().code;
                    r.alreadyImported = alreadyImportedReason(r.reason);
                    r.notForThisVault = r.reason == ErrorReason::BundleRecipient;
                    if (statted && permanentRefusal(imported.error())) {
                        const RefusedFile rf{(*input)->size(),    mtimeNs,  headerId(**input),
                                             headerHash(**input), r.reason, r.message};
                        (void)vault.store().setSetting(kRefusedPrefix + name, encodeRefused(rf));
                    }
                }
            } catch (const DbError&) {
                // Remembering is an optimisation: the file is simply read again next time.
            }
            return r;
        };
        for (std::size_t i = 0; i < files.size(); ++i) {
            if (cancelled()) break;
            present.insert(files[i].filename().string());
            auto r = importOne(files[i], i + 1);
            if (r.reason == ErrorReason::Cancelled) {
                report.cancelled = true;
                break;
            }
            report.received.push_back(std::move(r));
        }
        // Forget refusals of files no longer in the inbox.
        if (!report.cancelled) try {
                for (const auto& name : remembered)
                    if (!present.count(name))
                        vault.database()
                            .prepare("DELETE FROM setting WHERE key = ?")
                            .bind(1, kRefusedPrefix + name)
                            .step();
            } catch (const DbError&) {
            }
    }
    SyncProgress done;
    done.stage = SyncProgress::Stage::Done;
    tell(done);
    return report;
}

} // namespace throughline::core::sync
