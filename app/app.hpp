#pragma once
// The navigator: owns the vault and every screen's state, loads what screens show when it changes,
// draws the current screen (one column, or list + detail when wide) and applies the intents screens
// return as calls into core. Knows nothing of GLFW or OpenGL, so headless tests drive it directly.
#include "app/folder_sync_worker.hpp"
#include "app/screens/contact_detail_screen.hpp"
#include "app/screens/conflicts_screen.hpp"
#include "app/screens/create_vault_screen.hpp"
#include "app/screens/file_chooser_screen.hpp"
#include "app/screens/home_screen.hpp"
#include "app/screens/member_editor_screen.hpp"
#include "app/screens/missing_episode_screen.hpp"
#include "app/screens/network_screen.hpp"
#include "app/screens/people_screen.hpp"
#include "app/screens/presentation_screen.hpp"
#include "app/screens/safety_plan_screen.hpp"
#include "app/screens/person_editor_screen.hpp"
#include "app/screens/placement_editor_screen.hpp"
#include "app/screens/record_screen.hpp"
#include "app/screens/recovery_screen.hpp"
#include "app/screens/screen_id.hpp"
#include "app/screens/settings_screen.hpp"
#include "app/screens/sync_contact_screen.hpp"
#include "app/screens/sync_screen.hpp"
#include "app/screens/unlock_screen.hpp"
#include "app/theme.hpp"

#include "throughline/insight/insight.hpp"
#include "throughline/insight/network_map.hpp"
#include "throughline/contacts/qr.hpp"
#include <throughline/sync/exchange.hpp>
#include "throughline/contacts/contacts.hpp"
#include "throughline/insight/timeline.hpp"
#include "throughline/records/store.hpp"
#include "throughline/vault/vault.hpp"

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
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
    /// Minimum seconds between two draft saves while typing.
    double draftIntervalSeconds = 2.0;
    /// Folders offered by the file chooser (the first is where it opens), e.g. Documents and Home; found by
    /// the platform layer. Empty: the current folder.
    std::vector<ChooserPlace> chooserPlaces;
    /// Tests only: called on the folder sync's own thread just before it starts, so a test can hold it
    /// there and check the interface keeps drawing meanwhile.
    std::function<void()> folderSyncStarting;
};

/// What the host tells the app each frame.
struct FrameInput {
    double now = 0;         // monotonic seconds
    double idleSeconds = 0; // since the last keyboard/mouse input
};

class App {
  public:
    explicit App(AppOptions options);
    ~App();
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
    std::string openScreen(Screen screen, const std::string& youngPersonId = {});
    /// Saves the draft, locks the vault, wipes text buffers and returns to the unlock screen.
    void lock(const std::string& notice = {});

    bool isUnlocked() const { return m_vault != nullptr && !m_forceNewPassphrase; }
    /// Slow work is pending: a key derivation, or a folder sync still running.
    bool busy() const { return static_cast<bool>(m_pending) || m_folderSync.active(); }
    /// A folder sync is running on its own thread: the vault is its alone until it finishes.
    bool syncing() const { return m_folderSync.active(); }
    Screen screen() const { return m_stack.back(); }
    core::Vault* vault() { return m_vault.get(); }
    ThemeKind theme() const { return m_theme; }
    int scalePercent() const { return m_scalePercent; }
    int autoLockMinutes() const { return m_autoLockMinutes; }
    ImVec4 clearColour() const;
    const std::string& selectedYoungPerson() const { return m_selectedYp; }
    bool draftOffered() const { return m_draftOffer.has_value(); }
    bool presentationOpen() const { return m_presentation.has_value(); }
    const std::string& toast() const { return m_toast; }
    /// The calm notice shown after a folder sync on unlock (empty when there is none).
    const std::string& syncNotice() const { return m_syncNotice; }

