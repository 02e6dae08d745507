// The handover summary model: period choice, the pure build, redaction and the choice of renderer.
#include "throughline/handover/handover.hpp"
#include "throughline/base/text.hpp"

#include "handover_text.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

namespace throughline::core {

namespace {

constexpr std::int64_t msPerDay = 86'400'000;

bool happened(const ContactRecord& c) {
    return c.status == ContactStatus::Happened;
}

int trackIndex(Track t) {
    return static_cast<int>(t);
}

// The placement the summary is about: the latest one that overlaps the period, else the latest before it.
const Placement* choosePlacement(const std::vector<Placement>& placements, const Date& from, const Date& to) {
    const Placement* best = nullptr;
    for (const auto& p : placements) {
        if (p.meta.deleted) continue;
        const bool overlaps = p.start <= to && (!p.actualEnd || *p.actualEnd >= from);
        if (!overlaps) continue;
        if (!best || std::tie(p.start, p.meta.id) > std::tie(best->start, best->meta.id)) best = &p;
    }
    if (best) return best;
    for (const auto& p : placements) {
        if (p.meta.deleted || p.start > to) continue;
        if (!best || std::tie(p.start, p.meta.id) > std::tie(best->start, best->meta.id)) best = &p;
    }
    return best;
}

std::string joinNames(const std::vector<std::string>& names, std::size_t max = 8) {
    std::string out;
    for (std::size_t i = 0; i < names.size() && i < max; ++i) {
        if (i > 0) out += (i + 1 == names.size() || i + 1 == max) && names.size() <= max ? " and " : ", ";
        out += names[i];
    }
    if (names.size() > max) out += " and " + std::to_string(names.size() - max) + " more";
    return out;
}

std::string lowerFirst(std::string s) {
    if (!s.empty()) s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
    return s;
}

std::string plural(int n, std::string_view one, std::string_view many) {
    return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

std::string contextOf(const ContactRecord& c,
                      const std::unordered_map<std::string, const NetworkMember*>& byId) {
    std::vector<std::string> names;
    for (const auto& id : c.participantIds)
        if (auto it = byId.find(id); it != byId.end()) names.push_back(it->second->name);
    std::string s(enumDisplay(c.kind));
    if (!names.empty()) s += " with " + joinNames(names, 4);
    switch (c.place) {
    case Place::HomeArea:
        s += ", in the home area";
        break;
    case Place::PlacementArea:
        s += ", in the placement area";
        break;
    case Place::Online:
        s += ", online";
        break;
    }
    if (c.status != ContactStatus::Happened) s += " (" + std::string(enumDisplay(c.status)) + ")";
    return s;
}

// Newest first; a fixed tie-break on time of day and id keeps the order stable.
bool newerContact(const ContactRecord* a, const ContactRecord* b) {
    const int ta = a->startTime ? a->startTime->minutes : -1;
    const int tb = b->startTime ? b->startTime->minutes : -1;
    return std::tie(b->date, tb, b->meta.id) < std::tie(a->date, ta, a->meta.id);
}

void buildTracks(HandoverSummary& s) {
    static const Track tracks[] = {Track::Practitioner, Track::Family, Track::PeerCommunity};
    for (Track t : tracks) {
        TrackFacts f;
        f.track = t;
        std::vector<std::string> maintained, disrupted, fresh, dormant;
        std::vector<const MemberFacts*> onTrack;
        for (const auto& m : s.network) {
            if (m.track != t) continue;
            onTrack.push_back(&m);
            f.notHappened += m.notHappenedInPeriod;
            if (m.lastContact && (!f.lastContact || *m.lastContact > *f.lastContact))
                f.lastContact = m.lastContact;
            if (m.relationship == "maintained")
                maintained.push_back(m.name);
            else if (m.relationship == "disrupted")
                disrupted.push_back(m.name);
            else if (m.relationship == "new")
                fresh.push_back(m.name);
            else
                dormant.push_back(m.name);
        }
        for (const auto& cell : s.matrix)
            if (cell.track == t) {
                f.happened += cell.happened;
                f.uses |= cell.uses;
            }
        if (onTrack.empty()) {
            f.lines.push_back("Nobody on this track is recorded in the young person's network.");
        } else if (f.happened == 0) {
            f.lines.push_back("No contact on this track happened in the period" +
                              std::string(f.notHappened > 0
                                              ? " (" + plural(f.notHappened, "contact", "contacts") +
                                                    " cancelled, declined or not attended)."
                                              : "."));
        } else {
            f.lines.push_back(plural(f.happened, "contact", "contacts") + " happened in the period" +
                              (f.notHappened > 0 ? "; " + plural(f.notHappened, "other was", "others were") +
                                                       " cancelled, declined or not attended."
                                                 : "."));
            // Who, how often: the most frequent first.
            std::vector<const MemberFacts*> busiest;
            for (auto* m : onTrack)
                if (m->contactsInPeriod > 0) busiest.push_back(m);
            std::stable_sort(busiest.begin(), busiest.end(),
                             [](auto* a, auto* b) { return a->contactsInPeriod > b->contactsInPeriod; });
            std::vector<std::string> who;
            for (auto* m : busiest)
                who.push_back(m->name + " (" + std::to_string(m->contactsInPeriod) + ")");
            f.lines.push_back("Who and how often: " + joinNames(who, 6) + ".");
        }
        if (f.lastContact) {
            const auto days = s.period.to.toDays() - f.lastContact->toDays();
            f.lines.push_back("Last contact: " + f.lastContact->display() +
                              (days > 0 ? " (" + daysText(days) + " before the end of the period)." : "."));
        }
        if (f.happened > 0) {
            // What the relationships did for the young person; collaboration is the use practice most often
            // misses, so its absence is said out loud.
            std::vector<std::string> used;
            for (const auto& u : enumEntries<Use>())
                if (hasFlag(f.uses, u.value)) used.push_back(std::string(u.key));
            std::string line = used.empty() ? "No use (consistency, collaboration or safety) was recorded"
                                            : "Uses recorded: " + joinNames(used);
            if (!used.empty() && !hasFlag(f.uses, Use::Collaboration)) line += "; no collaboration recorded";
            f.lines.push_back(line + ".");
        }
        if (!maintained.empty()) f.lines.push_back("Maintained: " + joinNames(maintained) + ".");
        // The insight engine reads these against the move; the fallback reads them against the period.
        if (!disrupted.empty())
            f.lines.push_back((s.insightAvailable
                                   ? "Disrupted (contact before the move, none since): "
                                   : "Disrupted (contact before the period, none during it): ") +
                              joinNames(disrupted) + ".");
        if (!fresh.empty())
            f.lines.push_back((s.insightAvailable ? "New since the move: " : "New in the period: ") +
                              joinNames(fresh) + ".");
        if (!dormant.empty()) f.lines.push_back("No contact recorded at all: " + joinNames(dormant) + ".");
        s.tracks.push_back(std::move(f));
    }
}

void buildEnding(HandoverSummary& s, const HandoverInput& in) {
    auto& e = s.ending;
    e.direction = in.endingDirection;
    if (s.placement.present) {
        e.plannedEnd = s.placement.actualEnd ? s.placement.actualEnd : s.placement.plannedEnd;
        if (e.plannedEnd)
            e.daysToPlannedEnd = static_cast<int>(e.plannedEnd->toDays() - s.preparedOn.toDays());
    }
    auto protectiveIn = [&](Place place, bool withContact) {
        std::vector<std::string> names;
        for (const auto& m : s.network) {
            const bool protective = m.workerView == View::Protective || m.youngPersonView == View::Protective;
            if (!protective || m.place != place || m.arrangement == Arrangement::NoContact) continue;
            if ((m.contactsInPeriod > 0) == withContact) names.push_back(m.name);
        }
        return names;
    };
    const auto homeKept = protectiveIn(Place::HomeArea, true);
    const auto homeQuiet = protectiveIn(Place::HomeArea, false);
    const auto placementKept = protectiveIn(Place::PlacementArea, true);
    const auto placementQuiet = protectiveIn(Place::PlacementArea, false);
    e.lines.push_back("Protective relationships in the home area with contact in the period: " +
                      (homeKept.empty() ? std::string("none") : joinNames(homeKept)) + ".");
    if (!homeQuiet.empty())
        e.lines.push_back("Protective relationships in the home area with no contact in the period: " +
                          joinNames(homeQuiet) + ".");
    e.lines.push_back("Protective relationships in the placement area with contact in the period: " +
                      (placementKept.empty() ? std::string("none") : joinNames(placementKept)) + ".");
    if (!placementQuiet.empty())
        e.lines.push_back("Protective relationships in the placement area with no contact in the period: " +
                          joinNames(placementQuiet) + ".");
    int harmfulHome = 0;
    for (const auto& m : s.network)
        if (m.place == Place::HomeArea && m.workerView == View::Harmful) ++harmfulHome;
    if (harmfulHome > 0)
        e.lines.push_back(
            plural(harmfulHome, "relationship", "relationships") +
            " in the home area the worker sees as harmful: a return home needs a plan for them.");
    if (e.direction == "return_home") {
        e.lines.push_back(homeKept.empty()
                              ? "The plan is a return to the home area, but no protective home-area "
                                "relationship had contact in the period."
                              : "The plan is a return to the home area; the home-area relationships "
                                "kept up above are what it can build on.");
    } else if (e.direction == "settle") {
        e.lines.push_back(
            placementKept.empty()
                ? "The plan is to settle where placed, but no protective placement-area "
                  "relationship had contact in the period."
                : "The plan is to settle where placed; the placement-area relationships above are "
                  "what it can build on.");
    }
}

const char* severityKey(Severity v) {
    switch (v) {
    case Severity::Serious:
        return "serious";
    case Severity::Warning:
        return "warning";
    case Severity::Info:
        return "info";
    }
    return "info";
}

// The insight engine's findings, with each evidence id turned into a line a reader can check.
void mergeInsight(HandoverSummary& s, const Insight& insight, const HandoverInput& in,
                  const std::unordered_map<std::string, const NetworkMember*>& byId,
                  const std::function<std::string(const RecordMeta&)>& originOf) {
    s.insightAvailable = true;
    s.phasePictureAvailable = true;
    s.phasePicture = insight.phasePicture;
    // Only the records a gap points at are described (a year's contacts need not all be formatted).
    std::unordered_map<std::string, std::string> evidence;
    for (const auto& g : insight.gaps)
        for (const auto& id : g.evidenceIds)
            evidence.emplace(id, std::string());
    // Records written in another vault say who wrote them.
    auto from = [&](const RecordMeta& m) {
        const std::string o = originOf(m);
        return o.empty() ? o : "; " + lowerFirst(o);
    };
    for (const auto& c : in.contacts)
        if (auto it = evidence.find(c.meta.id); it != evidence.end())
            it->second = c.date.display() + ": " + contextOf(c, byId) + from(c.meta);
    for (const auto& a : in.actions)
        if (auto it = evidence.find(a.meta.id); it != evidence.end())
            it->second = "Action: " + a.description +
                         (a.due ? " (due " + a.due->display() + ")" : std::string()) + from(a.meta);
    for (const auto& e : in.missingEpisodes)
        if (auto it = evidence.find(e.meta.id); it != evidence.end())
            it->second = std::string(e.kind == MissingKind::Missing ? "Missing from placement"
                                                                    : "Away without permission") +
                         " from " + dateOfInstant(e.startedAt).display() + from(e.meta);
    for (const auto& m : in.members)
        if (auto it = evidence.find(m.meta.id); it != evidence.end())
            it->second = "Network member: " + m.name;
    // A placement is evidence for its ending plan; its location and provider never appear here.
    for (const auto& p : in.placements)
        if (auto it = evidence.find(p.meta.id); it != evidence.end()) {
            std::string line = "Placement from " + p.start.display();
            if (p.actualEnd)
                line += ", ended " + p.actualEnd->display();
            else if (p.plannedEnd)
                line += ", planned to end " + p.plannedEnd->display();
            it->second =
                line + "; ending plan: " + lowerFirst(std::string(enumDisplay(p.endingPlan))) + from(p.meta);
        }
    if (in.safetyPlan)
        if (auto it = evidence.find(in.safetyPlan->meta.id); it != evidence.end())
            it->second = "Safety plan, version " + std::to_string(in.safetyPlan->version);
    for (const auto& g : insight.gaps) {
        GapEntry e;
        e.rule = g.ruleId;
        e.severity = severityKey(g.severity);
        e.title = g.title;
        e.explanation = g.explanation;
        for (const auto& id : g.evidenceIds) {
            auto it = evidence.find(id);
            e.evidence.push_back(it != evidence.end() && !it->second.empty()
                                     ? it->second
                                     : "A record not shown in this summary");
        }
        s.gaps.push_back(std::move(e));
    }
    // The engine reads maintained / disrupted / new against the move itself, which is what a reader
    // means by those words; prefer it to the period-relative reading made above.
    std::unordered_map<std::string, MemberStatus> status;
    for (const auto& m : insight.members)
        status.emplace(m.memberId, m.status);
    for (auto& m : s.network) {
        auto it = status.find(m.id);
        if (it == status.end()) continue;
        switch (it->second) {
        case MemberStatus::Maintained:
            m.relationship = "maintained";
            break;
        case MemberStatus::Disrupted:
            m.relationship = "disrupted";
            break;
        case MemberStatus::New:
            m.relationship = "new";
            break;
        case MemberStatus::Dormant:
            m.relationship = "dormant";
            break;
        }
    }
}

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::size_t b = 0;
    while (b <= text.size()) {
        std::size_t e = text.find('\n', b);
        if (e == std::string::npos) e = text.size();
        std::string line = text.substr(b, e - b);
        while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
            line.pop_back();
        if (!line.empty()) out.push_back(std::move(line));
        b = e + 1;
    }
    return out;
}

void mergeSafetyPlan(HandoverSummary& s, const SafetyPlan& p, const HandoverInput& in,
                     const std::unordered_map<std::string, const NetworkMember*>& byId) {
    auto& f = s.safetyPlan;
    f.present = true;
    f.version = p.version;
    if (p.meta.createdAt > 0) f.writtenOn = dateOfInstant(p.meta.createdAt);
    f.reviewDue = p.reviewDate;
    f.reviewOverdue = p.reviewDate && *p.reviewDate < in.today;
    f.youngPersonHelpedWrite = p.youngPersonContributed;
    f.youngPersonAgrees = p.youngPersonAgrees;
    for (const auto& id : p.peopleIds) {
        auto it = byId.find(id);
        f.peopleToTurnTo.push_back(it != byId.end() ? it->second->name : "Someone no longer in the network");
    }
    f.safePlaces = lines(p.safePlaces);
    f.unsafePlaces = lines(p.unsafePlaces);
    f.whatHelps = lines(p.whatHelps);
    f.youngPersonAgreed = lines(p.youngPersonAgreed);
    f.adultsAgreed = lines(p.adultsAgreed);
    f.changes = in.safetyPlanChanges;
    if (f.changes.empty() && in.previousSafetyPlan)
        f.changes = diffSafetyPlans(*in.previousSafetyPlan, p, in.members);
}

// Tallies where the summary's records came from (HandoverSummary::sources) and who wrote each item. Sources
// are keyed by device ("" for this vault) while counting; finish() puts them in reading order.
class SourceTally {
  public:
    explicit SourceTally(const HandoverInput& in) : m_in(in) {
        SourceFacts own;
        own.kind = SourceKind::ThisVault;
        own.device = in.ownDevice;
        own.name = in.preparedBy;
        own.organisation = in.organisation;
        m_sources.emplace(std::string(), std::move(own));
    }

