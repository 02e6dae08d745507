// Databases written at every earlier schema version migrate to the latest with their rows intact, end
// up with exactly the schema a new vault has, and a newer schema than this build knows is refused.
#include <doctest/doctest.h>
#include <sodium.h>

#include <map>
#include <set>

#include "rob_util.hpp"
#include "throughline/vault/audit_anchor.hpp"
#include "throughline/vault/key_header.hpp"
#include "throughline/db/schema.hpp"
#include "throughline/base/secure_bytes.hpp"

using namespace throughline::core;
using namespace rob;

namespace {

SecureBytes randomKey() {
    ensureSodium();
    SecureBytes key(32);
    randombytes_buf(key.data(), key.size());
    return key;
}

std::string schemaOf(Database& db) {
    std::string out;
    auto s = db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name");
    while (s.step())
        out += s.text(0) + "|" + s.text(1) + "|" + s.text(2) + "|" + s.text(3) + "\n";
    return out;
}

std::set<std::string> tablesOf(Database& db) {
    std::set<std::string> out;
    auto s = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'");
    while (s.step())
        out.insert(s.text(0));
    return out;
}

using Columns = std::map<std::string, std::vector<std::string>>;

Columns columnsOf(Database& db, const std::set<std::string>& tables) {
    Columns out;
    for (const auto& t : tables) {
        auto s = db.prepare("PRAGMA table_info(" + t + ")");
        while (s.step())
            out[t].push_back(s.text(1));
    }
    return out;
}

// Every row of `tables`, as text. With `only`, just those columns: a later step may add a column, and the
// rows written before must keep every value they had.
std::string dumpTables(Database& db, const std::set<std::string>& tables, const Columns* only = nullptr) {
    const Columns all = columnsOf(db, tables);
    std::string out;
    for (const auto& t : tables) {
        std::string expr;
        for (const auto& c : only ? only->at(t) : all.at(t))
            expr += (expr.empty() ? "quote(" : " || ',' || quote(") + c + ")";
        auto s = db.prepare("SELECT " + expr + " FROM " + t + " ORDER BY 1");
        out += "## " + t + "\n";
        while (s.step())
            out += s.text(0) + "\n";
    }
    return out;
}

const char* kDevice = "0a1b2c3d4e5f6071";

} // namespace

