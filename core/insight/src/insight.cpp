// The relational picture: periods, phases, the track x place x phase matrix and each member's picture.
// The gap rules live in gap_rules.cpp; the shared helpers in insight_detail.hpp.
#include "throughline/insight/insight.hpp"

#include <algorithm>

#include "insight_detail.hpp"

namespace throughline::core {

TL_DEFINE_ENUM_TABLE(Phase, {Phase::Before, "before", "Before the move"}, {Phase::During, "during", "During"},
                     {Phase::Ending, "ending", "Ending"})
TL_DEFINE_ENUM_TABLE(Trend, {Trend::More, "more", "More"}, {Trend::Same, "same", "Same"},
                     {Trend::Fewer, "fewer", "Fewer"})
TL_DEFINE_ENUM_TABLE(MemberStatus, {MemberStatus::Maintained, "maintained", "Maintained"},
                     {MemberStatus::Disrupted, "disrupted", "Disrupted"}, {MemberStatus::New, "new", "New"},
                     {MemberStatus::Dormant, "dormant", "Dormant"})
TL_DEFINE_ENUM_TABLE(Severity, {Severity::Info, "info", "For information"},
                     {Severity::Warning, "warning", "Needs attention"},
                     {Severity::Serious, "serious", "Serious"})
#undef TL_DEFINE_ENUM_TABLE

std::int64_t Period::days() const {
    const auto n = to.toDays() - from.toDays() + 1;
    return n > 0 ? n : 0;
}

Period Period::previous() const {
    const auto n = days();
    return Period{from.addDays(-n), from.addDays(-1)};
}

const Placement* focusPlacement(const InsightInput& input) {
    const Placement* current = nullptr;
    const Placement* latestStarted = nullptr;
    for (const auto& p : input.placements) {
        if (p.meta.deleted || !p.start.valid()) continue;
        // Ties on the start date go to the larger id, so the choice never depends on input order.
        const auto later = [&](const Placement* best) {
            return !best || best->start < p.start || (best->start == p.start && best->meta.id < p.meta.id);
        };
        if (p.isCurrent(input.today) && later(current)) current = &p;
        if (p.start <= input.today && later(latestStarted)) latestStarted = &p;
    }
    return current ? current : latestStarted;
}

Period defaultPeriod(const InsightInput& input) {
    if (const Placement* p = focusPlacement(input)) {
        Date to = input.today;
        if (p->actualEnd && *p->actualEnd < to) to = *p->actualEnd;
        return Period{p->start, to};
    }
    return Period{input.today.addDays(-89), input.today};
}

std::optional<Date> endingFrom(const Placement& placement, const InsightSettings& settings) {
    const std::optional<Date>& end = placement.actualEnd ? placement.actualEnd : placement.plannedEnd;
    if (!end) return std::nullopt;
    Date from = end->addDays(-std::max(0, settings.endingWindowDays));
    return std::max(from, placement.start);
}

Phase phaseOf(const Placement& placement, const Date& date, const InsightSettings& settings) {
    if (date < placement.start) return Phase::Before;
    if (auto ef = endingFrom(placement, settings); ef && *ef <= date) return Phase::Ending;
    return Phase::During;
}

namespace detail {

MemberIndex::MemberIndex(const std::vector<NetworkMember>& members) {
    m_byId.reserve(members.size());
    for (const auto& m : members)
        if (!m.meta.deleted) m_byId.emplace(m.meta.id, &m);
}

const NetworkMember* MemberIndex::find(std::string_view id) const {
    auto it = m_byId.find(id);
    return it == m_byId.end() ? nullptr : it->second;
}

std::uint8_t trackMask(const ContactRecord& c, const MemberIndex& index) {
    std::uint8_t mask = 0;
    for (const auto& id : c.participantIds)
        if (const NetworkMember* m = index.find(id))
            mask |= static_cast<std::uint8_t>(1u << unsigned(m->track));
    if (mask) return mask;
    switch (c.kind) {
    case ContactKind::FamilyTime:
        return 1u << unsigned(Track::Family);
    case ContactKind::PeerContact:
    case ContactKind::CommunityActivity:
        return 1u << unsigned(Track::PeerCommunity);
    case ContactKind::PractitionerVisit:
        return 1u << unsigned(Track::Practitioner);
    case ContactKind::PhoneOrVideo:
    case ContactKind::Messages:
        break; // nobody recorded: no way to tell whose track it was
    }
    return 0;
}

Date asOfDate(const InsightInput& input, const Period& period) {
    return std::min(period.to, input.today);
}

std::string dayCount(std::int64_t n) {
    return daysText(n);
}

} // namespace detail

std::vector<Track> tracksOf(const ContactRecord& contact, const std::vector<NetworkMember>& members) {
    const detail::MemberIndex index(members);
    const auto mask = detail::trackMask(contact, index);
    std::vector<Track> out;
    for (const auto& e : enumEntries<Track>())
        if (mask & (1u << unsigned(e.value))) out.push_back(e.value);
    return out;
}

RelationalMatrix computeMatrix(const InsightInput& input, const Period& period,
                               const InsightSettings& settings) {
    RelationalMatrix matrix;
    const detail::MemberIndex index(input.members);
    const Placement* placement = focusPlacement(input);
    const Date asOf = detail::asOfDate(input, period);
    for (const auto& c : input.contacts) {
        if (c.meta.deleted || !period.contains(c.date)) continue;
        const Phase phase = placement ? phaseOf(*placement, c.date, settings) : Phase::During;
        const auto mask = detail::trackMask(c, index);
        for (unsigned t = 0; t < 3; ++t) {
            if (!(mask & (1u << t))) continue;
            MatrixCell& cell = matrix.at(static_cast<Track>(t), c.place, phase);
            switch (c.status) {
            case ContactStatus::Happened:
                ++cell.happened;
                cell.uses |= c.uses;
                if (!cell.lastContact || *cell.lastContact < c.date) cell.lastContact = c.date;
                break;
            case ContactStatus::Cancelled:
                ++cell.cancelled;
                break;
            case ContactStatus::Declined:
                ++cell.declined;
                break;
            case ContactStatus::DidNotAttend:
                ++cell.didNotAttend;
                break;
            }
        }
    }
    for (auto& cell : matrix.cells)
        if (cell.lastContact)
            cell.daysSinceLast = std::max<std::int64_t>(0, asOf.toDays() - cell.lastContact->toDays());
    return matrix;
}

std::vector<MemberInsight> computeMembers(const InsightInput& input, const Period& period,
                                          const InsightSettings& settings) {
    const detail::MemberIndex index(input.members);
    const Placement* placement = focusPlacement(input);
    const Date move = placement ? placement->start : period.from;
    const Date asOf = detail::asOfDate(input, period);
    const Period prev = period.previous();

    struct Tally {
        int inPeriod = 0, inPrevious = 0;
        bool before = false, during = false;
        std::optional<Date> last;
    };
    std::unordered_map<const NetworkMember*, Tally> tallies;
    tallies.reserve(input.members.size());
    for (const auto& c : input.contacts) {
        if (c.meta.deleted || c.status != ContactStatus::Happened) continue;
        for (const auto& id : c.participantIds) {
            const NetworkMember* m = index.find(id);
            if (!m) continue;
            Tally& t = tallies[m];
            if (period.contains(c.date)) ++t.inPeriod;
            if (prev.contains(c.date)) ++t.inPrevious;
            if (c.date < move) t.before = true;
            if (move <= c.date && c.date <= asOf) t.during = true;
            if (c.date <= period.to && (!t.last || *t.last < c.date)) t.last = c.date;
        }
    }

    std::vector<MemberInsight> out;
    out.reserve(input.members.size());
    for (const auto& m : input.members) {
        if (m.meta.deleted) continue;
        MemberInsight mi;
        mi.memberId = m.meta.id;
        mi.name = m.name;
        mi.track = m.track;
        mi.place = m.place;
        mi.role = m.role;
        if (auto it = tallies.find(&m); it != tallies.end()) {
            const Tally& t = it->second;
            mi.contactsInPeriod = t.inPeriod;
            mi.contactsPreviousPeriod = t.inPrevious;
            mi.lastContact = t.last;
            mi.status = t.before ? (t.during ? MemberStatus::Maintained : MemberStatus::Disrupted)
                                 : (t.during ? MemberStatus::New : MemberStatus::Dormant);
        }
        mi.trend = mi.contactsInPeriod > mi.contactsPreviousPeriod   ? Trend::More
                   : mi.contactsInPeriod < mi.contactsPreviousPeriod ? Trend::Fewer
                                                                     : Trend::Same;
        out.push_back(std::move(mi));
    }
    std::sort(out.begin(), out.end(), [](const MemberInsight& a, const MemberInsight& b) {
        return std::tie(a.track, a.place, a.name, a.memberId) <
               std::tie(b.track, b.place, b.name, b.memberId);
    });
    return out;
}

Insight computeInsight(const InsightInput& input, const Period& period, const InsightSettings& settings) {
    Insight out;
    out.period = period;
    out.asOf = detail::asOfDate(input, period);
    if (const Placement* p = focusPlacement(input)) {
        out.placementId = p->meta.id;
        out.placementStart = p->start;
        out.placementEnd = p->actualEnd ? p->actualEnd : p->plannedEnd;
        out.endingFrom = endingFrom(*p, settings);
    }
    out.matrix = computeMatrix(input, period, settings);
    out.members = computeMembers(input, period, settings);
    out.gaps = findGaps(input, period, settings);
    out.phasePicture = computePhasePicture(input, phasePicturePeriod(input, period.to), settings);
    return out;
}

} // namespace throughline::core
