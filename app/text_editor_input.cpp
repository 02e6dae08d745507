#include "app/text_editor_state.hpp"
#include "app/clipboard.hpp"
#include "app/glyphs.hpp"
#include "app/picture_glyphs.hpp"
#include "app/script_marker.hpp"
#include "app/typed_text.hpp"

#include <imgui_internal.h>

#include <cmath>
#include <string>

namespace throughline::app::ui::detail {

std::uint64_t hashText(std::string_view s) {
    std::uint64_t h = 1469598103934665603ull; // FNV-1a
    for (unsigned char c : s)
        h = (h ^ c) * 1099511628211ull;
    return h;
}

// Glyph advances as the editor draws them: a letter of a script the screen cannot shape as its placeholder,
// and (pictureWidth) an emoji cluster as one picture (astral_text.hpp, picture_glyphs.hpp). A code point
// above U+FFFF outside a picture cluster is drawn by ImGui 1.86 as its fallback glyph: measured the same way.
text::TextLayout::Advance advanceFor(const ImFont* font, float size) {
    const float scale = size / font->FontSize;
    const float placeholder = placeholderCell(font->FontSize).advance * scale;
    return [font, scale, placeholder](char32_t c) {
        if (c > IM_UNICODE_CODEPOINT_MAX) c = IM_UNICODE_CODEPOINT_INVALID;
        if (ui::unshapedScript(c)) return placeholder;
        return font->GetCharAdvance(static_cast<ImWchar>(c)) * scale;
    };
}

float pictureWidthFor(const ImFont* font, float size) {
    return pictureCell(font->FontSize).advance * size / font->FontSize;
}

void layOut(EditorState& s, const std::string& value) {
    s.layout.build(value, s.layoutWidth, advanceFor(s.font, s.fontSize), pictureWidthFor(s.font, s.fontSize));
    s.atlasGeneration = glyphAtlasGeneration();
}

void afterEdit(EditorState& s, const std::string& value) {
    s.textHash = hashText(value);
    layOut(s, value);
    s.textSize = value.size();
    s.preferredX = -1;
    s.revealCaret = true;
}

namespace {

using text::Caret;
using text::EditKind;
using text::Selection;

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
        std::string clip = pastedText();
        if (!clip.empty()) {
            std::string pasted = text::sanitise(clip);
            e.replaceSelection(pasted, EditKind::Other);
            text::wipeString(pasted);
        }
        text::wipeString(clip);
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
        if (c == 0xFFFD)
            if (auto wide = ui::takeTypedWideCharacter()) c = *wide; // an emoji ImGui could not hold
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

} // namespace

bool handleEditorInput(EditorState& s, std::string& value, bool hovered, ImVec2 textOrigin, float lineHeight,
                       int pageLines) {
    Editing e(s, value);
    handleMouse(s, value, e, hovered, textOrigin, lineHeight);
    handleKeys(s, value, e, pageLines);
    handleTyping(e);
    return e.changed();
}

} // namespace throughline::app::ui::detail
