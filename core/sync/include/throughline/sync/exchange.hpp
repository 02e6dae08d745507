#pragma once
// Export and import of sync bundles on an unlocked vault (docs/bundle-format.md §4–5): scoped, redacted
// exports to one contact, and imports that check everything before merging in one transaction.
#include "throughline/base/result.hpp"
#include "throughline/contacts/contacts.hpp"
#include "throughline/sync/bundle.hpp"

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
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
    /// The bundle is older than one already imported from the sender (delivered out of order): what it held
    /// that was not here yet was imported all the same.
    bool outOfOrder = false;
    /// Records the sender edited whose creation (by a third colleague) has not arrived yet: their changes
    /// are kept, and the record appears once its creation comes in from its author.
    std::size_t waiting = 0;
    /// Earlier changes by other colleagues to records that now turn out to belong to a young person not
    /// shared with them: taken out again, and named in the audit entry.
    std::size_t setAside = 0;
    /// Audit witnesses that did not fit (docs/bundle-format.md §5): the sender's audit trail went back, or
    /// this vault's own trail no longer holds an entry the sender was shown. Also in the Import audit entry.
    std::vector<std::string> auditWarnings;
};

/// Where an import or a folder sync has got to, for a progress bar.
struct SyncProgress {
    enum class Stage {
        Sending,  // exporting to a contact's outbox folder (`item` is their name)
        Checking, // reading a bundle: every chunk and the signature, then decoding
        Merging,  // writing a checked bundle into the vault
        Done,     // the whole folder sync has finished
    };
    Stage stage = Stage::Checking;
    std::size_t step = 0, steps = 0;             // which file (or contact), 1-based, of how many
    std::string item;                            // its file name or contact name
    std::uint64_t bytesDone = 0, bytesTotal = 0; // within the current file
};

/// Progress and cancellation for importFile and syncFolders, so that they can run on a worker thread.
///
/// Threading contract: the call runs entirely on the thread that makes it, and so do the `progress`
/// callbacks (often: after every 64 KiB of a bundle); a callback must be quick and must not touch the
/// vault. While the call runs NO other thread may use the same Vault (or anything from it: its Store,
/// Database or AuditTrail) — hand it over to the worker and take it back when the call returns. `cancel` is
/// the only thing another thread may touch meanwhile: set it to true and the call stops at the next chunk
/// or file, returning what it did so far (syncFolders) or Error key "cancelled" (importFile). A bundle
/// whose merge has begun is finished first, so a vault is never left half-merged; a bundle cut off before
/// its merge leaves the vault untouched and is read again at the next sync.
struct SyncControl {
    std::function<void(const SyncProgress&)> progress;
    const std::atomic<bool>* cancel = nullptr;
};

/// Imports one bundle file: every check of docs/bundle-format.md §4, then the merge, the bookkeeping and an
/// Import audit entry in one transaction. A bundle already imported fails with Error::field "replay" and
/// changes nothing.
Result<ImportSummary> importFile(Vault& vault, const std::filesystem::path& file);
/// The same with progress and cancellation (see SyncControl for the threading contract). The file is read
/// in place a chunk at a time, never whole (folder sync, unlike a file the user picks, never follows links).
Result<ImportSummary> importFile(Vault& vault, const std::filesystem::path& file, const SyncControl& control);
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
std::filesystem::path outboxFor(const FolderSettings& settings, const contacts::Contact& contact);

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
        /// Refused at an earlier sync and unchanged since (same name, size and modification time): not read
        /// again; `message` and `reason` are those of that refusal.
        bool rememberedRefusal = false;
        ImportSummary summary;                    // when ok
        std::string message;                      // why it was refused, when not ok
        ErrorReason reason = ErrorReason::None;   // why, for a program (docs/bundle-format.md §4)
        std::string subject;                      // the reason's detail, e.g. the unverified sender's name
        ErrorCode errorCode = ErrorCode::Invalid; // and its kind (a full disk, a damaged vault, …)
    };
    std::vector<Sent> sent;
    std::vector<Received> received;
    std::vector<std::string> problems; // e.g. a contact not yet verified, an outbox not writable
    bool cancelled = false;            // stopped by SyncControl::cancel: what is listed was done
};
/// Exports what each verified contact with a sharing scope has not yet received into their outbox folder
/// (atomically: temp file + rename, so a sync engine never carries half a bundle), then imports every
/// `*.thrl` file in the inbox that is addressed to this vault and not yet imported. Files are never deleted.
///
/// Links are never followed: an inbox or outbox folder that is a symbolic link is refused, links inside the
/// inbox are reported and skipped, outbox files are created inside the folder opened with O_NOFOLLOW.
/// A file refused for a reason that cannot change (damaged, bad signature, out of scope, …) is remembered by
/// name, size and modification time and not read again while it stays the same.
Result<FolderSyncReport> syncFolders(Vault& vault);
/// The same with progress and cancellation, safe to run on a worker thread under the contract of
/// SyncControl (no other thread uses the vault meanwhile).
Result<FolderSyncReport> syncFolders(Vault& vault, const SyncControl& control);

} // namespace throughline::core::sync
