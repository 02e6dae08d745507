#pragma once
// Pure helpers shared by screens: parsing what people type, passphrase hints, draft encoding.
// No I/O here; everything is testable without a window.
#include "throughline/base/time.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace throughline::app {

/// Accepts "Tue 3 Mar 2026", "3 Mar 2026", "3/3/2026", "03-03-2026", "2026-03-03", "today", "yesterday".
std::optional<core::Date> parseUserDate(std::string_view text, const core::Date& today);
/// Accepts "14:05", "1405", "9:30", "9.30".
std::optional<core::TimeOfDay> parseUserTime(std::string_view text);

struct PassphraseHint {
    int score = 0;      // 0 (empty) .. 4 (strong)
    std::string label;  // "Too short", "Weak", "Fair", "Good", "Strong"
    std::string advice; // one line of advice
};
/// A rough strength hint (length and variety); the real minimum is enforced by core.
PassphraseHint assessPassphrase(std::string_view passphrase, std::size_t minLength);

/// Local date + time → UTC milliseconds, and back (uses the machine's time zone).
std::int64_t localToUtcMillis(const core::Date& date, const core::TimeOfDay& time);
void utcMillisToLocal(std::int64_t millis, core::Date& date, core::TimeOfDay& time);
/// "Tue 3 Mar 2026, 21:40".
std::string displayInstant(std::int64_t millis);

/// Whole years between a date of birth and today.
int ageOn(const core::Date& dateOfBirth, const core::Date& today);

/// Whether every number in a JSON text is a whole number of at most 18 digits (no fraction, no exponent,
/// no NaN or Infinity), strings skipped. The app's JSON (drafts, preferences) holds no other kind, and
/// rapidjson 1.1.0 (Debian 12, under cereal) has undefined behaviour in its full-precision reading of
/// doubles ("0e-322", "NaN.000…", "-18446744073709551615999"), so they are refused first.
bool jsonWholeNumbersOnly(std::string_view json);

/// A draft's fields as kept (encrypted) in the vault: cereal's JSON archive,
/// {"draft": {"format": 1, "fields": {"words": "…", …}}}.
std::string encodeDraft(const std::map<std::string, std::string>& fields);
/// Reads a draft: the JSON above, or the "key=value" lines drafts were kept in before it. Nothing for
/// anything else (a damaged draft, another format): it is not offered, never half-read.
std::optional<std::map<std::string, std::string>> decodeDraft(std::string_view text);
/// The earlier draft format: "key=value" lines with escaped newlines (read by decodeDraft; tests write it).
std::string encodeFields(const std::map<std::string, std::string>& fields);
std::map<std::string, std::string> decodeFields(std::string_view text);

/// "3 days ago" style text for an optional last contact.
/// The young person's words in curly quotation marks, unless they already open with a quotation mark of their
/// own (" ' “ ‘ « „ ‹): then as written, so that nothing is doubled.
std::string quotedWords(const std::string& words);

std::string lastContactText(const std::optional<core::Date>& last, const core::Date& today);

} // namespace throughline::app
