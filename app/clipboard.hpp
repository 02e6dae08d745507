#pragma once
// The clipboard as Dear ImGui 1.86's own text fields see it. Its 16-bit characters would turn a pasted 🙏
// into U+FFFD; so text pasted into a field arrives with its emoji (and letters of unshaped scripts) as the
// stand-ins the field is edited with (astral_text.hpp), and text copied out of a field leaves with the
// stand-ins put back. The multi-line editor reads the clipboard through pastedText().
#include <string>

namespace throughline::app::ui {

/// Puts the stand-in mapping between ImGui and the host's clipboard functions (idempotent). Call once the
/// platform has set io.GetClipboardTextFn / SetClipboardTextFn.
void routeClipboardThroughStandIns();

/// The clipboard's text as written (stand-ins put back), or empty.
std::string pastedText();

} // namespace throughline::app::ui
