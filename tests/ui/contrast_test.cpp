// WCAG 2.2 AA contrast of the palettes, read from the theme code itself (app/theme.cpp): every colour used
// for text against every surface it is drawn on, each status colour on its own soft background, and text on
// the accent buttons. 4.5:1 is the bar for body text (1.4.3).
#include <doctest/doctest.h>

#include "app/theme.hpp"

#include <string>
#include <tuple>
#include <utility>
#include <vector>

using namespace throughline::app;

TEST_CASE("contrast: every text colour of both themes is at least 4.5:1 on what it is drawn on") {
    for (ThemeKind kind : {ThemeKind::Light, ThemeKind::Dark}) {
        const Palette p = paletteFor(kind);
        const char* theme = kind == ThemeKind::Dark ? "dark" : "light";
        const std::vector<std::pair<const char*, ImVec4>> texts = {{"text", p.text},
                                                                   {"textMuted", p.textMuted},
                                                                   {"textFaint", p.textFaint},
                                                                   {"accent", p.accent},
                                                                   {"danger", p.danger},
                                                                   {"warning", p.warning},
                                                                   {"success", p.success},
                                                                   {"voice", p.voice},
                                                                   {"track practitioner", p.track[0]},
                                                                   {"track family", p.track[1]},
                                                                   {"track peer & community", p.track[2]}};
        const std::vector<std::pair<const char*, ImVec4>> surfaces = {
            {"background", p.background}, {"surface", p.surface}, {"surfaceAlt", p.surfaceAlt}};
        for (const auto& [fg, fc] : texts)
            for (const auto& [bg, bc] : surfaces) {
                INFO(theme << ": " << fg << " on " << bg << " = " << contrastRatio(fc, bc));
                CHECK(contrastRatio(fc, bc) >= 4.5);
            }
        // Badges and notes: a status colour as text on its own soft tint.
        const std::vector<std::tuple<const char*, ImVec4, ImVec4>> onSoft = {
            {"accent", p.accent, p.accentSoft},
            {"danger", p.danger, p.dangerSoft},
            {"warning", p.warning, p.warningSoft},
            {"success", p.success, p.successSoft},
            {"voice", p.voice, p.voiceSoft}};
        for (const auto& [name, fc, bc] : onSoft) {
            INFO(theme << ": " << name << " on its soft background = " << contrastRatio(fc, bc));
            CHECK(contrastRatio(fc, bc) >= 4.5);
        }
        // Button labels on the accent, resting and hovered.
        CHECK(contrastRatio(p.accentText, p.accent) >= 4.5);
        CHECK(contrastRatio(p.accentText, p.accentHover) >= 4.5);
        // The multi-line editor's focus ring (the accent) against the field and the cards it sits on: 3:1
        // for a focus indicator (WCAG 2.2, 1.4.11 and 2.4.13).
        for (const ImVec4& under : {p.surfaceAlt, p.surface, p.voiceSoft, p.background}) {
            INFO(theme << ": focus ring " << contrastRatio(p.accent, under));
            CHECK(contrastRatio(p.accent, under) >= 3.0);
        }
    }
}

TEST_CASE("contrast: the ratio is WCAG's (black on white 21:1, a colour on itself 1:1)") {
    CHECK(contrastRatio(ImVec4(0, 0, 0, 1), ImVec4(1, 1, 1, 1)) == doctest::Approx(21.0));
    CHECK(contrastRatio(ImVec4(0.2f, 0.4f, 0.6f, 1), ImVec4(0.2f, 0.4f, 0.6f, 1)) == doctest::Approx(1.0));
    // #767676 on white is the classic 4.54:1.
    const float g = 0x76 / 255.f;
    CHECK(contrastRatio(ImVec4(g, g, g, 1), ImVec4(1, 1, 1, 1)) == doctest::Approx(4.54).epsilon(0.01));
}
