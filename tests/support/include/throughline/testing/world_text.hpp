#pragma once
// Invented names and words in many scripts, shared by the tests of glyphs, length limits, summaries and
// bundles (issue 11 §6). Every name is invented.
#include "throughline/base/text.hpp"

#include <string>

namespace throughline::testing {

/// One invented name a script: what the app must draw without a fallback glyph.
struct ScriptName {
    const char* script;
    const char* name;
};
inline constexpr ScriptName kDrawableNames[] = {
    {"Yoruba (combining grave on ọ)", "Oluwaseun Adébáyọ̀"},
    {"Vietnamese", "Nguyễn Thị Phượng"},
    {"Polish", "Łucja Wróblewska-Żądło"},
    {"Albanian", "Dritëro Çelaj"},
    {"Kurdish (Kurmanji)", "Şêrko Rêbîn"},
    {"Greek", "Ελευθερία Παπαδάκη"},
    {"Cyrillic", "Юлия Ковальчук"},
    {"Tigrinya (Ethiopic)", "ሳባ ተስፋይ"},
};
/// Scripts the app's text engine cannot shape: shown as a marker in the app, in full in the summaries.
inline constexpr ScriptName kMarkerNames[] = {
    {"Arabic", "ليلى حداد"},
    {"Hebrew", "נועה כהן"},
    {"Devanagari", "अनन्या शर्मा"},
};
/// Words copied from a message, with emoji outside and inside the Basic Multilingual Plane, a skin-tone
/// modifier and a variation selector.
inline constexpr const char* kEmojiWords = "Match on Saturday 🏟️ ⚽ 👍🏾 🙏 see you 😊";

/// Exactly `count` characters (code points) of text mixing every kind above: four-byte emoji, combining
/// marks, Arabic, Ethiopic and plain letters, in lines, so a byte limit would refuse it long before a
/// character limit does.
inline std::string longWords(std::size_t count) {
    // Twenty code points a piece, eight of them three or four bytes long.
    static const char32_t kPiece[] = {U'\u26BD',     U'\U0001F64F', U'\u1ECD', U'\u0300', U'\u0644',
                                      U'\u064A',     U'\u0644',     U'\u0649', U'\u1233', U'\u1263',
                                      U'a',          U'b',          U'c',      U'd',      U'e',
                                      U'\U0001F60A', U'\u1EB9',     U' ',      U'\u00E9', U'\n'};
    std::string out;
    for (std::size_t i = 0; i < count; ++i) {
        core::appendUtf8(out, kPiece[i % (sizeof kPiece / sizeof kPiece[0])]);
    }
    return out;
}

} // namespace throughline::testing

namespace tltest = throughline::testing;
