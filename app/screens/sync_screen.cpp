#include "app/screens/sync_screen.hpp"

#include "app/forms.hpp"
#include "app/screens/common.hpp"
#include "app/screens/sync_common.hpp"

#include <imgui_stdlib.h>

namespace throughline::app {

std::string shortDate(std::int64_t utcMillis) {
    if (utcMillis <= 0) return {};
    const std::string s = displayInstant(utcMillis); // "Tue 3 Mar 2026, 21:40"
    const auto comma = s.find(',');
    return comma == std::string::npos ? s : s.substr(0, comma);
}

namespace {

void reportCard(const SyncState& s) {
    if (s.report.empty() && s.reportTitle.empty()) return;
    ui::beginCard();
    if (!s.reportTitle.empty()) ui::heading(s.reportTitle.c_str());
    ui::tag("sync.report");
    for (const auto& line : s.report) {
        ImVec4 dot = ui::toneColour(line.tone);
        ImVec2 p = ImGui::GetCursorScreenPos();
        const float lh = ImGui::GetTextLineHeight();
        ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(p.x + dp(5), p.y + lh * 0.5f), dp(4), toU32(dot));
        ImGui::Indent(dp(18));
        ui::text(line.text);
        ImGui::Unindent(dp(18));
    }
    ui::endCard();
    ui::spacer(4);
}

} // namespace

