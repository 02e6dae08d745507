#include "app/screens/contact_detail_screen.hpp"

#include "app/forms.hpp"
#include "app/screens/common.hpp"
#include "app/screens/home_screen.hpp"

namespace throughline::app {

ContactDetailIntent drawContactDetail(ContactDetailState& s, const ContactDetailView& v) {
    ContactDetailIntent intent;
    const core::ContactRecord& c = *v.contact;
    const Palette& p = palette();
    if (ui::topBar(std::string(core::enumDisplay(c.kind)).c_str(), true))
        intent.kind = ContactDetailIntent::Kind::Back;

    ui::beginCard();
    std::string when = c.date.display();
    if (c.startTime) when += ", " + c.startTime->hhmm();
    if (c.durationMinutes > 0) when += " \xC2\xB7 " + std::to_string(c.durationMinutes) + " min";
    ImGui::PushFont(fonts().bold);
    ui::text(when);
    ImGui::PopFont();
    ui::muted(std::string(core::enumDisplay(c.place)) +
              (c.placeNote.empty() ? "" : " \xC2\xB7 " + c.placeNote));
    ui::spacer(2);
    {
        ui::Tone tone = c.status == core::ContactStatus::Happened ? ui::Tone::Success : ui::Tone::Warning;
        std::string st(core::enumDisplay(c.status));
        if (c.status == core::ContactStatus::Cancelled && c.cancelledBy != core::CancelledBy::NotRecorded)
            st += " by " + std::string(core::enumDisplay(c.cancelledBy));
        std::vector<ui::Badge> list = {{st, tone}};
        if (c.rating != core::Rating::NotRated)
            list.push_back({std::string(core::enumDisplay(c.rating)), ui::Tone::Info});
        for (const auto& u : core::enumEntries<core::Use>())
            if (core::hasFlag(c.uses, u.value)) list.push_back({std::string(u.display), ui::Tone::Success});
        ui::badges(list);
    }
    ui::spacer(4);
    ui::fieldLabel("Who was there");
    if (c.participantIds.empty()) ui::faint("Nobody recorded.");
    for (const auto& id : c.participantIds) {
        auto it = v.memberNames.find(id);
        ui::text("\xE2\x80\xA2 " +
                 (it != v.memberNames.end() ? it->second : std::string("(removed from network)")));
    }
    ui::endCard();
    ui::spacer(4);

    if (!c.youngPersonWords.empty()) {
        ImVec4 bg = p.voiceSoft, stripe = p.voice;
        ui::beginCard(&bg, &stripe);
        ImGui::PushStyleColor(ImGuiCol_Text, p.voice);
        ImGui::PushFont(fonts().bold);
        ui::text("In " + v.youngPersonName + "\xE2\x80\x99s own words");
        ImGui::PopFont();
        ImGui::PopStyleColor();
        ui::text(quotedWords(c.youngPersonWords));
        ui::tag("detail.words");
        ui::endCard();
        ui::spacer(4);
    }
    if (!c.observations.empty()) {
        ui::beginCard();
        ui::heading("Observations");
        ui::text(c.observations);
        ui::endCard();
        ui::spacer(4);
    }
    if (c.concernFlags != 0 || !c.concernText.empty()) {
        ImVec4 bg = p.dangerSoft, stripe = p.danger;
        ui::beginCard(&bg, &stripe);
        ui::heading("Concern");
        std::string flags;
        for (const auto& e : core::enumEntries<core::Concern>())
            if (core::hasFlag(c.concernFlags, e.value))
                flags += (flags.empty() ? "" : " \xC2\xB7 ") + std::string(e.display);
        if (!flags.empty()) ui::muted(flags);
        if (!c.concernText.empty()) ui::text(c.concernText);
        ui::endCard();
        ui::spacer(4);
    }
    if (v.actions && !v.actions->empty()) {
        ui::beginCard();
        ui::heading("Follow-up actions");
        for (const auto& a : *v.actions) {
            bool done = a.done;
            std::string id = "detail.action." + a.meta.id;
            if (ui::toggle(id.c_str(), a.description.c_str(), done)) {
                intent.kind = ContactDetailIntent::Kind::ToggleAction;
                intent.id = a.meta.id;
            }
        }
        ui::endCard();
        ui::spacer(4);
    }
    if (!v.origin.empty()) {
        // Received from a colleague's vault: say whose, and whether their card was verified.
        ui::banner(v.origin, ui::Tone::Info);
        ui::tag("detail.origin");
        if (c.meta.updatedAt) ui::faint("Last changed " + displayInstant(c.meta.updatedAt));
    } else {
        ui::faint("Recorded by " + (c.meta.author.empty() ? std::string("you") : c.meta.author) +
                  (c.meta.updatedAt ? " \xC2\xB7 last changed " + displayInstant(c.meta.updatedAt) : ""));
    }
    ui::spacer(6);
    const float bw = ui::pairButtonWidth({"Edit", "Delete"});
    if (ui::secondaryButton("Edit", bw)) intent.kind = ContactDetailIntent::Kind::Edit;
    ui::tag("detail.edit");
    if (bw > 0) ImGui::SameLine();
    if (ui::dangerButton("Delete", bw)) s.confirmDelete = true;
    ui::tag("detail.delete");
    if (ui::confirmDialog(
            "Delete this record?##detail", "Delete this record?",
            "It will be removed from the young person\xE2\x80\x99s records. The change log keeps a "
            "trace that it existed.",
            "Delete", s.confirmDelete))
        intent.kind = ContactDetailIntent::Kind::Delete;
    ui::spacer(12);
    return intent;
}

} // namespace throughline::app
