// The records file: strict JSON parsing, full checking before any write, all-or-nothing import.
#include "throughline/records/records_json.hpp"

#include "throughline/base/text.hpp"
#include "throughline/db/audit.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

namespace throughline::core {

namespace {

using nlohmann::json;

constexpr const char* formatName = "throughline-records";
constexpr int formatVersion = 1;
constexpr std::size_t maxJsonDepth = 16;
constexpr std::size_t maxRefLength = Limits::shortText;

std::string inQuotes(std::string_view s) {
    std::string out = "\"";
    // Problems are printed to a terminal: keep what we echo short and free of control characters.
    std::size_t n = 0;
    for (char c : s) {
        if (++n > 60) {
            out += "…";
            break;
        }
        out += (static_cast<unsigned char>(c) < 0x20) ? '?' : c;
    }
    return out + "\"";
}

const char* jsonTypeName(const json& v) {
    switch (v.type()) {
    case json::value_t::null:
        return "null";
    case json::value_t::boolean:
        return "true/false";
    case json::value_t::string:
        return "text";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
        return "a whole number";
    case json::value_t::number_float:
        return "a number";
    case json::value_t::array:
        return "a list";
    case json::value_t::object:
        return "an object";
    default:
        return "an unknown value";
    }
}

template <class E> std::string keyList() {
    std::string out;
    for (const auto& e : enumEntries<E>()) {
        if (!out.empty()) out += ", ";
        out += e.key;
    }
    return out;
}

/// The kinds a reference can point at.
enum class RefKind { YoungPerson, Placement, NetworkMember, Contact, Action, MissingEpisode, SafetyPlan };

const char* refKindName(RefKind k) {
    switch (k) {
    case RefKind::YoungPerson:
        return "a young person";
    case RefKind::Placement:
        return "a placement";
    case RefKind::NetworkMember:
        return "a network member";
    case RefKind::Contact:
        return "a contact";
    case RefKind::Action:
        return "a follow-up action";
    case RefKind::MissingEpisode:
        return "a missing episode";
    case RefKind::SafetyPlan:
        return "a safety plan";
    }
    return "a record";
}

/// The JSON key for a field name reported by core validate() (snake_case column names).
std::string jsonFieldFor(const std::string& coreField) {
    std::string camel;
    bool upper = false;
    for (char c : coreField) {
        if (c == '_') {
            upper = !camel.empty();
            continue;
        }
        camel += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
        upper = false;
    }
    static const std::map<std::string, std::string, std::less<>> renamed = {
        {"youngPersonId", "youngPerson"}, {"participantIds", "participants"},
        {"contactId", "contact"},         {"concernFlags", "concerns"},
        {"peopleIds", "people"},
    };
    auto it = renamed.find(camel);
    return it == renamed.end() ? camel : it->second;
}

/// Reads one record object field by field, collecting problems that name the record and field.
class FieldReader {
  public:
    FieldReader(const json& obj, std::string section, int index, std::vector<RecordsProblem>& problems)
        : m_obj(obj), m_section(std::move(section)), m_index(index), m_problems(problems) {}

    bool failed() const { return m_failed; }
    const std::string& ref() const { return m_ref; }
    void setRef(std::string ref) { m_ref = std::move(ref); }

    void problem(std::string field, std::string message) {
        m_failed = true;
        if (m_problems.size() < maxRecordsProblems)
            m_problems.push_back({m_section, m_index, m_ref, std::move(field), std::move(message)});
    }

    /// The value of a field, or nullptr when absent or null. Marks the field as known.
    const json* get(const char* name, bool required) {
        m_known.insert(name);
        auto it = m_obj.find(name);
        if (it == m_obj.end() || it->is_null()) {
            if (required) problem(name, "this field is required");
            return nullptr;
        }
        return &*it;
    }

    bool text(const char* name, std::string& out, bool required = false) {
        const json* v = get(name, required);
        if (!v) return false;
        if (!v->is_string()) {
            problem(name, std::string("expected text, found ") + jsonTypeName(*v));
            return false;
        }
        const auto& s = v->get_ref<const std::string&>();
        // A backstop for every text field; core validate() applies the per-field limits.
        if (const std::size_t chars = codePointCount(s); chars > Limits::longText) {
            problem(name, "text is too long (" + std::to_string(chars) + " characters; at most " +
                              std::to_string(Limits::longText) + " characters)");
            return false;
        }
        out = s;
        return true;
    }

    void date(const char* name, Date& out, bool required) {
        std::optional<Date> d;
        optDate(name, d, required);
        if (d) out = *d;
    }

    void optDate(const char* name, std::optional<Date>& out, bool required = false) {
        std::string s;
        if (!text(name, s, required)) return;
        auto d = Date::parseIso(s);
        if (!d || !d->valid()) {
            problem(name, inQuotes(s) + " is not a date: write dates as YYYY-MM-DD, e.g. 2026-03-03");
            return;
        }
        out = *d;
    }

    void instant(const char* name, std::int64_t& out, bool required) {
        std::optional<std::int64_t> v;
        optInstant(name, v, required);
        if (v) out = *v;
    }

