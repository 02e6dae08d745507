#include "throughline/base/time.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace throughline::core {

namespace {
// Howard Hinnant's civil-date algorithms (public domain formulation).
std::int64_t daysFromCivil(int y, int m, int d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}
bool isLeap(int y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}
int daysInMonth(int y, int m) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && isLeap(y) ? 29 : days[m - 1];
}
std::tm localNow() {
    std::time_t now = std::time(nullptr);
    std::tm local{};
#if defined(_WIN32)
    localtime_s(&local, &now);
#else
    localtime_r(&now, &local);
#endif
    return local;
}
bool parseInt(std::string_view s, int& out) {
    if (s.empty()) return false;
    int v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
        v = v * 10 + (c - '0');
    }
    out = v;
    return true;
}
} // namespace

bool Date::valid() const {
    return year >= 1900 && year <= 2200 && month >= 1 && month <= 12 && day >= 1 &&
           day <= daysInMonth(year, month);
}

std::int64_t Date::toDays() const {
    return daysFromCivil(year, month, day);
}

Date Date::fromDays(std::int64_t z) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return Date{static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

std::string Date::iso() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
}

std::string Date::display() const {
    static const char* wd[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"}; // 1970-01-01 was a Thursday
    static const char* mon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    if (!valid()) return "—";
    const std::int64_t days = toDays();
    const int w = static_cast<int>(((days % 7) + 7) % 7);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s %d %s %d", wd[w], day, mon[month - 1], year);
    return buf;
}

std::optional<Date> Date::parseIso(std::string_view t) {
    if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
    Date d;
    if (!parseInt(t.substr(0, 4), d.year) || !parseInt(t.substr(5, 2), d.month) ||
        !parseInt(t.substr(8, 2), d.day))
        return std::nullopt;
    if (!d.valid()) return std::nullopt;
    return d;
}

Date Date::today() {
    const std::tm local = localNow();
    return Date{local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

std::string TimeOfDay::hhmm() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60, minutes % 60);
    return buf;
}

std::optional<TimeOfDay> TimeOfDay::parse(std::string_view t) {
    if (t.size() != 5 || t[2] != ':') return std::nullopt;
    int h = 0, m = 0;
    if (!parseInt(t.substr(0, 2), h) || !parseInt(t.substr(3, 2), m)) return std::nullopt;
    if (h > 23 || m > 59) return std::nullopt;
    return TimeOfDay{h * 60 + m};
}

TimeOfDay TimeOfDay::now() {
    const std::tm local = localNow();
    return TimeOfDay{local.tm_hour * 60 + local.tm_min};
}

std::int64_t nowMillis() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

Date dateOfInstant(std::int64_t ms) {
    constexpr std::int64_t msPerDay = 86'400'000;
    return Date::fromDays(ms >= 0 ? ms / msPerDay : (ms - msPerDay + 1) / msPerDay);
}

std::string isoInstant(std::int64_t ms) {
    const std::int64_t secs = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
    const std::int64_t days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
    const std::int64_t rem = secs - days * 86400;
    const Date d = Date::fromDays(days);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", d.year, d.month, d.day,
                  static_cast<int>(rem / 3600), static_cast<int>(rem / 60 % 60), static_cast<int>(rem % 60));
    return buf;
}

std::optional<std::int64_t> parseIsoInstant(std::string_view t) {
    // Accepts YYYY-MM-DDTHH:MM[:SS]Z
    if (t.size() < 17 || t.back() != 'Z' || t[10] != 'T') return std::nullopt;
    auto date = Date::parseIso(t.substr(0, 10));
    if (!date) return std::nullopt;
    auto time = TimeOfDay::parse(t.substr(11, 5));
    if (!time) return std::nullopt;
    int sec = 0;
    if (t.size() == 20) {
        if (t[16] != ':' || !parseInt(t.substr(17, 2), sec) || sec > 59) return std::nullopt;
    } else if (t.size() != 17) {
        return std::nullopt;
    }
    return (date->toDays() * 86400 + time->minutes * 60 + sec) * 1000;
}

std::string daysText(std::int64_t days) {
    return std::to_string(days) + (days == 1 || days == -1 ? " day" : " days");
}

std::string daysAgoText(std::int64_t days) {
    if (days <= 0) return "today";
    if (days == 1) return "yesterday";
    return std::to_string(days) + " days ago";
}

} // namespace throughline::core
