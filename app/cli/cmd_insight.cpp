// insight: the relational picture of one young person for a period: the track x place x phase matrix,
// each network member's status and trend, what each track was used for in each phase, and the gaps and
// silences. Read-only; never shows the placement
// location (the insight engine never holds it).
#include "cli.hpp"

#include "throughline/insight/insight.hpp"
#include "throughline/records/store.hpp"

#include <cstdio>
#include <iostream>

namespace throughline::cli {

namespace {

std::string lowerFirst(std::string s) {
    if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
    return s;
}

std::string cellText(const core::MatrixCell& c) {
    if (c.recorded() == 0) return "-";
    std::string out = std::to_string(c.happened);
    const int missed = c.cancelled + c.declined + c.didNotAttend;
    if (missed) out += " (+" + std::to_string(missed) + " not)";
    return out;
}

void printHuman(const core::Insight& in, const core::YoungPerson& person) {
    using namespace core;
    std::printf("Relational picture for %s, %s to %s\n", person.shownName().c_str(),
                in.period.from.display().c_str(), in.period.to.display().c_str());
    if (in.placementStart) {
        std::printf("Placement from %s", in.placementStart->display().c_str());
        if (in.placementEnd) std::printf(", ending %s", in.placementEnd->display().c_str());
        if (in.endingFrom) std::printf(" (ending phase from %s)", in.endingFrom->display().c_str());
        std::printf("\n");
    } else {
        std::printf("No placement recorded.\n");
    }

    std::printf("\nContacts that happened (+ cancelled, declined or not attended), by track and place:\n");
    std::printf("  %-18s %-16s %-14s %-14s %-14s %s\n", "Track", "Place", "Before", "During", "Ending",
                "Last contact");
    for (const auto& t : enumEntries<Track>())
        for (const auto& p : enumEntries<Place>()) {
            std::optional<Date> last;
            std::string cells[3];
            for (const auto& ph : enumEntries<Phase>()) {
                const auto& c = in.matrix.at(t.value, p.value, ph.value);
                cells[static_cast<int>(ph.value)] = cellText(c);
                if (c.lastContact && (!last || *last < *c.lastContact)) last = c.lastContact;
            }
            std::printf(
                "  %-18s %-16s %-14s %-14s %-14s %s\n", std::string(t.display).c_str(),
                std::string(p.display).c_str(), cells[0].c_str(), cells[1].c_str(), cells[2].c_str(),
                last ? (last->display() + ", " + daysAgoText(in.asOf.toDays() - last->toDays())).c_str()
                     : "none");
        }

    std::printf("\nNetwork members:\n");
    if (in.members.empty()) std::printf("  (none recorded)\n");
    for (const auto& m : in.members) {
        const char* trend = m.trend == Trend::More    ? "more than"
                            : m.trend == Trend::Fewer ? "fewer than"
                                                      : "same as";
        std::printf("  %-32s %-18s %-15s %-10s %s (%s the period before)  last: %s\n", m.name.c_str(),
                    std::string(enumDisplay(m.track)).c_str(), std::string(enumDisplay(m.place)).c_str(),
                    std::string(enumDisplay(m.status)).c_str(),
                    countOf(m.contactsInPeriod, "contact", "contacts").c_str(), trend,
                    m.lastContact ? m.lastContact->display().c_str() : "none");
    }

    // The phase picture, in lines a screen reader reads in order (the JSON has it as cells).
    const PhasePicture& pic = in.phasePicture;
    std::printf("\nRelationships per phase (what each track was used for):\n  %s\n",
                phasePictureCoverage(pic).c_str());
    for (const auto& g : pic.phases) {
        if (!pic.hasPlacement && g.phase != Phase::During) continue;
        std::printf("\n  %s: %s\n", phaseTitle(g, pic.hasPlacement).c_str(), phaseDates(g).c_str());
        if (g.from)
            for (Track t : {Track::Practitioner, Track::Family, Track::PeerCommunity}) {
                std::string line;
                for (Use u : {Use::Consistency, Use::Collaboration, Use::Safety}) {
                    if (!line.empty()) line += "; ";
                    const std::string cell = phaseCellText(g.at(t, u));
                    line += lowerFirst(std::string(enumDisplay(u))) + ": " + (cell == "None" ? "none" : cell);
                }
                std::printf("    %s: %s\n", std::string(enumDisplay(t)).c_str(), line.c_str());
            }
        for (const auto& f : g.findings)
            std::printf("    - %s\n", f.c_str());
    }

    std::printf("\nGaps and silences:\n");
    if (in.gaps.empty()) std::printf("  None found.\n");
    for (const auto& g : in.gaps)
        std::printf("  [%s] %s\n      %s\n", std::string(enumDisplay(g.severity)).c_str(), g.title.c_str(),
                    g.explanation.c_str());
}

} // namespace

int runInsight(const Args& args) {
    const auto person = args.get("young-person");
    if (!person || person->empty())
        usageError(args.command, "--young-person ID is required (see 'throughline-cli list' for ids).");
    std::optional<core::Date> from, to, today;
    if (args.has("from")) from = dateOption(args, "from");
    if (args.has("to")) to = dateOption(args, "to");
    if (args.has("today")) today = dateOption(args, "today");
    if (from && to && *from > *to) usageError(args.command, "--from must not be after --to.");

    auto vault = openVault(args);
    auto& store = vault->store();
    if (today) store.setToday([d = *today] { return d; });
    auto input = loadInsightInput(store, *person);
    if (!input) fail(input.error());
    auto& in = input.value();
    if (today) in.nowMs = (today->toDays() + 1) * 86'400'000 - 1;
    core::Period period = core::defaultPeriod(in);
    if (from) period.from = *from;
    if (to) period.to = *to;
    if (period.from > period.to)
        usageError(args.command, "The period would end (" + period.to.iso() + ") before it starts (" +
                                     period.from.iso() + "); give both --from and --to.");
    const core::Insight insight = core::computeInsight(in, period);
    if (args.has("json"))
        std::cout << core::insightToJson(insight, in.person) << "\n";
    else
        printHuman(insight, in.person);
    return ExitOk;
}

} // namespace throughline::cli