    UnlockState& unlockState() { return m_unlock; }
    CreateVaultState& createState() { return m_create; }
    RecoveryState& recoveryState() { return m_recovery; }
    RecordState& recordState() { return m_record; }
    HomeState& homeState() { return m_homeState; }
    PersonEditorState& personState() { return m_person; }
    PlacementEditorState& placementState() { return m_placement; }
    SyncState& syncState() { return m_sync; }
    SyncContactState& syncContactState() { return m_syncContactState; }
    ConflictsState& conflictsState() { return m_conflictsState; }
    const std::vector<core::sync::Conflict>& conflicts() const { return m_conflicts; }
    FileChooserState& chooserState() { return m_chooser; }
    SettingsState& settingsState() { return m_settings; }

  private:
    // navigation
    void go(Screen s);
    void back();
    void resetTo(Screen s);
    int currentTab() const;
    void switchTab(int tab);
    void selectYoungPerson(const std::string& id);
    // drawing
    void drawScreen(Screen s, bool wide);
    void drawPeoplePane(bool pane);
    bool drawChooser(const char* title, const char* subtitle);
    void drawToast();
    // data
    void refresh();
    void invalidate();
    core::Store& store();
    core::Date today() const;
    // flows
    void schedule(std::function<void()> work);
    void runPending();
    void onUnlocked(std::unique_ptr<core::Vault> vault);
    void startRecord(const std::string& youngPersonId);
    void saveRecord();
    void finishRecord(const char* toast);
    void saveDraftNow();
    void maybeSaveDraft();
    void showToast(std::string text);
    void wipeImGuiTextState();
    std::string friendlyError(const core::Error& e) const;
    // intents
    void apply(const CreateVaultIntent& i);
    void apply(const UnlockIntent& i);
    void apply(const RecoveryIntent& i);
    void apply(const PeopleIntent& i);
    void apply(const HomeIntent& i);
    void apply(const RecordIntent& i);
    void apply(const ContactDetailIntent& i);
    void apply(const NetworkIntent& i);
    void apply(const MemberEditorIntent& i);
    void apply(const PlacementEditorIntent& i);
    void apply(const MissingEpisodeIntent& i);
    void apply(const PersonEditorIntent& i);
    void apply(const SettingsIntent& i);
    void apply(const PresentationIntent& i);
    void apply(const SafetyPlanIntent& i);
    void apply(const SyncIntent& i);
    void apply(const SyncContactIntent& i);
    void apply(const ConflictsIntent& i);
    void apply(const FileChooserIntent& i);
    // sync (app_intents_sync.cpp)
    void refreshSync();
    void openSync(bool keepOutcome = false);
    void openSyncContact(const std::string& fingerprintHex);
    void openConflicts();
    /// Wipes conflict values the person revealed and masks them again (leaving, refreshing, locking).
    void hideConflictValues();
    void openChooser(ChooserPurpose purpose, ChooserMode mode, std::string title, std::string hint,
                     std::vector<std::string> extensions, std::string fileName = {});
    void loadChooserFolder();
    void chosen(const std::filesystem::path& path);
    void importRecordsFile(const std::filesystem::path& path); // app_intents_vault.cpp
    /// Starts a folder sync on its own thread (nothing happens if one is already running).
    void runFolderSync(bool onUnlock);
    /// Takes a finished folder sync's result (each frame): its report, or the lock that waited for it.
    void collectFolderSync();
    void showFolderSyncResult(const FolderSyncWorker::Outcome& r, bool onUnlock);
    void drawSyncNotice();
    std::string originOf(const core::RecordMeta& meta);
    void wipeSync();
    void openMember(const std::string& id);
    void computePicture();
    void startPresentation();
    void openSafetyPlan();
    const core::SafetyPlan* currentPlan() const {
        return m_insightInput && m_insightInput->safetyPlan ? &*m_insightInput->safetyPlan : nullptr;
    }
    void selectOnMap(const std::string& memberId);
    void newMember(bool forRecord);
    void openPlacement(bool createNew);
    void openMissing(const std::string& id);
    void openContact(const std::string& id);
    void toggleAction(const std::string& id);

