#pragma once
// Word-wrapped layout of UTF-8 text for the multi-line editor, with no UI: visual lines for a width and a
// glyph-advance function, byte offset <-> (line, x), and caret motions by cluster, word and visual line.
// Soft line breaks exist only here: the text itself is never changed by wrapping.
#include "throughline/base/text.hpp"

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace throughline::app::text {

/// Decodes the code point at `pos`; sets `length` to its bytes. An invalid byte reads as U+FFFD, length 1.
char32_t decodeAt(std::string_view s, std::size_t pos, std::size_t& length);
/// Appends the UTF-8 encoding of `c` (one encoder for the whole product: core's).
using core::appendUtf8;
/// Marks and joiners that belong to the character before them (never separated from it).
bool joinsPrevious(char32_t c);
/// Characters of the Basic Multilingual Plane shown as emoji by default (Unicode's Emoji_Presentation):
/// ⌚ ⏰ ☔ ☕ ♈ … ⚽ ⚾ ⛄ ✅ ✊ ✋ ✨ ❌ ❓ ❗ ➕ ⬛ ⭐ ⭕.
bool emojiPresentation(char32_t c);
/// True for a cluster shown as one picture (an emoji): it holds a character beyond U+FFFF (🙏, 👍🏾,
/// ✌🏾,
/// 👨‍👩‍👧, a flag's pair of regional indicators), or is shown as emoji by default (⚽, unless
/// U+FE0E asks for text), or asks for emoji presentation (U+FE0F: ❤️), or joins characters with U+200D.
/// Debian's Dear ImGui 1.86 cannot address such characters in its font atlas; the screen draws each such
/// cluster as one picture glyph (astral_text.hpp, picture_glyphs.hpp).
bool isPictureCluster(std::string_view cluster);
/// Spaces and tabs (where lines may wrap).
bool isSpace(char32_t c);

/// Start of the next / previous character cluster (a base with its combining marks, or a joined sequence).
std::size_t nextCluster(std::string_view s, std::size_t pos);
std::size_t prevCluster(std::string_view s, std::size_t pos);
/// Ctrl+Right: past the rest of this word and the spaces after it. Ctrl+Left: to the start of this or the
/// previous word. Words are runs of letters and digits, or runs of punctuation; newlines stop both.
std::size_t nextWord(std::string_view s, std::size_t pos);
std::size_t prevWord(std::string_view s, std::size_t pos);
/// The word (or run of spaces, or punctuation) around `pos`, as [first, second): double-click selection.
std::pair<std::size_t, std::size_t> wordAround(std::string_view s, std::size_t pos);

/// Pasted text made safe to store: valid UTF-8 (bad bytes become U+FFFD), CR LF and lone CR become LF,
/// other control characters except tab are dropped.
std::string sanitise(std::string_view pasted);

/// A caret position. At a soft wrap the same offset ends one visual line and starts the next: `upstream`
/// puts the caret at the end of the earlier line (after End, or a click past a line's end).
struct Caret {
    std::size_t offset = 0;
    bool upstream = false;
    bool operator==(const Caret&) const = default;
};

/// One visual line: bytes [begin, end) of the text; `end` excludes the newline that ends a paragraph.
struct VisualLine {
    std::size_t begin = 0, end = 0;
    bool soft = false; // ends at a wrap (the next line continues the same paragraph)
    float width = 0;   // of the drawn text, trailing spaces included
    float ink = 0;     // without its trailing spaces (never more than the wrap width, but for a lone glyph)
};

class TextLayout {
  public:
    using Advance = std::function<float(char32_t)>;

    /// Lays `text` out into lines at most `wrapWidth` wide (a longer word breaks between clusters; spaces at
    /// a wrap hang past the edge). Always at least one line. A picture cluster (isPictureCluster) is
    /// `pictureWidth` wide when that is given (≥ 0), else the sum of its characters' advances.
    void build(std::string_view text, float wrapWidth, Advance advance, float pictureWidth = -1);

    const std::vector<VisualLine>& lines() const { return m_lines; }
    float wrapWidth() const { return m_wrapWidth; }

    /// The visual line a caret is drawn on.
    std::size_t lineOf(Caret c) const;
    /// Horizontal position of a caret within its line.
    float xOf(std::string_view text, Caret c) const;
    /// Width of bytes [begin, end) on one line.
    float measure(std::string_view text, std::size_t begin, std::size_t end) const;
    /// The caret nearest to `x` on visual line `line` (a point past the end of a wrapped line stays on it).
    Caret caretAt(std::string_view text, std::size_t line, float x) const;

    // Motions: `preferredX` is kept by the caller across Up/Down runs.
    Caret up(std::string_view text, Caret c, float preferredX) const;
    Caret down(std::string_view text, Caret c, float preferredX) const;
    Caret home(Caret c) const;
    Caret end(Caret c) const;

  private:
    static constexpr char32_t kAsciiCache = 128;
    float advanceOf(char32_t c) const { return c < kAsciiCache ? m_ascii[c] : m_advance(c); }
    float clusterWidth(std::string_view text, std::size_t begin, std::size_t end) const;

    std::vector<VisualLine> m_lines;
    float m_wrapWidth = 0;
    Advance m_advance;
    float m_pictureWidth = -1;
    float m_ascii[kAsciiCache] = {};
};

} // namespace throughline::app::text
