// Label placement for the network map (see map_labels.hpp). Greedy and deterministic: track names first
// (they name whole sectors), then the place rings, then people (those with contact in the period before
// those without). Each label tries its preferred spots in turn and takes the first one that covers no
// label placed before it and no dot; a name that fits nowhere near its dot is shortened, then set a little
// away with a leader line, and only then left out (it stays in the tooltip and the network table).
#include "throughline/insight/map_labels.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

namespace throughline::core {

namespace {

constexpr double pi = 3.14159265358979323846;
constexpr double deg = pi / 180.0;

MapBox centred(double cx, double cy, double w, double h) {
    return {cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2};
}

// "Peer & community" -> "Peer &\ncommunity": the space nearest the middle becomes a line break.
std::optional<std::string> twoLines(const std::string& s) {
    std::size_t best = std::string::npos;
    for (std::size_t i = 0; i < s.size(); ++i)
        if (s[i] == ' ' &&
            (best == std::string::npos || std::abs(static_cast<double>(i) - s.size() / 2.0) <
                                              std::abs(static_cast<double>(best) - s.size() / 2.0)))
            best = i;
    if (best == std::string::npos) return std::nullopt;
    std::string out = s;
    out[best] = '\n';
    return out;
}

class Placer {
  public:
    Placer(const MapLabelMetrics& m, const MapMeasure& measure) : m_metrics(m), m_measure(measure) {}

    void addObstacle(const MapBox& b) { m_taken.push_back(b); }
    void addLine(const MapSegment& l) { m_lines.push_back(l); }

    bool free(const MapBox& b) const {
        constexpr double eps = 1e-9;
        if (b.x0 < -eps || b.y0 < -eps || b.x1 > 1 + eps || b.y1 > 1 + eps) return false;
        return std::none_of(m_taken.begin(), m_taken.end(), [&](const MapBox& t) { return t.intersects(b); });
    }
    bool clearOfLines(const MapBox& b) const { return !crossedByAny(b, m_lines); }

    // The text's size in the unit square.
    MapTextSize size(const std::string& text, MapText kind) const {
        const MapTextSize s = m_measure(text, kind);
        return {s.w / m_metrics.mapSize, s.h / m_metrics.mapSize};
    }
    double unit(double v) const { return v / m_metrics.mapSize; }

    // Takes the first free box of `candidates` that crosses none of the map's lines, else the first free one.
    std::optional<MapBox> first(const std::vector<MapBox>& candidates) {
        for (const auto& b : candidates)
            if (free(b) && clearOfLines(b)) return take(b);
        for (const auto& b : candidates)
            if (free(b)) return take(b);
        return std::nullopt;
    }

    // The free box nearest (ax, ay) whose centre is within `maxDist` of it, on a grid fine enough for
    // the text's height. Used for labels set away from what they name.
    std::optional<MapBox> nearest(double w, double h, double ax, double ay, double maxDist) {
        const double step = std::max(0.004, std::min(h, w) / 3);
        std::vector<std::pair<double, MapBox>> found;
        for (double cy = h / 2; cy <= 1 - h / 2 + 1e-9; cy += step)
            for (double cx = w / 2; cx <= 1 - w / 2 + 1e-9; cx += step) {
                const double d = std::hypot(cx - ax, cy - ay);
                if (d > maxDist) continue;
                const MapBox b = centred(cx, cy, w, h);
                // A box across a line counts as farther away: chosen only when nothing clear is in reach.
                if (free(b)) found.emplace_back(clearOfLines(b) ? d : d + 2 * maxDist, b);
            }
        if (found.empty()) return std::nullopt;
        const auto best = std::min_element(found.begin(), found.end(),
                                           [](const auto& a, const auto& b) { return a.first < b.first; });
        return take(best->second);
    }

