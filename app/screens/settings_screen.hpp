#pragma once
// Settings: your details (they go on your contact card), sharing and sync, auto-lock, theme, UI scale,
// change passphrase, lock now.
#include "app/secret_text.hpp"
#include "app/theme.hpp"

#include <string>

namespace throughline::app {

struct SettingsState {
    SecretText currentPassphrase, newPassphrase, confirm;
    std::string message, error;
    // Your details as edited (loaded from the vault's owner when Settings opens).
    std::string ownerName, ownerRole, ownerOrganisation;
    bool ownerLoaded = false;
    std::string ownerMessage, ownerError;
    void wipe();
};

struct SettingsView {
    int autoLockMinutes = 5;
    bool screenLockHeard = true; // the computer tells the app when the screen locks or it goes to sleep
    ThemeKind theme = ThemeKind::Light;
    int scalePercent = 100;
    std::string vaultPath, ownerName;
    std::size_t minPassphraseLength = 10;
    std::string savedOwnerName, savedOwnerRole, savedOwnerOrganisation; // as stored
    std::size_t contacts = 0, conflicts = 0;
};

struct SettingsIntent {
    enum class Kind {
        None,
        SetAutoLock,
        SetTheme,
        SetScale,
        ChangePassphrase,
        Lock,
        SaveOwner,
        OpenSync,
        OpenConflicts
    };
    Kind kind = Kind::None;
    int value = 0;
};

SettingsIntent drawSettings(SettingsState& state, const SettingsView& view);

} // namespace throughline::app
