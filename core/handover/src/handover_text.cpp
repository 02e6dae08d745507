// Shared wording for the handover renderers (see handover_text.hpp).
#include "handover_text.hpp"
#include "throughline/insight/network_map.hpp"

#include "throughline/base/text.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace throughline::core::handover_text {

std::string optDate(const std::optional<Date>& d, std::string_view none) {
    return d ? d->display() : std::string(none);
}

std::string mapDescription(const HandoverSummary& s) {
    auto count = [](std::size_t k, const char* one, const char* many) {
        return std::to_string(k) + " " + (k == 1 ? one : many);
    };
    auto join = [](const std::vector<std::string>& items) {
        std::string out;
        for (std::size_t i = 0; i < items.size(); ++i)
            out += (i == 0 ? "" : i + 1 == items.size() ? " and " : ", ") + items[i];
        return out;
    };
    const std::string centre = mapCentreLabel(s);
    if (s.network.empty())
        return "Network map: " + centre + " at the centre; nobody is recorded in the network.";
    // Past the map's named limit the map shows numbers; the words then give counts, not every name.
    const bool named = s.network.size() <= mapNamedLimit;
    std::string out = "Network map: " + centre + " at the centre, with " +
                      count(s.network.size(), "person", "people") +
                      " around them by track (sector) and place (ring).";
    for (Track t : {Track::Practitioner, Track::Family, Track::PeerCommunity}) {
        std::vector<std::string> places;
        for (Place p : {Place::PlacementArea, Place::HomeArea, Place::Online}) {
            std::vector<std::string> who;
            for (const auto& m : s.network)
                if (m.track == t && m.place == p) who.push_back(m.name);
            if (who.empty()) continue;
            std::string place(enumDisplay(p));
            if (!place.empty())
                place[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(place[0])));
            places.push_back(named ? "in the " + place + ", " + join(who)
                                   : count(who.size(), "person", "people") + " in the " + place);
        }
        std::string line;
        for (const auto& p : places)
            line += (line.empty() ? "" : "; ") + p;
        out += " " + std::string(enumDisplay(t)) + " track: " + (places.empty() ? "nobody" : line) + ".";
    }
    std::vector<std::string> protective, harmful, silent, differ;
    for (const auto& m : s.network) {
        if (m.workerView == View::Protective) protective.push_back(m.name);
        if (m.workerView == View::Harmful) harmful.push_back(m.name);
        if (m.contactsInPeriod == 0) silent.push_back(m.name);
        if (m.workerView != m.youngPersonView && m.youngPersonView != View::NotKnown)
            differ.push_back(m.name);
    }
    auto list = [&](const std::vector<std::string>& v) {
        return named ? join(v) : count(v.size(), "person", "people");
    };
    out += protective.empty() ? " No relationship is protective in the worker's view."
                              : " Protective in the worker's view: " + list(protective) + ".";
    if (!harmful.empty()) out += " Harmful in the worker's view: " + list(harmful) + ".";
    out += silent.empty() ? " Everyone had contact in the period."
                          : " No contact in the period (silent): " + list(silent) + ".";
    if (!differ.empty()) out += " The young person sees it differently for: " + list(differ) + ".";
    return out;
}

