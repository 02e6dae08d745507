#pragma once
// The record model: plain structs that mirror the practice in DOMAIN.md.
#include "throughline/records/enums.hpp"
#include "throughline/base/result.hpp"
#include "throughline/base/time.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace throughline::core {

/// Kinds of record held in a vault. The key doubles as the table name.
enum class RecordKind : std::uint8_t {
    YoungPerson,
    Placement,
    NetworkMember,
    Contact,
    Action,
    MissingEpisode,
    SafetyPlan
};
TL_DECLARE_ENUM_TABLE(RecordKind);

/// Who made a record, when and where. Filled in by the write path, never by forms.
struct RecordMeta {
    std::string id;                            // UUID v4, lower-case
    std::int64_t createdAt = 0, updatedAt = 0; // UTC ms
    std::string author, device;
    bool deleted = false;
};

/// A young person the key worker supports.
struct YoungPerson {
    RecordMeta meta;
    std::string name, preferredName;
    std::optional<Date> dateOfBirth;
    std::string pronouns, caseReference, homeAuthority, notes;
    /// The name to use in conversation: preferred name when given.
    const std::string& shownName() const { return preferredName.empty() ? name : preferredName; }
};

/// A relocation episode. The location fields are confidential: hidden on screen until revealed.
struct Placement {
    RecordMeta meta;
    std::string youngPersonId;
    PlacementType type = PlacementType::U6;
    std::string provider, placementArea;
    std::string locationAddress, locationName; // confidential: address, carer or home name
    Date start;
    std::optional<Date> plannedEnd, actualEnd;
    std::uint32_t reasons = 0; // Harm flags
    std::string outOfAreaReason;
    EndingPlan endingPlan = EndingPlan::NotDecided; // return to the home area, or settle where placed
    /// Not a stored field: true on a copy whose location a loader left out (Store::loadHome,
    /// Store::loadInsightInput). Saving such a copy keeps the stored location exactly as it is, so an
    /// editor fed from a redacted load cannot erase it. Only Vault::revealLocation fills the location in
    /// (audited); clear the flag once it has.
    bool locationWithheld = false;
    bool isCurrent(const Date& today) const { return start <= today && (!actualEnd || *actualEnd >= today); }
};

/// A person, group or place in the young person's life.
struct NetworkMember {
    RecordMeta meta;
    std::string youngPersonId;
    std::string name;
    Track track = Track::Family;
    Role role = Role::Parent;
    Place place = Place::HomeArea;
    View workerView = View::NotKnown, youngPersonView = View::NotKnown;
    Arrangement arrangement = Arrangement::Encouraged;
    std::string arrangementReason, source, notes;
    std::optional<Date> activeFrom, activeTo;
};

/// One contact: a visit, family time, a call, a cancelled or declined contact.
struct ContactRecord {
    RecordMeta meta;
    std::string youngPersonId;
    ContactKind kind = ContactKind::FamilyTime;
    ContactStatus status = ContactStatus::Happened;
    CancelledBy cancelledBy = CancelledBy::NotRecorded;
    Date date;
    std::optional<TimeOfDay> startTime;
    int durationMinutes = 0;                 // 0 = not recorded
    std::vector<std::string> participantIds; // NetworkMember ids
    Place place = Place::PlacementArea;
    std::string placeNote, supervisedBy;
    std::string youngPersonWords; // verbatim, marked as the young person's own
    std::string observations;     // the worker's
    Rating rating = Rating::NotRated;
    std::uint32_t uses = 0; // Use flags
    std::string concernText;
    std::uint32_t concernFlags = 0; // Concern flags
};

/// A follow-up action, usually raised from a contact.
struct FollowUpAction {
    RecordMeta meta;
    std::string youngPersonId, contactId;
    std::string description, owner;
    std::optional<Date> due;
    bool done = false;
};

/// A missing (M) or away-without-authorisation (A) episode.
struct MissingEpisode {
    RecordMeta meta;
    std::string youngPersonId;
    MissingKind kind = MissingKind::Missing;
    std::int64_t startedAt = 0;          // UTC ms
    std::optional<std::int64_t> endedAt; // UTC ms
    bool interviewOffered = false, interviewAccepted = false;
    std::optional<Date> interviewDate;
    std::string notes;
};

/// One version of the young person's safety plan, in their own words. Versions are never overwritten:
/// saving an edit creates the next version as a record of its own.
struct SafetyPlan {
    RecordMeta meta;
    std::string youngPersonId;
    int version = 0;                      // 1, 2, 3 ...; 0 = "the next one" when saving
    std::vector<std::string> peopleIds;   // people I can turn to (NetworkMember ids)
    std::string safePlaces, unsafePlaces; // places I feel safe / unsafe
    std::string whatHelps;                // what helps when things get hard
    std::string youngPersonAgreed;        // what I have agreed to
    std::string adultsAgreed;             // what the adults have agreed to
    bool youngPersonContributed = false;  // the young person helped write it
    bool youngPersonAgrees = false;       // the young person agrees with it
    std::optional<Date> reviewDate;
};

/// Length limits (characters, UTF-8 bytes) per kind of text field.
/// Text limits count characters (Unicode code points), never bytes: an emoji or a Tigrinya syllable is one
/// character, as a person counts it.
struct Limits {
    static constexpr std::size_t shortText = 120;  // names, references, roles
    static constexpr std::size_t mediumText = 500; // reasons, place notes, addresses
    static constexpr std::size_t longText = 20000; // notes, observations, the young person's words
    static constexpr int maxDurationMinutes = 24 * 60;
    static constexpr std::size_t maxParticipants = 50;
};

/// Validation: the first problem found, with a message naming the field. `today` is injectable for tests.
Status validate(const YoungPerson& r, const Date& today);
Status validate(const Placement& r, const Date& today);
Status validate(const NetworkMember& r, const Date& today);
Status validate(const ContactRecord& r, const Date& today);
Status validate(const FollowUpAction& r, const Date& today);
Status validate(const MissingEpisode& r, std::int64_t nowMs);
Status validate(const SafetyPlan& r, const Date& today);

/// Random UUID v4 (lower-case, hyphenated).
std::string newUuid();
bool isUuid(std::string_view s);

/// Every live record of one young person, as the analyses read them: placements with their location
/// withheld, members by name, contacts oldest first, actions by due date, missing episodes by start, and the
/// current safety plan version.
struct YoungPersonRecords {
    YoungPerson person;
    std::vector<Placement> placements;
    std::vector<NetworkMember> members;
    std::vector<ContactRecord> contacts;
    std::vector<FollowUpAction> actions;
    std::vector<MissingEpisode> missingEpisodes;
    std::optional<SafetyPlan> safetyPlan; // the current version, if any
};

} // namespace throughline::core
