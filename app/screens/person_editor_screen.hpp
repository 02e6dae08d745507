#pragma once
// Add or edit a young person's details.
#include "app/screens/common.hpp"

#include "throughline/records/records.hpp"

#include <optional>

namespace throughline::app {

struct PersonEditorState {
    core::YoungPerson person;
    std::string dobText;
    FormError error;
    bool confirmDelete = false;
    void load(const core::YoungPerson& p);
    /// What the form holds, for its draft (app/editor_draft.hpp); restoreDraft puts it back.
    DraftFields draftFields() const;
    void restoreDraft(const DraftFields& f);
    /// The young person as typed, ready to save; nothing (and `error` set) when the date of birth is not
    /// understood.
    std::optional<core::YoungPerson> toRecord(const core::Date& today);
};

struct PersonEditorIntent {
    enum class Kind { None, Back, Save, Delete };
    Kind kind = Kind::None;
};

PersonEditorIntent drawPersonEditor(PersonEditorState& state, const core::Date& today);

} // namespace throughline::app
