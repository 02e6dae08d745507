// Network map geometry (see network_map.hpp). Kept free of any drawing library so the PDF, HTML and GUI
// renderers cannot drift apart.
#include "throughline/insight/network_map.hpp"

#include "throughline/insight/insight.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace throughline::core {

namespace {

constexpr double pi = 3.14159265358979323846;
constexpr double deg = pi / 180.0;

// Practitioner at the top, family lower right, peer and community lower left.
constexpr std::array<std::pair<Track, double>, 3> sectorCentres = {
    {{Track::Practitioner, -90.0}, {Track::Family, 30.0}, {Track::PeerCommunity, 150.0}}};

// The placement area is nearest the young person (where they live now), the home area around it, online
// outermost: the two physical places never share a band.
constexpr std::array<MapRing, 3> rings = {
    {{Place::PlacementArea, 0.10, 0.20}, {Place::HomeArea, 0.20, 0.30}, {Place::Online, 0.30, 0.37}}};

int trackIndex(Track t) {
    return static_cast<int>(t);
}
int ringIndex(Place p) {
    switch (p) {
    case Place::PlacementArea:
        return 0;
    case Place::HomeArea:
        return 1;
    case Place::Online:
        return 2;
    }
    return 1;
}

std::string shortLabel(const std::string& s) {
    // Long names crowd the map; the full name is in the network table next to it.
    constexpr std::size_t maxBytes = 26;
    if (s.size() <= maxBytes) return s;
    std::size_t cut = maxBytes - 1;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80)
        --cut; // never split a UTF-8 sequence
    return s.substr(0, cut) + "\u2026";
}

} // namespace

const std::vector<MapLineStyle>& mapLineStyles() {
    // Solid, long dash, dash-dot and fine dots: distinct in greyscale and for colour-blind readers.
    static const std::vector<MapLineStyle> styles = {
        {View::Protective, {}, 0x1B6E4B, "Protective"},
        {View::Uncertain, {4.0, 2.5}, 0x9A6A00, "Uncertain"},
        {View::Harmful, {6.0, 2.0, 1.0, 2.0}, 0xB3261E, "Harmful"},
        {View::NotKnown, {1.0, 2.0}, 0x6B6F76, "Not known"},
    };
    return styles;
}

const MapLineStyle& mapLineStyle(View view) {
    for (const auto& s : mapLineStyles())
        if (s.view == view) return s;
    return mapLineStyles().back();
}

unsigned mapTrackTint(Track track) {
    switch (track) {
    case Track::Practitioner:
        return 0xEAF1F8;
    case Track::Family:
        return 0xF6F0E6;
    case Track::PeerCommunity:
        return 0xECF5EE;
    }
    return 0xF2F2F2;
}

std::vector<MapMemberInput> mapMembers(const Insight& insight, const InsightInput& input) {
    std::vector<MapMemberInput> members;
    for (const auto& mi : insight.members) {
        MapMemberInput in;
        in.id = mi.memberId;
        in.label = mi.name;
        in.track = mi.track;
        in.place = mi.place;
        in.contacts = mi.contactsInPeriod;
        for (const auto& m : input.members)
            if (m.meta.id == mi.memberId) {
                in.workerView = m.workerView;
                in.youngPersonView = m.youngPersonView;
            }
        members.push_back(std::move(in));
    }
    return members;
}

NetworkMap layoutNetworkMap(const std::vector<MapMemberInput>& members, std::string centreLabel) {
    NetworkMap map;
    map.centreLabel = std::move(centreLabel);
    map.numbered = members.size() > mapNamedLimit;
    // Many lines meet at the centre: thinner lines keep a crowded map readable.
    const double weightScale = map.numbered ? 0.6 : 1.0;
    for (const auto& [track, centre] : sectorCentres) {
        MapSector s;
        s.track = track;
        s.startAngle = (centre - 60.0) * deg;
        s.endAngle = (centre + 60.0) * deg;
        // Labels outside the outer ring, clear of every node label: top centre, bottom corners.
        s.labelX = track == Track::Practitioner ? 0.5 : 0.5 + 0.36 * std::cos(centre * deg);
        s.labelY = track == Track::Practitioner ? 0.06 : 0.95;
        map.sectors.push_back(s);
    }
    map.rings.assign(rings.begin(), rings.end());

    // Group by cell (track x place), keeping input order inside each cell.
    std::array<std::array<std::vector<std::size_t>, 3>, 3> cells;
    for (std::size_t i = 0; i < members.size(); ++i)
        cells[trackIndex(members[i].track)][ringIndex(members[i].place)].push_back(i);

    map.nodes.resize(members.size());
    for (int t = 0; t < 3; ++t) {
        const double centre = sectorCentres[t].second;
        for (int r = 0; r < 3; ++r) {
            const auto& cell = cells[t][r];
            const std::size_t n = cell.size();
            const double span = 90.0; // degrees used inside the 120-degree sector: clear of the boundaries
            for (std::size_t k = 0; k < n; ++k) {
                const auto& m = members[cell[k]];
                const double a = (centre + (n == 1 ? 0.0 : -span / 2 + span * (k + 0.5) / n)) * deg;
                const auto& ring = rings[r];
                // Crowded cells stagger between two radii so neighbouring labels do not collide.
                const double f = n > 3 ? (k % 2 == 0 ? 0.32 : 0.72) : 0.5;
                const double radius = ring.inner + (ring.outer - ring.inner) * f;
                MapNode node;
                node.id = m.id;
                node.label = map.numbered ? std::to_string(cell[k] + 1) : shortLabel(m.label);
                node.track = m.track;
                node.place = m.place;
                node.x = 0.5 + radius * std::cos(a);
                node.y = 0.5 + radius * std::sin(a);
                node.view = m.workerView;
                node.viewsDiffer = m.youngPersonView != View::NotKnown && m.youngPersonView != m.workerView;
                node.contacts = m.contacts;
                node.faded = m.contacts == 0;
                node.weight = (0.6 + 2.4 * std::min(m.contacts, 12) / 12.0) * weightScale;
                map.nodes[cell[k]] = std::move(node);
            }
        }
    }
    return map;
}

} // namespace throughline::core
