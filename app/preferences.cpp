#include "app/preferences.hpp"

#include "app/forms.hpp"

#include "throughline/base/files.hpp"

#include <cereal/archives/json.hpp>
#include <cereal/types/string.hpp>

#include <charconv>
#include <sstream>

namespace throughline::app {

namespace {

constexpr int kFormat = 1;
// The file is a few dozen bytes; anything much larger is not ours (and JSON parsing is recursive, so a
// bound on the size is a bound on the nesting too).
constexpr std::size_t kMaxBytes = 4096;

void setTheme(Preferences& p, std::string_view name) {
    if (auto kind = parseThemeKey(name)) p.theme = *kind;
}

void setScale(Preferences& p, long long pct) {
    if (pct >= 100 && pct <= 200) p.scalePercent = static_cast<int>(pct);
}

// What the JSON holds, by name; cereal's JSON archive finds each member by its name, so order does not
// matter and members it does not know are left alone.
struct PreferencesWire {
    Preferences& p;
    template <class A> void save(A& ar) const {
        ar(cereal::make_nvp("format", kFormat), cereal::make_nvp("theme", std::string(themeKey(p.theme))),
           cereal::make_nvp("scale_percent", p.scalePercent));
    }
    template <class A> void load(A& ar) {
        int format = 0;
        ar(cereal::make_nvp("format", format));
        if (format != kFormat) throw cereal::Exception("another preferences format");
        std::string theme;
        std::int64_t scale = 0;
        ar(cereal::make_nvp("theme", theme), cereal::make_nvp("scale_percent", scale));
        setTheme(p, theme);
        setScale(p, scale);
    }
};

} // namespace

std::string preferencesToJson(const Preferences& p) {
    std::ostringstream os;
    {
        // The JSON archive writes its closing braces when it is destroyed.
        cereal::JSONOutputArchive ar(os);
        Preferences copy = p;
        ar(cereal::make_nvp("preferences", PreferencesWire{copy}));
    }
    os << '\n';
    return os.str();
}

Preferences preferencesFromJson(std::string_view text) {
    if (text.size() > kMaxBytes || !jsonWholeNumbersOnly(text)) return {};
    Preferences p;
    try {
        std::istringstream is{std::string(text)};
        cereal::JSONInputArchive ar(is);
        ar(cereal::make_nvp("preferences", PreferencesWire{p}));
    } catch (const std::exception&) { // cereal::Exception, rapidjson's assertions (thrown by cereal)
        return {};
    }
    return p;
}

Preferences preferencesFromLegacy(std::string_view text) {
    Preferences p;
    if (text.size() > kMaxBytes) return p;
    for (std::size_t pos = 0; pos < text.size();) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view line = text.substr(pos, end - pos);
        pos = end + 1;
        const std::size_t eq = line.find('=');
        if (eq == std::string_view::npos) continue;
        const std::string_view key = line.substr(0, eq), value = line.substr(eq + 1);
        if (key == "theme") setTheme(p, value);
        if (key == "scale") {
            long long pct = 0;
            const auto r = std::from_chars(value.data(), value.data() + value.size(), pct);
            if (r.ec == std::errc() && r.ptr == value.data() + value.size()) setScale(p, pct);
        }
    }
    return p;
}

Preferences loadPreferences(const std::filesystem::path& configDir) {
    const auto text = [](const std::vector<std::uint8_t>& b) { return std::string(b.begin(), b.end()); };
    auto json = core::readSmallFile(configDir / kPreferencesFile, kMaxBytes);
    if (json) return preferencesFromJson(text(*json));
    if (json.error().code != core::ErrorCode::NotFound) return {};
    auto legacy = core::readSmallFile(configDir / kLegacyPreferencesFile, kMaxBytes);
    return legacy ? preferencesFromLegacy(text(*legacy)) : Preferences{};
}

bool savePreferences(const std::filesystem::path& configDir, const Preferences& p) {
    std::error_code ec;
    std::filesystem::create_directories(configDir, ec);
    const std::string json = preferencesToJson(p);
    return core::atomicWriteFile(configDir / kPreferencesFile,
                                 std::vector<std::uint8_t>(json.begin(), json.end()))
        .ok();
}

} // namespace throughline::app
