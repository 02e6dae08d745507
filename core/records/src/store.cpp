#include "throughline/records/store.hpp"
#include "throughline/base/text.hpp"
#include "throughline/db/settings.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "throughline/records/change_log.hpp"
#include "throughline/records/fields.hpp"
#include "throughline/db/database.hpp"

namespace throughline::core {

using detail::FieldDef;
using detail::RecordTraits;

namespace {

constexpr const char* kMetaColumns = "id, created_at, updated_at, author, device, deleted";

template <class R> std::string selectColumns() {
    std::string cols = kMetaColumns;
    for (const auto& f : RecordTraits<R>::fields()) {
        cols += ", ";
        cols += f.name;
    }
    return cols;
}

template <class R> R readRecord(Statement& s) {
    R r;
    r.meta.id = s.text(0);
    r.meta.createdAt = s.integer(1);
    r.meta.updatedAt = s.integer(2);
    r.meta.author = s.text(3);
    r.meta.device = s.text(4);
    r.meta.deleted = s.integer(5) != 0;
    int col = 6;
    for (const auto& f : RecordTraits<R>::fields())
        f.set(r, s.text(col++));
    return r;
}

template <class R>
std::vector<R> query(Database& db, const std::string& where, const std::vector<std::string>& args,
                     const std::string& tail = {}) {
    const std::string sql = "SELECT " + selectColumns<R>() + " FROM " +
                            detail::tableOf(RecordTraits<R>::kind) + " WHERE " + where + " " + tail;
    auto s = db.prepare(sql);
    int i = 1;
    for (const auto& a : args)
        s.bind(i++, a);
    std::vector<R> out;
    while (s.step())
        out.push_back(readRecord<R>(s));
    return out;
}

template <class R> Result<R> byId(Database& db, const std::string& id) {
    try {
        auto rows = query<R>(db, "id = ? AND deleted = 0", {id});
        if (rows.empty())
            return makeError(ErrorCode::NotFound,
                             std::string("That ") + std::string(enumDisplay(RecordTraits<R>::kind)) +
                                 " record could not be found; it may have been deleted.");
        return rows.front();
    } catch (const DbError& e) {
        return e.toError();
    }
}

Status validateWithDate(const MissingEpisode& r, const Date&) {
    return validate(r, nowMillis());
}
template <class R> Status validateWithDate(const R& r, const Date& today) {
    return validate(r, today);
}

// Keeps the contact_participant index in step with a contact row (same transaction).
void refreshParticipants(Database& db, const ContactRecord& c) {
    db.prepare("DELETE FROM contact_participant WHERE contact_id = ?").bind(1, c.meta.id).step();
    if (c.meta.deleted) return;
    auto ins =
        db.prepare("INSERT OR IGNORE INTO contact_participant (contact_id, member_id, young_person_id, date, "
                   "happened) VALUES (?,?,?,?,?)");
    for (const auto& m : c.participantIds) {
        ins.reset();
        ins.bind(1, c.meta.id)
            .bind(2, m)
            .bind(3, c.youngPersonId)
            .bind(4, c.date.iso())
            .bind(5, c.status == ContactStatus::Happened ? 1 : 0)
            .step();
    }
}

// Wipes a loaded placement's location and marks the copy so that saving it keeps the stored one.
void withholdLocation(Placement& p) {
    std::fill(p.locationAddress.begin(), p.locationAddress.end(), '\0');
    std::fill(p.locationName.begin(), p.locationName.end(), '\0');
    p.locationAddress.clear();
    p.locationName.clear();
    p.locationWithheld = true;
}

// A copy loaded without its location saves every other field; the location stays as stored. Other
// kinds of record are always loaded whole.
template <class R> void keepWithheld(R&, const R&) {}
template <> void keepWithheld(Placement& r, const Placement& stored) {
    if (!r.locationWithheld) return;
    r.locationAddress = stored.locationAddress;
    r.locationName = stored.locationName;
}
// What the caller gets back: the same view of the record it saved (still without the location).
template <class R> void withholdAgain(R&) {}
template <> void withholdAgain(Placement& r) {
    if (r.locationWithheld) withholdLocation(r);
}

template <class R> void afterWrite(Database&, const R&) {}
template <> void afterWrite(Database& db, const ContactRecord& c) {
    refreshParticipants(db, c);
}

} // namespace

Store::Store(Database& db, std::string device, std::string author)
    : m_db(db), m_device(std::move(device)), m_author(std::move(author)),
      m_today([] { return Date::today(); }) {
    try {
        auto s = m_db.prepare("SELECT max(hlc) FROM changes WHERE device = ?");
        s.bind(1, m_device);
        if (s.step()) m_lastHlc = static_cast<std::uint64_t>(s.integer(0));
    } catch (const DbError&) {
        // A damaged database surfaces on the first real query with a proper message.
    }
}

void Store::restoreClock() {
    // The distinct devices of the change log by a skip scan of its (device, hlc) index, then each one's
    // latest clock: a max over the whole change log would read every change at each unlock.
    observeClock(static_cast<std::uint64_t>(m_db.scalar(
        "WITH RECURSIVE d(device) AS (SELECT min(device) FROM changes UNION ALL SELECT (SELECT min(device) "
        "FROM changes WHERE device > d.device) FROM d WHERE d.device IS NOT NULL) "
        "SELECT max(ifnull((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'sync_max_hlc'), 0), "
        "ifnull((SELECT max((SELECT max(hlc) FROM changes c WHERE c.device = d.device)) FROM d "
        "WHERE d.device IS NOT NULL), 0))")));
}

void Store::noteImportedClock(std::uint64_t hlc) {
    m_db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('sync_max_hlc', max(?, ifnull((SELECT "
                 "CAST(value AS INTEGER) FROM meta WHERE key = 'sync_max_hlc'), 0)))")
        .bind(1, static_cast<std::int64_t>(hlc))
        .step();
    observeClock(hlc);
}

std::uint64_t Store::nextHlc() {
    const std::uint64_t physical = static_cast<std::uint64_t>(nowMillis()) << 16;
    m_lastHlc = std::max(physical, m_lastHlc + 1);
    return m_lastHlc;
}

template <class R> Result<std::string> Store::saveRecord(R& target, bool create) {
    if (auto v = validateWithDate(target, m_today()); !v) return v.error();
    if (create && !target.meta.id.empty() && !isUuid(target.meta.id))
        return makeError(ErrorCode::Invalid, "The record id must be a lower-case UUID.", "id");
    R r = target; // the caller's record changes only once the write has committed
    // A withheld location is read into `r` for the diff only: never left in memory on any way out.
    struct Rewithhold {
        R& r;
        ~Rewithhold() { withholdAgain(r); }
    } rewithhold{r};
    const RecordKind kind = RecordTraits<R>::kind;
    const std::string table = detail::tableOf(kind);
    const auto& fields = RecordTraits<R>::fields();
    try {
        Transaction tx(m_db);
        auto logChange = m_db.prepare("INSERT INTO changes (hlc, device, record_kind, record_id, field, "
                                      "value, author, base) VALUES (?,?,?,?,?,?,?,?)");
        std::vector<Change> history; // the record's changes so far (an edit names what it replaces)
        const auto log = [&](const std::string& field, const std::string& value) {
            logChange.reset();
            const std::string base = detail::editBase(history, field);
            if (base.empty())
                logChange.bindNull(8);
            else
                logChange.bind(8, base);
            logChange.bind(1, static_cast<std::int64_t>(nextHlc()))
                .bind(2, m_device)
                .bind(3, enumKey(kind))
                .bind(4, r.meta.id)
                .bind(5, field)
                .bind(6, value)
                .bind(7, m_author)
                .step();
        };
        const std::int64_t now = nowMillis();
        if (create && !r.meta.id.empty()) {
            auto used = m_db.prepare("SELECT 1 FROM " + table + " WHERE id = ?");
            used.bind(1, r.meta.id);
            if (used.step())
                return makeError(ErrorCode::Invalid, "A record with this id already exists.", "id");
        }
        if (create || r.meta.id.empty()) {
            if (r.meta.id.empty()) r.meta.id = newUuid();
            r.meta.createdAt = r.meta.updatedAt = now;
            r.meta.author = m_author;
            r.meta.device = m_device;
            r.meta.deleted = false;
            std::string cols = kMetaColumns, marks = "?,?,?,?,?,0";
            for (const auto& f : fields) {
                cols += std::string(", ") + f.name;
                marks += ",?";
            }
            auto ins = m_db.prepare("INSERT INTO " + table + " (" + cols + ") VALUES (" + marks + ")");
            ins.bind(1, r.meta.id).bind(2, now).bind(3, now).bind(4, m_author).bind(5, m_device);
            int i = 6;
            for (const auto& f : fields)
                ins.bind(i++, f.get(r));
            ins.step();
            for (const auto& f : fields) {
                const std::string v = f.get(r);
                if (!v.empty()) log(f.name, v);
            }
        } else {
            auto current = query<R>(m_db, "id = ?", {r.meta.id});
            if (current.empty() || current.front().meta.deleted)
                return makeError(ErrorCode::NotFound,
                                 "That record no longer exists; it may have been deleted.");
            const R& old = current.front();
            keepWithheld(r, old);
            std::string sets;
            std::vector<std::pair<const char*, std::string>> changed;
            for (const auto& f : fields) {
                std::string v = f.get(r);
                if (v != f.get(old)) {
                    sets += std::string(", ") + f.name + " = ?";
                    changed.emplace_back(f.name, std::move(v));
                }
            }
            r.meta.createdAt = old.meta.createdAt;
            r.meta.author = old.meta.author;
            r.meta.device = old.meta.device;
            if (changed.empty()) {
                r.meta.updatedAt = old.meta.updatedAt;
                withholdAgain(r);
                target = r;
                return r.meta.id; // nothing to write
            }
            r.meta.updatedAt = now;
            auto up = m_db.prepare("UPDATE " + table + " SET updated_at = ?" + sets + " WHERE id = ?");
            up.bind(1, now);
            int i = 2;
            for (const auto& [name, value] : changed)
                up.bind(i++, value);
            up.bind(i, r.meta.id);
            up.step();
            history = detail::recordChanges(m_db, r.meta.id);
            for (const auto& [name, value] : changed)
                log(name, value);
        }
        afterWrite(m_db, r);
        // A record that others have also written may now have different conflicts (an edit here replaces
        // this vault's side of one): keep them a function of the change log, as the merge does.
        if (!create) detail::refreshConflictsAfterLocalWrite(m_db, kind, r.meta.id);
        tx.commit();
        withholdAgain(r);
        target = r;
        return r.meta.id;
    } catch (const DbError& e) {
        return e.toError();
    }
}

Result<std::string> Store::save(YoungPerson& r) {
    return saveRecord(r, false);
}
Result<std::string> Store::save(Placement& r) {
    return saveRecord(r, false);
}
Result<std::string> Store::save(NetworkMember& r) {
    return saveRecord(r, false);
}
Result<std::string> Store::save(ContactRecord& r) {
    return saveRecord(r, false);
}
Result<std::string> Store::save(FollowUpAction& r) {
    return saveRecord(r, false);
}
Result<std::string> Store::save(MissingEpisode& r) {
    return saveRecord(r, false);
}
Result<std::string> Store::create(YoungPerson& r) {
    return saveRecord(r, true);
}
Result<std::string> Store::create(Placement& r) {
    return saveRecord(r, true);
}
Result<std::string> Store::create(NetworkMember& r) {
    return saveRecord(r, true);
}
Result<std::string> Store::create(ContactRecord& r) {
    return saveRecord(r, true);
}
Result<std::string> Store::create(FollowUpAction& r) {
    return saveRecord(r, true);
}
Result<std::string> Store::create(MissingEpisode& r) {
    return saveRecord(r, true);
}

Result<std::string> Store::save(SafetyPlan& r) {
    return saveSafetyPlanVersion(r, false);
}
Result<std::string> Store::create(SafetyPlan& r) {
    return saveSafetyPlanVersion(r, true);
}

Result<std::string> Store::saveSafetyPlanVersion(SafetyPlan& target, bool keepVersion) {
    SafetyPlan r = target;
    if (!keepVersion) {
        // An edit never overwrites: the edited plan becomes a new record, the next version.
        r.meta = RecordMeta{};
        r.version = 0;
    }
    try {
        Transaction tx(m_db);
        if (r.version == 0) {
            // Tombstoned versions keep their numbers, so a number is never reused.
            auto s = m_db.prepare(
                "SELECT max(CAST(version AS INTEGER)) FROM safety_plan WHERE young_person_id = ?");
            s.bind(1, r.youngPersonId);
            r.version = 1;
            if (s.step() && !s.isNull(0)) r.version = static_cast<int>(s.integer(0)) + 1;
        } else {
            auto s = m_db.prepare("SELECT 1 FROM safety_plan WHERE young_person_id = ? AND version = ?");
            s.bind(1, r.youngPersonId).bind(2, std::to_string(r.version));
            if (s.step())
                return makeError(ErrorCode::Invalid,
                                 "Version " + std::to_string(r.version) +
                                     " of this young person's safety plan already exists.",
                                 "version");
        }
        auto id = saveRecord(r, true);
        if (!id) return id;
        tx.commit();
        target = r;
        return id;
    } catch (const DbError& e) {
        return e.toError();
    }
}

Status Store::remove(RecordKind kind, const std::string& id) {
    const std::string table = detail::tableOf(kind);
    try {
        Transaction tx(m_db);
        auto up =
            m_db.prepare("UPDATE " + table + " SET deleted = 1, updated_at = ? WHERE id = ? AND deleted = 0");
        up.bind(1, nowMillis()).bind(2, id).step();
        if (m_db.changes() == 0)
            return makeError(ErrorCode::NotFound,
                             "That record could not be found; it may already be deleted.");
        // A deletion names every head of every field: it saw the record as it was here.
        const std::string base = detail::headsBase(detail::recordChanges(m_db, id));
        auto ins =
            m_db.prepare("INSERT INTO changes (hlc, device, record_kind, record_id, field, value, author, "
                         "base) VALUES (?,?,?,?,?,?,?,?)");
        ins.bind(1, static_cast<std::int64_t>(nextHlc()))
            .bind(2, m_device)
            .bind(3, enumKey(kind))
            .bind(4, id)
            .bind(5, "_deleted")
            .bind(6, "1")
            .bind(7, m_author);
        if (base.empty())
            ins.bindNull(8);
        else
            ins.bind(8, base);
        ins.step();
        if (kind == RecordKind::Contact)
            m_db.prepare("DELETE FROM contact_participant WHERE contact_id = ?").bind(1, id).step();
        detail::refreshConflictsAfterLocalWrite(m_db, kind, id);
        tx.commit();
        return {};
    } catch (const DbError& e) {
        return e.toError();
    }
}

namespace {

// A merged row read back as a record and checked as a local save would be; every field must also read back
// in its canonical form (a date that does not parse would otherwise quietly become "no date").
template <class R> Status validateRow(Database& db, const std::string& id, const Date& today) {
    auto s = db.prepare("SELECT " + selectColumns<R>() + " FROM " + detail::tableOf(RecordTraits<R>::kind) +
                        " WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return {};
    const R r = readRecord<R>(s);
    int col = 6;
    for (const auto& f : RecordTraits<R>::fields()) {
        const std::string raw = s.text(col++);
        if (f.get(r) != raw)
            return makeError(ErrorCode::Invalid,
                             std::string("The field '") + f.name + "' holds a value Throughline cannot read.",
                             f.name);
    }
    return validateWithDate(r, today);
}

} // namespace

Status detail::validateStored(Database& db, RecordKind kind, const std::string& id, const Date& today) {
    switch (kind) {
    case RecordKind::YoungPerson:
        return validateRow<YoungPerson>(db, id, today);
    case RecordKind::Placement:
        return validateRow<Placement>(db, id, today);
    case RecordKind::NetworkMember:
        return validateRow<NetworkMember>(db, id, today);
    case RecordKind::Contact:
        return validateRow<ContactRecord>(db, id, today);
    case RecordKind::Action:
        return validateRow<FollowUpAction>(db, id, today);
    case RecordKind::MissingEpisode:
        return validateRow<MissingEpisode>(db, id, today);
    case RecordKind::SafetyPlan:
        return validateRow<SafetyPlan>(db, id, today);
    }
    return makeError(ErrorCode::Invalid, "Unknown kind of record.", "kind");
}

Status Store::transaction(const std::function<Status()>& work) {
    try {
        Transaction tx(m_db);
        Status s = work();
        if (!s) return s; // rolled back by the transaction's destructor
        tx.commit();
        return {};
    } catch (const DbError& e) {
        return e.toError();
    }
}

Result<YoungPerson> Store::youngPerson(const std::string& id) {
    return byId<YoungPerson>(m_db, id);
}
Result<Placement> Store::placement(const std::string& id) {
    return byId<Placement>(m_db, id);
}
Result<NetworkMember> Store::networkMember(const std::string& id) {
    return byId<NetworkMember>(m_db, id);
}
Result<ContactRecord> Store::contact(const std::string& id) {
    return byId<ContactRecord>(m_db, id);
}
Result<FollowUpAction> Store::action(const std::string& id) {
    return byId<FollowUpAction>(m_db, id);
}
Result<MissingEpisode> Store::missingEpisode(const std::string& id) {
    return byId<MissingEpisode>(m_db, id);
}

namespace {

// The current placement: started on or before today and not ended before today; the latest such.
std::optional<Placement> currentOf(std::vector<Placement> placements, const Date& today) {
    std::optional<Placement> best;
    for (auto& p : placements)
        if (p.isCurrent(today) && (!best || best->start < p.start)) best = std::move(p);
    return best;
}

} // namespace

Result<std::vector<YoungPersonListItem>> Store::listYoungPeople(std::string_view search) {
    try {
        const Date today = m_today();
        const std::string needle = lowerAscii(search);
        std::vector<YoungPersonListItem> out;
        auto people = query<YoungPerson>(m_db, "deleted = 0", {});
        // Walks the (young_person_id, deleted, date) index backwards and stops at the first contact that
        // happened.
        auto lastContact =
            m_db.prepare("SELECT date FROM contact WHERE young_person_id = ? AND deleted = 0 AND "
                         "status = 'happened' ORDER BY date DESC LIMIT 1");
        auto openActions = m_db.prepare(
            "SELECT count(*) FROM action WHERE young_person_id = ? AND deleted = 0 AND done = '0'");
        for (auto& p : people) {
            if (!needle.empty()) {
                const bool hit = lowerAscii(p.name).find(needle) != std::string::npos ||
                                 lowerAscii(p.preferredName).find(needle) != std::string::npos ||
                                 lowerAscii(p.caseReference).find(needle) != std::string::npos;
                if (!hit) continue;
            }
            YoungPersonListItem item;
            item.id = p.meta.id;
            item.name = p.name;
            item.preferredName = p.preferredName;
            item.caseReference = p.caseReference;
            item.homeAuthority = p.homeAuthority;
            if (auto cur = currentOf(
                    query<Placement>(m_db, "young_person_id = ? AND deleted = 0", {p.meta.id}), today)) {
                item.placementArea = cur->placementArea;
                item.placementType = cur->type;
                item.placementStart = cur->start;
            }
            lastContact.reset();
            lastContact.bind(1, p.meta.id);
            if (lastContact.step() && !lastContact.isNull(0))
                item.lastContact = Date::parseIso(lastContact.text(0));
            openActions.reset();
            openActions.bind(1, p.meta.id);
            if (openActions.step()) item.openActions = static_cast<int>(openActions.integer(0));
            out.push_back(std::move(item));
        }
        std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
            return lowerAscii(a.shownName()) < lowerAscii(b.shownName());
        });
        return out;
    } catch (const DbError& e) {
        return e.toError();
    }
}

Result<HomeData> Store::loadHome(const std::string& youngPersonId, int recentLimit) {
    auto person = youngPerson(youngPersonId);
    if (!person) return person.error();
    try {
        HomeData home;
        home.person = std::move(person.value());
        home.currentPlacement = currentOf(
            query<Placement>(m_db, "young_person_id = ? AND deleted = 0", {youngPersonId}), m_today());
        if (home.currentPlacement) {
            auto& pl = *home.currentPlacement;
            home.locationRecorded = !pl.locationAddress.empty() || !pl.locationName.empty();
            // The home screen never holds the location until it is revealed (and audited).
            withholdLocation(pl);
        }
        std::unordered_map<std::string, std::pair<std::string, int>> last;
        {
            auto s = m_db.prepare("SELECT member_id, max(date), count(*) FROM contact_participant "
                                  "WHERE young_person_id = ? AND happened = 1 GROUP BY member_id");
            s.bind(1, youngPersonId);
            while (s.step())
                last[s.text(0)] = {s.text(1), static_cast<int>(s.integer(2))};
        }
        for (auto& m : query<NetworkMember>(m_db, "young_person_id = ? AND deleted = 0", {youngPersonId},
                                            "ORDER BY name")) {
            MemberContact mc;
            if (auto it = last.find(m.meta.id); it != last.end()) {
                mc.lastContact = Date::parseIso(it->second.first);
                mc.contactCount = it->second.second;
            }
            mc.member = std::move(m);
            home.network.push_back(std::move(mc));
        }
        home.recentContacts = query<ContactRecord>(
            m_db, "young_person_id = ? AND deleted = 0", {youngPersonId},
            "ORDER BY date DESC, start_time DESC LIMIT " + std::to_string(std::max(0, recentLimit)));
        home.missingEpisodes = query<MissingEpisode>(m_db, "young_person_id = ? AND deleted = 0",
                                                     {youngPersonId}, "ORDER BY started_at DESC");
        home.openActions = query<FollowUpAction>(m_db, "young_person_id = ? AND deleted = 0 AND done = '0'",
                                                 {youngPersonId}, "ORDER BY due IS NULL OR due = '', due");
        return home;
    } catch (const DbError& e) {
        return e.toError();
    }
}

Result<std::vector<Placement>> Store::placements(const std::string& ypId) {
    try {
        return query<Placement>(m_db, "young_person_id = ? AND deleted = 0", {ypId}, "ORDER BY start DESC");
    } catch (const DbError& e) {
        return e.toError();
    }
}

Result<ConfidentialSet> Store::confidentialSet(const std::string& ypId) {
    try {
        ConfidentialSet set;
        {
            auto s = m_db.prepare("SELECT location_address, location_name, provider, placement_area FROM "
                                  "placement WHERE young_person_id = ?");
            s.bind(1, ypId);
            while (s.step()) {
                set.addPlacement(s.text(0), s.text(1), s.text(2));
                set.allow(s.text(3));
            }
        }
        // Earlier values too: an address corrected or moved from is no less dangerous in an old note.
        auto s = m_db.prepare("SELECT field, value FROM changes WHERE record_kind = 'placement' AND field IN "
                              "('location_address', 'location_name', 'provider') AND record_id IN (SELECT "
                              "id FROM placement WHERE young_person_id = ?)");
        s.bind(1, ypId);
        while (s.step()) {
            const std::string field = s.text(0), value = s.text(1);
            if (field == "location_address")
                set.addPlacement(value, {}, {});
            else
                set.addPlacement({}, value, {});
        }
        auto home = m_db.prepare("SELECT home_authority FROM young_person WHERE id = ?");
        home.bind(1, ypId);
        if (home.step()) set.allow(home.text(0));
        return set;
    } catch (const DbError& e) {
        return e.toError();
    }
}

Result<std::vector<NetworkMember>> Store::network(const std::string& ypId) {
    try {
        return query<NetworkMember>(m_db, "young_person_id = ? AND deleted = 0", {ypId}, "ORDER BY name");
    } catch (const DbError& e) {
        return e.toError();
    }
}

Result<std::vector<std::string>> Store::recentParticipants(const std::string& ypId) {
    try {
        std::vector<std::string> out;
        std::map<std::string, bool> seen;
        auto s = m_db.prepare("SELECT cp.member_id, max(cp.date) AS last FROM contact_participant cp "
                              "JOIN network_member m ON m.id = cp.member_id AND m.deleted = 0 "
                              "WHERE cp.young_person_id = ? GROUP BY cp.member_id ORDER BY last DESC");
        s.bind(1, ypId);
        while (s.step()) {
            out.push_back(s.text(0));
            seen[out.back()] = true;
        }
        for (const auto& m :
             query<NetworkMember>(m_db, "young_person_id = ? AND deleted = 0", {ypId}, "ORDER BY name"))
            if (!seen.count(m.meta.id)) out.push_back(m.meta.id);
        return out;
    } catch (const DbError& e) {
        return e.toError();
    }
}

Result<std::vector<ContactRecord>> Store::contacts(const std::string& ypId, std::optional<Date> from,
                                                   std::optional<Date> to, int limit) {
    try {
        std::string where = "young_person_id = ? AND deleted = 0";
        std::vector<std::string> args{ypId};
        if (from) {
            where += " AND date >= ?";
            args.push_back(from->iso());
        }
        if (to) {
            where += " AND date <= ?";
            args.push_back(to->iso());
        }
        std::string tail = "ORDER BY date DESC, start_time DESC";
        if (limit > 0) tail += " LIMIT " + std::to_string(limit);
        return query<ContactRecord>(m_db, where, args, tail);
    } catch (const DbError& e) {
        return e.toError();
    }
}

Result<std::vector<FollowUpAction>> Store::actions(const std::string& ypId, bool openOnly) {
    try {
        return query<FollowUpAction>(m_db,
                                     openOnly ? "young_person_id = ? AND deleted = 0 AND done = '0'"
                                              : "young_person_id = ? AND deleted = 0",
                                     {ypId}, "ORDER BY due IS NULL OR due = '', due");
    } catch (const DbError& e) {
        return e.toError();
    }
}

Result<std::vector<FollowUpAction>> Store::actionsForContact(const std::string& contactId) {
    try {
        return query<FollowUpAction>(m_db, "contact_id = ? AND deleted = 0", {contactId},
                                     "ORDER BY created_at");
    } catch (const DbError& e) {
        return e.toError();
    }
}

Result<std::vector<MissingEpisode>> Store::missingEpisodes(const std::string& ypId) {
    try {
        return query<MissingEpisode>(m_db, "young_person_id = ? AND deleted = 0", {ypId},
                                     "ORDER BY started_at DESC");
    } catch (const DbError& e) {
        return e.toError();
    }
}

Result<SafetyPlan> Store::safetyPlan(const std::string& id) {
    return byId<SafetyPlan>(m_db, id);
}

Result<std::optional<SafetyPlan>> Store::currentSafetyPlan(const std::string& ypId) {
    try {
        auto rows =
            query<SafetyPlan>(m_db, "young_person_id = ? AND deleted = 0", {ypId},
                              "ORDER BY CAST(version AS INTEGER) DESC, created_at DESC, id DESC LIMIT 1");
        if (rows.empty()) return std::optional<SafetyPlan>();
        return std::optional<SafetyPlan>(std::move(rows.front()));
    } catch (const DbError& e) {
        return e.toError();
    }
}

Result<std::vector<SafetyPlan>> Store::safetyPlanVersions(const std::string& ypId) {
    try {
        return query<SafetyPlan>(m_db, "young_person_id = ? AND deleted = 0", {ypId},
                                 "ORDER BY CAST(version AS INTEGER), created_at, id");
    } catch (const DbError& e) {
        return e.toError();
    }
}

Result<YoungPersonRecords> Store::recordsOf(const std::string& ypId) {
    auto person = youngPerson(ypId);
    if (!person) return person.error();
    try {
        YoungPersonRecords in;
        in.person = std::move(person.value());
        in.placements =
            query<Placement>(m_db, "young_person_id = ? AND deleted = 0", {ypId}, "ORDER BY start, id");
        for (auto& p : in.placements) {
            // The analysis never needs the location; keep it out of memory it does not belong in.
            withholdLocation(p);
        }
        in.members =
            query<NetworkMember>(m_db, "young_person_id = ? AND deleted = 0", {ypId}, "ORDER BY name, id");
        in.contacts = query<ContactRecord>(m_db, "young_person_id = ? AND deleted = 0", {ypId},
                                           "ORDER BY date, start_time, id");
        in.actions =
            query<FollowUpAction>(m_db, "young_person_id = ? AND deleted = 0", {ypId}, "ORDER BY due, id");
        in.missingEpisodes = query<MissingEpisode>(m_db, "young_person_id = ? AND deleted = 0", {ypId},
                                                   "ORDER BY started_at, id");
        auto plans =
            query<SafetyPlan>(m_db, "young_person_id = ? AND deleted = 0", {ypId},
                              "ORDER BY CAST(version AS INTEGER) DESC, created_at DESC, id DESC LIMIT 1");
        if (!plans.empty()) in.safetyPlan = std::move(plans.front());
        return in;
    } catch (const DbError& e) {
        return e.toError();
    }
}

Result<Counts> Store::counts() {
    try {
        Counts c;
        c.youngPeople = m_db.scalar("SELECT count(*) FROM young_person WHERE deleted = 0");
        c.placements = m_db.scalar("SELECT count(*) FROM placement WHERE deleted = 0");
        c.networkMembers = m_db.scalar("SELECT count(*) FROM network_member WHERE deleted = 0");
        c.contacts = m_db.scalar("SELECT count(*) FROM contact WHERE deleted = 0");
        c.actions = m_db.scalar("SELECT count(*) FROM action WHERE deleted = 0");
        c.missingEpisodes = m_db.scalar("SELECT count(*) FROM missing_episode WHERE deleted = 0");
        c.safetyPlans = m_db.scalar("SELECT count(*) FROM safety_plan WHERE deleted = 0"); // every version
        c.changes = m_db.scalar("SELECT count(*) FROM changes");
        c.auditEntries = m_db.scalar("SELECT count(*) FROM audit");
        c.deleted = m_db.scalar("SELECT (SELECT count(*) FROM young_person WHERE deleted = 1) + "
                                "(SELECT count(*) FROM placement WHERE deleted = 1) + "
                                "(SELECT count(*) FROM network_member WHERE deleted = 1) + "
                                "(SELECT count(*) FROM contact WHERE deleted = 1) + "
                                "(SELECT count(*) FROM action WHERE deleted = 1) + "
                                "(SELECT count(*) FROM missing_episode WHERE deleted = 1) + "
                                "(SELECT count(*) FROM safety_plan WHERE deleted = 1)");
        return c;
    } catch (const DbError& e) {
        return e.toError();
    }
}

Result<std::vector<Change>> Store::changesFor(const std::string& recordId) {
    try {
        std::vector<Change> out = detail::recordChanges(m_db, recordId);
        std::sort(out.begin(), out.end(),
                  [](const Change& a, const Change& b) { return detail::laterThan(b, a); });
        return out;
    } catch (const DbError& e) {
        return e.toError();
    }
}

Status Store::saveDraft(const std::string& key, const std::string& content) {
    try {
        m_db.prepare("INSERT OR REPLACE INTO draft (key, content, saved_at) VALUES (?,?,?)")
            .bind(1, key)
            .bind(2, content)
            .bind(3, nowMillis())
            .step();
        return {};
    } catch (const DbError& e) {
        return e.toError();
    }
}

Result<std::optional<std::string>> Store::loadDraft(const std::string& key) {
    try {
        auto s = m_db.prepare("SELECT content FROM draft WHERE key = ?");
        s.bind(1, key);
        if (s.step()) return std::optional<std::string>(s.text(0));
        return std::optional<std::string>();
    } catch (const DbError& e) {
        return e.toError();
    }
}

Status Store::clearDraft(const std::string& key) {
    try {
        m_db.prepare("DELETE FROM draft WHERE key = ?").bind(1, key).step();
        return {};
    } catch (const DbError& e) {
        return e.toError();
    }
}

Result<std::string> Store::setting(const std::string& key, const std::string& fallback) {
    try {
        return readSetting(m_db, key).value_or(fallback);
    } catch (const DbError& e) {
        return e.toError();
    }
}

Status Store::setSetting(const std::string& key, const std::string& value) {
    try {
        writeSetting(m_db, key, value);
        return {};
    } catch (const DbError& e) {
        return e.toError();
    }
}

} // namespace throughline::core
