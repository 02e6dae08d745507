#pragma once
// The multi-line editor's state per field, shared by its drawing (text_editor.cpp) and its input handling
// (text_editor_input.cpp). Internal to the editor.
#include "app/text_history.hpp"
#include "app/text_layout.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

namespace throughline::app::ui::detail {

struct EditorState {
    text::Selection sel;
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
    std::uint64_t atlasGeneration = 0; // of the atlas the layout was measured with (glyphs.hpp)
    int lastFrame = 0;
};

inline bool hasSelection(const text::Selection& sel) {
    return sel.anchor != sel.caret.offset;
}
inline std::size_t selMin(const text::Selection& sel) {
    return std::min(sel.anchor, sel.caret.offset);
}
inline std::size_t selMax(const text::Selection& sel) {
    return std::max(sel.anchor, sel.caret.offset);
}

/// FNV-1a of the text: how the editor notices a change made from outside.
std::uint64_t hashText(std::string_view s);
/// Glyph advances as ImGui 1.86 draws them with `font` at `size`.
text::TextLayout::Advance advanceFor(const ImFont* font, float size);
/// Lays `value` out with the state's width and font, as the editor draws it.
void layOut(EditorState& s, const std::string& value);
/// Lays the text out again after the editor changed it (so that it is not taken for an outside change).
void afterEdit(EditorState& s, const std::string& value);
/// Mouse, keys and typed characters of the active editor; returns true when the text changed.
bool handleEditorInput(EditorState& s, std::string& value, bool hovered, ImVec2 textOrigin, float lineHeight,
                       int pageLines);

} // namespace throughline::app::ui::detail