    void optInstant(const char* name, std::optional<std::int64_t>& out, bool required = false) {
        std::string s;
        if (!text(name, s, required)) return;
        auto v = parseIsoInstant(s);
        if (!v) {
            problem(name, inQuotes(s) + " is not a date and time: write them in UTC as YYYY-MM-DDTHH:MM:SSZ, "
                                        "e.g. 2026-03-03T14:05:00Z");
            return;
        }
        out = *v;
    }

    void timeOfDay(const char* name, std::optional<TimeOfDay>& out) {
        std::string s;
        if (!text(name, s)) return;
        auto t = TimeOfDay::parse(s);
        if (!t) {
            problem(name, inQuotes(s) + " is not a time: write times as HH:MM (24-hour), e.g. 14:30");
            return;
        }
        out = *t;
    }

    template <class E> void enumValue(const char* name, E& out, bool required) {
        std::string s;
        if (!text(name, s, required)) return;
        auto v = enumFromKey<E>(s);
        if (!v) {
            problem(name, "unknown value " + inQuotes(s) + "; expected one of: " + keyList<E>());
            return;
        }
        out = *v;
    }

    template <class E> void flags(const char* name, std::uint32_t& out) {
        const json* v = get(name, false);
        if (!v) return;
        if (!v->is_array()) {
            problem(name, std::string("expected a list of values, found ") + jsonTypeName(*v));
            return;
        }
        std::uint32_t set = 0;
        for (const auto& item : *v) {
            if (!item.is_string()) {
                problem(name, std::string("expected a list of text values, found ") + jsonTypeName(item));
                return;
            }
            auto f = enumFromKey<E>(item.get_ref<const std::string&>());
            if (!f) {
                problem(name, "unknown value " + inQuotes(item.get_ref<const std::string&>()) +
                                  "; expected any of: " + keyList<E>());
                return;
            }
            set |= static_cast<std::uint32_t>(*f);
        }
        out = set;
    }

    void integer(const char* name, int& out, long long min, long long max) {
        const json* v = get(name, false);
        if (!v) return;
        if (!v->is_number_integer()) {
            problem(name, std::string("expected a whole number, found ") + jsonTypeName(*v));
            return;
        }
        long long n = 0;
        if (v->is_number_unsigned()) {
            auto u = v->get<std::uint64_t>();
            n = u > static_cast<std::uint64_t>(max) ? max + 1 : static_cast<long long>(u);
        } else {
            n = v->get<long long>();
        }
        if (n < min || n > max) {
            problem(name, "must be between " + std::to_string(min) + " and " + std::to_string(max));
            return;
        }
        out = static_cast<int>(n);
    }

    void boolean(const char* name, bool& out) {
        const json* v = get(name, false);
        if (!v) return;
        if (!v->is_boolean()) {
            problem(name, std::string("expected true or false, found ") + jsonTypeName(*v));
            return;
        }
        out = v->get<bool>();
    }

    void textList(const char* name, std::vector<std::string>& out, std::size_t maxItems) {
        const json* v = get(name, false);
        if (!v) return;
        if (!v->is_array()) {
            problem(name, std::string("expected a list of refs, found ") + jsonTypeName(*v));
            return;
        }
        if (v->size() > maxItems) {
            problem(name, "too many entries (" + std::to_string(v->size()) + "; at most " +
                              std::to_string(maxItems) + ")");
            return;
        }
        for (const auto& item : *v) {
            if (!item.is_string()) {
                problem(name, std::string("expected a list of refs (text), found ") + jsonTypeName(item));
                return;
            }
            out.push_back(item.get<std::string>());
        }
    }

    /// Reports fields that no reader asked for: a typo must not silently drop data.
    void rejectUnknownFields() {
        for (auto it = m_obj.begin(); it != m_obj.end(); ++it)
            if (!m_known.count(it.key()))
                problem(it.key(), "unknown field (check the spelling against docs/records-format.md)");
    }

