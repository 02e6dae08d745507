#pragma once
// The interface preferences kept between runs (theme and text size): a small, human-readable JSON file in
// the user's configuration folder, written with cereal's JSON archive. Nothing about any young person is in
// it, so it is not encrypted.
#include "app/theme.hpp"

#include <filesystem>
#include <string>
#include <string_view>

namespace throughline::app {

/// What the app remembers between runs.
struct Preferences {
    ThemeKind theme = ThemeKind::Light;
    int scalePercent = 100; // 100–200
    bool operator==(const Preferences&) const = default;
};

/// The preferences file's name in the configuration folder.
inline constexpr const char* kPreferencesFile = "preferences.json";
/// The key=value file of versions before preferences.json; read only when preferences.json is missing.
inline constexpr const char* kLegacyPreferencesFile = "ui.conf";

/// The preferences as JSON: {"preferences": {"format": 1, "theme": "dark", "scale_percent": 125}}.
std::string preferencesToJson(const Preferences& p);
/// Reads what preferencesToJson wrote. Anything else (an old or damaged file, another format) gives the
/// defaults; a theme or scale that is not understood gives that one's default.
Preferences preferencesFromJson(std::string_view text);
/// Reads the key=value lines ("theme=dark", "scale=125") of the legacy ui.conf, with the same fallbacks.
Preferences preferencesFromLegacy(std::string_view text);

/// Reads the preferences in `configDir` (preferences.json, else the legacy ui.conf), the defaults if
/// neither can be read. Never fails.
Preferences loadPreferences(const std::filesystem::path& configDir);
/// Writes preferences.json atomically, making the folder if needed; false on failure.
bool savePreferences(const std::filesystem::path& configDir, const Preferences& p);

} // namespace throughline::app
