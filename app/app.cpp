// The navigator, part 1: lifecycle, navigation, data loading, frame, lock/unlock, drafts, scripting.
#include "app/app.hpp"

#include "app/app_internal.hpp"
#include "app/forms.hpp"
#include "app/widgets.hpp"

#include "throughline/db/audit.hpp"
#include "throughline/base/secure_bytes.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <cstring>

namespace throughline::app {

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
    if (m_vault) lock();
    m_created.reset();
}

ImVec4 App::clearColour() const {
    return palette().background;
}

bool App::prepareFrame() {
    bool rebuilt = false;
    if (m_themeDirty || m_fontsDirty) {
        applyTheme(m_theme, m_scalePercent / 100.f);
        m_themeDirty = false;
    }
    if (m_fontsDirty) {
        buildFonts(*ImGui::GetIO().Fonts, m_options.fonts, m_scalePercent / 100.f);
        m_fontsDirty = false;
        rebuilt = true;
    }
    return rebuilt;
}

core::Store& App::store() {
    return m_vault->store();
}
core::Date App::today() const {
    return core::Date::today();
}

// ---------------------------------------------------------------- navigation

void App::go(Screen s) {
    if (m_stack.back() != s) m_stack.push_back(s);
}

void App::back() {
    // Leaving presentation mode (Back, Esc) lets go of the summary: it holds the young person's words.
    if (m_stack.back() == Screen::Presentation) m_presentation.reset();
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
        if (!m_selectedYp.empty()) {
            resetTo(Screen::People);
            go(Screen::Home);
            startRecord(m_selectedYp);
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

void App::selectYoungPerson(const std::string& id) {
    if (id != m_selectedYp) {
        wipeLocation(m_homeState.revealedLocation);
        m_networkState = {};
    }
    m_selectedYp = id;
    m_homeDirty = true;
    m_recordPeopleDirty = true;
}

// ---------------------------------------------------------------- data

void App::invalidate() {
    m_peopleDirty = m_homeDirty = m_recordPeopleDirty = m_contactDirty = true;
}

void App::refresh() {
    if (!m_vault || m_forceNewPassphrase) return;
    refreshSync(); // first: where records came from depends on the contacts
    core::Store& st = store();
    if (m_peopleDirty) {
        m_peopleDirty = false;
        auto r = st.listYoungPeople(m_peopleState.search);
        if (r) {
            m_people = std::move(*r);
            if (m_selectedYp.empty() && m_people.size() == 1 && m_peopleState.search.empty())
                selectYoungPerson(m_people.front().id);
        } else {
            m_loadError = friendlyError(r.error());
        }
    }
    if (m_homeDirty) {
        m_homeDirty = false;
        m_home.reset();
        if (!m_selectedYp.empty()) {
            auto r = st.loadHome(m_selectedYp);
            if (r)
                m_home = std::move(*r);
            else
                m_loadError = friendlyError(r.error());
        }
        // Network members written in a colleague's vault say where they came from.
        m_memberOrigins.clear();
        if (m_home)
            for (const auto& m : m_home->network)
                if (auto o = originOf(m.member.meta); !o.empty()) m_memberOrigins[m.member.meta.id] = o;
        computePicture();
    }
    if (m_recordPeopleDirty && !m_selectedYp.empty()) {
        m_recordPeopleDirty = false;
        m_recordView.people.clear();
        auto net = st.network(m_selectedYp);
        auto order = st.recentParticipants(m_selectedYp);
        if (net && order) {
            for (const auto& id : *order)
                for (const auto& m : *net)
                    if (m.meta.id == id) m_recordView.people.push_back(m);
            for (const auto& m : *net) // anyone the ordering missed still shows, after the rest
                if (std::find(order->begin(), order->end(), m.meta.id) == order->end())
                    m_recordView.people.push_back(m);
        } else if (net) {
            m_recordView.people = *net;
        }
        m_recordView.youngPersonName = m_home ? m_home->person.shownName() : "";
        if (m_recordView.youngPersonName.empty())
            if (auto yp = st.youngPerson(m_selectedYp)) m_recordView.youngPersonName = yp->shownName();
    }
    if (m_contactDirty && !m_contactId.empty()) {
        m_contactDirty = false;
        auto r = st.contact(m_contactId);
        if (r) {
            m_contact = std::move(*r);
            m_contactOrigin = originOf(m_contact->meta);
            auto a = st.actionsForContact(m_contactId);
            m_contactActions = a ? std::move(*a) : std::vector<core::FollowUpAction>{};
        } else {
            m_contact.reset();
            m_loadError = friendlyError(r.error());
        }
    }
}

namespace {

// Each gap with its evidence records turned into rows (names, dates, kinds) once, not per frame.
std::vector<GapCard> gapCards(const core::Insight& insight, const core::InsightInput& in) {
    std::map<std::string, std::string> names;
    for (const auto& m : in.members)
        names[m.meta.id] = m.name;
    std::vector<GapCard> out;
    for (const auto& gap : insight.gaps) {
        GapCard card{gap, {}, {}};
        if (auto it = names.find(gap.memberId); !gap.memberId.empty() && it != names.end())
            card.about = it->second;
        else if (gap.track)
            card.about = std::string(core::enumDisplay(*gap.track));
        for (const auto& id : gap.evidenceIds) {
            GapEvidence e;
            e.id = id;
            for (const auto& c : in.contacts)
                if (c.meta.id == id) {
                    e.kind = GapEvidence::Kind::Contact;
                    e.title = std::string(core::enumDisplay(c.kind)) + " \xC2\xB7 " + c.date.display();
                    e.subtitle = std::string(core::enumDisplay(c.status));
                    for (const auto& p : c.participantIds)
                        if (auto it = names.find(p); it != names.end())
                            e.subtitle += " \xC2\xB7 " + it->second;
                }
            for (const auto& m : in.members)
                if (m.meta.id == id) {
                    e.kind = GapEvidence::Kind::Member;
                    e.title = m.name;
                    e.subtitle = std::string(core::enumDisplay(m.role)) + " \xC2\xB7 " +
                                 std::string(core::enumDisplay(m.place));
                }
            for (const auto& a : in.actions)
                if (a.meta.id == id) {
                    e.kind = GapEvidence::Kind::Action;
                    e.title = a.description;
                    e.subtitle = a.owner + (a.due ? " \xC2\xB7 due " + a.due->display() : std::string());
                    if (!a.contactId.empty())
                        e.id = a.contactId; // opens the contact it came from
                    else
                        e.kind = GapEvidence::Kind::Other;
                }
            for (const auto& m : in.missingEpisodes)
                if (m.meta.id == id) {
                    e.kind = GapEvidence::Kind::MissingEpisode;
                    e.title = std::string(core::enumDisplay(m.kind));
                    e.subtitle = "From " + core::isoInstant(m.startedAt).substr(0, 10);
                }
            if (e.title.empty()) continue; // e.g. a placement or safety plan: shown in its own card
            card.evidence.push_back(std::move(e));
        }
        out.push_back(std::move(card));
    }
    return out;
}

} // namespace

void App::computePicture() {
    m_insightInput.reset();
    m_insight.reset();
    m_map = {};
    m_timeline = {};
    m_selectedContacts.clear();
    m_gapCards.clear();
    if (!m_home) return;
    auto input = loadInsightInput(store(), m_selectedYp);
    if (!input) {
        m_loadError = friendlyError(input.error());
        return;
    }
    input->today = today();
    m_insightInput = std::move(*input);
    const core::Period period = core::defaultPeriod(*m_insightInput);
    m_insight = core::computeInsight(*m_insightInput, period);
    m_timeline = core::computeTimeline(*m_insightInput, period);
    std::vector<core::MapMemberInput> people;
    for (const auto& mi : m_insight->members) {
        core::MapMemberInput in;
        in.id = mi.memberId;
        in.label = mi.name;
        in.track = mi.track;
        in.place = mi.place;
        in.contacts = mi.contactsInPeriod;
        for (const auto& m : m_insightInput->members)
            if (m.meta.id == mi.memberId) {
                in.workerView = m.workerView;
                in.youngPersonView = m.youngPersonView;
            }
        people.push_back(std::move(in));
    }
    m_map = core::layoutNetworkMap(people, m_home->person.shownName());
    m_gapCards = gapCards(*m_insight, *m_insightInput);
    if (!m_networkState.selected.empty()) selectOnMap(m_networkState.selected);
}

void App::selectOnMap(const std::string& memberId) {
    m_networkState.selected = memberId;
    m_selectedContacts.clear();
    if (!m_insightInput || memberId.empty()) return;
    for (const auto& c : m_insightInput->contacts)
        if (std::find(c.participantIds.begin(), c.participantIds.end(), memberId) != c.participantIds.end())
            m_selectedContacts.push_back(c);
    std::sort(m_selectedContacts.begin(), m_selectedContacts.end(), [](const auto& a, const auto& b) {
        return a.date != b.date ? b.date < a.date : b.meta.createdAt < a.meta.createdAt;
    });
    if (m_selectedContacts.size() > 3) m_selectedContacts.resize(3);
}

std::string App::friendlyError(const core::Error& e) const {
    switch (e.code) {
    case core::ErrorCode::WrongPassphrase:
        return "That passphrase did not open the vault. Check Caps Lock and try again.";
    case core::ErrorCode::AlreadyOpen:
        return "This vault is open in another Throughline window. Close it there first.";
    default:
        return e.message.empty() ? std::string("Something went wrong.") : e.message;
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

void App::showToast(std::string text) {
    m_toast = std::move(text);
    m_toastUntil = m_now + 3.0;
}

void App::frame(const FrameInput& in) {
    m_now = in.now;
    runPending();
    collectFolderSync();
    // While a folder sync runs the vault is its alone: nothing is loaded or saved, the screens are drawn
    // disabled, and a lock waits for it (the keys cannot be wiped under a running import).
    const bool syncing = m_folderSync.active();
    if (m_vault && !m_pending) {
        if (in.idleSeconds >= m_autoLockMinutes * 60.0) {
            const std::string notice = "Locked after " + std::to_string(m_autoLockMinutes) +
                                       (m_autoLockMinutes == 1 ? " minute" : " minutes") + " without use.";
            if (syncing) {
                if (!m_lockWhenSynced) m_lockWhenSynced = notice;
                m_folderSync.cancel(); // the lock comes first: stop at the next safe point
            } else {
                lock(notice);
            }
        }
    }
    if (!syncing) {
        maybeSaveDraft();
        refresh();
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
    if (m_vault && io.KeyCtrl && ImGui::IsKeyPressed('L', false)) lockNow = true;
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
        drawPeoplePane(true);
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
        if (auto t = ui::tabBar(currentTab(), tabH, m_conflictCount > 0 ? 1u << 3 : 0u)) switchTab(*t);
    }
    ImGui::EndDisabled();
    drawToast();
    ImGui::End();
    if (showTabs) drawSyncNotice();
    if (lockNow) {
        if (m_folderSync.active()) {
            m_lockWhenSynced = "Locked.";
            m_folderSync.cancel(); // the lock comes first: stop at the next safe point
        } else
            lock("Locked.");
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
    dl->AddRectFilled(a, b, toU32(currentTheme() == ThemeKind::Dark ? p.surfaceAlt : p.text),
                      (b.y - a.y) * 0.5f);
    dl->AddText(f, fs, ImVec2(a.x + pad.x, a.y + pad.y),
                toU32(currentTheme() == ThemeKind::Dark ? p.text : p.surface), m_toast.c_str());
}

void App::drawPeoplePane(bool pane) {
    PeopleView v;
    v.people = &m_people;
    v.today = today();
    v.selectedId = m_selectedYp;
    v.pane = pane;
    if (m_draftOffer) {
        std::string name = "a young person";
        for (const auto& p : m_people)
            if (p.id == m_draftOffer->youngPersonId) name = p.shownName();
        v.draftOffer = std::string(core::enumDisplay(m_draftOffer->kind)) + " for " + name +
                       (m_draftOffer->dateText.empty() ? "" : ", " + m_draftOffer->dateText);
    }
    apply(drawPeople(m_peopleState, v));
}

bool App::drawChooser(const char* titleText, const char* subtitle) {
    ui::topBar(titleText, false, subtitle);
    ui::beginCard();
    bool chosen = false;
    int n = 0;
    for (const auto& p : m_people) {
        if (n++) ui::divider();
        ui::Row row;
        row.title = p.shownName();
        row.avatarName = p.shownName();
        row.subtitle = p.placementArea;
        std::string id = "choose." + p.id;
        if (ui::listRow(id.c_str(), row)) {
            selectYoungPerson(p.id);
            chosen = true;
        }
    }
    if (m_people.empty()) ui::muted("No young people yet. Add one from the Young people tab.");
    ui::endCard();
    return chosen;
}

void App::drawScreen(Screen s, bool wide) {
    if (!m_loadError.empty() && isDataScreen(s)) {
        ui::banner(m_loadError, ui::Tone::Danger);
        if (ui::linkButton("Dismiss")) m_loadError.clear();
    }
    const core::Date t = today();
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
    case Screen::People:
        if (wide) {
            if (m_home) {
                HomeView v{&*m_home,      t,
                           false,         m_insight ? &m_gapCards : nullptr,
                           currentPlan(), m_insightInput.has_value()};
                apply(drawHome(m_homeState, v));
            } else {
                ui::spacer(80);
                brandMark(72);
                ui::muted("Choose a young person on the left to see their network, placement and records.");
            }
        } else {
            drawPeoplePane(false);
        }
        break;
    case Screen::Home:
        if (m_home) {
            HomeView v{&*m_home,      t,
                       !wide,         m_insight ? &m_gapCards : nullptr,
                       currentPlan(), m_insightInput.has_value()};
            apply(drawHome(m_homeState, v));
        } else {
            resetTo(Screen::People);
        }
        break;
    case Screen::Record:
        if (m_selectedYp.empty()) {
            if (drawChooser("Record a contact", "Who is this record for?")) startRecord(m_selectedYp);
            break;
        }
        m_recordView.today = t;
        m_recordView.now = core::TimeOfDay::now();
        apply(drawRecord(m_record, m_recordView));
        break;
    case Screen::ContactDetail:
        if (m_contact) {
            ContactDetailView v;
            v.contact = &*m_contact;
            v.actions = &m_contactActions;
            v.origin = m_contactOrigin;
            if (m_home) {
                for (const auto& m : m_home->network)
                    v.memberNames[m.member.meta.id] = m.member.name;
                v.youngPersonName = m_home->person.shownName();
            }
            apply(drawContactDetail(m_contactState, v));
        } else {
            back();
        }
        break;
    case Screen::Network:
        if (m_selectedYp.empty() || !m_home) {
            drawChooser("Network", "Whose network?");
            break;
        }
        {
            NetworkView v{&m_home->network, t, m_home->person.shownName()};
            v.map = &m_map;
            v.timeline = m_insight ? &m_timeline : nullptr;
            v.insights = m_insight ? &m_insight->members : nullptr;
            v.selectedContacts = &m_selectedContacts;
            v.origins = &m_memberOrigins;
            if (m_insight)
                v.periodText =
                    "From " + m_insight->period.from.display() + " to " + m_insight->period.to.display();
            apply(drawNetwork(m_networkState, v));
        }
        break;
    case Screen::MemberEditor:
        apply(drawMemberEditor(m_member, t));
        break;
    case Screen::SafetyPlan: {
        SafetyPlanView sv{m_insightInput ? &m_insightInput->members : nullptr,
                          m_home ? m_home->person.shownName() : std::string(), t};
        apply(drawSafetyPlan(m_safetyPlan, sv));
        break;
    }
    case Screen::Presentation: {
        PresentationView pv{m_presentation ? &*m_presentation : nullptr, &m_map};
        apply(drawPresentation(m_presentState, pv));
        break;
    }
    case Screen::PlacementEditor:
        apply(drawPlacementEditor(m_placement, t));
        break;
    case Screen::MissingEpisode:
        apply(drawMissingEpisode(m_missing, t));
        break;
    case Screen::PersonEditor:
        apply(drawPersonEditor(m_person, t));
        break;
    case Screen::Settings: {
        SettingsView v;
        v.autoLockMinutes = m_autoLockMinutes;
        v.theme = m_theme;
        v.scalePercent = m_scalePercent;
        v.vaultPath = m_options.vaultDir.string();
        v.ownerName = m_vault ? m_vault->owner().name : "";
        v.minPassphraseLength = core::Vault::minPassphraseLength;
        if (m_vault) {
            const core::Owner& o = m_vault->owner();
            v.savedOwnerName = o.name;
            v.savedOwnerRole = o.role;
            v.savedOwnerOrganisation = o.organisation;
            if (!m_settings.ownerLoaded) {
                m_settings.ownerLoaded = true;
                m_settings.ownerName = o.name;
                m_settings.ownerRole = o.role;
                m_settings.ownerOrganisation = o.organisation;
            }
        }
        v.contacts = m_syncContacts.size();
        v.conflicts = m_conflictCount;
        apply(drawSettings(m_settings, v));
        break;
    }
    case Screen::Sync: {
        SyncView v;
        v.identity = m_identity ? &*m_identity : nullptr;
        v.qr = &m_ownQr;
        v.contacts = &m_syncContacts;
        v.attachments = &m_attachments;
        v.people = &m_people;
        v.conflicts = m_conflictCount;
        v.foldersError = m_foldersError;
        apply(drawSync(m_sync, v));
        break;
    }
    case Screen::SyncContact:
        if (m_syncContact) {
            SyncContactView v;
            v.contact = &*m_syncContact;
            v.qr = &m_contactQr;
            v.people = &m_people;
            apply(drawSyncContact(m_syncContactState, v));
        } else {
            back();
        }
        break;
    case Screen::Conflicts: {
        ConflictsView v;
        v.conflicts = &m_conflicts;
        v.ownDevice = m_vault ? m_vault->deviceId() : std::string();
        apply(drawConflicts(m_conflictsState, v));
        break;
    }
    case Screen::FileChooser: {
        FileChooserView v;
        v.places = m_options.chooserPlaces;
        apply(drawFileChooser(m_chooser, v));
        break;
    }
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
}

void App::lock(const std::string& notice) {
    if (!m_vault && !m_created) return;
    // Never under a running sync: it stops at its next safe point first (its report is not wanted any more).
    m_folderSync.cancel();
    m_folderSync.wait();
    (void)m_folderSync.take();
    m_lockWhenSynced.reset();
    if (m_vault && !m_forceNewPassphrase) saveDraftNow();
    if (m_vault) m_vault->lock();
    m_vault.reset();
    m_created.reset();
    m_forceNewPassphrase = false;
    m_pending = nullptr;
    // Nothing read from the vault stays in memory once it is locked.
    m_unlock.wipe();
    m_create.wipe();
    m_recovery.wipe();
    m_settings.wipe();
    m_record.form.wipe();
    m_record = RecordState{};
    m_member = MemberEditorState{};
    m_placement.wipe();
    m_missing = MissingEpisodeState{};
    m_person = PersonEditorState{};
    m_peopleState = PeopleState{};
    m_homeState = HomeState{};
    m_networkState = NetworkState{};
    m_presentation.reset(); // the summary holds the young person's words
    m_presentState = {};
    m_safetyPlan.wipe();
    m_insightInput.reset(); // so does the relational picture
    m_insight.reset();
    m_map = {};
    m_timeline = {};
    m_selectedContacts.clear();
    m_gapCards.clear();
    m_people.clear();
    m_home.reset();
    m_recordView = RecordView{};
    m_contact.reset();
    m_contactActions.clear();
    m_contactId.clear();
    m_selectedYp.clear();
    m_draftOffer.reset();
    m_draftDirty = false;
    m_loadError.clear();
    m_toast.clear();
    wipeSync();
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
    m_vault = std::move(vault);
    m_forceNewPassphrase = false;
    m_unlock.wipe();
    m_unlock.error.clear();
    m_unlock.notice.clear();
    wipeImGuiTextState();
    invalidate();
    m_selectedYp.clear();
    auto minutes = store().setting(kAutoLockSetting, "5");
    if (minutes) {
        try {
            m_autoLockMinutes = std::clamp(std::stoi(*minutes), 1, 240);
        } catch (...) {
            m_autoLockMinutes = 5;
        }
    }
    auto draft = store().loadDraft(kRecordDraftKey);
    if (draft && draft->has_value()) {
        RecordForm f = RecordForm::fromFields(decodeFields(**draft));
        if (!f.youngPersonId.empty()) m_draftOffer = std::move(f);
    }
    resetTo(Screen::People);
    wipeSync();
    // Folder sync on unlock runs after the first frame of the unlocked app, and never blocks it: whatever
    // happens is shown as a calm notice.
    if (auto f = core::sync::folderSettings(*m_vault);
        f && f->syncOnUnlock && (!f->outbox.empty() || !f->inbox.empty()))
        schedule([this] { runFolderSync(true); }); // after the first frame has loaded what it shows
}

// ---------------------------------------------------------------- drafts

void App::saveDraftNow() {
    if (!m_vault || m_record.form.youngPersonId.empty() || m_record.form.isEmpty()) return;
    auto st = store().saveDraft(kRecordDraftKey, encodeFields(m_record.form.toFields()));
    if (st) {
        m_draftDirty = false;
        m_lastDraftSave = m_now;
        m_record.draftSaved = true;
    }
}

void App::maybeSaveDraft() {
    if (m_draftDirty && m_now - m_lastDraftSave >= m_options.draftIntervalSeconds) saveDraftNow();
}

// ---------------------------------------------------------------- scripting

std::string App::openScreen(Screen s, const std::string& youngPersonId) {
    if (s == Screen::Create) {
        if (m_vault) return "the vault is already unlocked";
        if (core::Vault::exists(m_options.vaultDir))
            return "a vault already exists in " + m_options.vaultDir.string();
        resetTo(Screen::Create);
        return {};
    }
    if (s == Screen::Unlock || s == Screen::Recovery) {
        if (m_vault) lock();
        if (!core::Vault::exists(m_options.vaultDir)) return "no vault in " + m_options.vaultDir.string();
        resetTo(s);
        return {};
    }
    if (!isUnlocked())
        return "screen '" + std::string(screenName(s)) + "' needs an unlocked vault (--passphrase-file)";
    refresh();
    if (s == Screen::People || s == Screen::Settings) {
        resetTo(s);
        return {};
    }
    if (s == Screen::Sync || s == Screen::Conflicts || s == Screen::FileChooser || s == Screen::SyncContact) {
        resetTo(Screen::Settings);
        if (s == Screen::Conflicts) {
            openConflicts();
            return {};
        }
        openSync();
        if (s == Screen::FileChooser) apply(SyncIntent{SyncIntent::Kind::ImportCard, {}, 0});
        if (s == Screen::SyncContact) {
            if (m_syncContacts.empty()) return "the vault has no contacts yet (throughline-cli card import)";
            openSyncContact(m_syncContacts.front().identity.fingerprintHex());
        }
        return {};
    }
    std::string yp = youngPersonId;
    if (yp.empty()) {
        if (!m_selectedYp.empty())
            yp = m_selectedYp;
        else if (!m_people.empty())
            yp = m_people.front().id;
        else
            return "the vault has no young people yet";
    } else if (!store().youngPerson(yp)) {
        return "no young person with id " + yp;
    }
    selectYoungPerson(yp);
    refresh();
    if (!m_home) return "could not load the young person";
    resetTo(Screen::People);
    go(Screen::Home);
    switch (s) {
    case Screen::Home:
        break;
    case Screen::Record:
        startRecord(yp);
        break;
    case Screen::ContactDetail:
        if (m_home->recentContacts.empty()) return "this young person has no records yet";
        openContact(m_home->recentContacts.front().meta.id);
        break;
    case Screen::Network:
        resetTo(Screen::Network);
        break;
    case Screen::MemberEditor:
        if (m_home->network.empty())
            newMember(false);
        else
            openMember(m_home->network.front().member.meta.id);
        break;
    case Screen::PlacementEditor:
        openPlacement(!m_home->currentPlacement);
        break;
    case Screen::MissingEpisode:
        openMissing(m_home->missingEpisodes.empty() ? std::string()
                                                    : m_home->missingEpisodes.front().meta.id);
        break;
    case Screen::PersonEditor:
        m_person.load(m_home->person);
        go(Screen::PersonEditor);
        break;
    case Screen::SafetyPlan:
        openSafetyPlan();
        break;
    case Screen::Presentation:
        startPresentation();
        if (!m_presentation) return "could not prepare the summary";
        break;
    default:
        break;
    }
    return {};
}

} // namespace throughline::app
