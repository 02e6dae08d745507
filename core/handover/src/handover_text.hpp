#pragma once
// Wording shared by the handover renderers, so the four formats say the same thing the same way.
#include "throughline/handover/handover.hpp"

#include <array>

#include <string>
#include <string_view>
#include <vector>

namespace throughline::core::handover_text {

inline constexpr std::string_view marking = "OFFICIAL-SENSITIVE";
inline constexpr std::string_view title = "Handover summary";

/// "Since the last handover to Priya Latimer", "The whole placement so far", ...
std::string periodBasis(const HandoverSummary& s);
/// "Mon 1 Jun 2025 to Thu 15 Jan 2026 (229 days)".
std::string periodLine(const HandoverSummary& s);
/// "Kian Wadsworth (Ki), he/him, 15": the heading line for the young person.
std::string personLine(const HandoverSummary& s);
/// Rows of label/value facts about the young person and placement (location rows only when included).
std::vector<std::pair<std::string, std::string>> factRows(const RedactedSummary& r);
/// "Sat 3 Jan 2026, 22:10 UTC".
std::string instant(std::int64_t ms);
/// One line for a missing episode.
std::string missingLine(const MissingEntry& m);
/// Return interview text for a missing episode.
std::string interviewLine(const MissingEntry& m);
std::string concernFlags(const std::vector<Concern>& flags);
std::string actionDue(const ActionEntry& a);
std::string endingDirection(const EndingFacts& e);
std::string relationshipText(std::string_view key);
/// The placeholder sentences while the insight engine and safety plan are not merged in.
std::string gapsUnavailable();
/// "Serious: Family time planned but not happening"; warnings and information keep the plain title.
std::string gapTitle(const GapEntry& g);
std::string safetyPlanUnavailable();
/// One line of "At a glance": important lines are shown in bold, alerts also in red (never by colour alone).
struct GlanceLine {
    std::string text;
    bool important = false, alert = false;
};
/// The summary in a few lines: contacts, silent tracks, gaps by title, voice, missing, actions.
std::vector<GlanceLine> atAGlance(const HandoverSummary& s);

/// "Where these records come from": the heading, the sentence under it, and per source a title
/// ("This vault (Rhys Calloway, Wexmoor Borough Council)", "Received from Dana Okafor's vault (…)", "From a
/// device that is no longer a contact (device 3f9a01c2)"), what it holds ("8 contacts", "12 records: …"),
/// who wrote them ("Written by Dana Okafor.") and the check ("" for this vault, "Verified: …", "Not verified:
/// …"). `unverified` is true for a contact not yet verified and for an unknown device.
inline constexpr std::string_view sourcesHeading = "Where these records come from";
std::string sourcesIntro(const HandoverSummary& s);
std::string sourceTitle(const SourceFacts& f);
std::string sourceRecords(const SourceFacts& f);
std::string sourceAuthors(const SourceFacts& f);
std::string sourceCheck(const SourceFacts& f);
bool unverified(const SourceFacts& f);
/// Who recorded an item that came from another vault: "Recorded by Dana Okafor, Wexmoor Borough Council
/// (received from their vault, verified)"; empty for items written in this vault.
std::string originLine(const SourceFacts& source, const ItemOrigin& o);
std::string originLine(const HandoverSummary& s, const ItemOrigin& o);
/// True when the item came from a source that is not verified (its origin line is then shown as an alert).
bool originUnverified(const HandoverSummary& s, const ItemOrigin& o);

/// "Relationships per phase": the relational picture per phase (track x use for before the move, during it
/// and ending it). `phaseIntro` says what it covers (or that it is not part of the summary); `phaseUses`
/// are the grid's columns in order.
inline constexpr std::string_view phaseHeading = "Relationships per phase";
std::string phaseIntro(const HandoverSummary& s);
inline constexpr std::array<Use, 3> phaseUses = {Use::Consistency, Use::Collaboration, Use::Safety};
inline constexpr std::array<Track, 3> phaseTracks = {Track::Practitioner, Track::Family,
                                                     Track::PeerCommunity};
/// "Before the move: Sat 10 Jan 2026 to Sat 28 Feb 2026".
std::string phaseSubheading(const HandoverSummary& s, const PhaseGrid& g);

/// The name at the centre of the map: the preferred name, else the first name (it must fit a small circle).
std::string mapCentreLabel(const HandoverSummary& s);
std::string optDate(const std::optional<Date>& d, std::string_view none = "not recorded");

/// The network map in words, for readers who cannot see it (the PDF figure's /Alt, the HTML SVG's
/// description): who is where on which track, which relationships are protective, which had no contact in the
/// period, where the young person sees it differently. Built from the same (redacted) members the map is
/// drawn from, so it never holds more than the map.
std::string mapDescription(const HandoverSummary& s);

/// One list of the safety plan with its heading, in the young person's words.
struct SafetyPlanList {
    const char* label;
    const std::vector<std::string>* items;
};
/// The safety plan's lists in reading order (every renderer shows the non-empty ones under these headings).
std::array<SafetyPlanList, 7> safetyPlanLists(const SafetyPlanFacts& sp);

} // namespace throughline::core::handover_text
