// The handover feature: presentation mode.
#include "app/features/handover.hpp"

#include "app/session.hpp"

#include <algorithm>
#include "throughline/handover/export.hpp"

namespace throughline::app {

void HandoverFeature::turnTo(int page) {
    m_state.page = std::clamp(page, 0, presentationPageCount() - 1);
}

void HandoverFeature::startPresentation() {
    core::HandoverRequest req;
    req.youngPersonId = m_s.records.selectedYoungPerson();
    req.today = m_s.host().today();
    auto input = core::loadHandoverInput(m_s.vault(), req);
    if (!input) {
        m_s.loadError = friendlyError(input.error());
        return;
    }
    // Presentation never includes the location: it is shown on a shared screen.
    auto summary = core::redact(core::buildHandoverSummary(*input), core::RedactionOptions{});
    if (!summary) {
        m_s.loadError = friendlyError(summary.error());
        return;
    }
    m_summary = std::move(summary.value());
    m_state = {};
    m_s.host().go(Screen::Presentation);
}

void HandoverFeature::show(Screen, bool) {
    PresentationView pv{m_summary ? &*m_summary : nullptr, &m_s.records.map};
    if (drawPresentation(m_state, pv).kind == PresentationIntent::Kind::Close) m_s.host().back();
}

} // namespace throughline::app
