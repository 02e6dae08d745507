#include "throughline/db/schema.hpp"

#include <sqlite3.h>

#include "throughline/db/database.hpp"

namespace throughline::core {

namespace {

// Each entry moves the schema from version i to i+1. Never edit a shipped step: add a new one.
const char* const kMigrations[] = {
    // 0 -> 1: records, change log, audit trail
    R"sql(
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE young_person (
        id TEXT PRIMARY KEY, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, author TEXT NOT NULL,
        device TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0,
        name TEXT, preferred_name TEXT, date_of_birth TEXT, pronouns TEXT, case_reference TEXT,
        home_authority TEXT, notes TEXT);
    CREATE TABLE placement (
        id TEXT PRIMARY KEY, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, author TEXT NOT NULL,
        device TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0,
        young_person_id TEXT, type TEXT, provider TEXT, placement_area TEXT, location_address TEXT,
        location_name TEXT, start TEXT, planned_end TEXT, actual_end TEXT, reasons TEXT, out_of_area_reason TEXT);
    CREATE TABLE network_member (
        id TEXT PRIMARY KEY, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, author TEXT NOT NULL,
        device TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0,
        young_person_id TEXT, name TEXT, track TEXT, role TEXT, place TEXT, worker_view TEXT,
        young_person_view TEXT, arrangement TEXT, arrangement_reason TEXT, source TEXT, notes TEXT,
        active_from TEXT, active_to TEXT);
    CREATE TABLE contact (
        id TEXT PRIMARY KEY, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, author TEXT NOT NULL,
        device TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0,
        young_person_id TEXT, kind TEXT, status TEXT, cancelled_by TEXT, date TEXT, start_time TEXT,
        duration_minutes TEXT, participants TEXT, place TEXT, place_note TEXT, supervised_by TEXT,
        young_person_words TEXT, observations TEXT, rating TEXT, uses TEXT, concern_text TEXT, concern_flags TEXT);
    CREATE TABLE contact_participant (
        contact_id TEXT NOT NULL, member_id TEXT NOT NULL, young_person_id TEXT NOT NULL, date TEXT NOT NULL,
        happened INTEGER NOT NULL, PRIMARY KEY (contact_id, member_id)) WITHOUT ROWID;
    CREATE TABLE action (
        id TEXT PRIMARY KEY, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, author TEXT NOT NULL,
        device TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0,
        young_person_id TEXT, contact_id TEXT, description TEXT, owner TEXT, due TEXT, done TEXT);
    CREATE TABLE changes (
        seq INTEGER PRIMARY KEY, hlc INTEGER NOT NULL, device TEXT NOT NULL, record_kind TEXT NOT NULL,
        record_id TEXT NOT NULL, field TEXT NOT NULL, value TEXT, author TEXT NOT NULL);
    CREATE UNIQUE INDEX changes_by_device ON changes (device, hlc);
    CREATE TABLE audit (
        seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, kind TEXT NOT NULL, detail TEXT NOT NULL,
        record_id TEXT NOT NULL, author TEXT NOT NULL, device TEXT NOT NULL, prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL);
    )sql",
    // 1 -> 2: missing episodes (SSDA903 missing / away without authorisation)
    R"sql(
    CREATE TABLE missing_episode (
        id TEXT PRIMARY KEY, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, author TEXT NOT NULL,
        device TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0,
        young_person_id TEXT, kind TEXT, started_at TEXT, ended_at TEXT, interview_offered TEXT,
        interview_accepted TEXT, interview_date TEXT, notes TEXT);
    )sql",
    // 2 -> 3: drafts, settings, and the indexes the screens' queries need
    R"sql(
    CREATE TABLE draft (key TEXT PRIMARY KEY, content TEXT NOT NULL, saved_at INTEGER NOT NULL);
    CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE INDEX placement_by_person ON placement (young_person_id, start);
    CREATE INDEX member_by_person ON network_member (young_person_id);
    CREATE INDEX contact_by_person ON contact (young_person_id, deleted, date, start_time);
    CREATE INDEX participant_by_member ON contact_participant (young_person_id, member_id, happened, date);
    CREATE INDEX action_by_person ON action (young_person_id, done);
    CREATE INDEX action_by_contact ON action (contact_id);
    CREATE INDEX missing_by_person ON missing_episode (young_person_id, started_at);
    CREATE INDEX changes_by_record ON changes (record_id, field, hlc);
    )sql",
    // 3 -> 4: the young people list asks for each person's last contact that happened; with status in the
    // index that is one index probe, even with a cold file cache. (Recreating contact_by_person also gives
    // early development vaults, made before it covered deleted/start_time, the same index.)
    R"sql(
    DROP INDEX IF EXISTS contact_by_person;
    CREATE INDEX contact_by_person ON contact (young_person_id, deleted, date, start_time);
    CREATE INDEX contact_happened_by_person ON contact (young_person_id, deleted, status, date);
    )sql",
    // 4 -> 5: sync (docs/bundle-format.md): contacts and their sharing scopes, per-contact bookkeeping of
    // what was sent and received, every bundle id seen (replay), and conflicts kept for a person to settle.
    R"sql(
    CREATE TABLE sync_contact (
        fingerprint TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, organisation TEXT NOT NULL,
        device TEXT NOT NULL, sign_key TEXT NOT NULL UNIQUE, box_key TEXT NOT NULL, verified INTEGER NOT NULL,
        added_at INTEGER NOT NULL);
    CREATE TABLE sync_scope (
        fingerprint TEXT NOT NULL, young_person_id TEXT NOT NULL,
        PRIMARY KEY (fingerprint, young_person_id)) WITHOUT ROWID;
    CREATE TABLE sync_peer (
        fingerprint TEXT PRIMARY KEY, last_sent_seq INTEGER NOT NULL DEFAULT 0,
        last_received_sequence INTEGER NOT NULL DEFAULT 0);
    CREATE TABLE sync_bundle (
        bundle_id TEXT PRIMARY KEY, direction TEXT NOT NULL, fingerprint TEXT NOT NULL,
        sequence INTEGER NOT NULL, at INTEGER NOT NULL, changes INTEGER NOT NULL);
    CREATE TABLE sync_conflict (
        id INTEGER PRIMARY KEY, record_kind TEXT NOT NULL, record_id TEXT NOT NULL, field TEXT NOT NULL,
        a_hlc INTEGER NOT NULL, a_device TEXT NOT NULL, a_author TEXT NOT NULL, a_value TEXT,
        b_hlc INTEGER NOT NULL, b_device TEXT NOT NULL, b_author TEXT NOT NULL, b_value TEXT,
        found_at INTEGER NOT NULL, settled INTEGER NOT NULL DEFAULT 0,
        UNIQUE (record_id, field, a_hlc, a_device, b_hlc, b_device));
    )sql",
    // 5 -> 6: the young person's safety plan. Each version is a row of its own (a new version never
    // overwrites an old one); the index finds the current version and the history in one probe.
    R"sql(
    CREATE TABLE safety_plan (
        id TEXT PRIMARY KEY, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, author TEXT NOT NULL,
        device TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0,
        young_person_id TEXT, version TEXT, people TEXT, safe_places TEXT, unsafe_places TEXT, what_helps TEXT,
        young_person_agreed TEXT, adults_agreed TEXT, young_person_contributed TEXT, young_person_agrees TEXT,
        review_date TEXT);
    CREATE INDEX safety_plan_by_person ON safety_plan (young_person_id, deleted, version);
    )sql",
    // 6 -> 7: the plan for ending a relocation (return to the home area, or settle where placed). Rows from
    // before read as "not decided" (an empty value).
    R"sql(
    ALTER TABLE placement ADD COLUMN ending_plan TEXT;
    )sql",
    // 7 -> 8: sync, second round (docs/bundle-format.md v2): files received inside bundles (handover summary
    // PDFs), each change's base (what it replaced, so that only truly concurrent edits are conflicts), and
    // how a conflict was settled; conflict ids are never reused (AUTOINCREMENT), so a number a person was
    // shown cannot come to mean another conflict. Changes written before have no base (NULL): a device's own
    // later change
    // still supersedes its earlier ones.
    R"sql(
    CREATE TABLE sync_attachment (
        id INTEGER PRIMARY KEY, bundle_id TEXT NOT NULL, sender TEXT NOT NULL, name TEXT NOT NULL,
        media_type TEXT NOT NULL, young_person_id TEXT NOT NULL, received_at INTEGER NOT NULL,
        content BLOB NOT NULL);
    ALTER TABLE changes ADD COLUMN base TEXT;
    CREATE TABLE sync_conflict_v8 (
        id INTEGER PRIMARY KEY AUTOINCREMENT, record_kind TEXT NOT NULL, record_id TEXT NOT NULL,
        field TEXT NOT NULL, a_hlc INTEGER NOT NULL, a_device TEXT NOT NULL, a_author TEXT NOT NULL, a_value TEXT,
        b_hlc INTEGER NOT NULL, b_device TEXT NOT NULL, b_author TEXT NOT NULL, b_value TEXT,
        found_at INTEGER NOT NULL, settled INTEGER NOT NULL DEFAULT 0,
        against_delete INTEGER NOT NULL DEFAULT 0, settled_at INTEGER, settled_by TEXT, settled_value TEXT,
        UNIQUE (record_id, field, a_hlc, a_device, b_hlc, b_device));
    INSERT INTO sync_conflict_v8 (id, record_kind, record_id, field, a_hlc, a_device, a_author, a_value, b_hlc,
        b_device, b_author, b_value, found_at, settled)
        SELECT id, record_kind, record_id, field, a_hlc, a_device, a_author, a_value, b_hlc, b_device, b_author,
        b_value, found_at, settled FROM sync_conflict;
    DROP TABLE sync_conflict;
    ALTER TABLE sync_conflict_v8 RENAME TO sync_conflict;
    CREATE INDEX sync_conflict_open ON sync_conflict (settled, record_id);
    )sql",
};
static_assert(sizeof(kMigrations) / sizeof(kMigrations[0]) == kSchemaVersion);

} // namespace

int schemaVersion(Database& db) {
    return static_cast<int>(db.scalar("PRAGMA user_version"));
}

void migrate(Database& db, int target) {
    const int current = schemaVersion(db);
    if (current > kSchemaVersion)
        throw DbError(SQLITE_MISMATCH, "this vault was written by a newer version of Throughline (schema " +
                                           std::to_string(current) + ")");
    if (current >= target) return;
    Transaction tx(db);
    for (int v = current; v < target; ++v)
        db.exec(kMigrations[v]);
    db.exec("PRAGMA user_version = " + std::to_string(target));
    tx.commit();
}

} // namespace throughline::core
