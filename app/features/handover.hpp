#pragma once
// The handover feature: presentation mode, the redacted handover summary of the selected young person shown
// read-only in large type for a handover meeting.
#include "app/features/feature.hpp"
#include "app/screens/presentation_screen.hpp"

#include <optional>

namespace throughline::app {

class HandoverFeature final : public Feature {
  public:
    explicit HandoverFeature(Session& session) : m_s(session) {}

    bool owns(Screen s) const override { return s == Screen::Presentation; }
    void show(Screen s, bool wide) override;
    /// Leaving presentation mode lets go of the summary: it holds the young person's words.
    void left(Screen s) override {
        if (s == Screen::Presentation) m_summary.reset();
    }

    /// Builds the summary of the selected young person (redacted, location never included) and shows it.
    void startPresentation();
    bool presenting() const { return m_summary.has_value(); }
    /// Turns to page `page` (0-based, clamped to the pages there are): for scripted screenshots.
    void turnTo(int page);
    /// The summary being presented (redacted), or null.
    const core::RedactedSummary* presentation() const { return m_summary ? &*m_summary : nullptr; }

  private:
    Session& m_s;
    std::optional<core::RedactedSummary> m_summary; // built on entry
    PresentationState m_state;
};

} // namespace throughline::app
