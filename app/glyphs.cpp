#include "app/glyphs.hpp"

#include "app/script_marker.hpp"
#include "throughline/base/text.hpp"

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

struct Demand {
    std::bitset<0x10000> wanted;
    bool pending = false;
    ImVector<ImWchar> all, extra;
};
Demand& demand() {
    static Demand d;
    return d;
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
        const char32_t c = core::nextCodePoint(s, i);
        if (c > 0xFFFF || inFixed(c) || d.wanted.test(c) || ui::unshapedScript(c)) continue;
        d.wanted.set(c);
        d.pending = true;
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
        if (d.wanted.test(c)) {
            all.AddChar(static_cast<ImWchar>(c));
            only.AddChar(static_cast<ImWchar>(c));
        }
    d.all.clear();
    d.extra.clear();
    all.BuildRanges(&d.all);
    only.BuildRanges(&d.extra);
    d.pending = false;
    return d.all.Data;
}

const ImWchar* extraGlyphRanges() {
    return demand().extra.Data;
}

const ImWchar* fixedGlyphRanges() {
    return kFixed;
}

void resetGlyphDemand() {
    Demand& d = demand();
    d.wanted.reset();
    d.pending = false;
}

} // namespace throughline::app
