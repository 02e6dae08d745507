#include "app/focus.hpp"

#include "app/theme.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <vector>

namespace throughline::app::ui {

namespace {

struct Stop {
    ImGuiID id = 0;
    ImGuiWindow* root = nullptr;
};

std::vector<Stop> g_last, g_current; // the previous frame's order, and this frame's as it is drawn
ImGuiID g_target = 0;                // where Tab sends the focus, applied when that item is drawn
ImGuiID g_anchor = 0; // the control Tab moves on from: the last one tabbed to, clicked or typed in
int g_targetFrame = -1;

bool tabPressed() {
    const ImGuiIO& io = ImGui::GetIO();
    const int key = io.KeyMap[ImGuiKey_Tab];
    return key >= 0 && !io.KeyCtrl && !io.KeyAlt && ImGui::IsKeyPressed(key, true);
}

} // namespace

void beginFocusFrame() {
    g_last.swap(g_current);
    g_current.clear();
    if (g_target != 0 && ImGui::GetFrameCount() - g_targetFrame > 2) g_target = 0; // its item went away
    if (!tabPressed()) return;
    ImGuiContext& g = *GImGui;
    // ImGui's own tabbing (text fields only) gives way to the reading order.
    if (g.NavMoveSubmitted && (g.NavMoveFlags & ImGuiNavMoveFlags_Tabbing)) ImGui::NavMoveRequestCancel();
    if (g_last.empty()) return;
    // Within an open dialog, only its controls; otherwise the window the focus is in.
    ImGuiWindow* root = g.NavWindow ? g.NavWindow->RootWindow : g_last.front().root;
    if (ImGuiWindow* modal = ImGui::GetTopMostPopupModal()) root = modal->RootWindow;
    const auto stopsIn = [](ImGuiWindow* w) {
        std::vector<ImGuiID> ids;
        for (const Stop& s : g_last)
            if (s.root == w) ids.push_back(s.id);
        return ids;
    };
    std::vector<ImGuiID> order = stopsIn(root);
    if (order.empty()) order = stopsIn(g_last.front().root);
    const bool back = ImGui::GetIO().KeyShift;
    // Tab continues from the control last reached by Tab or by the mouse, not from the one ImGui picks by
    // itself when a screen appears (the first Tab on a new screen goes to its first control).
    const auto at = std::find(order.begin(), order.end(), g_anchor);
    std::size_t next = 0;
    if (at == order.end())
        next = back ? order.size() - 1 : 0;
    else {
        const std::size_t i = static_cast<std::size_t>(at - order.begin());
        next = back ? (i + order.size() - 1) % order.size() : (i + 1) % order.size();
    }
    g_target = order[next];
    g_targetFrame = ImGui::GetFrameCount();
    if (g.ActiveId != 0 && g.ActiveId != g_target) ImGui::ClearActiveID(); // leave the field being edited
}

void focusStop(float rounding, bool drawRing) {
    ImGuiContext& g = *GImGui;
    const ImGuiID id = g.LastItemData.ID;
    if (id == 0) return;
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    if (g.LastItemData.InFlags & ImGuiItemFlags_Disabled) return;
    g_current.push_back({id, window->RootWindow});
    const ImRect rect = g.LastItemData.Rect;
    if (g.ActiveId == id) g_anchor = id; // being pressed or edited: Tab moves on from here
    if (id == g_target) {
        g_target = 0;
        g_anchor = id;
        ImGui::FocusWindow(window);
        ImGui::SetFocusID(id, window);
        g.NavDisableHighlight = false;
        g.NavDisableMouseHover = true;
        g.NavMousePosDirty = true;
        ImGui::ScrollToBringRectIntoView(window, rect);
    }
    if (!drawRing || g.NavId != id || g.NavDisableHighlight || g.NavWindow != window) return;
    const float gap = dp(3), width = dp(2.5f);
    ImDrawList* dl = window->DrawList;
    dl->PushClipRect(window->OuterRectClipped.Min, window->OuterRectClipped.Max, false);
    dl->AddRect(ImVec2(rect.Min.x - gap, rect.Min.y - gap), ImVec2(rect.Max.x + gap, rect.Max.y + gap),
                toU32(palette().focusRing), rounding + gap, 0, width);
    dl->PopClipRect();
}

bool tabbedTo(ImGuiID id) {
    return id != 0 && id == g_target;
}

void tabStartsEditing(const char* label) {
    if (tabbedTo(ImGui::GetID(label))) ImGui::SetKeyboardFocusHere();
}

bool focusRingVisible() {
    return !GImGui->NavDisableHighlight && GImGui->NavId != 0;
}

} // namespace throughline::app::ui
