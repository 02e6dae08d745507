#include "app/clipboard.hpp"

#include "app/astral_text.hpp"
#include "app/text_history.hpp"

#include <imgui.h>

namespace throughline::app::ui {

namespace {

const char* (*g_get)(void*) = nullptr;
void (*g_set)(void*, const char*) = nullptr;
void* g_user = nullptr;
std::string g_pasted; // ImGui reads the text we return before the next call
int g_scopes = 0;     // StandInClipboard scopes alive

const char* getWithStandIns(void*) {
    const char* text = g_get ? g_get(g_user) : nullptr;
    if (!text || g_scopes == 0) return text;
    std::string editable;
    if (!needsStandIns(text) || !toEditable(text, editable)) return text;
    text::wipeString(g_pasted);
    g_pasted = std::move(editable);
    return g_pasted.c_str();
}

void setWithoutStandIns(void*, const char* text) {
    if (!g_set || !text) return;
    if (g_scopes == 0) {
        g_set(g_user, text);
        return;
    }
    std::string written = fromEditable(text);
    g_set(g_user, written.c_str());
    text::wipeString(written);
}

} // namespace

void routeClipboardThroughStandIns() {
    ImGuiIO& io = ImGui::GetIO();
    if (io.GetClipboardTextFn == getWithStandIns) return;
    g_get = io.GetClipboardTextFn;
    g_set = io.SetClipboardTextFn;
    g_user = io.ClipboardUserData;
    io.GetClipboardTextFn = getWithStandIns;
    io.SetClipboardTextFn = setWithoutStandIns;
}

StandInClipboard::StandInClipboard() {
    ++g_scopes;
}
StandInClipboard::~StandInClipboard() {
    --g_scopes;
}

std::string pastedText() {
    const char* text = ImGui::GetClipboardText(); // outside any scope: the clipboard as it is
    return text ? std::string(text) : std::string();
}

void wipePastedCopy() {
    text::wipeString(g_pasted);
}

} // namespace throughline::app::ui
