#pragma once
// Add or edit a placement. The confidential location stays masked until the user asks to see it
// (which is audited by the navigator).
#include "app/screens/common.hpp"

#include "throughline/records/records.hpp"

#include <optional>

namespace throughline::app {

struct PlacementEditorState {
    core::Placement placement;
    std::string startText, plannedEndText, actualEndText;
    bool locationShown = false;
    FormError error;
    bool confirmDelete = false;
    void load(const core::Placement& p);
    /// What the form holds, for its draft (app/editor_draft.hpp); restoreDraft puts it back.
    DraftFields draftFields() const;
    void restoreDraft(const DraftFields& f);
    /// The placement as typed, ready to save (with the location only when it was revealed); nothing (and
    /// `error` set) when a date is not understood. The caller wipes the copy's location after saving.
    std::optional<core::Placement> toRecord(const core::Date& today);
    /// Overwrites a revealed location before it is released (leaving the editor, locking).
    void wipe();
};

struct PlacementEditorIntent {
    enum class Kind { None, Back, Save, Delete, RevealLocation };
    Kind kind = Kind::None;
};

PlacementEditorIntent drawPlacementEditor(PlacementEditorState& state, const core::Date& today);

} // namespace throughline::app
