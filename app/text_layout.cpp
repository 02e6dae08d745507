#include "app/text_layout.hpp"

#include <algorithm>
#include <cmath>

namespace throughline::app::text {

namespace {

constexpr char32_t kReplacement = 0xFFFD;

// Letters, digits and anything outside ASCII form words; ASCII punctuation forms runs of its own.
enum class CharClass { Space, Newline, Punctuation, Word };

CharClass classify(char32_t c) {
    if (c == '\n') return CharClass::Newline;
    if (isSpace(c)) return CharClass::Space;
    if (c < 0x80 && !((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'))
        return CharClass::Punctuation;
    return CharClass::Word;
}

// Class of the cluster starting at `pos` (its base character decides).
CharClass classAt(std::string_view s, std::size_t pos) {
    std::size_t len = 0;
    return classify(decodeAt(s, pos, len));
}

bool isContinuation(unsigned char b) {
    return (b & 0xC0) == 0x80;
}

} // namespace

char32_t decodeAt(std::string_view s, std::size_t pos, std::size_t& length) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + pos;
    const std::size_t left = s.size() - pos;
    length = 1;
    if (left == 0) return 0;
    const unsigned char b0 = p[0];
    if (b0 < 0x80) return b0;
    int n = 0;
    char32_t c = 0, min = 0;
    if ((b0 & 0xE0) == 0xC0) {
        n = 2;
        c = b0 & 0x1F;
        min = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
        n = 3;
        c = b0 & 0x0F;
        min = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
        n = 4;
        c = b0 & 0x07;
        min = 0x10000;
    } else {
        return kReplacement;
    }
    if (left < static_cast<std::size_t>(n)) return kReplacement;
    for (int i = 1; i < n; ++i) {
        if (!isContinuation(p[i])) return kReplacement;
        c = (c << 6) | (p[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return kReplacement;
    length = static_cast<std::size_t>(n);
    return c;
}

bool joinsPrevious(char32_t c) {
    return (c >= 0x0300 && c <= 0x036F) ||   // combining diacritical marks
           (c >= 0x1AB0 && c <= 0x1AFF) ||   // ... extended
           (c >= 0x1DC0 && c <= 0x1DFF) ||   // ... supplement
           (c >= 0x20D0 && c <= 0x20FF) ||   // ... for symbols
           (c >= 0xFE20 && c <= 0xFE2F) ||   // combining half marks
           (c >= 0xFE00 && c <= 0xFE0F) ||   // variation selectors (text / emoji presentation)
           (c >= 0xE0100 && c <= 0xE01EF) || // variation selectors supplement
           (c >= 0x1F3FB && c <= 0x1F3FF) || // emoji skin-tone modifiers
           (c >= 0xE0020 && c <= 0xE007F) || // tag characters (subdivision flags)
           c == 0x200D;                      // zero-width joiner
}

namespace {
bool regionalIndicator(char32_t c) {
    return c >= 0x1F1E6 && c <= 0x1F1FF;
}
} // namespace

bool emojiPresentation(char32_t c) {
    static constexpr char32_t kRanges[][2] = {
        {0x231A, 0x231B}, {0x23E9, 0x23EC}, {0x23F0, 0x23F0}, {0x23F3, 0x23F3}, {0x25FD, 0x25FE},
        {0x2614, 0x2615}, {0x2648, 0x2653}, {0x267F, 0x267F}, {0x2693, 0x2693}, {0x26A1, 0x26A1},
        {0x26AA, 0x26AB}, {0x26BD, 0x26BE}, {0x26C4, 0x26C5}, {0x26CE, 0x26CE}, {0x26D4, 0x26D4},
        {0x26EA, 0x26EA}, {0x26F2, 0x26F3}, {0x26F5, 0x26F5}, {0x26FA, 0x26FA}, {0x26FD, 0x26FD},
        {0x2705, 0x2705}, {0x270A, 0x270B}, {0x2728, 0x2728}, {0x274C, 0x274C}, {0x274E, 0x274E},
        {0x2753, 0x2755}, {0x2757, 0x2757}, {0x2795, 0x2797}, {0x27B0, 0x27B0}, {0x27BF, 0x27BF},
        {0x2B1B, 0x2B1C}, {0x2B50, 0x2B50}, {0x2B55, 0x2B55},
    };
    if (c < 0x231A || c > 0x2B55) return false;
    for (const auto& r : kRanges)
        if (c >= r[0] && c <= r[1]) return true;
    return false;
}

bool isPictureCluster(std::string_view s) {
    if (s.size() < 3) return false; // ASCII, Latin, Greek, Cyrillic … with no joiner
    std::size_t len = 0;
    const char32_t base = decodeAt(s, 0, len);
    if (base > 0xFFFF) return true;
    if (emojiPresentation(base)) {
        for (std::size_t p = len; p < s.size(); p += len)
            if (decodeAt(s, p, len) == 0xFE0E) return false; // asked for as text: ⚽︎
        return true;
    }
    for (std::size_t p = len; p < s.size(); p += len) {
        const char32_t c = decodeAt(s, p, len);
        // A joiner or emoji presentation; or any character beyond U+FFFF (✌🏾's skin tone, a variation
        // selector of a name's ideograph), which ImGui 1.86 could neither hold nor draw.
        if (c == 0xFE0F || c == 0x200D || c > 0xFFFF) return true;
    }
    return false;
}

bool isSpace(char32_t c) {
    return c == ' ' || c == '\t' || c == 0x3000;
}

std::size_t nextCluster(std::string_view s, std::size_t pos) {
    if (pos >= s.size()) return s.size();
    std::size_t len = 0;
    char32_t prev = decodeAt(s, pos, len);
    pos += len;
    if (regionalIndicator(prev) && pos < s.size() && regionalIndicator(decodeAt(s, pos, len))) {
        pos += len; // a flag: two regional indicators (prevCluster pairs them from the start of the run)
        prev = 0x1F1E6;
    }
    while (pos < s.size()) {
        const char32_t c = decodeAt(s, pos, len);
        // A mark joins its base; a zero-width joiner also pulls in the character after it.
        if (!joinsPrevious(c) && prev != 0x200D) break;
        if (prev == '\n') break;
        prev = c;
        pos += len;
    }
    return pos;
}

std::size_t prevCluster(std::string_view s, std::size_t pos) {
    if (pos == 0) return 0;
    pos = std::min(pos, s.size());
    // Step back to the start of the cluster that ends at `pos`: find a code point start, then walk forward
    // cluster by cluster from a safe point (a byte that cannot be inside a cluster: after a newline, or
    // before a character that does not join the one before it).
    std::size_t start = pos - 1;
    while (start > 0 && isContinuation(static_cast<unsigned char>(s[start])))
        --start;
    for (;;) {
        std::size_t len = 0;
        const char32_t c = decodeAt(s, start, len);
        if (start == 0 || !joinsPrevious(c)) {
            // Is the character before `start` a joiner that pulls this one in?
            if (start > 0) {
                std::size_t b = start - 1;
                while (b > 0 && isContinuation(static_cast<unsigned char>(s[b])))
                    --b;
                std::size_t blen = 0;
                if (decodeAt(s, b, blen) == 0x200D && c != '\n') {
                    start = b;
                    continue;
                }
            }
            break;
        }
        --start;
        while (start > 0 && isContinuation(static_cast<unsigned char>(s[start])))
            --start;
    }
    // Regional indicators pair up from the start of their run: step back over the first of a pair.
    std::size_t len = 0;
    if (regionalIndicator(decodeAt(s, start, len))) {
        std::size_t runStart = start, count = 0;
        while (runStart >= 4 && regionalIndicator(decodeAt(s, runStart - 4, len)) && len == 4) {
            runStart -= 4;
            ++count;
        }
        if (count % 2 == 1) start -= 4;
    }
    return start;
}

std::size_t nextWord(std::string_view s, std::size_t pos) {
    if (pos >= s.size()) return s.size();
    const CharClass first = classAt(s, pos);
    if (first == CharClass::Newline) return nextCluster(s, pos);
    if (first != CharClass::Space)
        while (pos < s.size() && classAt(s, pos) == first)
            pos = nextCluster(s, pos);
    while (pos < s.size() && classAt(s, pos) == CharClass::Space)
        pos = nextCluster(s, pos);
    return pos;
}

std::size_t prevWord(std::string_view s, std::size_t pos) {
    pos = std::min(pos, s.size());
    while (pos > 0 && classAt(s, prevCluster(s, pos)) == CharClass::Space)
        pos = prevCluster(s, pos);
    if (pos == 0) return 0;
    const std::size_t p = prevCluster(s, pos);
    const CharClass cls = classAt(s, p);
    if (cls == CharClass::Newline) return p;
    while (pos > 0 && classAt(s, prevCluster(s, pos)) == cls)
        pos = prevCluster(s, pos);
    return pos;
}

std::pair<std::size_t, std::size_t> wordAround(std::string_view s, std::size_t pos) {
    if (s.empty()) return {0, 0};
    if (pos >= s.size() || classAt(s, pos) == CharClass::Newline) {
        if (pos == 0) return {0, 0};
        pos = prevCluster(s, std::min(pos, s.size()));
        if (classAt(s, pos) == CharClass::Newline) return {pos, pos};
    }
    const CharClass cls = classAt(s, pos);
    std::size_t b = pos, e = nextCluster(s, pos);
    while (b > 0 && classAt(s, prevCluster(s, b)) == cls)
        b = prevCluster(s, b);
    while (e < s.size() && classAt(s, e) == cls)
        e = nextCluster(s, e);
    return {b, e};
}

std::string sanitise(std::string_view in) {
    std::string out;
    out.reserve(in.size());
    for (std::size_t i = 0; i < in.size();) {
        std::size_t len = 0;
        const char32_t c = decodeAt(in, i, len);
        if (c == '\r') {
            out += '\n';
            if (i + 1 < in.size() && in[i + 1] == '\n') ++len;
        } else if (c == '\n' || c == '\t' || (c >= 0x20 && c != 0x7F && !(c >= 0x80 && c < 0xA0))) {
            if (c == kReplacement && len == 1)
                appendUtf8(out, kReplacement);
            else
                out.append(in.substr(i, len));
        }
        i += len;
    }
    return out;
}

// ---------------------------------------------------------------- layout

float TextLayout::clusterWidth(std::string_view text, std::size_t begin, std::size_t end) const {
    if (m_pictureWidth >= 0 && isPictureCluster(text.substr(begin, end - begin))) return m_pictureWidth;
    float w = 0;
    std::size_t len = 0;
    for (std::size_t p = begin; p < end; p += len)
        w += advanceOf(decodeAt(text, p, len));
    return w;
}

void TextLayout::build(std::string_view text, float wrapWidth, Advance advance, float pictureWidth) {
    m_lines.clear();
    m_pictureWidth = pictureWidth;
    m_wrapWidth = std::max(wrapWidth, 1.f);
    m_advance = std::move(advance);
    for (char32_t c = 0; c < kAsciiCache; ++c)
        m_ascii[c] = m_advance(c); // most text: no call per character
    const float limit = m_wrapWidth;
    std::size_t lineStart = 0;
    float x = 0;                                  // width of the line so far
    std::size_t breakAt = std::string_view::npos; // where the next line may start (after a run of spaces)
    float widthAtBreak = 0;                       // line width up to breakAt
    float visibleWidth = 0;                       // line width without its trailing spaces
    float inkAtBreak = 0;                         // line width up to the spaces before breakAt
    std::size_t pos = 0;
    auto endLine = [&](std::size_t end, bool soft, float width, float ink) {
        m_lines.push_back(VisualLine{lineStart, end, soft, width, ink});
        lineStart = end;
    };
    while (pos < text.size()) {
        const std::size_t next = nextCluster(text, pos);
        std::size_t len = 0;
        const char32_t base = decodeAt(text, pos, len);
        if (base == '\n') {
            endLine(pos, false, x, visibleWidth);
            lineStart = next;
            x = visibleWidth = 0;
            breakAt = std::string_view::npos;
            pos = next;
            continue;
        }
        const float w = clusterWidth(text, pos, next);
        if (isSpace(base)) {
            if (breakAt != pos) inkAtBreak = visibleWidth; // the first space of a run
            x += w; // spaces may hang past the edge: a line never starts with the space that ended the last
            breakAt = next;
            widthAtBreak = x;
            pos = next;
            continue;
        }
        if (x + w > limit && pos > lineStart && visibleWidth > 0) {
            if (breakAt != std::string_view::npos && breakAt > lineStart) {
                // Wrap before the word: the part already placed moves down.
                endLine(breakAt, true, widthAtBreak, inkAtBreak);
                x -= widthAtBreak;
            } else {
                // A word longer than the line: break it between clusters.
                endLine(pos, true, x, x);
                x = 0;
            }
            breakAt = std::string_view::npos;
        }
        x += w;
        visibleWidth = x;
        pos = next;
    }
    m_lines.push_back(VisualLine{lineStart, text.size(), false, x, visibleWidth});
}

std::size_t TextLayout::lineOf(Caret c) const {
    auto it = std::upper_bound(m_lines.begin(), m_lines.end(), c.offset,
                               [](std::size_t off, const VisualLine& l) { return off < l.begin; });
    std::size_t i = it == m_lines.begin() ? 0 : static_cast<std::size_t>(it - m_lines.begin()) - 1;
    if (c.upstream && i > 0 && m_lines[i - 1].soft && m_lines[i - 1].end == c.offset &&
        m_lines[i].begin == c.offset)
        --i;
    return i;
}

float TextLayout::measure(std::string_view text, std::size_t begin, std::size_t end) const {
    float x = 0;
    end = std::min(end, text.size());
    for (std::size_t p = begin; p < end;) {
        const std::size_t next = std::min(nextCluster(text, p), end);
        x += clusterWidth(text, p, next);
        p = next;
    }
    return x;
}

float TextLayout::xOf(std::string_view text, Caret c) const {
    const VisualLine& l = m_lines[lineOf(c)];
    return measure(text, l.begin, std::min(c.offset, l.end));
}

Caret TextLayout::caretAt(std::string_view text, std::size_t line, float x) const {
    line = std::min(line, m_lines.size() - 1);
    const VisualLine& l = m_lines[line];
    float left = 0;
    std::size_t pos = l.begin;
    while (pos < l.end) {
        const std::size_t next = nextCluster(text, pos);
        const float w = measure(text, pos, next);
        if (x < left + w * 0.5f) return Caret{pos, false};
        left += w;
        pos = next;
    }
    return Caret{l.end, l.soft};
}

Caret TextLayout::up(std::string_view text, Caret c, float preferredX) const {
    const std::size_t i = lineOf(c);
    if (i == 0) return Caret{0, false};
    return caretAt(text, i - 1, preferredX);
}

Caret TextLayout::down(std::string_view text, Caret c, float preferredX) const {
    const std::size_t i = lineOf(c);
    if (i + 1 >= m_lines.size()) return Caret{text.size(), false};
    return caretAt(text, i + 1, preferredX);
}

Caret TextLayout::home(Caret c) const {
    return Caret{m_lines[lineOf(c)].begin, false};
}

Caret TextLayout::end(Caret c) const {
    const VisualLine& l = m_lines[lineOf(c)];
    return Caret{l.end, l.soft};
}

} // namespace throughline::app::text
