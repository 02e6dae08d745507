#include "app/text_editor.hpp"

#include "app/text_history.hpp"
#include "app/text_layout.hpp"
#include "app/theme.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <unordered_map>

namespace throughline::app::ui {

namespace {

using text::Caret;
using text::EditKind;
using text::Selection;

struct EditorState {
    Selection sel;
    float preferredX = -1; // kept across Up/Down runs
    float scrollY = 0;
    bool mouseSelecting = false;
    bool revealCaret = false;
    double blinkStart = 0;
    text::TextHistory history;
    // The layout is rebuilt only when the text, the width or the font changes.
    text::TextLayout layout;
    std::uint64_t textHash = 0;
    std::size_t textSize = SIZE_MAX;
    float layoutWidth = -1, fontSize = 0;
    const ImFont* font = nullptr;
    int lastFrame = 0;
};

std::unordered_map<ImGuiID, EditorState> g_states;
std::map<std::string, TextEditorProbe, std::less<>> g_probes;
int g_lastSweepFrame = 0;
constexpr int kForgetAfterFrames = 600; // an editor not drawn for ~10 s forgets its history

std::uint64_t hashText(std::string_view s) {
    std::uint64_t h = 1469598103934665603ull; // FNV-1a
    for (unsigned char c : s)
        h = (h ^ c) * 1099511628211ull;
    return h;
}

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

// ImGui 1.86 (16-bit ImWchar) draws a code point above U+FFFF as its fallback glyph: measure it the same way.
text::TextLayout::Advance advanceFor(const ImFont* font, float size) {
    const float scale = size / font->FontSize;
    return [font, scale](char32_t c) {
        if (c > IM_UNICODE_CODEPOINT_MAX) c = IM_UNICODE_CODEPOINT_INVALID;
        return font->GetCharAdvance(static_cast<ImWchar>(c)) * scale;
    };
}

void relayoutIfNeeded(EditorState& s, const std::string& value, float wrapWidth, const ImFont* font,
                      float size) {
    const std::uint64_t h = hashText(value);
    if (h == s.textHash && value.size() == s.textSize && wrapWidth == s.layoutWidth && font == s.font &&
        size == s.fontSize)
        return;
    if (s.textSize != SIZE_MAX && (h != s.textHash || value.size() != s.textSize)) {
        // Changed from outside (a draft resumed, a form reset): the history no longer applies to it.
        s.history.wipe();
        s.sel.anchor = std::min(s.sel.anchor, value.size());
        s.sel.caret = Caret{std::min(s.sel.caret.offset, value.size()), false};
    }
    s.layout.build(value, wrapWidth, advanceFor(font, size));
    s.textHash = h;
    s.textSize = value.size();
    s.layoutWidth = wrapWidth;
    s.font = font;
    s.fontSize = size;
}

// Records that the editor itself changed the text, so that the next frame does not take it for an outside
// change.
void afterEdit(EditorState& s, const std::string& value) {
    s.textHash = hashText(value);
    s.layout.build(value, s.layoutWidth, advanceFor(s.font, s.fontSize));
    s.textSize = value.size();
    s.preferredX = -1;
    s.revealCaret = true;
}

bool hasSelection(const Selection& sel) {
    return sel.anchor != sel.caret.offset;
}
std::size_t selMin(const Selection& sel) {
    return std::min(sel.anchor, sel.caret.offset);
}
std::size_t selMax(const Selection& sel) {
    return std::max(sel.anchor, sel.caret.offset);
}

bool keyPressed(ImGuiKey key) {
    return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key), true);
}

class Editing {
  public:
    Editing(EditorState& s, std::string& value) : m_s(s), m_value(value) {}

    bool changed() const { return m_changed; }

    void replaceSelection(std::string_view insert, EditKind kind) {
        m_s.sel = m_s.history.replace(m_value, selMin(m_s.sel), selMax(m_s.sel), insert, m_s.sel, kind);
        edited();
    }
    void deleteRange(std::size_t from, std::size_t to) {
        if (from == to) return;
        Selection before = m_s.sel;
        m_s.sel = m_s.history.replace(m_value, from, to, "", before, EditKind::Deleting);
        edited();
    }
    void moveTo(Caret c, bool extend) {
        m_s.sel.caret = c;
        if (!extend) m_s.sel.anchor = c.offset;
        m_s.history.breakRun();
        m_s.revealCaret = true;
    }
    void undo() {
        if (m_s.history.undo(m_value, m_s.sel)) edited();
    }
    void redo() {
        if (m_s.history.redo(m_value, m_s.sel)) edited();
    }