  private:
    const json& m_obj;
    std::string m_section;
    int m_index;
    std::string m_ref;
    std::vector<RecordsProblem>& m_problems;
    std::set<std::string, std::less<>> m_known;
    bool m_failed = false;
};

// --- Per-kind readers. Each reads every field it knows; the caller checks unknown fields.

void readFields(FieldReader& r, RecordsEntry<YoungPerson>& e) {
    auto& y = e.record;
    r.text("name", y.name, true);
    r.text("preferredName", y.preferredName);
    r.optDate("dateOfBirth", y.dateOfBirth);
    r.text("pronouns", y.pronouns);
    r.text("caseReference", y.caseReference);
    r.text("homeAuthority", y.homeAuthority);
    r.text("notes", y.notes);
}

void readFields(FieldReader& r, RecordsEntry<Placement>& e) {
    auto& p = e.record;
    r.text("youngPerson", e.youngPersonRef, true);
    r.enumValue("type", p.type, true);
    r.text("provider", p.provider);
    r.text("placementArea", p.placementArea, true);
    r.text("locationAddress", p.locationAddress);
    r.text("locationName", p.locationName);
    r.date("start", p.start, true);
    r.optDate("plannedEnd", p.plannedEnd);
    r.optDate("actualEnd", p.actualEnd);
    r.flags<Harm>("reasons", p.reasons);
    r.text("outOfAreaReason", p.outOfAreaReason);
    r.enumValue("endingPlan", p.endingPlan, false);
}

void readFields(FieldReader& r, RecordsEntry<NetworkMember>& e) {
    auto& m = e.record;
    r.text("youngPerson", e.youngPersonRef, true);
    r.text("name", m.name, true);
    r.enumValue("role", m.role, true);
    m.track = defaultTrackFor(m.role); // unless the file says otherwise
    r.enumValue("track", m.track, false);
    r.enumValue("place", m.place, true);
    r.enumValue("workerView", m.workerView, false);
    r.enumValue("youngPersonView", m.youngPersonView, false);
    r.enumValue("arrangement", m.arrangement, false);
    r.text("arrangementReason", m.arrangementReason);
    r.text("source", m.source);
    r.text("notes", m.notes);
    r.optDate("activeFrom", m.activeFrom);
    r.optDate("activeTo", m.activeTo);
}

void readFields(FieldReader& r, RecordsEntry<ContactRecord>& e) {
    auto& c = e.record;
    r.text("youngPerson", e.youngPersonRef, true);
    r.enumValue("kind", c.kind, true);
    r.enumValue("status", c.status, false);
    r.enumValue("cancelledBy", c.cancelledBy, false);
    r.date("date", c.date, true);
    r.timeOfDay("startTime", c.startTime);
    r.integer("durationMinutes", c.durationMinutes, 0, Limits::maxDurationMinutes);
    r.textList("participants", e.participantRefs, Limits::maxParticipants);
    r.enumValue("place", c.place, false);
    r.text("placeNote", c.placeNote);
    r.text("supervisedBy", c.supervisedBy);
    r.text("youngPersonWords", c.youngPersonWords);
    r.text("observations", c.observations);
    r.enumValue("rating", c.rating, false);
    r.flags<Use>("uses", c.uses);
    r.text("concernText", c.concernText);
    r.flags<Concern>("concerns", c.concernFlags);
}

void readFields(FieldReader& r, RecordsEntry<FollowUpAction>& e) {
    auto& a = e.record;
    r.text("youngPerson", e.youngPersonRef, true);
    r.text("contact", e.contactRef);
    r.text("description", a.description, true);
    r.text("owner", a.owner, true);
    r.optDate("due", a.due);
    r.boolean("done", a.done);
}

void readFields(FieldReader& r, RecordsEntry<MissingEpisode>& e) {
    auto& m = e.record;
    r.text("youngPerson", e.youngPersonRef, true);
    r.enumValue("kind", m.kind, false);
    r.instant("startedAt", m.startedAt, true);
    r.optInstant("endedAt", m.endedAt);
    r.boolean("interviewOffered", m.interviewOffered);
    r.boolean("interviewAccepted", m.interviewAccepted);
    r.optDate("interviewDate", m.interviewDate);
    r.text("notes", m.notes);
}

void readFields(FieldReader& r, RecordsEntry<SafetyPlan>& e) {
    auto& p = e.record;
    r.text("youngPerson", e.youngPersonRef, true);
    r.textList("people", e.participantRefs, Limits::maxParticipants);
    r.text("safePlaces", p.safePlaces);
    r.text("unsafePlaces", p.unsafePlaces);
    r.text("whatHelps", p.whatHelps);
    r.text("youngPersonAgreed", p.youngPersonAgreed);
    r.text("adultsAgreed", p.adultsAgreed);
    r.boolean("youngPersonContributed", p.youngPersonContributed);
    r.boolean("youngPersonAgrees", p.youngPersonAgrees);
    r.optDate("reviewDate", p.reviewDate);
}

/// A first, streaming pass over the text that refuses structure we will not build a document for:
/// nesting deeper than maxJsonDepth, and a key given twice in one object (nlohmann would keep the last
/// silently). Syntax errors are caught here too. (A parser callback could do this in one pass, but
/// nlohmann's callback parser is quadratic in the length of an array.)
class StructureCheck final : public nlohmann::json_sax<json> {
  public:
    std::string problem; // set when the check stopped the parse
    bool syntaxError = false;

    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override {
        m_keys.emplace_back();
        return deeper();
    }
    bool key(string_t& k) override {
        if (m_keys.empty() || m_keys.back().insert(k).second) return true;
        problem = "the field " + inQuotes(k) + " appears twice in the same record or object";
        return false;
    }
    bool end_object() override {
        if (!m_keys.empty()) m_keys.pop_back();
        --m_depth;
        return true;
    }
    bool start_array(std::size_t) override { return deeper(); }
    bool end_array() override {
        --m_depth;
        return true;
    }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) override {
        syntaxError = true;
        problem = e.what();
        return false;
    }