  private:
    MapBox take(const MapBox& b) {
        m_taken.push_back(b);
        return b;
    }
    const MapLabelMetrics& m_metrics;
    const MapMeasure& m_measure;
    std::vector<MapBox> m_taken;
    std::vector<MapSegment> m_lines;
};

// Track names: where the map puts them (outside the rings), else along the outside of their sector, else
// in two lines, else the nearest free spot.
MapLabel placeSector(Placer& placer, const NetworkMap& map, const MapSector& sec) {
    MapLabel label;
    label.fromX = sec.labelX;
    label.fromY = sec.labelY;
    const std::string name(enumDisplay(sec.track));
    std::vector<std::string> texts = {name};
    if (auto two = twoLines(name)) texts.push_back(*two);
    const double outer = map.rings.empty() ? 0.37 : map.rings.back().outer;
    const double mid = (sec.startAngle + sec.endAngle) / 2;
    for (const auto& text : texts) {
        const MapTextSize s = placer.size(text, MapText::Sector);
        std::vector<MapBox> candidates;
        const double cx = std::clamp(sec.labelX, s.w / 2, 1 - s.w / 2);
        const double cy = std::clamp(sec.labelY, s.h / 2, 1 - s.h / 2);
        candidates.push_back(centred(cx, cy, s.w, s.h));
        for (int k = 0; k <= 12; ++k) {
            const double a = mid + (k % 2 == 0 ? 1 : -1) * ((k + 1) / 2) * 5 * deg;
            const double c = std::cos(a), sn = std::sin(a);
            const double r = outer + placer.unit(2) + std::abs(c) * s.w / 2 + std::abs(sn) * s.h / 2;
            candidates.push_back(centred(std::clamp(map.centreX + r * c, s.w / 2, 1 - s.w / 2),
                                         std::clamp(map.centreY + r * sn, s.h / 2, 1 - s.h / 2), s.w, s.h));
        }
        if (auto b = placer.first(candidates)) {
            label.text = text;
            label.box = *b;
            return label;
        }
    }
    const MapTextSize s = placer.size(texts.back(), MapText::Sector);
    if (auto b = placer.nearest(s.w, s.h, sec.labelX, sec.labelY, 2)) {
        label.text = texts.back();
        label.box = *b;
    }
    return label;
}

// Place names: inside their band where it runs between the sectors (no person sits there), else
// anywhere free along the band, else outside the rings with a leader line to the band.
MapLabel placeRing(Placer& placer, const NetworkMap& map, const MapRing& ring) {
    MapLabel label;
    const double r = (ring.inner + ring.outer) / 2;
    label.fromX = map.centreX;
    label.fromY = map.centreY + r;
    const std::string name(enumDisplay(ring.place));
    std::vector<std::string> texts = {name};
    if (auto two = twoLines(name)) texts.push_back(*two);
    // Sector boundaries first (bottom, upper left, upper right), then every 5 degrees round the band.
    std::vector<double> angles = {90, 210, -30};
    for (int k = 1; k < 72; ++k)
        angles.push_back(90 + (k % 2 == 0 ? 1 : -1) * ((k + 1) / 2) * 5.0);
    for (const auto& text : texts) {
        const MapTextSize s = placer.size(text, MapText::Ring);
        std::vector<MapBox> candidates;
        for (double a : angles)
            candidates.push_back(
                centred(map.centreX + r * std::cos(a * deg), map.centreY + r * std::sin(a * deg), s.w, s.h));
        if (auto b = placer.first(candidates)) {
            label.text = text;
            label.box = *b;
            return label;
        }
    }
    const MapTextSize s = placer.size(name, MapText::Ring);
    if (auto b = placer.nearest(s.w, s.h, label.fromX, label.fromY, 2)) {
        label.text = name;
        label.box = *b;
        label.leader = true;
        // The leader meets the band at the point nearest the label.
        const double cx = (b->x0 + b->x1) / 2 - map.centreX, cy = (b->y0 + b->y1) / 2 - map.centreY;
        const double len = std::max(1e-9, std::hypot(cx, cy));
        label.fromX = map.centreX + r * cx / len;
        label.fromY = map.centreY + r * cy / len;
    }
    return label;
}

// A person's name: beside the dot (on the side away from the centre first), below, above, at a corner;
// shortened to first name and initial if the full name fits nowhere; then a little away with a leader
// line; else left out.
MapLabel placeNode(Placer& placer, const NetworkMap& map, const MapNode& n, const MapLabelMetrics& metrics) {
    MapLabel label;
    label.fromX = n.x;
    label.fromY = n.y;
    std::vector<std::string> texts = {n.label};
    if (!map.numbered) {
        const std::string shorter = mapFirstNameInitial(n.label);
        if (shorter != n.label) texts.push_back(shorter);
    }
    const double r = placer.unit(metrics.dotRadius), g = placer.unit(metrics.gap);
    const bool outwardRight = n.x >= map.centreX;
    for (const auto& text : texts) {
        const MapTextSize s = placer.size(text, MapText::Node);
        const MapBox right{n.x + r + g, n.y - s.h / 2, n.x + r + g + s.w, n.y + s.h / 2};
        const MapBox left{n.x - r - g - s.w, n.y - s.h / 2, n.x - r - g, n.y + s.h / 2};
        const MapBox below = centred(n.x, n.y + r + g + s.h / 2, s.w, s.h);
        const MapBox above = centred(n.x, n.y - r - g - s.h / 2, s.w, s.h);
        const double dy = r + g;
        const MapBox belowRight{n.x, n.y + dy, n.x + s.w, n.y + dy + s.h};
        const MapBox belowLeft{n.x - s.w, n.y + dy, n.x, n.y + dy + s.h};
        const MapBox aboveRight{n.x, n.y - dy - s.h, n.x + s.w, n.y - dy};
        const MapBox aboveLeft{n.x - s.w, n.y - dy - s.h, n.x, n.y - dy};
        const bool lower = n.y >= map.centreY;
        std::vector<MapBox> candidates =
            outwardRight ? std::vector<MapBox>{right, left} : std::vector<MapBox>{left, right};
        if (lower)
            candidates.insert(candidates.end(), {below, above});
        else
            candidates.insert(candidates.end(), {above, below});
        if (outwardRight)
            candidates.insert(candidates.end(), {belowRight, aboveRight, belowLeft, aboveLeft});
        else
            candidates.insert(candidates.end(), {belowLeft, aboveLeft, belowRight, aboveRight});
        if (auto b = placer.first(candidates)) {
            label.text = text;
            label.box = *b;
            return label;
        }
    }
    const std::string& text = texts.back();
    const MapTextSize s = placer.size(text, MapText::Node);
    // Near enough that the line reads as "this name belongs to that dot".
    const double reach = r + g + std::max(std::min(s.w, 0.2), s.h * 4);
    if (auto b = placer.nearest(s.w, s.h, n.x, n.y, reach)) {
        label.text = text;
        label.box = *b;
        label.leader = true;
    }
    return label;
}

} // namespace

std::string mapFirstNameInitial(std::string_view name) {
    const auto space = name.find(' ');
    if (space == std::string_view::npos) return std::string(name);
    std::size_t i = space;
    while (i < name.size() && name[i] == ' ')
        ++i;
    if (i >= name.size()) return std::string(name.substr(0, space));
    // The initial is the whole first character of the surname, however many UTF-8 bytes it takes.
    std::size_t end = i + 1;
    while (end < name.size() && (static_cast<unsigned char>(name[end]) & 0xC0) == 0x80)
        ++end;
    const std::string initial(name.substr(i, end - i));
    // "Online friend 'Sam42'" is a description, not a first name and surname: nothing to shorten.
    if (initial.size() == 1 && !(initial[0] >= 'A' && initial[0] <= 'Z')) return std::string(name);
    return std::string(name.substr(0, space)) + " " + initial + ".";
}

MapTextSize estimateMapText(std::string_view text, double fontSize, bool bold) {
    // DejaVu Sans averages a little over half an em per character (bold a little more); be generous so
    // a browser's real text never outgrows its box.
    const double perChar = fontSize * (bold ? 0.68 : 0.62);
    std::size_t lines = 1, longest = 0, current = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\n') {
            ++lines;
            current = 0;
            continue;
        }
        if ((c & 0xC0) != 0x80) longest = std::max(longest, ++current);
    }
    return {perChar * static_cast<double>(longest), fontSize * 1.25 * static_cast<double>(lines)};
}

