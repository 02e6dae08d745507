#pragma once
// Keyboard focus in reading order, with a visible ring. Dear ImGui 1.86 tabs only between text fields and
// draws its own highlight only around its own buttons; here every control the widgets draw is registered,
// in the order it is drawn (top to bottom, left to right, the tab bar last), and Tab / Shift+Tab move the
// keyboard focus to the next or previous control of the frame before. Enter or Space then activates it,
// a text field starts editing, Esc goes back (handled by the app).
#include <imgui.h>

namespace throughline::app::ui {

/// Call once at the start of each frame, after ImGui::NewFrame(): takes the Tab key from ImGui and moves
/// the focus along the order the previous frame recorded.
void beginFocusFrame();

/// Registers the last item drawn as a focus stop and draws the focus ring (palette().focusRing, 3:1 or
/// more on every surface) around it while it has the keyboard focus. `rounding` is the item's corner
/// radius; `drawRing` false leaves the drawing to the caller (e.g. a map dot draws a round ring).
void focusStop(float rounding, bool drawRing = true);

/// True when Tab has just moved the focus to the item with this id (a text field starts editing).
bool tabbedTo(ImGuiID id);

/// Call just before a text input with this label: when Tab has moved the focus to it, it starts editing.
void tabStartsEditing(const char* label);

/// Whether the focus ring is showing (the keyboard was used last, not the mouse).
bool focusRingVisible();

} // namespace throughline::app::ui
