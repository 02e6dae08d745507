#pragma once
// Debian's Dear ImGui 1.86 is built with 16-bit characters: when a field is edited, every character beyond
// the Basic Multilingual Plane (🙏 😊 👍🏾, rarer CJK) becomes U+FFFD in the text written back —
// the young person's emoji would be lost by editing anything else in the field. Fields therefore edit a copy
// in which each such character stands as a private-use character (U+E000 …), and map it back after a change.
// The stand-ins are given once per process and never change, so a field being edited stays consistent.
#include <string>
#include <string_view>

namespace throughline::app {

/// True when UTF-8 text holds a character beyond U+FFFF.
bool hasAstral(std::string_view utf8);
/// `utf8` with each character beyond U+FFFF replaced by its stand-in. Returns false (and leaves `out`
/// unchanged) when it cannot: the text already holds a private-use character, or the stand-ins ran out.
bool toEditable(std::string_view utf8, std::string& out);
/// Edited text with every stand-in replaced by the character it stands for.
std::string fromEditable(std::string_view edited);

} // namespace throughline::app
