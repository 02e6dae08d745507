// Reading one record's changes from the log (kept apart from change_log.cpp, which has no database
// dependency, so the bundle parser's fuzz target can link it alone).
#include "change_log.hpp"

#include <unordered_map>
#include <unordered_set>

#include "throughline/time.hpp"

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

std::size_t recomputeConflicts(const std::vector<Change>& all, RecordKind kind, const std::string& recordId,
                               std::int64_t now, const StatementSource& sql) {
    sql("DELETE FROM sync_conflict WHERE record_id = ? AND settled = 0").bind(1, recordId).step();
    if (all.empty()) return 0;
    std::map<std::string, const Change*> latest;
    for (const auto& c : all) {
        auto& l = latest[c.field];
        if (!l || laterThan(c, *l)) l = &c;
    }
    const Change* tombstone = nullptr;
    if (auto it = latest.find("_deleted"); it != latest.end() && it->second->value == "1")
        tombstone = it->second;
    auto& ins = sql("INSERT OR IGNORE INTO sync_conflict (record_kind, record_id, field, a_hlc, a_device, "
                    "a_author, a_value, b_hlc, b_device, b_author, b_value, found_at, against_delete) VALUES "
                    "(?,?,?,?,?,?,?,?,?,?,?,?,?)");
    const auto add = [&](const std::string& field, const Change& a, const Change& b, bool againstDelete) {
        ins.reset();
        ins.bind(1, enumKey(kind))
            .bind(2, recordId)
            .bind(3, field)
            .bind(4, static_cast<std::int64_t>(a.hlc))
            .bind(5, a.device)
            .bind(6, a.author)
            .bind(7, a.value)
            .bind(8, static_cast<std::int64_t>(b.hlc))
            .bind(9, b.device)
            .bind(10, b.author)
            .bind(11, b.value)
            .bind(12, now)
            .bind(13, againstDelete ? 1 : 0)
            .step();
    };
    std::unordered_set<std::string> knownToDelete;
    if (tombstone)
        for (auto r : splitBase(tombstone->base))
            knownToDelete.emplace(r);
    for (const auto& [field, heads] : headsByField(all)) {
        const Change& winner = *latest.at(field);
        for (const Change* h : heads)
            if (h != &winner && h->value != winner.value) add(field, winner, *h, false);
        if (!tombstone || field == "_deleted") continue;
        // An edit the deletion did not know of: made elsewhere before it arrived, or before the deletion but
        // never received where the deletion was made.
        for (const Change* h : heads) {
            if (h->device == tombstone->device && h->hlc < tombstone->hlc) continue;
            if (knownToDelete.count(changeRef(h->hlc, h->device))) continue;
            add(field, *tombstone, *h, true);
            break;
        }
    }
    auto& count = sql("SELECT count(*) FROM sync_conflict WHERE record_id = ? AND settled = 0");
    count.bind(1, recordId);
    return count.step() ? static_cast<std::size_t>(count.integer(0)) : 0;
}

void refreshConflictsAfterLocalWrite(Database& db, RecordKind kind, const std::string& recordId) {
    const std::vector<Change> all = recordChanges(db, recordId);
    bool oneDevice = true;
    for (const auto& c : all)
        oneDevice &= c.device == all.front().device;
    if (oneDevice) {
        auto open = db.prepare("SELECT 1 FROM sync_conflict WHERE record_id = ? AND settled = 0 LIMIT 1");
        open.bind(1, recordId);
        if (!open.step()) return; // nothing from elsewhere, nothing open: the usual case, one read
    }
    std::unordered_map<std::string, Statement> cache;
    recomputeConflicts(all, kind, recordId, nowMillis(), [&](const std::string& text) -> Statement& {
        auto it = cache.find(text);
        if (it == cache.end()) it = cache.emplace(text, db.prepare(text)).first;
        it->second.reset();
        return it->second;
    });
}

} // namespace throughline::core::detail
