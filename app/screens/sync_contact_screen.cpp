#include "app/screens/sync_contact_screen.hpp"

#include "app/screens/common.hpp"
#include "app/screens/sync_common.hpp"
#include "app/screens/sync_screen.hpp"

#include <algorithm>

namespace throughline::app {

SyncContactIntent drawSyncContact(SyncContactState& s, const SyncContactView& v) {
    SyncContactIntent intent;
    using K = SyncContactIntent::Kind;
    const Palette& p = palette();
    const core::contacts::Contact& c = *v.contact;
    const std::string& name = c.identity.name;
    if (ui::topBar(name.c_str(), true)) intent.kind = K::Back;

    if (!s.error.empty()) {
        ui::banner(s.error, ui::Tone::Danger);
        ui::tag("contact.error");
        ui::spacer(2);
    }
    if (!s.message.empty()) {
        ui::banner(s.message, ui::Tone::Success);
        ui::tag("contact.message");
        ui::spacer(2);
    }

    // --- Who
    ui::beginCard();
    const bool roomy = ImGui::GetContentRegionAvail().x >= dp(320); // else one above the other
    ui::avatar(name, dp(52));
    if (roomy) ImGui::SameLine(0, dp(14));
    ImGui::BeginGroup();
    ui::heading(name.c_str());
    if (!c.identity.role.empty()) ui::muted(c.identity.role);
    if (!c.identity.organisation.empty()) ui::muted(c.identity.organisation);
    ImGui::EndGroup();
    ui::spacer(2);
    verifiedBadge(c.verified);
    ui::tag("contact.verified-badge");
    if (c.addedAt) {
        if (roomy) ImGui::SameLine();
        ui::faint("Added " + shortDate(c.addedAt));
    }
    ui::endCard();
    ui::spacer(4);

    // --- Fingerprint and verifying it
    ui::beginCard();
    ui::heading("Fingerprint");
    fingerprintBlock(c.identity.fingerprintWords(), v.qr, 160, "contact.fingerprint", "contact.qr");
    ui::spacer(4);
    if (c.verified) {
        ui::banner("Verified. You compared this fingerprint with " + name +
                       ", so files from them are accepted and files you send can be opened by them alone.",
                   ui::Tone::Success);
    } else {
        ImVec4 bg = p.warningSoft, stripe = p.warning;
        ui::beginCard(&bg, &stripe);
        ui::heading("Not verified yet");
        ui::text("A card can be swapped on its way to you. Verifying means " + name +
                 " reads out the fingerprint of their own card (in Settings \xE2\x80\xBA Sharing and sync) "
                 "on a call you know is them, or shows you the QR code side by side, and it matches this one "
                 "exactly, all eight groups.");
        ui::spacer(2);
        ui::text("Until then, files from them are refused and nothing can be sent to them.");
        ui::endCard();
        ui::spacer(4);
        // The full sentence when it fits on the button, a shorter one on a phone.
        const char* label = "I have compared the fingerprint with them";
        ImGui::PushFont(fonts().bold);
        if (ImGui::CalcTextSize(label).x + ImGui::GetStyle().FramePadding.x * 2 >
            ImGui::GetContentRegionAvail().x)
            label = "I have compared it with them";
        ImGui::PopFont();
        if (ui::primaryButton(label)) s.confirmVerify = true;
        ui::tag("contact.verify");
    }
    if (ui::confirmDialog("Mark as verified?##contact", "Does every group match?",
                          "Only confirm if you compared all eight groups with " + name +
                              " themselves, by voice or side by side. This cannot be undone without "
                              "removing the contact.",
                          "They match", s.confirmVerify, false))
        intent.kind = K::Verify;
    ui::endCard();
    ui::spacer(4);

    // --- Sharing scope
    ui::beginCard();
    ui::heading("Young people they may receive");
    ui::muted("Only the young people switched on here are ever sent to " + name +
              ". A home-authority social worker should receive only the young people they hold.");
    ui::spacer(2);
    const auto& people = *v.people;
    if (people.empty()) ui::faint("No young people in this vault yet.");
    for (const auto& yp : people) {
        bool on = std::binary_search(c.scope.begin(), c.scope.end(), yp.id) ||
                  std::find(c.scope.begin(), c.scope.end(), yp.id) != c.scope.end();
        const std::string id = "contact.share." + yp.id;
        std::string label = yp.shownName();
        if (!yp.caseReference.empty()) label += "  \xC2\xB7  " + yp.caseReference;
        if (ui::toggle(id.c_str(), label.c_str(), on)) {
            intent.kind = on ? K::Share : K::Unshare;
            intent.id = yp.id;
        }
    }
    ui::endCard();
    ui::spacer(4);

    // --- Send now
    ui::beginCard();
    ui::heading(("Send to " + name).c_str());
    if (!c.verified) {
        ui::muted("Verify the fingerprint first: a file is encrypted to their key, and that key must really "
                  "be theirs.");
    } else if (c.scope.empty()) {
        ui::muted("Switch on at least one young person above; nothing else is ever sent.");
    } else {
        ui::fieldLabel("What to send");
        ui::beginFlow();
        if (ui::chip("contact.export.new", "Only changes not yet sent", !s.everything)) s.everything = false;
        ui::tag("contact.export.new");
        if (ui::chip("contact.export.all", "Everything shared", s.everything)) s.everything = true;
        ui::tag("contact.export.all");
        ui::endFlow();
        ui::spacer(2);
        ui::toggle("contact.export.location", "Include the confidential location", s.includeLocation);
        if (s.includeLocation)
            ui::banner("The placement address and the carer or home name will be in the file. This is "
                       "written to the audit trail, naming " +
                           name + ". Include it only if they need it today.",
                       ui::Tone::Warning);
        ui::toggle("contact.export.summary", "Attach the handover summary (PDF)", s.attachSummary);
        ui::faint("Left out unless switched on: the confidential location. The summary is redacted the same "
                  "way as the records.");
        ui::spacer(2);
        if (ui::primaryButton("Export to a file\xE2\x80\xA6")) intent.kind = K::Export;
        ui::tag("contact.export");
    }
    ui::endCard();
    ui::spacer(8);

    if (ui::dangerButton("Remove contact")) s.confirmRemove = true;
    ui::tag("contact.remove");
    if (ui::confirmDialog("Remove this contact?##contact", ("Remove " + name + "?").c_str(),
                          "Nothing more will be sent to them and files from them will be refused. Records "
                          "already received from them stay, and still show who wrote them.",
                          "Remove", s.confirmRemove))
        intent.kind = K::Remove;
    ui::spacer(12);
    return intent;
}

} // namespace throughline::app