SyncIntent drawSync(SyncState& s, const SyncView& v) {
    SyncIntent intent;
    using K = SyncIntent::Kind;
    const Palette& p = palette();
    if (ui::topBar("Sharing and sync", true,
                   "Send records to colleagues as encrypted files, and receive theirs."))
        intent.kind = K::Back;

    if (!s.error.empty()) {
        ui::banner(s.error, ui::Tone::Danger);
        ui::tag("sync.error");
        ui::spacer(2);
    }
    if (!s.message.empty()) {
        ui::banner(s.message, ui::Tone::Success);
        ui::tag("sync.message");
        ui::spacer(2);
    }
    reportCard(s);

    if (v.conflicts > 0) {
        ImVec4 bg = p.warningSoft, stripe = p.warning;
        ui::beginCard(&bg, &stripe);
        ui::heading(v.conflicts == 1 ? "1 change to settle"
                                     : (std::to_string(v.conflicts) + " changes to settle").c_str());
        ui::muted("The same thing was changed here and in a colleague\xE2\x80\x99s vault. Both versions are "
                  "kept until you choose.");
        ui::spacer(2);
        if (ui::primaryButton("Settle conflicts")) intent.kind = K::OpenConflicts;
        ui::tag("sync.conflicts");
        ui::endCard();
        ui::spacer(4);
    }

    // --- You
    ui::beginCard();
    ui::fieldLabel("YOUR CONTACT CARD");
    if (v.identity) {
        const auto& id = *v.identity;
        ui::avatar(id.name, dp(44));
        if (ImGui::GetContentRegionAvail().x >= dp(320)) ImGui::SameLine(0, dp(12));
        ImGui::BeginGroup();
        ui::heading(id.name.c_str());
        std::string sub = id.role;
        if (!id.organisation.empty()) sub += (sub.empty() ? "" : " \xC2\xB7 ") + id.organisation;
        if (sub.empty()) sub = "Add your role and organisation so colleagues know who you are.";
        ui::muted(sub);
        ImGui::EndGroup();
        if (ui::linkButton("Edit your details")) intent.kind = K::EditOwner;
        ui::tag("sync.edit-owner");
        ui::spacer(4);
        ui::fieldLabel("Fingerprint");
        fingerprintBlock(id.fingerprintWords(), v.qr, 180, "sync.fingerprint", "sync.qr");
        ui::spacer(4);
        ui::faint(
            "Give your card to colleagues. When they import it, read the fingerprint to each other on a "
            "call, or hold the QR code up side by side: if it matches, nobody swapped the card on the way.");
        ui::spacer(2);
        if (ui::secondaryButton("Save my contact card\xE2\x80\xA6")) intent.kind = K::SaveCard;
        ui::tag("sync.save-card");
    } else {
        ui::muted("Your identity could not be read from the vault.");
    }
    ui::endCard();
    ui::spacer(4);

    // --- Contacts
    ui::beginCard();
    ui::heading("Contacts");
    const auto& contacts = *v.contacts;
    if (contacts.empty()) {
        ui::muted("Nobody yet. Import a colleague\xE2\x80\x99s contact card to send them records, or to "
                  "receive theirs.");
    }
    for (std::size_t i = 0; i < contacts.size(); ++i) {
        const auto& c = contacts[i];
        if (i) ui::divider();
        ui::Row row;
        row.title = c.identity.name;
        row.avatarName = c.identity.name;
        row.subtitle = c.identity.organisation.empty() ? c.identity.role : c.identity.organisation;
        row.badges.push_back(c.verified ? ui::Badge{"\xE2\x9C\x93 Verified", ui::Tone::Success}
                                        : ui::Badge{"Not verified", ui::Tone::Warning});
        row.badges.push_back({c.scope.empty()       ? std::string("Shares nobody")
                              : c.scope.size() == 1 ? std::string("1 young person")
                                                    : std::to_string(c.scope.size()) + " young people",
                              ui::Tone::Info});
        const std::string rid = "sync.contact." + c.identity.fingerprintHex();
        if (ui::listRow(rid.c_str(), row)) {
            intent.kind = K::OpenContact;
            intent.id = c.identity.fingerprintHex();
        }
        if (i == 0) ui::tag("sync.contact.first");
    }
    ui::spacer(4);
    if (ui::secondaryButton("Import a contact card\xE2\x80\xA6")) intent.kind = K::ImportCard;
    ui::tag("sync.import-card");
    ui::endCard();
    ui::spacer(4);

    // --- Send and receive by file
    ui::beginCard();
    ui::heading("Send and receive files");
    ui::muted("A handover file is encrypted to one colleague and signed by you. Carry it any way you like: "
              "secure email, a shared folder, a USB stick.");
    ui::spacer(2);
    if (ui::primaryButton("Import a bundle\xE2\x80\xA6")) intent.kind = K::ImportBundle;
    ui::tag("sync.import-bundle");
    bool anyVerified = false;
    for (const auto& c : contacts)
        if (c.verified) {
            anyVerified = true;
            const std::string label = "Export to " + c.identity.name + "\xE2\x80\xA6";
            const std::string bid = "sync.export-to." + c.identity.fingerprintHex();
            ImGui::PushID(bid.c_str());
            if (ui::secondaryButton(label.c_str())) {
                intent.kind = K::OpenContact;
                intent.id = c.identity.fingerprintHex();
            }
            ImGui::PopID();
            ui::tag(bid);
        }
    if (!anyVerified && !contacts.empty())
        ui::faint("To export, first verify a contact\xE2\x80\x99s fingerprint.");
    ui::endCard();
    ui::spacer(4);

    // --- Folder sync
    ui::beginCard();
    ui::heading("Folder sync");
    ui::muted("Let a sync engine you already use (Syncthing, a network drive) carry the files: new bundles "
              "go to a folder per contact in the outbox, and bundles for you are picked up from the inbox.");
    if (!v.foldersError.empty()) ui::fieldError(v.foldersError);
    const float chooseW = dp(104);
    auto folderRow = [&](const char* label, const char* id, std::string& text, K choose) {
        ui::fieldLabel(label);
        ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - chooseW - ImGui::GetStyle().ItemSpacing.x);
        const std::string hidden = std::string("##") + id;
        ui::tabStartsEditing(hidden.c_str());
        if (ImGui::InputTextWithHint(hidden.c_str(), "Not set", &text)) s.foldersEdited = true;
        ui::focusStop(ImGui::GetStyle().FrameRounding);
        ui::tag(id);
        ImGui::SameLine();
        const std::string bid = std::string(id) + ".choose";
        ImGui::PushID(bid.c_str());
        if (ui::secondaryButton("Choose\xE2\x80\xA6", chooseW)) intent.kind = choose;
        ImGui::PopID();
        ui::tag(bid);
    };
    folderRow("Outbox", "sync.outbox", s.outboxText, K::ChooseOutbox);
    folderRow("Inbox", "sync.inbox", s.inboxText, K::ChooseInbox);
    ui::spacer(2);
    if (ui::toggle("sync.on-unlock", "Sync when the vault is unlocked", s.syncOnUnlock))
        s.foldersEdited = true;
    ui::spacer(2);
    const float bw = ui::pairButtonWidth({"Save folders", "Sync now"});
    ImGui::BeginDisabled(!s.foldersEdited);
    if (ui::secondaryButton("Save folders", bw)) intent.kind = K::SaveFolders;
    ui::tag("sync.save-folders");
    ImGui::EndDisabled();
    if (bw > 0) ImGui::SameLine();
    ImGui::BeginDisabled(s.outboxText.empty() && s.inboxText.empty());
    if (ui::primaryButton("Sync now", bw)) intent.kind = K::SyncNow;
    ui::tag("sync.now");
    ImGui::EndDisabled();
    ui::endCard();
    ui::spacer(4);

    // --- Received handover summaries
    ui::beginCard();
    ui::heading("Received handover summaries");
    const auto* atts = v.attachments;
    if (!atts || atts->empty()) {
        ui::muted("None yet. When a colleague attaches a handover summary to a bundle, it is kept here, "
                  "encrypted in the vault.");
    } else {
        ui::faint("Tap one to save a copy outside the vault.");
        for (std::size_t i = 0; i < atts->size(); ++i) {
            const auto& a = (*atts)[i];
            if (i) ui::divider();
            ui::Row row;
            row.title = a.name;
            row.subtitle = "From " + a.senderName;
            if (v.people)
                for (const auto& yp : *v.people)
                    if (yp.id == a.youngPersonId)
                        row.subtitle = yp.shownName() + " \xC2\xB7 from " + a.senderName;
            if (a.receivedAt) row.subtitle += " \xC2\xB7 " + shortDate(a.receivedAt);
            row.subtitle += " \xC2\xB7 " + std::to_string((a.size + 1023) / 1024) + " KB";
            row.trailing = "Save a copy";
            row.trailingColour = p.accent;
            const std::string rid = "sync.attachment." + std::to_string(a.id);
            if (ui::listRow(rid.c_str(), row)) {
                intent.kind = K::SaveAttachment;
                intent.number = a.id;
            }
        }
    }
    ui::endCard();
    ui::spacer(12);
    return intent;
}

} // namespace throughline::app
