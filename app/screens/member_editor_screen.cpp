#include "app/screens/member_editor_screen.hpp"

#include "app/forms.hpp"

#include "throughline/records/field_values.hpp"

namespace throughline::app {

void MemberEditorState::load(const core::NetworkMember& m) {
    member = m;
    activeFromText = m.activeFrom ? m.activeFrom->display() : "";
    activeToText = m.activeTo ? m.activeTo->display() : "";
    trackChosen = !m.meta.id.empty();
    error.clear();
    confirmDelete = false;
}

DraftFields MemberEditorState::draftFields() const {
    DraftFields f = core::fieldValues(member);
    f["_active_from"] = activeFromText;
    f["_active_to"] = activeToText;
    f["_track_chosen"] = trackChosen ? "1" : "";
    return f;
}

void MemberEditorState::restoreDraft(const DraftFields& f) {
    core::setFieldValues(member, f);
    activeFromText = draftValue(f, "_active_from");
    activeToText = draftValue(f, "_active_to");
    trackChosen = !draftValue(f, "_track_chosen").empty();
}

std::optional<core::NetworkMember> MemberEditorState::toRecord(const core::Date& today) {
    error.clear();
    core::NetworkMember m = member;
    m.activeFrom.reset();
    m.activeTo.reset();
    if (!activeFromText.empty()) {
        auto d = parseUserDate(activeFromText, today);
        if (!d) {
            error = {"The start date is not one we understand.", "active_from"};
            return std::nullopt;
        }
        m.activeFrom = d;
    }
    if (!activeToText.empty()) {
        auto d = parseUserDate(activeToText, today);
        if (!d) {
            error = {"The end date is not one we understand.", "active_to"};
            return std::nullopt;
        }
        m.activeTo = d;
    }
    return m;
}

MemberEditorIntent drawMemberEditor(MemberEditorState& s, const core::Date& today) {
    MemberEditorIntent intent;
    core::NetworkMember& m = s.member;
    const bool existing = !m.meta.id.empty();
    if (ui::topBar(existing ? "Edit network member" : "Add to the network", true))
        intent.kind = MemberEditorIntent::Kind::Back;

    ui::beginCard();
    ui::textField("Name", "member.name", m.name, "e.g. Aunt Rosa, Riverside Boxing Club");
    s.error.under("name");
    ui::fieldLabel("Role");
    core::Role before = m.role;
    if (ui::enumCombo("##member.role", m.role) && !s.trackChosen && m.role != before)
        m.track = core::defaultTrackFor(m.role);
    s.error.under("role");
    ui::fieldLabel("Track");
    if (ui::enumChips("member.track", m.track)) s.trackChosen = true;
    ui::fieldLabel("Where the relationship lives");
    ui::enumChips("member.place", m.place);
    ui::endCard();
    ui::spacer(4);

    ui::beginCard();
    ui::heading("How protective is this relationship?");
    ui::fieldLabel("Your view");
    ui::enumChips("member.worker-view", m.workerView);
    ui::fieldLabel("The young person\xE2\x80\x99s view");
    ui::enumChips("member.yp-view", m.youngPersonView);
    ui::spacer(2);
    ui::fieldLabel("Contact is");
    ui::enumChips("member.arrangement", m.arrangement);
    if (m.arrangement != core::Arrangement::Encouraged) {
        ui::textField("Why", "member.reason", m.arrangementReason, "e.g. Court order, safety plan");
        s.error.under("arrangement_reason");
    }
    ui::endCard();
    ui::spacer(4);

    ui::beginCard();
    dateField("In their life from (optional)", "member.from", s.activeFromText, today, true, false);
    dateField("Until (optional)", "member.to", s.activeToText, today, true, false);
    ui::multilineField("Notes", "member.notes", m.notes, 2, "Optional");
    s.error.under("notes");
    ui::endCard();
    ui::spacer(6);

    formBanner(s.error);
    if (ui::primaryButton(existing ? "Save changes" : "Add to network"))
        intent.kind = MemberEditorIntent::Kind::Save;
    ui::tag("member.save");
    if (existing) {
        ui::spacer(4);
        if (ui::dangerButton("Remove from network")) s.confirmDelete = true;
        ui::tag("member.delete");
    }
    if (ui::confirmDialog("Remove from network?", "Remove from the network?",
                          "Past records that mention them are kept.", "Remove", s.confirmDelete))
        intent.kind = MemberEditorIntent::Kind::Delete;
    ui::spacer(12);
    return intent;
}

} // namespace throughline::app
