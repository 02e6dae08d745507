#pragma once
// Stand-ins for what Debian's Dear ImGui 1.86 can neither hold nor draw. It is built with 16-bit characters:
// a character beyond the Basic Multilingual Plane (🙏 😊 👍🏾, rarer CJK) is read as U+FFFD, drawn as
// "?", and written back as U+FFFD when a field is edited — the young person's emoji would be lost by editing
// anything else in the field. And it cannot shape right-to-left or Indic scripts.
//
// So the screen works on a copy of the text in which
//  - each picture cluster (text::isPictureCluster: an emoji with its modifiers and joiners, a flag, ❤️)
//    stands as one private-use character (U+E000 …) whose glyph in the font atlas is that emoji, drawn in
//    colour (picture_glyphs.hpp);
//  - in editable copies, each character of a script the screen cannot shape (Arabic, Hebrew, Devanagari …)
//    stands as a private-use character drawn as a placeholder (◌), so it is never "?", and can be
//    selected, deleted and kept as written.
// The stand-ins are given once per process and never change, so a field being edited stays consistent;
// fromEditable() maps them back. The stored text never holds a stand-in.
#include <optional>
#include <string>
#include <string_view>

namespace throughline::app {

enum class StandInKind {
    Picture,     ///< an emoji cluster: drawn as its colour picture
    Placeholder, ///< a character of a script the screen cannot shape: drawn as ◌
};

struct StandIn {
    std::string text; ///< what it stands for (UTF-8)
    StandInKind kind = StandInKind::Picture;
};

/// True when UTF-8 text holds anything a stand-in is needed for (a picture cluster, or — when
/// `withScripts` — a character of a script the screen cannot shape). A byte scan for most text.
bool needsStandIns(std::string_view utf8, bool withScripts = true);
/// Kept for callers that only ask about characters beyond U+FFFF.
bool hasAstral(std::string_view utf8);

/// The stand-in for `cluster` (given on first use), or nothing when the stand-ins ran out.
std::optional<char32_t> standInFor(std::string_view cluster, StandInKind kind);
/// What stand-in `c` stands for, or nullptr when `c` is not a stand-in.
const StandIn* standIn(char32_t c);

/// `utf8` with every picture cluster and every character of an unshaped script replaced by its stand-in.
/// Returns false (and leaves `out` unchanged) when it cannot: the text already holds a private-use
/// character, or the stand-ins ran out.
bool toEditable(std::string_view utf8, std::string& out);
/// Edited text with every stand-in replaced by what it stands for.
std::string fromEditable(std::string_view edited);
/// Text as a screen draws it (never fails): picture clusters as stand-ins, private-use characters of the
/// text itself (which no font here draws) as U+FFFD. Scripts are left alone (script_marker.hpp marks them).
std::string toScreen(std::string_view utf8);

} // namespace throughline::app