  private:
    bool deeper() {
        if (++m_depth <= maxJsonDepth) return true;
        problem = "the file nests lists and objects too deeply (more than " + std::to_string(maxJsonDepth) +
                  " levels)";
        return false;
    }
    std::size_t m_depth = 0;
    std::vector<std::unordered_set<std::string>> m_keys;
};

std::string cleanParseMessage(const std::string& what) {
    // "[json.exception.parse_error.101] parse error at line 3, column 5: syntax error ..." → "line 3, ..."
    std::string s = what;
    auto close = s.find("] ");
    if (close != std::string::npos) s = s.substr(close + 2);
    const std::string prefix = "parse error at ";
    if (s.rfind(prefix, 0) == 0) s = s.substr(prefix.size());
    return s;
}

bool looksLikeVaultId(const std::string& s) {
    return isUuid(s);
}

struct RefInfo {
    RefKind kind;
    std::string youngPersonRef; // for everything but young people: whose record it is
};

/// Placeholder ids so that validate() sees well-formed references before real ids exist.
class Placeholders {
  public:
    const std::string& idFor(const std::string& ref) {
        if (looksLikeVaultId(ref)) return ref;
        auto [it, inserted] = m_ids.try_emplace(ref);
        if (inserted) it->second = newUuid();
        return it->second;
    }

  private:
    std::unordered_map<std::string, std::string> m_ids;
};

template <class R> const char* sectionKeyOf();
template <> const char* sectionKeyOf<YoungPerson>() {
    return "youngPeople";
}
template <> const char* sectionKeyOf<Placement>() {
    return "placements";
}
template <> const char* sectionKeyOf<NetworkMember>() {
    return "networkMembers";
}
template <> const char* sectionKeyOf<ContactRecord>() {
    return "contacts";
}
template <> const char* sectionKeyOf<FollowUpAction>() {
    return "actions";
}
template <> const char* sectionKeyOf<MissingEpisode>() {
    return "missingEpisodes";
}
template <> const char* sectionKeyOf<SafetyPlan>() {
    return "safetyPlans";
}

template <class R> RefKind refKindOf();
template <> RefKind refKindOf<YoungPerson>() {
    return RefKind::YoungPerson;
}
template <> RefKind refKindOf<Placement>() {
    return RefKind::Placement;
}
template <> RefKind refKindOf<NetworkMember>() {
    return RefKind::NetworkMember;
}
template <> RefKind refKindOf<ContactRecord>() {
    return RefKind::Contact;
}
template <> RefKind refKindOf<FollowUpAction>() {
    return RefKind::Action;
}
template <> RefKind refKindOf<MissingEpisode>() {
    return RefKind::MissingEpisode;
}
template <> RefKind refKindOf<SafetyPlan>() {
    return RefKind::SafetyPlan;
}

/// Reads one section: structure, fields and refs (not yet cross-references).
template <class R>
void readSection(const json& root, std::vector<RecordsEntry<R>>& out, std::vector<bool>& okFlags,
                 std::unordered_map<std::string, RefInfo>& refs, std::vector<RecordsProblem>& problems) {
    const char* key = sectionKeyOf<R>();
    auto it = root.find(key);
    if (it == root.end() || it->is_null()) return;
    if (!it->is_array()) {
        problems.push_back(
            {key, -1, {}, {}, std::string("expected a list of records, found ") + jsonTypeName(*it)});
        return;
    }
    out.reserve(it->size());
    okFlags.reserve(it->size());
    int index = 0;
    for (const auto& item : *it) {
        if (problems.size() >= maxRecordsProblems) return;
        RecordsEntry<R> e;
        if (!item.is_object()) {
            problems.push_back({key,
                                index,
                                {},
                                {},
                                std::string("expected a record (an object), found ") + jsonTypeName(item)});
            out.push_back(std::move(e));
            okFlags.push_back(false);
            ++index;
            continue;
        }
        FieldReader r(item, key, index, problems);
        // The ref first, so that every later problem names it.
        std::string ref;
        bool registered = false;
        if (r.text("ref", ref, true)) {
            r.setRef(ref);
            if (ref.empty())
                r.problem("ref", "must not be empty");
            else if (ref.size() > maxRefLength)
                r.problem("ref", "is too long (at most " + std::to_string(maxRefLength) + " characters)");
            else if (looksLikeVaultId(ref))
                r.problem("ref", "must not look like a vault id (those are reserved for existing records)");
            else if (refs.count(ref))
                r.problem("ref",
                          "the ref " + inQuotes(ref) + " is used by more than one record in this file");
            else
                registered = refs.emplace(ref, RefInfo{refKindOf<R>(), {}}).second;
        }
        e.ref = ref;
        readFields(r, e);
        r.rejectUnknownFields();
        if (registered) refs[ref].youngPersonRef = e.youngPersonRef;
        okFlags.push_back(!r.failed());
        out.push_back(std::move(e));
        ++index;
    }
}

/// Checks a reference to a record of `want` kind: a ref in this file or something shaped like a vault id.
/// Returns false (after reporting) when it cannot resolve.
bool checkRef(FieldReader& r, const char* field, const std::string& target, RefKind want,
              const std::unordered_map<std::string, RefInfo>& refs, const std::string* sameYoungPerson) {
    if (looksLikeVaultId(target)) return true; // resolved against the vault at import
    auto it = refs.find(target);
    if (it == refs.end()) {
        r.problem(field, "refers to " + inQuotes(target) + ", which is not a ref in this file");
        return false;
    }
    if (it->second.kind != want) {
        r.problem(field, "refers to " + inQuotes(target) + ", which is " + refKindName(it->second.kind) +
                             ", not " + refKindName(want));
        return false;
    }
    if (sameYoungPerson && !it->second.youngPersonRef.empty() &&
        it->second.youngPersonRef != *sameYoungPerson) {
        r.problem(field, "refers to " + inQuotes(target) + ", which belongs to a different young person");
        return false;
    }
    return true;
}

template <class R>
void checkSection(std::vector<RecordsEntry<R>>& entries, const std::vector<bool>& okFlags,
                  const std::unordered_map<std::string, RefInfo>& refs, Placeholders& placeholders,
                  const Date& today, std::int64_t nowMs, std::vector<RecordsProblem>& problems) {
    static const json empty = json::object();
    const char* key = sectionKeyOf<R>();
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (problems.size() >= maxRecordsProblems) return;
        if (!okFlags[i]) continue; // already reported; don't pile on
        auto& e = entries[i];
        FieldReader r(empty, key, static_cast<int>(i), problems);
        r.setRef(e.ref);
        R copy = e.record;
        if constexpr (!std::is_same_v<R, YoungPerson>) {
            if (!checkRef(r, "youngPerson", e.youngPersonRef, RefKind::YoungPerson, refs, nullptr)) continue;
            copy.youngPersonId = placeholders.idFor(e.youngPersonRef);
        }
        if constexpr (std::is_same_v<R, ContactRecord>) {
            std::set<std::string> seen;
            bool ok = true;
            for (const auto& p : e.participantRefs) {
                if (!seen.insert(p).second) {
                    r.problem("participants", "lists " + inQuotes(p) + " more than once");
                    ok = false;
                    break;
                }
                if (!checkRef(r, "participants", p, RefKind::NetworkMember, refs, &e.youngPersonRef)) {
                    ok = false;
                    break;
                }
                copy.participantIds.push_back(placeholders.idFor(p));
            }
            if (!ok) continue;
        }
        if constexpr (std::is_same_v<R, SafetyPlan>) {
            std::set<std::string> seen;
            bool ok = true;
            for (const auto& p : e.participantRefs) {
                if (!seen.insert(p).second) {
                    r.problem("people", "lists " + inQuotes(p) + " more than once");
                    ok = false;
                    break;
                }
                if (!checkRef(r, "people", p, RefKind::NetworkMember, refs, &e.youngPersonRef)) {
                    ok = false;
                    break;
                }
                copy.peopleIds.push_back(placeholders.idFor(p));
            }
            if (!ok) continue;
        }
        if constexpr (std::is_same_v<R, FollowUpAction>) {
            if (!e.contactRef.empty()) {
                if (!checkRef(r, "contact", e.contactRef, RefKind::Contact, refs, &e.youngPersonRef))
                    continue;
                copy.contactId = placeholders.idFor(e.contactRef);
            }
        }
        Status st = [&] {
            if constexpr (std::is_same_v<R, MissingEpisode>)
                return validate(copy, nowMs);
            else
                return validate(copy, today);
        }();
        if (!st.ok()) r.problem(jsonFieldFor(st.error().field), st.error().message);
    }
}

} // namespace

