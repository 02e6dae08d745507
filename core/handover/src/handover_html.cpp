// HTML renderer of the handover summary: one self-contained file (inline CSS, inline SVG map, no scripts,
// nothing fetched), accessible markup and a print stylesheet. Printed, the marking and page numbers go in
// the page margin boxes where the browser supports them, and the marking always opens and closes the
// document.
#include "handover_text.hpp"
#include "throughline/insight/map_labels.hpp"
#include "throughline/insight/network_map.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace throughline::core {

namespace {

namespace tx = handover_text;

std::string esc(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 16);
    for (char ch : s) {
        switch (ch) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out += ch;
        }
    }
    return out;
}

// Fixed-precision numbers: the same geometry always prints the same digits.
std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", std::round(v * 10.0) / 10.0 + 0.0);
    return buf;
}

std::string hex(unsigned rgb) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%06X", rgb & 0xFFFFFFu);
    return buf;
}

std::string dashAttr(const MapLineStyle& st, double width) {
    if (st.dash.empty()) return {};
    std::string s = " stroke-dasharray=\"";
    for (std::size_t i = 0; i < st.dash.size(); ++i)
        s += (i ? " " : "") + num(st.dash[i] * std::max(width, 1.2));
    return s + "\"";
}

constexpr const char* css = R"CSS(
:root{color-scheme:light}
body{font-family:"DejaVu Sans",Verdana,"Segoe UI",Arial,"Noto Sans","Noto Naskh Arabic","Noto Sans Hebrew","Noto Sans Devanagari","Noto Sans Ethiopic",sans-serif,"Noto Color Emoji","Apple Color Emoji","Segoe UI Emoji","Symbola";color:#1f2328;background:#fff;margin:0;line-height:1.5;font-size:16px}
.marking{background:#1f2328;color:#fff;text-align:center;font-weight:bold;letter-spacing:.08em;padding:.25rem;font-size:.85rem}
main{max-width:52rem;margin:0 auto;padding:1.5rem 1.25rem 3rem}
h1{font-size:1.6rem;margin:.5rem 0 .25rem}
h2{font-size:1.2rem;border-bottom:2px solid #d0d7de;padding-bottom:.2rem;margin-top:2rem}
h3{font-size:1.02rem;margin:1.2rem 0 .3rem}
.meta{color:#57606a;margin:.2rem 0}
.table-scroll{overflow-x:auto;margin:.5rem 0 1rem}
.table-scroll:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}
table{border-collapse:collapse;width:100%;margin:0;font-size:.92rem}
th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}
td.n{text-align:right;font-variant-numeric:tabular-nums}
ul{padding-left:1.3rem}
blockquote{margin:.4rem 0 1rem;padding:.5rem .9rem;border-left:4px solid #1b6e4b;background:#f3f8f5;white-space:pre-wrap}
.voice .who{font-size:.8rem;color:#57606a;display:block;margin-top:.3rem;font-style:italic}
.overdue{color:#b3261e;font-weight:bold}
.unverified{color:#b3261e;font-weight:bold;font-style:normal}
.origin{color:#57606a;font-size:.9rem}
.note{color:#57606a;font-style:italic}
figure{margin:1rem 0}
figure>svg{width:100%;height:auto;max-width:44rem;display:block;margin:0 auto}
.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.4rem 1.4rem;font-size:.88rem;justify-content:center}
.legend li{display:flex;align-items:center;gap:.4rem}
.legend svg{width:2.5rem;height:.65rem;flex:none}
@media print{
 @page{size:A4;margin:18mm 16mm;
  @top-center{content:"OFFICIAL-SENSITIVE";font:bold 8pt sans-serif}
  @bottom-center{content:"OFFICIAL-SENSITIVE";font:bold 8pt sans-serif}
  @bottom-right{content:"Page " counter(page) " of " counter(pages);font:8pt sans-serif}}
 body{font-size:10.5pt}
 main{max-width:none;padding:0}
 .marking{background:none;color:#000;border:1px solid #000;font-size:8pt}
 h2,h3{break-after:avoid}
 tr,blockquote,figure{break-inside:avoid}
 .table-scroll{overflow:visible}
}
)CSS";

// A placed map label: one line of text per line of the label, from the top of its box; a leader line to
// its dot when it was set away from it.
void svgLabel(std::ostringstream& o, const MapLabel& l, double S, std::string_view attributes) {
    if (l.text.empty()) return;
    if (l.leader) {
        double nx = 0, ny = 0;
        nearestOnBox(l.box, l.fromX, l.fromY, nx, ny);
        o << "<line x1=\"" << num(l.fromX * S) << "\" y1=\"" << num(l.fromY * S) << "\" x2=\"" << num(nx * S)
          << "\" y2=\"" << num(ny * S) << "\" stroke=\"#8c959f\" stroke-width=\"0.7\"/>\n";
    }
    std::size_t lines = 1 + static_cast<std::size_t>(std::count(l.text.begin(), l.text.end(), '\n'));
    const double lineH = (l.box.y1 - l.box.y0) * S / static_cast<double>(lines);
    // A white halo under the letters: a line from the centre that runs through a name does not cut it.
    o << "<text " << attributes
      << " dominant-baseline=\"central\" paint-order=\"stroke\" stroke=\"#ffffff\" stroke-width=\"3\" "
         "stroke-linejoin=\"round\">";
    std::size_t from = 0, line = 0;
    while (from <= l.text.size()) {
        const std::size_t to = std::min(l.text.find('\n', from), l.text.size());
        o << "<tspan x=\"" << num(l.box.x0 * S) << "\" y=\"" << num(l.box.y0 * S + lineH * (line + 0.5))
          << "\">" << esc(l.text.substr(from, to - from)) << "</tspan>";
        from = to + 1;
        ++line;
    }
    o << "</text>\n";
}

void svgMap(std::ostringstream& o, const HandoverSummary& s) {
    std::vector<MapMemberInput> in;
    in.reserve(s.network.size());
    for (const auto& m : s.network)
        in.push_back({m.id, m.name, m.track, m.place, m.workerView, m.youngPersonView, m.contactsInPeriod});
    const auto map = layoutNetworkMap(in, tx::mapCentreLabel(s));
    const double S = 600;
    // The shared placement (core/insight map_labels) with estimated widths: a browser's fonts cannot be
    // measured from here, so the estimate errs wide. The largest dot is the 9-px ring with its line.
    const auto labels = placeMapLabels(map, {S, 9.5, 2}, [](std::string_view text, MapText kind) {
        return estimateMapText(text,
                               kind == MapText::Sector ? 15
                               : kind == MapText::Ring ? 9.5
                                                       : 10.5,
                               kind == MapText::Sector);
    });
    o << "<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 600 600\" role=\"img\" "
         "aria-labelledby=\"map-title map-desc\">\n";
    o << "<title id=\"map-title\">Network map</title>\n<desc id=\"map-desc\">" << esc(tx::mapDescription(s))
      << " Placement area is the inner ring, home area the middle ring, online the outer ring. The table "
         "below lists everyone shown.</desc>\n";
    const double R = map.rings.back().outer * S;
    for (const auto& sec : map.sectors) {
        const double x0 = 300 + R * std::cos(sec.startAngle), y0 = 300 + R * std::sin(sec.startAngle);
        const double x1 = 300 + R * std::cos(sec.endAngle), y1 = 300 + R * std::sin(sec.endAngle);
        o << "<path d=\"M300 300 L" << num(x0) << " " << num(y0) << " A" << num(R) << " " << num(R)
          << " 0 0 1 " << num(x1) << " " << num(y1) << " Z\" fill=\"" << hex(mapTrackTint(sec.track))
          << "\" stroke=\"#ffffff\" stroke-width=\"3\"/>\n";
    }
    for (const auto& ring : map.rings)
        o << "<circle cx=\"300\" cy=\"300\" r=\"" << num(ring.outer * S)
          << "\" fill=\"none\" stroke=\"#8c959f\" stroke-width=\"0.8\" stroke-dasharray=\"3 3\"/>\n";
    for (const auto& n : map.nodes) {
        const auto& st = mapLineStyle(n.view);
        const double w = n.weight * S / 200.0;
        o << "<line x1=\"300\" y1=\"300\" x2=\"" << num(n.x * S) << "\" y2=\"" << num(n.y * S)
          << "\" stroke=\"" << hex(st.rgb) << "\" stroke-width=\"" << num(w) << "\"" << dashAttr(st, w)
          << (n.faded ? " stroke-opacity=\"0.4\"" : "") << "/>\n";
    }
    for (const auto& n : map.nodes) {
        const auto& st = mapLineStyle(n.view);
        o << "<circle cx=\"" << num(n.x * S) << "\" cy=\"" << num(n.y * S) << "\" r=\"5.5\" fill=\""
          << (n.faded ? "#ffffff" : hex(st.rgb)) << "\" stroke=\"" << hex(st.rgb)
          << "\" stroke-width=\"1.5\"/>\n";
        if (n.viewsDiffer)
            o << "<circle cx=\"" << num(n.x * S) << "\" cy=\"" << num(n.y * S)
              << "\" r=\"9\" fill=\"none\" stroke=\"#1f2328\" stroke-width=\"1\"/>\n";
    }
    for (const auto& l : labels.sectors)
        svgLabel(o, l, S, "font-size=\"15\" font-weight=\"bold\" fill=\"#1f2328\"");
    for (const auto& l : labels.rings)
        svgLabel(o, l, S, "font-size=\"9.5\" fill=\"#57606a\" font-style=\"italic\"");
    for (std::size_t i = 0; i < labels.nodes.size(); ++i)
        svgLabel(o, labels.nodes[i], S,
                 map.nodes[i].faded ? "font-size=\"10.5\" fill=\"#6b6f76\""
                                    : "font-size=\"10.5\" fill=\"#1f2328\"");
    o << "<circle cx=\"300\" cy=\"300\" r=\"" << num(map.centreRadius * S)
      << "\" fill=\"#1f2328\"/>\n<text x=\"300\" y=\"305\" text-anchor=\"middle\" font-size=\"13\" "
         "font-weight=\"bold\" fill=\"#ffffff\">"
      << esc(map.centreLabel) << "</text>\n</svg>\n";
    o << "<figcaption><ul class=\"legend\" aria-label=\"Legend\">\n";
    for (const auto& st : mapLineStyles())
        o << "<li><svg width=\"40\" height=\"10\" aria-hidden=\"true\"><line x1=\"0\" y1=\"5\" x2=\"40\" "
             "y2=\"5\" "
             "stroke=\""
          << hex(st.rgb) << "\" stroke-width=\"2.5\"" << dashAttr(st, 2.5) << "/></svg> " << esc(st.label)
          << " (worker's view)</li>\n";
    o << "<li>Thicker line: more contact in the period</li>\n<li>Open dot, faint line: no contact in the "
         "period</li>\n<li>Ringed dot: the young person sees it differently</li>\n"
      << (map.numbered ? "<li>Numbers are the rows of the network table</li>\n" : "")
      << "</ul></figcaption>\n</figure>\n";
}

// Every table sits in its own scrolling region, so a wide table scrolls sideways on a phone while the page
// itself reflows (WCAG 1.4.10); the region can take focus, so it scrolls from the keyboard too. Sections
// added later: open and close their tables with these.
void openTable(std::ostringstream& o, std::string_view label) {
    o << "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"" << esc(label)
      << "\">\n<table>\n";
}
void closeTable(std::ostringstream& o) {
    o << "</table>\n</div>\n";
}

// "Recorded by …" for an item from another vault, flagged when its source is not verified.
std::string originHtml(const HandoverSummary& s, const ItemOrigin& o) {
    const std::string line = tx::originLine(s, o);
    if (line.empty()) return {};
    return tx::originUnverified(s, o) ? "<strong class=\"unverified\">" + esc(line) + ".</strong>"
                                      : esc(line) + ".";
}

} // namespace

std::string renderHtml(const RedactedSummary& r) {
    const auto& s = r.model();
    std::ostringstream o;
    o << "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<meta name=\"robots\" content=\"noindex\">\n<title>"
      << tx::marking << ": " << tx::title << ", " << esc(tx::personLine(s)) << "</title>\n<style>" << css
      << "</style>\n</head>\n<body>\n";
    o << "<div class=\"marking top\" role=\"note\">" << tx::marking << "</div>\n<main>\n";
    o << "<header>\n<h1>" << tx::title << ": " << esc(tx::personLine(s)) << "</h1>\n";
    o << "<p class=\"meta\">Period: " << esc(tx::periodLine(s)) << ". " << esc(tx::periodBasis(s))
      << ".</p>\n";
    o << "<p class=\"meta\">Prepared on " << s.preparedOn.display();
    if (!s.preparedBy.empty()) o << " by " << esc(s.preparedBy);
    if (!s.organisation.empty()) o << ", " << esc(s.organisation);
    o << ".";
    if (!s.recipient.empty()) o << " Prepared for " << esc(s.recipient) << ".";
    o << "</p>\n</header>\n";

    o << "<section aria-labelledby=\"s-glance\">\n<h2 id=\"s-glance\">At a glance</h2>\n<ul>\n";
    for (const auto& g : tx::atAGlance(s))
        o << "<li" << (g.alert ? " class=\"overdue\"" : "") << ">" << (g.important ? "<strong>" : "")
          << esc(g.text) << (g.important ? "</strong>" : "") << "</li>\n";
    o << "</ul>\n</section>\n";

    o << "<section aria-labelledby=\"s-person\">\n<h2 id=\"s-person\">Young person and "
         "placement</h2>\n";
    openTable(o, "Young person and placement");
    for (const auto& [k, v] : tx::factRows(r))
        o << "<tr><th scope=\"row\">" << esc(k) << "</th><td>" << esc(v) << "</td></tr>\n";
    closeTable(o);
    o << "</section>\n";

    o << "<section aria-labelledby=\"s-sources\">\n<h2 id=\"s-sources\">" << tx::sourcesHeading
      << "</h2>\n<p class=\"note\">" << esc(tx::sourcesIntro(s)) << "</p>\n<ul>\n";
    for (const auto& src : s.sources) {
        o << "<li><strong>" << esc(tx::sourceTitle(src)) << "</strong>: " << esc(tx::sourceRecords(src))
          << ".";
        if (const auto by = tx::sourceAuthors(src); !by.empty()) o << " " << esc(by);
        if (const auto check = tx::sourceCheck(src); !check.empty())
            o << " "
              << (tx::unverified(src) ? "<strong class=\"unverified\">" + esc(check) + "</strong>"
                                      : esc(check));
        o << "</li>\n";
    }
    o << "</ul>\n</section>\n";

    o << "<section aria-labelledby=\"s-network\">\n<h2 id=\"s-network\">Relationships by track and "
         "place</h2>\n";
    openTable(o, "Contacts by track and place");
    o << "<caption class=\"note\">Contacts that happened in the period; in brackets, those "
         "cancelled, "
         "declined or not attended.</caption>\n<thead><tr><th scope=\"col\">Track</th><th scope=\"col\">Home "
         "area</th><th scope=\"col\">Placement area</th><th "
         "scope=\"col\">Online</th></tr></thead>\n<tbody>\n";
    for (Track t : {Track::Practitioner, Track::Family, Track::PeerCommunity}) {
        o << "<tr><th scope=\"row\">" << esc(enumDisplay(t)) << "</th>";
        for (Place p : {Place::HomeArea, Place::PlacementArea, Place::Online})
            for (const auto& c : s.matrix)
                if (c.track == t && c.place == p)
                    o << "<td class=\"n\">" << c.happened
                      << (c.notHappened ? " (" + std::to_string(c.notHappened) + ")" : "") << "</td>";
        o << "</tr>\n";
    }
    o << "</tbody>\n";
    closeTable(o);
    svgMap(o, s);
    if (s.network.empty()) {
        o << "<p>Nobody is recorded in the young person's network.</p>\n";
    } else {
        o << "<h3>Network</h3>\n";
        openTable(o, "Network");
        o << "<thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Track and "
             "place</th><th scope=\"col\">Worker's view</th><th scope=\"col\">Young person's view</th><th "
             "scope=\"col\">Arrangement</th><th scope=\"col\">Contacts</th><th scope=\"col\">Last "
             "contact</th><th scope=\"col\">Relationship</th></tr></thead>\n<tbody>\n";
        const bool numbered = s.network.size() > mapNamedLimit; // the map shows numbers, not names
        for (std::size_t i = 0; i < s.network.size(); ++i) {
            const auto& m = s.network[i];
            o << "<tr><th scope=\"row\">" << (numbered ? std::to_string(i + 1) + ". " : std::string())
              << esc(m.name) << " <span class=\"note\">(" << esc(enumDisplay(m.role)) << ")</span></th><td>"
              << esc(enumDisplay(m.track)) << ", " << esc(enumDisplay(m.place)) << "</td><td>"
              << esc(enumDisplay(m.workerView)) << "</td><td>" << esc(enumDisplay(m.youngPersonView))
              << "</td><td>" << esc(enumDisplay(m.arrangement)) << "</td><td class=\"n\">"
              << m.contactsInPeriod << "</td><td>" << esc(tx::optDate(m.lastContact, "none")) << "</td><td>"
              << tx::relationshipText(m.relationship) << "</td></tr>\n";
        }
        o << "</tbody>\n";
        closeTable(o);
    }
    o << "</section>\n";

    o << "<section aria-labelledby=\"s-tracks\">\n<h2 id=\"s-tracks\">Track by track</h2>\n";
    for (const auto& t : s.tracks) {
        o << "<h3>" << esc(enumDisplay(t.track)) << "</h3>\n<ul>\n";
        for (const auto& l : t.lines)
            o << "<li>" << esc(l) << "</li>\n";
        o << "</ul>\n";
    }
    o << "</section>\n";

    o << "<section aria-labelledby=\"s-phases\">\n<h2 id=\"s-phases\">" << esc(tx::phaseHeading) << "</h2>\n";
    o << "<p class=\"note\">" << esc(tx::phaseIntro(s)) << "</p>\n";
    if (s.phasePictureAvailable)
        for (const auto& g : s.phasePicture.phases) {
            if (!s.phasePicture.hasPlacement && g.phase != Phase::During) continue;
            const std::string subheading = tx::phaseSubheading(s, g);
            o << "<h3>" << esc(subheading) << "</h3>\n";
            if (g.from) {
                openTable(o, subheading);
                o << "<thead><tr><th scope=\"col\">Track</th><th scope=\"col\">Consistency</th><th "
                     "scope=\"col\">Collaboration</th><th scope=\"col\">Safety</th></tr></thead>\n<tbody>\n";
                for (Track t : tx::phaseTracks) {
                    o << "<tr><th scope=\"row\">" << esc(enumDisplay(t)) << "</th>";
                    for (Use u : tx::phaseUses) {
                        const PhaseCell& c = g.at(t, u);
                        o << (c.empty() ? "<td class=\"note\">" : "<td>") << esc(phaseCellText(c)) << "</td>";
                    }
                    o << "</tr>\n";
                }
                o << "</tbody>\n";
                closeTable(o);
            }
            if (!g.findings.empty()) {
                o << "<ul>\n";
                for (const auto& f : g.findings)
                    o << "<li>" << esc(f) << "</li>\n";
                o << "</ul>\n";
            }
        }
    o << "</section>\n";

    o << "<section aria-labelledby=\"s-gaps\">\n<h2 id=\"s-gaps\">Gaps and silences</h2>\n";
    if (!s.insightAvailable)
        o << "<p class=\"note\">" << esc(tx::gapsUnavailable()) << "</p>\n";
    else if (s.gaps.empty())
        o << "<p>No gaps or silences were found in the period.</p>\n";
    if (!s.gaps.empty()) {
        o << "<ul>\n";
        for (const auto& g : s.gaps) {
            o << "<li><strong>" << esc(tx::gapTitle(g)) << "</strong>: " << esc(g.explanation);
            if (!g.evidence.empty()) {
                o << "<ul>";
                for (const auto& e : g.evidence)
                    o << "<li>" << esc(e) << "</li>";
                o << "</ul>";
            }
            o << "</li>\n";
        }
        o << "</ul>\n";
    }
    o << "</section>\n";

    o << "<section aria-labelledby=\"s-voice\" class=\"voice\">\n<h2 id=\"s-voice\">In the young person's "
         "own "
         "words</h2>\n";
    if (s.voice.empty())
        o << "<p>No words of the young person were recorded in the period.</p>\n";
    else
        o << "<p class=\"note\">Recorded as said, most recent first.</p>\n";
    for (const auto& v : s.voice)
        o << "<h3>" << v.date.display() << "</h3>\n<p>" << esc(v.context)
          << "</p>\n<blockquote lang=\"en-GB\">" << esc(v.words)
          << "<span class=\"who\">The young person's own words"
          << (v.origin.elsewhere ? ". " + originHtml(s, v.origin) : std::string())
          << "</span></blockquote>\n";
    o << "</section>\n";

    o << "<section aria-labelledby=\"s-plan\">\n<h2 id=\"s-plan\">Safety plan</h2>\n";
    const auto& sp = s.safetyPlan;
    if (!sp.present) {
        o << "<p class=\"note\">" << esc(tx::safetyPlanUnavailable()) << "</p>\n";
    } else {
        o << "<p>Version " << sp.version << ", written " << esc(tx::optDate(sp.writtenOn)) << "; review due "
          << esc(tx::optDate(sp.reviewDue))
          << (sp.reviewOverdue ? " <span class=\"overdue\">(overdue)</span>" : "") << ". The young person "
          << (sp.youngPersonHelpedWrite ? "helped write it" : "did not help write it") << " and "
          << (sp.youngPersonAgrees ? "agrees with it" : "does not agree with it") << ".</p>\n";
        for (const auto& [label, items] : tx::safetyPlanLists(sp)) {
            if (items->empty()) continue;
            o << "<h3>" << label << "</h3>\n<ul>\n";
            for (const auto& i : *items)
                o << "<li>" << esc(i) << "</li>\n";
            o << "</ul>\n";
        }
    }
    o << "</section>\n";

    o << "<section aria-labelledby=\"s-missing\">\n<h2 id=\"s-missing\">Missing episodes and concerns</h2>\n";
    if (s.missing.empty())
        o << "<p>No missing episodes in the period.</p>\n";
    else {
        o << "<ul>\n";
        for (const auto& m : s.missing) {
            o << "<li>" << esc(tx::missingLine(m)) << ". " << esc(tx::interviewLine(m)) << ".";
            if (!m.notes.empty()) o << " " << esc(m.notes);
            if (m.origin.elsewhere)
                o << "<br><span class=\"origin\">" << originHtml(s, m.origin) << "</span>";
            o << "</li>\n";
        }
        o << "</ul>\n";
    }
    o << "<h3>Concerns recorded on contacts</h3>\n";
    if (s.concerns.empty())
        o << "<p>No concerns were recorded on contacts in the period.</p>\n";
    else {
        o << "<ul>\n";
        for (const auto& c : s.concerns) {
            o << "<li><strong>" << c.date.display() << "</strong>, " << esc(c.context);
            if (!c.flags.empty()) o << " (" << esc(tx::concernFlags(c.flags)) << ")";
            o << ": " << esc(c.text.empty() ? "no detail written" : c.text);
            if (c.origin.elsewhere)
                o << "<br><span class=\"origin\">" << originHtml(s, c.origin) << "</span>";
            o << "</li>\n";
        }
        o << "</ul>\n";
    }
    o << "</section>\n";

    o << "<section aria-labelledby=\"s-actions\">\n<h2 id=\"s-actions\">Open actions</h2>\n";
    if (s.openActions.empty())
        o << "<p>No open actions.</p>\n";
    else {
        openTable(o, "Open actions");
        o << "<thead><tr><th scope=\"col\">Action</th><th scope=\"col\">Who</th><th "
             "scope=\"col\">Due</th></tr></thead>\n<tbody>\n";
        for (const auto& a : s.openActions)
            o << "<tr><td>" << esc(a.description) << "</td><td>"
              << esc(a.owner.empty() ? "Not recorded" : a.owner) << "</td><td"
              << (a.overdue ? " class=\"overdue\"" : "") << ">" << esc(tx::actionDue(a)) << "</td></tr>\n";
        o << "</tbody>\n";
        closeTable(o);
    }
    o << "</section>\n";

    o << "<section aria-labelledby=\"s-ending\">\n<h2 id=\"s-ending\">Ending the relocation</h2>\n<ul>\n";
    o << "<li>Plan: " << esc(tx::endingDirection(s.ending)) << ".</li>\n";
    if (s.ending.plannedEnd) {
        o << "<li>Placement " << (s.placement.actualEnd ? "ended " : "planned to end ")
          << s.ending.plannedEnd->display();
        if (s.ending.daysToPlannedEnd && *s.ending.daysToPlannedEnd > 0)
            o << " (" << daysText(*s.ending.daysToPlannedEnd) << " after this summary)";
        o << ".</li>\n";
    }
    for (const auto& l : s.ending.lines)
        o << "<li>" << esc(l) << "</li>\n";
    o << "</ul>\n</section>\n</main>\n<div class=\"marking bottom\" role=\"note\">" << tx::marking
      << "</div>\n</body>\n</html>\n";
    return o.str();
}

} // namespace throughline::core
