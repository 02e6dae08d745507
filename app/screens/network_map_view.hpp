#pragma once
// Drawing the relational picture with ImGui draw lists: the network map (core::NetworkMap geometry,
// shared with the PDF and HTML summaries), its legend, and the weekly timeline. Draw only: no data access.
#include "throughline/insight/network_map.hpp"
#include "throughline/insight/timeline.hpp"

#include <string>

namespace throughline::app {

/// Draws the map at up to `maxSize` px square; returns the id of a person tapped this frame (or "").
/// Each person is a touch target tagged "network.node.<id>".
std::string drawNetworkMap(const core::NetworkMap& map, const std::string& selectedId, float maxSize);
/// What line styles, weights and fading mean (never colour alone).
void drawMapLegend();
/// Contacts per week per track, phases shaded, missing episodes marked.
void drawTimeline(const core::Timeline& timeline);

} // namespace throughline::app