std::string_view recordsSectionKey(RecordsSection s) {
    switch (s) {
    case RecordsSection::YoungPeople:
        return "youngPeople";
    case RecordsSection::Placements:
        return "placements";
    case RecordsSection::NetworkMembers:
        return "networkMembers";
    case RecordsSection::Contacts:
        return "contacts";
    case RecordsSection::Actions:
        return "actions";
    case RecordsSection::MissingEpisodes:
        return "missingEpisodes";
    case RecordsSection::SafetyPlans:
        return "safetyPlans";
    }
    return "";
}

std::string RecordsProblem::describe() const {
    std::string out;
    if (!section.empty()) {
        out += section;
        if (index >= 0) out += "[" + std::to_string(index) + "]";
        if (!ref.empty()) out += " (ref " + inQuotes(ref) + ")";
        if (!field.empty()) out += ", field " + inQuotes(field);
        out += ": ";
    } else if (!field.empty()) {
        out += "field " + inQuotes(field) + ": ";
    }
    return out + message;
}

Error recordsProblemsError(const std::vector<RecordsProblem>& problems) {
    if (problems.empty()) return makeError(ErrorCode::Invalid, "The records file has problems.");
    std::string msg = problems.size() == 1
                          ? "The records file has a problem; nothing was imported: " + problems[0].describe()
                          : "The records file has " + std::to_string(problems.size()) +
                                (problems.size() >= maxRecordsProblems ? " or more" : "") +
                                " problems; nothing was imported. The first: " + problems[0].describe();
    return makeError(ErrorCode::Invalid, std::move(msg), problems[0].field);
}

