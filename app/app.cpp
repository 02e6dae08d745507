// The app: lifecycle, the screen stack and tabs, the frame and its layout, toasts, lock and unlock,
// scripting. What screens show and do is in the session's features (app/features/).
#include "app/app.hpp"

#include "app/clipboard.hpp"

#include "app/glyphs.hpp"

#include "app/forms.hpp"
#include "app/text_editor.hpp"
#include "app/widgets.hpp"

#include "throughline/base/secure_bytes.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>

namespace throughline::app {

WindowLimits minimumWindowSize() {
    const float scale = uiScale();
    return {static_cast<int>(std::max(320.f, 200.f * scale)),
            static_cast<int>(std::max(480.f, 320.f * scale))};
}

namespace {

bool isDataScreen(Screen s) {
    return s != Screen::Create && s != Screen::Unlock && s != Screen::Recovery;
}

// A centred column of at most `maxWidth` inside the current window (narrows the content region).
struct Column {
    float savedWork = 0, savedContent = 0, indent = 0;
};

Column beginColumn(float maxWidth) {
    ImGuiWindow* w = ImGui::GetCurrentWindow();
    Column c;
    const float avail = ImGui::GetContentRegionAvail().x;
    const float width = std::min(avail, maxWidth);
    c.indent = std::floor((avail - width) * 0.5f);
    c.savedWork = w->WorkRect.Max.x;
    c.savedContent = w->ContentRegionRect.Max.x;
    if (c.indent > 0) ImGui::Indent(c.indent);
    const float right = ImGui::GetCursorScreenPos().x + width;
    w->WorkRect.Max.x = right;
    w->ContentRegionRect.Max.x = right;
    return c;
}

void endColumn(const Column& c) {
    ImGuiWindow* w = ImGui::GetCurrentWindow();
    w->WorkRect.Max.x = c.savedWork;
    w->ContentRegionRect.Max.x = c.savedContent;
    if (c.indent > 0) ImGui::Unindent(c.indent);
}

constexpr ImGuiWindowFlags kRootFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                        ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings |
                                        ImGuiWindowFlags_NoBringToFrontOnFocus |
                                        ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse;

} // namespace

App::App(AppOptions options)
    : m_options(std::move(options)), m_theme(m_options.theme),
      m_scalePercent(std::clamp(m_options.scalePercent, 100, 200)) {
    ImGuiIO& io = ImGui::GetIO();
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    io.IniFilename = nullptr; // nothing about the session is written to disk
    io.LogFilename = nullptr;
    io.ConfigInputTextCursorBlink = true;
    m_stack = {core::Vault::exists(m_options.vaultDir) ? Screen::Unlock : Screen::Create};
    m_create.ownerName = "";
    // Shown on the create screen: where the vault will be, with the home folder as "~".
    m_create.vaultPath = m_options.vaultDir.string();
    if (const char* home = std::getenv("HOME"); home && *home) {
        const std::string h = std::filesystem::path(home).lexically_normal().string();
        if (m_create.vaultPath.rfind(h + "/", 0) == 0)
            m_create.vaultPath = "~" + m_create.vaultPath.substr(h.size());
    }
}

App::~App() {
    lock();
    m_created.reset();
}

ImVec4 App::clearColour() const {
    return palette().background;
}

bool App::prepareFrame() {
    ui::routeClipboardThroughStandIns(); // once the platform's clipboard is set (emoji pasted into fields)
    bool rebuilt = false;
    if (m_themeDirty || m_fontsDirty) {
        applyTheme(m_theme, m_scalePercent / 100.f);
        m_themeDirty = false;
    }
    if (m_fontsDirty || glyphsPending()) {
        buildFonts(*ImGui::GetIO().Fonts, m_options.fonts, m_scalePercent / 100.f);
        m_fontsDirty = false;
        rebuilt = true;
    }
    return rebuilt;
}

Session& App::live() {
    if (!m_session) throw std::logic_error("the vault is locked: there is no session");
    return *m_session;
}

core::Vault* App::vault() {
    return m_session ? &m_session->vault() : m_recovered.get();
}

bool App::syncing() const {
    return m_session && m_session->sync.folderSync().active();
}

const std::string& App::selectedYoungPerson() const {
    static const std::string none;
    return m_session ? m_session->records.selectedYoungPerson() : none;
}

bool App::draftOffered() const {
    return m_session && m_session->records.draftOffer.has_value();
}

bool App::presentationOpen() const {
    return m_session && m_session->handover.presenting();
}

const std::string& App::syncNotice() const {
    static const std::string none;
    return m_session ? m_session->sync.notice() : none;
}

void App::setTheme(ThemeKind theme) {
    m_theme = theme;
    m_themeDirty = true;
    if (m_options.onPreferencesChanged) m_options.onPreferencesChanged(m_theme, m_scalePercent);
}

void App::setScalePercent(int percent) {
    m_scalePercent = std::clamp(percent, 100, 200);
    m_fontsDirty = true;
    if (m_options.onPreferencesChanged) m_options.onPreferencesChanged(m_theme, m_scalePercent);
}

// ---------------------------------------------------------------- navigation

void App::go(Screen s) {
    if (m_stack.back() != s) m_stack.push_back(s);
}

void App::back() {
    // The feature lets go of what only that screen needed (presentation mode: the summary).
    if (m_session) m_session->left(m_stack.back());
    if (m_stack.size() > 1) {
        m_stack.pop_back();
    } else if (m_stack.back() != Screen::People && isUnlocked()) {
        resetTo(Screen::People);
    }
}

void App::resetTo(Screen s) {
    m_stack = {s};
}

int App::currentTab() const {
    switch (m_stack.back()) {
    case Screen::Record:
        return 1;
    case Screen::Network:
    case Screen::MemberEditor:
        return 2;
    case Screen::Settings:
    case Screen::Sync:
    case Screen::SyncContact:
    case Screen::Conflicts:
    case Screen::FileChooser:
        return 3;
    default:
        return 0;
    }
}

void App::switchTab(int tab) {
    switch (tab) {
    case 0:
        resetTo(Screen::People);
        break;
    case 1:
        if (!m_session->records.selectedYoungPerson().empty()) {
            resetTo(Screen::People);
            go(Screen::Home);
            m_session->records.startRecord(m_session->records.selectedYoungPerson());
        } else {
            resetTo(Screen::Record); // shows a chooser until a young person is picked
        }
        break;
    case 2:
        resetTo(Screen::Network);
        break;
    default:
        resetTo(Screen::Settings);
        break;
    }
}

void App::leaveUnreadyScreen() {
    for (std::size_t guard = 0; m_session && !m_session->ready(m_stack.back()) && guard < 32; ++guard) {
        if (m_stack.back() == Screen::Home)
            resetTo(Screen::People);
        else
            back();
    }
}

// ---------------------------------------------------------------- frame

void App::schedule(std::function<void()> work) {
    m_pending = std::move(work);
    m_pendingAge = 0;
}

void App::runPending() {
    if (!m_pending) return;
    // Let one frame show the "busy" state before the slow work (key derivation) runs.
    if (m_pendingAge++ < 1) return;
    auto work = std::move(m_pending);
    m_pending = nullptr;
    work();
}

void App::toast(std::string text) {
    m_toast = std::move(text);
    m_toastUntil = m_now + 3.0;
}

void App::collectFolderSync() {
    if (!m_session) return;
    FolderSyncWorker& worker = m_session->sync.folderSync();
    auto r = worker.take();
    if (!r) return;
    if (m_lockWhenSynced) {
        // The person (or the idle timer) asked to lock while it ran: that comes first; the report is moot.
        const std::string notice = std::move(*m_lockWhenSynced);
        m_lockWhenSynced.reset();
        lock(notice);
        return;
    }
    m_session->sync.showFolderSyncResult(*r, worker.onUnlock());
}

void App::lockWhenFree(const std::string& notice) {
    if (syncing()) {
        m_lockWhenSynced = notice;
        m_session->sync.folderSync().cancel(); // the lock comes first: stop at the next safe point
    } else {
        lock(notice);
    }
}

void App::frame(const FrameInput& in) {
    m_now = in.now;
    ui::beginFocusFrame(); // Tab and Shift+Tab in reading order
    runPending();
    collectFolderSync();
    // While a folder sync runs the vault is its alone: nothing is loaded or saved, the screens are drawn
    // disabled, and a lock waits for it (the keys cannot be wiped under a running import).
    const bool syncing = this->syncing();
    if ((m_session || m_recovered) && !m_pending) {
        if (in.idleSeconds >= m_autoLockMinutes * 60.0) {
            const std::string notice = "Locked after " + std::to_string(m_autoLockMinutes) +
                                       (m_autoLockMinutes == 1 ? " minute" : " minutes") + " without use.";
            if (syncing) {
                if (!m_lockWhenSynced) m_lockWhenSynced = notice;
                m_session->sync.folderSync().cancel(); // the lock comes first: stop at the next safe point
            } else {
                lock(notice);
            }
        }
    }
    if ((m_session || m_recovered) && in.systemLock != SystemLock::None)
        m_lockRequested = in.systemLock == SystemLock::Sleeping ? "Locked before the computer went to sleep."
                                                                : "Locked when the screen locked.";
    if (m_session && !syncing) {
        m_session->keepDrafts(false);
        m_session->refresh();
        leaveUnreadyScreen();
    }

    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->Pos);
    ImGui::SetNextWindowSize(vp->Size);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::Begin("##root", nullptr, kRootFlags);
    ImGui::PopStyleVar();

