// The handover export: loads a young person's records from the vault, builds, redacts and renders the
// summary, and writes the audit entry that must exist before the bytes leave.
#include "throughline/handover/export.hpp"

#include "throughline/base/text.hpp"
#include "throughline/contacts/contacts.hpp"
#include "throughline/db/audit.hpp"
#include "throughline/records/store.hpp"
#include "throughline/vault/vault.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace throughline::core {

namespace {
std::string recipientPrefix(std::string_view recipient) {
    return "Handover summary for " +
           (recipient.empty() ? std::string("no named recipient") : std::string(recipient)) + " (";
}
} // namespace

std::string handoverAuditDetail(std::string_view recipient, HandoverFormat format,
                                const HandoverPeriod& period, bool locationIncluded) {
    return recipientPrefix(recipient) + std::string(handoverFormatKey(format)) + "), " + period.from.iso() +
           " to " + period.to.iso() + "; placement location " +
           (locationIncluded ? "INCLUDED on purpose" : "withheld");
}

Result<HandoverInput> loadHandoverInput(Vault& vault, const HandoverRequest& req) {
    auto& store = vault.store();
    auto person = store.youngPerson(req.youngPersonId);
    if (!person) return person.error();
    if (person->meta.deleted)
        return makeError(ErrorCode::NotFound, "That young person's record has been deleted.", "young_person");
    HandoverInput in;
    in.person = std::move(person).value();
    in.today = req.today;
    in.from = req.from;
    in.to = req.to;
    in.recipient = std::string(trimmed(req.redaction.recipient));
    in.preparedBy = vault.owner().name;
    in.organisation = vault.owner().organisation;
    auto placements = store.placements(req.youngPersonId);
    if (!placements) return placements.error();
    in.placements = std::move(placements).value();
    auto confidential = store.confidentialSet(req.youngPersonId);
    if (!confidential) return confidential.error();
    in.confidential = std::move(confidential).value();
    // The plan for ending the relocation is recorded on the current (or latest) placement.
    {
        const Placement* latest = nullptr;
        for (const auto& p : in.placements)
            if (p.isCurrent(req.today) || (!latest && !p.actualEnd)) latest = &p;
        if (!latest && !in.placements.empty()) latest = &in.placements.front();
        if (latest && latest->endingPlan != EndingPlan::NotDecided)
            in.endingDirection = std::string(enumKey(latest->endingPlan));
    }
    auto members = store.network(req.youngPersonId);
    if (!members) return members.error();
    in.members = std::move(members).value();
    auto contacts = store.contacts(req.youngPersonId, std::nullopt, req.to);
    if (!contacts) return contacts.error();
    in.contacts = std::move(contacts).value();
    auto actions = store.actions(req.youngPersonId, true);
    if (!actions) return actions.error();
    in.actions = std::move(actions).value();
    auto missing = store.missingEpisodes(req.youngPersonId);
    if (!missing) return missing.error();
    in.missingEpisodes = std::move(missing).value();
    auto plans = store.safetyPlanVersions(req.youngPersonId);
    if (!plans) return plans.error();
    std::vector<SafetyPlan> versions;
    for (auto& p : plans.value())
        if (!p.meta.deleted) versions.push_back(std::move(p));
    if (!versions.empty()) {
        in.safetyPlan = versions.back();
        if (versions.size() > 1) in.previousSafetyPlan = versions[versions.size() - 2];
    }

    // Where the records came from: every other device that wrote one, as this vault's contacts know it.
    in.ownDevice = vault.deviceId();
    {
        std::set<std::string> devices;
        auto note = [&](const RecordMeta& m) {
            if (!m.device.empty() && m.device != in.ownDevice) devices.insert(m.device);
        };
        note(in.person.meta);
        for (const auto& p : in.placements)
            note(p.meta);
        for (const auto& m : in.members)
            note(m.meta);
        for (const auto& c : in.contacts)
            note(c.meta);
        for (const auto& a : in.actions)
            note(a.meta);
        for (const auto& e : in.missingEpisodes)
            note(e.meta);
        if (in.safetyPlan) note(in.safetyPlan->meta);
        for (const auto& device : devices) {
            auto contact = contacts::contactByDevice(vault, device);
            if (!contact) return contact.error();
            if (!contact.value()) continue; // no longer (or never) a contact: an unknown device
            const auto& c = *contact.value();
            in.knownDevices.push_back(
                KnownDevice{device, c.identity.name, c.identity.organisation, c.verified});
        }
    }

    // Default period: since the last handover to this recipient, read back from the audit trail.
    if (!req.from && !in.recipient.empty()) {
        auto entries = vault.audit().recent(1'000'000);
        if (!entries) return entries.error();
        const std::string prefix = recipientPrefix(in.recipient);
        for (const auto& e : entries.value()) {
            if (e.kind != AuditKind::Export || e.recordId != req.youngPersonId) continue;
            if (e.detail.compare(0, prefix.size(), prefix) != 0) continue;
            const Date d = dateOfInstant(e.at);
            if (!in.lastHandoverExport || d > *in.lastHandoverExport) in.lastHandoverExport = d;
        }
    }
    return in;
}

Result<HandoverExport> buildHandover(Vault& vault, const HandoverRequest& req) {
    auto loaded = loadHandoverInput(vault, req);
    if (!loaded) return loaded.error();
    const HandoverInput& in = loaded.value();
    auto redacted = redact(buildHandoverSummary(in), req.redaction);
    if (!redacted) return redacted.error();
    auto bytes = renderHandover(redacted.value(), req.format);
    if (!bytes) return bytes.error();
    HandoverExport out;
    out.period = redacted->model().period;
    out.locationIncluded = redacted->locationIncluded();
    if (auto s = vault.audit().append(
            AuditKind::Export,
            handoverAuditDetail(in.recipient, req.format, out.period, out.locationIncluded),
            req.youngPersonId);
        !s)
        return s.error();
    out.bytes = std::move(bytes).value();
    return out;
}

} // namespace throughline::core