// Rows exactly as a build at `version` wrote them (canonical text forms), each explained by the change log
// (declared in rob_util.hpp: the crash loop's migration path uses them too).
OldIds rob::insertRowsAt(Database& db, int version) {
    OldIds ids{newUuid(), newUuid(), newUuid(), newUuid(), newUuid(), newUuid(), newUuid()};
    const std::string today = Date::today().iso(), lastWeek = Date::today().addDays(-7).iso();
    const std::string meta =
        "1767225600000, 1767225600000, 'Ada Quillfeather', '" + std::string(kDevice) + "', 0";
    db.exec("INSERT INTO meta (key, value) VALUES ('device_id', '" + std::string(kDevice) +
            "'), ('owner_name', 'Ada Quillfeather'), ('owner_role', 'Key worker'), "
            "('owner_organisation', 'Fernbrook Children''s Services'), ('created_at', '1767225600000')");
    db.exec("INSERT INTO young_person (id, created_at, updated_at, author, device, deleted, name, "
            "preferred_name, "
            "date_of_birth, pronouns, case_reference, home_authority, notes) VALUES ('" +
            ids.person + "', " + meta +
            ", 'Jesse Marlowe-Tring', 'Jess', '2011-06-02', 'she/her', 'FB-2044', 'Harlow Vale Council', "
            "'Written by schema " +
            std::to_string(version) + "')");
    db.exec(
        "INSERT INTO placement (id, created_at, updated_at, author, device, deleted, young_person_id, type, "
        "provider, placement_area, location_address, location_name, start, planned_end, actual_end, reasons, "
        "out_of_area_reason) VALUES ('" +
        ids.placement + "', " + meta + ", '" + ids.person +
        "', 'U4', 'Kellerby Fostering', 'Kellerby', '3 Tamber Close, Kellerby KB2 7QQ', 'The Okafors', "
        "'2025-01-10', '', '', 'county_lines', 'Away from the group in Saltby Cross')");
    for (const auto& [id, name, role] : {std::tuple{ids.mum, "Carla Marlowe", "parent"},
                                         std::tuple{ids.friendId, "Dev Pattinson", "friend"}})
        db.exec("INSERT INTO network_member (id, created_at, updated_at, author, device, deleted, "
                "young_person_id, "
                "name, track, role, place, worker_view, young_person_view, arrangement, arrangement_reason, "
                "source, notes, active_from, active_to) VALUES ('" +
                id + "', " + meta + ", '" + ids.person + "', '" + name + "', 'family', '" + role +
                "', 'home_area', 'protective', 'protective', 'encouraged', '', '', '', '', '')");
    db.exec(
        "INSERT INTO contact (id, created_at, updated_at, author, device, deleted, young_person_id, kind, "
        "status, cancelled_by, date, start_time, duration_minutes, participants, place, place_note, "
        "supervised_by, young_person_words, observations, rating, uses, concern_text, concern_flags) VALUES "
        "('" +
        ids.contact + "', " + meta + ", '" + ids.person + "', 'family_time', 'happened', 'not_recorded', '" +
        lastWeek + "', '16:30', '90', '" + ids.mum +
        "', 'placement_area', 'Kellerby library', '', 'Mum said she is proud of me.', "
        "'Warm, relaxed visit.', 'good', 'consistency', '', '')");
    db.exec(
        "INSERT INTO contact_participant (contact_id, member_id, young_person_id, date, happened) VALUES ('" +
        ids.contact + "', '" + ids.mum + "', '" + ids.person + "', '" + lastWeek + "', 1)");
    db.exec("INSERT INTO action (id, created_at, updated_at, author, device, deleted, young_person_id, "
            "contact_id, "
            "description, owner, due, done) VALUES ('" +
            ids.action + "', " + meta + ", '" + ids.person + "', '" + ids.contact +
            "', 'Book the next family time', 'Key worker', '" + today + "', '0')");
    if (version >= 2)
        db.exec("INSERT INTO missing_episode (id, created_at, updated_at, author, device, deleted, "
                "young_person_id, "
                "kind, started_at, ended_at, interview_offered, interview_accepted, interview_date, notes) "
                "VALUES ('" +
                ids.missing + "', " + meta + ", '" + ids.person +
                "', 'missing', '1767000000000', '1767050000000', '1', '1', '', 'Returned by herself')");
    // The change log explains every field of every row (what the write path would have logged).
    std::int64_t hlc = 1767225600000ll << 16;
    for (const auto& table : tablesOf(db)) {
        if (!enumFromKey<RecordKind>(table)) continue;
        std::vector<std::string> fields;
        {
            auto s = db.prepare("PRAGMA table_info(" + table + ")");
            while (s.step()) {
                const std::string c = s.text(1);
                if (c != "id" && c != "created_at" && c != "updated_at" && c != "author" && c != "device" &&
                    c != "deleted")
                    fields.push_back(c);
            }
        }
        std::vector<std::string> rowIds;
        {
            auto s = db.prepare("SELECT id FROM " + table);
            while (s.step())
                rowIds.push_back(s.text(0));
        }
        for (const auto& id : rowIds)
            for (const auto& f : fields)
                db.prepare("INSERT INTO changes (hlc, device, record_kind, record_id, field, value, author) "
                           "SELECT ?, device, ?, id, ?, " +
                           f + ", author FROM " + table + " WHERE id = ? AND ifnull(" + f + ", '') <> ''")
                    .bind(1, ++hlc)
                    .bind(2, table)
                    .bind(3, f)
                    .bind(4, id)
                    .step();
    }
    return ids;
}

