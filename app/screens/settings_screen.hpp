#pragma once
// Settings: auto-lock, theme, UI scale, change passphrase, lock now.
#include "app/theme.hpp"

#include <string>

namespace throughline::app {

struct SettingsState {
    std::string currentPassphrase, newPassphrase, confirm;
    std::string message, error;
    void wipe();
};

struct SettingsView {
    int autoLockMinutes = 5;
    ThemeKind theme = ThemeKind::Light;
    int scalePercent = 100;
    std::string vaultPath, ownerName;
    std::size_t minPassphraseLength = 10;
};

struct SettingsIntent {
    enum class Kind { None, SetAutoLock, SetTheme, SetScale, ChangePassphrase, Lock };
    Kind kind = Kind::None;
    int value = 0;
};

SettingsIntent drawSettings(SettingsState& state, const SettingsView& view);

} // namespace throughline::app
