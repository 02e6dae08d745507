#pragma once
// The relational timeline: contacts that happened per week and per track, across the time before the
// move, the placement and its ending, with missing episodes marked. Pure: the GUI and the summaries
// draw the same weeks.
#include "throughline/insight/insight.hpp"

#include <array>
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

} // namespace throughline::core
