#pragma once
// Add or edit a placement. The confidential location stays masked until the user asks to see it
// (which is audited by the navigator).
#include "app/screens/common.hpp"

#include "throughline/records/records.hpp"

namespace throughline::app {

struct PlacementEditorState {
    core::Placement placement;
    std::string startText, plannedEndText, actualEndText;
    bool locationShown = false;
    FormError error;
    bool confirmDelete = false;
    void load(const core::Placement& p);
    /// Overwrites a revealed location before it is released (leaving the editor, locking).
    void wipe();
};

struct PlacementEditorIntent {
    enum class Kind { None, Back, Save, Delete, RevealLocation };
    Kind kind = Kind::None;
};

PlacementEditorIntent drawPlacementEditor(PlacementEditorState& state, const core::Date& today);

} // namespace throughline::app
