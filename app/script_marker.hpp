#pragma once
// Scripts Dear ImGui 1.86 cannot shape — right-to-left (Arabic, Hebrew, Syriac, Thaana, N'Ko …) and the
// Indic and other Brahmic scripts whose letters join or reorder — are never drawn on screen as broken or
// "?" glyphs. Each run of such text is shown as a clear marker naming the script and where to read it:
// "[Arabic script: see the PDF/HTML summary]". The stored text never changes; the summaries (pango) show it
// in full. The text helpers of widgets.cpp call screenText(); other widgets (the text editor) call
// needsScriptMarker() and withScriptMarkers().
#include <string>
#include <string_view>

namespace throughline::app::ui {

/// The script of a code point the screen cannot shape ("Arabic", "Hebrew", "Devanagari" …), or nullptr.
const char* unshapedScriptName(char32_t c);
inline bool unshapedScript(char32_t c) {
    return unshapedScriptName(c) != nullptr;
}

/// True when UTF-8 text holds a character of a script the screen cannot shape.
bool needsScriptMarker(std::string_view utf8);

/// `utf8` with every run of an unshaped script (with the spaces, digits and marks inside it) replaced by
/// "[<Script> script: see the PDF/HTML summary]"; everything else as it was.
std::string withScriptMarkers(std::string_view utf8);

/// What a single-line text helper draws for `utf8`: the text itself (the usual case, no copy), or in
/// `scratch` the text with script markers. Notes the characters for the font atlas (glyphs.hpp).
std::string_view screenText(std::string_view utf8, std::string& scratch);

} // namespace throughline::app::ui