    // Shortcuts: Ctrl+L locks, Esc goes back (when nothing is being edited and no dialog is open).
    ImGuiIO& io = ImGui::GetIO();
    bool lockNow = false;
    if ((m_session || m_recovered) && io.KeyCtrl && ImGui::IsKeyPressed('L', false)) lockNow = true;
    if (isUnlocked() && !syncing && ui::escapePressed() && !ImGui::IsAnyItemActive() &&
        !ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId) && isDataScreen(screen()))
        back();

    const Screen current = screen();
    // Presentation mode takes the whole window: no tab bar, no list pane.
    const bool showTabs = isUnlocked() && isDataScreen(current) && current != Screen::Presentation;
    const float tabH = showTabs ? dp(68) : 0;
    const float width = vp->Size.x, height = vp->Size.y - tabH;
    const bool wide = showTabs && width >= dp(900);
    const ImGuiWindowFlags childFlags =
        ImGuiWindowFlags_AlwaysUseWindowPadding | ImGuiWindowFlags_NoSavedSettings;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(dp(16), dp(12)));
    // Each screen scrolls in a window of its own, so going back returns to where it was left; a screen
    // opened anew (or showing a new outcome at its top) starts at the top.
    std::optional<float> scrollTo;
    if (current != m_lastScreen || m_stack.size() != m_lastDepth) {
        if (m_stack.size() >= m_lastDepth) scrollTo = 0.f;
        m_lastScreen = current;
        m_lastDepth = m_stack.size();
    }
    if (m_scrollTopNext) {
        scrollTo = 0.f;
        m_scrollTopNext = false;
    }
    const std::string paneId =
        std::string(wide ? "##right." : "##content.") + std::string(screenName(current));
    ImGui::BeginDisabled(syncing);
    if (wide) {
        const float leftW = std::clamp(width * 0.36f, dp(340), dp(440));
        ImVec2 o = ImGui::GetCursorScreenPos();
        ImGui::GetWindowDrawList()->AddRectFilled(
            o, ImVec2(o.x + leftW, o.y + height),
            toU32(mix(palette().background, palette().surfaceAlt, 0.6f)));
        ImGui::BeginChild("##left", ImVec2(leftW, height), false, childFlags);
        m_session->records.showPeoplePane(true);
        ImGui::EndChild();
        ImGui::SameLine(0, 0);
        if (scrollTo) ImGui::SetNextWindowScroll(ImVec2(-1.f, *scrollTo));
        ImGui::BeginChild(paneId.c_str(), ImVec2(width - leftW, height), false, childFlags);
        Column col = beginColumn(dp(720));
        drawScreen(current, true);
        endColumn(col);
        ImGui::EndChild();
    } else {
        if (scrollTo) ImGui::SetNextWindowScroll(ImVec2(-1.f, *scrollTo));
        ImGui::BeginChild(paneId.c_str(), ImVec2(width, height), false, childFlags);
        Column col = beginColumn(isDataScreen(current) ? dp(720) : dp(480));
        drawScreen(current, false);
        endColumn(col);
        ImGui::EndChild();
    }
    ImGui::PopStyleVar();
    if (showTabs) {
        ImGui::SetCursorScreenPos(ImVec2(vp->Pos.x, vp->Pos.y + height));
        if (auto t = ui::tabBar(currentTab(), tabH, m_session->sync.conflictCount() > 0 ? 1u << 3 : 0u))
            switchTab(*t);
    }
    ImGui::EndDisabled();
    drawToast();
    ImGui::End();
    if (showTabs && m_session) m_session->sync.showNotice();
    if (lockNow) m_lockRequested = "Locked.";
    if (m_lockRequested) { // after drawing: the session goes with the lock
        const std::string notice = std::move(*m_lockRequested);
        m_lockRequested.reset();
        lockWhenFree(notice);
    }
}

