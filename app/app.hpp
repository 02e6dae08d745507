#pragma once
// The app: the screen stack, the tab bar and layout (one column, or list + detail when wide), toasts,
// auto-lock, and the screens before unlocking (create, unlock, recovery). Everything read from the vault
// lives in the Session (app/session.hpp), whose features own their screens; locking ends the session.
// Knows nothing of GLFW or OpenGL, so headless tests drive it directly.
#include "app/app_options.hpp"
#include "app/features/feature.hpp"
#include "app/screens/create_vault_screen.hpp"
#include "app/screens/recovery_screen.hpp"
#include "app/screens/screen_id.hpp"
#include "app/screens/unlock_screen.hpp"
#include "app/session.hpp"
#include "app/theme.hpp"

#include "throughline/vault/vault.hpp"

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace throughline::app {

/// The smallest window every screen stays usable in at the current UI scale: 320 × 480 px at 100 %,
/// and never narrower than 200 px (or shorter than 320 px) of unscaled layout at larger scales.
struct WindowLimits {
    int width = 320, height = 480;
};
WindowLimits minimumWindowSize();

class App final : private Host {
  public:
    explicit App(AppOptions options);
    ~App() override;
    App(const App&) = delete;
    App& operator=(const App&) = delete;

    /// Call before the ImGui frame starts. Applies theme/scale changes; returns true when the font atlas
    /// was rebuilt (the renderer must then upload it again).
    bool prepareFrame();
    /// Draws one frame (between ImGui::NewFrame and ImGui::Render) and applies what the user asked for.
    void frame(const FrameInput& input);

    // --- Scripting (command line) and tests
    /// Unlocks directly, without the unlock screen.
    core::Status unlock(std::string_view passphrase);
    /// Opens a screen as a script would; "" on success, else a message. Screens that need a record take
    /// the young person `youngPersonId` (or the first one) and its first record.
    /// `page` (1-based) turns presentation mode to that page.
    std::string openScreen(Screen screen, const std::string& youngPersonId = {}, int page = 0);
    /// Saves the drafts (every open editor's), ends the session (the vault is locked, everything read from it
    /// let go), wipes text buffers and returns to the unlock screen.
    void lock(const std::string& notice = {});

    bool isUnlocked() const { return m_session != nullptr; }
    /// The unlocked session; null while locked (and while a recovered vault waits for a new passphrase).
    Session* session() { return m_session.get(); }
    /// Slow work is pending: a key derivation, or a folder sync still running.
    bool busy() const { return static_cast<bool>(m_pending) || syncing(); }
    /// A folder sync is running on its own thread: the vault is its alone until it finishes.
    bool syncing() const;
    Screen screen() const { return m_stack.back(); }
    core::Vault* vault();
    ThemeKind theme() const override { return m_theme; }
    int scalePercent() const override { return m_scalePercent; }
    int autoLockMinutes() const override { return m_autoLockMinutes; }
    ImVec4 clearColour() const;
    const std::string& selectedYoungPerson() const;
    bool draftOffered() const;
    bool presentationOpen() const;
    const std::string& toast() const { return m_toast; }
    /// The calm notice shown after a folder sync on unlock (empty when there is none).
    const std::string& syncNotice() const;

    UnlockState& unlockState() { return m_unlock; }
    CreateVaultState& createState() { return m_create; }
    RecoveryState& recoveryState() { return m_recovery; }
    // The states below live in the session: call them only while unlocked.
    RecordState& recordState() { return live().records.record; }
    HomeState& homeState() { return live().records.homeState; }
    PersonEditorState& personState() { return live().records.person; }
    PlacementEditorState& placementState() { return live().records.placement; }
    SyncState& syncState() { return live().sync.syncState; }
    SyncContactState& syncContactState() { return live().sync.contactState; }
    ConflictsState& conflictsState() { return live().sync.conflictsState; }
    const std::vector<core::sync::Conflict>& conflicts() { return live().sync.conflicts(); }
    FileChooserState& chooserState() { return live().sync.chooser; }
    SettingsState& settingsState() { return live().settings.state; }

  private:
    Session& live();
    // Host: what the features ask of the app.
    void go(Screen s) override;
    void back() override;
    void resetTo(Screen s) override;
    Screen top() const override { return m_stack.back(); }
    void scrollToTop() override { m_scrollTopNext = true; }
    void toast(std::string text) override;
    void schedule(std::function<void()> work) override;
    void wipeTextInput() override { wipeImGuiTextState(); }
    void requestLock(std::string notice) override { m_lockRequested = std::move(notice); }
    double now() const override { return m_now; }
    core::Date today() const override { return core::Date::today(); }
    const AppOptions& options() const override { return m_options; }
    void setTheme(ThemeKind theme) override;
    void setScalePercent(int percent) override;
    void setAutoLockMinutes(int minutes) override { m_autoLockMinutes = minutes; }

    int currentTab() const;
    void switchTab(int tab);
    void drawScreen(Screen s, bool wide);
    void drawToast();
    /// Leaves a screen whose data is gone (a record deleted elsewhere, a young person removed).
    void leaveUnreadyScreen();
    void runPending();
    void onUnlocked(std::unique_ptr<core::Vault> vault);
    /// Takes a finished folder sync's result (each frame): its report, or the lock that waited for it.
    void collectFolderSync();
    void lockWhenFree(const std::string& notice);
    void wipeImGuiTextState();
    // the screens before unlocking (app_intents_vault.cpp)
    void apply(const CreateVaultIntent& i);
    void apply(const UnlockIntent& i);
    void apply(const RecoveryIntent& i);

    AppOptions m_options;
    std::vector<Screen> m_stack;
    double m_now = 0;
    // The screen drawn last frame and the stack depth then: a screen pushed opens at its top.
    Screen m_lastScreen = Screen::Unlock;
    std::size_t m_lastDepth = 0;
    bool m_scrollTopNext = false;

    ThemeKind m_theme;
    int m_scalePercent;
    bool m_themeDirty = true, m_fontsDirty = true;
    int m_autoLockMinutes = 5;

    std::function<void()> m_pending;
    int m_pendingAge = 0;

    std::string m_toast;
    double m_toastUntil = 0;

    // Before unlocking.
    CreateVaultState m_create;
    UnlockState m_unlock;
    RecoveryState m_recovery;
    std::unique_ptr<core::Vault> m_created;   // a new vault while its recovery key is on screen
    std::unique_ptr<core::Vault> m_recovered; // opened with the recovery key, until a new passphrase is set
    std::filesystem::path m_lastFolder;       // where the file chooser opens next time (not a secret)

    std::unique_ptr<Session> m_session;          // everything read from the vault; reset on lock
    std::optional<std::string> m_lockRequested;  // a lock asked for this frame: its notice
    std::optional<std::string> m_lockWhenSynced; // a lock asked for while a folder sync ran: its notice
};

} // namespace throughline::app
