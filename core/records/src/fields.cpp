#include "throughline/records/fields.hpp"
#include "throughline/records/field_values.hpp"

#include <charconv>

namespace throughline::core::detail {

namespace {

std::string optDate(const std::optional<Date>& d) {
    return d ? d->iso() : std::string();
}
std::optional<Date> parseOptDate(const std::string& s) {
    return s.empty() ? std::nullopt : Date::parseIso(s);
}
std::int64_t toInt(const std::string& s) {
    std::int64_t v = 0;
    std::from_chars(s.data(), s.data() + s.size(), v);
    return v;
}
std::string joinIds(const std::vector<std::string>& ids) {
    std::string out;
    for (const auto& id : ids) {
        if (!out.empty()) out += ',';
        out += id;
    }
    return out;
}
std::vector<std::string> splitIds(const std::string& s) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < s.size()) {
        std::size_t end = s.find(',', start);
        if (end == std::string::npos) end = s.size();
        if (end > start) out.push_back(s.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

// Shorthands for the common shapes of field.
template <class R> FieldDef<R> textField(const char* name, std::string R::*m) {
    return {name, [m](const R& r) { return r.*m; }, [m](R& r, const std::string& v) { r.*m = v; }, true};
}
// The id of another record: text in the table, but never words a person wrote.
template <class R> FieldDef<R> idField(const char* name, std::string R::*m) {
    return {name, [m](const R& r) { return r.*m; }, [m](R& r, const std::string& v) { r.*m = v; }, false};
}
template <class R> FieldDef<R> dateField(const char* name, std::optional<Date> R::*m) {
    return {name, [m](const R& r) { return optDate(r.*m); },
            [m](R& r, const std::string& v) { r.*m = parseOptDate(v); }};
}
template <class R, class E> FieldDef<R> enumField(const char* name, E R::*m) {
    return {name, [m](const R& r) { return std::string(enumKey(r.*m)); },
            [m](R& r, const std::string& v) {
                if (auto e = enumFromKey<E>(v)) r.*m = *e;
            }};
}
template <class E, class R> FieldDef<R> flagsField(const char* name, std::uint32_t R::*m) {
    return {name, [m](const R& r) { return flagsToText<E>(r.*m); },
            [m](R& r, const std::string& v) { r.*m = flagsFromText<E>(v); }};
}
template <class R> FieldDef<R> boolField(const char* name, bool R::*m) {
    return {name, [m](const R& r) { return std::string(r.*m ? "1" : "0"); },
            [m](R& r, const std::string& v) { r.*m = v == "1"; }};
}

} // namespace

const std::vector<FieldDef<YoungPerson>>& RecordTraits<YoungPerson>::fields() {
    using R = YoungPerson;
    static const std::vector<FieldDef<R>> f = {
        textField<R>("name", &R::name),
        textField<R>("preferred_name", &R::preferredName),
        dateField<R>("date_of_birth", &R::dateOfBirth),
        textField<R>("pronouns", &R::pronouns),
        textField<R>("case_reference", &R::caseReference),
        textField<R>("home_authority", &R::homeAuthority),
        textField<R>("notes", &R::notes),
    };
    return f;
}

const std::vector<FieldDef<Placement>>& RecordTraits<Placement>::fields() {
    using R = Placement;
    static const std::vector<FieldDef<R>> f = {
        idField<R>("young_person_id", &R::youngPersonId),
        enumField<R>("type", &R::type),
        textField<R>("provider", &R::provider),
        textField<R>("placement_area", &R::placementArea),
        textField<R>("location_address", &R::locationAddress),
        textField<R>("location_name", &R::locationName),
        {"start", [](const R& r) { return r.start.valid() ? r.start.iso() : std::string(); },
         [](R& r, const std::string& v) { r.start = Date::parseIso(v).value_or(Date{}); }},
        dateField<R>("planned_end", &R::plannedEnd),
        dateField<R>("actual_end", &R::actualEnd),
        flagsField<Harm, R>("reasons", &R::reasons),
        textField<R>("out_of_area_reason", &R::outOfAreaReason),
        enumField<R>("ending_plan", &R::endingPlan),
    };
    return f;
}

const std::vector<FieldDef<NetworkMember>>& RecordTraits<NetworkMember>::fields() {
    using R = NetworkMember;
    static const std::vector<FieldDef<R>> f = {
        idField<R>("young_person_id", &R::youngPersonId),
        textField<R>("name", &R::name),
        enumField<R>("track", &R::track),
        enumField<R>("role", &R::role),
        enumField<R>("place", &R::place),
        enumField<R>("worker_view", &R::workerView),
        enumField<R>("young_person_view", &R::youngPersonView),
        enumField<R>("arrangement", &R::arrangement),
        textField<R>("arrangement_reason", &R::arrangementReason),
        textField<R>("source", &R::source),
        textField<R>("notes", &R::notes),
        dateField<R>("active_from", &R::activeFrom),
        dateField<R>("active_to", &R::activeTo),
    };
    return f;
}

const std::vector<FieldDef<ContactRecord>>& RecordTraits<ContactRecord>::fields() {
    using R = ContactRecord;
    static const std::vector<FieldDef<R>> f = {
        idField<R>("young_person_id", &R::youngPersonId),
        enumField<R>("kind", &R::kind),
        enumField<R>("status", &R::status),
        enumField<R>("cancelled_by", &R::cancelledBy),
        {"date", [](const R& r) { return r.date.valid() ? r.date.iso() : std::string(); },
         [](R& r, const std::string& v) { r.date = Date::parseIso(v).value_or(Date{}); }},
        {"start_time", [](const R& r) { return r.startTime ? r.startTime->hhmm() : std::string(); },
         [](R& r, const std::string& v) { r.startTime = v.empty() ? std::nullopt : TimeOfDay::parse(v); }},
        {"duration_minutes",
         [](const R& r) { return r.durationMinutes ? std::to_string(r.durationMinutes) : std::string(); },
         [](R& r, const std::string& v) { r.durationMinutes = static_cast<int>(toInt(v)); }},
        {"participants", [](const R& r) { return joinIds(r.participantIds); },
         [](R& r, const std::string& v) { r.participantIds = splitIds(v); }},
        enumField<R>("place", &R::place),
        textField<R>("place_note", &R::placeNote),
        textField<R>("supervised_by", &R::supervisedBy),
        textField<R>("young_person_words", &R::youngPersonWords),
        textField<R>("observations", &R::observations),
        enumField<R>("rating", &R::rating),
        flagsField<Use, R>("uses", &R::uses),
        textField<R>("concern_text", &R::concernText),
        flagsField<Concern, R>("concern_flags", &R::concernFlags),
    };
    return f;
}

const std::vector<FieldDef<FollowUpAction>>& RecordTraits<FollowUpAction>::fields() {
    using R = FollowUpAction;
    static const std::vector<FieldDef<R>> f = {
        idField<R>("young_person_id", &R::youngPersonId),
        idField<R>("contact_id", &R::contactId),
        textField<R>("description", &R::description),
        textField<R>("owner", &R::owner),
        dateField<R>("due", &R::due),
        boolField<R>("done", &R::done),
    };
    return f;
}

const std::vector<FieldDef<MissingEpisode>>& RecordTraits<MissingEpisode>::fields() {
    using R = MissingEpisode;
    static const std::vector<FieldDef<R>> f = {
        idField<R>("young_person_id", &R::youngPersonId),
        enumField<R>("kind", &R::kind),
        {"started_at", [](const R& r) { return r.startedAt ? isoInstant(r.startedAt) : std::string(); },
         [](R& r, const std::string& v) { r.startedAt = parseIsoInstant(v).value_or(0); }},
        {"ended_at", [](const R& r) { return r.endedAt ? isoInstant(*r.endedAt) : std::string(); },
         [](R& r, const std::string& v) { r.endedAt = v.empty() ? std::nullopt : parseIsoInstant(v); }},
        boolField<R>("interview_offered", &R::interviewOffered),
        boolField<R>("interview_accepted", &R::interviewAccepted),
        dateField<R>("interview_date", &R::interviewDate),
        textField<R>("notes", &R::notes),
    };
    return f;
}

const std::vector<FieldDef<SafetyPlan>>& RecordTraits<SafetyPlan>::fields() {
    using R = SafetyPlan;
    static const std::vector<FieldDef<R>> f = {
        idField<R>("young_person_id", &R::youngPersonId),
        {"version", [](const R& r) { return std::to_string(r.version); },
         [](R& r, const std::string& v) { r.version = static_cast<int>(toInt(v)); }},
        {"people", [](const R& r) { return joinIds(r.peopleIds); },
         [](R& r, const std::string& v) { r.peopleIds = splitIds(v); }},
        textField<R>("safe_places", &R::safePlaces),
        textField<R>("unsafe_places", &R::unsafePlaces),
        textField<R>("what_helps", &R::whatHelps),
        textField<R>("young_person_agreed", &R::youngPersonAgreed),
        textField<R>("adults_agreed", &R::adultsAgreed),
        boolField<R>("young_person_contributed", &R::youngPersonContributed),
        boolField<R>("young_person_agrees", &R::youngPersonAgrees),
        dateField<R>("review_date", &R::reviewDate),
    };
    return f;
}

namespace {
template <class R> std::vector<std::string> namesOf() {
    std::vector<std::string> out;
    for (const auto& f : RecordTraits<R>::fields())
        out.emplace_back(f.name);
    return out;
}
} // namespace

template <class R> bool freeTextIn(const std::string& field) {
    for (const auto& f : RecordTraits<R>::fields())
        if (field == f.name) return f.freeText;
    return false;
}

bool isFreeTextField(RecordKind k, const std::string& field) {
    switch (k) {
    case RecordKind::YoungPerson:
        return freeTextIn<YoungPerson>(field);
    case RecordKind::Placement:
        return freeTextIn<Placement>(field);
    case RecordKind::NetworkMember:
        return freeTextIn<NetworkMember>(field);
    case RecordKind::Contact:
        return freeTextIn<ContactRecord>(field);
    case RecordKind::Action:
        return freeTextIn<FollowUpAction>(field);
    case RecordKind::MissingEpisode:
        return freeTextIn<MissingEpisode>(field);
    case RecordKind::SafetyPlan:
        return freeTextIn<SafetyPlan>(field);
    }
    return false;
}

std::vector<std::string> fieldNames(RecordKind k) {
    switch (k) {
    case RecordKind::YoungPerson:
        return namesOf<YoungPerson>();
    case RecordKind::Placement:
        return namesOf<Placement>();
    case RecordKind::NetworkMember:
        return namesOf<NetworkMember>();
    case RecordKind::Contact:
        return namesOf<ContactRecord>();
    case RecordKind::Action:
        return namesOf<FollowUpAction>();
    case RecordKind::MissingEpisode:
        return namesOf<MissingEpisode>();
    case RecordKind::SafetyPlan:
        return namesOf<SafetyPlan>();
    }
    return {};
}

} // namespace throughline::core::detail

namespace throughline::core {

template <class R> std::map<std::string, std::string> fieldValues(const R& r) {
    std::map<std::string, std::string> out;
    for (const auto& f : detail::RecordTraits<R>::fields())
        out.emplace(f.name, f.get(r));
    return out;
}

template <class R> void setFieldValues(R& r, const std::map<std::string, std::string>& values) {
    for (const auto& f : detail::RecordTraits<R>::fields())
        if (auto it = values.find(f.name); it != values.end()) f.set(r, it->second);
}

#define TL_FIELD_VALUES(R)                                                                                   \
    template std::map<std::string, std::string> fieldValues<R>(const R&);                                    \
    template void setFieldValues<R>(R&, const std::map<std::string, std::string>&)
TL_FIELD_VALUES(YoungPerson);
TL_FIELD_VALUES(Placement);
TL_FIELD_VALUES(NetworkMember);
TL_FIELD_VALUES(ContactRecord);
TL_FIELD_VALUES(FollowUpAction);
TL_FIELD_VALUES(MissingEpisode);
TL_FIELD_VALUES(SafetyPlan);
#undef TL_FIELD_VALUES

} // namespace throughline::core
