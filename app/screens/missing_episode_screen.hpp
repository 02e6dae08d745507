#pragma once
// Add or edit a missing-from-placement (or away) episode.
#include "app/screens/common.hpp"

#include "throughline/records/records.hpp"

#include <optional>

namespace throughline::app {

struct MissingEpisodeState {
    core::MissingEpisode episode;
    std::string startDate, startTime, endDate, endTime, interviewDateText;
    bool stillMissing = false;
    // The times as the form first showed them (to the minute): a save that leaves them as they were keeps
    // the stored instants exactly, so editing only the notes never rewrites a time (which would travel by
    // sync and could clash with a colleague's edit).
    std::string loadedStart, loadedEnd;
    FormError error;
    bool confirmDelete = false;
    void load(const core::MissingEpisode& e, const core::Date& today, const core::TimeOfDay& now);
    /// What the form holds, for its draft (app/editor_draft.hpp); restoreDraft puts it back.
    DraftFields draftFields() const;
    void restoreDraft(const DraftFields& f);
    /// The episode as typed, ready to save; nothing (and `error` set) when a date or time is not understood.
    std::optional<core::MissingEpisode> toRecord(const core::Date& today);
};

struct MissingEpisodeIntent {
    enum class Kind { None, Back, Save, Delete };
    Kind kind = Kind::None;
};

MissingEpisodeIntent drawMissingEpisode(MissingEpisodeState& state, const core::Date& today);

} // namespace throughline::app