void App::drawToast() {
    if (m_toast.empty() || m_now > m_toastUntil) return;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    ImFont* f = fonts().bold;
    const float fs = f->FontSize;
    ImVec2 ts = f->CalcTextSizeA(fs, FLT_MAX, 0, m_toast.c_str());
    ImVec2 pad(dp(18), dp(12));
    float y = vp->Pos.y + vp->Size.y - dp(68) - dp(16) - ts.y - pad.y * 2;
    ImVec2 a(vp->Pos.x + (vp->Size.x - ts.x) * 0.5f - pad.x, y);
    ImVec2 b(a.x + ts.x + pad.x * 2, a.y + ts.y + pad.y * 2);
    const Palette& p = palette();
    const ToastColours toast = toastColours(p);
    dl->AddRectFilled(a, b, toU32(toast.background), (b.y - a.y) * 0.5f);
    dl->AddText(f, fs, ImVec2(a.x + pad.x, a.y + pad.y), toU32(toast.text), m_toast.c_str());
}

void App::drawScreen(Screen s, bool wide) {
    if (m_session && !m_session->loadError.empty() && isDataScreen(s)) {
        ui::banner(m_session->loadError, ui::Tone::Danger);
        if (ui::linkButton("Dismiss")) m_session->loadError.clear();
    }
    switch (s) {
    case Screen::Create:
        apply(drawCreateVault(m_create, core::Vault::minPassphraseLength));
        break;
    case Screen::Unlock: {
        UnlockView v;
        v.demo = m_options.demo;
        v.demoPassphrase = kDemoPassphrase;
        apply(drawUnlock(m_unlock, v));
        break;
    }
    case Screen::Recovery:
        apply(drawRecovery(m_recovery, core::Vault::minPassphraseLength));
        break;
    default:
        if (m_session) m_session->show(s, wide);
        break;
    }
}

