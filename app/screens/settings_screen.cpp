#include "app/screens/settings_screen.hpp"

#include "app/forms.hpp"
#include "app/screens/common.hpp"

#include "throughline/base/secure_bytes.hpp"

namespace throughline::app {

void SettingsState::wipe() {
    currentPassphrase.wipe();
    newPassphrase.wipe();
    confirm.wipe();
    message.clear();
    error.clear();
    ownerName.clear();
    ownerRole.clear();
    ownerOrganisation.clear();
    ownerLoaded = false;
    ownerMessage.clear();
    ownerError.clear();
}

SettingsIntent drawSettings(SettingsState& s, const SettingsView& v) {
    SettingsIntent intent;
    ui::topBar("Settings", false);

    ui::beginCard();
    {
        ui::Row row;
        row.title = "Sharing and sync";
        row.subtitle = v.contacts == 0   ? "Your contact card, colleagues, handover files"
                       : v.contacts == 1 ? "1 contact"
                                         : std::to_string(v.contacts) + " contacts";
        if (v.conflicts > 0)
            row.badges.push_back(
                {v.conflicts == 1 ? std::string("1 to settle") : std::to_string(v.conflicts) + " to settle",
                 ui::Tone::Warning});
        if (ui::listRow("settings.sync", row)) intent.kind = SettingsIntent::Kind::OpenSync;
        if (v.conflicts > 0) {
            ui::divider();
            ui::Row c;
            c.title = "Conflicts to settle";
            c.subtitle = "The same thing changed in two places";
            c.trailing = std::to_string(v.conflicts);
            c.trailingColour = palette().warning;
            if (ui::listRow("settings.conflicts", c)) intent.kind = SettingsIntent::Kind::OpenConflicts;
        }
    }
    ui::endCard();
    ui::spacer(4);

    ui::beginCard();
    ui::heading("You");
    ui::faint("Your name is on every record you write. Name, role and organisation go on your contact card, "
              "so colleagues who receive your records know who wrote them.");
    ui::textField("Name", "settings.owner.name", s.ownerName, "e.g. Sam Okafor");
    ui::textField("Role", "settings.owner.role", s.ownerRole, "e.g. Residential key worker");
    ui::textField("Organisation", "settings.owner.organisation", s.ownerOrganisation,
                  "e.g. Fernbrook Children's Services");
    ui::fieldError(s.ownerError);
    if (!s.ownerMessage.empty()) ui::coloured(s.ownerMessage, palette().success);
    const bool ownerChanged = s.ownerName != v.savedOwnerName || s.ownerRole != v.savedOwnerRole ||
                              s.ownerOrganisation != v.savedOwnerOrganisation;
    ImGui::BeginDisabled(!ownerChanged || s.ownerName.empty());
    if (ui::secondaryButton("Save your details")) intent.kind = SettingsIntent::Kind::SaveOwner;
    ui::tag("settings.owner.save");
    ImGui::EndDisabled();
    ui::endCard();
    ui::spacer(4);

    ui::beginCard();
    ui::heading("Lock when idle");
    ui::faint(v.screenLockHeard
                  ? "The vault locks itself after this long without use, and when the screen locks "
                    "or the computer goes to sleep. Whatever you were writing is kept as a draft."
                  : "The vault locks itself after this long without use. Whatever you were writing "
                    "is kept as a draft.");
    if (!v.screenLockHeard) {
        ui::banner(
            "This computer does not tell Throughline when the screen locks; the app still locks after " +
                std::to_string(v.autoLockMinutes) + (v.autoLockMinutes == 1 ? " minute" : " minutes") +
                " idle.",
            ui::Tone::Info);
        ui::tag("settings.no-lock-signals");
    }
    ui::beginFlow();
    for (int m : {1, 2, 5, 10, 15, 30}) {
        std::string id = "settings.autolock." + std::to_string(m);
        std::string label = std::to_string(m) + " min";
        if (ui::chip(id.c_str(), label.c_str(), v.autoLockMinutes == m)) {
            intent.kind = SettingsIntent::Kind::SetAutoLock;
            intent.value = m;
        }
        ui::tag(id);
    }
    ui::endFlow();
    ui::endCard();
    ui::spacer(4);

    ui::beginCard();
    ui::heading("Appearance");
    ui::fieldLabel("Theme");
    ui::beginFlow();
    if (ui::chip("settings.theme.light", "Light", v.theme == ThemeKind::Light)) {
        intent.kind = SettingsIntent::Kind::SetTheme;
        intent.value = 0;
    }
    ui::tag("settings.theme.light");
    if (ui::chip("settings.theme.dark", "Dark", v.theme == ThemeKind::Dark)) {
        intent.kind = SettingsIntent::Kind::SetTheme;
        intent.value = 1;
    }
    ui::tag("settings.theme.dark");
    if (ui::chip("settings.theme.high-contrast", "High contrast", v.theme == ThemeKind::HighContrast)) {
        intent.kind = SettingsIntent::Kind::SetTheme;
        intent.value = 2;
    }
    ui::tag("settings.theme.high-contrast");
    ui::endFlow();
    ui::fieldLabel("Text and button size");
    ui::beginFlow();
    for (int pct : {100, 125, 150, 175, 200}) {
        std::string id = "settings.scale." + std::to_string(pct);
        std::string label = std::to_string(pct) + " %";
        if (ui::chip(id.c_str(), label.c_str(), v.scalePercent == pct)) {
            intent.kind = SettingsIntent::Kind::SetScale;
            intent.value = pct;
        }
        ui::tag(id);
    }
    ui::endFlow();
    ui::endCard();
    ui::spacer(4);

    ui::beginCard();
    ui::heading("Change passphrase");
    ui::secretField("Current passphrase", "settings.current-passphrase", s.currentPassphrase, "",
                    ImGuiInputTextFlags_Password);
    ui::secretField("New passphrase", "settings.passphrase", s.newPassphrase, "",
                    ImGuiInputTextFlags_Password);
    PassphraseHint hint = assessPassphrase(s.newPassphrase, v.minPassphraseLength);
    if (hint.score > 0) ui::faint(hint.label + " \xC2\xB7 " + hint.advice);
    ui::secretField("Type it again", "settings.confirm", s.confirm, "", ImGuiInputTextFlags_Password);
    if (!s.confirm.empty() && !(s.confirm == s.newPassphrase))
        ui::fieldError("The two passphrases do not match yet.");
    ui::fieldError(s.error);
    if (!s.message.empty()) ui::coloured(s.message, palette().success);
    const bool ready = !s.currentPassphrase.empty() && s.newPassphrase.size() >= v.minPassphraseLength &&
                       s.confirm == s.newPassphrase;
    ImGui::BeginDisabled(!ready);
    if (ui::secondaryButton("Change passphrase")) intent.kind = SettingsIntent::Kind::ChangePassphrase;
    ui::tag("settings.change-passphrase");
    ImGui::EndDisabled();
    ui::endCard();
    ui::spacer(4);

    ui::beginCard();
    ui::heading("This vault");
    if (!v.ownerName.empty()) ui::muted("Records are signed as " + v.ownerName);
    ui::faint(v.vaultPath);
    ui::spacer(2);
    if (ui::primaryButton("Lock now")) intent.kind = SettingsIntent::Kind::Lock;
    ui::tag("settings.lock");
    ui::faint("Shortcut: Ctrl+L");
    ui::endCard();
    ui::spacer(12);
    return intent;
}

} // namespace throughline::app