std::vector<GlanceLine> atAGlance(const HandoverSummary& s) {
    auto n = [](std::size_t k, const char* one, const char* many) {
        return std::to_string(k) + " " + (k == 1 ? one : many);
    };
    std::vector<GlanceLine> out;
    out.push_back({n(static_cast<std::size_t>(s.contactsInPeriod), "contact", "contacts") +
                   " happened in the period; " + std::to_string(s.contactsNotHappened) +
                   " cancelled, declined or not attended."});
    std::string quiet;
    for (const auto& t : s.tracks)
        if (t.happened == 0) quiet += (quiet.empty() ? "" : ", ") + std::string(enumDisplay(t.track));
    if (!quiet.empty()) out.push_back({"No contact at all on: " + quiet + ".", true, true});
    if (s.insightAvailable && !s.gaps.empty()) {
        // Gap titles with how often each occurs, in the engine's order (most serious first).
        std::vector<std::pair<std::string, int>> titles;
        bool serious = false;
        for (const auto& g : s.gaps) {
            serious |= g.severity == "serious";
            auto it = std::find_if(titles.begin(), titles.end(), [&](auto& t) { return t.first == g.title; });
            if (it == titles.end())
                titles.emplace_back(g.title, 1);
            else
                ++it->second;
        }
        std::string list;
        for (const auto& [title, k] : titles)
            list += (list.empty() ? "" : "; ") + title + (k > 1 ? " (" + std::to_string(k) + ")" : "");
        out.push_back(
            {n(s.gaps.size(), "gap or silence", "gaps and silences") + ": " + list + ".", true, serious});
    } else if (s.insightAvailable) {
        out.push_back({"No gaps or silences found."});
    }
    out.push_back({n(s.voice.size(), "entry", "entries") + " in the young person's own words."});
    out.push_back({n(s.missing.size(), "missing episode", "missing episodes") + "; " +
                       n(s.concerns.size(), "concern", "concerns") + " recorded on contacts.",
                   !s.missing.empty()});
    if (s.overdueActions > 0)
        out.push_back({std::to_string(s.overdueActions) + " of " +
                           n(s.openActions.size(), "open action is overdue.", "open actions overdue."),
                       true, true});
    else
        out.push_back({n(s.openActions.size(), "open action", "open actions") + ", none overdue."});
    // Records from colleagues' vaults, and whether their source can be relied on.
    if (s.sources.size() > 1) {
        int total = 0, elsewhere = 0, notVerified = 0, unverifiedSources = 0;
        for (const auto& src : s.sources) {
            const int k = src.counts.total();
            total += k;
            if (src.kind != SourceKind::ThisVault) elsewhere += k;
            if (unverified(src)) {
                notVerified += k;
                ++unverifiedSources;
            }
        }
        std::string line = std::to_string(elsewhere) + " of the " +
                           n(static_cast<std::size_t>(total), "record", "records") +
                           " came from other vaults";
        if (notVerified > 0)
            line += "; " + std::to_string(notVerified) + (notVerified == 1 ? " comes" : " come") +
                    (unverifiedSources == 1 ? " from a source that is" : " from sources that are") +
                    " not verified (see " + std::string(sourcesHeading) + ").";
        else
            line += ", all from verified sources.";
        out.push_back({line, notVerified > 0, notVerified > 0});
    }
    return out;
}

std::string sourcesIntro(const HandoverSummary& s) {
    if (s.sources.size() <= 1) return "Every record in this summary was written in this vault.";
    return "Some records in this summary were written in colleagues' vaults and received in signed files. A "
           "colleague's vault is verified once its fingerprint has been compared with them; until then, its "
           "records may not come from who they say.";
}

std::string sourceTitle(const SourceFacts& f) {
    auto org = [&] { return f.organisation.empty() ? std::string() : " (" + f.organisation + ")"; };
    switch (f.kind) {
    case SourceKind::ThisVault: {
        std::string who = f.name;
        if (!f.organisation.empty()) who += (who.empty() ? "" : ", ") + f.organisation;
        return "This vault" + (who.empty() ? std::string() : " (" + who + ")");
    }
    case SourceKind::Contact:
        return "Received from " + f.name + "'s vault" + org();
    case SourceKind::UnknownDevice:
        return "From a device that is no longer a contact (device " + f.device.substr(0, 8) + ")";
    }
    return {};
}

std::string sourceRecords(const SourceFacts& f) {
    auto n = [](int k, const char* one, const char* many) {
        return std::to_string(k) + " " + (k == 1 ? one : many);
    };
    const auto& c = f.counts;
    std::vector<std::string> parts;
    if (c.contacts) parts.push_back(n(c.contacts, "contact", "contacts"));
    if (c.networkMembers) parts.push_back(n(c.networkMembers, "network member", "network members"));
    if (c.missingEpisodes) parts.push_back(n(c.missingEpisodes, "missing episode", "missing episodes"));
    if (c.openActions) parts.push_back(n(c.openActions, "open action", "open actions"));
    if (c.placement) parts.push_back("the placement");
    if (c.safetyPlan) parts.push_back("the safety plan");
    if (c.youngPerson) parts.push_back("the young person's details");
    if (parts.empty()) return "no records in this summary";
    const bool single =
        parts.size() == 1 && (c.contacts || c.networkMembers || c.missingEpisodes || c.openActions);
    if (single) return parts.front();
    std::string list;
    for (std::size_t i = 0; i < parts.size(); ++i)
        list += (i == 0 ? "" : i + 1 == parts.size() ? " and " : ", ") + parts[i];
    return n(c.total(), "record", "records") + ": " + list;
}

