#pragma once
// The relational picture of one young person: which tracks are used, where, when and for what, and the
// gaps and silences worth a person's attention. Pure functions over plain structs: no I/O, no clock (the
// caller passes `today` and `now`), deterministic ordering everywhere so summaries can be byte-identical.
#include "throughline/base/result.hpp"
#include "throughline/records/records.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace throughline::core {

/// Time point of the relocation a date falls in.
enum class Phase : std::uint8_t { Before, During, Ending };
/// Contacts in a period compared with the previous period of equal length.
enum class Trend : std::uint8_t { More, Same, Fewer };
/// What happened to a relationship across the move.
enum class MemberStatus : std::uint8_t {
    Maintained, // contact before the move and during the placement
    Disrupted,  // contact before the move, none during
    New,        // first contact during the placement
    Dormant     // no contact before or during
};
/// How much a gap matters; gaps are listed most serious first.
enum class Severity : std::uint8_t { Info, Warning, Serious };
TL_DECLARE_ENUM_TABLE(Phase);
TL_DECLARE_ENUM_TABLE(Trend);
TL_DECLARE_ENUM_TABLE(MemberStatus);
TL_DECLARE_ENUM_TABLE(Severity);

/// Thresholds of the analysis; the defaults follow practice guidance and can be overridden.
struct InsightSettings {
    int endingWindowDays = 28;      // "ending" = the last N days before a planned or actual end
    int trackSilenceDays = 21;      // a whole track with no contact for N days is a silence
    int missingInterviewHours = 72; // a return interview should be offered within N hours of return
    int familyTimeFailureNumerator = 1, familyTimeFailureDenominator = 3; // more than this share failing
    int evidenceLimit = 20; // at most this many evidence ids on a gap built from many records
    int familyCollaborationSilenceWeeks = 6; // family collaboration before the move, none for N weeks since
};

/// Everything the analysis needs about one young person: their records and the day it runs on. Placement
/// locations are never needed and loadInsightInput leaves them empty.
struct InsightInput : YoungPersonRecords {
    Date today;
    std::int64_t nowMs = 0; // UTC ms; 0 = the end of `today` (UTC)
};

/// An inclusive range of dates.
struct Period {
    Date from, to;
    /// Number of days, counting both ends (0 when `to` is before `from`).
    std::int64_t days() const;
    bool contains(const Date& d) const { return from <= d && d <= to; }
    /// The period of equal length just before this one.
    Period previous() const;
};

/// The placement the analysis is about: the current one on `today`, else the latest to start. Null when
/// there is none.
const Placement* focusPlacement(const InsightInput& input);
/// The default period: the focus placement's start to today (or to its end if it has ended); with no
/// placement, the last 90 days.
Period defaultPeriod(const InsightInput& input);

/// The phase of `date` for a placement: before its start, during it, or ending (on or after the first day
/// of the ending window before the actual end, else the planned end).
Phase phaseOf(const Placement& placement, const Date& date, const InsightSettings& settings = {});
/// The first day of the ending window, when the placement has a planned or actual end.
std::optional<Date> endingFrom(const Placement& placement, const InsightSettings& settings = {});

/// The tracks a contact counts for, each once, in track order: its participants' tracks; with no known
/// participants, its kind's track (phone/video calls and messages with nobody recorded count for none).
std::vector<Track> tracksOf(const ContactRecord& contact, const std::vector<NetworkMember>& members);

/// One cell of the matrix: a track in a place at a phase.
struct MatrixCell {
    int happened = 0, cancelled = 0, declined = 0, didNotAttend = 0;
    std::optional<Date> lastContact;           // last contact that happened
    std::optional<std::int64_t> daysSinceLast; // from lastContact to the period's end
    std::uint32_t uses = 0;                    // Use flags recorded on contacts that happened
    int recorded() const { return happened + cancelled + declined + didNotAttend; }
};

/// Track (3) x place (3) x phase (3), counting the contacts in a period.
struct RelationalMatrix {
    std::array<MatrixCell, 27> cells{};
    static std::size_t index(Track t, Place p, Phase ph) {
        return (static_cast<std::size_t>(t) * 3 + static_cast<std::size_t>(p)) * 3 +
               static_cast<std::size_t>(ph);
    }
    MatrixCell& at(Track t, Place p, Phase ph) { return cells[index(t, p, ph)]; }
    const MatrixCell& at(Track t, Place p, Phase ph) const { return cells[index(t, p, ph)]; }
};

/// One network member's picture in the period.
struct MemberInsight {
    std::string memberId, name;
    Track track = Track::Family;
    Place place = Place::HomeArea;
    Role role = Role::Parent;
    int contactsInPeriod = 0;        // contacts that happened
    int contactsPreviousPeriod = 0;  // in the previous period of equal length
    std::optional<Date> lastContact; // last contact that happened, up to the period's end
    Trend trend = Trend::Same;
    MemberStatus status = MemberStatus::Dormant;
};

/// A rule of the gap analysis: data, so that the list can be shown, documented and tested.
struct GapRule {
    std::string_view id;          // stable key, e.g. "track_silence"
    std::string_view title;       // short heading
    std::string_view explanation; // template; {placeholders} filled from the finding
    Severity severity;
};
/// The rule table, in the order gaps of equal severity are listed.
const std::vector<GapRule>& gapRules();
const GapRule* findGapRule(std::string_view id);

/// One gap or silence found, with the records behind it.
struct Gap {
    std::string ruleId, title, explanation; // explanation in plain English, naming people and dates
    Severity severity = Severity::Info;
    std::vector<std::string> evidenceIds; // records behind the finding, sorted (ids of contacts etc.)
    std::optional<Track> track;
    std::string memberId; // when the gap is about one person
};

