#pragma once
// Geometry of the network map: the young person at the centre, three sectors for the tracks, rings for
// the places. Pure: the PDF, HTML and (later) GUI renderers draw the same picture from it.
#include "throughline/records/enums.hpp"

#include <string>
#include <vector>

namespace throughline::core {

struct Insight;
struct InsightInput;

/// One person to place on the map.
struct MapMemberInput {
    std::string id, label;
    Track track = Track::Family;
    Place place = Place::HomeArea;
    View workerView = View::NotKnown, youngPersonView = View::NotKnown;
    int contacts = 0; // contacts that happened in the period
};

/// How a line is drawn. Dash lengths are multiples of the line width, so every view reads without colour.
struct MapLineStyle {
    View view = View::NotKnown;
    std::vector<double> dash; // empty = solid
    unsigned rgb = 0x000000;  // 0xRRGGBB
    std::string_view label;   // for the legend
};

struct MapNode {
    std::string id, label;
    Track track = Track::Family;
    Place place = Place::HomeArea;
    double x = 0, y = 0;        // unit square, centre at (0.5, 0.5); labels: placeMapLabels (map_labels.hpp)
    View view = View::NotKnown; // the worker's view: the line's style
    bool viewsDiffer = false;   // the young person sees it differently
    double weight = 1;          // line width in points at a 100-point-wide map
    bool faded = false;         // no contact in the period
    int contacts = 0;
};

struct MapSector {
    Track track = Track::Family;
    double startAngle = 0, endAngle = 0; // radians, 0 = right, clockwise (y grows downwards)
    double labelX = 0, labelY = 0;       // where the track's name would like to be (placeMapLabels decides)
};

struct MapRing {
    Place place = Place::HomeArea;
    double inner = 0, outer = 0; // radius in the unit square
};

struct NetworkMap {
    std::string centreLabel;
    /// Crowded maps label nodes with their number (1-based input order) instead of a name; the renderer
    /// then numbers the network table to match.
    bool numbered = false;
    double centreX = 0.5, centreY = 0.5, centreRadius = 0.07;
    std::vector<MapSector> sectors; // Practitioner, Family, PeerCommunity
    std::vector<MapRing> rings;     // PlacementArea (inner), HomeArea, Online (outer)
    std::vector<MapNode> nodes;     // in input order
};

/// The line style of a view (shared by every renderer and the legend).
const MapLineStyle& mapLineStyle(View view);
/// All four styles in legend order: protective, uncertain, harmful, not known.
const std::vector<MapLineStyle>& mapLineStyles();
/// Colour of a track's sector (a pale tint; the sector is also labelled).
unsigned mapTrackTint(Track track);

/// Above this many members, nodes are numbered rather than named (names would overlap).
inline constexpr std::size_t mapNamedLimit = 24;

/// The map's members from an insight: names, tracks, places, contacts in the period and both views.
std::vector<MapMemberInput> mapMembers(const Insight& insight, const InsightInput& input);

/// Lays the members out. Deterministic: the same members in the same order give the same geometry.
NetworkMap layoutNetworkMap(const std::vector<MapMemberInput>& members, std::string centreLabel);

} // namespace throughline::core
