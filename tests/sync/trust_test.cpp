// Who may change what (docs/bundle-format.md §5): a bundle speaks only for the device that signed it, touches
// only the young people shared with its sender, never moves a record or changes its kind, brings the
// confidential placement fields only when it says so, and leaves only records a local save would accept.
// Every refusal has its own message and leaves the vault exactly as it was.
#include <doctest/doctest.h>
#include <sodium.h>

#include <atomic>
#include <cctype>
#include <random>

#include "sync_test_util.hpp"
#include "throughline/testing/sync_fixture.hpp"
#include "throughline/testing/test_vault.hpp"
#include "throughline/db/audit.hpp"
#include "throughline/vault/audit_anchor.hpp"
#include "throughline/db/database.hpp"
#include "throughline/records/store.hpp"
#include "throughline/sync/exchange.hpp"
#include "throughline/base/time.hpp"
#include "throughline/vault/vault.hpp"
#include "vault_dump.hpp"

using namespace throughline::core;
using namespace throughline::core::sync;
using namespace throughline::core::contacts;
using synctest::vaultHash;
namespace fs = std::filesystem;

namespace {

// A key worker (a) who has sent a young person to a social worker (b); b can receive crafted bundles that
// are validly signed by a.
struct Colleagues : tltest::VaultPair {
    std::string placement;
    std::uint64_t sequence = 1000;
    std::uint64_t clock = 0; // after everything either vault has written, so crafted changes are the latest
    Colleagues() {
        REQUIRE(exportTo(*a, fpB, {}, tmp / "seed.thrl").ok());
        REQUIRE(importFile(*b, tmp / "seed.thrl").ok());
        placement = b->store().placements(yp).value().front().meta.id;
        clock = static_cast<std::uint64_t>(nowMillis() + 1000) << 16;
    }
    // A change as a's vault would write it.
    Change change(RecordKind kind, const std::string& record, const std::string& field,
                  const std::string& value) {
        Change c;
        c.kind = kind;
        c.recordId = record;
        c.field = field;
        c.value = value;
        c.hlc = ++clock;
        c.device = a->deviceId();
        c.author = "Ada Quillfeather";
        return c;
    }
    // A bundle signed by a, for b, with these changes; imported into b.
    Result<ImportSummary> send(const std::vector<Change>& changes, std::uint32_t flags = 0) {
        auto own = ownIdentity(*a).value();
        auto keys = ownSecretKeys(*a).value();
        Manifest m;
        m.sequence = ++sequence;
        m.createdAt = nowMillis();
        m.schemaVersion = 8;
        m.flags = flags;
        auto bytes = writeBundle(m, changes, Sender{own, &keys.signSecret}, {ownIdentity(*b).value()});
        REQUIRE(bytes.ok());
        return importBytes(*b, *bytes);
    }
    // Expects `changes` to be refused with `key`, a message containing `words`, and b unchanged.
    void refused(const std::vector<Change>& changes, const std::string& key, const std::string& words,
                 std::uint32_t flags = 0) {
        const std::string before = vaultHash(*b);
        auto r = send(changes, flags);
        REQUIRE_FALSE(r.ok());
        CHECK(enumKey(r.error().reason) == key);
        INFO(r.error().message);
        CHECK(r.error().message.find(words) != std::string::npos);
        CHECK(r.error().message.find("Nothing was imported") != std::string::npos);
        CHECK(vaultHash(*b) == before);
    }
};

std::string youngPersonOnlyAtB(Colleagues& c) {
    YoungPerson other;
    other.name = "Kit Marchbank";
    return c.b->store().save(other).value();
}

} // namespace

