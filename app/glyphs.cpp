#include "app/glyphs.hpp"

#include "app/astral_text.hpp"
#include "app/script_marker.hpp"
#include "app/text_layout.hpp"
#include "throughline/base/text.hpp"

#include <algorithm>
#include <bitset>

namespace throughline::app {

namespace {

const ImWchar kFixed[] = {
    0x0020, 0x00FF, // Basic Latin + Latin-1 (accented names, £)
    0x0100, 0x017F, // Latin Extended-A (Polish, Czech, Turkish …)
    0x2000, 0x206F, // General Punctuation: – — ‘ ’ “ ” • …
    0x2190, 0x21FF, // arrows
    0x2500, 0x25FF, // box drawing, geometric shapes (● ○ ▸)
    0x2700, 0x27BF, // dingbats (✓ ✕)
    0,
};

bool inFixed(char32_t c) {
    for (const ImWchar* r = kFixed; r[0]; r += 2)
        if (c >= r[0] && c <= r[1]) return true;
    return false;
}

constexpr char32_t kPrivateFirst = 0xE000, kPrivateLast = 0xF8FF;

struct Demand {
    std::bitset<0x10000> wanted;
    std::vector<char32_t> standIns; // wanted stand-ins (pictures, placeholders), in the order first drawn
    bool pending = false;
    std::uint64_t generation = 0;
    ImVector<ImWchar> all, extra;
};
Demand& demand() {
    static Demand d;
    return d;
}

} // namespace

namespace {
void noteStandIn(Demand& d, char32_t c) {
    if (d.wanted.test(c)) return;
    d.wanted.set(c);
    d.standIns.push_back(c);
    d.pending = true;
}
} // namespace

void noteGlyphs(std::string_view s) {
    Demand& d = demand();
    std::size_t i = 0;
    while (i < s.size()) {
        if (static_cast<unsigned char>(s[i]) < 0x80) {
            ++i;
            continue;
        }
        // An ASCII character may begin the cluster (1️⃣, a🏾): as astral_text.cpp's conversion takes
        // it.
        std::size_t start = i, len = 0;
        if (i > 0 && static_cast<unsigned char>(s[i - 1]) < 0x80 &&
            text::joinsPrevious(text::decodeAt(s, i, len)))
            start = i - 1;
        const std::size_t next = text::nextCluster(s, start);
        const std::string_view cluster = s.substr(start, next - start);
        if (text::isPictureCluster(cluster)) { // an emoji: one picture glyph, under a stand-in
            if (auto c = standInFor(cluster, StandInKind::Picture)) noteStandIn(d, *c);
            i = next;
            continue;
        }
        while (i < next) {
            const std::size_t at = i;
            const char32_t c = core::nextCodePoint(s, i);
            if (c > 0xFFFF || inFixed(c) || d.wanted.test(c)) continue;
            if (c >= kPrivateFirst && c <= kPrivateLast) {
                if (standIn(c)) noteStandIn(d, c); // text already in screen or editable form
                continue;
            }
            if (ui::unshapedScript(c)) { // drawn as a placeholder where it is edited (astral_text.hpp)
                if (auto p = standInFor(s.substr(at, i - at), StandInKind::Placeholder)) noteStandIn(d, *p);
                continue;
            }
            d.wanted.set(c);
            d.pending = true;
        }
    }
}

bool glyphsPending() {
    return demand().pending;
}

const ImWchar* takeGlyphRanges(bool& extra) {
    Demand& d = demand();
    ImFontGlyphRangesBuilder all, only;
    all.AddRanges(kFixed);
    extra = d.wanted.any();
    for (std::size_t c = 0; c < d.wanted.size(); ++c)
        if (d.wanted.test(c) && !(c >= kPrivateFirst && c <= kPrivateLast)) {
            all.AddChar(static_cast<ImWchar>(c));
            only.AddChar(static_cast<ImWchar>(c));
        }
    d.all.clear();
    d.extra.clear();
    all.BuildRanges(&d.all);
    only.BuildRanges(&d.extra);
    d.pending = false;
    ++d.generation;
    return d.all.Data;
}

const ImWchar* extraGlyphRanges() {
    return demand().extra.Data;
}

const ImWchar* fixedGlyphRanges() {
    return kFixed;
}

const std::vector<char32_t>& wantedStandIns() {
    return demand().standIns;
}

std::uint64_t glyphAtlasGeneration() {
    return demand().generation;
}

void resetGlyphDemand() {
    Demand& d = demand();
    d.wanted.reset();
    d.standIns.clear();
    d.pending = false;
}

} // namespace throughline::app
