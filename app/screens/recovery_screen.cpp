#include "app/screens/recovery_screen.hpp"

#include "app/forms.hpp"
#include "app/screens/common.hpp"

#include "throughline/base/secure_bytes.hpp"
#include "throughline/base/text.hpp"

namespace throughline::app {

void RecoveryState::wipe() {
    recoveryKey.wipe();
    passphrase.wipe();
    confirm.wipe();
    busy = false;
    step = Step::Key;
}

namespace {

// The recovery key's own alphabet only (Crockford base32, as typed or pasted), upper-cased; dashes and spaces
// pass as separators. Anything else — "è", "û", punctuation — is not typed at all, rather than upper-cased
// into a key that cannot be right.
int recoveryKeyChar(ImGuiInputTextCallbackData* data) {
    const ImWchar c = data->EventChar;
    if (c == '-' || c == ' ') return 0;
    if (c >= 0x80 || core::crockfordValue(static_cast<char>(c)) < 0) return 1;
    if (c >= 'a' && c <= 'z') data->EventChar = static_cast<ImWchar>(c - 'a' + 'A');
    return 0;
}

} // namespace

RecoveryIntent drawRecovery(RecoveryState& s, std::size_t minLen) {
    RecoveryIntent intent;
    if (s.step == RecoveryState::Step::Key) {
        // Back to the unlock screen by the arrow, or by Esc when the key field is not being edited (as Esc
        // goes back everywhere else).
        if (ui::topBar("Recovery key", true)) intent.kind = RecoveryIntent::Kind::Cancel;
        if (ui::escapePressed() && !ImGui::IsAnyItemActive()) intent.kind = RecoveryIntent::Kind::Cancel;
        ui::muted(
            "Type the recovery key you stored when the vault was made: only its letters and digits can be "
            "typed, and dashes and spaces do not matter.");
        ui::spacer(6);
        ui::beginCard();
        bool enter =
            ui::secretField("Recovery key", "recovery.key", s.recoveryKey, "XXXX-XXXX-XXXX-\xE2\x80\xA6",
                            ImGuiInputTextFlags_EnterReturnsTrue, recoveryKeyChar);
        ui::fieldError(s.error);
        ui::spacer(4);
        ImGui::BeginDisabled(s.busy || s.recoveryKey.empty());
        if (ui::primaryButton(s.busy ? "Checking\xE2\x80\xA6" : "Unlock with recovery key") ||
            (enter && !s.recoveryKey.empty()))
            intent.kind = RecoveryIntent::Kind::Unlock;
        ui::tag("recovery.submit");
        ImGui::EndDisabled();
        ui::endCard();
        return intent;
    }
    ui::topBar("Choose a new passphrase", false);
    ui::banner("The vault is open with the recovery key. Set a new passphrase now: it replaces the old one.",
               ui::Tone::Warning);
    ui::spacer(4);
    ui::beginCard();
    bool enter = ui::secretField("New passphrase", "recovery.passphrase", s.passphrase, "",
                                 ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
    PassphraseHint hint = assessPassphrase(s.passphrase, minLen);
    if (hint.score > 0) ui::faint(hint.label + " \xC2\xB7 " + hint.advice);
    enter |= ui::secretField("Type it again", "recovery.confirm", s.confirm, "",
                             ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
    if (!s.confirm.empty() && !(s.confirm == s.passphrase))
        ui::fieldError("The two passphrases do not match yet.");
    ui::fieldError(s.error);
    ui::spacer(4);
    const bool ready = s.passphrase.size() >= minLen && s.passphrase == s.confirm && !s.busy;
    ImGui::BeginDisabled(!ready);
    if (ui::primaryButton("Save new passphrase") || (enter && ready))
        intent.kind = RecoveryIntent::Kind::SetPassphrase;
    ui::tag("recovery.save");
    ImGui::EndDisabled();
    ui::endCard();
    return intent;
}

} // namespace throughline::app
