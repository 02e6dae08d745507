#include "app/screens/people_screen.hpp"

#include "app/forms.hpp"
#include "app/screens/common.hpp"

namespace throughline::app {

namespace {

bool overdue(const core::YoungPersonListItem& p, const core::Date& today) {
    return !p.lastContact || today.toDays() - p.lastContact->toDays() > kContactOverdueDays;
}

} // namespace

PeopleIntent drawPeople(PeopleState& s, const PeopleView& v) {
    PeopleIntent intent;
    ui::topBar("Young people", false);
    if (!v.draftOffer.empty()) {
        ImVec4 bg = toneSoft(ui::Tone::Warning), stripe = toneColour(ui::Tone::Warning);
        ui::beginCard(&bg, &stripe);
        ui::heading("Unfinished record");
        ui::muted(v.draftOffer);
        ui::spacer(2);
        const float bw = ui::pairButtonWidth({"Continue", "Discard"});
        if (ui::primaryButton("Continue", bw)) intent.kind = PeopleIntent::Kind::ResumeDraft;
        ui::tag("people.resume-draft");
        if (bw > 0) ImGui::SameLine();
        if (ui::secondaryButton("Discard", bw)) intent.kind = PeopleIntent::Kind::DiscardDraft;
        ui::tag("people.discard-draft");
        ui::endCard();
        ui::spacer(4);
    }
    if (ui::textField("", "people.search", s.search, "Search by name or reference"))
        intent.kind = PeopleIntent::Kind::SearchChanged;
    ui::spacer(2);
    ui::beginFlow();
    struct F {
        PeopleFilter f;
        const char* id;
        const char* label;
    };
    static const F filters[] = {{PeopleFilter::All, "people.filter.all", "All"},
                                {PeopleFilter::ContactOverdue, "people.filter.overdue", "Contact overdue"},
                                {PeopleFilter::OpenActions, "people.filter.actions", "Open actions"}};
    for (const auto& f : filters) {
        if (ui::chip(f.id, f.label, s.filter == f.f)) s.filter = f.f;
        ui::tag(f.id);
    }
    ui::endFlow();
    ui::spacer(6);

    const auto& people = *v.people;
    int shown = 0;
    ui::beginCard();
    for (const auto& p : people) {
        const bool isOverdue = overdue(p, v.today);
        if (s.filter == PeopleFilter::ContactOverdue && !isOverdue) continue;
        if (s.filter == PeopleFilter::OpenActions && p.openActions == 0) continue;
        if (shown++ > 0) ui::divider();
        ui::Row row;
        row.title = p.shownName();
        if (!p.preferredName.empty() && p.preferredName != p.name) row.title += " (" + p.name + ")";
        row.avatarName = p.shownName();
        std::string sub;
        if (!p.placementArea.empty())
            sub = p.placementArea;
        else if (!p.homeAuthority.empty())
            sub = p.homeAuthority;
        if (isOverdue) row.badges.push_back({"Contact overdue", ui::Tone::Warning});
        if (p.openActions > 0)
            row.badges.push_back(
                {std::to_string(p.openActions) + (p.openActions == 1 ? " action" : " actions"),
                 ui::Tone::Info});
        row.subtitle = sub;
        row.trailing = p.lastContact ? lastContactText(p.lastContact, v.today) : "";
        std::string id = "people.row." + p.id;
        ImVec2 before = ImGui::GetCursorScreenPos();
        if (v.pane && p.id == v.selectedId) {
            float h = std::max(dp(56), ImGui::GetTextLineHeight() * 2 + dp(26));
            ImGui::GetWindowDrawList()->AddRectFilled(
                before, ImVec2(before.x + ImGui::GetContentRegionAvail().x, before.y + h),
                toU32(palette().accentSoft), dp(12));
        }
        if (ui::listRow(id.c_str(), row)) {
            intent.kind = PeopleIntent::Kind::Open;
            intent.id = p.id;
        }
        if (shown == 1) ui::tag("people.first");
    }
    if (shown == 0) {
        ui::spacer(8);
        if (people.empty() && s.search.empty())
            ui::muted("No young people yet. Add the first young person you support.");
        else
            ui::muted("Nobody matches. Try another name or filter.");
        ui::spacer(8);
    }
    ui::endCard();
    ui::spacer(6);
    if (ui::secondaryButton("+  Add a young person")) intent.kind = PeopleIntent::Kind::Add;
    ui::tag("people.add");
    return intent;
}

} // namespace throughline::app
