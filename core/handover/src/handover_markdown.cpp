// Markdown renderer of the handover summary: plain text that reads well as it is and converts cleanly.
#include "handover_text.hpp"

#include <sstream>

namespace throughline::core {

namespace {

namespace tx = handover_text;

// Escapes characters Markdown would read as formatting, so recorded text is shown exactly as written.
std::string md(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 8);
    for (char ch : s) {
        switch (ch) {
        case '\\':
        case '*':
        case '_':
        case '`':
        case '[':
        case ']':
        case '<':
        case '>':
        case '|':
        case '#':
            out += '\\';
            out += ch;
            break;
        case '\r':
            break;
        case '\n':
            out += ' ';
            break;
        default:
            out += ch;
        }
    }
    return out;
}

// Multi-line text (the young person's words) kept line for line inside a block quote.
std::string quoted(std::string_view s) {
    std::string out;
    std::size_t b = 0;
    while (true) {
        std::size_t e = s.find('\n', b);
        const auto line = s.substr(b, e == std::string_view::npos ? std::string_view::npos : e - b);
        if (!out.empty()) out += "  \n";
        out += "> " + md(line);
        if (e == std::string_view::npos) break;
        b = e + 1;
    }
    return out;
}

// "Recorded by …" after an item from another vault, in bold when its source is not verified.
std::string originNote(const HandoverSummary& s, const ItemOrigin& o) {
    const std::string line = tx::originLine(s, o);
    if (line.empty()) return {};
    return tx::originUnverified(s, o) ? " **" + md(line) + ".**" : " " + md(line) + ".";
}

} // namespace

