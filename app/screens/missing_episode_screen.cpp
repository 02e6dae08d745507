#include "app/screens/missing_episode_screen.hpp"

#include "app/forms.hpp"

#include "throughline/records/field_values.hpp"

namespace throughline::app {

void MissingEpisodeState::load(const core::MissingEpisode& e, const core::Date& today,
                               const core::TimeOfDay& now) {
    episode = e;
    core::Date d = today;
    core::TimeOfDay t = now;
    if (e.startedAt) utcMillisToLocal(e.startedAt, d, t);
    startDate = d.display();
    startTime = t.hhmm();
    stillMissing = !e.endedAt && !e.meta.id.empty();
    if (e.endedAt) {
        utcMillisToLocal(*e.endedAt, d, t);
        endDate = d.display();
        endTime = t.hhmm();
    } else {
        endDate.clear();
        endTime.clear();
    }
    interviewDateText = e.interviewDate ? e.interviewDate->display() : "";
    loadedStart = e.meta.id.empty() ? std::string() : startDate + " " + startTime;
    loadedEnd = e.meta.id.empty() || !e.endedAt ? std::string() : endDate + " " + endTime;
    error.clear();
    confirmDelete = false;
}

DraftFields MissingEpisodeState::draftFields() const {
    DraftFields f = core::fieldValues(episode);
    f["_start_date"] = startDate;
    f["_start_time"] = startTime;
    f["_end_date"] = endDate;
    f["_end_time"] = endTime;
    f["_interview_date"] = interviewDateText;
    f["_still_missing"] = stillMissing ? "1" : "";
    return f;
}

void MissingEpisodeState::restoreDraft(const DraftFields& f) {
    core::setFieldValues(episode, f);
    startDate = draftValue(f, "_start_date");
    startTime = draftValue(f, "_start_time");
    endDate = draftValue(f, "_end_date");
    endTime = draftValue(f, "_end_time");
    interviewDateText = draftValue(f, "_interview_date");
    stillMissing = !draftValue(f, "_still_missing").empty();
}

std::optional<core::MissingEpisode> MissingEpisodeState::toRecord(const core::Date& today) {
    error.clear();
    core::MissingEpisode episode = this->episode;
    auto sd = parseUserDate(startDate, today);
    auto st = parseUserTime(startTime);
    if (!sd || !st) {
        error.message = "When did they go missing? Use a date like 3/3/2026 and a time like 21:40.";
        error.field = "started_at";
        return std::nullopt;
    }
    if (loadedStart.empty() || startDate + " " + startTime != loadedStart)
        episode.startedAt = localToUtcMillis(*sd, *st);
    if (stillMissing || (endDate.empty() && endTime.empty())) {
        episode.endedAt.reset();
    } else if (!loadedEnd.empty() && episode.endedAt && endDate + " " + endTime == loadedEnd) {
        // unchanged: keep the stored instant
    } else {
        auto ed = parseUserDate(endDate, today);
        auto et = parseUserTime(endTime);
        if (!ed || !et) {
            error.message = "When did they come back? Use a date like 3/3/2026 and a time like 09:15.";
            error.field = "ended_at";
            return std::nullopt;
        }
        episode.endedAt = localToUtcMillis(*ed, *et);
    }
    if (interviewDateText.empty()) {
        episode.interviewDate.reset();
    } else if (auto d = parseUserDate(interviewDateText, today)) {
        episode.interviewDate = *d;
    } else {
        error.message = "The return interview date is not one we understand.";
        error.field = "interview_date";
        return std::nullopt;
    }
    return episode;
}

MissingEpisodeIntent drawMissingEpisode(MissingEpisodeState& s, const core::Date& today) {
    MissingEpisodeIntent intent;
    core::MissingEpisode& e = s.episode;
    const bool existing = !e.meta.id.empty();
    if (ui::topBar(existing ? "Missing episode" : "Missing from placement", true))
        intent.kind = MissingEpisodeIntent::Kind::Back;

    ui::beginCard();
    ui::fieldLabel("Kind");
    ui::enumChips("missing.kind", e.kind);
    ui::beginSplit(0.62f);
    dateField("Went missing on", "missing.start-date", s.startDate, today, false);
    ui::splitNext();
    timeField("At", "missing.start-time", s.startTime);
    ui::endSplit();
    s.error.under("started_at");
    ui::endCard();
    ui::spacer(4);

    ui::beginCard();
    ui::toggle("missing.still", "Still missing", s.stillMissing);
    if (!s.stillMissing) {
        ui::beginSplit(0.62f);
        dateField("Came back on", "missing.end-date", s.endDate, today, true);
        ui::splitNext();
        timeField("At", "missing.end-time", s.endTime);
        ui::endSplit();
        s.error.under("ended_at");
    }
    ui::endCard();
    ui::spacer(4);

    ui::beginCard();
    ui::heading("Return interview");
    ui::toggle("missing.offered", "Offered", e.interviewOffered);
    if (e.interviewOffered) {
        ui::toggle("missing.accepted", "Accepted", e.interviewAccepted);
        dateField("Date (optional)", "missing.interview-date", s.interviewDateText, today, true, false);
        s.error.under("interview_date");
    }
    ui::multilineField("Notes", "missing.notes", e.notes, 3, "Where they were found, who with, how they are");
    s.error.under("notes");
    ui::endCard();
    ui::spacer(6);

    formBanner(s.error);
    if (ui::primaryButton(existing ? "Save changes" : "Save episode"))
        intent.kind = MissingEpisodeIntent::Kind::Save;
    ui::tag("missing.save");
    if (existing) {
        ui::spacer(4);
        if (ui::dangerButton("Delete episode")) s.confirmDelete = true;
        ui::tag("missing.delete");
    }
    if (ui::confirmDialog("Delete episode?", "Delete this episode?", "The change log keeps a trace.",
                          "Delete", s.confirmDelete))
        intent.kind = MissingEpisodeIntent::Kind::Delete;
    ui::spacer(12);
    return intent;
}

} // namespace throughline::app
