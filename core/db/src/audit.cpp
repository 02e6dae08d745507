#include "throughline/db/audit.hpp"

#include <sodium.h>

#include "throughline/db/database.hpp"
#include "throughline/base/time.hpp"

namespace throughline::core {

TL_DEFINE_ENUM_TABLE(AuditKind, {AuditKind::VaultCreated, "vault_created", "Vault created"},
                     {AuditKind::Unlock, "unlock", "Unlocked"},
                     {AuditKind::UnlockFailed, "unlock_failed", "Failed unlock"},
                     {AuditKind::RecoveryKeyUsed, "recovery_key_used", "Recovery key used"},
                     {AuditKind::PassphraseChanged, "passphrase_changed", "Passphrase changed"},
                     {AuditKind::LocationRevealed, "location_revealed", "Placement location revealed"},
                     {AuditKind::Export, "export", "Export"}, {AuditKind::Import, "import", "Import"},
                     {AuditKind::RecordsImported, "records_imported", "Records imported"},
                     {AuditKind::SharingChanged, "sharing_changed", "Sharing changed"},
                     {AuditKind::ConflictSettled, "conflict_settled", "Conflict settled"})

namespace {

const std::string kGenesis(64, '0');

void feed(crypto_generichash_state& st, std::string_view s) {
    const std::uint64_t n = s.size();
    unsigned char len[8];
    for (int i = 0; i < 8; ++i)
        len[i] = static_cast<unsigned char>(n >> (8 * i));
    crypto_generichash_update(&st, len, 8);
    crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(s.data()), s.size());
}

std::string entryHash(const AuditEntry& e) {
    crypto_generichash_state st;
    crypto_generichash_init(&st, nullptr, 0, 32);
    feed(st, e.prevHash);
    feed(st, std::to_string(e.seq));
    feed(st, std::to_string(e.at));
    feed(st, enumKey(e.kind));
    feed(st, e.detail);
    feed(st, e.recordId);
    feed(st, e.author);
    feed(st, e.device);
    unsigned char out[32];
    crypto_generichash_final(&st, out, sizeof out);
    char hex[65];
    sodium_bin2hex(hex, sizeof hex, out, sizeof out);
    return hex;
}

AuditEntry readEntry(Statement& s) {
    AuditEntry e;
    e.seq = s.integer(0);
    e.at = s.integer(1);
    e.kind = enumFromKey<AuditKind>(s.text(2)).value_or(AuditKind::Unlock);
    e.detail = s.text(3);
    e.recordId = s.text(4);
    e.author = s.text(5);
    e.device = s.text(6);
    e.prevHash = s.text(7);
    e.hash = s.text(8);
    return e;
}

} // namespace

AuditTrail::AuditTrail(Database& db, std::string author, std::string device)
    : m_db(db), m_author(std::move(author)), m_device(std::move(device)) {
    m_db.setAfterCommit([this] { publishHead(); });
}

AuditTrail::~AuditTrail() {
    if (m_db.isOpen()) m_db.setAfterCommit(nullptr);
}

Status AuditTrail::append(AuditKind kind, std::string_view detail, std::string_view recordId) {
    return appendAt(nowMillis(), kind, detail, recordId);
}

Status AuditTrail::appendAt(std::int64_t atMs, AuditKind kind, std::string_view detail,
                            std::string_view recordId) {
    try {
        Transaction tx(m_db);
        AuditEntry e;
        {
            auto last = m_db.prepare("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1");
            if (last.step()) {
                e.seq = last.integer(0) + 1;
                e.prevHash = last.text(1);
            } else {
                e.seq = 1;
                e.prevHash = kGenesis;
            }
        }
        e.at = atMs;
        e.kind = kind;
        e.detail = std::string(detail);
        e.recordId = std::string(recordId);
        e.author = m_author;
        e.device = m_device;
        e.hash = entryHash(e);
        m_db.prepare("INSERT INTO audit (seq, at, kind, detail, record_id, author, device, prev_hash, hash) "
                     "VALUES (?,?,?,?,?,?,?,?,?)")
            .bind(1, e.seq)
            .bind(2, e.at)
            .bind(3, enumKey(e.kind))
            .bind(4, e.detail)
            .bind(5, e.recordId)
            .bind(6, e.author)
            .bind(7, e.device)
            .bind(8, e.prevHash)
            .bind(9, e.hash)
            .step();
        tx.commit();
        if (m_db.inTransaction() || !m_listener)
            m_pending = true; // published by the outermost commit (or publishHead)
        else
            m_listener();
        return {};
    } catch (const DbError& err) {
        return err.toError();
    }
}

Result<std::vector<AuditEntry>> AuditTrail::recent(int limit) const {
    try {
        std::vector<AuditEntry> out;
        auto s = m_db.prepare(
            "SELECT seq, at, kind, detail, record_id, author, device, prev_hash, hash FROM audit "
            "ORDER BY seq DESC LIMIT ?");
        s.bind(1, limit);
        while (s.step())
            out.push_back(readEntry(s));
        return out;
    } catch (const DbError& err) {
        return err.toError();
    }
}

Result<AuditVerification> AuditTrail::verify() const {
    try {
        AuditVerification v;
        std::string prev = kGenesis;
        std::int64_t expectSeq = 1;
        auto s = m_db.prepare("SELECT seq, at, kind, detail, record_id, author, device, prev_hash, hash FROM "
                              "audit ORDER BY seq");
        while (s.step()) {
            const AuditEntry e = readEntry(s);
            ++v.entries;
            std::string problem;
            if (e.seq != expectSeq)
                problem = "an entry is missing before entry " + std::to_string(e.seq);
            else if (e.prevHash != prev)
                problem = "entry " + std::to_string(e.seq) + " does not follow the one before";
            else if (entryHash(e) != e.hash)
                problem = "entry " + std::to_string(e.seq) + " has been altered";
            if (!problem.empty() && v.ok) {
                v.ok = false;
                v.firstBadSeq = e.seq;
                v.problem = problem;
            }
            prev = e.hash;
            expectSeq = e.seq + 1;
        }
        return v;
    } catch (const DbError& err) {
        return err.toError();
    }
}

} // namespace throughline::core
