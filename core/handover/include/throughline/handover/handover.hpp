#pragma once
// The handover summary: a deterministic model of one young person's period, built from plain records,
// redacted before any renderer sees it, then rendered as PDF, HTML, Markdown or JSON.
#include "throughline/records/enums.hpp"
#include "throughline/insight/insight.hpp"
#include "throughline/records/records.hpp"
#include "throughline/records/redaction.hpp"
#include "throughline/base/result.hpp"
#include "throughline/base/time.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace throughline::core {

/// Version of the JSON schema (docs/summary-schema.md). Bump on any incompatible change.
inline constexpr int handoverSchemaVersion = 1;
/// Version of the summary's `phasePicture` part (docs/summary-schema.md), versioned on its own.
inline constexpr int phasePictureSchemaVersion = 1;

/// A device other than this vault's that wrote records, as this vault's contacts know it (sync/identity.hpp).
struct KnownDevice {
    std::string device;             // the device id carried by records (RecordMeta::device)
    std::string name, organisation; // from the contact's card
    bool verified = false;          // the contact's fingerprint has been confirmed by the user
};

/// Everything the summary is built from: plain records, no vault. `today` and `preparedOn` are passed in
/// so that the same input always gives the same summary (and the same bytes from every renderer).
struct HandoverInput {
    YoungPerson person;
    std::vector<Placement> placements; // all of the young person's placements
    std::vector<NetworkMember> members;
    std::vector<ContactRecord> contacts;
    std::vector<FollowUpAction> actions;
    std::vector<MissingEpisode> missingEpisodes;
    Date today;
    std::optional<Date> from, to;           // requested period; defaults below
    std::optional<Date> lastHandoverExport; // last export to this recipient, if known
    std::string recipient;                  // who the summary is for (may be empty)
    std::string preparedBy, organisation;   // the vault owner
    /// Plan for ending the relocation when one has been recorded ("return_home" / "settle"); empty = not
    /// recorded. Kept as text because the record model has no field for it yet.
    std::string endingDirection;
    /// The insight engine's picture of the same period (insight.hpp). When absent and `runInsight` is set,
    /// buildHandoverSummary computes it over the summary's period; its gaps and member statuses are used.
    std::optional<Insight> insight;
    bool runInsight = true;
    InsightSettings insightSettings;
    /// The current safety plan and the version before it, if any. What changed is listed from
    /// diffSafetyPlans unless `safetyPlanChanges` is already filled in.
    std::optional<SafetyPlan> safetyPlan, previousSafetyPlan;
    std::vector<std::string> safetyPlanChanges;
    /// Where the records came from. Records whose `meta.device` is empty or `ownDevice` were written in this
    /// vault; any other device is looked up in `knownDevices` (the contacts whose devices wrote records) and
    /// is an unknown device when it is not there (e.g. the contact was removed). Filled by loadHandoverInput.
    std::string ownDevice;
    std::vector<KnownDevice> knownDevices;
    /// What must not leave beyond the placements above (deleted placements, earlier values of their
    /// location fields): filled by loadHandoverInput from Store::confidentialSet. buildHandoverSummary adds
    /// every placement in `placements` to it either way.
    ConfidentialSet confidential;
};

/// How the period was chosen, so the reader knows what it covers.
enum class PeriodBasis : std::uint8_t { Requested, SinceLastHandover, WholePlacement, NoPlacement };

struct HandoverPeriod {
    Date from, to;
    PeriodBasis basis = PeriodBasis::WholePlacement;
    int days() const { return static_cast<int>(to.toDays() - from.toDays()) + 1; }
};

/// The placement, with its confidential location (emptied by redact() unless included on purpose).
struct PlacementFacts {
    bool present = false;
    PlacementType type = PlacementType::U6;
    std::string placementArea, homeAuthority;
    Date start;
    std::optional<Date> plannedEnd, actualEnd;
    std::vector<Harm> reasons;
    std::string outOfAreaReason;
    int daysInPlacement = 0; // as of the end of the period
    bool locationRecorded = false;
    // Confidential: address, carer or home name, provider.
    std::string locationAddress, locationName, provider;
};

