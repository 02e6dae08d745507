#pragma once
// What every feature is made of. A feature (records, network, handover, settings, sync) owns its screens'
// states, the data those screens show and the `apply` for each of their intents; it lives in the Session, so
// it goes when the vault is locked. The app it runs in is seen through `Host`: the screen stack, toasts,
// slow work and preferences.
#include "app/app_options.hpp"
#include "app/screens/screen_id.hpp"
#include "app/theme.hpp"

#include "throughline/base/result.hpp"
#include "throughline/base/time.hpp"

#include <cstdint>
#include <functional>
#include <string>

namespace throughline::app {

class Session;

/// What a feature may ask of the app while it applies an intent. Implemented by App.
class Host {
  public:
    virtual ~Host() = default;
    // The screen stack (the app's).
    virtual void go(Screen s) = 0;
    virtual void back() = 0;
    virtual void resetTo(Screen s) = 0;
    virtual Screen top() const = 0;
    /// The screen is shown from its top next frame (an outcome is shown there).
    virtual void scrollToTop() = 0;
    virtual void toast(std::string text) = 0;
    /// Runs slow work (a key derivation) once a frame has shown the busy state.
    virtual void schedule(std::function<void()> work) = 0;
    /// Wipes what ImGui's text field holds (after a passphrase was used).
    virtual void wipeTextInput() = 0;
    /// Locks at the end of the frame (never under a feature: the session goes with the lock).
    virtual void requestLock(std::string notice) = 0;
    virtual double now() const = 0;
    virtual core::Date today() const = 0;
    virtual const AppOptions& options() const = 0;
    // Preferences and the auto-lock delay (the app's; the settings screen changes them).
    virtual ThemeKind theme() const = 0;
    virtual void setTheme(ThemeKind theme) = 0;
    virtual int scalePercent() const = 0;
    virtual void setScalePercent(int percent) = 0;
    virtual int autoLockMinutes() const = 0;
    virtual void setAutoLockMinutes(int minutes) = 0;
};

/// One part of the unlocked app: some screens, their states and data, and what their intents do.
class Feature {
  public:
    virtual ~Feature() = default;
    /// Whether this feature draws `s`.
    virtual bool owns(Screen s) const = 0;
    /// Whether it has what `s` shows (else the app leaves the screen before drawing it).
    virtual bool ready(Screen) const { return true; }
    /// Reloads what moved since it was loaded (each frame, before drawing; cheap when nothing did).
    virtual void refresh() {}
    /// Draws `s` (no I/O) and applies the intent the draw function returned.
    virtual void show(Screen s, bool wide) = 0;
    /// `s` was left by going back (Back, Esc).
    virtual void left(Screen) {}
    /// Keeps the drafts of the editors it has open in the vault: what changed since they were last kept, at
    /// most every AppOptions::draftIntervalSeconds, or everything now when `force` (lock, exit).
    virtual void keepDrafts(bool /*force*/) {}
};

/// When a data set was loaded: the session's change counter then, and what it was loaded for (a young
/// person, a search). It is reloaded when either moved.
struct LoadedAt {
    std::uint64_t changes = 0; // 0: never
    std::string key;
    bool current(std::uint64_t now, const std::string& forKey = {}) const {
        return changes == now && key == forKey;
    }
    void mark(std::uint64_t now, const std::string& forKey = {}) {
        changes = now;
        key = forKey;
    }
    void forget() { changes = 0; }
};

/// The message shown for an error from core.
std::string friendlyError(const core::Error& e);

} // namespace throughline::app
