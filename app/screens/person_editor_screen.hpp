#pragma once
// Add or edit a young person's details.
#include "app/screens/common.hpp"

#include "throughline/records/records.hpp"

namespace throughline::app {

struct PersonEditorState {
    core::YoungPerson person;
    std::string dobText;
    FormError error;
    bool confirmDelete = false;
    void load(const core::YoungPerson& p);
};

struct PersonEditorIntent {
    enum class Kind { None, Back, Save, Delete };
    Kind kind = Kind::None;
};

PersonEditorIntent drawPersonEditor(PersonEditorState& state, const core::Date& today);

} // namespace throughline::app
