#pragma once
// Presentation mode for handover meetings: the handover summary, read-only, in large type, one section
// per page. It shows only the redacted summary, so confidential fields cannot appear on a shared screen.
#include "throughline/handover/handover.hpp"
#include "throughline/insight/network_map.hpp"

namespace throughline::app {

struct PresentationState {
    int page = 0;
};

struct PresentationView {
    const core::RedactedSummary* summary = nullptr;
    const core::NetworkMap* map = nullptr;
};

struct PresentationIntent {
    enum class Kind { None, Close };
    Kind kind = Kind::None;
};

/// Number of pages (sections) of a summary in presentation mode.
int presentationPageCount();
PresentationIntent drawPresentation(PresentationState& state, const PresentationView& view);

} // namespace throughline::app
