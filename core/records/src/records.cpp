#include "throughline/records/records.hpp"

#include <sodium.h>

#include "throughline/base/secure_bytes.hpp"
#include "throughline/base/text.hpp"

namespace throughline::core {

namespace {

bool validUtf8(std::string_view s) {
    std::size_t i = 0;
    const std::size_t n = s.size();
    while (i < n) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t extra;
        if (c < 0x80)
            extra = 0;
        else if (c >= 0xC2 && c <= 0xDF)
            extra = 1;
        else if (c >= 0xE0 && c <= 0xEF)
            extra = 2;
        else if (c >= 0xF0 && c <= 0xF4)
            extra = 3;
        else
            return false;
        if (n - i <= extra) return false;
        for (std::size_t k = 1; k <= extra; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += extra + 1;
    }
    return true;
}

// Checks a text field: length in characters (code points), valid UTF-8, no control characters (newlines
// allowed when multiline).
Status text(std::string_view value, std::size_t limit, const char* field, const char* label, bool multiline,
            bool required = false) {
    if (required) {
        bool blank = true;
        for (char c : value)
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') blank = false;
        if (blank) return makeError(ErrorCode::Invalid, std::string(label) + " is required.", field);
    }
    if (const std::size_t chars = codePointCount(value); chars > limit)
        return makeError(ErrorCode::Invalid,
                         std::string(label) + " is too long (" + std::to_string(chars) +
                             " characters; the limit is " + std::to_string(limit) + " characters).",
                         field);
    if (!validUtf8(value))
        return makeError(ErrorCode::Invalid,
                         std::string(label) + " contains characters that are not valid text.", field);
    for (char ch : value) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x20 && !(multiline && (c == '\n' || c == '\r' || c == '\t')) && c != '\t')
            return makeError(ErrorCode::Invalid, std::string(label) + " contains a control character.",
                             field);
    }
    return {};
}

Status date(const std::optional<Date>& d, const char* field, const char* label) {
    if (d && !d->valid())
        return makeError(ErrorCode::Invalid, std::string(label) + " is not a real date.", field);
    return {};
}

Status id(std::string_view value, const char* field, const char* label) {
    if (!isUuid(value))
        return makeError(ErrorCode::Invalid, std::string(label) + " is missing or not a valid id.", field);
    return {};
}

#define TL_CHECK(expr)                                                                                       \
    do {                                                                                                     \
        if (Status s_ = (expr); !s_) return s_;                                                              \
    } while (0)

} // namespace

Status validate(const YoungPerson& r, const Date& today) {
    TL_CHECK(text(r.name, Limits::shortText, "name", "Name", false, true));
    TL_CHECK(text(r.preferredName, Limits::shortText, "preferred_name", "Preferred name", false));
    TL_CHECK(text(r.pronouns, Limits::shortText, "pronouns", "Pronouns", false));
    TL_CHECK(text(r.caseReference, Limits::shortText, "case_reference", "Case reference", false));
    TL_CHECK(text(r.homeAuthority, Limits::shortText, "home_authority", "Home local authority", false));
    TL_CHECK(text(r.notes, Limits::longText, "notes", "Notes", true));
    TL_CHECK(date(r.dateOfBirth, "date_of_birth", "Date of birth"));
    if (r.dateOfBirth && *r.dateOfBirth > today)
        return makeError(ErrorCode::Invalid, "Date of birth cannot be in the future.", "date_of_birth");
    return {};
}