namespace {

void checkReadableByStore(Database& db, const OldIds& ids, int version) {
    Store store(db, kDevice, "Ada Quillfeather");
    auto yp = store.youngPerson(ids.person);
    REQUIRE(yp.ok());
    CHECK(yp->name == "Jesse Marlowe-Tring");
    CHECK(yp->shownName() == "Jess");
    CHECK(yp->notes == "Written by schema " + std::to_string(version));
    auto home = store.loadHome(ids.person);
    REQUIRE_MESSAGE(home.ok(), (home.ok() ? "" : home.error().message));
    REQUIRE(home->currentPlacement.has_value());
    CHECK(home->currentPlacement->placementArea == "Kellerby");
    CHECK(home->locationRecorded); // the location itself stays out of home data (revealed only via the vault)
    auto placement = store.placement(ids.placement);
    REQUIRE(placement.ok());
    CHECK(placement->locationName == "The Okafors");
    CHECK(placement->locationAddress == "3 Tamber Close, Kellerby KB2 7QQ");
    CHECK(home->currentPlacement->type == PlacementType::U4);
    REQUIRE(home->network.size() == 2);
    CHECK(home->network.front().member.name == "Carla Marlowe");
    CHECK(home->network.front().contactCount == 1);
    REQUIRE(home->recentContacts.size() == 1);
    CHECK(home->recentContacts.front().youngPersonWords == "Mum said she is proud of me.");
    CHECK(home->recentContacts.front().participantIds == std::vector<std::string>{ids.mum});
    CHECK(home->openActions.size() == 1);
    CHECK(home->missingEpisodes.size() == (version >= 2 ? 1u : 0u));
    // And the migrated database takes new writes through the one write path.
    ContactRecord c;
    c.youngPersonId = ids.person;
    c.date = Date::today();
    c.participantIds = {ids.friendId};
    c.observations = "First contact written after the migration.";
    auto saved = store.save(c);
    REQUIRE_MESSAGE(saved.ok(), (saved.ok() ? "" : saved.error().message));
    REQUIRE(store.saveDraft("k", "v").ok()); // drafts arrived in schema 3
    auto changes = store.changesFor(ids.contact);
    REQUIRE(changes.ok());
    CHECK(changes->size() >= 10);
}

} // namespace

