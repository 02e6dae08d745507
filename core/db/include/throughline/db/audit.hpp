#pragma once
// Append-only, hash-chained audit trail inside the encrypted vault.
#include "throughline/base/enum_table.hpp"
#include "throughline/base/result.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace throughline::core {

class Database;

enum class AuditKind : std::uint8_t {
    VaultCreated,
    Unlock,
    UnlockFailed,
    RecoveryKeyUsed,
    PassphraseChanged,
    LocationRevealed,
    Export,
    Import,
    RecordsImported,
    SharingChanged,  // contact card imported, verified or removed; a young person shared or unshared
    ConflictSettled, // a sync conflict settled by a person
};
TL_DECLARE_ENUM_TABLE(AuditKind);

/// One audit entry. `hash` = BLAKE2b-256(prevHash ‖ seq ‖ at ‖ kind ‖ detail ‖ recordId ‖ author ‖ device).
struct AuditEntry {
    std::int64_t seq = 0;
    std::int64_t at = 0; // UTC ms
    AuditKind kind = AuditKind::Unlock;
    std::string detail, recordId, author, device;
    std::string prevHash, hash; // hex
};

/// Result of checking the chain: ok, or the first entry that does not fit.
struct AuditVerification {
    bool ok = true;
    std::int64_t entries = 0;
    std::int64_t firstBadSeq = 0;
    std::string problem;
};

/// The audit trail of one open vault.
class AuditTrail {
  public:
    AuditTrail(Database& db, std::string author, std::string device);
    ~AuditTrail();
    AuditTrail(const AuditTrail&) = delete;
    AuditTrail& operator=(const AuditTrail&) = delete;
    /// Called whenever new entries are durable: at once after an entry written outside a transaction, after
    /// the outermost commit for entries written inside one (never for entries rolled back). The vault signs
    /// the new head and writes it beside the database (audit_anchor.hpp).
    void setHeadListener(std::function<void()> listener) { m_listener = std::move(listener); }
    /// Calls the listener now if entries are waiting for it (entries written with no listener set, or in a
    /// transaction not yet followed by another commit). The vault calls it when it locks.
    void publishHead() {
        if (m_pending && m_listener) {
            m_pending = false;
            m_listener();
        }
    }
    /// Appends an entry (in the caller's transaction if one is open).
    Status append(AuditKind kind, std::string_view detail, std::string_view recordId = {});
    /// Appends with an explicit time (used to bring in failed unlocks recorded while locked).
    Status appendAt(std::int64_t atMs, AuditKind kind, std::string_view detail,
                    std::string_view recordId = {});
    Result<std::vector<AuditEntry>> recent(int limit) const;
    Result<AuditVerification> verify() const;
    void setAuthor(std::string author) { m_author = std::move(author); }

  private:
    Database& m_db;
    std::string m_author, m_device;
    std::function<void()> m_listener;
    bool m_pending = false; // entries written inside a transaction not yet committed
};

} // namespace throughline::core