  private:
    void edited() {
        afterEdit(m_s, m_value);
        m_changed = true;
    }
    EditorState& m_s;
    std::string& m_value;
    bool m_changed = false;
};

void handleKeys(EditorState& s, std::string& value, Editing& e, int pageLines) {
    ImGuiIO& io = ImGui::GetIO();
    const bool ctrl = io.KeyCtrl && !io.KeyAlt, shift = io.KeyShift;
    const text::TextLayout& layout = s.layout;
    auto x = [&] {
        if (s.preferredX < 0) s.preferredX = layout.xOf(value, s.sel.caret);
        return s.preferredX;
    };
    auto verticalMove = [&](Caret c) {
        const float keep = x();
        e.moveTo(c, shift);
        s.preferredX = keep;
    };
    const bool collapse = hasSelection(s.sel) && !shift;
    if (keyPressed(ImGuiKey_LeftArrow)) {
        if (collapse && !ctrl)
            e.moveTo(Caret{selMin(s.sel)}, false);
        else
            e.moveTo(Caret{ctrl ? text::prevWord(value, s.sel.caret.offset)
                                : text::prevCluster(value, s.sel.caret.offset)},
                     shift);
    } else if (keyPressed(ImGuiKey_RightArrow)) {
        if (collapse && !ctrl)
            e.moveTo(Caret{selMax(s.sel)}, false);
        else
            e.moveTo(Caret{ctrl ? text::nextWord(value, s.sel.caret.offset)
                                : text::nextCluster(value, s.sel.caret.offset)},
                     shift);
    } else if (keyPressed(ImGuiKey_UpArrow)) {
        verticalMove(layout.up(value, s.sel.caret, x()));
    } else if (keyPressed(ImGuiKey_DownArrow)) {
        verticalMove(layout.down(value, s.sel.caret, x()));
    } else if (keyPressed(ImGuiKey_PageUp) || keyPressed(ImGuiKey_PageDown)) {
        const bool up = keyPressed(ImGuiKey_PageUp);
        Caret c = s.sel.caret;
        for (int i = 0; i < pageLines; ++i)
            c = up ? layout.up(value, c, x()) : layout.down(value, c, x());
        verticalMove(c);
    } else if (keyPressed(ImGuiKey_Home)) {
        e.moveTo(ctrl ? Caret{0} : layout.home(s.sel.caret), shift);
    } else if (keyPressed(ImGuiKey_End)) {
        e.moveTo(ctrl ? Caret{value.size()} : layout.end(s.sel.caret), shift);
    } else if (keyPressed(ImGuiKey_Backspace)) {
        if (hasSelection(s.sel))
            e.replaceSelection("", EditKind::Other);
        else
            e.deleteRange(ctrl ? text::prevWord(value, s.sel.caret.offset)
                               : text::prevCluster(value, s.sel.caret.offset),
                          s.sel.caret.offset);
    } else if (keyPressed(ImGuiKey_Delete)) {
        if (hasSelection(s.sel))
            e.replaceSelection("", EditKind::Other);
        else
            e.deleteRange(s.sel.caret.offset, ctrl ? text::nextWord(value, s.sel.caret.offset)
                                                   : text::nextCluster(value, s.sel.caret.offset));
    } else if (keyPressed(ImGuiKey_Enter) || keyPressed(ImGuiKey_KeyPadEnter)) {
        e.replaceSelection("\n", EditKind::Typing);
    } else if (ctrl && keyPressed(ImGuiKey_A)) {
        s.sel.anchor = 0;
        s.sel.caret = Caret{value.size()};
        s.history.breakRun();
    } else if (ctrl && (keyPressed(ImGuiKey_C) || keyPressed(ImGuiKey_X))) {
        if (hasSelection(s.sel)) {
            std::string copied = value.substr(selMin(s.sel), selMax(s.sel) - selMin(s.sel));
            ImGui::SetClipboardText(copied.c_str());
            text::wipeString(copied);
            if (keyPressed(ImGuiKey_X)) e.replaceSelection("", EditKind::Other);
        }
    } else if (ctrl && keyPressed(ImGuiKey_V)) {
        if (const char* clip = ImGui::GetClipboardText()) {
            std::string pasted = text::sanitise(clip);
            e.replaceSelection(pasted, EditKind::Other);
            text::wipeString(pasted);
        }
    } else if (ctrl && ((keyPressed(ImGuiKey_Z) && shift) || keyPressed(ImGuiKey_Y))) {
        e.redo();
    } else if (ctrl && keyPressed(ImGuiKey_Z)) {
        e.undo();
    }
}

