#include "app/text_editor.hpp"

#include "app/astral_text.hpp"
#include "app/focus.hpp"
#include "app/glyphs.hpp"

#include "app/text_editor_state.hpp"
#include "app/theme.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <unordered_map>

namespace throughline::app::ui {

namespace {

using namespace detail;
using text::Caret;
using text::Selection;

std::unordered_map<ImGuiID, EditorState> g_states;
std::map<std::string, TextEditorProbe, std::less<>> g_probes;
int g_lastSweepFrame = 0;
constexpr int kForgetAfterFrames = 600; // an editor not drawn for ~10 s forgets its history

void forget(std::unordered_map<ImGuiID, EditorState>::iterator it) {
    it->second.history.wipe();
    g_states.erase(it);
}

void sweepUnused() {
    const int frame = ImGui::GetFrameCount();
    if (frame == g_lastSweepFrame) return;
    g_lastSweepFrame = frame;
    for (auto it = g_states.begin(); it != g_states.end();) {
        auto next = std::next(it);
        if (frame - it->second.lastFrame > kForgetAfterFrames) forget(it);
        it = next;
    }
}

void relayoutIfNeeded(EditorState& s, const std::string& value, float wrapWidth, const ImFont* font,
                      float size) {
    const std::uint64_t h = hashText(value);
    if (h == s.textHash && value.size() == s.textSize && wrapWidth == s.layoutWidth && font == s.font &&
        size == s.fontSize && s.atlasGeneration == glyphAtlasGeneration())
        return;
    if (s.textSize != SIZE_MAX && (h != s.textHash || value.size() != s.textSize)) {
        // Changed from outside (a draft resumed, a form reset): the history and the caret no longer apply.
        s.history.wipe();
        s.sel = Selection{value.size(), Caret{value.size()}};
    }
    s.textHash = h;
    s.textSize = value.size();
    s.layoutWidth = wrapWidth;
    s.font = font;
    s.fontSize = size;
    layOut(s, value);
}

void activate(ImGuiID id, ImGuiWindow* window, EditorState& s, const std::string& value, bool byMouse) {
    ImGuiContext& g = *GImGui;
    ImGui::SetActiveID(id, window);
    ImGui::SetFocusID(id, window);
    ImGui::FocusWindow(window);
    // While editing, the arrow, Home/End and Page keys move the caret, not ImGui's keyboard navigation.
    g.ActiveIdUsingNavDirMask |=
        (1 << ImGuiDir_Left) | (1 << ImGuiDir_Right) | (1 << ImGuiDir_Up) | (1 << ImGuiDir_Down);
    g.ActiveIdUsingNavInputMask |= (1 << ImGuiNavInput_Cancel);
    g.ActiveIdUsingKeyInputMask |=
        (static_cast<ImU64>(1) << ImGuiKey_Home) | (static_cast<ImU64>(1) << ImGuiKey_End) |
        (static_cast<ImU64>(1) << ImGuiKey_PageUp) | (static_cast<ImU64>(1) << ImGuiKey_PageDown);
    if (!byMouse) { // arriving by Tab (or from code): the caret goes after the text
        s.sel = Selection{value.size(), Caret{value.size()}};
        s.revealCaret = true;
    }
    s.history.breakRun();
    s.blinkStart = ImGui::GetTime();
}

void keepCaretVisible(EditorState& s, float lineHeight, float innerHeight) {
    if (!s.revealCaret) return;
    s.revealCaret = false;
    const float top = static_cast<float>(s.layout.lineOf(s.sel.caret)) * lineHeight;
    if (top < s.scrollY) s.scrollY = top;
    if (top + lineHeight > s.scrollY + innerHeight) s.scrollY = top + lineHeight - innerHeight;
}

void drawSelection(ImDrawList* dl, const EditorState& s, const std::string& value, ImVec2 origin,
                   float lineHeight, std::size_t first, std::size_t last, ImU32 colour) {
    if (!hasSelection(s.sel)) return;
    const std::size_t a = selMin(s.sel), b = selMax(s.sel);
    const auto& lines = s.layout.lines();
    const float newlineWidth = s.fontSize * 0.35f;
    for (std::size_t i = first; i < last; ++i) {
        const text::VisualLine& l = lines[i];
        const bool newlineSelected = !l.soft && i + 1 < lines.size() && a <= l.end && b > l.end;
        if (b <= l.begin && !newlineSelected) continue;
        if (a > l.end || (a == l.end && !newlineSelected)) continue;
        const float x0 = s.layout.measure(value, l.begin, std::max(a, l.begin));
        float x1 = s.layout.measure(value, l.begin, std::min(b, l.end));
        if (newlineSelected) x1 += newlineWidth; // a selected line break shows as a little extra
        if (x1 <= x0) continue;
        const float y = origin.y + static_cast<float>(i) * lineHeight;
        dl->AddRectFilled(ImVec2(origin.x + x0, y), ImVec2(origin.x + x1, y + lineHeight), colour);
    }
}

} // namespace

bool textEditor(const char* strId, std::string& value, const TextEditorOptions& o) {
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    if (window->SkipItems) return false;
    sweepUnused();
    ImGuiContext& g = *GImGui;
    ImGuiIO& io = g.IO;
    const ImGuiStyle& st = g.Style;
    const Palette& p = palette();
    const ImGuiID id = window->GetID(strId);
    EditorState& s = g_states[id];
    s.lastFrame = ImGui::GetFrameCount();

    ImFont* font = ImGui::GetFont();
    const float fontSize = ImGui::GetFontSize();
    const float lineHeight = fontSize;
    const float width = std::max(ImGui::GetContentRegionAvail().x, dp(40));
    const ImVec2 pad = st.FramePadding;
    const float wrapWidth = std::max(width - pad.x * 2, fontSize);
    relayoutIfNeeded(s, value, wrapWidth, font, fontSize);

    // Height: grows with the text from minLines up to maxLines, then scrolls.
    const auto lineCount = static_cast<float>(s.layout.lines().size());
    const float shownLines = std::clamp(lineCount, o.minLines, std::max(o.minLines, o.maxLines));
    const float innerHeight = shownLines * lineHeight;
    const ImVec2 pos = window->DC.CursorPos;
    const ImRect bb(pos, ImVec2(pos.x + width, pos.y + innerHeight + pad.y * 2));
    ImGui::ItemSize(bb);
    if (!ImGui::ItemAdd(bb, id, &bb, ImGuiItemFlags_Inputable)) return false;
    const bool hovered = ImGui::ItemHoverable(bb, id);
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_TextInput);

