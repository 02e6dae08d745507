// The subject access export: reads every record of one young person with its change history, the audit
// entries about them and the files received about them, applies only the withholdings the worker chose (and
// the house rule on the placement location), renders JSON and PDF, audits, writes.
#include "throughline/subject_access/subject_access.hpp"

#include "model.hpp"
#include "throughline/base/enum_table.hpp"
#include "throughline/base/files.hpp"
#include "throughline/base/text.hpp"
#include "throughline/base/time.hpp"
#include "throughline/db/audit.hpp"
#include "throughline/db/database.hpp"
#include "throughline/records/fields.hpp"
#include "throughline/records/redaction.hpp"
#include "throughline/records/store.hpp"
#include "throughline/sync/exchange.hpp"
#include "throughline/vault/vault.hpp"

#include <algorithm>
#include <cctype>
#include <limits>
#include <map>
#include <set>
#include <system_error>

namespace throughline::core {

namespace {

constexpr std::string_view kThirdPartyDetailMark = "[third party detail withheld]";

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// Replaces every case-insensitive (ASCII) occurrence of `needle` in `text` with `with`; counts them.
std::size_t replaceAll(std::string& text, const std::string& needle, std::string_view with) {
    if (needle.size() < 3) return 0; // as the redaction policy: short strings would mask at random
    const std::string hay = lower(text), low = lower(needle);
    std::string out;
    std::size_t pos = 0, count = 0;
    while (true) {
        const auto hit = hay.find(low, pos);
        if (hit == std::string::npos) break;
        out.append(text, pos, hit - pos);
        out.append(with);
        pos = hit + low.size();
        ++count;
    }
    if (!count) return 0;
    out.append(text, pos, std::string::npos);
    text = std::move(out);
    return count;
}

// A third party whose identity is withheld: every name they have had, and what replaces it.
struct ThirdParty {
    std::string id, role;
    std::vector<std::string> names; // longest first
};

bool isThirdPartyDetail(std::string_view field) {
    return field == "name" || field == "notes" || field == "arrangement_reason" || field == "source";
}

std::string withheldName(const std::string& role) {
    return "[third party withheld: " + role + "]";
}

} // namespace

std::string_view withholdBasisKey(WithholdBasis basis) {
    switch (basis) {
    case WithholdBasis::ThirdParty:
        return "third_party";
    case WithholdBasis::SeriousHarm:
        return "serious_harm";
    case WithholdBasis::CrimePrevention:
        return "crime_prevention";
    }
    return "third_party";
}

std::optional<WithholdBasis> withholdBasisFromText(std::string_view text) {
    for (auto b : {WithholdBasis::ThirdParty, WithholdBasis::SeriousHarm, WithholdBasis::CrimePrevention}) {
        std::string key(withholdBasisKey(b)), dashed = key;
        std::replace(dashed.begin(), dashed.end(), '_', '-');
        if (text == key || text == dashed) return b;
    }
    return std::nullopt;
}

std::string_view withholdBasisProvision(WithholdBasis basis) {
    switch (basis) {
    case WithholdBasis::ThirdParty:
        return "Information about another person who has not consented: UK GDPR Article 15(4); Data "
               "Protection Act 2018, Schedule 2, Part 3, paragraphs 16 and 17.";
    case WithholdBasis::SeriousHarm:
        return "Disclosure would be likely to cause serious harm to the physical or mental health of the "
               "young person or another person: Data Protection Act 2018, Schedule 3, Part 3 (social work "
               "data), paragraph 7.";
    case WithholdBasis::CrimePrevention:
        return "Disclosure would be likely to prejudice the prevention or detection of crime: Data "
               "Protection Act 2018, Schedule 2, Part 1, paragraph 2.";
    }
    return {};
}

Result<Withholding> parseWithholding(std::string_view text) {
    const auto bad = [&](const std::string& why) -> Result<Withholding> {
        return makeError(
            ErrorCode::Invalid,
            "Cannot read the withholding '" + std::string(text) + "': " + why +
                " Use third-party, third-party:MEMBER_ID or record:ID:BASIS (BASIS: serious-harm, "
                "crime-prevention or third-party).",
            "withhold");
    };
    Withholding w;
    if (text == "third-party") return w;
    if (text.rfind("third-party:", 0) == 0) {
        w.scope = Withholding::Scope::ThirdParty;
        w.recordId = std::string(text.substr(12));
        if (!isUuid(w.recordId)) return bad("'" + w.recordId + "' is not a record id.");
        return w;
    }
    if (text.rfind("record:", 0) == 0) {
        const auto rest = text.substr(7);
        const auto colon = rest.find(':');
        if (colon == std::string_view::npos) return bad("a withheld record needs its legal basis.");
        w.scope = Withholding::Scope::Record;
        w.recordId = std::string(rest.substr(0, colon));
        if (!isUuid(w.recordId)) return bad("'" + w.recordId + "' is not a record id.");
        const auto basis = withholdBasisFromText(rest.substr(colon + 1));
        if (!basis) return bad("'" + std::string(rest.substr(colon + 1)) + "' is not a legal basis.");
        w.basis = *basis;
        return w;
    }
    return bad("it is not one of the kinds of withholding.");
}

namespace {

constexpr RecordKind kKinds[] = {RecordKind::YoungPerson, RecordKind::Placement, RecordKind::NetworkMember,
                                 RecordKind::Contact,     RecordKind::Action,    RecordKind::MissingEpisode,
                                 RecordKind::SafetyPlan};

// Every row of the young person's records, deleted ones included, as stored (canonical text values).
std::vector<sar::RecordEntry> readRecords(Database& db, const std::string& ypId) {
    std::vector<sar::RecordEntry> out;
    for (RecordKind kind : kKinds) {
        const auto names = detail::fieldNames(kind);
        std::string sql = "SELECT id, created_at, updated_at, author, device, deleted";
        for (const auto& n : names)
            sql += ", " + n;
        sql += " FROM " + detail::tableOf(kind);
        sql += kind == RecordKind::YoungPerson ? " WHERE id = ?" : " WHERE young_person_id = ?";
        sql += " ORDER BY created_at, id";
        auto s = db.prepare(sql);
        s.bind(1, ypId);
        while (s.step()) {
            sar::RecordEntry r;
            r.kind = kind;
            r.id = s.text(0);
            r.createdAt = s.integer(1);
            r.updatedAt = s.integer(2);
            r.author = s.text(3);
            r.device = s.text(4);
            r.deleted = s.integer(5) != 0;
            int col = 6;
            for (const auto& n : names) {
                r.fields.emplace_back(n, s.isNull(col) ? std::string() : s.text(col));
                ++col;
            }
            out.push_back(std::move(r));
        }
    }
    return out;
}

std::string fieldValue(const sar::RecordEntry& r, std::string_view field) {
    for (const auto& [n, v] : r.fields)
        if (n == field) return v;
    return {};
}

} // namespace

Result<SubjectAccessDocument> buildSubjectAccess(Vault& vault, const SubjectAccessRequest& request) {
    if (!isUuid(request.youngPersonId))
        return makeError(ErrorCode::NotFound, "There is no young person with that id in this vault.",
                         "young-person");
    sar::Model model;
    model.youngPersonId = request.youngPersonId;
    model.recipient = request.recipient;
    model.reason = request.withholdReason;
    model.locationIncluded = request.includeLocation;
    model.generatedAt = request.nowMs ? request.nowMs : nowMillis();
    model.preparedBy = vault.owner().name;
    model.preparedRole = vault.owner().role;
    model.preparedOrganisation = vault.owner().organisation;
    if (request.recipient.empty())
        return makeError(ErrorCode::Invalid,
                         "Say who the copy is for: the young person, or their representative by name.",
                         "recipient");
    if (!request.withhold.empty() && request.withholdReason.empty())
        return makeError(
            ErrorCode::Invalid,
            "Give the reason for withholding: it is listed in the export beside what was withheld.",
            "withhold-reason");

    Database& db = vault.database();
    Store& store = vault.store();
    try {
        model.records = readRecords(db, request.youngPersonId);
    } catch (const DbError& e) {
        return e.toError();
    }
    if (model.records.empty() || model.records.front().kind != RecordKind::YoungPerson ||
        model.records.front().deleted)
        return makeError(ErrorCode::NotFound, "There is no young person with that id in this vault.",
                         "young-person");
    std::map<std::string, const sar::RecordEntry*> byId;
    for (const auto& r : model.records)
        byId[r.id] = &r;

    // The withholdings, checked against this young person's records.
    std::set<std::string> withheldRecords;
    std::map<std::string, ThirdParty> thirdParties;
    auto addThirdParty = [&](const sar::RecordEntry& m) {
        ThirdParty t;
        t.id = m.id;
        const auto role = enumFromKey<Role>(fieldValue(m, "role"));
        t.role = role ? std::string(enumDisplay(*role)) : std::string("network member");
        t.role[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(t.role[0])));
        thirdParties[m.id] = std::move(t);
    };
    bool allThirdParties = false;
    for (const auto& w : request.withhold) {
        if (w.scope == Withholding::Scope::ThirdParties) {
            if (allThirdParties) continue;
            allThirdParties = true;
            for (const auto& r : model.records)
                if (r.kind == RecordKind::NetworkMember && fieldValue(r, "track") != "practitioner")
                    addThirdParty(r);
            model.withheld.push_back({"third_party", {}, {}, {}, WithholdBasis::ThirdParty});
            continue;
        }
        const auto it = byId.find(w.recordId);
        if (it == byId.end())
            return makeError(ErrorCode::Invalid,
                             "The record " + w.recordId +
                                 " to withhold is not one of this young person's records.",
                             "withhold");
        const sar::RecordEntry& r = *it->second;
        if (w.scope == Withholding::Scope::ThirdParty) {
            if (r.kind != RecordKind::NetworkMember)
                return makeError(ErrorCode::Invalid,
                                 "The record " + w.recordId +
                                     " is not a person in the young person's network.",
                                 "withhold");
            addThirdParty(r);
            continue; // listed below, once per member
        }
        if (r.kind == RecordKind::YoungPerson)
            return makeError(ErrorCode::Invalid,
                             "The young person's own record cannot be withheld as a whole; withhold the "
                             "records that would cause harm instead.",
                             "withhold");
        if (withheldRecords.insert(r.id).second)
            model.withheld.push_back({"record", r.id, std::string(enumKey(r.kind)), {}, w.basis});
    }
    for (auto& [id, t] : thirdParties) {
        const sar::RecordEntry& m = *byId.at(id);
        if (const auto name = fieldValue(m, "name"); !name.empty()) t.names.push_back(name);
        if (!allThirdParties || fieldValue(m, "track") == "practitioner")
            model.withheld.push_back({"third_party_member", id,
                                      std::string(enumKey(RecordKind::NetworkMember)), t.role,
                                      WithholdBasis::ThirdParty});
    }

