#pragma once
// The subject access export as plain data, after withholding: what the JSON and the PDF renderers read.
// Internal to the subject_access module.
#include "throughline/subject_access/subject_access.hpp"
#include "throughline/records/records.hpp"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace throughline::core::sar {

struct HistoryEntry {
    std::int64_t at = 0; // UTC ms, from the change's clock
    std::uint64_t hlc = 0;
    std::string device, author, field, value, base;
};

struct RecordEntry {
    RecordKind kind = RecordKind::YoungPerson;
    std::string id;
    std::int64_t createdAt = 0, updatedAt = 0;
    std::string author, device;
    bool deleted = false;
    std::vector<std::pair<std::string, std::string>> fields; // column name, canonical text value
    std::vector<HistoryEntry> history;                       // oldest first
    std::string thirdPartyRole; // set when this network member's identity is withheld
};

struct AuditItem {
    std::int64_t seq = 0, at = 0;
    std::string kind, kindLabel, detail, recordId, author, device;
};

struct AttachmentItem {
    std::int64_t id = 0;
    std::string file; // path inside the output folder, empty when not included
    std::string name, mediaType, sender, bundleId;
    std::int64_t receivedAt = 0;
    std::size_t size = 0;
    std::string notIncludedBecause; // why the bytes are not in this copy, when they are not
};

struct WithheldItem {
    std::string scope;    // "third_party" (every third party), "third_party_member" or "record"
    std::string recordId; // empty for "third_party"
    std::string kind;     // record kind key of recordId
    std::string role;     // for a third party: what replaces their identity
    WithholdBasis basis = WithholdBasis::ThirdParty;
};

struct Model {
    std::string youngPersonId, youngPersonName, recipient, reason;
    std::string preparedBy, preparedRole, preparedOrganisation;
    std::int64_t generatedAt = 0;
    bool locationIncluded = false;
    std::size_t locationValuesWithheld = 0; // confidential values left out or masked
    std::vector<RecordEntry> records;
    std::vector<AuditItem> audit;
    std::vector<AttachmentItem> attachments;
    std::vector<WithheldItem> withheld;
    std::vector<std::string> notIncluded; // what the vault holds that this export leaves out by design
};

std::string renderJson(const Model& model);
Result<std::string> renderPdf(const Model& model);

/// A field's label for people: "location_address" -> "Location address".
std::string fieldLabel(std::string_view field);

} // namespace throughline::core::sar
