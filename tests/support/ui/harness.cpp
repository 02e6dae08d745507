#include "throughline/testing/harness.hpp"
#include "throughline/testing/headless_frame.hpp"

#include <chrono>
#include <thread>
#include <utility>

#include "app/text_editor.hpp"
#include "app/widgets.hpp"

#include <imgui_internal.h>

#include <doctest/doctest.h>

#include <filesystem>

namespace throughline::testing {

ImGuiContextOwner::ImGuiContextOwner() : context(ImGui::CreateContext()) {
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.KeyMap[ImGuiKey_Tab] = kKeyTab;
    io.KeyMap[ImGuiKey_Enter] = kKeyEnter;
    io.KeyMap[ImGuiKey_KeyPadEnter] = 335;
    io.KeyMap[ImGuiKey_Escape] = kKeyEscape;
    io.KeyMap[ImGuiKey_Backspace] = kKeyBackspace;
    io.KeyMap[ImGuiKey_LeftArrow] = kKeyLeft;
    io.KeyMap[ImGuiKey_RightArrow] = kKeyRight;
    io.KeyMap[ImGuiKey_UpArrow] = kKeyUp;
    io.KeyMap[ImGuiKey_DownArrow] = kKeyDown;
    io.KeyMap[ImGuiKey_Space] = kKeySpace;
    io.KeyMap[ImGuiKey_Delete] = kKeyDelete;
    io.KeyMap[ImGuiKey_Home] = kKeyHome;
    io.KeyMap[ImGuiKey_End] = kKeyEnd;
    io.KeyMap[ImGuiKey_PageUp] = kKeyPageUp;
    io.KeyMap[ImGuiKey_PageDown] = kKeyPageDown;
    io.KeyMap[ImGuiKey_A] = 'A';
    io.KeyMap[ImGuiKey_C] = 'C';
    io.KeyMap[ImGuiKey_V] = 'V';
    io.KeyMap[ImGuiKey_X] = 'X';
    io.KeyMap[ImGuiKey_Y] = 'Y';
    io.KeyMap[ImGuiKey_Z] = 'Z';
}

ImGuiContextOwner::~ImGuiContextOwner() {
    ImGui::DestroyContext(context);
}

app::AppOptions testOptions(const std::filesystem::path& vaultDir) {
    app::AppOptions o;
    o.vaultDir = vaultDir;
    o.kdf = core::KdfParams::minimumForTests();
    const std::string fontDir = THROUGHLINE_TEST_FONT_DIR;
    if (!fontDir.empty()) {
        o.fonts.regular = fontDir + "/DejaVuSans.ttf";
        o.fonts.bold = fontDir + "/DejaVuSans-Bold.ttf";
        if (!std::filesystem::exists(o.fonts.bold)) o.fonts.bold.clear();
    }
    const std::string notoDir = THROUGHLINE_TEST_NOTO_DIR;
    if (!notoDir.empty())
        for (const auto& name : app::fallbackFontNames())
            if (std::filesystem::exists(notoDir + "/" + name))
                o.fonts.fallbacks.push_back(notoDir + "/" + name);
    // The colour emoji font by path: the suite's fontconfig (tests/fonts) lists DejaVu Sans only.
    if (!notoDir.empty() && std::filesystem::exists(notoDir + "/" + app::kEmojiFontFile))
        o.fonts.emoji = notoDir + "/" + app::kEmojiFontFile;
    return o;
}

Harness::Harness(app::AppOptions options, ImVec2 size) {
    app::ui::clearTags();
    ImGui::GetIO().DisplaySize = size;
    m_app = std::make_unique<app::App>(std::move(options));
    frame(2);
}

Harness::~Harness() {
    m_app.reset();
    app::ui::clearTags();
    app::ui::wipeTextEditors(); // the next test's ImGui context may reuse the same ids
}

void Harness::frame(int n) {
    for (int i = 0; i < n; ++i)
        drawHeadlessFrame(*m_app, m_now, idleSeconds, std::exchange(systemLock, app::SystemLock::None));
}

void Harness::settle() {
    // Key derivation is done within a frame or two; a folder sync runs on a thread of its own: keep drawing
    // frames until it has finished (no assertion on how long that takes; the bound only stops a hang).
    for (int i = 0; i < 60000 && m_app->busy(); ++i) {
        frame();
        if (m_app->syncing()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    frame(2);
}

bool Harness::visible(const std::string& tag) const {
    const auto& tags = app::ui::taggedRects();
    auto it = tags.find(tag);
    return it != tags.end() && it->second.frame == ImGui::GetFrameCount();
}

bool Harness::click(const std::string& tag) {
    const auto& tags = app::ui::taggedRects();
    auto it = tags.find(tag);
    if (it == tags.end() || it->second.frame != ImGui::GetFrameCount()) {
        FAIL_CHECK("no visible item tagged '" << tag << "' on screen " << app::screenName(m_app->screen()));
        return false;
    }
    ImVec2 c((it->second.min.x + it->second.max.x) * 0.5f, (it->second.min.y + it->second.max.y) * 0.5f);
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = c;
    frame();
    io.MouseDown[0] = true;
    frame();
    io.MouseDown[0] = false;
    frame();
    frame(); // the screen the click led to draws (and tags) its items
    return true;
}

bool Harness::typeInto(const std::string& tag, const std::string& text) {
    if (!click(tag)) return false;
    type(text);
    return true;
}

void Harness::type(const std::string& text) {
    ImGui::GetIO().AddInputCharactersUTF8(text.c_str());
    frame(2);
}

void Harness::pressKey(int key, bool ctrl, bool shift) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyCtrl = ctrl;
    io.KeyShift = shift;
    io.KeysDown[key] = true;
    frame();
    io.KeysDown[key] = false;
    io.KeyCtrl = false;
    io.KeyShift = false;
    frame();
}

std::string Harness::focusedTag() const {
    const ImGuiID nav = GImGui->NavId;
    if (nav == 0) return {};
    for (const auto& [name, rect] : app::ui::taggedRects())
        if (rect.id == nav && rect.frame == ImGui::GetFrameCount()) return name;
    return {};
}

void Harness::mouseTo(ImVec2 pos) {
    ImGui::GetIO().MousePos = pos;
    frame();
}

void Harness::drag(ImVec2 from, ImVec2 to) {
    ImGuiIO& io = ImGui::GetIO();
    mouseTo(from);
    io.MouseDown[0] = true;
    frame();
    for (int i = 1; i <= 4; ++i)
        mouseTo(ImVec2(from.x + (to.x - from.x) * i / 4.f, from.y + (to.y - from.y) * i / 4.f));
    io.MouseDown[0] = false;
    frame(2);
}

} // namespace throughline::testing
