#pragma once
// The calm Throughline look: palettes for a light and a dark theme, style metrics, fonts.
#include "app/theme_kind.hpp"

#include <imgui.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace throughline::app {

/// Colours used by widgets and screens (never ImGui's debug-grey defaults).
struct Palette {
    ImVec4 background, surface, surfaceAlt, border, text, textMuted, textFaint;
    ImVec4 accent, accentHover, accentText, accentSoft;
    ImVec4 danger, dangerSoft, warning, warningSoft, success, successSoft;
    ImVec4 voice, voiceSoft; // the young person's own words
    ImVec4 track[3];         // Practitioner, Family, Peer & community
    ImVec4 outline;          // edges a person must see to find a control: chip outlines, an off switch
    ImVec4 focusRing;        // the keyboard focus ring
    ImVec4 line;             // lines that carry meaning on the network map (rings, spokes)
    ImVec4 shadow;
    bool dark = false;
};

/// How far a hovered surface is tinted towards the accent, and a hovered soft button towards its colour.
inline constexpr float kHoverTint = 0.08f;
inline constexpr float kSoftHoverTint = 0.10f;

/// Text of a banner on the tone's soft tint: the tone darkened towards body text (light themes).
ImVec4 bannerText(const Palette& p, const ImVec4& tone);
/// A toast's text and background (inverted against the window).
struct ToastColours {
    ImVec4 text, background;
};
ToastColours toastColours(const Palette& p);

/// How a colour pair is held to WCAG 2.2 AA (the high-contrast theme to AAA for text).
enum class PairKind {
    Text,      // body text: 4.5:1 (7:1 in the high-contrast theme)
    LargeText, // ≥ 24 px, or ≥ 18.66 px bold: 3:1 (4.5:1 in the high-contrast theme)
    NonText,   // focus ring, outlines, map lines, switch tracks (1.4.11): 3:1
};
/// One foreground drawn on one background by the widgets and screens.
struct ColourPair {
    std::string name;
    ImVec4 fg, bg;
    PairKind kind;
};
/// Every foreground/background pair the widgets draw with a palette (the list the contrast test checks;
/// widgets take their colours from the same palette members named here).
std::vector<ColourPair> colourPairs(const Palette& p);
/// The ratio a pair must reach in a theme.
double requiredRatio(ThemeKind theme, PairKind kind);

/// The fonts of the UI. All four come from one atlas built by buildFonts().
struct Fonts {
    ImFont* body = nullptr;
    ImFont* bold = nullptr;
    ImFont* title = nullptr;
    ImFont* small = nullptr;
};

/// Paths of the TTF files (found by the platform layer); empty = use ImGui's built-in font. `fallbacks`
/// (any that exist, in order) are merged after the main face for the characters it lacks: another script
/// (Ethiopic), symbols, emoji of the Basic Multilingual Plane. A missing fallback only means fewer
/// characters; it is never an error.
struct FontFiles {
    std::string regular, bold;
    std::vector<std::string> fallbacks;
    /// The colour emoji font (NotoColorEmoji.ttf) the picture glyphs are drawn from (picture_glyphs.hpp);
    /// made known to fontconfig by path, so a machine whose fontconfig does not list it still draws them.
    std::string emoji;
};
/// The file name of the colour emoji font (fonts-noto-color-emoji).
inline constexpr const char* kEmojiFontFile = "NotoColorEmoji.ttf";
/// The fallback font files the app looks for (file names, found by the platform layer), in order.
std::vector<std::string> fallbackFontNames();

const Palette& palette();
/// The palette of a theme, whichever is current (for checks such as contrast).
Palette paletteFor(ThemeKind kind);
/// WCAG 2.2 contrast ratio of two opaque colours (1 to 21).
double contrastRatio(const ImVec4& a, const ImVec4& b);
Fonts& fonts();
ThemeKind currentTheme();
/// Current UI scale (1.0 = 100 %).
float uiScale();
/// Scales a design size (in 100 % pixels) to the current UI scale.
inline float dp(float v) {
    return v * uiScale();
}

/// Sets palette and ImGuiStyle for the theme at the scale (1.0–2.0).
void applyTheme(ThemeKind kind, float scale);
/// (Re)builds the atlas: DejaVu Sans 18 px × scale with Latin, Latin Extended-A, punctuation, arrows
/// and a few symbols, plus every character noted by the text helpers (glyphs.hpp), from the main face or
/// a fallback. Call before the first NewFrame, whenever the scale changes and when glyphsPending().
void buildFonts(ImFontAtlas& atlas, const FontFiles& files, float scale);

ImU32 toU32(const ImVec4& c, float alpha = 1.f);
ImVec4 mix(const ImVec4& a, const ImVec4& b, float t);

} // namespace throughline::app
