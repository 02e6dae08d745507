#pragma once
// The characters of the UI font atlas. The atlas always holds fixed ranges (Latin, punctuation, arrows,
// shapes); every other character is added on demand: the text helpers note the text they draw (names,
// words in Vietnamese, Yoruba, Greek, Cyrillic, Tigrinya, emoji of the Basic Multilingual Plane …) and, when
// a character new to the atlas appears, App::prepareFrame rebuilds the atlas before the next frame. So the
// atlas grows with the characters a vault actually holds, never with whole scripts.
#include <imgui.h>

#include <cstdint>
#include <string_view>
#include <vector>

namespace throughline::app {

/// Notes the characters of UTF-8 text about to be drawn. Cheap for text already covered (a byte scan).
/// Characters beyond the Basic Multilingual Plane cannot be addressed by Debian's Dear ImGui 1.86 (16-bit
/// characters): a picture cluster (an emoji) is noted as its stand-in instead, and so is a character of a
/// script the screen cannot shape (its placeholder), as is a stand-in in text already converted
/// (astral_text.hpp). Stand-ins get glyphs drawn by picture_glyphs.hpp, not from a font.
void noteGlyphs(std::string_view utf8);
/// True when a noted character is not in the atlas yet (the app then rebuilds it).
bool glyphsPending();
/// The fixed ranges, plus every noted character (0-terminated pairs, valid until the next call), and
/// whether a fallback font is needed (some characters were noted); clears glyphsPending().
const ImWchar* takeGlyphRanges(bool& extra);
/// Only the noted characters, as ranges for the fallback fonts merged after the main face (valid until the
/// next takeGlyphRanges()).
const ImWchar* extraGlyphRanges();
/// The fixed ranges alone.
const ImWchar* fixedGlyphRanges();
/// The stand-ins noted so far, in the order first noted.
const std::vector<char32_t>& wantedStandIns();
/// Counts atlas builds (each takeGlyphRanges()): a cached text layout measured with an older atlas is stale.
std::uint64_t glyphAtlasGeneration();
/// Forgets every noted character (a new session, tests).
void resetGlyphDemand();

} // namespace throughline::app
