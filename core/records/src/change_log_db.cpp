// Reading one record's changes from the log (kept apart from change_log.cpp, which has no database
// dependency, so the bundle parser's fuzz target can link it alone).
#include "throughline/records/change_log.hpp"

#include <unordered_map>
#include <unordered_set>

#include "throughline/base/time.hpp"

namespace throughline::core::detail {

std::vector<Change> readRecordChanges(Statement& s, const std::string& recordId) {
    std::vector<Change> out;
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
        c.changeId = changeRef(c.hlc, c.device);
        out.push_back(std::move(c));
    }
    return out;
}

std::vector<Change> recordChanges(Database& db, const std::string& recordId) {
    auto s = db.prepare(kRecordChangesSql);
    return readRecordChanges(s, recordId);
}

std::size_t recomputeConflicts(const std::vector<Change>& all, RecordKind kind, const std::string& recordId,
                               std::int64_t now, const StatementSource& sql) {
    // What should be open, from the changes alone.
    struct Wanted {
        std::string field;
        const Change *a, *b;
        bool againstDelete;
        std::string key() const {
            return field + '\n' + changeRef(a->hlc, a->device) + '\n' + changeRef(b->hlc, b->device);
        }
    };
    std::vector<Wanted> wanted;
    if (!all.empty()) {
        std::map<std::string, const Change*> latest;
        for (const auto& c : all) {
            auto& l = latest[c.field];
            if (!l || laterThan(c, *l)) l = &c;
        }
        const Change* tombstone = nullptr;
        if (auto it = latest.find("_deleted"); it != latest.end() && it->second->value == "1")
            tombstone = it->second;
        std::unordered_set<std::string> knownToDelete;
        if (tombstone)
            for (auto r : splitBase(tombstone->base))
                knownToDelete.emplace(r);
        for (const auto& [field, heads] : headsByField(all)) {
            const Change& winner = *latest.at(field);
            for (const Change* h : heads)
                if (h != &winner && h->value != winner.value) wanted.push_back({field, &winner, h, false});
            if (!tombstone || field == "_deleted") continue;
            // An edit the deletion did not know of: made elsewhere before it arrived, or before the deletion
            // but never received where the deletion was made.
            for (const Change* h : heads) {
                if (h->device == tombstone->device && h->hlc < tombstone->hlc) continue;
                if (knownToDelete.count(changeRef(h->hlc, h->device))) continue;
                wanted.push_back({field, tombstone, h, true});
                break;
            }
        }
    }
    // Update by difference, so that a conflict that stays open keeps its number and when it was found.
    std::unordered_set<std::string> wantedKeys;
    for (const auto& w : wanted)
        wantedKeys.insert(w.key());
    std::vector<std::int64_t> gone;
    {
        auto& open =
            sql("SELECT id, field, a_hlc, a_device, b_hlc, b_device FROM sync_conflict WHERE record_id = ? "
                "AND settled = 0");
        open.bind(1, recordId);
        while (open.step()) {
            const std::string key =
                open.text(1) + '\n' + changeRef(static_cast<std::uint64_t>(open.integer(2)), open.text(3)) +
                '\n' + changeRef(static_cast<std::uint64_t>(open.integer(4)), open.text(5));
            if (!wantedKeys.erase(key)) gone.push_back(open.integer(0));
        }
    }
    for (auto id : gone)
        sql("DELETE FROM sync_conflict WHERE id = ?").bind(1, id).step();
    auto& ins = sql("INSERT OR IGNORE INTO sync_conflict (record_kind, record_id, field, a_hlc, a_device, "
                    "a_author, a_value, b_hlc, b_device, b_author, b_value, found_at, against_delete) VALUES "
                    "(?,?,?,?,?,?,?,?,?,?,?,?,?)");
    for (const auto& w : wanted) {
        if (!wantedKeys.count(w.key())) continue; // already open
        ins.reset();
        ins.bind(1, enumKey(kind))
            .bind(2, recordId)
            .bind(3, w.field)
            .bind(4, static_cast<std::int64_t>(w.a->hlc))
            .bind(5, w.a->device)
            .bind(6, w.a->author)
            .bind(7, w.a->value)
            .bind(8, static_cast<std::int64_t>(w.b->hlc))
            .bind(9, w.b->device)
            .bind(10, w.b->author)
            .bind(11, w.b->value)
            .bind(12, now)
            .bind(13, w.againstDelete ? 1 : 0)
            .step();
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
