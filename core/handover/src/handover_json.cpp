// JSON renderer of the handover summary. The schema is documented in docs/summary-schema.md; keys come out
// in the order written here (ordered_json), so the same summary always gives the same bytes.
#include "throughline/handover/handover.hpp"

#include <nlohmann/json.hpp>

#include "throughline/insight/phase_picture_json.hpp"

namespace throughline::core {

namespace {

using Json = nlohmann::ordered_json;

Json optDate(const std::optional<Date>& d) {
    return d ? Json(d->iso()) : Json(nullptr);
}

Json uses(std::uint32_t flags) {
    Json a = Json::array();
    for (const auto& u : enumEntries<Use>())
        if (hasFlag(flags, u.value)) a.push_back(std::string(u.key));
    return a;
}

Json strings(const std::vector<std::string>& v) {
    Json a = Json::array();
    for (const auto& s : v)
        a.push_back(s);
    return a;
}

// The relational picture per phase: its own versioned part (phasePicture.version), docs/summary-schema.md.
Json phasePicture(const HandoverSummary& s) {
    const PhasePicture& pic = s.phasePicture;
    Json j;
    j["version"] = phasePictureSchemaVersion;
    j["available"] = s.phasePictureAvailable;
    if (!s.phasePictureAvailable) {
        for (const char* k : {"from", "to", "hasPlacement", "placementStart", "endingFrom"})
            j[k] = nullptr;
        j["phases"] = Json::array();
        return j;
    }
    writePhasePictureJson(j, pic);
    return j;
}

Json optText(const std::string& s) {
    return s.empty() ? Json(nullptr) : Json(s);
}

const char* sourceKindKey(SourceKind k) {
    switch (k) {
    case SourceKind::ThisVault:
        return "this_vault";
    case SourceKind::Contact:
        return "contact";
    case SourceKind::UnknownDevice:
        return "unknown_device";
    }
    return "unknown_device";
}

// Who wrote an item: null when it was written in this vault.
Json origin(const HandoverSummary& s, const ItemOrigin& o) {
    if (!o.elsewhere || o.source >= s.sources.size()) return Json(nullptr);
    return Json{{"source", o.source},
                {"author", optText(o.author)},
                {"organisation", optText(o.organisation)},
                {"verified", s.sources[o.source].verified}};
}

} // namespace

std::string renderJson(const RedactedSummary& r) {
    const auto& s = r.model();
    Json j;
    j["format"] = "throughline-handover-summary";
    j["schemaVersion"] = s.schemaVersion;
    j["marking"] = "OFFICIAL-SENSITIVE";
    j["preparedOn"] = s.preparedOn.iso();
    j["preparedBy"] = s.preparedBy;
    j["organisation"] = s.organisation;
    j["recipient"] = s.recipient.empty() ? Json(nullptr) : Json(s.recipient);
    const char* basis = "whole_placement";
    switch (s.period.basis) {
    case PeriodBasis::Requested:
        basis = "requested";
        break;
    case PeriodBasis::SinceLastHandover:
        basis = "since_last_handover";
        break;
    case PeriodBasis::WholePlacement:
        basis = "whole_placement";
        break;
    case PeriodBasis::NoPlacement:
        basis = "last_four_weeks";
        break;
    }
    j["period"] = {{"from", s.period.from.iso()},
                   {"to", s.period.to.iso()},
                   {"days", s.period.days()},
                   {"basis", basis}};
    j["youngPerson"] = {{"id", s.youngPersonId},
                        {"name", s.name},
                        {"preferredName", s.preferredName},
                        {"pronouns", s.pronouns},
                        {"dateOfBirth", optDate(s.dateOfBirth)},
                        {"ageAtEnd", s.ageAtEnd ? Json(*s.ageAtEnd) : Json(nullptr)},
                        {"caseReference", s.caseReference},
                        {"homeAuthority", s.homeAuthority}};
    const auto& p = s.placement;
    Json pl;
    pl["present"] = p.present;
    if (p.present) {
        pl["type"] = std::string(placementCode(p.type));
        pl["typeName"] = std::string(enumDisplay(p.type));
        pl["placementArea"] = p.placementArea;
        pl["start"] = p.start.iso();
        pl["plannedEnd"] = optDate(p.plannedEnd);
        pl["actualEnd"] = optDate(p.actualEnd);
        pl["daysInPlacement"] = p.daysInPlacement;
        Json reasons = Json::array();
        for (auto h : p.reasons)
            reasons.push_back(std::string(enumKey(h)));
        pl["reasons"] = reasons;
        pl["outOfAreaReason"] = p.outOfAreaReason;
        pl["locationRecorded"] = p.locationRecorded;
        pl["locationIncluded"] = r.locationIncluded();
        pl["location"] =
            r.locationIncluded()
                ? Json{{"address", p.locationAddress}, {"name", p.locationName}, {"provider", p.provider}}
                : Json(nullptr);
    }
    j["placement"] = pl;
    j["totals"] = {{"contactsHappened", s.contactsInPeriod}, {"contactsNotHappened", s.contactsNotHappened},
                   {"voiceEntries", s.voice.size()},         {"missingEpisodes", s.missing.size()},
                   {"concerns", s.concerns.size()},          {"openActions", s.openActions.size()},
                   {"overdueActions", s.overdueActions}};
    Json sources = Json::array();
    for (const auto& src : s.sources) {
        const auto& c = src.counts;
        sources.push_back({{"kind", sourceKindKey(src.kind)},
                           {"device", optText(src.device)},
                           {"name", optText(src.name)},
                           {"organisation", optText(src.organisation)},
                           {"verified", src.verified},
                           {"authors", strings(src.authors)},
                           {"records", c.total()},
                           {"counts",
                            {{"contacts", c.contacts},
                             {"networkMembers", c.networkMembers},
                             {"missingEpisodes", c.missingEpisodes},
                             {"openActions", c.openActions},
                             {"placement", c.placement},
                             {"safetyPlan", c.safetyPlan},
                             {"youngPerson", c.youngPerson}}}});
    }
    j["sources"] = sources;
    Json matrix = Json::array();
    for (const auto& c : s.matrix)
        matrix.push_back({{"track", std::string(enumKey(c.track))},
                          {"place", std::string(enumKey(c.place))},
                          {"members", c.members},
                          {"happened", c.happened},
                          {"notHappened", c.notHappened},
                          {"lastContact", optDate(c.lastContact)},
                          {"uses", uses(c.uses)}});
    j["matrix"] = matrix;
    Json network = Json::array();
    for (const auto& m : s.network)
        network.push_back({{"id", m.id},
                           {"name", m.name},
                           {"track", std::string(enumKey(m.track))},
                           {"role", std::string(enumKey(m.role))},
                           {"place", std::string(enumKey(m.place))},
                           {"workerView", std::string(enumKey(m.workerView))},
                           {"youngPersonView", std::string(enumKey(m.youngPersonView))},
                           {"arrangement", std::string(enumKey(m.arrangement))},
                           {"contactsInPeriod", m.contactsInPeriod},
                           {"notHappenedInPeriod", m.notHappenedInPeriod},
                           {"contactsBeforePeriod", m.contactsBeforePeriod},
                           {"lastContact", optDate(m.lastContact)},
                           {"relationship", m.relationship}});
    j["network"] = network;
    Json tracks = Json::array();
    for (const auto& t : s.tracks)
        tracks.push_back({{"track", std::string(enumKey(t.track))},
                          {"happened", t.happened},
                          {"notHappened", t.notHappened},
                          {"lastContact", optDate(t.lastContact)},
                          {"uses", uses(t.uses)},
                          {"facts", strings(t.lines)}});
    j["tracks"] = tracks;
    j["phasePicture"] = phasePicture(s);
    Json gaps = Json::array();
    for (const auto& g : s.gaps)
        gaps.push_back({{"rule", g.rule},
                        {"severity", g.severity},
                        {"title", g.title},
                        {"explanation", g.explanation},
                        {"evidence", strings(g.evidence)}});
    j["gaps"] = {{"available", s.insightAvailable}, {"items", gaps}};
    Json voice = Json::array();
    for (const auto& v : s.voice)
        voice.push_back({{"date", v.date.iso()},
                         {"speaker", "young_person"},
                         {"context", v.context},
                         {"words", v.words},
                         {"origin", origin(s, v.origin)}});
    j["voice"] = voice;
    const auto& sp = s.safetyPlan;
    Json plan;
    plan["available"] = sp.present;
    if (sp.present) {
        plan["version"] = sp.version;
        plan["writtenOn"] = optDate(sp.writtenOn);
        plan["reviewDue"] = optDate(sp.reviewDue);
        plan["reviewOverdue"] = sp.reviewOverdue;
        plan["youngPersonHelpedWrite"] = sp.youngPersonHelpedWrite;
        plan["youngPersonAgrees"] = sp.youngPersonAgrees;
        plan["peopleToTurnTo"] = strings(sp.peopleToTurnTo);
        plan["safePlaces"] = strings(sp.safePlaces);
        plan["unsafePlaces"] = strings(sp.unsafePlaces);
        plan["whatHelps"] = strings(sp.whatHelps);
        plan["youngPersonAgreed"] = strings(sp.youngPersonAgreed);
        plan["adultsAgreed"] = strings(sp.adultsAgreed);
        plan["changesSincePrevious"] = strings(sp.changes);
    }
    j["safetyPlan"] = plan;
    Json missing = Json::array();
    for (const auto& m : s.missing)
        missing.push_back({{"kind", std::string(enumKey(m.kind))},
                           {"startedAt", isoInstant(m.startedAt)},
                           {"endedAt", m.endedAt ? Json(isoInstant(*m.endedAt)) : Json(nullptr)},
                           {"returnInterviewOffered", m.interviewOffered},
                           {"returnInterviewAccepted", m.interviewAccepted},
                           {"returnInterviewDate", optDate(m.interviewDate)},
                           {"notes", m.notes},
                           {"origin", origin(s, m.origin)}});
    j["missingEpisodes"] = missing;
    Json concerns = Json::array();
    for (const auto& c : s.concerns) {
        Json flags = Json::array();
        for (auto f : c.flags)
            flags.push_back(std::string(enumKey(f)));
        concerns.push_back({{"date", c.date.iso()},
                            {"context", c.context},
                            {"flags", flags},
                            {"text", c.text},
                            {"origin", origin(s, c.origin)}});
    }
    j["concerns"] = concerns;
    Json actions = Json::array();
    for (const auto& a : s.openActions)
        actions.push_back({{"description", a.description},
                           {"owner", a.owner},
                           {"due", optDate(a.due)},
                           {"overdue", a.overdue}});
    j["openActions"] = actions;
    j["ending"] = {
        {"direction", s.ending.direction.empty() ? Json(nullptr) : Json(s.ending.direction)},
        {"plannedEnd", optDate(s.ending.plannedEnd)},
        {"daysToPlannedEnd", s.ending.daysToPlannedEnd ? Json(*s.ending.daysToPlannedEnd) : Json(nullptr)},
        {"facts", strings(s.ending.lines)}};
    return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

} // namespace throughline::core
