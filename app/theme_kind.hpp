#pragma once
// The themes by name, with no drawing attached (the preferences file and the command line use these).
#include <optional>
#include <string_view>

namespace throughline::app {

enum class ThemeKind { Light, Dark, HighContrast };

/// The theme's name in preferences and on the command line ("light", "dark", "high-contrast").
const char* themeKey(ThemeKind kind);
/// Parses themeKey(); nullopt when not understood.
std::optional<ThemeKind> parseThemeKey(std::string_view key);

} // namespace throughline::app
