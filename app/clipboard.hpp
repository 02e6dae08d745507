#pragma once
// The clipboard as Dear ImGui 1.86's own text fields see it. Its 16-bit characters would turn a pasted 🙏
// into U+FFFD; so text pasted into a field arrives with its emoji (and letters of unshaped scripts) as the
// stand-ins the field is edited with (astral_text.hpp), and text copied out of a field leaves with the
// stand-ins put back. The multi-line editor reads the clipboard through pastedText().
#include <string>

namespace throughline::app::ui {

/// Puts the stand-in mapping between ImGui and the host's clipboard functions (idempotent). Call once the
/// platform has set io.GetClipboardTextFn / SetClipboardTextFn. The mapping applies only inside a
/// StandInClipboard scope (a text field edited through stand-ins): every other field — a passphrase, a
/// folder path — gets the clipboard exactly as it is.
void routeClipboardThroughStandIns();

/// While alive, ImGui's clipboard reads give stand-ins and its writes put the real characters back.
class StandInClipboard {
  public:
    StandInClipboard();
    ~StandInClipboard();
    StandInClipboard(const StandInClipboard&) = delete;
    StandInClipboard& operator=(const StandInClipboard&) = delete;
};

/// The clipboard's text, or empty (for the multi-line editor, which keeps real characters).
std::string pastedText();

/// Zeroes the copy of pasted text kept for ImGui (on lock).
void wipePastedCopy();

} // namespace throughline::app::ui
