#pragma once
// Invented scenarios for handover summary tests and benchmarks. No real people or places.
#include "throughline/handover/handover.hpp"

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

/// fixedScenario() with records from other vaults: this vault (Rhys Calloway) wrote most of them; Dana
/// Okafor's monthly visits came from her vault (a verified contact), the rowing club sessions from Imani
/// Okoro's (a contact not yet verified), and the missing episode from a device that is no longer a contact.
throughline::core::HandoverInput sourcesScenario();
inline const char* scenarioOwnDevice = "5e1f0c2a9b7d4e61";
inline const char* scenarioDanaDevice = "d4a7c0e19f3b2a58";
inline const char* scenarioImaniDevice = "71de9a04c6b85f32";
inline const char* scenarioGoneDevice = "c3b40e7d1a92f6e0";

/// A 12-month placement with `contacts` contact records and `members` network members (benchmarks).
throughline::core::HandoverInput largeScenario(int contacts = 2000, int members = 60);

} // namespace tlhandover