TEST_SUITE("migrations") {

    TEST_CASE("a database at every earlier schema migrates to the latest with its rows intact") {
        tltest::TempDir tmp;
        std::string freshSchema;
        {
            Database fresh = Database::open(tmp / "fresh.db", randomKey());
            migrate(fresh);
            CHECK(schemaVersion(fresh) == kSchemaVersion);
            freshSchema = schemaOf(fresh);
        }
        for (int v = 1; v < kSchemaVersion; ++v) {
            CAPTURE(v);
            const fs::path file = tmp / ("v" + std::to_string(v) + ".db");
            const SecureBytes key = randomKey();
            OldIds ids;
            std::set<std::string> oldTables;
            Columns oldColumns;
            std::string before;
            {
                Database db = Database::open(file, key);
                migrate(db, v);
                REQUIRE(schemaVersion(db) == v);
                ids = insertRowsAt(db, v);
                oldTables = tablesOf(db);
                oldColumns = columnsOf(db, oldTables);
                before = dumpTables(db, oldTables);
            }
            // Reopen (as the next build would) and migrate.
            Database db = Database::open(file, key);
            REQUIRE(schemaVersion(db) == v);
            migrate(db);
            CHECK(schemaVersion(db) == kSchemaVersion);
            CHECK(dumpTables(db, oldTables, &oldColumns) == before);
            // The same tables, columns and indexes as a vault created at the latest schema.
            CHECK(schemaOf(db) == freshSchema);
            CHECK(db.scalarText("PRAGMA integrity_check") == "ok");
            // Migrating again changes nothing.
            migrate(db);
            CHECK(schemaOf(db) == freshSchema);
            checkReadableByStore(db, ids, v);
        }
    }

    TEST_CASE("a vault whose database is at an earlier schema unlocks, migrates and verifies") {
        for (int v = 1; v < kSchemaVersion; ++v) {
            CAPTURE(v);
            tltest::TempDir tmp;
            const fs::path dir = tmp / "vault";
            tltest::makeVault(dir).vault->lock();
            // Rebuild vault.db as a build at schema v would have written it, under the same data key.
            auto header = KeyHeader::parse([&] {
                const std::string s = tltest::readFile(dir / VaultFiles::header);
                return std::vector<std::uint8_t>(s.begin(), s.end());
            }());
            REQUIRE(header.ok());
            auto key = header->unwrapWithPassphrase(tltest::kFixturePass);
            REQUIRE(key.ok());
            fs::remove(dir / VaultFiles::database);
            // A vault written at schema v predates the signed audit head beside the database; the head of the
            // vault just made names an entry of the database removed above (which verify would rightly
            // report).
            fs::remove(dir / kAuditHeadFile);
            OldIds ids;
            {
                Database db = Database::open(dir / VaultFiles::database, *key);
                migrate(db, v);
                ids = insertRowsAt(db, v);
            }
            auto vault = Vault::open(dir, tltest::kFixturePass);
            REQUIRE_MESSAGE(vault.ok(), (vault.ok() ? "" : vault.error().message));
            CHECK(schemaVersion(vault.value()->database()) == kSchemaVersion);
            CHECK(vault.value()->owner().name == "Ada Quillfeather");
            auto report = vault.value()->verify();
            REQUIRE(report.ok());
            INFO("verify: " << (report->problems.empty() ? "" : report->problems.front()));
            CHECK(report->ok);
            auto home = vault.value()->store().loadHome(ids.person);
            REQUIRE(home.ok());
            CHECK(home->recentContacts.size() == 1);
            CHECK(home->network.size() == 2);
        }
    }

    TEST_CASE("a migration that fails part-way leaves the database at its old schema, untouched") {
        tltest::TempDir tmp;
        const SecureBytes key = randomKey();
        const int from = kSchemaVersion - 1;
        Database db = Database::open(tmp / "old.db", key);
        migrate(db, from);
        (void)insertRowsAt(db, from);
        // Something the last step creates is already there (a hand-made object): the step must fail whole.
        // One object per step from 4 on; IF NOT EXISTS leaves those of steps already run alone, so whichever
        // step is last finds its object taken. Add your step's first object here when you append a step.
        db.exec("CREATE INDEX IF NOT EXISTS contact_happened_by_person ON contact (young_person_id)");
        db.exec("CREATE TABLE IF NOT EXISTS sync_contact (hand_made TEXT)");
        db.exec("CREATE TABLE IF NOT EXISTS safety_plan (hand_made TEXT)");
        db.exec("CREATE TABLE IF NOT EXISTS sync_attachment (hand_made TEXT)");
        try { // step 7 adds a column: add it first (it is there already when a later step is the last)
            db.exec("ALTER TABLE placement ADD COLUMN ending_plan TEXT");
        } catch (const DbError&) {
        }
        const std::string schemaBefore = schemaOf(db);
        const std::string rowsBefore = dumpTables(db, tablesOf(db));
        CHECK_THROWS_AS(migrate(db), DbError);
        CHECK(schemaVersion(db) == from);
        CHECK(schemaOf(db) == schemaBefore);
        CHECK(dumpTables(db, tablesOf(db)) == rowsBefore);
    }

    TEST_CASE("a database claiming a newer schema than this build is refused with Unsupported") {
        tltest::TempDir tmp;
        {
            auto created = tltest::makeVault(
                tmp.path, {.seed = tltest::Seed::Varied, .youngPeople = 1, .contactsEach = 3});
            created.vault->database().exec("PRAGMA user_version = 99");
            created.vault->lock();
        }
        const std::string dbBefore = tltest::readFile(tmp / VaultFiles::database);
        for (int attempt = 0; attempt < 2; ++attempt) {
            auto v = Vault::open(tmp.path, tltest::kFixturePass);
            REQUIRE_FALSE(v.ok());
            INFO(codeName(v.error().code) << ": " << v.error().message);
            CHECK(v.error().code == ErrorCode::Unsupported);
            CHECK(v.error().message.find("newer version") != std::string::npos);
        }
        // Refusing wrote nothing into the newer database.
        CHECK(tltest::readFile(tmp / VaultFiles::database) == dbBefore);
        // migrate() itself refuses too (it never "downgrades").
        {
            auto header = KeyHeader::parse([&] {
                const std::string s = tltest::readFile(tmp / VaultFiles::header);
                return std::vector<std::uint8_t>(s.begin(), s.end());
            }());
            REQUIRE(header.ok());
            auto key = header->unwrapWithPassphrase(tltest::kFixturePass);
            REQUIRE(key.ok());
            Database db = Database::open(tmp / VaultFiles::database, *key);
            CHECK(schemaVersion(db) == 99);
            CHECK_THROWS_AS(migrate(db), DbError);
            CHECK(schemaVersion(db) == 99);
        }
    }

} // TEST_SUITE