void nearestOnBox(const MapBox& box, double x, double y, double& outX, double& outY) {
    outX = std::clamp(x, box.x0, box.x1);
    outY = std::clamp(y, box.y0, box.y1);
}

std::vector<MapSegment> mapLines(const NetworkMap& map) {
    std::vector<MapSegment> out;
    for (const auto& n : map.nodes)
        out.push_back({map.centreX, map.centreY, n.x, n.y});
    const double outer = map.rings.empty() ? 0.5 : map.rings.back().outer;
    for (const auto& sec : map.sectors)
        out.push_back({map.centreX, map.centreY, map.centreX + outer * std::cos(sec.startAngle),
                       map.centreY + outer * std::sin(sec.startAngle)});
    return out;
}

bool crossedByAny(const MapBox& b, const std::vector<MapSegment>& lines) {
    return std::any_of(lines.begin(), lines.end(), [&](const MapSegment& l) { return crosses(b, l); });
}

bool crosses(const MapBox& b, const MapSegment& l) {
    // Liang–Barsky: clip the segment to the box; it crosses when a part of positive length is left inside.
    double t0 = 0, t1 = 1;
    const double dx = l.x1 - l.x0, dy = l.y1 - l.y0;
    const double p[4] = {-dx, dx, -dy, dy};
    const double q[4] = {l.x0 - b.x0, b.x1 - l.x0, l.y0 - b.y0, b.y1 - l.y0};
    for (int i = 0; i < 4; ++i) {
        if (p[i] == 0) {
            if (q[i] <= 0) return false; // parallel to this edge and outside (or on) it
            continue;
        }
        const double t = q[i] / p[i];
        if (p[i] < 0)
            t0 = std::max(t0, t);
        else
            t1 = std::min(t1, t);
        if (t0 >= t1) return false;
    }
    return t1 - t0 > 1e-9;
}

MapLabels placeMapLabels(const NetworkMap& map, const MapLabelMetrics& metrics, const MapMeasure& measure) {
    MapLabels out;
    Placer placer(metrics, measure);
    const double r = metrics.dotRadius / metrics.mapSize;
    out.dots.push_back(centred(map.centreX, map.centreY, 2 * map.centreRadius, 2 * map.centreRadius));
    for (const auto& n : map.nodes)
        out.dots.push_back(centred(n.x, n.y, 2 * r, 2 * r));
    for (const auto& d : out.dots)
        placer.addObstacle(d);
    for (const auto& l : mapLines(map))
        placer.addLine(l);

    for (const auto& sec : map.sectors)
        out.sectors.push_back(placeSector(placer, map, sec));
    for (const auto& ring : map.rings)
        out.rings.push_back(placeRing(placer, map, ring));
    out.nodes.resize(map.nodes.size());
    // People with contact in the period are named first: they are the live part of the picture.
    for (int pass = 0; pass < 2; ++pass)
        for (std::size_t i = 0; i < map.nodes.size(); ++i)
            if (map.nodes[i].faded == (pass == 1))
                out.nodes[i] = placeNode(placer, map, map.nodes[i], metrics);
    return out;
}

} // namespace throughline::core
