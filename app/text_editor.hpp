#pragma once
// A multi-line text editor on Dear ImGui's primitives that wraps words at the field's width while typing
// (ImGui 1.86's InputTextMultiline scrolls sideways). It edits the caller's string in place and stores
// exactly what was typed: soft line breaks exist only in its layout. It grows with its content up to a
// height, then scrolls vertically. Its state (caret, selection, scroll, undo) is kept per ImGui id.
#include <imgui.h>

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace throughline::app::ui {

struct TextEditorOptions {
    float minLines = 3;  // height when (nearly) empty
    float maxLines = 10; // grows up to this many lines, then scrolls
    const char* hint = "";
};

/// Draws the editor for `id` at the cursor, full width; returns true when the text changed this frame.
bool textEditor(const char* id, std::string& value, const TextEditorOptions& options = {});

/// Zeroes and forgets every copy of text the editors hold (undo and redo history): called on lock.
void wipeTextEditors();

/// For tests: every buffer of text the editors hold, with what it is.
void forEachTextEditorBuffer(
    const std::function<void(const char* what, const void* data, std::size_t size)>& visit);

/// For tests: what an editor drawn this frame looks like (no text), by the name it was drawn with.
struct TextEditorProbe {
    std::size_t caret = 0, anchor = 0; // byte offsets
    bool caretUpstream = false;
    std::size_t lineCount = 0, caretLine = 0;
    float wrapWidth = 0, scrollY = 0, maxScrollY = 0;
    float widestLine = 0; // the widest visual line without the spaces that hang at a wrap
    ImVec2 min, max;      // the field
    ImVec2 textOrigin;    // top-left of the first line (before scrolling)
    float lineHeight = 0;
    bool active = false;
    std::size_t undoSteps = 0;
    int frame = 0;
};
std::optional<TextEditorProbe> textEditorProbe(std::string_view id);

} // namespace throughline::app::ui