RecordsFile parseRecordsJson(std::string_view text, const Date& today, std::int64_t nowMs,
                             std::vector<RecordsProblem>& problems) {
    RecordsFile file;
    json root;
    {
        StructureCheck check;
        bool ok =
            json::sax_parse(text.begin(), text.end(), &check, json::input_format_t::json, /*strict=*/true,
                            /*ignore_comments=*/false);
        if (!ok || !check.problem.empty()) {
            problems.push_back({{},
                                -1,
                                {},
                                {},
                                check.syntaxError
                                    ? "The file is not valid JSON: " + cleanParseMessage(check.problem)
                                    : "The file is not a records file: " + check.problem + "."});
            return file;
        }
    }
    try {
        root = json::parse(text.begin(), text.end());
    } catch (const json::exception& e) {
        problems.push_back({{}, -1, {}, {}, "The file is not valid JSON: " + cleanParseMessage(e.what())});
        return file;
    }
    if (!root.is_object()) {
        problems.push_back(
            {{},
             -1,
             {},
             {},
             std::string("The file must hold one JSON object, found ") + jsonTypeName(root) + "."});
        return file;
    }

    // The header: what this file is.
    auto fmt = root.find("format");
    if (fmt == root.end() || !fmt->is_string() || fmt->get<std::string>() != formatName) {
        problems.push_back({{}, -1, {}, "format", std::string("must be \"") + formatName + "\""});
        return file;
    }
    auto ver = root.find("version");
    if (ver == root.end() || !ver->is_number_integer()) {
        problems.push_back({{}, -1, {}, "version", "must be the number " + std::to_string(formatVersion)});
        return file;
    }
    if (ver->get<long long>() != formatVersion) {
        problems.push_back({{},
                            -1,
                            {},
                            "version",
                            "this file is version " + std::to_string(ver->get<long long>()) +
                                "; this build of Throughline reads version " +
                                std::to_string(formatVersion)});
        return file;
    }
    static const std::set<std::string, std::less<>> topLevel = {
        "format",   "version", "youngPeople",     "placements",  "networkMembers",
        "contacts", "actions", "missingEpisodes", "safetyPlans", "comment"};
    for (auto it = root.begin(); it != root.end(); ++it)
        if (!topLevel.count(it.key()))
            problems.push_back({{},
                                -1,
                                {},
                                it.key(),
                                "unknown section (check the spelling against "
                                "docs/records-format.md)"});

    std::unordered_map<std::string, RefInfo> refs;
    std::vector<bool> okYp, okPl, okNm, okCo, okAc, okMi, okSp;
    readSection(root, file.youngPeople, okYp, refs, problems);
    readSection(root, file.placements, okPl, refs, problems);
    readSection(root, file.networkMembers, okNm, refs, problems);
    readSection(root, file.contacts, okCo, refs, problems);
    readSection(root, file.actions, okAc, refs, problems);
    readSection(root, file.missingEpisodes, okMi, refs, problems);
    readSection(root, file.safetyPlans, okSp, refs, problems);
    root = json(); // free the document before checking (it can be large)

    Placeholders placeholders;
    checkSection(file.youngPeople, okYp, refs, placeholders, today, nowMs, problems);
    checkSection(file.placements, okPl, refs, placeholders, today, nowMs, problems);
    checkSection(file.networkMembers, okNm, refs, placeholders, today, nowMs, problems);
    checkSection(file.contacts, okCo, refs, placeholders, today, nowMs, problems);
    checkSection(file.actions, okAc, refs, placeholders, today, nowMs, problems);
    checkSection(file.missingEpisodes, okMi, refs, placeholders, today, nowMs, problems);
    checkSection(file.safetyPlans, okSp, refs, placeholders, today, nowMs, problems);
    if (problems.size() > maxRecordsProblems) problems.resize(maxRecordsProblems);
    return file;
}

RecordsFile readRecordsFile(const std::filesystem::path& path, const Date& today, std::int64_t nowMs,
                            std::vector<RecordsProblem>& problems) {
    namespace fs = std::filesystem;
    std::error_code ec;
    auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
        problems.push_back({{}, -1, {}, {}, "The records file " + path.string() + " does not exist."});
        return {};
    }
    if (!fs::is_regular_file(status)) {
        problems.push_back({{}, -1, {}, {}, "The records file " + path.string() + " is not a regular file."});
        return {};
    }
    auto size = fs::file_size(path, ec);
    if (ec) {
        problems.push_back(
            {{}, -1, {}, {}, "Could not read the size of " + path.string() + ": " + ec.message()});
        return {};
    }
    if (size > maxRecordsFileBytes) {
        problems.push_back({{},
                            -1,
                            {},
                            {},
                            "The records file is too large (" + std::to_string(size >> 20) +
                                " MiB; at most " + std::to_string(maxRecordsFileBytes >> 20) +
                                " MiB). Split it into smaller files."});
        return {};
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        problems.push_back({{}, -1, {}, {}, "Could not open " + path.string() + "."});
        return {};
    }
    // Read at most one byte past the limit, in case the file grew after we looked.
    std::string text;
    text.resize(static_cast<std::size_t>(size) + 1);
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    auto got = static_cast<std::size_t>(in.gcount());
    if (got > maxRecordsFileBytes) {
        problems.push_back({{}, -1, {}, {}, "The records file is too large (it grew while being read)."});
        return {};
    }
    if (in.bad()) {
        problems.push_back({{}, -1, {}, {}, "Could not read " + path.string() + "."});
        return {};
    }
    text.resize(got);
    return parseRecordsJson(text, today, nowMs, problems);
}

