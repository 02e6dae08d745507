#pragma once
// Where the network map's words go: track names, place (ring) names and people's names, placed so that no
// label covers another label or a dot. One algorithm for every renderer; each renderer measures text in
// its own font and units (the app with Dear ImGui, the PDF with pango, the HTML with an estimate).
#include "throughline/insight/network_map.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace throughline::core {

/// Which of the map's texts is being measured: each renderer sets them in its own type.
enum class MapText { Node, Sector, Ring };

/// A size in the renderer's own units (pixels, points).
struct MapTextSize {
    double w = 0, h = 0;
};

/// Measures `text` (it may hold '\n' line breaks) as the renderer will draw it.
using MapMeasure = std::function<MapTextSize(std::string_view text, MapText kind)>;

/// The renderer's map, in its own units.
struct MapLabelMetrics {
    double mapSize = 100; // the map's width (and height)
    double dotRadius = 4; // the largest dot drawn for a person, any ring round it included
    double gap = 2;       // space kept between a label and what it belongs to
};

/// An axis-aligned box in the map's unit square.
struct MapBox {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    bool intersects(const MapBox& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
};

/// One placed label. An empty text means there was no room: the name is in the tooltip / network table.
struct MapLabel {
    std::string text;            // what to draw (maybe shortened; '\n' separates lines)
    MapBox box;                  // where: the text's box, top-left aligned, in the unit square
    bool leader = false;         // draw a thin line from (fromX, fromY) to the box: it sits away from its dot
    double fromX = 0, fromY = 0; // the dot (or point on the ring) the label names
};

/// Every label of a map, in the order of the map's sectors, rings and nodes.
struct MapLabels {
    std::vector<MapLabel> sectors, rings, nodes;
    std::vector<MapBox> dots; // every person's dot and the young person's circle, as boxes
};

/// Places every label of `map` (see the file comment). Deterministic. Labels stay inside the unit square.
MapLabels placeMapLabels(const NetworkMap& map, const MapLabelMetrics& metrics, const MapMeasure& measure);

/// "Hannah Okafor" -> "Hannah O."; one word stays as it is.
std::string mapFirstNameInitial(std::string_view name);

/// A rough measure for renderers that cannot measure (the HTML map): DejaVu-like widths at `fontSize`.
MapTextSize estimateMapText(std::string_view text, double fontSize, bool bold);

/// A straight line of the map, in the unit square.
struct MapSegment {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};
/// The lines every renderer draws out from the young person: one to each person, and each sector's edge.
/// Labels keep clear of them where they can (a name may still cross one rather than go unnamed).
std::vector<MapSegment> mapLines(const NetworkMap& map);
/// True when the segment passes through the inside of `box`.
bool crosses(const MapBox& box, const MapSegment& line);
/// True when any of `lines` passes through `box`: a placed label the renderers give a backing.
bool crossedByAny(const MapBox& box, const std::vector<MapSegment>& lines);

/// The nearest point of `box` to (x, y): where a leader line meets its label.
void nearestOnBox(const MapBox& box, double x, double y, double& outX, double& outY);

} // namespace throughline::core
