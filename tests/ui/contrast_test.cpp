// WCAG 2.2 contrast of every theme, read from the theme code itself (app/theme.cpp): colourPairs() lists
// every foreground/background pair the widgets draw (text, large text, and what a person must see that is
// not text: focus ring, outlines, map lines, switches), and each must reach its bar in every theme — AA
// for light and dark (4.5:1 text, 3:1 large text and non-text), AAA for text in the high-contrast theme
// (7:1). ImGui's own style colours, set by applyTheme(), are checked the same way.
#include <doctest/doctest.h>

#include "app/theme.hpp"

#include <imgui.h>

#include <string>
#include <vector>

using namespace throughline::app;

namespace {

const ThemeKind kThemes[] = {ThemeKind::Light, ThemeKind::Dark, ThemeKind::HighContrast};

} // namespace

TEST_CASE("contrast: every pair the widgets draw reaches WCAG 2.2 AA (AAA text in high contrast)") {
    for (ThemeKind kind : kThemes) {
        const Palette p = paletteFor(kind);
        const auto pairs = colourPairs(p);
        CHECK(pairs.size() > 60);
        for (const auto& pair : pairs) {
            const double ratio = contrastRatio(pair.fg, pair.bg);
            INFO(themeKey(kind) << ": " << pair.name << " = " << ratio);
            CHECK(ratio >= requiredRatio(kind, pair.kind));
        }
    }
}

TEST_CASE("contrast: ImGui's own colours from applyTheme (text, hints, fields, dialogs) reach the bar") {
    ImGuiContext* ctx = ImGui::CreateContext();
    for (ThemeKind kind : kThemes) {
        applyTheme(kind, 1.f);
        const ImVec4* c = ImGui::GetStyle().Colors;
        const double text = requiredRatio(kind, PairKind::Text);
        INFO(themeKey(kind));
        CHECK(contrastRatio(c[ImGuiCol_Text], c[ImGuiCol_WindowBg]) >= text);
        CHECK(contrastRatio(c[ImGuiCol_Text], c[ImGuiCol_FrameBg]) >= text);
        CHECK(contrastRatio(c[ImGuiCol_Text], c[ImGuiCol_PopupBg]) >= text);
        CHECK(contrastRatio(c[ImGuiCol_TextDisabled], c[ImGuiCol_FrameBg]) >= text);
        CHECK(contrastRatio(c[ImGuiCol_Text], c[ImGuiCol_Header]) >= text);
        CHECK(contrastRatio(c[ImGuiCol_Text], c[ImGuiCol_HeaderHovered]) >= text);
        CHECK(contrastRatio(palette().focusRing, c[ImGuiCol_PopupBg]) >= 3.0);
        CHECK(contrastRatio(c[ImGuiCol_CheckMark], c[ImGuiCol_FrameBg]) >= 3.0);
        CHECK(currentTheme() == kind);
        CHECK(palette().dark == (kind == ThemeKind::Dark));
    }
    applyTheme(ThemeKind::Light, 1.f);
    ImGui::DestroyContext(ctx);
}

TEST_CASE("contrast: theme names round-trip; unknown names are refused") {
    for (ThemeKind kind : kThemes)
        CHECK(parseThemeKey(themeKey(kind)) == kind);
    CHECK_FALSE(parseThemeKey("High Contrast").has_value());
    CHECK_FALSE(parseThemeKey("").has_value());
}

TEST_CASE("contrast: the ratio is WCAG's (black on white 21:1, a colour on itself 1:1)") {
    CHECK(contrastRatio(ImVec4(0, 0, 0, 1), ImVec4(1, 1, 1, 1)) == doctest::Approx(21.0));
    CHECK(contrastRatio(ImVec4(0.2f, 0.4f, 0.6f, 1), ImVec4(0.2f, 0.4f, 0.6f, 1)) == doctest::Approx(1.0));
    // #767676 on white is the classic 4.54:1.
    const float g = 0x76 / 255.f;
    CHECK(contrastRatio(ImVec4(g, g, g, 1), ImVec4(1, 1, 1, 1)) == doctest::Approx(4.54).epsilon(0.01));
}
