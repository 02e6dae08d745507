#include "app/screens/common.hpp"

#include "app/forms.hpp"

namespace throughline::app {

bool dateField(const char* label, const char* id, std::string& text, const core::Date& today, bool optional,
               bool quickChips) {
    bool changed = ui::textField(label, id, text, optional ? "Not set" : "e.g. 3/3/2026");
    if (!text.empty()) {
        if (auto d = parseUserDate(text, today)) {
            if (d->display() != text) ui::faint(d->display()); // confirms how a typed date was read
        } else
            ui::fieldError("Use a date like 3/3/2026 or 3 Mar 2026.");
    }
    if (quickChips) {
        ui::beginFlow();
        std::string base(id);
        if (ui::chip((base + ".today").c_str(), "Today", false)) {
            text = today.display();
            changed = true;
        }
        ui::tag(base + ".today");
        if (ui::chip((base + ".yesterday").c_str(), "Yesterday", false)) {
            text = today.addDays(-1).display();
            changed = true;
        }
        if (optional && !text.empty()) {
            if (ui::chip((base + ".clear").c_str(), "Clear", false)) {
                text.clear();
                changed = true;
            }
        }
        ui::endFlow();
    }
    return changed;
}

bool timeField(const char* label, const char* id, std::string& text) {
    bool changed = ui::textField(label, id, text, "e.g. 14:05");
    if (!text.empty() && !parseUserTime(text)) ui::fieldError("Use a time like 14:05.");
    return changed;
}

ImVec4 trackColour(core::Track track) {
    return palette().track[static_cast<int>(track) % 3];
}

ui::Tone viewTone(core::View view) {
    switch (view) {
    case core::View::Protective:
        return ui::Tone::Success;
    case core::View::Uncertain:
        return ui::Tone::Warning;
    case core::View::Harmful:
        return ui::Tone::Danger;
    default:
        return ui::Tone::Info;
    }
}

void brandMark(float size) {
    const Palette& p = palette();
    const float s = dp(size);
    const float width = ImGui::GetContentRegionAvail().x;
    ImVec2 o = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(width, s));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 c(o.x + width * 0.5f, o.y + s * 0.55f);
    const float r = s * 0.26f;
    const ImVec2 centres[3] = {ImVec2(c.x, c.y - r * 0.62f), ImVec2(c.x - r * 0.66f, c.y + r * 0.5f),
                               ImVec2(c.x + r * 0.66f, c.y + r * 0.5f)};
    for (int i = 0; i < 3; ++i)
        dl->AddCircleFilled(centres[i], r, toU32(p.track[i], 0.28f), 40);
    for (int i = 0; i < 3; ++i)
        dl->AddCircle(centres[i], r, toU32(p.track[i], 0.9f), 40, dp(2));
    dl->AddCircleFilled(ImVec2(c.x, c.y + r * 0.1f), r * 0.22f, toU32(p.accent), 24);
}

void formBanner(const FormError& error) {
    if (error.empty()) return;
    ui::banner(error.message, ui::Tone::Danger);
}

std::string draftValue(const DraftFields& f, const char* name) {
    auto it = f.find(name);
    return it == f.end() ? std::string() : it->second;
}

DraftChoice drawDraftOffer(const std::string& savedFrom) {
    DraftChoice choice = DraftChoice::None;
    ImVec4 bg = ui::toneSoft(ui::Tone::Warning), stripe = ui::toneColour(ui::Tone::Warning);
    ui::beginCard(&bg, &stripe);
    ui::heading("Unsaved draft");
    ui::text("You have an unsaved draft from " + savedFrom + ".");
    ui::spacer(2);
    const float bw = ui::pairButtonWidth({"Continue", "Discard"});
    if (ui::primaryButton("Continue", bw)) choice = DraftChoice::Continue;
    ui::tag("draft.continue");
    if (bw > 0) ImGui::SameLine();
    if (ui::secondaryButton("Discard", bw)) choice = DraftChoice::Discard;
    ui::tag("draft.discard");
    ui::endCard();
    ui::spacer(4);
    return choice;
}

} // namespace throughline::app