namespace {

/// Looks up references to existing vault records before anything is written.
class VaultRefs {
  public:
    VaultRefs(Store& store, std::vector<RecordsProblem>& problems) : m_store(store), m_problems(problems) {}

    /// Checks one reference; returns an Error only for failures that are not the file's fault.
    std::optional<Error> check(const char* section, int index, const std::string& ref, const char* field,
                               const std::string& target, RefKind want, const std::string& youngPersonRef) {
        if (!looksLikeVaultId(target)) return std::nullopt;
        auto report = [&](std::string message) {
            if (m_problems.size() < maxRecordsProblems)
                m_problems.push_back({section, index, ref, field, std::move(message)});
        };
        // Whose record it is must match the referring record's young person (when that is in the vault too,
        // or once file refs are resolved; a file-local young person cannot own an existing vault record).
        auto owner = [&](const std::string& ypId) -> bool {
            if (looksLikeVaultId(youngPersonRef) && ypId == youngPersonRef) return true;
            report("refers to " + inQuotes(target) + ", which belongs to a different young person");
            return false;
        };
        switch (want) {
        case RefKind::YoungPerson: {
            auto r = m_store.youngPerson(target);
            if (!r.ok()) return notFound(r.error(), report, target, want);
            if (r->meta.deleted)
                report("refers to " + inQuotes(target) + ", a young person who has been deleted");
            return std::nullopt;
        }
        case RefKind::NetworkMember: {
            auto r = m_store.networkMember(target);
            if (!r.ok()) return notFound(r.error(), report, target, want);
            if (r->meta.deleted)
                report("refers to " + inQuotes(target) + ", a network member who has been deleted");
            else
                owner(r->youngPersonId);
            return std::nullopt;
        }
        case RefKind::Contact: {
            auto r = m_store.contact(target);
            if (!r.ok()) return notFound(r.error(), report, target, want);
            if (r->meta.deleted)
                report("refers to " + inQuotes(target) + ", a contact that has been deleted");
            else
                owner(r->youngPersonId);
            return std::nullopt;
        }
        default:
            return std::nullopt;
        }
    }

  private:
    template <class F>
    static std::optional<Error> notFound(const Error& e, F& report, const std::string& target, RefKind want) {
        if (e.code != ErrorCode::NotFound) return e;
        report("refers to " + inQuotes(target) + ", but there is no " + std::string(refKindName(want) + 2) +
               " with that id in this vault");
        return std::nullopt;
    }
    Store& m_store;
    std::vector<RecordsProblem>& m_problems;
};

} // namespace

