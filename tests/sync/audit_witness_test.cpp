// The audit trail anchored outside its database (docs/vault-format.md, "Anchoring the audit trail"):
// entries removed from the end are caught against the signed head beside the vault; a trail rewritten and
// re-signed by someone holding the vault's keys is caught against the witness a colleague keeps and hands
// back; a colleague's trail that goes back is reported when their next bundle arrives.
#include <doctest/doctest.h>

#include "throughline/testing/files.hpp"
#include "throughline/testing/sync_fixture.hpp"
#include "throughline/testing/test_vault.hpp"
#include "throughline/db/audit.hpp"
#include "throughline/vault/audit_anchor.hpp"
#include "throughline/db/database.hpp"
#include "throughline/records/store.hpp"
#include "throughline/sync/exchange.hpp"
#include "throughline/vault/vault.hpp"

using namespace throughline::core;
using namespace throughline::core::sync;
using namespace throughline::core::contacts;
namespace fs = std::filesystem;

namespace {

bool anyProblem(Vault& v, const std::string& words) {
    auto report = v.verify();
    REQUIRE(report.ok());
    for (const auto& p : report->problems)
        if (p.find(words) != std::string::npos) return true;
    return false;
}

// What someone holding the data key and the signing key can do: cut the trail back to `keep` entries
// (the chain that is left is intact) and sign the shortened head again.
void truncateAndResign(Vault& v, std::int64_t keep) {
    v.database().prepare("DELETE FROM audit WHERE seq > ?").bind(1, keep).step();
    REQUIRE(writeAuditHeadFile(v).ok());
}

} // namespace

TEST_SUITE("audit-witness") {

    TEST_CASE(
        "the signed head beside the vault follows every entry and catches entries removed from the end") {
        tltest::TempDir tmp;
        auto v = std::move(tltest::makeVault(tmp / "v").vault);
        for (int i = 0; i < 5; ++i)
            REQUIRE(v->audit().append(AuditKind::LocationRevealed, "Placement address shown").ok());
        auto head = readAuditHeadFile(v->dir());
        REQUIRE(head.ok());
        REQUIRE(head->has_value());
        const auto last = v->database().scalar("SELECT max(seq) FROM audit");
        CHECK((*head)->seq == static_cast<std::uint64_t>(last));
        CHECK(v->verify()->ok);

        // An entry written inside a transaction that rolls back never reaches the head.
        {
            Transaction tx(v->database());
            REQUIRE(v->audit().append(AuditKind::Export, "Export that never happened").ok());
        }
        CHECK((*readAuditHeadFile(v->dir()))->seq == static_cast<std::uint64_t>(last));
        CHECK(v->verify()->ok);

        // Cut the end off without the signing key: caught.
        v->database().prepare("DELETE FROM audit WHERE seq > ?").bind(1, last - 2).step();
        CHECK(v->audit().verify()->ok);                          // the chain that is left is intact...
        CHECK(anyProblem(*v, "have been removed from the end")); // ... but it no longer reaches the head
        // Unlocking appends an entry: the head is not moved on over the gap, so the evidence stays.
        const fs::path dir = v->dir();
        v->lock();
        v = std::move(Vault::open(dir, tltest::kFixturePass).value());
        CHECK((*readAuditHeadFile(dir))->seq == static_cast<std::uint64_t>(last));
        CHECK(anyProblem(*v, "since the signed head (entry " + std::to_string(last) + ")"));
    }

    TEST_CASE("a rewritten entry, a missing or altered head file are caught") {
        tltest::TempDir tmp;
        auto v = std::move(tltest::makeVault(tmp / "v").vault);
        REQUIRE(v->audit().append(AuditKind::Export, "Handover for the IRO").ok());
        const auto last = v->database().scalar("SELECT max(seq) FROM audit");
        // Rewrite the last entry and re-hash it so that the chain itself fits.
        auto e = v->audit().recent(1).value().front();
        v->database()
            .prepare("UPDATE audit SET detail = 'Nothing happened', hash = ? WHERE seq = ?")
            .bind(1, std::string(64, 'a'))
            .bind(2, last)
            .step();
        CHECK(anyProblem(*v, "entry " + std::to_string(last) + " has been rewritten"));
        v->database()
            .prepare("UPDATE audit SET detail = ?, hash = ? WHERE seq = ?")
            .bind(1, e.detail)
            .bind(2, e.hash)
            .bind(3, last)
            .step();
        CHECK(v->verify()->ok);
        std::string text = tltest::readFile(v->dir() / kAuditHeadFile);
        text[text.find("seq: ") + 5] = '9';
        tltest::writeFile(v->dir() / kAuditHeadFile, text);
        CHECK(anyProblem(*v, "does not carry this vault's signature"));
        fs::remove(v->dir() / kAuditHeadFile);
        CHECK(anyProblem(*v, "is missing"));
        // A new entry does not quietly make a fresh head where one was before.
        REQUIRE(v->audit().append(AuditKind::Export, "Another export").ok());
        CHECK(anyProblem(*v, "is missing"));
    }

    TEST_CASE("a trail cut back and re-signed with the vault's own key is caught by a colleague's witness") {
        tltest::TempDir tmp;
        auto a = std::move(tltest::makeVault(tmp / "a").vault);
        auto b = std::move(tltest::makeVault(tmp / "b").vault);
        const auto [fpA, fpB, cardA, cardB] = tltest::introduce(*a, *b);
        const std::string yp = tltest::seedSmall(a->store());
        REQUIRE(share(*a, fpB, yp).ok());
        for (int i = 0; i < 4; ++i)
            REQUIRE(a->audit().append(AuditKind::LocationRevealed, "Placement address shown").ok());
        REQUIRE(exportTo(*a, fpB, {}, tmp / "1.thrl").ok()); // carries a's head: b keeps it as a witness
        REQUIRE(importFile(*b, tmp / "1.thrl").ok());
        REQUIRE(share(*b, fpA, yp).ok());
        YoungPerson y = b->store().youngPerson(yp).value();
        y.notes = "Reviewed with the IRO.";
        REQUIRE(b->store().save(y).ok());
        REQUIRE(exportTo(*b, fpA, {}, tmp / "2.thrl").ok()); // hands a's head back to a

        truncateAndResign(*a, 3);
        CHECK(a->verify()->ok); // with the key, the local anchor is re-made: nothing to see locally...
        auto back = importFile(*a, tmp / "2.thrl");
        REQUIRE_MESSAGE(back.ok(), (back.ok() ? "" : back.error().message));
        REQUIRE(back->auditWarnings.size() == 1); // ... but the colleague's witness does not fit
        CHECK(back->auditWarnings.front().find("no longer matches what Sol Brannigan was sent") !=
              std::string::npos);
        CHECK(anyProblem(*a, "since Sol Brannigan was sent entry"));
        // The warning is in a's trail too (for whoever looks next).
        CHECK(a->audit().recent(1).value().front().detail.find("WARNING") != std::string::npos);

        // And b sees a's trail go back with a's next bundle.
        YoungPerson again = a->store().youngPerson(yp).value();
        again.pronouns = "they/them";
        REQUIRE(a->store().save(again).ok());
        truncateAndResign(*a, 3);
        REQUIRE(exportTo(*a, fpB, {}, tmp / "3.thrl").ok());
        auto seen = importFile(*b, tmp / "3.thrl");
        REQUIRE(seen.ok());
        REQUIRE(seen->auditWarnings.size() == 1);
        CHECK(seen->auditWarnings.front().find("Ada Quillfeather's audit trail has gone back") !=
              std::string::npos);
    }

} // TEST_SUITE