    /// Counts one record (`field` picks what kind it is) and returns who wrote it.
    ItemOrigin count(const RecordMeta& meta, int SourceCounts::*field) {
        auto& f = sourceOf(meta);
        ++(f.counts.*field);
        if (!meta.author.empty() &&
            std::find(f.authors.begin(), f.authors.end(), meta.author) == f.authors.end())
            f.authors.push_back(meta.author);
        return origin(meta);
    }

    /// "Recorded by …" for a record written in another vault (handover_text::originLine), else "".
    std::string originText(const RecordMeta& meta) {
        const ItemOrigin o = origin(meta);
        return o.elsewhere ? handover_text::originLine(sourceOf(meta), o) : std::string();
    }

    /// Who wrote a record (counted or not).
    ItemOrigin origin(const RecordMeta& meta) {
        const auto& f = sourceOf(meta);
        ItemOrigin o;
        o.elsewhere = f.kind != SourceKind::ThisVault;
        o.device = o.elsewhere ? f.device : std::string();
        o.author = meta.author.empty() ? f.name : meta.author;
        o.organisation = f.organisation;
        return o;
    }

    /// Orders the sources (this vault, contacts' vaults by name, unknown devices by id) and points every
    /// item at its source.
    void finish(HandoverSummary& s) {
        std::vector<const SourceFacts*> order;
        for (auto& [key, f] : m_sources) {
            // A device only looked up (a gap's evidence from before the period) holds none of the records.
            if (f.kind != SourceKind::ThisVault && f.counts.total() == 0) continue;
            std::sort(f.authors.begin(), f.authors.end());
            order.push_back(&f);
        }
        std::sort(order.begin(), order.end(), [](const SourceFacts* a, const SourceFacts* b) {
            return std::tie(a->kind, a->name, a->organisation, a->device) <
                   std::tie(b->kind, b->name, b->organisation, b->device);
        });
        std::map<std::string, std::size_t> index;
        for (const auto* f : order) {
            index.emplace(f->kind == SourceKind::ThisVault ? std::string() : f->device, s.sources.size());
            s.sources.push_back(*f);
        }
        auto point = [&](ItemOrigin& o) { o.source = index[o.elsewhere ? o.device : std::string()]; };
        for (auto& v : s.voice)
            point(v.origin);
        for (auto& c : s.concerns)
            point(c.origin);
        for (auto& m : s.missing)
            point(m.origin);
    }

