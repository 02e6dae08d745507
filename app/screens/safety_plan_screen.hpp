#pragma once
// The young person's safety plan, in their own words. Saving never overwrites: it writes the next version.
#include "app/screens/common.hpp"

#include "throughline/records/records.hpp"

#include <vector>

namespace throughline::app {

struct SafetyPlanState {
    core::SafetyPlan plan;  // the version being written (starts as a copy of the current one)
    int currentVersion = 0; // 0 = no plan yet
    std::string reviewText;
    FormError error;
    void load(const std::optional<core::SafetyPlan>& current, const std::string& youngPersonId);
    /// What the form holds, for its draft (app/editor_draft.hpp); restoreDraft puts it back.
    DraftFields draftFields() const;
    void restoreDraft(const DraftFields& f);
    void wipe();
    /// The next version as typed, ready to save; nothing (and `error` set) when the review date is not
    /// understood.
    std::optional<core::SafetyPlan> toRecord(const core::Date& today);
};

struct SafetyPlanView {
    const std::vector<core::NetworkMember>* members = nullptr; // people they can choose to turn to
    std::string youngPersonName;
    core::Date today;
};

struct SafetyPlanIntent {
    enum class Kind { None, Back, Save };
    Kind kind = Kind::None;
};

SafetyPlanIntent drawSafetyPlan(SafetyPlanState& state, const SafetyPlanView& view);

} // namespace throughline::app