// ---------------------------------------------------------------- lock / unlock

void App::wipeImGuiTextState() {
    ImGuiContext& g = *GImGui;
    ImGuiInputTextState& st = g.InputTextState;
    if (!st.TextW.empty()) std::memset(st.TextW.Data, 0, st.TextW.size_in_bytes());
    if (!st.TextA.empty()) std::memset(st.TextA.Data, 0, st.TextA.size_in_bytes());
    if (!st.InitialTextA.empty()) std::memset(st.InitialTextA.Data, 0, st.InitialTextA.size_in_bytes());
    // stb_textedit keeps its own copy of deleted and replaced characters for undo, whatever the flags.
    std::memset(&st.Stb, 0, sizeof(st.Stb));
    st.CurLenA = st.CurLenW = 0;
    st.ID = 0;
    ImGui::ClearActiveID();
    ui::wipeTextEditors(); // the multi-line editors' undo history holds what was typed
    ui::wipePastedCopy();  // and the copy of pasted text kept for ImGui's fields
}

void App::lock(const std::string& notice) {
    if (!m_session && !m_created && !m_recovered) return;
    if (m_session) {
        // Never under a running sync: it stops at its next safe point first (its report is not wanted).
        FolderSyncWorker& worker = m_session->sync.folderSync();
        worker.cancel();
        worker.wait();
        (void)worker.take();
        m_session->keepDrafts(true);
        m_lastFolder = m_session->sync.chooser.folder;
        // Nothing read from the vault stays in memory once it is locked: it all lived in the session.
        m_session.reset();
    }
    if (m_recovered) m_recovered->lock();
    m_recovered.reset();
    m_created.reset();
    m_lockWhenSynced.reset();
    m_lockRequested.reset();
    m_pending = nullptr;
    m_unlock.wipe();
    m_create.wipe();
    m_recovery.wipe();
    m_toast.clear();
    wipeImGuiTextState();
    m_unlock.notice = notice;
    m_unlock.error.clear();
    resetTo(Screen::Unlock);
}

core::Status App::unlock(std::string_view passphrase) {
    auto r = core::Vault::open(m_options.vaultDir, passphrase);
    if (!r) return r.error();
    onUnlocked(std::move(*r));
    return core::Status::success();
}

