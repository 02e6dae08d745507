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

} // namespace throughline::core