    // Histories (and every earlier name of a withheld third party).
    std::size_t changes = 0;
    for (auto& r : model.records) {
        if (withheldRecords.count(r.id)) continue;
        auto history = store.changesFor(r.id);
        if (!history) return history.error();
        for (const auto& c : history.value()) {
            sar::HistoryEntry h;
            h.hlc = c.hlc;
            h.at = static_cast<std::int64_t>(c.hlc >> 16);
            h.device = c.device;
            h.author = c.author;
            h.field = c.field;
            h.value = c.value;
            h.base = c.base;
            if (c.field == "name" && thirdParties.count(r.id) && !c.value.empty())
                thirdParties[r.id].names.push_back(c.value);
            r.history.push_back(std::move(h));
        }
        changes += r.history.size();
    }
    for (auto& [id, t] : thirdParties) {
        std::sort(t.names.begin(), t.names.end(),
                  [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
        t.names.erase(std::unique(t.names.begin(), t.names.end()), t.names.end());
    }

    ConfidentialSet confidential;
    if (!request.includeLocation) {
        auto set = store.confidentialSet(request.youngPersonId);
        if (!set) return set.error();
        confidential = std::move(set).value();
    }
    // Free text: the location (unless included) and the names of withheld third parties.
    auto maskText = [&](std::string& text) {
        if (!request.includeLocation) model.locationValuesWithheld += confidential.mask(text);
        for (const auto& [id, t] : thirdParties)
            for (const auto& n : t.names)
                replaceAll(text, n, "[" + t.role + "]");
    };
    // Who prepared it and for whom: a key worker employed by the provider names it in their organisation.
    if (!request.includeLocation)
        for (std::string* text :
             {&model.preparedBy, &model.preparedRole, &model.preparedOrganisation, &model.recipient})
            model.locationValuesWithheld += confidential.mask(*text);
    auto maskValue = [&](const sar::RecordEntry& r, const std::string& field, std::string& value) {
        if (value.empty()) return;
        if (!request.includeLocation && isConfidentialField(r.kind, field)) {
            value = std::string(kWithheldMark);
            ++model.locationValuesWithheld;
            return;
        }
        if (const auto t = thirdParties.find(r.id); t != thirdParties.end() && isThirdPartyDetail(field)) {
            value = field == "name" ? withheldName(t->second.role) : std::string(kThirdPartyDetailMark);
            return;
        }
        if (detail::isFreeTextField(r.kind, field)) maskText(value);
    };

    std::vector<sar::RecordEntry> kept;
    for (auto& r : model.records) {
        if (withheldRecords.count(r.id)) continue;
        if (const auto t = thirdParties.find(r.id); t != thirdParties.end())
            r.thirdPartyRole = t->second.role;
        for (auto& [field, value] : r.fields)
            maskValue(r, field, value);
        for (auto& h : r.history)
            maskValue(r, h.field, h.value);
        kept.push_back(std::move(r));
    }
    model.records = std::move(kept);
    model.youngPersonName = fieldValue(model.records.front(), "name"); // a formal copy: the full name

    // The audit entries about this young person or one of their records (not those of a withheld record).
    std::set<std::string> ids;
    for (const auto& r : model.records)
        ids.insert(r.id);
    auto entries = vault.audit().recent(std::numeric_limits<int>::max());
    if (!entries) return entries.error();
    for (const auto& e : entries.value()) {
        if (e.recordId.empty() || !ids.count(e.recordId)) continue;
        sar::AuditItem a;
        a.seq = e.seq;
        a.at = e.at;
        a.kind = std::string(enumKey(e.kind));
        a.kindLabel = std::string(enumDisplay(e.kind));
        a.detail = e.detail;
        maskText(a.detail);
        a.recordId = e.recordId;
        a.author = e.author;
        a.device = e.device;
        model.audit.push_back(std::move(a));
    }
    std::sort(model.audit.begin(), model.audit.end(),
              [](const sar::AuditItem& a, const sar::AuditItem& b) { return a.seq < b.seq; });

    // Files received about the young person (handover summaries from colleagues).
    auto received = sync::receivedAttachments(vault);
    if (!received) return received.error();
    std::size_t held = 0;
    SubjectAccessDocument doc;
    for (const auto& a : received.value()) {
        if (a.youngPersonId != request.youngPersonId) continue;
        ++held;
        sar::AttachmentItem item;
        item.id = a.id;
        item.name = a.name;
        item.mediaType = a.mediaType;
        item.sender = a.senderName;
        item.bundleId = a.bundleId;
        item.receivedAt = a.receivedAt;
        item.size = a.size;
        maskText(item.name);
        // A received file cannot be edited here: when anything must be masked, it is listed, not copied.
        if (!thirdParties.empty())
            item.notIncludedBecause = "It may name third parties whose identity is withheld in this copy; a "
                                      "copy edited by hand can be provided separately.";
        else if (!request.includeLocation)
            item.notIncludedBecause = "It may show the placement location, which is left out of this copy.";
        else {
            std::string safe;
            for (char c : a.name)
                safe += (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_')
                            ? c
                            : '_';
            item.file = "attachments/" + std::to_string(a.id) + "-" + safe;
            doc.attachmentIds.push_back(a.id);
            doc.attachmentFiles.push_back(item.file);
        }
        model.attachments.push_back(std::move(item));
    }

    model.notIncluded = {
        "Audit entries that are not about one of this young person's records (unlocks, passphrase changes, "
        "and bundles exchanged for several young people at once).",
        "This export's own audit entry, which is written after the export is made.",
        "Drafts of records not yet saved, and sync conflicts (their values are in the history above).",
    };

    doc.json = sar::renderJson(model);
    if (!request.includeLocation && confidential.foundIn(doc.json))
        return makeError(ErrorCode::Internal,
                         "The export could not be made without showing the confidential placement location.");
    auto pdf = sar::renderPdf(model);
    if (!pdf) return pdf.error();
    doc.pdf = std::move(pdf).value();

    auto& c = doc.counts;
    c.records = model.records.size();
    c.changes = changes;
    c.auditEntries = model.audit.size();
    c.attachmentsHeld = held;
    c.attachmentsWritten = doc.attachmentIds.size();
    c.withheld = model.withheld.size();
    c.locationIncluded = request.includeLocation;

    // The audit entry: ids and keys only, never content (the reason is the worker's text: not here).
    std::string d = "Subject access export for young person " + request.youngPersonId + " to " +
                    request.recipient + ": " + std::to_string(c.records) + " records, " +
                    std::to_string(c.changes) + " changes, " + std::to_string(c.auditEntries) +
                    " audit entries, " + std::to_string(c.attachmentsWritten) + " of " +
                    std::to_string(held) + " attachments";
    d += request.includeLocation ? "; INCLUDING the confidential placement location"
                                 : "; confidential placement location left out";
    if (model.withheld.empty())
        d += "; nothing withheld";
    else {
        d += "; withheld:";
        bool first = true;
        for (const auto& w : model.withheld) {
            d += first ? " " : ", ";
            first = false;
            d += w.scope + (w.recordId.empty() ? "" : " " + w.recordId) + " (" +
                 std::string(withholdBasisKey(w.basis)) + ")";
        }
    }
    doc.auditDetail = std::move(d);
    return doc;
}

Result<SubjectAccessResult> exportSubjectAccess(Vault& vault, const SubjectAccessRequest& request,
                                                const std::filesystem::path& outDir) {
    namespace fs = std::filesystem;
    if (outDir.empty())
        return makeError(ErrorCode::Invalid, "Choose a folder to write the export to.", "out");
    std::error_code ec;
    if (fs::exists(outDir, ec)) {
        if (!fs::is_directory(outDir, ec))
            return makeError(ErrorCode::Invalid, "'" + outDir.string() + "' is a file, not a folder.", "out");
        if (!fs::is_empty(outDir, ec) && !request.force)
            return makeError(ErrorCode::Invalid,
                             "The folder '" + outDir.string() +
                                 "' already holds files. Choose an empty or new folder, or allow replacing "
                                 "the export's files in it.",
                             "out");
    }
    auto doc = buildSubjectAccess(vault, request);
    if (!doc) return doc.error();
    fs::create_directories(outDir, ec);
    if (ec)
        return makeError(ErrorCode::Io,
                         "Could not create the folder '" + outDir.string() + "': " + ec.message(), "out");
    if (!doc->attachmentIds.empty()) {
        fs::create_directories(outDir / "attachments", ec);
        if (ec)
            return makeError(ErrorCode::Io, "Could not create the attachments folder: " + ec.message(),
                             "out");
    }
    if (auto s = vault.audit().append(AuditKind::Export, doc->auditDetail, request.youngPersonId); !s)
        return s.error();
    const auto write = [](const fs::path& p, const std::string& text) {
        return atomicWriteFile(p, std::vector<std::uint8_t>(text.begin(), text.end()));
    };
    SubjectAccessResult result = doc->counts;
    result.jsonFile = outDir / "subject-access.json";
    result.pdfFile = outDir / "subject-access.pdf";
    if (auto s = write(result.jsonFile, doc->json); !s) return s.error();
    if (auto s = write(result.pdfFile, doc->pdf); !s) return s.error();
    for (std::size_t i = 0; i < doc->attachmentIds.size(); ++i)
        if (auto s = sync::saveAttachment(vault, doc->attachmentIds[i], outDir / doc->attachmentFiles[i]); !s)
            return s.error();
    return result;
}

} // namespace throughline::core