/// One person counted in a cell of the phase picture, with how many of the cell's contacts they were in.
struct PhasePerson {
    std::string memberId, name;
    int contacts = 0;
};

/// One cell of a phase's grid: the contacts that happened on a track in the phase and recorded a use.
struct PhaseCell {
    int contacts = 0;                // contacts that happened and recorded this use
    std::vector<PhasePerson> people; // the track's network members in them, by name then id
    bool empty() const { return contacts == 0; }
};

/// One phase of the move (before / during / ending): a track (3) x use (3) grid and what it says.
struct PhaseGrid {
    Phase phase = Phase::Before;
    /// The dates of the phase inside the picture's period; absent when none of the period falls in the
    /// phase (the ending has not begun, or no end date is recorded).
    std::optional<Date> from, to;
    std::array<PhaseCell, 9> cells{};   // track-major: index(track, use)
    std::array<int, 3> trackContacts{}; // contacts that happened on each track, whatever their use
    std::array<int, 3> withoutUse{};    // of those, contacts that recorded no use
    int contacts = 0;                   // contacts that happened in the phase (each once)
    std::vector<std::string> findings;  // plain-English sentences, fixed order
    static std::size_t index(Track t, Use u);
    PhaseCell& at(Track t, Use u) { return cells[index(t, u)]; }
    const PhaseCell& at(Track t, Use u) const { return cells[index(t, u)]; }
};

/// The relational picture per phase: the research's "siloed practice" figure for one young person. It
/// covers `period` (phasePicturePeriod by default: the focus placement's whole history, the move before it
/// included), phased against the focus placement with phaseOf.
struct PhasePicture {
    Period period;
    bool hasPlacement = false; // false: no placement, every contact counts as during and phases are not split
    std::string placementId;
    std::optional<Date> placementStart, endingFrom;
    std::array<PhaseGrid, 3> phases{}; // before, during, ending
};

/// The period a phase picture covers by default. To: `to` if given, else today; never after the focus
/// placement's actual end. From: the day after the young person's previous placement ended (an earlier move
/// is another story), else their first recorded contact, and never after the focus placement's start. With
/// no placement: defaultPeriod().
Period phasePicturePeriod(const InsightInput& input, std::optional<Date> to = std::nullopt);
/// Counts the contacts that happened in `period` into the grid of their phase: once for each track among
/// their participants (tracksOf) and each use they recorded; then writes the findings.
PhasePicture computePhasePicture(const InsightInput& input, const Period& period,
                                 const InsightSettings& settings = {});
/// Wording shared by every place the picture is shown (summaries, app, presentation):
/// "Before the move", "During the placement", "Ending the placement" ("The period" with no placement).
std::string phaseTitle(const PhaseGrid& grid, bool hasPlacement);
/// "Sat 10 Jan 2026 to Sat 28 Feb 2026", or "Nothing recorded" (before) / "Not begun" when the phase has no
/// dates.
std::string phaseDates(const PhaseGrid& grid);
/// "None", "1 contact", "2 contacts: Odile Hallowell", "2 contacts: Bea Hallowell in 1 and Odile Hallowell in
/// 2".
std::string phaseCellText(const PhaseCell& cell);
/// What the picture covers, in one sentence.
std::string phasePictureCoverage(const PhasePicture& picture);

/// The whole picture for a period.
struct Insight {
    Period period;
    Date asOf;               // the period's end, or today if earlier: "days since" are counted to here
    std::string placementId; // the focus placement; empty when there is none
    std::optional<Date> placementStart, placementEnd, endingFrom;
    RelationalMatrix matrix;
    std::vector<MemberInsight> members; // by track, place, name, id
    std::vector<Gap> gaps;              // most serious first, then rule order, then track, name, evidence
    PhasePicture phasePicture;          // over phasePicturePeriod(input, period.to), not `period`
};

/// The matrix of contacts in `period`.
RelationalMatrix computeMatrix(const InsightInput& input, const Period& period,
                               const InsightSettings& settings = {});
/// Every network member's picture in `period`.
std::vector<MemberInsight> computeMembers(const InsightInput& input, const Period& period,
                                          const InsightSettings& settings = {});
/// Every rule in the table, run over `period`, in the deterministic order described on Insight::gaps.
std::vector<Gap> findGaps(const InsightInput& input, const Period& period,
                          const InsightSettings& settings = {});
/// All of the above.
Insight computeInsight(const InsightInput& input, const Period& period, const InsightSettings& settings = {});
inline Insight computeInsight(const InsightInput& input) {
    return computeInsight(input, defaultPeriod(input));
}

class Store;
/// Reads one young person's records from the store (Store::recordsOf) with the store's today and the
/// current time: the input of every analysis of the open vault.
Result<InsightInput> loadInsightInput(Store& store, const std::string& youngPersonId);

/// The picture as JSON (schema "throughline.insight/1", documented in docs/cli.md), keys in a fixed order
/// so that the same picture always gives the same bytes. `person` names the young person.
std::string insightToJson(const Insight& insight, const YoungPerson& person);

/// What changed between two versions of a safety plan, one plain-English line per change, in field order.
/// People are named from `members` (an id not found there is shown as "someone no longer in the network").
std::vector<std::string> diffSafetyPlans(const SafetyPlan& previous, const SafetyPlan& current,
                                         const std::vector<NetworkMember>& members);

} // namespace throughline::core
