// Tampering with the hash-chained audit trail (or editing rows behind the change log's back) is found
// by verify(). The tamperer here has the data key (SQL access to the open vault): the worst case short
// of recomputing the whole chain.
#include <doctest/doctest.h>

#include "rob_util.hpp"
#include "throughline/db/audit.hpp"

using namespace throughline::core;
using namespace rob;

namespace {

struct Trail {
    tltest::TempDir tmp;
    fs::path dir = tmp / "vault";
    std::unique_ptr<Vault> vault;
    Seeded seeded;
    std::int64_t entries = 0;
    Trail() {
        auto created =
            tltest::makeVault(dir, {.seed = tltest::Seed::Varied, .youngPeople = 1, .contactsEach = 4});
        vault = std::move(created.vault);
        seeded = std::move(created.seeded);
        AuditTrail& a = vault->audit();
        REQUIRE(a.append(AuditKind::LocationRevealed, "Placement address shown", seeded.youngPeople.front())
                    .ok());
        REQUIRE(a.append(AuditKind::Export, "Export for Kellerby Youth Service").ok());
        REQUIRE(a.append(AuditKind::Import, "Bundle from Saltby Cross team").ok());
        REQUIRE(
            a.append(AuditKind::LocationRevealed, "Placement address shown again", seeded.youngPeople.front())
                .ok());
        REQUIRE(a.append(AuditKind::Export, "Handover for the IRO").ok());
        entries = vault->database().scalar("SELECT count(*) FROM audit");
        REQUIRE(entries >= 6);
        auto report = vault->verify();
        REQUIRE(report.ok());
        REQUIRE(report->ok);
    }
    Database& db() { return vault->database(); }
    // verify() must report an audit-trail problem (and the trail's own verify must agree).
    void expectCaught(const std::string& what) {
        auto chain = vault->audit().verify();
        REQUIRE(chain.ok());
        INFO(what << ": audit verify says ok=" << chain->ok << " " << chain->problem);
        CHECK_FALSE(chain->ok);
        auto report = vault->verify();
        REQUIRE(report.ok());
        CHECK_FALSE(report->ok);
        bool mentionsAudit = false;
        for (const auto& p : report->problems)
            mentionsAudit |= p.find("audit trail") != std::string::npos;
        CHECK(mentionsAudit);
    }
};

} // namespace

TEST_SUITE("audit-tamper") {

    TEST_CASE("deleting an audit entry in the middle is detected") {
        Trail t;
        t.db().exec("DELETE FROM audit WHERE seq = 3");
        t.expectCaught("delete middle entry");
        auto chain = t.vault->audit().verify();
        CHECK(chain->firstBadSeq == 4);
    }

    TEST_CASE("deleting the first audit entry is detected") {
        Trail t;
        t.db().exec("DELETE FROM audit WHERE seq = 1");
        t.expectCaught("delete first entry");
    }

    TEST_CASE("deleting an entry and renumbering the rest is detected") {
        Trail t;
        t.db().exec("DELETE FROM audit WHERE seq = 3");
        t.db().exec("UPDATE audit SET seq = seq - 1 WHERE seq > 3");
        t.expectCaught("delete and renumber");
    }

    TEST_CASE("reordering two audit entries is detected") {
        Trail t;
        SUBCASE("swap the rows, keeping their sequence numbers with them") {
            t.db().exec("UPDATE audit SET seq = -1 WHERE seq = 3");
            t.db().exec("UPDATE audit SET seq = 3 WHERE seq = 4");
            t.db().exec("UPDATE audit SET seq = 4 WHERE seq = -1");
            // Rows now carry each other's seq: entry 3 holds what was entry 4.
            t.expectCaught("swap rows");
        }
        SUBCASE("swap the contents, leaving the sequence numbers in place") {
            const char* cols[] = {"at",     "kind",   "detail",    "record_id",
                                  "author", "device", "prev_hash", "hash"};
            t.db().exec("CREATE TEMP TABLE a3 AS SELECT * FROM audit WHERE seq = 3");
            for (const char* c : cols) {
                const std::string col = c;
                t.db().exec("UPDATE audit SET " + col + " = (SELECT " + col +
                            " FROM audit WHERE seq = 4) WHERE seq = 3");
                t.db().exec("UPDATE audit SET " + col + " = (SELECT " + col + " FROM temp.a3) WHERE seq = 4");
            }
            t.expectCaught("swap contents");
        }
        SUBCASE("move the oldest entry to the end") {
            const auto last = t.db().scalar("SELECT max(seq) FROM audit");
            t.db().exec("UPDATE audit SET seq = " + std::to_string(last + 1) + " WHERE seq = 1");
            t.expectCaught("move to end");
        }
    }

    TEST_CASE("editing an audit entry's detail, time, author or hash is detected") {
        Trail t;
        SUBCASE("detail") {
            t.db().exec("UPDATE audit SET detail = 'Nothing happened' WHERE seq = 3");
        }
        SUBCASE("time") {
            t.db().exec("UPDATE audit SET at = at - 86400000 WHERE seq = 4");
        }
        SUBCASE("author") {
            t.db().exec("UPDATE audit SET author = 'Someone Else' WHERE seq = 2");
        }
        SUBCASE("kind") {
            t.db().exec("UPDATE audit SET kind = 'unlock' WHERE kind = 'location_revealed'");
        }
        SUBCASE("hash of the newest entry") {
            t.db().exec("UPDATE audit SET hash = '" + std::string(64, 'a') +
                        "' WHERE seq = (SELECT max(seq) FROM audit)");
        }
        t.expectCaught("edited entry");
    }

    TEST_CASE("a record edited behind the change log's back, or a deleted change, is detected") {
        Trail t;
        SUBCASE("row edited without a change") {
            t.db().exec("UPDATE contact SET observations = 'Rewritten quietly' WHERE id = '" +
                        t.seeded.contacts.back() + "'");
        }
        SUBCASE("a change deleted") {
            t.db().exec("DELETE FROM changes WHERE seq = (SELECT max(seq) FROM changes WHERE field = "
                        "'observations')");
        }
        SUBCASE("a tombstone undone") {
            t.db().exec("UPDATE contact SET deleted = 0 WHERE id = '" + t.seeded.tombstonedContact + "'");
        }
        SUBCASE("a row inserted with no change log") {
            t.db().exec("INSERT INTO young_person (id, created_at, updated_at, author, device, deleted, "
                        "name) VALUES ("
                        "'00000000-0000-4000-8000-000000000000', 1, 1, 'x', 'x', 0, 'Planted Person')");
        }
        auto report = t.vault->verify();
        REQUIRE(report.ok());
        CHECK_FALSE(report->ok);
    }

} // TEST_SUITE