    // Tab in reading order (app/focus.cpp) reaches the field like any control, and starts editing.
    const bool byTab =
        tabbedTo(id) || (g.LastItemData.StatusFlags & ImGuiItemStatusFlags_FocusedByTabbing) != 0;
    focusStop(st.FrameRounding);
    const bool byNav =
        g.ActiveId != id && (g.NavActivateInputId == id ||
                             (g.NavActivateId == id && g.NavInputSource == ImGuiInputSource_Keyboard));
    const bool clicked = hovered && io.MouseClicked[0];
    if (g.ActiveId != id && (clicked || byTab || byNav)) activate(id, window, s, value, clicked);
    if (g.ActiveId == id && io.MouseClicked[0] && !hovered) ImGui::ClearActiveID(); // a click elsewhere
    if (g.ActiveId == id && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false))
        ImGui::ClearActiveID();
    const bool active = g.ActiveId == id;

    const float maxScroll = std::max(0.f, lineCount * lineHeight - innerHeight);
    const ImVec2 origin(bb.Min.x + pad.x, bb.Min.y + pad.y);
    bool changed = false;
    if (active) {
        g.WantTextInputNextFrame = 1;
        g.ActiveIdAllowOverlap = !io.MouseDown[0]; // a click on another field may take over
        changed = handleEditorInput(s, value, hovered, origin, lineHeight,
                                    std::max(1, static_cast<int>(shownLines) - 1));
        if (changed || s.revealCaret) s.blinkStart = ImGui::GetTime();
    } else {
        s.mouseSelecting = false;
        s.history.breakRun();
    }
    // The wheel scrolls the field (not the screen) while there is more of it to see.
    if (hovered && maxScroll > 0) {
        ImGui::SetItemUsingMouseWheel();
        if (io.MouseWheel != 0) s.scrollY -= io.MouseWheel * lineHeight * 3;
    }
    const float newMaxScroll =
        std::max(0.f, static_cast<float>(s.layout.lines().size()) * lineHeight - innerHeight);
    const bool reveal = s.revealCaret;
    keepCaretVisible(s, lineHeight, innerHeight);
    s.scrollY = std::clamp(s.scrollY, 0.f, newMaxScroll);

    // Drawing: the frame, the focus ring, then the visible lines (selection, text, caret) clipped to it.
    ImDrawList* dl = window->DrawList;
    const ImVec4 bg = hovered && !active ? mix(p.surfaceAlt, p.accent, kHoverTint) : p.surfaceAlt;
    dl->AddRectFilled(bb.Min, bb.Max, toU32(bg), st.FrameRounding);
    if (active) dl->AddRect(bb.Min, bb.Max, toU32(p.accent), st.FrameRounding, 0, std::max(1.f, dp(2)));

    const ImVec2 scrolled(origin.x, origin.y - s.scrollY);
    ImGui::PushClipRect(ImVec2(bb.Min.x + 1, origin.y), ImVec2(bb.Max.x - 1, bb.Max.y - pad.y), true);
    const auto& lines = s.layout.lines();
    // Only the lines inside both the field and the window are drawn.
    const float clipTop = std::max(origin.y, window->ClipRect.Min.y);
    const float clipBottom = std::min(bb.Max.y - pad.y, window->ClipRect.Max.y);
    const auto first =
        static_cast<std::size_t>(std::max(0.f, std::floor((clipTop - scrolled.y) / lineHeight)));
    const auto last =
        std::min(lines.size(),
                 static_cast<std::size_t>(std::max(0.f, std::ceil((clipBottom - scrolled.y) / lineHeight))));
    if (value.empty() && o.hint && *o.hint) {
        dl->AddText(font, fontSize, origin, toU32(p.textFaint), o.hint, nullptr, wrapWidth);
    } else {
        if (active) drawSelection(dl, s, value, scrolled, lineHeight, first, last, toU32(p.accent, 0.28f));
        const ImU32 textColour = toU32(p.text);
        std::string shown;
        for (std::size_t i = first; i < last; ++i) {
            const text::VisualLine& l = lines[i];
            if (l.end <= l.begin) continue;
            // Emoji and letters of unshaped scripts are drawn through their stand-ins (astral_text.hpp).
            const std::string_view line(value.data() + l.begin, l.end - l.begin);
            std::string_view drawn = line;
            if (needsStandIns(line) && toEditable(line, shown)) drawn = shown;
            dl->AddText(font, fontSize, ImVec2(scrolled.x, scrolled.y + static_cast<float>(i) * lineHeight),
                        textColour, drawn.data(), drawn.data() + drawn.size());
        }
    }
    if (active) {
        const std::size_t line = s.layout.lineOf(s.sel.caret);
        const float cx = scrolled.x + std::min(s.layout.xOf(value, s.sel.caret), wrapWidth + pad.x * 0.5f);
        const float cy = scrolled.y + static_cast<float>(line) * lineHeight;
        const bool on = !io.ConfigInputTextCursorBlink ||
                        std::fmod(static_cast<float>(ImGui::GetTime() - s.blinkStart), 1.2f) <= 0.8f;
        if (on)
            dl->AddRectFilled(ImVec2(cx, cy), ImVec2(cx + std::max(1.f, dp(1.5f)), cy + lineHeight),
                              toU32(p.text));
        // The field grows as it is typed into: keep the caret on screen too, not only inside the field.
        const ImRect caretRect(cx, cy - pad.y, cx + 1, cy + lineHeight + pad.y);
        if (reveal &&
            (caretRect.Min.y < window->InnerRect.Min.y || caretRect.Max.y > window->InnerRect.Max.y))
            ImGui::ScrollToRect(window, caretRect, ImGuiScrollFlags_KeepVisibleEdgeY);
    }
    ImGui::PopClipRect();
    if (newMaxScroll > 0) { // a thin scroll indicator in the right padding
        const float trackTop = origin.y, trackH = innerHeight;
        const float thumbH = std::max(dp(16), trackH * innerHeight / (innerHeight + newMaxScroll));
        const float thumbY = trackTop + (trackH - thumbH) * (s.scrollY / newMaxScroll);
        const float x1 = bb.Max.x - dp(3), x0 = x1 - dp(4);
        dl->AddRectFilled(ImVec2(x0, thumbY), ImVec2(x1, thumbY + thumbH), toU32(p.textMuted, 0.6f), dp(2));
    }

    TextEditorProbe& probe = g_probes[strId];
    probe.caret = s.sel.caret.offset;
    probe.caretUpstream = s.sel.caret.upstream;
    probe.anchor = s.sel.anchor;
    probe.lineCount = lines.size();
    probe.caretLine = s.layout.lineOf(s.sel.caret);
    probe.wrapWidth = wrapWidth;
    probe.scrollY = s.scrollY;
    probe.maxScrollY = newMaxScroll;
    probe.widestLine = 0;
    for (const text::VisualLine& l : lines)
        probe.widestLine = std::max(probe.widestLine, l.ink);
    probe.min = bb.Min;
    probe.max = bb.Max;
    probe.textOrigin = origin;
    probe.lineHeight = lineHeight;
    probe.active = g.ActiveId == id;
    probe.undoSteps = s.history.undoSteps();
    probe.frame = ImGui::GetFrameCount();
    return changed;
}

void wipeTextEditors() {
    while (!g_states.empty())
        forget(g_states.begin());
    g_probes.clear();
}

void forEachTextEditorBuffer(const std::function<void(const char*, const void*, std::size_t)>& visit) {
    for (const auto& [id, s] : g_states)
        s.history.forEachBuffer(visit);
}

std::optional<TextEditorProbe> textEditorProbe(std::string_view id) {
    auto it = g_probes.find(id);
    if (it == g_probes.end()) return std::nullopt;
    return it->second;
}

} // namespace throughline::app::ui
