#pragma once
// The change log's causal bookkeeping (docs/bundle-format.md §5): every change names its base — the
// changes of the same field (or, for a deletion, of the whole record) that its writer had when it wrote.
// A change is superseded when a later change names it as base, or when the same device wrote the field
// again later (a device always knows its own earlier changes). The changes of a field that nothing
// supersedes are its heads; two heads with different values are a conflict. Internal to core.
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "throughline/db/database.hpp"
#include "throughline/records/store.hpp"

namespace throughline::core::detail {

/// The most changes one base names (the bundle format's limit, docs/bundle-format.md §8).
inline constexpr std::size_t kMaxBaseRefs = 256;
/// A device id as vaults make them: 1–64 lower-case hex digits.
bool validDevice(std::string_view device);

/// "hlc@device": how a change is named in a base.
std::string changeRef(std::uint64_t hlc, const std::string& device);
/// A base: change refs separated by ','; sorted and without duplicates so that equal bases are equal text.
std::string makeBase(std::vector<std::string> refs);
/// The refs of a base (empty for none).
std::vector<std::string_view> splitBase(std::string_view base);
/// Whether `base` is well-formed: at most `maxRefs` refs, each "<decimal hlc>@<device>" (validDevice).
bool validBase(std::string_view base, std::size_t maxRefs);

/// The query behind recordChanges, for callers that keep prepared statements (bind the record id as 1).
inline constexpr const char* kRecordChangesSql = "SELECT hlc, device, record_kind, field, value, author, "
                                                 "ifnull(base, '') FROM changes WHERE record_id = ?";
/// Runs a statement prepared from kRecordChangesSql for one record.
std::vector<Change> readRecordChanges(Statement& statement, const std::string& recordId);
/// Every change of one record, read from the log.
std::vector<Change> recordChanges(Database& db, const std::string& recordId);

/// Gives a (possibly cached) prepared statement for an SQL text, reset and ready to bind.
using StatementSource = std::function<Statement&(const std::string& sql)>;
/// Recomputes one record's open conflicts from `all` its changes (docs/bundle-format.md §5): concurrent
/// edits (two heads of a field with different values) and edits a deletion never saw. Settled conflicts are
/// kept as history. A function of the set of changes only — called after every import that touches the
/// record and after every local write to a record that has changes from more than one device. Returns how
/// many are open.
std::size_t recomputeConflicts(const std::vector<Change>& all, RecordKind kind, const std::string& recordId,
                               std::int64_t now, const StatementSource& sql);
/// The same for a local write: reads the record's changes, and does nothing (cheaply) when they all come from
/// one device and it has no open conflicts.
void refreshConflictsAfterLocalWrite(Database& db, RecordKind kind, const std::string& recordId);

/// The heads of each field among `changes` (all of one record), each list latest first by (hlc, device).
std::map<std::string, std::vector<const Change*>> headsByField(const std::vector<Change>& changes);

/// Orders changes latest first: by hlc, then device.
inline bool laterThan(const Change& a, const Change& b) {
    return a.hlc != b.hlc ? a.hlc > b.hlc : a.device > b.device;
}

/// For a local edit of `field`: the field's current value's change (the latest), or "" if none.
std::string editBase(const std::vector<Change>& changes, const std::string& field);
/// For a deletion, or to settle every conflict of a field ("" = the whole record): every head.
std::string headsBase(const std::vector<Change>& changes, const std::string& field = {});

} // namespace throughline::core::detail
