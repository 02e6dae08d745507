#pragma once
// Add or edit one person, group or place in the network.
#include "app/screens/common.hpp"

#include "throughline/records/records.hpp"

#include <optional>

namespace throughline::app {

struct MemberEditorState {
    core::NetworkMember member;
    std::string activeFromText, activeToText;
    bool trackChosen = false; // once the user picks a track, a role change no longer moves it
    FormError error;
    bool confirmDelete = false;
    void load(const core::NetworkMember& m);
    /// What the form holds, for its draft (app/editor_draft.hpp); restoreDraft puts it back.
    DraftFields draftFields() const;
    void restoreDraft(const DraftFields& f);
    /// The member as typed, ready to save; nothing (and `error` set) when a date is not understood.
    std::optional<core::NetworkMember> toRecord(const core::Date& today);
};

struct MemberEditorIntent {
    enum class Kind { None, Back, Save, Delete };
    Kind kind = Kind::None;
};

MemberEditorIntent drawMemberEditor(MemberEditorState& state, const core::Date& today);

} // namespace throughline::app