std::string sourceAuthors(const SourceFacts& f) {
    if (f.authors.empty()) return {};
    std::string list;
    for (std::size_t i = 0; i < f.authors.size(); ++i)
        list += (i == 0 ? "" : i + 1 == f.authors.size() ? " and " : ", ") + f.authors[i];
    return "Written by " + list + ".";
}

bool unverified(const SourceFacts& f) {
    return f.kind != SourceKind::ThisVault && !f.verified;
}

std::string sourceCheck(const SourceFacts& f) {
    switch (f.kind) {
    case SourceKind::ThisVault:
        return {};
    case SourceKind::Contact:
        return f.verified ? "Verified: the fingerprint was compared with " + f.name + "."
                          : "Not verified: compare the fingerprint with " + f.name +
                                " before relying on these records.";
    case SourceKind::UnknownDevice:
        return "Not verified: this device is no longer a contact of this vault, so where these records came "
               "from cannot be checked.";
    }
    return {};
}

std::string originLine(const SourceFacts& f, const ItemOrigin& o) {
    if (!o.elsewhere) return {};
    std::string line = o.author.empty() ? "Recorded" : "Recorded by " + o.author;
    if (!o.organisation.empty()) line += ", " + o.organisation;
    if (f.kind == SourceKind::Contact) {
        line += " (received from " + (o.author == f.name ? std::string("their") : f.name + "'s") + " vault, ";
        line += f.verified ? "verified)" : "not verified: compare the fingerprint before relying on it)";
    } else {
        line += " (from a device that is no longer a contact, not verified)";
    }
    return line;
}

std::string originLine(const HandoverSummary& s, const ItemOrigin& o) {
    if (!o.elsewhere || o.source >= s.sources.size()) return {};
    return originLine(s.sources[o.source], o);
}

bool originUnverified(const HandoverSummary& s, const ItemOrigin& o) {
    return o.elsewhere && o.source < s.sources.size() && unverified(s.sources[o.source]);
}

std::string mapCentreLabel(const HandoverSummary& s) {
    if (!s.preferredName.empty()) return s.preferredName;
    return s.name.substr(0, s.name.find(' '));
}

std::string periodBasis(const HandoverSummary& s) {
    switch (s.period.basis) {
    case PeriodBasis::Requested:
        return "Period chosen by the person who prepared this summary";
    case PeriodBasis::SinceLastHandover:
        return "Since the last handover summary to " + s.recipient;
    case PeriodBasis::WholePlacement:
        return "The whole placement so far";
    case PeriodBasis::NoPlacement:
        return "The last four weeks (no placement is recorded)";
    }
    return {};
}

std::string periodLine(const HandoverSummary& s) {
    const int days = s.period.days();
    return s.period.from.display() + " to " + s.period.to.display() + " (" + std::to_string(days) +
           (days == 1 ? " day)" : " days)");
}

std::string personLine(const HandoverSummary& s) {
    std::string line = s.name;
    if (!s.preferredName.empty() && s.preferredName != s.name) line += " (known as " + s.preferredName + ")";
    return line;
}

std::vector<std::pair<std::string, std::string>> factRows(const RedactedSummary& r) {
    const auto& s = r.model();
    std::vector<std::pair<std::string, std::string>> rows;
    if (s.dateOfBirth)
        rows.emplace_back("Date of birth",
                          s.dateOfBirth->display() +
                              (s.ageAtEnd ? " (age " + std::to_string(*s.ageAtEnd) + ")" : ""));
    if (!s.pronouns.empty()) rows.emplace_back("Pronouns", s.pronouns);
    if (!s.caseReference.empty()) rows.emplace_back("Case reference", s.caseReference);
    if (!s.homeAuthority.empty()) rows.emplace_back("Home authority", s.homeAuthority);
    const auto& p = s.placement;
    if (!p.present) {
        rows.emplace_back("Placement", "No placement is recorded.");
        return rows;
    }
    rows.emplace_back("Placement type",
                      std::string(placementCode(p.type)) + " " + std::string(enumDisplay(p.type)));
    rows.emplace_back("Placement area", p.placementArea.empty() ? "Not recorded" : p.placementArea);
    std::string dates = "Started " + p.start.display();
    if (p.actualEnd)
        dates += ", ended " + p.actualEnd->display();
    else if (p.plannedEnd)
        dates += ", planned to end " + p.plannedEnd->display();
    dates += " (" + daysText(p.daysInPlacement) + ")";
    rows.emplace_back("Dates", dates);
    if (!p.reasons.empty()) {
        std::string reasons;
        for (std::size_t i = 0; i < p.reasons.size(); ++i)
            reasons += (i ? ", " : "") + std::string(enumDisplay(p.reasons[i]));
        rows.emplace_back("Why they moved", reasons);
    }
    if (!p.outOfAreaReason.empty()) rows.emplace_back("Why out of area", p.outOfAreaReason);
    if (r.locationIncluded()) {
        rows.emplace_back("Address (included for " + s.recipient + ")",
                          p.locationAddress.empty() ? "Not recorded" : p.locationAddress);
        rows.emplace_back("Carer or home", p.locationName.empty() ? "Not recorded" : p.locationName);
        if (!p.provider.empty()) rows.emplace_back("Provider", p.provider);
    } else {
        rows.emplace_back("Location", p.locationRecorded
                                          ? "Withheld from this summary (recorded in Throughline)"
                                          : "Not recorded");
    }
    return rows;
}

