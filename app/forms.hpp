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

/// Drafts are kept as simple "key=value" lines with escaped newlines.
std::string encodeFields(const std::map<std::string, std::string>& fields);
std::map<std::string, std::string> decodeFields(std::string_view text);

/// "3 days ago" style text for an optional last contact.
std::string lastContactText(const std::optional<core::Date>& last, const core::Date& today);

} // namespace throughline::app
