#include "app/screens/person_editor_screen.hpp"

#include "app/forms.hpp"

#include "throughline/records/field_values.hpp"

namespace throughline::app {

void PersonEditorState::load(const core::YoungPerson& p) {
    person = p;
    dobText = p.dateOfBirth ? p.dateOfBirth->display() : "";
    error.clear();
    confirmDelete = false;
}

DraftFields PersonEditorState::draftFields() const {
    DraftFields f = core::fieldValues(person);
    f["_date_of_birth"] = dobText;
    return f;
}

void PersonEditorState::restoreDraft(const DraftFields& f) {
    core::setFieldValues(person, f);
    dobText = draftValue(f, "_date_of_birth");
}

std::optional<core::YoungPerson> PersonEditorState::toRecord(const core::Date& today) {
    error.clear();
    core::YoungPerson p = person;
    p.dateOfBirth.reset();
    if (!dobText.empty()) {
        auto d = parseUserDate(dobText, today);
        if (!d) {
            error = {"The date of birth is not one we understand.", "date_of_birth"};
            return std::nullopt;
        }
        p.dateOfBirth = d;
    }
    return p;
}

PersonEditorIntent drawPersonEditor(PersonEditorState& s, const core::Date& today) {
    PersonEditorIntent intent;
    core::YoungPerson& p = s.person;
    const bool existing = !p.meta.id.empty();
    if (ui::topBar(existing ? "Young person" : "Add a young person", true))
        intent.kind = PersonEditorIntent::Kind::Back;
    ui::beginCard();
    ui::textField("Full name", "person.name", p.name, "");
    s.error.under("name");
    ui::textField("Preferred name (optional)", "person.preferred", p.preferredName,
                  "What they like to be called");
    s.error.under("preferred_name");
    dateField("Date of birth (optional)", "person.dob", s.dobText, today, true, false);
    s.error.under("date_of_birth");
    ui::textField("Pronouns (optional)", "person.pronouns", p.pronouns, "e.g. she/her");
    ui::endCard();
    ui::spacer(4);
    ui::beginCard();
    ui::textField("Case reference (optional)", "person.case-ref", p.caseReference, "");
    s.error.under("case_reference");
    ui::textField("Home local authority", "person.home-authority", p.homeAuthority,
                  "e.g. Eastbridge Council");
    s.error.under("home_authority");
    ui::multilineField("Notes", "person.notes", p.notes, 2, "Optional");
    ui::endCard();
    ui::spacer(6);
    formBanner(s.error);
    if (ui::primaryButton(existing ? "Save changes" : "Add young person"))
        intent.kind = PersonEditorIntent::Kind::Save;
    ui::tag("person.save");
    if (existing) {
        ui::spacer(4);
        if (ui::dangerButton("Remove young person")) s.confirmDelete = true;
        ui::tag("person.delete");
    }
    if (ui::confirmDialog("Remove young person?", "Remove this young person?",
                          "They leave the list. Their records stay in the vault for the audit trail.",
                          "Remove", s.confirmDelete))
        intent.kind = PersonEditorIntent::Kind::Delete;
    ui::spacer(12);
    return intent;
}

} // namespace throughline::app
