#include "app/screens/create_vault_screen.hpp"

#include "app/forms.hpp"
#include "app/screens/common.hpp"

#include "throughline/base/secure_bytes.hpp"

namespace throughline::app {

void CreateVaultState::wipe() {
    passphrase.wipe();
    confirm.wipe();
    core::wipeString(recoveryKey);
    stored = false;
    busy = false;
    error.clear();
    step = Step::Passphrase;
}

CreateVaultIntent drawCreateVault(CreateVaultState& s, std::size_t minLen) {
    CreateVaultIntent intent;
    ui::spacer(24);
    brandMark(88);
    if (s.step == CreateVaultState::Step::Passphrase) {
        ui::title("Set up Throughline");
        ui::muted("Your records stay on this laptop, encrypted with a passphrase only you know.");
        ui::spacer(8);
        ui::beginCard();
        ui::textField("Your name (shown as the author of records)", "create.owner", s.ownerName,
                      "e.g. Sam Okafor");
        ui::spacer(2);
        bool enter = ui::secretField("Passphrase", "create.passphrase", s.passphrase, "At least a few words",
                                     ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
        PassphraseHint hint = assessPassphrase(s.passphrase, minLen);
        if (hint.score > 0) {
            // A four-segment strength meter.
            ImVec2 o = ImGui::GetCursorScreenPos();
            const float w = ImGui::GetContentRegionAvail().x, gap = dp(6), seg = (w - gap * 3) / 4, h = dp(6);
            ImVec4 col = hint.score <= 1   ? palette().danger
                         : hint.score == 2 ? palette().warning
                                           : palette().success;
            for (int i = 0; i < 4; ++i)
                ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(o.x + i * (seg + gap), o.y),
                                                          ImVec2(o.x + i * (seg + gap) + seg, o.y + h),
                                                          toU32(i < hint.score ? col : palette().border), h);
            ImGui::Dummy(ImVec2(w, h));
            ui::coloured(hint.label, col);
        }
        ui::faint(hint.advice);
        ui::spacer(2);
        enter |= ui::secretField("Type it again", "create.confirm", s.confirm, "",
                                 ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
        if (!s.confirm.empty() && !(s.confirm == s.passphrase))
            ui::fieldError("The two passphrases do not match yet.");
        ui::fieldError(s.error);
        ui::spacer(4);
        const bool ready = s.passphrase.size() >= minLen && s.confirm == s.passphrase && !s.busy;
        ImGui::BeginDisabled(!ready);
        if (ui::primaryButton(s.busy ? "Creating your vault\xE2\x80\xA6" : "Create vault") ||
            (enter && ready))
            intent.kind = CreateVaultIntent::Kind::Create;
        ui::tag("create.submit");
        ImGui::EndDisabled();
        ui::endCard();
        ui::spacer(4);
        ui::faint("There is no way to read the records without the passphrase or the recovery key.");
        if (!s.vaultPath.empty()) {
            ui::faint("Your vault will be kept in\n" + s.vaultPath);
            ui::tag("create.vault-path");
        }
        return intent;
    }

    ui::title("Your recovery key");
    ui::muted("If you forget your passphrase, this key is the only way back in, and anyone who has it can "
              "open your vault. It is shown once, now.");
    ui::spacer(6);
    ImVec4 bg = palette().accentSoft, stripe = palette().accent;
    ui::beginCard(&bg, &stripe);
    ImGui::PushFont(fonts().title);
    ui::text(s.recoveryKey);
    ImGui::PopFont();
    ui::tag("create.recovery-key");
    ui::endCard();
    ui::spacer(4);
    ui::beginCard();
    ui::text("Write it on paper and keep it somewhere safe and separate from this laptop, or give it to "
             "the person your organisation names for this.");
    ui::spacer(4);
    ui::toggle("create.stored", "I have stored it safely", s.stored);
    ui::endCard();
    ui::spacer(4);
    // How to start: records kept elsewhere until now, a colleague to share with, or nothing yet.
    ImGui::BeginDisabled(!s.stored);
    ui::beginCard();
    ui::heading("How would you like to start?");
    ui::muted("Records kept in another system can be brought in from a records file (JSON). A "
              "colleague\xE2\x80\x99s contact card lets you send each other encrypted handover files.");
    ui::spacer(4);
    if (ui::secondaryButton("Import a records file\xE2\x80\xA6"))
        intent.kind = CreateVaultIntent::Kind::ImportRecords;
    ui::tag("create.import-records");
    if (ui::secondaryButton("Import a colleague\xE2\x80\x99s contact card\xE2\x80\xA6"))
        intent.kind = CreateVaultIntent::Kind::ImportCard;
    ui::tag("create.import-card");
    ui::spacer(2);
    if (ui::primaryButton("Open my empty vault")) intent.kind = CreateVaultIntent::Kind::Finish;
    ui::tag("create.finish");
    ui::endCard();
    ImGui::EndDisabled();
    return intent;
}

} // namespace throughline::app
