// Reading one record's changes from the log (kept apart from change_log.cpp, which has no database
// dependency, so the bundle parser's fuzz target can link it alone).
#include "change_log.hpp"

namespace throughline::core::detail {

std::vector<Change> recordChanges(Database& db, const std::string& recordId) {
    std::vector<Change> out;
    auto s =
        db.prepare("SELECT hlc, device, record_kind, field, value, author, ifnull(base, '') FROM changes "
                   "WHERE record_id = ?");
    s.bind(1, recordId);
    while (s.step()) {
        Change c;
        c.hlc = static_cast<std::uint64_t>(s.integer(0));
        c.device = s.text(1);
        c.kind = enumFromKey<RecordKind>(s.text(2)).value_or(RecordKind::YoungPerson);
        c.recordId = recordId;
        c.field = s.text(3);
        c.value = s.text(4);
        c.author = s.text(5);
        c.base = s.text(6);
        out.push_back(std::move(c));
    }
    return out;
}

} // namespace throughline::core::detail
