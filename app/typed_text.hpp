#pragma once
// Characters beyond U+FFFF typed on the keyboard (an emoji from the desktop's picker). Debian's Dear ImGui
// 1.86 keeps typed characters in 16 bits and queues each of them as U+FFFD; the host notes the real code
// point here as it hands the character to ImGui; the multi-line editor takes it back in place of the
// U+FFFD, and a single-line field's character filter swaps the U+FFFD for the character's stand-in.
#include <optional>

namespace throughline::app::ui {

/// Called by the host for each typed character above U+FFFF, before ImGui::NewFrame() of the frame that
/// will see it.
void noteTypedWideCharacter(char32_t c);

/// The next character noted for the current frame, in typing order (none: a real U+FFFD was typed, or it
/// was noted for an earlier frame and not taken).
std::optional<char32_t> takeTypedWideCharacter();

} // namespace throughline::app::ui
