#pragma once
// How the host starts the app, and what it tells it each frame.
#include "app/screens/file_chooser_screen.hpp"
#include "app/theme.hpp"

#include "throughline/vault/vault.hpp"

#include <filesystem>
#include <functional>
#include <vector>

namespace throughline::app {

/// The passphrase of demo vaults; shown on the unlock screen only when started with --demo.
inline constexpr const char* kDemoPassphrase = "demo-passphrase-2026";
/// Key of the record-a-contact draft in the vault.
inline constexpr const char* kRecordDraftKey = "record-contact";
/// Vault setting holding the auto-lock delay.
inline constexpr const char* kAutoLockSetting = "auto_lock_minutes";

struct AppOptions {
    std::filesystem::path vaultDir;
    bool demo = false;
    core::KdfParams kdf = core::KdfParams::moderate(); // for vaults created in the app
    ThemeKind theme = ThemeKind::Light;
    int scalePercent = 100;
    FontFiles fonts;
    /// Called when theme or scale change so the host can keep them (the platform layer does the I/O).
    std::function<void(ThemeKind, int)> onPreferencesChanged;
    /// Whether the platform hears the screen lock and sleep (D-Bus); when not, Settings says so.
    bool screenLockHeard = true;
    /// Minimum seconds between two draft saves while typing.
    double draftIntervalSeconds = 2.0;
    /// Folders offered by the file chooser (the first is where it opens), e.g. Documents and Home; found by
    /// the platform layer. Empty: the current folder.
    std::vector<ChooserPlace> chooserPlaces;
    /// Tests only: called on the folder sync's own thread just before it starts, so a test can hold it
    /// there and check the interface keeps drawing meanwhile.
    std::function<void()> folderSyncStarting;
};

/// What the operating system said since the last frame (platform/lock_signals.hpp).
enum class SystemLock { None, ScreenLocked, Sleeping };

/// What the host tells the app each frame.
struct FrameInput {
    double now = 0;         // monotonic seconds
    double idleSeconds = 0; // since the last keyboard/mouse input
    SystemLock systemLock =
        SystemLock::None; // the screen locked, or the computer is going to sleep: lock now
};

} // namespace throughline::app