Result<ImportSummary> importRecords(Store& store, AuditTrail& audit, const RecordsFile& file,
                                    std::string_view sourceName, std::vector<RecordsProblem>& problems) {
    if (!problems.empty()) return recordsProblemsError(problems);

    // 1. References to records already in the vault.
    VaultRefs vaultRefs(store, problems);
    auto checkAll = [&](const auto& entries, const char* section) -> std::optional<Error> {
        for (std::size_t i = 0; i < entries.size(); ++i) {
            const auto& e = entries[i];
            int idx = static_cast<int>(i);
            if (auto err = vaultRefs.check(section, idx, e.ref, "youngPerson", e.youngPersonRef,
                                           RefKind::YoungPerson, e.youngPersonRef))
                return err;
            using R = std::decay_t<decltype(e.record)>;
            const char* peopleField = std::is_same_v<R, SafetyPlan> ? "people" : "participants";
            for (const auto& p : e.participantRefs)
                if (auto err = vaultRefs.check(section, idx, e.ref, peopleField, p, RefKind::NetworkMember,
                                               e.youngPersonRef))
                    return err;
            if (!e.contactRef.empty())
                if (auto err = vaultRefs.check(section, idx, e.ref, "contact", e.contactRef, RefKind::Contact,
                                               e.youngPersonRef))
                    return err;
        }
        return std::nullopt;
    };
    if (auto e = checkAll(file.placements, "placements")) return *e;
    if (auto e = checkAll(file.networkMembers, "networkMembers")) return *e;
    if (auto e = checkAll(file.contacts, "contacts")) return *e;
    if (auto e = checkAll(file.actions, "actions")) return *e;
    if (auto e = checkAll(file.missingEpisodes, "missingEpisodes")) return *e;
    if (auto e = checkAll(file.safetyPlans, "safetyPlans")) return *e;
    if (!problems.empty()) return recordsProblemsError(problems);

    // 2. Everything in one transaction: any failure rolls the lot back.
    ImportSummary summary;
    std::unordered_map<std::string, std::string> ids; // file ref → vault id
    auto idOf = [&](const std::string& ref) -> std::string {
        if (looksLikeVaultId(ref)) return ref;
        auto it = ids.find(ref);
        return it == ids.end() ? std::string() : it->second;
    };
    auto saveAll = [&](const auto& entries, const char* section, std::int64_t& counter) -> Status {
        for (std::size_t i = 0; i < entries.size(); ++i) {
            const auto& e = entries[i];
            auto record = e.record;
            record.meta = RecordMeta{};
            using R = std::decay_t<decltype(record)>;
            if constexpr (!std::is_same_v<R, YoungPerson>) record.youngPersonId = idOf(e.youngPersonRef);
            if constexpr (std::is_same_v<R, ContactRecord>) {
                record.participantIds.clear();
                for (const auto& p : e.participantRefs)
                    record.participantIds.push_back(idOf(p));
            }
            if constexpr (std::is_same_v<R, SafetyPlan>) {
                record.peopleIds.clear();
                for (const auto& p : e.participantRefs)
                    record.peopleIds.push_back(idOf(p));
            }
            if constexpr (std::is_same_v<R, FollowUpAction>)
                record.contactId = e.contactRef.empty() ? std::string() : idOf(e.contactRef);
            auto saved = store.save(record);
            if (!saved.ok()) {
                if (saved.error().code == ErrorCode::Invalid)
                    problems.push_back({section, static_cast<int>(i), e.ref,
                                        jsonFieldFor(saved.error().field), saved.error().message});
                return saved.error();
            }
            ids[e.ref] = saved.value();
            ++counter;
        }
        return Status::success();
    };
    Status st = store.transaction([&]() -> Status {
        if (Status s = saveAll(file.youngPeople, "youngPeople", summary.youngPeople); !s) return s;
        if (Status s = saveAll(file.placements, "placements", summary.placements); !s) return s;
        if (Status s = saveAll(file.networkMembers, "networkMembers", summary.networkMembers); !s) return s;
        if (Status s = saveAll(file.contacts, "contacts", summary.contacts); !s) return s;
        if (Status s = saveAll(file.actions, "actions", summary.actions); !s) return s;
        if (Status s = saveAll(file.missingEpisodes, "missingEpisodes", summary.missingEpisodes); !s)
            return s;
        // Store::save makes each plan the next version of that young person's plan, in file order.
        if (Status s = saveAll(file.safetyPlans, "safetyPlans", summary.safetyPlans); !s) return s;
        std::ostringstream detail;
        detail << "Imported " << summary.total() << " records from " << sourceName << " ("
               << summary.youngPeople << " young people, " << summary.placements << " placements, "
               << summary.networkMembers << " network members, " << summary.contacts << " contacts, "
               << summary.actions << " follow-up actions, " << summary.missingEpisodes << " missing episodes"
               << (summary.safetyPlans ? ", " + std::to_string(summary.safetyPlans) + " safety plan versions"
                                       : "")
               << ")";
        return audit.append(AuditKind::RecordsImported, detail.str());
    });
    if (!st.ok()) {
        if (st.error().code == ErrorCode::Invalid && !problems.empty()) return recordsProblemsError(problems);
        return st.error();
    }
    return summary;
}

// --- JSON output for the CLI

std::string countsToJson(const Counts& c) {
    nlohmann::ordered_json j;
    j["youngPeople"] = c.youngPeople;
    j["placements"] = c.placements;
    j["networkMembers"] = c.networkMembers;
    j["contacts"] = c.contacts;
    j["actions"] = c.actions;
    j["missingEpisodes"] = c.missingEpisodes;
    j["safetyPlanVersions"] = c.safetyPlans;
    j["deleted"] = c.deleted;
    j["changes"] = c.changes;
    j["auditEntries"] = c.auditEntries;
    return j.dump(2);
}

std::string youngPeopleToJson(const std::vector<YoungPersonListItem>& items) {
    auto orNull = [](const std::optional<Date>& d) -> nlohmann::ordered_json {
        return d ? nlohmann::ordered_json(d->iso()) : nlohmann::ordered_json(nullptr);
    };
    nlohmann::ordered_json arr = nlohmann::ordered_json::array();
    for (const auto& y : items) {
        nlohmann::ordered_json j;
        j["id"] = y.id;
        j["name"] = y.name;
        j["preferredName"] = y.preferredName;
        j["caseReference"] = y.caseReference;
        j["homeAuthority"] = y.homeAuthority;
        // No placement area: where a moved young person lives stays out of every listing.
        j["placementType"] = y.placementType
                                 ? nlohmann::ordered_json(std::string(placementCode(*y.placementType)))
                                 : nlohmann::ordered_json(nullptr);
        j["placementStart"] = orNull(y.placementStart);
        j["lastContact"] = orNull(y.lastContact);
        j["openActions"] = y.openActions;
        arr.push_back(std::move(j));
    }
    // Replace invalid UTF-8 rather than throw: names come from people's typing.
    return arr.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

} // namespace throughline::core
