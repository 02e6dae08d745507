#pragma once
// The records file (docs/records-format.md): JSON in, records out, for migrating from spreadsheets
// and for tests. Parsed and validated in full before anything is written; imported all-or-nothing.
// Also the JSON forms of the CLI's `list` and `stats` output.
#include "throughline/records/records.hpp"
#include "throughline/base/result.hpp"
#include "throughline/records/store.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace throughline::core {

class AuditTrail;

/// The largest records file we will read (bytes).
inline constexpr std::uintmax_t maxRecordsFileBytes = 64ull << 20;

/// The sections of a records file, in the order they are imported.
enum class RecordsSection : std::uint8_t {
    YoungPeople,
    Placements,
    NetworkMembers,
    Contacts,
    Actions,
    MissingEpisodes,
    SafetyPlans
};
/// JSON key of a section, e.g. "networkMembers".
std::string_view recordsSectionKey(RecordsSection s);

/// One problem in a records file: which record (section, 0-based index, ref) and which field.
struct RecordsProblem {
    std::string section; // JSON key of the section, empty for the file as a whole
    int index = -1;      // position in the section, -1 for the file as a whole
    std::string ref;     // the record's "ref", when it has one
    std::string field;   // JSON field at fault, empty when the record as a whole is at fault
    std::string message;
    /// `contacts[12] (ref "c-12"), field "date": ...`
    std::string describe() const;
};

/// A parsed record with its file-local references (each a "ref" in this file or an existing vault id).
template <class R> struct RecordsEntry {
    std::string ref;
    R record;
    std::string youngPersonRef;               // every kind but YoungPerson
    std::string contactRef;                   // FollowUpAction only (optional)
    std::vector<std::string> participantRefs; // ContactRecord participants; SafetyPlan people
};

/// A whole records file, parsed.
struct RecordsFile {
    std::vector<RecordsEntry<YoungPerson>> youngPeople;
    std::vector<RecordsEntry<Placement>> placements;
    std::vector<RecordsEntry<NetworkMember>> networkMembers;
    std::vector<RecordsEntry<ContactRecord>> contacts;
    std::vector<RecordsEntry<FollowUpAction>> actions;
    std::vector<RecordsEntry<MissingEpisode>> missingEpisodes;
    std::vector<RecordsEntry<SafetyPlan>> safetyPlans; // each saved as the next version, in file order
    std::size_t total() const {
        return youngPeople.size() + placements.size() + networkMembers.size() + contacts.size() +
               actions.size() + missingEpisodes.size() + safetyPlans.size();
    }
};

/// How many records an import wrote.
struct ImportSummary {
    std::int64_t youngPeople = 0, placements = 0, networkMembers = 0, contacts = 0, actions = 0,
                 missingEpisodes = 0, safetyPlans = 0;
    std::int64_t total() const {
        return youngPeople + placements + networkMembers + contacts + actions + missingEpisodes + safetyPlans;
    }
};

/// Problems are collected up to this many, then checking stops.
inline constexpr std::size_t maxRecordsProblems = 100;

/// Parses and checks a records file's text in full: JSON syntax, structure, field types, enum keys,
/// dates, unique refs, references that resolve inside the file (or look like vault ids, checked at
/// import), and every record through validate(). Problems go to `problems`; the result is usable
/// only when `problems` is empty.
RecordsFile parseRecordsJson(std::string_view text, const Date& today, std::int64_t nowMs,
                             std::vector<RecordsProblem>& problems);

/// Reads a records file (refusing one larger than maxRecordsFileBytes) and parses it as above.
/// A file that cannot be read is reported as a single problem.
RecordsFile readRecordsFile(const std::filesystem::path& file, const Date& today, std::int64_t nowMs,
                            std::vector<RecordsProblem>& problems);

/// Writes a checked file into the vault in one transaction: resolves references to existing vault
/// records (adding problems if one is missing or of the wrong kind, then writing nothing), saves
/// every record through the write path and appends one RecordsImported audit entry.
/// On any failure nothing is written; Invalid errors come with `problems` filled.
Result<ImportSummary> importRecords(Store& store, AuditTrail& audit, const RecordsFile& file,
                                    std::string_view sourceName, std::vector<RecordsProblem>& problems);

/// An Error summarising problems (ErrorCode::Invalid; the first problem's field).
Error recordsProblemsError(const std::vector<RecordsProblem>& problems);

/// `stats --json`: the counts as one JSON object (stable key order).
std::string countsToJson(const Counts& counts);
/// `list --json`: the young people as a JSON array (stable key order).
std::string youngPeopleToJson(const std::vector<YoungPersonListItem>& items);

} // namespace throughline::core
