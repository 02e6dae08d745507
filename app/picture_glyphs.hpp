#pragma once
// Glyphs that no font of the atlas can give Dear ImGui 1.86 (16-bit characters): each stand-in
// (astral_text.hpp) becomes a custom glyph of the atlas, drawn with pango and cairo —
//  - a picture (an emoji cluster such as 🙏 👍🏾 🇬🇧 ❤️) in colour from Noto Color Emoji,
//    untinted by the text colour (ImFontGlyph::Colored);
//  - a placeholder (a character of a script the screen cannot shape) as a dotted circle ◌, in the text
//    colour.
// Only the stand-ins the screens have drawn are added (glyphs.hpp notes them), each at the size of each font.
#include <imgui.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace throughline::app {

/// Straight-alpha RGBA pixels (ImGui's byte order: R, G, B, A).
struct GlyphBitmap {
    int width = 0, height = 0;
    std::vector<std::uint32_t> pixels; // IM_COL32 layout
    bool coloured = false;             // a colour picture (not a mask to be tinted)
};

/// Draws `cluster` fitted and centred in a `width` × `height` cell: in colour from the emoji font when
/// `picture`, else as a white mask of the placeholder ◌.
GlyphBitmap renderGlyphBitmap(std::string_view cluster, bool picture, int width, int height);
/// renderGlyphBitmap(), cached (an atlas rebuilt for a new character draws the others again).
const GlyphBitmap& drawGlyphBitmap(std::string_view cluster, bool picture, int width, int height);

/// Makes the colour emoji font at `path` known to fontconfig (once per path; empty: nothing), for
/// machines whose fontconfig does not list it. The system's own emoji font is used either way.
void usePictureFontFile(const std::string& path);

/// The cell and advance of a picture or placeholder glyph in a font of `fontSize` pixels.
struct GlyphCell {
    int width = 0, height = 0;
    float advance = 0, offsetY = 0;
};
GlyphCell pictureCell(float fontSize);
GlyphCell placeholderCell(float fontSize);

/// A font of the atlas and its size in pixels (ImFont knows its size only once the atlas is built).
struct SizedFont {
    ImFont* font = nullptr;
    float size = 0;
};
/// At most this many stand-ins get glyphs (in the order first drawn), so the atlas stays within a texture
/// any GPU takes (2048 × 4096 at 200 % with all of them): 512 × 4 fonts × at most 48 × 48 px.
inline constexpr std::size_t kMaxStandInGlyphs = 512;

/// Adds a custom glyph for every wanted stand-in (glyphs.hpp) to each of `fonts`. Call after the fonts are
/// added to `atlas`; then call paintStandInGlyphs().
void addStandInGlyphs(ImFontAtlas& atlas, const std::vector<SizedFont>& fonts);
/// Builds `atlas` and draws every glyph added by addStandInGlyphs() into its RGBA32 pixels (which the
/// renderer uploads as they are); pictures are marked as coloured.
void paintStandInGlyphs(ImFontAtlas& atlas);

} // namespace throughline::app
