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

enum class MarkerLength {
    Full,  ///< "[Arabic script: see the PDF/HTML summary]"
    Short, ///< "[Arabic]": where room is scarce (names on the network map)
};
/// `utf8` with every run of an unshaped script (with the spaces, digits and marks inside it) replaced by
/// "[<Script> script: see the PDF/HTML summary]" (or the short form); everything else as it was.
std::string withScriptMarkers(std::string_view utf8, MarkerLength length = MarkerLength::Full);

/// The scripts of `utf8` the screen cannot shape, for a sentence: "Arabic", "Arabic and Hebrew",
/// "Arabic, Hebrew and Devanagari" (empty when none).
std::string unshapedScriptsIn(std::string_view utf8);

/// A short label (a name on the network map) as the screen draws it: short script markers, emoji as
/// picture stand-ins; its characters noted for the font atlas.
std::string shortScreenText(std::string_view utf8);

/// What a single-line text helper draws for `utf8`: the text itself (the usual case, no copy), or in
/// `scratch` the text with script markers and its emoji as picture stand-ins (astral_text.hpp). Notes the
/// characters for the font atlas (glyphs.hpp).
std::string_view screenText(std::string_view utf8, std::string& scratch);

} // namespace throughline::app::ui
