#pragma once
// Wording shared by the handover renderers, so the four formats say the same thing the same way.
#include "throughline/handover.hpp"

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

/// The name at the centre of the map: the preferred name, else the first name (it must fit a small circle).
std::string mapCentreLabel(const HandoverSummary& s);
std::string optDate(const std::optional<Date>& d, std::string_view none = "not recorded");

} // namespace throughline::core::handover_text