void handleTyping(Editing& e) {
    ImGuiIO& io = ImGui::GetIO();
    if (io.InputQueueCharacters.Size == 0) return;
    const bool ignore = io.KeyCtrl && !io.KeyAlt; // shortcuts, not text (AltGr = Ctrl+Alt still types)
    std::string typed;
    for (ImWchar w : io.InputQueueCharacters) {
        char32_t c = w;
        if (c == '\r') c = '\n';
        if (c == '\t' || (c < 0x20 && c != '\n') || c == 0x7F) continue; // Tab leaves the field
        text::appendUtf8(typed, c);
    }
    io.InputQueueCharacters.resize(0);
    if (!ignore && !typed.empty()) e.replaceSelection(typed, EditKind::Typing);
    text::wipeString(typed);
}

Caret caretAtMouse(const EditorState& s, const std::string& value, ImVec2 origin, float lineHeight) {
    const ImVec2 m = ImGui::GetIO().MousePos;
    const float row = std::floor((m.y - origin.y + s.scrollY) / lineHeight);
    const auto lines = static_cast<float>(s.layout.lines().size());
    if (row < 0) return Caret{0};
    if (row >= lines) return Caret{value.size()};
    return s.layout.caretAt(value, static_cast<std::size_t>(row), m.x - origin.x);
}

void handleMouse(EditorState& s, const std::string& value, Editing& e, bool hovered, ImVec2 origin,
                 float lineHeight) {
    ImGuiIO& io = ImGui::GetIO();
    if (hovered && io.MouseClicked[0]) {
        const Caret c = caretAtMouse(s, value, origin, lineHeight);
        if (io.MouseDoubleClicked[0]) {
            const auto [b, en] = text::wordAround(value, c.offset);
            s.sel.anchor = b;
            e.moveTo(Caret{en}, true);
        } else {
            e.moveTo(c, io.KeyShift);
            s.mouseSelecting = true;
        }
        s.blinkStart = ImGui::GetTime();
    } else if (s.mouseSelecting && io.MouseDown[0]) {
        const Caret c = caretAtMouse(s, value, origin, lineHeight);
        if (!(c == s.sel.caret)) e.moveTo(c, true);
    }
    if (!io.MouseDown[0]) s.mouseSelecting = false;
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

    const bool byTab = (g.LastItemData.StatusFlags & ImGuiItemStatusFlags_FocusedByTabbing) != 0;
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
    Editing e(s, value);
    if (active) {
        g.WantTextInputNextFrame = 1;
        g.ActiveIdAllowOverlap = !io.MouseDown[0]; // a click on another field may take over
        handleMouse(s, value, e, hovered, ImVec2(origin.x, origin.y), lineHeight);
        handleKeys(s, value, e, std::max(1, static_cast<int>(shownLines) - 1));
        handleTyping(e);
        if (e.changed() || s.revealCaret) s.blinkStart = ImGui::GetTime();
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
    const ImVec4 bg = hovered && !active ? mix(p.surfaceAlt, p.accent, 0.08f) : p.surfaceAlt;
    dl->AddRectFilled(bb.Min, bb.Max, toU32(bg), st.FrameRounding);
    if (active)
        dl->AddRect(bb.Min, bb.Max, toU32(p.accent), st.FrameRounding, 0, std::max(1.f, dp(2)));
    else
        ImGui::RenderNavHighlight(bb, id);

    const ImVec2 scrolled(origin.x, origin.y - s.scrollY);
    ImGui::PushClipRect(ImVec2(bb.Min.x + 1, origin.y), ImVec2(bb.Max.x - 1, bb.Max.y - pad.y), true);
    const auto& lines = s.layout.lines();
    const float clipTop = std::max(origin.y, window->ClipRect.Min.y), clipBottom = window->ClipRect.Max.y;
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
        for (std::size_t i = first; i < last; ++i) {
            const text::VisualLine& l = lines[i];
            if (l.end > l.begin)
                dl->AddText(font, fontSize,
                            ImVec2(scrolled.x, scrolled.y + static_cast<float>(i) * lineHeight), textColour,
                            value.data() + l.begin, value.data() + l.end);
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
    return e.changed();
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
