#include "app/forms.hpp"

#include <cereal/archives/json.hpp>
#include <cereal/types/string.hpp>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <sstream>
#include <vector>

namespace throughline::app {

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool allDigits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(),
                                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

int monthFromName(std::string_view s) {
    static const char* names[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                  "jul", "aug", "sep", "oct", "nov", "dec"};
    std::string l = lower(s);
    if (l.size() < 3) return 0;
    for (int i = 0; i < 12; ++i)
        if (l.compare(0, 3, names[i]) == 0) return i + 1;
    return 0;
}

std::optional<core::Date> checked(int y, int m, int d) {
    core::Date date{y, m, d};
    if (!date.valid()) return std::nullopt;
    return date;
}

} // namespace

std::optional<core::Date> parseUserDate(std::string_view text, const core::Date& today) {
    std::string l = lower(text);
    l.erase(0, l.find_first_not_of(" \t"));
    while (!l.empty() && std::isspace(static_cast<unsigned char>(l.back())))
        l.pop_back();
    if (l.empty()) return std::nullopt;
    if (l == "today") return today;
    if (l == "yesterday") return today.addDays(-1);
    std::vector<std::string> tokens;
    std::string cur;
    for (char c : l) {
        if (c == ' ' || c == '/' || c == '-' || c == ',' || c == '.') {
            if (!cur.empty()) tokens.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    if (!cur.empty()) tokens.push_back(cur);
    std::vector<std::string> numbers;
    int month = 0;
    for (const auto& t : tokens) {
        if (allDigits(t))
            numbers.push_back(t);
        else if (int m = monthFromName(t); m && !month && t.size() <= 9)
            month = m;
        else if (t.size() >= 3 && t.size() <= 9 && std::all_of(t.begin(), t.end(), [](char c) {
                     return std::isalpha(static_cast<unsigned char>(c));
                 }))
            continue; // weekday
        else
            return std::nullopt;
    }
    try {
        if (month) {
            if (numbers.size() != 2) return std::nullopt;
            int d = std::stoi(numbers[0]), y = std::stoi(numbers[1]);
            if (numbers[0].size() == 4) std::swap(d, y);
            return checked(y, month, d);
        }
        if (numbers.size() != 3) return std::nullopt;
        if (numbers[0].size() == 4)
            return checked(std::stoi(numbers[0]), std::stoi(numbers[1]), std::stoi(numbers[2]));
        int y = std::stoi(numbers[2]);
        if (numbers[2].size() == 2)
            y += 2000;
        else if (numbers[2].size() != 4)
            return std::nullopt;
        return checked(y, std::stoi(numbers[1]), std::stoi(numbers[0]));
    } catch (...) {
        return std::nullopt;
    }
}

std::optional<core::TimeOfDay> parseUserTime(std::string_view text) {
    std::string digits, t(text);
    int h = -1, m = -1;
    auto sep = t.find_first_of(":.");
    try {
        if (sep != std::string::npos) {
            std::string a = t.substr(0, sep), b = t.substr(sep + 1);
            while (!a.empty() && a.front() == ' ')
                a.erase(0, 1);
            while (!b.empty() && b.back() == ' ')
                b.pop_back();
            if (!allDigits(a) || !allDigits(b) || a.size() > 2 || b.size() != 2) return std::nullopt;
            h = std::stoi(a);
            m = std::stoi(b);
        } else {
            std::string s = t;
            s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
            if (!allDigits(s) || s.size() < 3 || s.size() > 4) return std::nullopt;
            h = std::stoi(s.substr(0, s.size() - 2));
            m = std::stoi(s.substr(s.size() - 2));
        }
    } catch (...) {
        return std::nullopt;
    }
    if (h < 0 || h > 23 || m < 0 || m > 59) return std::nullopt;
    return core::TimeOfDay{h * 60 + m};
}

PassphraseHint assessPassphrase(std::string_view p, std::size_t minLength) {
    PassphraseHint h;
    if (p.empty()) {
        h.advice = "Use a few unrelated words you will remember.";
        return h;
    }
    if (p.size() < minLength) {
        h.score = 1;
        h.label = "Too short";
        h.advice = "At least " + std::to_string(minLength) + " characters.";
        return h;
    }
    int classes = 0;
    bool lowerC = false, upperC = false, digit = false, other = false, space = false;
    for (unsigned char c : p) {
        if (std::islower(c))
            lowerC = true;
        else if (std::isupper(c))
            upperC = true;
        else if (std::isdigit(c))
            digit = true;
        else if (c == ' ' || c == '-')
            space = true;
        else
            other = true;
    }
    classes = lowerC + upperC + digit + other + space;
    int score = 2;
    if (p.size() >= 16 || (p.size() >= 12 && classes >= 3)) score = 3;
    if (p.size() >= 20 && classes >= 2) score = 4;
    h.score = score;
    static const char* labels[] = {"", "Too short", "Fair", "Good", "Strong"};
    h.label = labels[score];
    h.advice = score >= 4   ? "A strong passphrase. Keep it somewhere safe."
               : score == 3 ? "Good. One more word makes it strong."
                            : "Longer is stronger: try four or five unrelated words.";
    return h;
}

std::int64_t localToUtcMillis(const core::Date& date, const core::TimeOfDay& time) {
    std::tm tm{};
    tm.tm_year = date.year - 1900;
    tm.tm_mon = date.month - 1;
    tm.tm_mday = date.day;
    tm.tm_hour = time.minutes / 60;
    tm.tm_min = time.minutes % 60;
    tm.tm_isdst = -1;
    std::time_t t = std::mktime(&tm);
    return static_cast<std::int64_t>(t) * 1000;
}

void utcMillisToLocal(std::int64_t millis, core::Date& date, core::TimeOfDay& time) {
    std::time_t t = static_cast<std::time_t>(millis / 1000);
    std::tm tm{};
    if (const std::tm* lt = std::localtime(&t)) tm = *lt;
    date = core::Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
    time = core::TimeOfDay{tm.tm_hour * 60 + tm.tm_min};
}

std::string displayInstant(std::int64_t millis) {
    core::Date d;
    core::TimeOfDay t;
    utcMillisToLocal(millis, d, t);
    return d.display() + ", " + t.hhmm();
}

int ageOn(const core::Date& dob, const core::Date& today) {
    int age = today.year - dob.year;
    if (today.month < dob.month || (today.month == dob.month && today.day < dob.day)) --age;
    return age;
}

std::string encodeFields(const std::map<std::string, std::string>& fields) {
    std::string out;
    for (const auto& [k, v] : fields) {
        out += k;
        out += '=';
        for (char c : v) {
            if (c == '\\')
                out += "\\\\";
            else if (c == '\n')
                out += "\\n";
            else if (c == '\r')
                out += "\\r";
            else
                out += c;
        }
        out += '\n';
    }
    return out;
}

std::map<std::string, std::string> decodeFields(std::string_view text) {
    std::map<std::string, std::string> out;
    size_t pos = 0;
    while (pos < text.size()) {
        size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(pos, end - pos);
        pos = end + 1;
        size_t eq = line.find('=');
        if (eq == std::string_view::npos) continue;
        std::string value;
        for (size_t i = eq + 1; i < line.size(); ++i) {
            if (line[i] == '\\' && i + 1 < line.size()) {
                char n = line[++i];
                value += n == 'n' ? '\n' : n == 'r' ? '\r' : n;
            } else {
                value += line[i];
            }
        }
        // A NUL ends a name or a value, as it does in the JSON drafts (cereal reads their text as C strings)
        // and in the form's text buffers: a draft reads the same whichever format it was kept in.
        std::string key(line.substr(0, eq));
        key.resize(std::min(key.find('\0'), key.size()));
        value.resize(std::min(value.find('\0'), value.size()));
        out[std::move(key)] = std::move(value);
    }
    return out;
}

bool jsonWholeNumbersOnly(std::string_view json) {
    bool inString = false;
    char previous = 0;
    int digits = 0;
    for (std::size_t i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (inString) {
            if (c == '\\')
                ++i; // the escaped character, whatever it is
            else if (c == '"')
                inString = false;
            continue;
        }
        // Outside strings: no fraction, no exponent, no NaN or Infinity (rapidjson reads a fraction after
        // either); an `e` elsewhere belongs to true or false. At most 18 digits: rapidjson reads a whole
        // number past 64 bits (19 digits can be) as a double, the same way.
        if (c == '.' || c == 'E' || c == 'N' || c == 'I' || (c == 'e' && previous >= '0' && previous <= '9'))
            return false;
        digits = c >= '0' && c <= '9' ? digits + 1 : 0;
        if (digits > 18) return false;
        if (c == '"') inString = true;
        previous = c;
    }
    return true;
}

namespace {

constexpr int kDraftFormat = 1;

// The fields as one JSON object, a member per field (cereal's own map encoding would be a list of
// key/value pairs).
struct DraftFieldsWire {
    std::map<std::string, std::string>& fields;
    template <class A> void save(A& ar) const {
        for (const auto& [k, v] : fields)
            ar(cereal::make_nvp(k.c_str(), v));
    }
    template <class A> void load(A& ar) {
        while (const char* name = ar.getNodeName()) {
            std::string key = name, value;
            ar(value);
            fields[std::move(key)] = std::move(value);
        }
    }
};

struct DraftWire {
    std::map<std::string, std::string>& fields;
    template <class A> void save(A& ar) const {
        ar(cereal::make_nvp("format", kDraftFormat), cereal::make_nvp("fields", DraftFieldsWire{fields}));
    }
    template <class A> void load(A& ar) {
        int format = 0;
        ar(cereal::make_nvp("format", format));
        if (format != kDraftFormat) throw cereal::Exception("another draft format");
        ar(cereal::make_nvp("fields", DraftFieldsWire{fields}));
    }
};

} // namespace

std::string encodeDraft(const std::map<std::string, std::string>& fields) {
    std::ostringstream os;
    {
        // The JSON archive writes its closing braces when it is destroyed.
        cereal::JSONOutputArchive ar(os, cereal::JSONOutputArchive::Options::NoIndent());
        auto copy = fields;
        ar(cereal::make_nvp("draft", DraftWire{copy}));
    }
    return os.str();
}

std::optional<std::map<std::string, std::string>> decodeDraft(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return std::nullopt;
    if (text[first] != '{') {
        // The earlier "key=value" lines: a draft from before the JSON format. Kept only if it has lines.
        auto fields = decodeFields(text);
        if (fields.empty()) return std::nullopt;
        return fields;
    }
    if (!jsonWholeNumbersOnly(text)) return std::nullopt;
    std::map<std::string, std::string> fields;
    try {
        std::istringstream is{std::string(text)};
        cereal::JSONInputArchive ar(is);
        ar(cereal::make_nvp("draft", DraftWire{fields}));
    } catch (const std::exception&) { // cereal::Exception, rapidjson's assertions (thrown by cereal)
        return std::nullopt;
    }
    return fields;
}

std::string lastContactText(const std::optional<core::Date>& last, const core::Date& today) {
    if (!last) return "No contact yet";
    return core::daysAgoText(today.toDays() - last->toDays());
}

std::string quotedWords(const std::string& words) {
    static constexpr std::string_view kOpeners[] = {
        "\"", "'", "\xE2\x80\x9C", "\xE2\x80\x98", "\xC2\xAB", "\xE2\x80\x9E", "\xE2\x80\xB9"};
    const std::string_view w = words;
    const auto start = w.find_first_not_of(" \t\r\n");
    if (start != std::string_view::npos)
        for (std::string_view q : kOpeners)
            if (w.substr(start, q.size()) == q) return words;
    return "\xE2\x80\x9C" + words + "\xE2\x80\x9D";
}

} // namespace throughline::app
