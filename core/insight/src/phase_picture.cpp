// The relational picture per phase (the research's "siloed practice" figure for one young person): for
// before the move, during it and ending it, which tracks were used for which purpose, by whom, and what
// that says in plain words.
#include "throughline/insight/insight.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "insight_detail.hpp"

namespace throughline::core {

namespace {

constexpr Track kTracks[] = {Track::Practitioner, Track::Family, Track::PeerCommunity};
constexpr Use kUses[] = {Use::Consistency, Use::Collaboration, Use::Safety};

std::size_t useIndex(Use u) {
    switch (u) {
    case Use::Consistency:
        return 0;
    case Use::Collaboration:
        return 1;
    case Use::Safety:
        return 2;
    }
    return 0;
}

std::string plural(int n, std::string_view one, std::string_view many) {
    return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

const char* trackWords(Track t) {
    switch (t) {
    case Track::Practitioner:
        return "practitioner";
    case Track::Family:
        return "family";
    case Track::PeerCommunity:
        return "peer & community";
    }
    return "";
}

const char* useWords(Use u) {
    switch (u) {
    case Use::Consistency:
        return "for consistency";
    case Use::Collaboration:
        return "for collaboration";
    case Use::Safety:
        return "to plan safety";
    }
    return "";
}

const char* leadOf(Phase ph, bool hasPlacement) {
    if (!hasPlacement) return "In the period";
    switch (ph) {
    case Phase::Before:
        return "Before the move";
    case Phase::During:
        return "During the placement";
    case Phase::Ending:
        return "In the ending phase";
    }
    return "";
}

// "a", "a and b", "a, b and c"
std::string andList(const std::vector<std::string>& items) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += i + 1 == items.size() ? " and " : ", ";
        out += items[i];
    }
    return out;
}

void writeFindings(PhaseGrid& g, const PhasePicture& pic, int contactsWithoutUse) {
    const std::string lead = leadOf(g.phase, pic.hasPlacement);
    if (!g.from) {
        if (g.phase == Phase::Before)
            g.findings.push_back("No contact from before the move is recorded.");
        else if (g.phase == Phase::Ending && pic.endingFrom)
            g.findings.push_back("The ending phase has not begun: it starts on " + pic.endingFrom->display() +
                                 ".");
        else if (g.phase == Phase::Ending)
            g.findings.push_back(
                "No end date is recorded for the placement, so there is no ending phase yet.");
        return;
    }
    if (g.contacts == 0) {
        g.findings.push_back(lead + ", no contact that happened is recorded.");
        return;
    }
    // Overall: which tracks had contact at all.
    std::vector<Track> used, unused;
    for (Track t : kTracks)
        (g.trackContacts[static_cast<std::size_t>(t)] > 0 ? used : unused).push_back(t);
    if (used.size() == 1) {
        g.findings.push_back(lead + ", only " + trackWords(used[0]) +
                             " relationships were used: " + plural(g.contacts, "contact", "contacts") + ".");
    } else {
        std::vector<std::string> parts;
        for (Track t : used)
            parts.push_back(std::string(trackWords(t)) + " (" +
                            std::to_string(g.trackContacts[static_cast<std::size_t>(t)]) + ")");
        std::string line = lead + ", " + plural(g.contacts, "contact", "contacts") + " happened with " +
                           andList(parts) + " relationships";
        if (!unused.empty()) line += std::string("; none with ") + trackWords(unused[0]) + " relationships";
        g.findings.push_back(line + ".");
    }
    // For each use: all three tracks together, one track alone, or none.
    for (Use u : kUses) {
        std::vector<std::string> with, without;
        int only = 0;
        for (Track t : kTracks) {
            const PhaseCell& c = g.at(t, u);
            (c.empty() ? without : with).push_back(trackWords(t));
            if (!c.empty()) only = c.contacts;
        }
        if (with.size() == 3)
            g.findings.push_back(lead +
                                 ", practitioner, family and peer & community relationships were all used " +
                                 useWords(u) + ".");
        else if (with.size() == 1)
            g.findings.push_back(lead + ", only " + with[0] + " relationships were used " + useWords(u) +
                                 " (" + plural(only, "contact", "contacts") + ").");
        else if (with.size() == 2)
            g.findings.push_back(lead + ", " + andList(with) + " relationships were used " + useWords(u) +
                                 "; " + without[0] + " relationships were not.");
        else
            g.findings.push_back(lead + ", no relationship was recorded as used " + useWords(u) + ".");
    }
    if (contactsWithoutUse > 0)
        g.findings.push_back(plural(contactsWithoutUse, "contact", "contacts") +
                             " in this phase recorded no use (" +
                             "consistency, collaboration or safety), so " +
                             (contactsWithoutUse == 1 ? "it is" : "they are") + " not in the grid.");
}

} // namespace

std::string phaseTitle(const PhaseGrid& g, bool hasPlacement) {
    if (!hasPlacement) return "The period";
    switch (g.phase) {
    case Phase::Before:
        return "Before the move";
    case Phase::During:
        return "During the placement";
    case Phase::Ending:
        return "Ending the placement";
    }
    return "";
}

std::string phaseDates(const PhaseGrid& g) {
    if (!g.from || !g.to) return g.phase == Phase::Before ? "Nothing recorded" : "Not begun";
    if (*g.from == *g.to) return g.from->display();
    return g.from->display() + " to " + g.to->display();
}

std::string phaseCellText(const PhaseCell& c) {
    if (c.empty()) return "None";
    std::string out = plural(c.contacts, "contact", "contacts");
    // One person: they were in every one of the cell's contacts. More: how many each was in.
    std::vector<std::string> names;
    for (const auto& p : c.people)
        names.push_back(c.people.size() == 1 ? p.name : p.name + " in " + std::to_string(p.contacts));
    if (!names.empty()) out += ": " + andList(names);
    return out;
}

