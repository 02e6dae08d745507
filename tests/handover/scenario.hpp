#pragma once
// Invented scenarios for handover summary tests and benchmarks. No real people or places.
#include "throughline/handover.hpp"

namespace tlhandover {

/// The fixed scenario behind the golden files: Tayo ("Tay"), moved from Wexmoor to Gullhaven, as of
/// Thu 15 Jan 2026. Its placement address and home name appear on purpose inside recorded text too.
throughline::core::HandoverInput fixedScenario();

/// The confidential strings of fixedScenario(): none may appear in a redacted summary.
inline const char* scenarioAddress = "7 Plover Rise, Gullhaven, GH4 9QX";
inline const char* scenarioStreet = "Plover Rise";
inline const char* scenarioPostcode = "GH4 9QX";
inline const char* scenarioHomeName = "Plover House";
inline const char* scenarioProvider = "Saltmarsh Care Partnership";

/// A 12-month placement with `contacts` contact records and `members` network members (benchmarks).
throughline::core::HandoverInput largeScenario(int contacts = 2000, int members = 60);

} // namespace tlhandover
