#pragma once
// The characters of the UI font atlas. The atlas always holds fixed ranges (Latin, punctuation, arrows,
// shapes); every other character is added on demand: the text helpers note the text they draw (names,
// words in Vietnamese, Yoruba, Greek, Cyrillic, Tigrinya, emoji of the Basic Multilingual Plane …) and, when
// a character new to the atlas appears, App::prepareFrame rebuilds the atlas before the next frame. So the
// atlas grows with the characters a vault actually holds, never with whole scripts.
#include <imgui.h>

#include <string_view>

namespace throughline::app {

/// Notes the characters of UTF-8 text about to be drawn. Cheap for text already covered (a byte scan).
/// Characters beyond the Basic Multilingual Plane (most emoji) are not noted: Debian's Dear ImGui 1.86 is
/// built with 16-bit characters and cannot address them.
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
/// Forgets every noted character (a new session, tests).
void resetGlyphDemand();

} // namespace throughline::app
