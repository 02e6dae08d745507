// subject-access.json: schema throughline.subject-access/1 (docs/subject-access.md). Key order is fixed.
#include "model.hpp"

#include "throughline/base/enum_table.hpp"
#include "throughline/base/time.hpp"

#include <nlohmann/json.hpp>

#include <cctype>

namespace throughline::core::sar {

using Json = nlohmann::ordered_json;

std::string fieldLabel(std::string_view field) {
    std::string out(field);
    if (!out.empty() && out[0] == '_') out.erase(0, 1);
    for (auto& c : out)
        if (c == '_') c = ' ';
    if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
    return out;
}

std::string renderJson(const Model& m) {
    Json root;
    root["schema"] = std::string(kSubjectAccessSchema);
    root["generatedAt"] = isoInstant(m.generatedAt);
    root["youngPersonId"] = m.youngPersonId;
    root["recipient"] = m.recipient;
    root["preparedBy"] = {
        {"name", m.preparedBy}, {"role", m.preparedRole}, {"organisation", m.preparedOrganisation}};

    Json manifest;
    Json counts;
    counts["records"] = m.records.size();
    Json byKind = Json::object();
    std::size_t changes = 0;
    for (const auto& r : m.records) {
        const std::string key(enumKey(r.kind));
        byKind[key] = byKind.value(key, 0) + 1;
        changes += r.history.size();
    }
    counts["recordsByKind"] = byKind;
    counts["changes"] = changes;
    counts["auditEntries"] = m.audit.size();
    counts["attachmentsHeld"] = m.attachments.size();
    std::size_t written = 0;
    for (const auto& a : m.attachments)
        written += a.file.empty() ? 0 : 1;
    counts["attachmentsIncluded"] = written;
    manifest["counts"] = counts;
    manifest["placementLocation"] = {
        {"included", m.locationIncluded},
        {"valuesLeftOut", m.locationValuesWithheld},
        {"note", m.locationIncluded
                     ? "The placement address, carer or home name and provider are included as recorded."
                     : "The placement address, carer or home name and provider are left out of this copy and "
                       "shown as [placement detail withheld], to keep the young person safe if the copy is "
                       "lost. They are the young person's own data and can be provided on request."}};
    Json withheld = Json::array();
    for (const auto& w : m.withheld) {
        Json j;
        j["scope"] = w.scope;
        j["recordId"] = w.recordId.empty() ? Json(nullptr) : Json(w.recordId);
        j["kind"] = w.kind.empty() ? Json(nullptr) : Json(w.kind);
        if (!w.role.empty()) j["replacedWith"] = "[third party withheld: " + w.role + "]";
        j["basis"] = std::string(withholdBasisKey(w.basis));
        j["provision"] = std::string(withholdBasisProvision(w.basis));
        j["reason"] = m.reason;
        withheld.push_back(std::move(j));
    }
    manifest["withheld"] = withheld;
    manifest["attachments"] = m.attachments.empty()
                                  ? "The vault holds no attachments (received files) about this young person."
                                  : "Files received about this young person are listed under attachments; "
                                    "those not included say why.";
    manifest["notIncluded"] = m.notIncluded;
    manifest["decision"] =
        "What is withheld is the decision of the worker who made this export, on the legal "
        "basis given; Throughline records the decision and applies it.";
    root["manifest"] = manifest;

    Json records = Json::array();
    for (const auto& r : m.records) {
        Json j;
        j["kind"] = std::string(enumKey(r.kind));
        j["id"] = r.id;
        j["createdAt"] = isoInstant(r.createdAt);
        j["updatedAt"] = isoInstant(r.updatedAt);
        j["author"] = r.author;
        j["device"] = r.device;
        j["deleted"] = r.deleted;
        if (!r.thirdPartyRole.empty()) j["identityWithheld"] = r.thirdPartyRole;
        Json fields = Json::object();
        for (const auto& [n, v] : r.fields)
            fields[n] = v;
        j["fields"] = fields;
        Json history = Json::array();
        for (const auto& h : r.history)
            history.push_back({{"at", isoInstant(h.at)},
                               {"hlc", h.hlc},
                               {"device", h.device},
                               {"author", h.author},
                               {"field", h.field},
                               {"value", h.value},
                               {"base", h.base}});
        j["history"] = history;
        records.push_back(std::move(j));
    }
    root["records"] = records;

    Json audit = Json::array();
    for (const auto& a : m.audit)
        audit.push_back({{"seq", a.seq},
                         {"at", isoInstant(a.at)},
                         {"kind", a.kind},
                         {"detail", a.detail},
                         {"recordId", a.recordId},
                         {"author", a.author},
                         {"device", a.device}});
    root["audit"] = audit;

    Json attachments = Json::array();
    for (const auto& a : m.attachments) {
        Json j;
        j["name"] = a.name;
        j["mediaType"] = a.mediaType;
        j["sender"] = a.sender;
        j["bundleId"] = a.bundleId;
        j["receivedAt"] = isoInstant(a.receivedAt);
        j["size"] = a.size;
        j["file"] = a.file.empty() ? Json(nullptr) : Json(a.file);
        if (!a.notIncludedBecause.empty()) j["notIncludedBecause"] = a.notIncludedBecause;
        attachments.push_back(std::move(j));
    }
    root["attachments"] = attachments;
    return root.dump(2) + "\n";
}

} // namespace throughline::core::sar