std::string instant(std::int64_t ms) {
    constexpr std::int64_t day = 86'400'000;
    const std::int64_t days = ms >= 0 ? ms / day : (ms - day + 1) / day;
    const int minutes = static_cast<int>((ms - days * day) / 60'000);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60, minutes % 60);
    return Date::fromDays(days).display() + ", " + buf + " UTC";
}

std::string missingLine(const MissingEntry& m) {
    std::string s =
        std::string(m.kind == MissingKind::Missing ? "Missing from placement" : "Away without permission") +
        " from " + instant(m.startedAt);
    if (m.endedAt) {
        const std::int64_t mins = (*m.endedAt - m.startedAt) / 60'000;
        s += " to " + instant(*m.endedAt) + " (" + std::to_string(mins / 60) + " h " +
             std::to_string(mins % 60) + " min)";
    } else {
        s += ": not yet returned";
    }
    return s;
}

std::string interviewLine(const MissingEntry& m) {
    if (!m.interviewOffered) return "Return interview: not offered";
    std::string s = "Return interview: offered";
    s += m.interviewAccepted ? ", accepted" : ", not accepted";
    if (m.interviewDate) s += " (" + m.interviewDate->display() + ")";
    return s;
}

std::string concernFlags(const std::vector<Concern>& flags) {
    std::string s;
    for (std::size_t i = 0; i < flags.size(); ++i)
        s += (i ? ", " : "") + std::string(enumDisplay(flags[i]));
    return s;
}

std::string actionDue(const ActionEntry& a) {
    if (!a.due) return "No due date";
    return (a.overdue ? "Overdue: was due " : "Due ") + a.due->display();
}

std::string endingDirection(const EndingFacts& e) {
    if (e.direction == "return_home") return "Return to the home area";
    if (e.direction == "settle") return "Settle where placed";
    return "Not yet recorded";
}

std::string relationshipText(std::string_view key) {
    if (key == "maintained") return "Maintained";
    if (key == "disrupted") return "Disrupted";
    if (key == "new") return "New";
    return "No contact";
}

std::string gapTitle(const GapEntry& g) {
    return g.severity == "serious" ? "Serious: " + g.title : g.title;
}

std::string gapsUnavailable() {
    return "The relational gap rules are not part of this summary yet: this build of Throughline does not "
           "include them. Read the track facts above for silences.";
}

std::string phaseIntro(const HandoverSummary& s) {
    if (!s.phasePictureAvailable)
        return "The relational picture per phase is not part of this summary: the insight engine was not run "
               "for it.";
    return "Which relationships were used for what before the move, during the placement and as it ends. " +
           phasePictureCoverage(s.phasePicture);
}

std::string phaseSubheading(const HandoverSummary& s, const PhaseGrid& g) {
    std::string dates = phaseDates(g);
    if (!g.from) return phaseTitle(g, s.phasePicture.hasPlacement) + " (" + lowerAscii(dates) + ")";
    return phaseTitle(g, s.phasePicture.hasPlacement) + ": " + dates;
}

std::string safetyPlanUnavailable() {
    return "No safety plan has been recorded for the young person.";
}

std::array<SafetyPlanList, 7> safetyPlanLists(const SafetyPlanFacts& sp) {
    return {{{"People I can turn to", &sp.peopleToTurnTo},
             {"Places I feel safe", &sp.safePlaces},
             {"Places I feel unsafe", &sp.unsafePlaces},
             {"What helps when things get hard", &sp.whatHelps},
             {"What I have agreed to", &sp.youngPersonAgreed},
             {"What the adults have agreed to", &sp.adultsAgreed},
             {"What changed since the previous version", &sp.changes}}};
}

} // namespace throughline::core::handover_text
