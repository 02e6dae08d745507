#pragma once
// Dates are local calendar dates (what a worker writes on a form); instants are UTC milliseconds.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace throughline::core {

/// A calendar date with no time zone (e.g. a date of birth or the day of a visit).
struct Date {
    int year = 0, month = 0, day = 0;
    bool valid() const;
    /// Days since 1970-01-01 (negative before).
    std::int64_t toDays() const;
    static Date fromDays(std::int64_t days);
    /// ISO form `2026-03-03`.
    std::string iso() const;
    /// UK display form `Tue 3 Mar 2026`.
    std::string display() const;
    static std::optional<Date> parseIso(std::string_view text);
    /// Today in the machine's local time zone.
    static Date today();
    Date addDays(std::int64_t n) const { return fromDays(toDays() + n); }
    auto operator<=>(const Date&) const = default;
};

/// Minutes after midnight, 0..1439.
struct TimeOfDay {
    int minutes = 0;
    std::string hhmm() const;
    static std::optional<TimeOfDay> parse(std::string_view text);
    static TimeOfDay now();
    auto operator<=>(const TimeOfDay&) const = default;
};

/// Milliseconds since the Unix epoch, UTC.
std::int64_t nowMillis();
/// The UTC date of an instant (milliseconds since the Unix epoch; earlier instants round down).
Date dateOfInstant(std::int64_t millis);
/// `2026-03-03T14:05:00Z`.
std::string isoInstant(std::int64_t millis);
std::optional<std::int64_t> parseIsoInstant(std::string_view text);
/// "3 days ago", "today", "yesterday".
std::string daysAgoText(std::int64_t days);
/// "0 days", "1 day", "2 days": a count of days with its noun in agreement.
std::string daysText(std::int64_t days);

} // namespace throughline::core