std::string phasePictureCoverage(const PhasePicture& pic) {
    const std::string dates = pic.period.from.display() + " to " + pic.period.to.display();
    if (!pic.hasPlacement) return "Covers " + dates + ". No placement is recorded, so phases are not split.";
    return "Covers " + dates + ": the placement from its start" +
           (pic.period.from < *pic.placementStart ? ", with the contacts recorded before the move" : "") +
           ". Each cell counts the contacts that happened and recorded that use, with the people in them.";
}

std::size_t PhaseGrid::index(Track t, Use u) {
    return static_cast<std::size_t>(t) * 3 + useIndex(u);
}

Period phasePicturePeriod(const InsightInput& input, std::optional<Date> to) {
    const Placement* focus = focusPlacement(input);
    if (!focus) {
        Period p = defaultPeriod(input);
        if (to) p.to = *to;
        return p;
    }
    Period p;
    p.to = to.value_or(input.today);
    if (focus->actualEnd && *focus->actualEnd < p.to) p.to = *focus->actualEnd;
    // The previous move ends where this story begins.
    std::optional<Date> previousEnd;
    for (const auto& other : input.placements) {
        if (other.meta.deleted || &other == focus || !other.start.valid() || !(other.start < focus->start))
            continue;
        const Date end = other.actualEnd ? *other.actualEnd : focus->start.addDays(-1);
        if (end < focus->start && (!previousEnd || *previousEnd < end)) previousEnd = end;
    }
    p.from = focus->start;
    for (const auto& c : input.contacts)
        if (!c.meta.deleted && c.date.valid() && c.date < p.from && (!previousEnd || *previousEnd < c.date))
            p.from = c.date;
    if (p.to < p.from) p.to = p.from;
    return p;
}

PhasePicture computePhasePicture(const InsightInput& input, const Period& period,
                                 const InsightSettings& settings) {
    PhasePicture pic;
    pic.period = period;
    const Placement* placement = focusPlacement(input);
    for (std::size_t i = 0; i < 3; ++i)
        pic.phases[i].phase = static_cast<Phase>(i);
    if (placement) {
        pic.hasPlacement = true;
        pic.placementId = placement->meta.id;
        pic.placementStart = placement->start;
        pic.endingFrom = endingFrom(*placement, settings);
        // The dates of each phase inside the period.
        auto clip = [&](PhaseGrid& g, Date from, Date to) {
            from = std::max(from, period.from);
            to = std::min(to, period.to);
            if (from <= to) {
                g.from = from;
                g.to = to;
            }
        };
        const Date start = placement->start;
        clip(pic.phases[0], period.from, start.addDays(-1));
        const Date endingStart = pic.endingFrom ? *pic.endingFrom : period.to.addDays(1);
        clip(pic.phases[1], start, std::min(endingStart.addDays(-1), period.to));
        if (pic.endingFrom) clip(pic.phases[2], *pic.endingFrom, period.to);
    } else if (period.from <= period.to) {
        pic.phases[1].from = period.from;
        pic.phases[1].to = period.to;
    }

    const detail::MemberIndex index(input.members);
    // Per phase and cell: member -> contacts.
    std::array<std::array<std::map<const NetworkMember*, int>, 9>, 3> people;
    std::array<int, 3> withoutUse{};
    for (const auto& c : input.contacts) {
        if (c.meta.deleted || c.status != ContactStatus::Happened || !period.contains(c.date)) continue;
        const Phase phase = placement ? phaseOf(*placement, c.date, settings) : Phase::During;
        const auto ph = static_cast<std::size_t>(phase);
        PhaseGrid& g = pic.phases[ph];
        const auto mask = detail::trackMask(c, index);
        if (!mask) continue; // a call with nobody recorded belongs to no track
        ++g.contacts;
        if ((c.uses & 7u) == 0) ++withoutUse[ph];
        for (Track t : kTracks) {
            const auto ti = static_cast<std::size_t>(t);
            if (!(mask & (1u << ti))) continue;
            ++g.trackContacts[ti];
            if ((c.uses & 7u) == 0) ++g.withoutUse[ti];
            for (Use u : kUses) {
                if (!hasFlag(c.uses, u)) continue;
                ++g.at(t, u).contacts;
                auto& cellPeople = people[ph][PhaseGrid::index(t, u)];
                std::vector<const NetworkMember*> seen;
                for (const auto& id : c.participantIds) {
                    const NetworkMember* m = index.find(id);
                    if (!m || m->track != t || std::find(seen.begin(), seen.end(), m) != seen.end()) continue;
                    seen.push_back(m);
                    ++cellPeople[m];
                }
            }
        }
    }
    for (std::size_t ph = 0; ph < 3; ++ph) {
        PhaseGrid& g = pic.phases[ph];
        for (std::size_t i = 0; i < 9; ++i) {
            for (const auto& [m, n] : people[ph][i])
                g.cells[i].people.push_back(PhasePerson{m->meta.id, m->name, n});
            std::sort(g.cells[i].people.begin(), g.cells[i].people.end(),
                      [](const PhasePerson& a, const PhasePerson& b) {
                          return std::tie(a.name, a.memberId) < std::tie(b.name, b.memberId);
                      });
        }
        if (!pic.hasPlacement && g.phase != Phase::During) continue;
        writeFindings(g, pic, withoutUse[ph]);
    }
    if (!pic.hasPlacement)
        pic.phases[1].findings.insert(pic.phases[1].findings.begin(),
                                      "No placement is recorded, so the picture is not split by phase: every "
                                      "contact counts as during.");
    return pic;
}

} // namespace throughline::core