Status validate(const Placement& r, const Date& today) {
    TL_CHECK(id(r.youngPersonId, "young_person_id", "Young person"));
    TL_CHECK(text(r.provider, Limits::shortText, "provider", "Provider", false));
    TL_CHECK(text(r.placementArea, Limits::shortText, "placement_area", "Placement area", false, true));
    TL_CHECK(text(r.locationAddress, Limits::mediumText, "location_address", "Placement address", true));
    TL_CHECK(text(r.locationName, Limits::shortText, "location_name", "Carer or home name", false));
    TL_CHECK(text(r.outOfAreaReason, Limits::mediumText, "out_of_area_reason", "Out-of-area reason", true));
    if (!r.start.valid()) return makeError(ErrorCode::Invalid, "Start date is required.", "start");
    TL_CHECK(date(r.plannedEnd, "planned_end", "Planned end"));
    TL_CHECK(date(r.actualEnd, "actual_end", "Actual end"));
    if (r.plannedEnd && *r.plannedEnd < r.start)
        return makeError(ErrorCode::Invalid, "Planned end cannot be before the start date.", "planned_end");
    if (r.actualEnd && *r.actualEnd < r.start)
        return makeError(ErrorCode::Invalid, "Actual end cannot be before the start date.", "actual_end");
    if (r.actualEnd && *r.actualEnd > today)
        return makeError(ErrorCode::Invalid, "Actual end cannot be in the future; use the planned end.",
                         "actual_end");
    if (r.reasons >> 8)
        return makeError(ErrorCode::Invalid, "Reasons contain an unknown kind of harm.", "reasons");
    return {};
}

Status validate(const NetworkMember& r, const Date&) {
    TL_CHECK(id(r.youngPersonId, "young_person_id", "Young person"));
    TL_CHECK(text(r.name, Limits::shortText, "name", "Name or label", false, true));
    TL_CHECK(text(r.arrangementReason, Limits::mediumText, "arrangement_reason", "Reason for the arrangement",
                  true));
    TL_CHECK(text(r.source, Limits::mediumText, "source", "Source of information", true));
    TL_CHECK(text(r.notes, Limits::longText, "notes", "Notes", true));
    TL_CHECK(date(r.activeFrom, "active_from", "Active from"));
    TL_CHECK(date(r.activeTo, "active_to", "Active to"));
    if (r.activeFrom && r.activeTo && *r.activeTo < *r.activeFrom)
        return makeError(ErrorCode::Invalid, "Active to cannot be before active from.", "active_to");
    if ((r.arrangement == Arrangement::Restricted || r.arrangement == Arrangement::NoContact) &&
        r.arrangementReason.empty())
        return makeError(ErrorCode::Invalid, "Give a reason when contact is restricted or stopped.",
                         "arrangement_reason");
    return {};
}

Status validate(const ContactRecord& r, const Date& today) {
    TL_CHECK(id(r.youngPersonId, "young_person_id", "Young person"));
    if (!r.date.valid()) return makeError(ErrorCode::Invalid, "Date is required.", "date");
    if (r.date > today)
        return makeError(ErrorCode::Invalid, "A contact cannot be dated in the future.", "date");
    if (r.startTime && (r.startTime->minutes < 0 || r.startTime->minutes >= 24 * 60))
        return makeError(ErrorCode::Invalid, "Start time is not a real time.", "start_time");
    if (r.durationMinutes < 0 || r.durationMinutes > Limits::maxDurationMinutes)
        return makeError(ErrorCode::Invalid, "Duration must be between 0 and 24 hours.", "duration_minutes");
    if (r.participantIds.size() > Limits::maxParticipants)
        return makeError(ErrorCode::Invalid, "Too many people on one contact.", "participants");
    for (const auto& p : r.participantIds)
        TL_CHECK(id(p, "participants", "A participant"));
    if (r.status != ContactStatus::Cancelled && r.cancelledBy != CancelledBy::NotRecorded)
        return makeError(ErrorCode::Invalid, "'Cancelled by' only applies to a cancelled contact.",
                         "cancelled_by");
    TL_CHECK(text(r.placeNote, Limits::mediumText, "place_note", "Place note", false));
    TL_CHECK(text(r.supervisedBy, Limits::shortText, "supervised_by", "Supervised by", false));
    TL_CHECK(
        text(r.youngPersonWords, Limits::longText, "young_person_words", "The young person's words", true));
    TL_CHECK(text(r.observations, Limits::longText, "observations", "Observations", true));
    TL_CHECK(text(r.concernText, Limits::longText, "concern_text", "Concerns", true));
    if (r.uses >> 3) return makeError(ErrorCode::Invalid, "Uses contain an unknown value.", "uses");
    if (r.concernFlags >> 5)
        return makeError(ErrorCode::Invalid, "Concerns contain an unknown flag.", "concern_flags");
    return {};
}

