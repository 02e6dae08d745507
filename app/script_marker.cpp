#include "app/script_marker.hpp"

#include "app/astral_text.hpp"
#include "app/glyphs.hpp"
#include "throughline/base/text.hpp"

#include <algorithm>
#include <vector>

namespace throughline::app::ui {

namespace {

struct ScriptRange {
    char32_t first, last;
    const char* name;
};
// Sorted. Right-to-left scripts, and scripts whose letters join, stack or reorder (shaping).
constexpr ScriptRange kUnshaped[] = {
    {0x0590, 0x05FF, "Hebrew"},
    {0x0600, 0x06FF, "Arabic"},
    {0x0700, 0x074F, "Syriac"},
    {0x0750, 0x077F, "Arabic"},
    {0x0780, 0x07BF, "Thaana"},
    {0x07C0, 0x07FF, "N'Ko"},
    {0x0800, 0x083F, "Samaritan"},
    {0x0840, 0x085F, "Mandaic"},
    {0x0860, 0x086F, "Syriac"},
    {0x0870, 0x08FF, "Arabic"},
    {0x0900, 0x097F, "Devanagari"},
    {0x0980, 0x09FF, "Bengali"},
    {0x0A00, 0x0A7F, "Gurmukhi"},
    {0x0A80, 0x0AFF, "Gujarati"},
    {0x0B00, 0x0B7F, "Odia"},
    {0x0B80, 0x0BFF, "Tamil"},
    {0x0C00, 0x0C7F, "Telugu"},
    {0x0C80, 0x0CFF, "Kannada"},
    {0x0D00, 0x0D7F, "Malayalam"},
    {0x0D80, 0x0DFF, "Sinhala"},
    {0x0E00, 0x0E7F, "Thai"},
    {0x0E80, 0x0EFF, "Lao"},
    {0x0F00, 0x0FFF, "Tibetan"},
    {0x1000, 0x109F, "Myanmar"},
    {0x1780, 0x17FF, "Khmer"},
    {0xA8E0, 0xA8FF, "Devanagari"},
    {0xFB1D, 0xFB4F, "Hebrew"},
    {0xFB50, 0xFDFF, "Arabic"},
    {0xFE70, 0xFEFF, "Arabic"},
    {0x10800, 0x10FFF, "right-to-left"},
    {0x1E800, 0x1EFFF, "right-to-left"},
};

// Characters that belong to whichever run they sit inside: spaces, digits, ASCII punctuation, combining
// marks and the invisible joiners and direction marks.
bool neutral(char32_t c) {
    if (c < 0x80) return !((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));
    return (c >= 0x0300 && c <= 0x036F) || (c >= 0x200B && c <= 0x200F) || c == 0x00A0;
}

} // namespace

const char* unshapedScriptName(char32_t c) {
    if (c < 0x0590) return nullptr;
    for (const auto& r : kUnshaped) {
        if (c < r.first) return nullptr;
        if (c <= r.last) return r.name;
    }
    return nullptr;
}

bool needsScriptMarker(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto b = static_cast<unsigned char>(s[i]);
        if (b < 0xD6) { // every lead byte below U+0590 (0xD6 0x90)
            ++i;
            continue;
        }
        if (unshapedScript(core::nextCodePoint(s, i))) return true;
    }
    return false;
}

std::string withScriptMarkers(std::string_view s, MarkerLength length) {
    std::string out;
    out.reserve(s.size() + 48);
    const char* runScript = nullptr;
    std::size_t runEnd = 0; // byte after the run's last character of its script
    std::size_t i = 0;
    auto closeRun = [&] {
        out += "[";
        out += runScript;
        out += length == MarkerLength::Full ? " script: see the PDF/HTML summary]" : "]";
        runScript = nullptr;
    };
    while (i < s.size()) {
        const std::size_t at = i;
        const char32_t c = core::nextCodePoint(s, i);
        const char* script = unshapedScriptName(c);
        if (runScript) {
            if (script == runScript) {
                runEnd = i;
                continue;
            }
            if (!script && neutral(c)) continue;
            // The run ends at its last character of the script: what followed it is copied as it was.
            closeRun();
            out.append(s.substr(runEnd, at - runEnd));
        }
        if (script) {
            runScript = script;
            runEnd = i;
        } else {
            out.append(s.substr(at, i - at));
        }
    }
    if (runScript) {
        closeRun();
        out.append(s.substr(runEnd));
    }
    return out;
}

std::string unshapedScriptsIn(std::string_view s) {
    std::vector<const char*> names;
    for (std::size_t i = 0; i < s.size();) {
        if (static_cast<unsigned char>(s[i]) < 0x80) {
            ++i;
            continue;
        }
        const char* name = unshapedScriptName(core::nextCodePoint(s, i));
        if (name && std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    }
    std::string out;
    for (std::size_t k = 0; k < names.size(); ++k) {
        if (k > 0) out += k + 1 == names.size() ? " and " : ", ";
        out += names[k];
    }
    return out;
}

std::string shortScreenText(std::string_view s) {
    std::string out =
        toScreen(needsScriptMarker(s) ? withScriptMarkers(s, MarkerLength::Short) : std::string(s));
    noteGlyphs(out);
    return out;
}

std::string_view screenText(std::string_view s, std::string& scratch) {
    if (!needsStandIns(s)) {
        noteGlyphs(s);
        return s;
    }
    scratch = toScreen(needsScriptMarker(s) ? withScriptMarkers(s) : std::string(s));
    noteGlyphs(scratch);
    return scratch;
}

} // namespace throughline::app::ui