  private:
    SourceFacts& sourceOf(const RecordMeta& meta) {
        const std::string key = meta.device == m_in.ownDevice ? std::string() : meta.device;
        auto it = m_sources.find(key);
        if (it != m_sources.end()) return it->second;
        SourceFacts f;
        f.device = key;
        f.kind = SourceKind::UnknownDevice;
        f.verified = false;
        for (const auto& d : m_in.knownDevices)
            if (d.device == key) {
                f.kind = SourceKind::Contact;
                f.name = d.name;
                f.organisation = d.organisation;
                f.verified = d.verified;
                break;
            }
        return m_sources.emplace(key, std::move(f)).first->second;
    }

    const HandoverInput& m_in;
    std::map<std::string, SourceFacts> m_sources;
};

} // namespace

HandoverPeriod choosePeriod(const HandoverInput& in) {
    HandoverPeriod p;
    p.to = in.to.value_or(in.today);
    const Placement* placement = choosePlacement(in.placements, in.from.value_or(p.to), p.to);
    if (in.from) {
        p.from = *in.from;
        p.basis = PeriodBasis::Requested;
    } else if (in.lastHandoverExport && *in.lastHandoverExport <= p.to) {
        p.from = *in.lastHandoverExport;
        p.basis = PeriodBasis::SinceLastHandover;
    } else if (placement) {
        p.from = placement->start;
        p.basis = PeriodBasis::WholePlacement;
    } else {
        p.from = p.to.addDays(-27);
        p.basis = PeriodBasis::NoPlacement;
    }
    if (p.from > p.to) p.from = p.to;
    return p;
}

HandoverSummary buildHandoverSummary(const HandoverInput& in) {
    HandoverSummary s;
    s.youngPersonId = in.person.meta.id;
    s.name = in.person.name;
    s.preferredName = in.person.preferredName;
    s.pronouns = in.person.pronouns;
    s.caseReference = in.person.caseReference;
    s.homeAuthority = in.person.homeAuthority;
    s.dateOfBirth = in.person.dateOfBirth;
    s.preparedBy = in.preparedBy;
    s.organisation = in.organisation;
    s.recipient = in.recipient;
    s.preparedOn = in.today;
    s.confidential = in.confidential;
    for (const auto& p : in.placements) {
        s.confidential.addPlacement(p);
        s.confidential.allow(p.placementArea);
    }
    s.confidential.allow(in.person.homeAuthority);
    s.period = choosePeriod(in);
    const Date from = s.period.from, to = s.period.to;
    SourceTally sources(in);
    sources.count(in.person.meta, &SourceCounts::youngPerson);
    if (s.dateOfBirth) {
        const auto& d = *s.dateOfBirth;
        int age = to.year - d.year;
        if (std::tie(to.month, to.day) < std::tie(d.month, d.day)) --age;
        s.ageAtEnd = age;
    }

    if (const Placement* p = choosePlacement(in.placements, from, to)) {
        sources.count(p->meta, &SourceCounts::placement);
        auto& f = s.placement;
        f.present = true;
        f.type = p->type;
        f.placementArea = p->placementArea;
        f.homeAuthority = in.person.homeAuthority;
        f.start = p->start;
        f.plannedEnd = p->plannedEnd;
        f.actualEnd = p->actualEnd;
        for (const auto& e : enumEntries<Harm>())
            if (hasFlag(p->reasons, e.value)) f.reasons.push_back(e.value);
        f.outOfAreaReason = p->outOfAreaReason;
        const Date endRef = p->actualEnd && *p->actualEnd < to ? *p->actualEnd : to;
        f.daysInPlacement = std::max<int>(0, static_cast<int>(endRef.toDays() - p->start.toDays()) + 1);
        f.locationRecorded = !p->locationAddress.empty() || !p->locationName.empty();
        f.locationAddress = p->locationAddress;
        f.locationName = p->locationName;
        f.provider = p->provider;
    }

    // Network members, by track, place, then name (id breaks ties so the order never depends on input order).
    std::vector<const NetworkMember*> members;
    for (const auto& m : in.members)
        if (!m.meta.deleted) members.push_back(&m);
    std::sort(members.begin(), members.end(), [](auto* a, auto* b) {
        return std::tie(a->track, a->place, a->name, a->meta.id) <
               std::tie(b->track, b->place, b->name, b->meta.id);
    });
    std::unordered_map<std::string, const NetworkMember*> byId;
    std::unordered_map<std::string, std::size_t> index;
    for (const auto* m : members) {
        sources.count(m->meta, &SourceCounts::networkMembers);
        byId.emplace(m->meta.id, m);
        index.emplace(m->meta.id, s.network.size());
        MemberFacts f;
        f.id = m->meta.id;
        f.name = m->name;
        f.track = m->track;
        f.role = m->role;
        f.place = m->place;
        f.workerView = m->workerView;
        f.youngPersonView = m->youngPersonView;
        f.arrangement = m->arrangement;
        s.network.push_back(std::move(f));
    }

    // One pass over the contacts: per-member counts, the track x place matrix, voice and concerns.
    s.matrix.reserve(9);
    for (Track t : {Track::Practitioner, Track::Family, Track::PeerCommunity})
        for (Place pl : {Place::HomeArea, Place::PlacementArea, Place::Online}) {
            TrackPlaceCell cell;
            cell.track = t;
            cell.place = pl;
            s.matrix.push_back(cell);
        }
    auto cellOf = [&](Track t, Place pl) -> TrackPlaceCell& {
        return s.matrix[static_cast<std::size_t>(trackIndex(t) * 3 + static_cast<int>(pl))];
    };
    for (const auto& m : s.network)
        ++cellOf(m.track, m.place).members;

    std::vector<const ContactRecord*> voice, concerns;
    for (const auto& c : in.contacts) {
        if (c.meta.deleted || c.date > to) continue;
        const bool inPeriod = c.date >= from;
        bool tracksSeen[3] = {false, false, false};
        for (const auto& id : c.participantIds) {
            auto it = index.find(id);
            if (it == index.end()) continue;
            auto& m = s.network[it->second];
            if (happened(c)) {
                if (!m.lastContact || c.date > *m.lastContact) m.lastContact = c.date;
                if (inPeriod)
                    ++m.contactsInPeriod;
                else
                    ++m.contactsBeforePeriod;
            } else if (inPeriod) {
                ++m.notHappenedInPeriod;
            }
            tracksSeen[trackIndex(m.track)] = true;
        }
        if (!inPeriod) continue;
        sources.count(c.meta, &SourceCounts::contacts);
        if (happened(c))
            ++s.contactsInPeriod;
        else
            ++s.contactsNotHappened;
        for (int t = 0; t < 3; ++t) {
            if (!tracksSeen[t]) continue;
            auto& cell = cellOf(static_cast<Track>(t), c.place);
            if (happened(c)) {
                ++cell.happened;
                cell.uses |= c.uses;
                if (!cell.lastContact || c.date > *cell.lastContact) cell.lastContact = c.date;
            } else {
                ++cell.notHappened;
            }
        }
        if (!c.youngPersonWords.empty()) voice.push_back(&c);
        if (c.concernFlags != 0 || !c.concernText.empty()) concerns.push_back(&c);
    }
    for (auto& m : s.network) {
        if (m.contactsBeforePeriod > 0 && m.contactsInPeriod > 0)
            m.relationship = "maintained";
        else if (m.contactsBeforePeriod > 0)
            m.relationship = "disrupted";
        else if (m.contactsInPeriod > 0)
            m.relationship = "new";
        else
            m.relationship = "dormant";
    }

    std::sort(voice.begin(), voice.end(), newerContact);
    for (const auto* c : voice)
        s.voice.push_back(
            VoiceEntry{c->date, contextOf(*c, byId), c->youngPersonWords, sources.origin(c->meta)});
    std::sort(concerns.begin(), concerns.end(), newerContact);
    for (const auto* c : concerns) {
        ConcernEntry e{c->date, contextOf(*c, byId), {}, c->concernText, sources.origin(c->meta)};
        for (const auto& f : enumEntries<Concern>())
            if (hasFlag(c->concernFlags, f.value)) e.flags.push_back(f.value);
        s.concerns.push_back(std::move(e));
    }

    const std::int64_t fromMs = from.toDays() * msPerDay, toMs = (to.toDays() + 1) * msPerDay;
    std::vector<const MissingEpisode*> missing;
    for (const auto& e : in.missingEpisodes) {
        if (e.meta.deleted) continue;
        const bool overlaps = e.startedAt < toMs && (!e.endedAt || *e.endedAt >= fromMs);
        if (overlaps) missing.push_back(&e);
    }
    std::sort(missing.begin(), missing.end(), [](auto* a, auto* b) {
        return std::tie(b->startedAt, b->meta.id) < std::tie(a->startedAt, a->meta.id);
    });
    for (const auto* e : missing)
        s.missing.push_back(MissingEntry{e->kind, e->startedAt, e->endedAt, e->interviewOffered,
                                         e->interviewAccepted, e->interviewDate, e->notes,
                                         sources.count(e->meta, &SourceCounts::missingEpisodes)});

    std::vector<const FollowUpAction*> actions;
    for (const auto& a : in.actions)
        if (!a.meta.deleted && !a.done) actions.push_back(&a);
    auto dueKey = [&](const FollowUpAction* a) {
        const bool overdue = a->due && *a->due < in.today;
        return std::make_tuple(!overdue, !a->due.has_value(), a->due.value_or(Date{}), a->description,
                               a->meta.id);
    };
    std::sort(actions.begin(), actions.end(), [&](auto* a, auto* b) { return dueKey(a) < dueKey(b); });
    for (const auto* a : actions) {
        sources.count(a->meta, &SourceCounts::openActions);
        ActionEntry e{a->description, a->owner, a->due, a->due && *a->due < in.today};
        if (e.overdue) ++s.overdueActions;
        s.openActions.push_back(std::move(e));
    }

    auto originOf = [&](const RecordMeta& m) { return sources.originText(m); };
    if (in.insight) {
        mergeInsight(s, *in.insight, in, byId, originOf);
    } else if (in.runInsight) {
        InsightInput ii;
        ii.person = in.person;
        ii.placements = in.placements;
        ii.members = in.members;
        ii.contacts = in.contacts;
        ii.actions = in.actions;
        ii.missingEpisodes = in.missingEpisodes;
        ii.safetyPlan = in.safetyPlan;
        ii.today = in.today;
        mergeInsight(s, computeInsight(ii, Period{from, to}, in.insightSettings), in, byId, originOf);
    }
    if (in.safetyPlan) {
        sources.count(in.safetyPlan->meta, &SourceCounts::safetyPlan);
        mergeSafetyPlan(s, *in.safetyPlan, in, byId);
    }
    sources.finish(s);
    buildTracks(s);
    buildEnding(s, in);
    return s;
}

// --- Redaction -------------------------------------------------------------------------------------------

Result<RedactedSummary> redact(HandoverSummary s, const RedactionOptions& options) {
    const std::string recipient = std::string(trimmed(options.recipient));
    if (options.includeLocation && recipient.empty())
        return makeError(ErrorCode::Invalid,
                         "The placement location can only be included for a named recipient. Give the "
                         "recipient's name, or leave the location out.",
                         "recipient");
    RedactedSummary r;
    if (!recipient.empty()) s.recipient = recipient;
    // The set leaves with no summary: renderers never see it, whatever was chosen.
    const ConfidentialSet cut = std::move(s.confidential);
    s.confidential = ConfidentialSet{};
    if (options.includeLocation) {
        r.m_locationIncluded = true;
        r.m_model = std::move(s);
        return r;
    }
    s.placement.locationAddress.clear();
    s.placement.locationName.clear();
    s.placement.provider.clear();
    if (!cut.empty()) {
        // Every piece of text in the model, in the order of the summary (docs/redaction.md). The check
        // below catches a field added to the model and forgotten here.
        auto scrub = [&](std::string& text) { cut.mask(text); };
        for (auto* t : {&s.name, &s.preferredName, &s.pronouns, &s.caseReference, &s.homeAuthority,
                        &s.preparedBy, &s.organisation, &s.recipient, &s.placement.placementArea,
                        &s.placement.homeAuthority, &s.placement.outOfAreaReason})
            scrub(*t);
        for (auto& m : s.network) {
            scrub(m.name);
            scrub(m.relationship);
        }
        for (auto& t : s.tracks)
            for (auto& l : t.lines)
                scrub(l);
        for (auto& g : s.phasePicture.phases) {
            for (auto& c : g.cells)
                for (auto& person : c.people)
                    scrub(person.name);
            for (auto& f : g.findings)
                scrub(f);
        }
        for (auto& g : s.gaps) {
            scrub(g.title);
            scrub(g.explanation);
            for (auto& e : g.evidence)
                scrub(e);
        }
        // Who wrote what: a colleague at the provider names it in their card, and so in the summary.
        auto scrubOrigin = [&](ItemOrigin& o) {
            scrub(o.author);
            scrub(o.organisation);
        };
        for (auto& src : s.sources) {
            scrub(src.name);
            scrub(src.organisation);
            for (auto& a : src.authors)
                scrub(a);
        }
        for (auto& v : s.voice) {
            scrub(v.context);
            scrub(v.words);
            scrubOrigin(v.origin);
        }
        for (auto& c : s.concerns) {
            scrub(c.context);
            scrub(c.text);
            scrubOrigin(c.origin);
        }
        for (auto& m : s.missing) {
            scrub(m.notes);
            scrubOrigin(m.origin);
        }
        for (auto& a : s.openActions) {
            scrub(a.description);
            scrub(a.owner);
        }
        auto& sp = s.safetyPlan;
        for (auto* list : {&sp.peopleToTurnTo, &sp.safePlaces, &sp.unsafePlaces, &sp.whatHelps,
                           &sp.youngPersonAgreed, &sp.adultsAgreed, &sp.changes})
            for (auto& item : *list)
                scrub(item);
        for (auto& l : s.ending.lines)
            scrub(l);
    }
    r.m_model = std::move(s);
    // Nothing leaves that the policy withholds: the JSON rendering holds every string of the model, so a
    // confidential string found in it is a field missed above. Refuse rather than leak.
    if (!cut.empty() && cut.foundIn(renderJson(r)))
        return makeError(ErrorCode::Invalid,
                         "This summary could not be made without showing the confidential placement "
                         "location. Nothing was written. Please report this as a fault.",
                         "redaction");
    return r;
}

// --- Formats ----------------------------------------------------------

std::optional<HandoverFormat> handoverFormatFromKey(std::string_view key) {
    if (key == "pdf") return HandoverFormat::Pdf;
    if (key == "html") return HandoverFormat::Html;
    if (key == "md" || key == "markdown") return HandoverFormat::Markdown;
    if (key == "json") return HandoverFormat::Json;
    return std::nullopt;
}

std::string_view handoverFormatKey(HandoverFormat f) {
    switch (f) {
    case HandoverFormat::Pdf:
        return "pdf";
    case HandoverFormat::Html:
        return "html";
    case HandoverFormat::Markdown:
        return "md";
    case HandoverFormat::Json:
        return "json";
    }
    return "pdf";
}

Result<std::string> renderHandover(const RedactedSummary& summary, HandoverFormat format) {
    switch (format) {
    case HandoverFormat::Pdf:
        return renderPdf(summary);
    case HandoverFormat::Html:
        return renderHtml(summary);
    case HandoverFormat::Markdown:
        return renderMarkdown(summary);
    case HandoverFormat::Json:
        return renderJson(summary);
    }
    return makeError(ErrorCode::Internal, "Unknown summary format.");
}

} // namespace throughline::core
