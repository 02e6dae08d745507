// The relational timeline's phase names (placePhaseLabels): at any width and type size no two names
// share a spot, and each stays inside the chart. Before this, "Before the move" ran into "During" at
// 150 % in a 500-px window. Pure: no vault.
#include <doctest/doctest.h>

#include <string>

#include "throughline/insight/timeline.hpp"

using namespace throughline::core;

namespace {

// `before` weeks before the move, `during` weeks of the placement, `ending` weeks of its ending.
Timeline weeks(int before, int during, int ending) {
    Timeline t;
    for (auto [phase, n] :
         {std::pair{Phase::Before, before}, {Phase::During, during}, {Phase::Ending, ending}})
        for (int i = 0; i < n; ++i) {
            TimelineWeek w;
            w.phase = phase;
            t.weeks.push_back(w);
        }
    return t;
}

} // namespace

TEST_SUITE("timeline-labels") {

    TEST_CASE("phase names never overlap and stay inside the chart, at every width and type size") {
        for (const Timeline& t : {weeks(8, 30, 4), weeks(1, 50, 1), weeks(2, 1, 1), weeks(0, 12, 0),
                                  weeks(8, 96, 0), weeks(3, 3, 0)}) {
            for (double perChar : {7.5, 9.0, 11.25, 15.0}) { // 15-px type at 100 %, 150 % and 200 %
                for (double width = 120; width <= 1200; width += 20) {
                    const auto textWidth = [perChar](std::string_view s) {
                        return perChar * static_cast<double>(s.size());
                    };
                    const auto labels = placePhaseLabels(t, width, textWidth, 6);
                    CAPTURE(width);
                    CAPTURE(perChar);
                    REQUIRE_FALSE(labels.empty());
                    for (std::size_t i = 0; i < labels.size(); ++i) {
                        const auto& a = labels[i];
                        CHECK(a.x >= 0);
                        CHECK(a.x + textWidth(a.text) <= width + 1e-9);
                        for (std::size_t j = i + 1; j < labels.size(); ++j) {
                            const auto& b = labels[j];
                            if (a.row != b.row) continue;
                            INFO("'" << a.text << "' and '" << b.text << "'");
                            CHECK((a.x + textWidth(a.text) + 6 <= b.x + 1e-9 ||
                                   b.x + textWidth(b.text) + 6 <= a.x + 1e-9));
                        }
                    }
                }
            }
        }
    }

    TEST_CASE("a wide chart names each phase in full on one line, where it begins") {
        const auto labels = placePhaseLabels(
            weeks(8, 30, 4), 840, [](std::string_view s) { return 8.0 * s.size(); }, 6);
        REQUIRE(labels.size() == 3);
        CHECK(labels[0].text == "Before the move");
        CHECK(labels[1].text == "During");
        CHECK(labels[2].text == "Ending");
        for (const auto& l : labels)
            CHECK(l.row == 0);
        CHECK(labels[1].x == doctest::Approx(840.0 / 42 * 8 + 2));
    }

    TEST_CASE("a narrow chart puts a name that would touch its neighbour on a second line") {
        // 500-px window at 150 %: about 260 px of chart, 11-px characters; the move is 8 weeks in of 42.
        const auto labels = placePhaseLabels(
            weeks(8, 30, 4), 260, [](std::string_view s) { return 11.0 * s.size(); }, 6);
        REQUIRE(labels.size() >= 2);
        CHECK(labels[0].text == "Before the move");
        CHECK(labels[1].text == "During");
        CHECK(labels[1].row == 1);
    }
}
