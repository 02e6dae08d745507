#pragma once
// Export and import of sync bundles on an unlocked vault (docs/bundle-format.md §4–5): scoped, redacted
// exports to one contact, and imports that check everything before merging in one transaction.
#include "throughline/result.hpp"
#include "throughline/sync/bundle.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace throughline::core {
class Vault;
}

namespace throughline::core::sync {

struct ExportOptions {
    /// Only these young people (each must be in the contact's scope); empty = the whole scope.
    std::vector<std::string> youngPeople;
    /// Everything in scope, not only what this contact has not been sent yet.
    bool full = false;
    /// Include the placement's confidential address and carer or home name (audited, naming the recipient).
    bool includeLocation = false;
    /// Also carry each exported young person's handover summary as a PDF attachment (redacted for this
    /// recipient exactly as the changes are; the location only with `includeLocation`).
    bool attachSummary = false;
};

struct ExportSummary {
    std::string bundleId; // hex
    std::uint64_t sequence = 0;
    std::size_t changes = 0, records = 0, bytes = 0;
    bool nothingToSend = false; // no file was written
};

/// Writes a bundle for `contact` (fingerprint hex) to `out` atomically; marks its changes as sent and writes
/// an Export audit entry, in one transaction with the file. Nothing new to send: no file, `nothingToSend`.
Result<ExportSummary> exportTo(Vault& vault, const std::string& contactFingerprint,
                               const ExportOptions& options, const std::filesystem::path& out);

struct ImportSummary {
    std::string bundleId, senderName, senderFingerprintWords;
    std::uint64_t sequence = 0;
    std::size_t received = 0, applied = 0, alreadyHad = 0, conflicts = 0, records = 0;
    std::size_t attachments = 0; // files (handover summaries) kept in the vault, see receivedAttachments
};

/// Imports one bundle file: every check of docs/bundle-format.md §4, then the merge, the bookkeeping and an
/// Import audit entry in one transaction. A bundle already imported fails with Error::field "replay" and
/// changes nothing.
Result<ImportSummary> importFile(Vault& vault, const std::filesystem::path& file);
/// The same for bytes already in memory.
Result<ImportSummary> importBytes(Vault& vault, const std::vector<std::uint8_t>& bytes);

/// A conflict kept for a person to settle.
struct Conflict {
    std::int64_t id = 0;
    RecordKind kind = RecordKind::YoungPerson;
    std::string recordId, field;
    Change kept, other; // the value the record shows now, and the competing one
    std::int64_t foundAt = 0;
    bool settled = false;
    // For people (filled in by openConflicts):
    std::string youngPersonId, youngPersonName; // whose record it is
    std::string recordLabel;                    // e.g. "Family time on 12 Mar 2026", "Placement from …"
    std::string fieldLabel;                     // e.g. "Place", or "Deleted" for an edit against a delete
    std::string keptFrom, otherFrom;            // "You (this laptop)" or "Name, Organisation"
    /// The field is confidential (a placement's address, carer or home name, provider): openConflicts
    /// leaves both values empty and sets this; revealConflict hands them out once the reveal is audited.
    /// Settling does not need them.
    bool valuesHidden = false;
    /// An edit made elsewhere to a record deleted here (or the other way round): `kept` is the deletion.
    bool againstDelete() const { return kept.field == "_deleted" || other.field == "_deleted"; }
};

/// Unsettled conflicts, oldest first. Confidential values are left out (Conflict::valuesHidden).
Result<std::vector<Conflict>> openConflicts(Vault& vault);
/// One open conflict with its values, confidential ones included: writes a LocationRevealed audit entry
/// (naming `purpose`, for the placement) first when its values are confidential. No entry, no values.
/// NotFound if the conflict is no longer open.
Result<Conflict> revealConflict(Vault& vault, std::int64_t conflictId, std::string_view purpose);
/// How many conflicts are waiting to be settled (cheap; for badges).
Result<std::size_t> openConflictCount(Vault& vault);

/// A person's decision on a conflict.
enum class Settle {
    KeepShown, // keep the value the record shows now (for an edit against a delete: keep it deleted)
    TakeOther, // take the competing value (for an edit against a delete: restore the record with the edit)
};
/// Settles one conflict: writes a new change whose base is every competing change, so that every device
/// that receives it sees the conflict settled the same way; the conflict is kept as settled (who, when,
/// which value) and a ConflictSettled audit entry is written. NotFound if it is already settled.
Status settleConflict(Vault& vault, std::int64_t conflictId, Settle choice);

/// A file that came inside a bundle (a handover summary PDF), kept encrypted in the vault.
struct ReceivedAttachment {
    std::int64_t id = 0;
    std::string bundleId, senderName, name, mediaType;
    std::string youngPersonId; // whose summary it is, if the sender said
    std::int64_t receivedAt = 0;
    std::size_t size = 0;
};
Result<std::vector<ReceivedAttachment>> receivedAttachments(Vault& vault);
/// Writes one received attachment's bytes to `out` (atomically).
Status saveAttachment(Vault& vault, std::int64_t attachmentId, const std::filesystem::path& out);

// --- Folder sync (docs/bundle-format.md §6) -------------------------------------------------------------

/// Where bundles are dropped for a sync engine (Syncthing, a network drive) to carry. Stored in the vault.
struct FolderSettings {
    std::filesystem::path outbox; // one sub-folder per contact is made inside it
    std::filesystem::path inbox;  // bundles addressed to this vault are picked up from here
    bool syncOnUnlock = true;
};
Result<FolderSettings> folderSettings(Vault& vault);
/// Saves the folders (each must exist or be creatable, and be writable / readable).
Status setFolderSettings(Vault& vault, const FolderSettings& settings);
/// The outbox sub-folder for one contact: "<outbox>/<name>-<first 8 of fingerprint>".
std::filesystem::path outboxFor(const FolderSettings& settings, const Contact& contact);

struct FolderSyncReport {
    struct Sent {
        std::string contactName;
        std::filesystem::path file;
        ExportSummary summary;
    };
    struct Received {
        std::filesystem::path file;
        bool ok = false;
        bool alreadyImported = false; // a replay: nothing to do, not an error
        bool notForThisVault = false; // addressed to someone else: skipped quietly
        ImportSummary summary;        // when ok
        std::string message;          // why it was refused, when not ok
        std::string errorKey;         // its stable key (docs/bundle-format.md §4), e.g. "unknown-sender"
        ErrorCode errorCode = ErrorCode::Invalid; // and its kind (a full disk, a damaged vault, …)
    };
    std::vector<Sent> sent;
    std::vector<Received> received;
    std::vector<std::string> problems; // e.g. a contact not yet verified, an outbox not writable
};
/// Exports what each verified contact with a sharing scope has not yet received into their outbox folder
/// (atomically: temp file + rename, so a sync engine never carries half a bundle), then imports every
/// `*.thrl` file in the inbox that is addressed to this vault and not yet imported. Files are never deleted.
Result<FolderSyncReport> syncFolders(Vault& vault);

} // namespace throughline::core::sync
