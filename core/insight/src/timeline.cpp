#include "throughline/insight/timeline.hpp"

#include <algorithm>

namespace throughline::core {

namespace {

// 1970-01-01 was a Thursday: day 0 is 3 days after a Monday.
Date mondayOf(const Date& d) {
    const std::int64_t days = d.toDays();
    const std::int64_t sinceMonday = ((days + 3) % 7 + 7) % 7;
    return Date::fromDays(days - sinceMonday);
}

} // namespace

Timeline computeTimeline(const InsightInput& input, const Period& period, int weeksBefore, int maxWeeks,
                         const InsightSettings& settings) {
    Timeline t;
    const Placement* placement = focusPlacement(input);
    const Date anchor = placement ? placement->start : period.from;
    Date first = mondayOf(anchor).addDays(-7 * std::max(0, weeksBefore));
    const Date last = mondayOf(period.to);
    if (last < first) return t;
    std::int64_t count = (last.toDays() - first.toDays()) / 7 + 1;
    if (maxWeeks > 0 && count > maxWeeks) {
        first = first.addDays(7 * (count - maxWeeks));
        count = maxWeeks;
    }
    t.weeks.resize(static_cast<std::size_t>(count));
    for (std::int64_t i = 0; i < count; ++i) {
        auto& w = t.weeks[static_cast<std::size_t>(i)];
        w.monday = first.addDays(7 * i);
        w.phase = placement ? phaseOf(*placement, w.monday, settings) : Phase::During;
    }
    const auto weekIndex = [&](const Date& d) -> std::int64_t {
        if (d < first || period.to < d) return -1;
        return (d.toDays() - first.toDays()) / 7;
    };
    for (const auto& c : input.contacts) {
        if (c.meta.deleted) continue;
        const auto i = weekIndex(c.date);
        if (i < 0) continue;
        auto& w = t.weeks[static_cast<std::size_t>(i)];
        for (Track track : tracksOf(c, input.members)) {
            const auto k = static_cast<std::size_t>(track);
            if (c.status == ContactStatus::Happened)
                ++w.happened[k];
            else
                ++w.notHappened[k];
        }
    }
    for (const auto& m : input.missingEpisodes) {
        if (m.meta.deleted) continue;
        const auto i = weekIndex(dateOfInstant(m.startedAt));
        if (i >= 0) ++t.weeks[static_cast<std::size_t>(i)].missingEpisodes;
    }
    for (const auto& w : t.weeks)
        for (int n : w.happened)
            t.busiestWeek = std::max(t.busiestWeek, n);
    return t;
}

std::vector<TimelinePhaseLabel> placePhaseLabels(const Timeline& timeline, double width,
                                                 const std::function<double(std::string_view)>& textWidth,
                                                 double gap) {
    std::vector<TimelinePhaseLabel> out;
    if (timeline.weeks.empty() || width <= 0) return out;
    const double colW = width / static_cast<double>(timeline.weeks.size());
    std::array<double, 2> rowEnd = {-1e300, -1e300}; // where the last name on each line ends
    for (std::size_t i = 0; i < timeline.weeks.size(); ++i) {
        const Phase phase = timeline.weeks[i].phase;
        if (i > 0 && phase == timeline.weeks[i - 1].phase) continue;
        const std::string full = phase == Phase::Before   ? "Before the move"
                                 : phase == Phase::Ending ? "Ending"
                                                          : "During";
        const std::string first = full.substr(0, full.find(' '));
        const double start = colW * static_cast<double>(i) + 2;
        bool placed = false;
        for (const std::string& text : {full, first}) {
            const double w = textWidth(text);
            if (w > width) continue;
            const double x = std::min(start, width - w); // the last phase keeps inside the chart
            for (int row = 0; row < 2 && !placed; ++row) {
                if (x < rowEnd[static_cast<std::size_t>(row)] + gap) continue;
                out.push_back({phase, i, text, x, row});
                rowEnd[static_cast<std::size_t>(row)] = x + w;
                placed = true;
            }
            if (placed) break;
        }
    }
    return out;
}

} // namespace throughline::core
