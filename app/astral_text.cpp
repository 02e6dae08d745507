#include "app/astral_text.hpp"

#include "app/script_marker.hpp"
#include "app/text_layout.hpp"
#include "throughline/base/text.hpp"

#include <map>
#include <vector>

namespace throughline::app {

namespace {

constexpr char32_t kFirst = 0xE000, kLast = 0xF8FF; // the Private Use Area of the BMP

struct StandIns {
    std::map<std::string, char32_t, std::less<>> of;
    std::vector<StandIn> back; // index: stand-in - kFirst
};
StandIns& standIns() {
    static StandIns s;
    return s;
}

bool privateUse(char32_t c) {
    return c >= kFirst && c <= kLast;
}

// The three-byte UTF-8 of U+FE0F (emoji presentation) and U+200D (zero-width joiner).
bool joinerAt(std::string_view s, std::size_t i) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
    return i + 2 < s.size() &&
           ((b(0) == 0xEF && b(1) == 0xB8 && b(2) == 0x8F) || (b(0) == 0xE2 && b(1) == 0x80 && b(2) == 0x8D));
}

enum class Mode { Editable, Screen };

bool convert(std::string_view s, std::string& out, Mode mode) {
    std::string result;
    result.reserve(s.size() + s.size() / 2 + 16); // a 2-byte letter's stand-in takes 3: no unwiped regrowth
    for (std::size_t i = 0; i < s.size();) {
        if (static_cast<unsigned char>(s[i]) < 0x80) {
            const std::size_t at = i;
            while (i < s.size() && static_cast<unsigned char>(s[i]) < 0x80)
                ++i;
            result.append(s.substr(at, i - at));
            if (i == s.size()) break;
            // An ASCII character may begin a cluster (1️⃣, a🏾, e + a combining mark): step back to it.
            std::size_t len = 0;
            if (i > at && text::joinsPrevious(text::decodeAt(s, i, len))) {
                result.pop_back();
                i -= 1;
            }
        }
        const std::size_t next = text::nextCluster(s, i);
        const std::string_view cluster = s.substr(i, next - i);
        if (text::isPictureCluster(cluster)) {
            auto standIn = standInFor(cluster, StandInKind::Picture);
            if (!standIn) {
                if (mode == Mode::Editable) return false;
                core::appendUtf8(result, 0xFFFD);
            } else {
                core::appendUtf8(result, *standIn);
            }
            i = next;
            continue;
        }
        for (std::size_t p = i; p < next;) {
            const std::size_t at = p;
            const char32_t c = core::nextCodePoint(s, p);
            if (privateUse(c)) {
                if (mode == Mode::Editable) return false;
                core::appendUtf8(result, 0xFFFD);
            } else if (mode == Mode::Editable && ui::unshapedScript(c)) {
                auto standIn = standInFor(s.substr(at, p - at), StandInKind::Placeholder);
                if (!standIn) return false;
                core::appendUtf8(result, *standIn);
            } else {
                result.append(s.substr(at, p - at));
            }
        }
        i = next;
    }
    out = std::move(result);
    return true;
}

} // namespace

bool hasAstral(std::string_view s) {
    for (char c : s)
        if (static_cast<unsigned char>(c) >= 0xF0) return true;
    return false;
}

bool needsStandIns(std::string_view s, bool withScripts) {
    bool nonAscii = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto b = static_cast<unsigned char>(s[i]);
        if (b < 0x80) continue;
        nonAscii = true;
        if (b >= 0xF0 || joinerAt(s, i)) return true;
        // U+E000 … U+F8FF (EE xx xx, EF 80-A3 xx): the text's own private-use character, never drawn as a
        // stand-in's picture.
        if (b == 0xEE || (b == 0xEF && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) < 0xA4))
            return true;
        if (b == 0xE2 && i + 2 < s.size()) { // U+2000 … U+2FFF: ⚽ ⭐ ✨ and their kin are pictures
            std::size_t at = i;
            if (text::emojiPresentation(core::nextCodePoint(s, at))) return true;
        }
    }
    return nonAscii && withScripts && ui::needsScriptMarker(s);
}

std::optional<char32_t> standInFor(std::string_view cluster, StandInKind kind) {
    StandIns& t = standIns();
    auto it = t.of.find(cluster);
    if (it != t.of.end()) return it->second;
    if (t.back.size() > kLast - kFirst) return std::nullopt;
    const char32_t c = kFirst + static_cast<char32_t>(t.back.size());
    t.of.emplace(std::string(cluster), c);
    t.back.push_back(StandIn{std::string(cluster), kind});
    return c;
}

const StandIn* standIn(char32_t c) {
    const StandIns& t = standIns();
    if (c < kFirst || c - kFirst >= t.back.size()) return nullptr;
    return &t.back[c - kFirst];
}

bool toEditable(std::string_view s, std::string& out) {
    return convert(s, out, Mode::Editable);
}

std::string toScreen(std::string_view s) {
    std::string out;
    convert(s, out, Mode::Screen);
    return out;
}

std::string fromEditable(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t at = i;
        const char32_t c = core::nextCodePoint(s, i);
        if (const StandIn* st = standIn(c))
            out.append(st->text);
        else
            out.append(s.substr(at, i - at));
    }
    return out;
}

} // namespace throughline::app