TEST_SUITE("hostile") {

    TEST_CASE("a change that claims to come from this vault, or from a third device, is refused") {
        Colleagues c;
        auto mine = c.change(RecordKind::YoungPerson, c.yp, "notes", "Written as if by Sol.");
        mine.device = c.b->deviceId();
        mine.author = "Sol Brannigan";
        c.refused({mine}, "origin", "claim to have been written in this vault");
        auto relayed = c.change(RecordKind::YoungPerson, c.yp, "notes", "Passed on from someone else.");
        relayed.device = "0123456789abcdef";
        c.refused({relayed}, "relayed", "only a colleague's own changes");
    }

    TEST_CASE("the author of an imported change is its signer, whatever the bundle says") {
        Colleagues c;
        auto claim = c.change(RecordKind::YoungPerson, c.yp, "notes", "Reviewed at the LAC review.");
        claim.author = "Sol Brannigan"; // the recipient's own name
        REQUIRE(c.send({claim}).ok());
        auto changes = c.b->store().changesFor(c.yp).value();
        bool found = false;
        for (const auto& ch : changes)
            if (ch.field == "notes" && ch.hlc == claim.hlc) {
                found = true;
                CHECK(ch.author == "Ada Quillfeather");
                CHECK(ch.device == c.a->deviceId());
            }
        CHECK(found);
    }

    TEST_CASE("a contact card claiming this vault's device or another contact's is refused") {
        Colleagues c;
        const fs::path dir = c.tmp / "c";
        (void)tltest::makeVault(dir);
        const auto cardWithDevice = [&](const std::string& device) {
            auto v = Vault::open(dir, tltest::kFixturePass);
            REQUIRE(v.ok());
            (*v)->database()
                .prepare("UPDATE meta SET value = ? WHERE key = 'device_id'")
                .bind(1, device)
                .step();
            (*v)->lock();
            auto again = Vault::open(dir, tltest::kFixturePass);
            REQUIRE(again.ok());
            return makeCard(**again).value();
        };
        const std::string before = vaultHash(*c.b);
        auto own = importCard(*c.b, cardWithDevice(c.b->deviceId()), true);
        REQUIRE_FALSE(own.ok());
        CHECK(own.error().field == "device");
        CHECK(own.error().message.find("this vault's own device") != std::string::npos);
        // The same device id spelt in capitals is refused too: ids are compared as text, so only the form
        // this app writes (lower-case hex) is accepted.
        std::string shouted = c.b->deviceId();
        for (auto& ch : shouted)
            ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        REQUIRE(shouted != c.b->deviceId());
        auto capitals = importCard(*c.b, cardWithDevice(shouted), true);
        REQUIRE_FALSE(capitals.ok());
        CHECK(capitals.error().message.find("device id is malformed") != std::string::npos);
        auto other = importCard(*c.b, cardWithDevice(c.a->deviceId()), true);
        REQUIRE_FALSE(other.ok());
        CHECK(other.error().field == "device");
        CHECK(other.error().message.find("Ada Quillfeather, another of your contacts") != std::string::npos);
        CHECK(vaultHash(*c.b) == before);
    }

    TEST_CASE("records of a young person not shared with the sender cannot be changed or added") {
        Colleagues c;
        const std::string kit = youngPersonOnlyAtB(c);
        c.refused({c.change(RecordKind::YoungPerson, kit, "notes", "Moved to a new school.")}, "scope",
                  "a young person you do not share with Ada Quillfeather");
        const std::string newPlacement = newUuid();
        c.refused({c.change(RecordKind::Placement, newPlacement, "young_person_id", kit),
                   c.change(RecordKind::Placement, newPlacement, "placement_area", "Saltby Cross"),
                   c.change(RecordKind::Placement, newPlacement, "start", "2026-01-05")},
                  "scope", "a young person you do not share with Ada Quillfeather");
        // A record that names no young person at all cannot be placed in scope either.
        const std::string member = newUuid();
        auto noName = c.change(RecordKind::NetworkMember, member, "young_person_id", "");
        c.refused({noName}, "scope", "a young person it does not name");
    }

    TEST_CASE("a record's young person and kind never change once it exists") {
        Colleagues c;
        const std::string kit = youngPersonOnlyAtB(c);
        c.refused({c.change(RecordKind::Placement, c.placement, "young_person_id", kit)}, "immutable",
                  "moves a record to another young person");
        c.refused({c.change(RecordKind::Action, c.placement, "description", "Chase the school place")},
                  "immutable", "changes what kind of record a record is");
        // Two kinds for one record inside a single bundle.
        const std::string id = newUuid();
        c.refused({c.change(RecordKind::NetworkMember, id, "young_person_id", c.yp),
                   c.change(RecordKind::Action, id, "young_person_id", c.yp)},
                  "immutable", "changes what kind of record");
    }

    TEST_CASE(
        "a placement's address, carer or home name and provider come in only when included on purpose") {
        Colleagues c;
        for (const char* field : {"location_address", "location_name", "provider"})
            c.refused({c.change(RecordKind::Placement, c.placement, field, "14 Orchard Row, Saltby")},
                      "confidential", "without saying it includes them on purpose");
        auto included = c.send(
            {c.change(RecordKind::Placement, c.placement, "location_address", "14 Orchard Row, Saltby")},
            LocationIncluded);
        REQUIRE_MESSAGE(included.ok(), (included.ok() ? "" : included.error().message));
        CHECK(c.b->store().placement(c.placement)->locationAddress == "14 Orchard Row, Saltby");
    }

    TEST_CASE("every merged record passes the same validation as a local save, naming the field") {
        Colleagues c;
        const auto expect = [&](const std::vector<Change>& changes, const std::string& field,
                                const std::string& words) {
            const std::string before = vaultHash(*c.b);
            auto r = c.send(changes);
            REQUIRE_FALSE(r.ok());
            CHECK(r.error().reason == ErrorReason::BundleRecord);
            INFO(r.error().message);
            CHECK(r.error().message.find("(field '" + field + "')") != std::string::npos);
            CHECK(r.error().message.find(words) != std::string::npos);
            CHECK(vaultHash(*c.b) == before);
        };
        expect({c.change(RecordKind::YoungPerson, c.yp, "name", std::string("Rowan\0Vane", 10))}, "name",
               "control character");
        expect({c.change(RecordKind::YoungPerson, c.yp, "notes", "Fine\x1b[2J\x1b[Hall clear")}, "notes",
               "control character");
        expect({c.change(RecordKind::YoungPerson, c.yp, "name", std::string(121, 'a'))}, "name", "too long");
        expect({c.change(RecordKind::YoungPerson, c.yp, "name", "")}, "name", "required");
        expect({c.change(RecordKind::Placement, c.placement, "start", "2026-02-31")}, "start", "cannot read");
        expect({c.change(RecordKind::YoungPerson, c.yp, "date_of_birth", "2099-01-01")}, "date_of_birth",
               "future");
        expect({c.change(RecordKind::YoungPerson, c.yp, "notes", "\xff\xfe not text")}, "notes",
               "not valid text");
    }

    TEST_CASE("a bundle refused by the new checks can be followed by a good one from the same sender") {
        Colleagues c;
        auto bad = c.change(RecordKind::YoungPerson, c.yp, "notes", "bad\x07");
        c.refused({bad}, "record", "control character");
        auto good = c.send({c.change(RecordKind::YoungPerson, c.yp, "notes", "Settled well this week.")});
        REQUIRE(good.ok());
        CHECK(c.b->store().youngPerson(c.yp)->notes == "Settled well this week.");
        CHECK(c.b->verify()->ok);
    }

} // TEST_SUITE