Status validate(const FollowUpAction& r, const Date&) {
    TL_CHECK(id(r.youngPersonId, "young_person_id", "Young person"));
    if (!r.contactId.empty()) TL_CHECK(id(r.contactId, "contact_id", "Contact"));
    TL_CHECK(text(r.description, Limits::mediumText, "description", "Action", true, true));
    TL_CHECK(text(r.owner, Limits::shortText, "owner", "Owner", false, true));
    TL_CHECK(date(r.due, "due", "Due date"));
    return {};
}

Status validate(const MissingEpisode& r, std::int64_t nowMs) {
    TL_CHECK(id(r.youngPersonId, "young_person_id", "Young person"));
    if (r.startedAt <= 0) return makeError(ErrorCode::Invalid, "Start is required.", "started_at");
    // Allow a few minutes of clock drift between devices.
    if (r.startedAt > nowMs + 10 * 60 * 1000)
        return makeError(ErrorCode::Invalid, "Start cannot be in the future.", "started_at");
    if (r.endedAt && *r.endedAt < r.startedAt)
        return makeError(ErrorCode::Invalid, "Return cannot be before the start.", "ended_at");
    if (r.endedAt && *r.endedAt > nowMs + 10 * 60 * 1000)
        return makeError(ErrorCode::Invalid, "Return cannot be in the future.", "ended_at");
    TL_CHECK(date(r.interviewDate, "interview_date", "Return interview date"));
    if (r.interviewAccepted && !r.interviewOffered)
        return makeError(ErrorCode::Invalid, "A return interview can only be accepted once offered.",
                         "interview_accepted");
    if (r.interviewDate && !r.interviewOffered)
        return makeError(ErrorCode::Invalid, "Record that the return interview was offered first.",
                         "interview_offered");
    TL_CHECK(text(r.notes, Limits::longText, "notes", "Notes", true));
    return {};
}

Status validate(const SafetyPlan& r, const Date&) {
    TL_CHECK(id(r.youngPersonId, "young_person_id", "Young person"));
    if (r.version < 0 || r.version > 100000)
        return makeError(ErrorCode::Invalid, "The safety plan's version number is not valid.", "version");
    if (r.peopleIds.size() > Limits::maxParticipants)
        return makeError(ErrorCode::Invalid, "Too many people on one safety plan.", "people");
    for (const auto& p : r.peopleIds)
        TL_CHECK(id(p, "people", "A person I can turn to"));
    TL_CHECK(text(r.safePlaces, Limits::longText, "safe_places", "Places I feel safe", true));
    TL_CHECK(text(r.unsafePlaces, Limits::longText, "unsafe_places", "Places I feel unsafe", true));
    TL_CHECK(text(r.whatHelps, Limits::longText, "what_helps", "What helps when things get hard", true));
    TL_CHECK(
        text(r.youngPersonAgreed, Limits::longText, "young_person_agreed", "What I have agreed to", true));
    TL_CHECK(text(r.adultsAgreed, Limits::longText, "adults_agreed", "What the adults have agreed to", true));
    TL_CHECK(date(r.reviewDate, "review_date", "Review date"));
    return {};
}

std::string newUuid() {
    ensureSodium();
    unsigned char b[16];
    randombytes_buf(b, sizeof b);
    b[6] = static_cast<unsigned char>((b[6] & 0x0F) | 0x40);
    b[8] = static_cast<unsigned char>((b[8] & 0x3F) | 0x80);
    static const char* hex = "0123456789abcdef";
    std::string out;
    out.reserve(36);
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
        out += hex[b[i] >> 4];
        out += hex[b[i] & 0xF];
    }
    return out;
}

bool isUuid(std::string_view s) {
    if (s.size() != 36) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-') return false;
        } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return false;
        }
    }
    return true;
}

} // namespace throughline::core
