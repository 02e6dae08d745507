#pragma once
// A subject access request: everything the vault holds about one young person — every record with its full
// history from the change log, the audit entries that concern them, the files received about them — as JSON
// (schema throughline.subject-access/1, docs/subject-access.md) and a readable PDF. Only what the worker
// chooses to withhold under a named legal basis is withheld, and every withholding is listed in the output.
// The worker decides; the tool records.
#include "throughline/base/result.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace throughline::core {

class Vault;

/// The JSON schema key of the export.
inline constexpr std::string_view kSubjectAccessSchema = "throughline.subject-access/1";

/// The legal basis a withholding rests on (UK GDPR / DPA 2018 exemptions). Keys are stable.
enum class WithholdBasis : std::uint8_t {
    ThirdParty,      // "third_party": information identifying another person who has not consented
    SeriousHarm,     // "serious_harm": disclosure likely to cause serious harm (social work data)
    CrimePrevention, // "crime_prevention": disclosure likely to prejudice preventing or detecting crime
};
/// "third_party", "serious_harm", "crime_prevention".
std::string_view withholdBasisKey(WithholdBasis basis);
/// The basis from its key, or its command-line spelling ("third-party", "serious-harm", "crime-prevention").
std::optional<WithholdBasis> withholdBasisFromText(std::string_view text);
/// The provision it refers to, in plain words, for the manifest and the PDF.
std::string_view withholdBasisProvision(WithholdBasis basis);

/// One thing the worker chose to withhold.
struct Withholding {
    enum class Scope : std::uint8_t {
        ThirdParties, // every network member outside the practitioner track: identity replaced by role
        ThirdParty,   // one network member (`recordId`): identity replaced by role
        Record,       // one whole record (`recordId`), with its history and its audit entries
    };
    Scope scope = Scope::ThirdParties;
    std::string recordId;
    WithholdBasis basis = WithholdBasis::ThirdParty;
};

/// Parses one withholding as written on the command line: "third-party", "third-party:MEMBER_ID" or
/// "record:ID:BASIS" (BASIS: serious-harm, crime-prevention or third-party). Invalid with a message
/// otherwise.
Result<Withholding> parseWithholding(std::string_view text);

/// What the caller asks of exportSubjectAccess().
struct SubjectAccessRequest {
    std::string youngPersonId;
    /// Who the copy is for: the young person, or their representative (named in the output and the audit).
    std::string recipient;
    /// Include the placement address, carer or home name and provider (audited). Without it they are left
    /// out and masked in every text, as in every other export, and the output says so.
    bool includeLocation = false;
    std::vector<Withholding> withhold;
    /// Why the worker withheld what they did (required when anything is withheld); goes in the output, not in
    /// the audit trail.
    std::string withholdReason;
    /// Write into a folder that already holds files (the export's own files are replaced).
    bool force = false;
    std::int64_t nowMs = 0; // 0 = now
};

/// What was written.
struct SubjectAccessResult {
    std::filesystem::path jsonFile, pdfFile;
    std::size_t records = 0, changes = 0, auditEntries = 0, attachmentsHeld = 0, attachmentsWritten = 0;
    std::size_t withheld = 0; // entries in the manifest's withheld list
    bool locationIncluded = false;
};

/// The rendered export, before anything is written (for tests and for the renderers).
struct SubjectAccessDocument {
    std::string json;                         // subject-access.json
    std::string pdf;                          // subject-access.pdf
    std::vector<std::int64_t> attachmentIds;  // received attachments to write under attachments/
    std::vector<std::string> attachmentFiles; // their file names, same order
    SubjectAccessResult counts;
    std::string auditDetail; // the audit entry's text: ids and keys only, no record content
};

/// Reads everything held about the young person and renders JSON and PDF; nothing is written and nothing
/// audited. NotFound for an unknown (or deleted) young person; Invalid for a withholding that names a record
/// that is not theirs, the young person's own record, or no reason given when something is withheld.
Result<SubjectAccessDocument> buildSubjectAccess(Vault& vault, const SubjectAccessRequest& request);

/// The whole export: checks `outDir` (created if missing; one that holds files is refused unless
/// request.force), builds the document, writes an Export audit entry for the young person (recipient,
/// counts, withheld ids and bases, whether the location was included), then writes subject-access.json,
/// subject-access.pdf and attachments/* atomically. No audit entry, no files.
Result<SubjectAccessResult> exportSubjectAccess(Vault& vault, const SubjectAccessRequest& request,
                                                const std::filesystem::path& outDir);

} // namespace throughline::core