    AppOptions m_options;
    std::unique_ptr<core::Vault> m_vault;
    std::unique_ptr<core::Vault> m_created; // a new vault while its recovery key is on screen
    bool m_forceNewPassphrase = false;
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
    std::string m_loadError;

    // data shown by screens, reloaded when marked dirty
    std::vector<core::YoungPersonListItem> m_people;
    bool m_peopleDirty = true;
    std::string m_selectedYp;
    std::optional<core::HomeData> m_home;
    // The relational picture of the selected young person, computed when their records change.
    std::optional<core::InsightInput> m_insightInput;
    std::optional<core::Insight> m_insight;
    core::NetworkMap m_map;
    core::Timeline m_timeline;
    std::vector<core::ContactRecord> m_selectedContacts; // latest contacts with the person tapped on the map
    std::vector<GapCard> m_gapCards;                     // the Gaps card on the home screen
    // Presentation mode: the redacted handover summary of the selected young person (built on entry).
    std::optional<core::RedactedSummary> m_presentation;
    PresentationState m_presentState;
    SafetyPlanState m_safetyPlan;
    bool m_homeDirty = true;
    RecordView m_recordView;
    bool m_recordPeopleDirty = true;
    std::string m_contactId;
    std::optional<core::ContactRecord> m_contact;
    std::vector<core::FollowUpAction> m_contactActions;
    bool m_contactDirty = true;

    // screen states
    CreateVaultState m_create;
    UnlockState m_unlock;
    RecoveryState m_recovery;
    PeopleState m_peopleState;
    HomeState m_homeState;
    RecordState m_record;
    ContactDetailState m_contactState;
    NetworkState m_networkState;
    MemberEditorState m_member;
    bool m_memberForRecord = false;
    PlacementEditorState m_placement;
    MissingEpisodeState m_missing;
    PersonEditorState m_person;
    SettingsState m_settings;

    // sharing and sync (loaded when m_syncDirty)
    bool m_syncDirty = true;
    std::optional<core::PublicIdentity> m_identity;
    core::QrMatrix m_ownQr;
    std::vector<core::contacts::Contact> m_syncContacts;
    std::vector<core::sync::ReceivedAttachment> m_attachments;
    std::vector<core::sync::Conflict> m_conflicts;
    std::size_t m_conflictCount = 0;
    std::string m_foldersError;
    std::string m_syncContactFp;
    std::optional<core::contacts::Contact> m_syncContact;
    core::QrMatrix m_contactQr;
    SyncState m_sync;
    SyncContactState m_syncContactState;
    ConflictsState m_conflictsState;
    FileChooserState m_chooser;
    Screen m_chooserFrom = Screen::Sync; // the screen that opened the chooser (where outcomes are shown)
    std::string m_syncNotice;
    ui::Tone m_syncNoticeTone = ui::Tone::Info;
    double m_syncNoticeUntil = 0; // 0: until dismissed
    // Where records came from: device id → the contact whose vault it is (cleared when contacts change).
    struct Origin {
        bool known = false;
        std::string name, organisation;
        bool verified = false;
    };
    std::map<std::string, Origin> m_origins;
    std::string m_contactOrigin;                        // of the record on the contact detail screen
    std::map<std::string, std::string> m_memberOrigins; // network member id → origin text

    // drafts
    std::optional<RecordForm> m_draftOffer;
    bool m_draftDirty = false;
    double m_lastDraftSave = -1e9;

    // Folder sync on its own thread. Declared after m_vault: destroyed (joined) before the vault is.
    FolderSyncWorker m_folderSync;
    std::optional<std::string> m_lockWhenSynced; // a lock asked for while it ran: its notice
};

} // namespace throughline::app
