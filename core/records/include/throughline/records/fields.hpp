#pragma once
// Field descriptors: how each record type maps to the columns of its table and to the
// canonical text values written to the change log. Internal to core.
#include <functional>
#include <string>
#include <vector>

#include "throughline/records/records.hpp"
#include "throughline/base/result.hpp"

namespace throughline::core {
class Database;
}

namespace throughline::core::detail {

template <class R> struct FieldDef {
    const char* name;
    std::function<std::string(const R&)> get;
    std::function<void(R&, const std::string&)> set; // tolerant: unreadable values fall back to defaults
    /// Text a person wrote (names, notes, the young person's words): what the redaction policy masks on the
    /// way out. Ids, dates, enums and flags are not.
    bool freeText = false;
};

template <class R> struct RecordTraits; // kind, table, fields()

#define TL_TRAITS(R, K)                                                                                      \
    template <> struct RecordTraits<R> {                                                                     \
        static constexpr RecordKind kind = RecordKind::K;                                                    \
        static const std::vector<FieldDef<R>>& fields();                                                     \
    }
TL_TRAITS(YoungPerson, YoungPerson);
TL_TRAITS(Placement, Placement);
TL_TRAITS(NetworkMember, NetworkMember);
TL_TRAITS(ContactRecord, Contact);
TL_TRAITS(FollowUpAction, Action);
TL_TRAITS(MissingEpisode, MissingEpisode);
TL_TRAITS(SafetyPlan, SafetyPlan);
#undef TL_TRAITS

/// Table name of a record kind (same as its key).
inline std::string tableOf(RecordKind k) {
    return std::string(enumKey(k));
}
/// Field names of a record kind, in column order.
std::vector<std::string> fieldNames(RecordKind k);
/// Whether a field of a kind holds text a person wrote (FieldDef::freeText).
bool isFreeTextField(RecordKind k, const std::string& field);

/// Reads a stored row back as its record and checks it exactly as a local save would (validate(), plus every
/// field in canonical form). Used on every record a sync merge wrote, before the merge commits.
Status validateStored(Database& db, RecordKind kind, const std::string& id, const Date& today);

/// Flag sets as comma-separated keys in table order.
template <class E> std::string flagsToText(std::uint32_t flags) {
    std::string out;
    for (const auto& e : enumEntries<E>())
        if (flags & static_cast<std::uint32_t>(e.value)) {
            if (!out.empty()) out += ',';
            out += e.key;
        }
    return out;
}
/// Parses comma-separated keys; unknown keys set `ok` false.
template <class E> std::uint32_t flagsFromText(const std::string& text, bool* ok = nullptr) {
    std::uint32_t out = 0;
    std::size_t start = 0;
    if (ok) *ok = true;
    while (start < text.size()) {
        std::size_t end = text.find(',', start);
        if (end == std::string::npos) end = text.size();
        const auto key = std::string_view(text).substr(start, end - start);
        if (auto v = enumFromKey<E>(key))
            out |= static_cast<std::uint32_t>(*v);
        else if (ok)
            *ok = false;
        start = end + 1;
    }
    return out;
}

} // namespace throughline::core::detail