/// One person in the network with what the period's records say about them.
struct MemberFacts {
    std::string id, name;
    Track track = Track::Family;
    Role role = Role::Parent;
    Place place = Place::HomeArea;
    View workerView = View::NotKnown, youngPersonView = View::NotKnown;
    Arrangement arrangement = Arrangement::Encouraged;
    int contactsInPeriod = 0;    // contacts that happened
    int notHappenedInPeriod = 0; // cancelled, declined or not attended
    int contactsBeforePeriod = 0;
    std::optional<Date> lastContact; // last that happened, up to the end of the period
    /// Maintained / disrupted / new / dormant: derived here from before/within the period. The insight
    /// engine (insight.hpp) computes the same against the placement phases; see HandoverSummary::insight.
    std::string relationship;
};

/// Contacts on one track in one place during the period.
struct TrackPlaceCell {
    Track track = Track::Family;
    Place place = Place::HomeArea;
    int happened = 0, notHappened = 0, members = 0;
    std::optional<Date> lastContact;
    std::uint32_t uses = 0; // Use flags recorded on contacts that happened
};

/// Plain facts for one track: who, how often, maintained / disrupted / new.
struct TrackFacts {
    Track track = Track::Family;
    int happened = 0, notHappened = 0;
    std::optional<Date> lastContact;
    std::uint32_t uses = 0;         // consistency / collaboration / safety recorded on the track's contacts
    std::vector<std::string> lines; // sentences, in a fixed order
};

/// Where one origin of the summary's records is: this vault, a contact's vault, or a device that is no
/// longer (or never was) a contact of this vault.
enum class SourceKind : std::uint8_t { ThisVault, Contact, UnknownDevice };

/// How many of the summary's records came from one source. Counted: contacts dated in the period,
/// network members listed, missing episodes and open actions listed, the placement shown, the current safety
/// plan and the young person's own record. A record belongs to the device it was first written on.
struct SourceCounts {
    int contacts = 0, networkMembers = 0, missingEpisodes = 0, openActions = 0;
    int placement = 0, safetyPlan = 0, youngPerson = 0;
    int total() const {
        return contacts + networkMembers + missingEpisodes + openActions + placement + safetyPlan +
               youngPerson;
    }
};

/// One origin of the summary's records.
struct SourceFacts {
    SourceKind kind = SourceKind::ThisVault;
    std::string device;             // device id; may be empty for this vault
    std::string name, organisation; // this vault: the owner; a contact: their card; unknown device: empty
    /// This vault: always true. A contact: their fingerprint was confirmed. An unknown device: false.
    bool verified = true;
    std::vector<std::string> authors; // who wrote its records (RecordMeta::author), sorted, no blanks
    SourceCounts counts;
};

/// Who wrote one item of the summary. `elsewhere` is false for records written in this vault; otherwise
/// `source` is the index of their origin in HandoverSummary::sources.
struct ItemOrigin {
    bool elsewhere = false;
    std::size_t source = 0;
    std::string device;       // the device that wrote it; empty for this vault
    std::string author;       // RecordMeta::author, or the source's name when none was recorded
    std::string organisation; // the source's organisation, when known
};

/// The young person's own words from one contact, verbatim.
struct VoiceEntry {
    Date date;
    std::string context; // e.g. "Family time with Sandra Wadsworth (mum), home area"
    std::string words;
    ItemOrigin origin; // who recorded them, when not in this vault
};

/// A concern recorded on a contact.
struct ConcernEntry {
    Date date;
    std::string context;
    std::vector<Concern> flags;
    std::string text;
    ItemOrigin origin;
};

struct MissingEntry {
    MissingKind kind = MissingKind::Missing;
    std::int64_t startedAt = 0;
    std::optional<std::int64_t> endedAt;
    bool interviewOffered = false, interviewAccepted = false;
    std::optional<Date> interviewDate;
    std::string notes;
    ItemOrigin origin;
};

struct ActionEntry {
    std::string description, owner;
    std::optional<Date> due;
    bool overdue = false;
};

/// A gap or silence, with its plain-English explanation and the evidence behind it.
struct GapEntry {
    std::string rule, severity, title, explanation; // severity: "serious", "warning" or "info"
    std::vector<std::string> evidence;
};

/// The young person's current safety plan and what changed since the previous version.
struct SafetyPlanFacts {
    bool present = false;
    int version = 0;
    std::optional<Date> writtenOn, reviewDue;
    bool reviewOverdue = false;
    bool youngPersonHelpedWrite = false, youngPersonAgrees = false;
    std::vector<std::string> peopleToTurnTo, safePlaces, unsafePlaces, whatHelps, youngPersonAgreed,
        adultsAgreed, changes;
};