std::string renderMarkdown(const RedactedSummary& r) {
    const auto& s = r.model();
    std::ostringstream o;
    o << "**" << tx::marking << "**\n\n";
    o << "# " << tx::title << ": " << md(tx::personLine(s)) << "\n\n";
    o << "- Period: " << md(tx::periodLine(s)) << ". " << md(tx::periodBasis(s)) << ".\n";
    o << "- Prepared on " << s.preparedOn.display();
    if (!s.preparedBy.empty()) o << " by " << md(s.preparedBy);
    if (!s.organisation.empty()) o << ", " << md(s.organisation);
    o << ".\n";
    if (!s.recipient.empty()) o << "- Prepared for: " << md(s.recipient) << ".\n";
    o << "\n";

    o << "## At a glance\n\n";
    for (const auto& g : tx::atAGlance(s))
        o << "- " << (g.important ? "**" + md(g.text) + "**" : md(g.text)) << "\n";
    o << "\n";

    o << "## Young person and placement\n\n| | |\n|---|---|\n";
    for (const auto& [k, v] : tx::factRows(r))
        o << "| " << md(k) << " | " << md(v) << " |\n";
    o << "\n";

    o << "## " << tx::sourcesHeading << "\n\n" << md(tx::sourcesIntro(s)) << "\n\n";
    for (const auto& src : s.sources) {
        o << "- **" << md(tx::sourceTitle(src)) << "**: " << md(tx::sourceRecords(src)) << ".";
        if (const auto by = tx::sourceAuthors(src); !by.empty()) o << " " << md(by);
        if (const auto check = tx::sourceCheck(src); !check.empty())
            o << " " << (tx::unverified(src) ? "**" + md(check) + "**" : md(check));
        o << "\n";
    }
    o << "\n";

    o << "## Relationships by track and place\n\n";
    o << "Contacts that happened in the period (not happened in brackets: cancelled, declined or not "
         "attended).\n\n";
    o << "| Track | Home area | Placement area | Online |\n|---|---|---|---|\n";
    for (Track t : {Track::Practitioner, Track::Family, Track::PeerCommunity}) {
        o << "| " << md(enumDisplay(t));
        for (Place p : {Place::HomeArea, Place::PlacementArea, Place::Online})
            for (const auto& c : s.matrix)
                if (c.track == t && c.place == p)
                    o << " | " << c.happened
                      << (c.notHappened ? " (" + std::to_string(c.notHappened) + ")" : "");
        o << " |\n";
    }
    o << "\n### Network\n\n";
    if (s.network.empty()) {
        o << "Nobody is recorded in the young person's network.\n\n";
    } else {
        o << "| Name | Track | Place | Worker's view | Young person's view | Arrangement | Contacts | Last "
             "contact | "
             "Relationship |\n|---|---|---|---|---|---|---|---|---|\n";
        for (const auto& m : s.network)
            o << "| " << md(m.name) << " (" << md(enumDisplay(m.role)) << ") | " << md(enumDisplay(m.track))
              << " | " << md(enumDisplay(m.place)) << " | " << md(enumDisplay(m.workerView)) << " | "
              << md(enumDisplay(m.youngPersonView)) << " | " << md(enumDisplay(m.arrangement)) << " | "
              << m.contactsInPeriod << " | " << tx::optDate(m.lastContact, "none") << " | "
              << tx::relationshipText(m.relationship) << " |\n";
        o << "\n";
    }

    o << "## Track by track\n\n";
    for (const auto& t : s.tracks) {
        o << "### " << md(enumDisplay(t.track)) << "\n\n";
        for (const auto& l : t.lines)
            o << "- " << md(l) << "\n";
        o << "\n";
    }

    o << "## " << tx::phaseHeading << "\n\n" << md(tx::phaseIntro(s)) << "\n\n";
    if (s.phasePictureAvailable)
        for (const auto& g : s.phasePicture.phases) {
            if (!s.phasePicture.hasPlacement && g.phase != Phase::During) continue;
            o << "### " << md(tx::phaseSubheading(s, g)) << "\n\n";
            if (g.from) {
                o << "| Track | Consistency | Collaboration | Safety |\n|---|---|---|---|\n";
                for (Track t : tx::phaseTracks) {
                    o << "| " << md(enumDisplay(t));
                    for (Use u : tx::phaseUses)
                        o << " | " << md(phaseCellText(g.at(t, u)));
                    o << " |\n";
                }
                o << "\n";
            }
            for (const auto& f : g.findings)
                o << "- " << md(f) << "\n";
            o << "\n";
        }

    o << "## Gaps and silences\n\n";
    if (!s.insightAvailable)
        o << md(tx::gapsUnavailable()) << "\n\n";
    else if (s.gaps.empty())
        o << "No gaps or silences were found in the period.\n\n";
    for (const auto& g : s.gaps) {
        o << "- **" << md(tx::gapTitle(g)) << "**: " << md(g.explanation) << "\n";
        for (const auto& e : g.evidence)
            o << "  - " << md(e) << "\n";
    }
    if (!s.gaps.empty()) o << "\n";

    o << "## In the young person's own words\n\n";
    if (s.voice.empty())
        o << "No words of the young person were recorded in the period.\n\n";
    else
        o << "Recorded as said, most recent first.\n\n";
    for (const auto& v : s.voice) {
        o << "**" << v.date.display() << "**: " << md(v.context) << "\n\n";
        o << quoted(v.words) << "\n>\n> (the young person's own words)";
        if (const auto by = originNote(s, v.origin); !by.empty()) o << "  \n>" << by;
        o << "\n\n";
    }

    o << "## Safety plan\n\n";
    const auto& sp = s.safetyPlan;
    if (!sp.present) {
        o << md(tx::safetyPlanUnavailable()) << "\n\n";
    } else {
        o << "- Version " << sp.version << ", written " << tx::optDate(sp.writtenOn) << "; review due "
          << tx::optDate(sp.reviewDue) << (sp.reviewOverdue ? " (overdue)" : "") << ".\n";
        o << "- The young person "
          << (sp.youngPersonHelpedWrite ? "helped write it" : "did not help write it") << " and "
          << (sp.youngPersonAgrees ? "agrees with it" : "does not agree with it") << ".\n";
        for (const auto& [label, items] : tx::safetyPlanLists(sp)) {
            if (items->empty()) continue;
            o << "\n**" << label << "**\n\n";
            for (const auto& i : *items)
                o << "- " << md(i) << "\n";
        }
        o << "\n";
    }

    o << "## Missing episodes and concerns\n\n";
    if (s.missing.empty()) o << "No missing episodes in the period.\n\n";
    for (const auto& m : s.missing) {
        o << "- " << md(tx::missingLine(m)) << ". " << md(tx::interviewLine(m)) << ".";
        if (!m.notes.empty()) o << " " << md(m.notes);
        o << originNote(s, m.origin) << "\n";
    }
    if (!s.missing.empty()) o << "\n";
    if (s.concerns.empty()) o << "No concerns were recorded on contacts in the period.\n\n";
    for (const auto& c : s.concerns) {
        o << "- **" << c.date.display() << "**, " << md(c.context);
        if (!c.flags.empty()) o << " (" << md(tx::concernFlags(c.flags)) << ")";
        o << ": " << md(c.text.empty() ? "no detail written" : c.text) << originNote(s, c.origin) << "\n";
    }
    if (!s.concerns.empty()) o << "\n";

    o << "## Open actions\n\n";
    if (s.openActions.empty()) o << "No open actions.\n\n";
    for (const auto& a : s.openActions) {
        o << "- " << (a.overdue ? "**" + tx::actionDue(a) + "**" : tx::actionDue(a)) << ": "
          << md(a.description);
        if (!a.owner.empty()) o << " (" << md(a.owner) << ")";
        o << "\n";
    }
    if (!s.openActions.empty()) o << "\n";

    o << "## Ending the relocation\n\n";
    o << "- Plan: " << md(tx::endingDirection(s.ending)) << ".\n";
    if (s.ending.plannedEnd) {
        o << "- Placement " << (s.placement.actualEnd ? "ended " : "planned to end ")
          << s.ending.plannedEnd->display();
        if (s.ending.daysToPlannedEnd && *s.ending.daysToPlannedEnd > 0)
            o << " (" << daysText(*s.ending.daysToPlannedEnd) << " after this summary)";
        o << ".\n";
    }
    for (const auto& l : s.ending.lines)
        o << "- " << md(l) << "\n";
    o << "\n**" << tx::marking << "**\n";
    return o.str();
}

} // namespace throughline::core
