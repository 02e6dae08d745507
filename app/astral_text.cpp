#include "app/astral_text.hpp"

#include "throughline/base/text.hpp"

#include <map>
#include <vector>

namespace throughline::app {

namespace {

constexpr char32_t kFirst = 0xE000, kLast = 0xF8FF; // the Private Use Area of the BMP

struct StandIns {
    std::map<char32_t, char32_t> of;
    std::vector<char32_t> back; // index: stand-in - kFirst
};
StandIns& standIns() {
    static StandIns s;
    return s;
}

} // namespace

bool hasAstral(std::string_view s) {
    for (char c : s)
        if (static_cast<unsigned char>(c) >= 0xF0) return true;
    return false;
}

bool toEditable(std::string_view s, std::string& out) {
    StandIns& t = standIns();
    std::string result;
    result.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t at = i;
        const char32_t c = core::nextCodePoint(s, i);
        if (c >= kFirst && c <= kLast) return false;
        if (c <= 0xFFFF) {
            result.append(s.substr(at, i - at));
            continue;
        }
        auto it = t.of.find(c);
        if (it == t.of.end()) {
            if (t.back.size() > kLast - kFirst) return false;
            it = t.of.emplace(c, kFirst + static_cast<char32_t>(t.back.size())).first;
            t.back.push_back(c);
        }
        core::appendUtf8(result, it->second);
    }
    out = std::move(result);
    return true;
}

std::string fromEditable(std::string_view s) {
    const StandIns& t = standIns();
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t at = i;
        const char32_t c = core::nextCodePoint(s, i);
        if (c >= kFirst && c - kFirst < t.back.size())
            core::appendUtf8(out, t.back[c - kFirst]);
        else
            out.append(s.substr(at, i - at));
    }
    return out;
}

} // namespace throughline::app
