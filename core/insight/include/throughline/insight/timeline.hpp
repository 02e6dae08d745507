#pragma once
// The relational timeline: contacts that happened per week and per track, across the time before the
// move, the placement and its ending, with missing episodes marked. Pure: the GUI and the summaries
// draw the same weeks.
#include "throughline/insight/insight.hpp"

#include <array>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace throughline::core {

/// One week (Monday to Sunday) of the timeline.
struct TimelineWeek {
    Date monday;
    Phase phase = Phase::During; // the phase of the week's Monday (Before / During / Ending)
    std::array<int, 3>
        happened{}; // contacts that happened, by track (Practitioner, Family, Peer & community)
    std::array<int, 3> notHappened{}; // cancelled, declined or not attended, by track
    int missingEpisodes = 0;          // missing / away episodes that started this week
};

struct Timeline {
    std::vector<TimelineWeek> weeks; // oldest first
    int busiestWeek = 0;             // the most contacts that happened on one track in one week
};

/// Weeks from `weeksBefore` weeks before the focus placement's start (or the period's start when there is
/// no placement) to the end of `period`, at most `maxWeeks` (the most recent are kept).
Timeline computeTimeline(const InsightInput& input, const Period& period, int weeksBefore = 8,
                         int maxWeeks = 104, const InsightSettings& settings = {});

/// A phase's name over the timeline, where it begins.
struct TimelinePhaseLabel {
    Phase phase = Phase::During;
    std::size_t week = 0; // the first week of the phase
    std::string text;     // "Before the move", or "Before" when the full name has no room
    double x = 0;         // left edge, in the chart's units (0 = the first week's left edge)
    int row = 0;          // 0 = the top line; 1 = a second line under it when neighbours collide
};

/// Places the phase names over a chart `width` wide with `weeks` columns, each at the week its phase
/// begins (moved left to stay inside the chart), on a second line when it would touch the one before, and
/// shortened to its first word, or left out, when neither line has room: never two names on one spot.
/// `textWidth` measures a name in the chart's units; `gap` is the least space between two names.
std::vector<TimelinePhaseLabel> placePhaseLabels(const Timeline& timeline, double width,
                                                 const std::function<double(std::string_view)>& textWidth,
                                                 double gap);

} // namespace throughline::core
