// The insight picture as JSON for the CLI and for other tools: every matrix cell (a stable shape), every
// member, every gap with its evidence ids.
#include <nlohmann/json.hpp>

#include "throughline/insight/phase_picture_json.hpp"

#include "throughline/insight/insight.hpp"

namespace throughline::core {

namespace {

using Json = nlohmann::ordered_json;

Json optDate(const std::optional<Date>& d) {
    return d ? Json(d->iso()) : Json(nullptr);
}

Json usesOf(std::uint32_t flags) {
    Json out = Json::array();
    for (const auto& e : enumEntries<Use>())
        if (hasFlag(flags, e.value)) out.push_back(std::string(e.key));
    return out;
}

} // namespace

void writePhasePictureJson(Json& j, const PhasePicture& pic) {
    j["from"] = pic.period.from.iso();
    j["to"] = pic.period.to.iso();
    j["hasPlacement"] = pic.hasPlacement;
    j["placementStart"] = optDate(pic.placementStart);
    j["endingFrom"] = optDate(pic.endingFrom);
    Json phases = Json::array();
    for (const auto& g : pic.phases) {
        Json p;
        p["phase"] = enumKey(g.phase);
        p["from"] = optDate(g.from);
        p["to"] = optDate(g.to);
        p["contacts"] = g.contacts;
        Json tracks = Json::array();
        for (const auto& t : enumEntries<Track>()) {
            const auto ti = static_cast<std::size_t>(t.value);
            tracks.push_back(
                {{"track", t.key}, {"contacts", g.trackContacts[ti]}, {"withoutUse", g.withoutUse[ti]}});
        }
        p["tracks"] = std::move(tracks);
        Json cells = Json::array();
        for (const auto& t : enumEntries<Track>())
            for (const auto& u : enumEntries<Use>()) {
                const PhaseCell& c = g.at(t.value, u.value);
                Json people = Json::array();
                for (const auto& person : c.people)
                    people.push_back(
                        {{"id", person.memberId}, {"name", person.name}, {"contacts", person.contacts}});
                cells.push_back({{"track", t.key},
                                 {"use", u.key},
                                 {"contacts", c.contacts},
                                 {"empty", c.empty()},
                                 {"people", std::move(people)}});
            }
        p["cells"] = std::move(cells);
        p["findings"] = g.findings;
        phases.push_back(std::move(p));
    }
    j["phases"] = std::move(phases);
}

static Json phasePictureJson(const PhasePicture& pic) {
    Json j;
    j["version"] = 1;
    writePhasePictureJson(j, pic);
    return j;
}

std::string insightToJson(const Insight& in, const YoungPerson& person) {
    Json j;
    j["schema"] = "throughline.insight/1";
    j["youngPerson"] = {{"id", person.meta.id}, {"name", person.shownName()}};
    j["period"] = {{"from", in.period.from.iso()}, {"to", in.period.to.iso()}, {"asOf", in.asOf.iso()}};
    if (in.placementId.empty())
        j["placement"] = nullptr;
    else
        j["placement"] = {{"id", in.placementId},
                          {"start", optDate(in.placementStart)},
                          {"end", optDate(in.placementEnd)},
                          {"endingFrom", optDate(in.endingFrom)}};
    Json cells = Json::array();
    for (const auto& t : enumEntries<Track>())
        for (const auto& p : enumEntries<Place>())
            for (const auto& ph : enumEntries<Phase>()) {
                const MatrixCell& c = in.matrix.at(t.value, p.value, ph.value);
                cells.push_back({{"track", t.key},
                                 {"place", p.key},
                                 {"phase", ph.key},
                                 {"happened", c.happened},
                                 {"cancelled", c.cancelled},
                                 {"declined", c.declined},
                                 {"didNotAttend", c.didNotAttend},
                                 {"lastContact", optDate(c.lastContact)},
                                 {"daysSinceLast", c.daysSinceLast ? Json(*c.daysSinceLast) : Json(nullptr)},
                                 {"uses", usesOf(c.uses)}});
            }
    j["matrix"] = std::move(cells);
    Json members = Json::array();
    for (const auto& m : in.members)
        members.push_back({{"id", m.memberId},
                           {"name", m.name},
                           {"track", enumKey(m.track)},
                           {"place", enumKey(m.place)},
                           {"role", enumKey(m.role)},
                           {"status", enumKey(m.status)},
                           {"contactsInPeriod", m.contactsInPeriod},
                           {"contactsPreviousPeriod", m.contactsPreviousPeriod},
                           {"trend", enumKey(m.trend)},
                           {"lastContact", optDate(m.lastContact)}});
    j["members"] = std::move(members);
    Json gaps = Json::array();
    for (const auto& g : in.gaps)
        gaps.push_back({{"rule", g.ruleId},
                        {"title", g.title},
                        {"severity", enumKey(g.severity)},
                        {"explanation", g.explanation},
                        {"track", g.track ? Json(std::string(enumKey(*g.track))) : Json(nullptr)},
                        {"memberId", g.memberId.empty() ? Json(nullptr) : Json(g.memberId)},
                        {"evidence", g.evidenceIds}});
    j["gaps"] = std::move(gaps);
    j["phasePicture"] = phasePictureJson(in.phasePicture);
    return j.dump(2);
}

} // namespace throughline::core
