#pragma once
// The relational picture per phase: for before the move, during the placement and ending it, which tracks
// (practitioner / family / peer & community) were used for which purpose (consistency / collaboration /
// safety), by whom, and what that says in plain words. Read-only; opened from the card on the home screen.
#include "app/screens/common.hpp"

#include "throughline/insight/insight.hpp"

#include <string>

namespace throughline::app {

struct PhasePictureState {
    int phase = -1; // the phase shown (0 before, 1 during, 2 ending); -1 = the one today falls in
};

struct PhasePictureView {
    const core::PhasePicture* picture = nullptr; // null while the picture is not computed
    std::string youngPersonName;
    core::Date today;
};

struct PhasePictureIntent {
    enum class Kind { None, Back };
    Kind kind = Kind::None;
};

/// The phase today falls in (during when there is no placement): the one shown first.
int currentPhaseIndex(const core::PhasePicture& picture, const core::Date& today);
/// One short line for a phase: "Family only · 3 contacts", "All three tracks · 12 contacts", "Not begun".
std::string phaseSummaryLine(const core::PhaseGrid& grid);

PhasePictureIntent drawPhasePicture(PhasePictureState& state, const PhasePictureView& view);

} // namespace throughline::app
