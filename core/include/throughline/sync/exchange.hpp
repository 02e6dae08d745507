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
};

/// Unsettled conflicts, oldest first.
Result<std::vector<Conflict>> openConflicts(Vault& vault);

} // namespace throughline::core::sync
