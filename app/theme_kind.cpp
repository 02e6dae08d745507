#include "app/theme_kind.hpp"

namespace throughline::app {

const char* themeKey(ThemeKind kind) {
    switch (kind) {
    case ThemeKind::Dark:
        return "dark";
    case ThemeKind::HighContrast:
        return "high-contrast";
    case ThemeKind::Light:
        break;
    }
    return "light";
}

std::optional<ThemeKind> parseThemeKey(std::string_view key) {
    for (ThemeKind k : {ThemeKind::Light, ThemeKind::Dark, ThemeKind::HighContrast})
        if (key == themeKey(k)) return k;
    return std::nullopt;
}

} // namespace throughline::app
