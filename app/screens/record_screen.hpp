#pragma once
// Record a contact in under a minute: kind → people → status and when → how it went and what it did →
// the young person's own words → save. Concerns and follow-up actions are optional.
#include "app/screens/common.hpp"

#include "throughline/records/records.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace throughline::app {

/// The form as typed (text stays text until saved, so a half-typed date survives a draft round trip).
struct RecordForm {
    std::string editingId; // empty for a new record
    std::string youngPersonId;
    core::ContactKind kind = core::ContactKind::FamilyTime;
    core::ContactStatus status = core::ContactStatus::Happened;
    core::CancelledBy cancelledBy = core::CancelledBy::NotRecorded;
    std::vector<std::string> participantIds;
    std::string dateText, timeText, durationText;
    core::Place place = core::Place::PlacementArea;
    core::Rating rating = core::Rating::NotRated;
    std::uint32_t uses = 0;
    std::string words, observations, concernText;
    std::uint32_t concernFlags = 0;
    bool hasConcern = false;
    std::vector<std::string> newActions;
    std::string actionText;

    /// A new record for a young person: today, now, family time, happened.
    static RecordForm fresh(const std::string& youngPersonId, const core::Date& today,
                            const core::TimeOfDay& now);
    static RecordForm fromContact(const core::ContactRecord& c);
    std::map<std::string, std::string> toFields() const;
    static RecordForm fromFields(const std::map<std::string, std::string>& fields);
    /// Copies the form into a record; false (and `error`) when a date or time cannot be understood.
    bool applyTo(core::ContactRecord& c, const core::Date& today, FormError& error) const;
    bool isEmpty() const;
    void wipe();
};

struct RecordState {
    RecordForm form;
    FormError error;
    bool editWhen = false;
    bool showAllPeople = false;
    bool confirmDelete = false, confirmDiscard = false;
    bool draftSaved = false;
    /// The contact as typed, on top of `stored` (the saved record when editing, else a blank one); nothing
    /// (and `error` set) when a date or time is not understood.
    std::optional<core::ContactRecord> toRecord(core::ContactRecord stored, const core::Date& today);
};

struct RecordView {
    std::string youngPersonName;
    std::vector<core::NetworkMember> people; // recent participants first
    core::Date today;
    core::TimeOfDay now;
};

struct RecordIntent {
    enum class Kind { None, Save, Cancel, Discard, Delete, AddPerson };
    Kind kind = Kind::None;
    bool changed = false; // the form changed this frame (for the throttled draft)
};

RecordIntent drawRecord(RecordState& state, const RecordView& view);

} // namespace throughline::app