TEST_SUITE("exchange") {

    TEST_CASE("a young person created by a colleague comes in and is then shared with them") {
        Colleagues c;
        YoungPerson fresh;
        fresh.name = "Jude Ellery-Stone";
        const std::string id = c.a->store().save(fresh).value();
        REQUIRE(share(*c.a, c.fpB, id).ok());
        REQUIRE(exportTo(*c.a, c.fpB, {}, c.tmp / "new.thrl").ok());
        auto in = importFile(*c.b, c.tmp / "new.thrl");
        REQUIRE_MESSAGE(in.ok(), (in.ok() ? "" : in.error().message));
        CHECK(c.b->store().youngPerson(id)->name == "Jude Ellery-Stone");
        auto contact = findContact(*c.b, c.fpA).value();
        CHECK(std::find(contact.scope.begin(), contact.scope.end(), id) != contact.scope.end());
    }

    TEST_CASE(
        "an edit to a record whose creation has not arrived waits for it; out of scope, it is set aside") {
        tltest::ThreeColleagues three;
        auto& [tmp, kw, sw, iro, kwSw, kwIro, swIro, iroSw, yp] = three;
        int n = 0;
        const auto deliver = [&](Vault& from, const std::string& to, Vault& into) {
            const fs::path f = tmp / ("b" + std::to_string(n++));
            REQUIRE(exportTo(from, to, {}, f).ok());
            auto r = importFile(into, f);
            REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message));
            return r.value();
        };
        deliver(*kw, kwSw, *sw);
        deliver(*kw, kwIro, *iro);
        REQUIRE(share(*sw, swIro, yp).ok());
        REQUIRE(share(*iro, iroSw, yp).ok());
        // The key worker adds someone; the social worker gets them and adds a note; the reviewing officer
        // hears from the social worker first.
        NetworkMember m;
        m.youngPersonId = yp;
        m.name = "Aunt Maureen";
        m.track = Track::Family;
        m.role = Role::AuntUncle;
        const std::string member = kw->store().save(m).value();
        deliver(*kw, kwSw, *sw);
        NetworkMember edited = sw->store().networkMember(member).value();
        edited.notes = "Rings every Sunday.";
        REQUIRE(sw->store().save(edited).ok());
        auto early = deliver(*sw, swIro, *iro);
        CHECK(early.waiting == 1);
        CHECK_FALSE(iro->store().networkMember(member).ok()); // not shown before its creation
        CHECK(iro->verify()->ok);
        auto late = deliver(*kw, kwIro, *iro);
        CHECK(late.waiting == 0);
        auto arrived = iro->store().networkMember(member);
        REQUIRE(arrived.ok());
        CHECK(arrived->name == "Aunt Maureen");
        CHECK(arrived->notes == "Rings every Sunday.");
        CHECK(arrived->meta.device == kw->deviceId()); // its author is who created it

        // The same again after the reviewing officer stops sharing the young person with the social worker:
        // the waiting note is set aside when the record turns out to be outside their scope.
        REQUIRE(unshare(*iro, iroSw, yp).ok());
        NetworkMember m2;
        m2.youngPersonId = yp;
        m2.name = "Coach Devlin";
        m2.track = Track::PeerCommunity;
        m2.role = Role::Friend;
        const std::string second = kw->store().save(m2).value();
        deliver(*kw, kwSw, *sw);
        NetworkMember e2 = sw->store().networkMember(second).value();
        e2.notes = "Training on Tuesdays.";
        REQUIRE(sw->store().save(e2).ok());
        CHECK(deliver(*sw, swIro, *iro).waiting == 1);
        auto creation = deliver(*kw, kwIro, *iro);
        CHECK(creation.setAside == 1);
        CHECK(iro->store().networkMember(second)->notes.empty());
        CHECK(iro->verify()->ok);
    }

} // TEST_SUITE