/// The plan for ending the relocation and what the relationships say about it.
struct EndingFacts {
    std::string direction; // "return_home", "settle" or "" (not recorded)
    std::optional<Date> plannedEnd;
    std::optional<int> daysToPlannedEnd;
    std::vector<std::string> lines;
};

/// The whole summary. Build with buildHandoverSummary(); pass through redact() before rendering.
struct HandoverSummary {
    int schemaVersion = handoverSchemaVersion;
    std::string youngPersonId, name, preferredName, pronouns, caseReference, homeAuthority;
    std::optional<Date> dateOfBirth;
    std::optional<int> ageAtEnd;
    std::string preparedBy, organisation, recipient;
    Date preparedOn; // the `today` passed in: never the clock
    HandoverPeriod period;
    PlacementFacts placement;
    std::vector<MemberFacts> network;   // by track, place, then name
    std::vector<TrackPlaceCell> matrix; // 3 tracks x 3 places, fixed order
    std::vector<TrackFacts> tracks;     // 3, fixed order
    std::vector<GapEntry> gaps;
    bool insightAvailable = false; // true once the insight engine's gaps and matrix are merged in
    /// The relational picture per phase (insight.hpp: track x use for before the move, during it and
    /// ending it), from the insight engine: over the placement's whole story up to the period's end, the
    /// time before the move included, not only the period. Its own versioned part of the JSON.
    bool phasePictureAvailable = false;
    PhasePicture phasePicture;
    std::vector<VoiceEntry> voice; // most recent first
    SafetyPlanFacts safetyPlan;
    std::vector<MissingEntry> missing;
    std::vector<ConcernEntry> concerns; // most recent first
    std::vector<ActionEntry> openActions;
    int overdueActions = 0;
    EndingFacts ending;
    int contactsInPeriod = 0, contactsNotHappened = 0;
    /// Where the records came from: this vault first (always present), then contacts' vaults by name, then
    /// unknown devices by device id. Only sources with at least one counted record besides this vault.
    std::vector<SourceFacts> sources;
    /// What redact() withholds: the confidential set of every placement of the young person (current and
    /// past), whichever placement the period shows. Never rendered; redact() empties it.
    ConfidentialSet confidential;
};

/// The period a summary covers: requested dates win; else since the last handover to this recipient; else
/// the current (or latest) placement; else the last 28 days.
HandoverPeriod choosePeriod(const HandoverInput& input);

/// Builds the summary. Pure and deterministic: same input, same summary.
HandoverSummary buildHandoverSummary(const HandoverInput& input);

/// What may leave the vault.
struct RedactionOptions {
    bool includeLocation = false; // only with a named recipient
    std::string recipient;
};

/// A summary that has been through redact(). Renderers accept only this type, so they cannot see what
/// redaction removed.
class RedactedSummary {
  public:
    const HandoverSummary& model() const { return m_model; }
    bool locationIncluded() const { return m_locationIncluded; }

  private:
    friend Result<RedactedSummary> redact(HandoverSummary summary, const RedactionOptions& options);
    RedactedSummary() = default;
    HandoverSummary m_model;
    bool m_locationIncluded = false;
};

/// Removes the placement address, carer or home name and provider (and blanks those strings wherever
/// else they occur, e.g. in the young person's words, marking the cut) unless includeLocation is set
/// with a recipient. Invalid when includeLocation has no recipient.
Result<RedactedSummary> redact(HandoverSummary summary, const RedactionOptions& options);

enum class HandoverFormat : std::uint8_t { Pdf, Html, Markdown, Json };
std::optional<HandoverFormat> handoverFormatFromKey(std::string_view key);
std::string_view handoverFormatKey(HandoverFormat f);

/// Renderers: same summary, same bytes.
std::string renderJson(const RedactedSummary& summary);
std::string renderMarkdown(const RedactedSummary& summary);
std::string renderHtml(const RedactedSummary& summary);
Result<std::string> renderPdf(const RedactedSummary& summary);
Result<std::string> renderHandover(const RedactedSummary& summary, HandoverFormat format);

} // namespace throughline::core