void App::onUnlocked(std::unique_ptr<core::Vault> vault) {
    m_unlock.wipe();
    m_unlock.error.clear();
    m_unlock.notice.clear();
    wipeImGuiTextState();
    m_session.reset();
    Host& host = *this;
    m_session = std::make_unique<Session>(std::move(vault), host);
    m_session->sync.chooser.folder = m_lastFolder;
    auto minutes = m_session->store().setting(kAutoLockSetting, "5");
    if (minutes) {
        try {
            m_autoLockMinutes = std::clamp(std::stoi(*minutes), 1, 240);
        } catch (...) {
            m_autoLockMinutes = 5;
        }
    }
    m_session->records.loadDraftOffer();
    resetTo(Screen::People);
    // Folder sync on unlock runs after the first frame of the unlocked app, and never blocks it: whatever
    // happens is shown as a calm notice.
    if (auto f = core::sync::folderSettings(m_session->vault());
        f && f->syncOnUnlock && (!f->outbox.empty() || !f->inbox.empty()))
        schedule([this] { // after the first frame has loaded what it shows
            if (m_session) m_session->sync.runFolderSync(true);
        });
}

// ---------------------------------------------------------------- scripting

std::string App::openScreen(Screen s, const std::string& youngPersonId, int page) {
    if (s == Screen::Create) {
        if (m_session || m_recovered) return "the vault is already unlocked";
        if (core::Vault::exists(m_options.vaultDir))
            return "a vault already exists in " + m_options.vaultDir.string();
        resetTo(Screen::Create);
        return {};
    }
    if (s == Screen::Unlock || s == Screen::Recovery) {
        if (m_session || m_recovered) lock();
        if (!core::Vault::exists(m_options.vaultDir)) return "no vault in " + m_options.vaultDir.string();
        resetTo(s);
        return {};
    }
    if (!isUnlocked())
        return "screen '" + std::string(screenName(s)) + "' needs an unlocked vault (--passphrase-file)";
    Session& session = *m_session;
    RecordsFeature& records = session.records;
    session.refresh();
    if (s == Screen::People || s == Screen::Settings) {
        resetTo(s);
        return {};
    }
    if (session.sync.owns(s)) {
        resetTo(Screen::Settings);
        if (s == Screen::Conflicts) {
            session.sync.openConflicts();
            return {};
        }
        session.sync.openSync();
        if (s == Screen::FileChooser) session.sync.apply(SyncIntent{SyncIntent::Kind::ImportCard, {}, 0});
        if (s == Screen::SyncContact) {
            if (session.sync.contacts().empty())
                return "the vault has no contacts yet (throughline-cli card import)";
            session.sync.openSyncContact(session.sync.contacts().front().identity.fingerprintHex());
        }
        return {};
    }
    std::string yp = youngPersonId;
    if (yp.empty()) {
        if (!records.selectedYoungPerson().empty())
            yp = records.selectedYoungPerson();
        else if (!records.people.empty())
            yp = records.people.front().id;
        else
            return "the vault has no young people yet";
    } else if (!session.store().youngPerson(yp)) {
        return "no young person with id " + yp;
    }
    records.selectYoungPerson(yp);
    session.refresh();
    if (!records.home) return "could not load the young person";
    const core::HomeData& home = *records.home;
    resetTo(Screen::People);
    go(Screen::Home);
    switch (s) {
    case Screen::Home:
        break;
    case Screen::Record:
        records.startRecord(yp);
        break;
    case Screen::ContactDetail:
        if (home.recentContacts.empty()) return "this young person has no records yet";
        records.openContact(home.recentContacts.front().meta.id);
        break;
    case Screen::Network:
        resetTo(Screen::Network);
        break;
    case Screen::MemberEditor:
        if (home.network.empty())
            session.network.newMember(false);
        else
            session.network.openMember(home.network.front().member.meta.id);
        break;
    case Screen::PlacementEditor:
        records.openPlacement(!home.currentPlacement);
        break;
    case Screen::MissingEpisode:
        records.openMissing(home.missingEpisodes.empty() ? std::string()
                                                         : home.missingEpisodes.front().meta.id);
        break;
    case Screen::PersonEditor:
        records.openPerson(false);
        break;
    case Screen::SafetyPlan:
        records.openSafetyPlan();
        break;
    case Screen::SubjectAccess:
        session.subjectAccess.open(home.person.meta.id);
        break;
    case Screen::PhasePicture:
        session.network.openPhasePicture();
        break;
    case Screen::Presentation:
        session.handover.startPresentation();
        if (!session.handover.presenting()) return "could not prepare the summary";
        if (page > 0) session.handover.turnTo(page - 1);
        break;
    default:
        break;
    }
    return {};
}

} // namespace throughline::app
