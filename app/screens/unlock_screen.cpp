#include "app/screens/unlock_screen.hpp"

#include <algorithm>

#include "app/screens/common.hpp"

#include "throughline/base/secure_bytes.hpp"

namespace throughline::app {

void UnlockState::wipe() {
    passphrase.wipe();
    busy = false;
    focusPending = true;
}

UnlockIntent drawUnlock(UnlockState& s, const UnlockView& v) {
    UnlockIntent intent;
    ui::spacer(40);
    brandMark(96);
    ui::spacer(4);
    {
        ImGui::PushFont(fonts().title);
        ui::centredText("Throughline");
        ImGui::PopFont();
        ImGui::PushStyleColor(ImGuiCol_Text, palette().textMuted);
        ui::centredText("Keeping every relationship in mind");
        ImGui::PopStyleColor();
    }
    ui::spacer(18);
    if (!s.notice.empty()) {
        ui::banner(s.notice, ui::Tone::Info);
        ui::spacer(2);
    }
    if (v.demo) {
        ui::banner(std::string("Demo vault with invented people. Passphrase: ") + v.demoPassphrase,
                   ui::Tone::Voice);
        ui::spacer(2);
    }
    ui::beginCard();
    if (s.focusPending && !s.busy) {
        ImGui::SetKeyboardFocusHere();
        s.focusPending = false;
    }
    bool enter = ui::secretField("Passphrase", "unlock.passphrase", s.passphrase, "Your passphrase",
                                 ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
    if (!s.error.empty()) {
        ui::fieldError(s.error);
        ui::tag("unlock.error");
    }
    ui::spacer(4);
    ImGui::BeginDisabled(s.busy || s.passphrase.empty());
    if (ui::primaryButton(s.busy ? "Unlocking\xE2\x80\xA6" : "Unlock") || (enter && !s.passphrase.empty()))
        intent.kind = UnlockIntent::Kind::Unlock;
    ui::tag("unlock.submit");
    ImGui::EndDisabled();
    ui::endCard();
    if (v.draftWaiting) {
        ui::spacer(2);
        ui::faint("An unfinished record is kept safely in the vault and will be offered after you unlock.");
    }
    ui::spacer(8);
    {
        const char* label = "Forgotten it? Use the recovery key";
        ImGui::PushFont(fonts().bold);
        float w = ImGui::CalcTextSize(label).x + dp(12); // as linkButton measures it
        ImGui::PopFont();
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() +
                             std::max(0.f, (ImGui::GetContentRegionAvail().x - w) * 0.5f));
        if (ui::linkButton(label)) intent.kind = UnlockIntent::Kind::UseRecoveryKey;
        ui::tag("unlock.recovery");
    }
    return intent;
}

} // namespace throughline::app
