// `throughline-cli conflicts` and `settle` against real conflicts made with the core API (the CLI cannot
// edit fields): the two sides are "shown" and "other", each marked "(yours)" when made on this vault's
// device; a delete racing a restore reads "deleted" / "restored"; `--keep other` and `--keep theirs` both
// take the other value; a number that is not an open conflict says so (exit 8).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "throughline/testing/sync_fixture.hpp"
#include "throughline/testing/test_vault.hpp"
#include "throughline/db/audit.hpp"
#include "throughline/db/database.hpp"
#include "throughline/sync/exchange.hpp"
#include "throughline/contacts/contacts.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <sys/wait.h>

using namespace throughline::core;
using namespace throughline::core::sync;
using namespace throughline::core::contacts;
namespace fs = std::filesystem;

namespace {

struct CliRun {
    int code = -1;
    std::string output; // stdout and stderr
};

std::string quoted(const std::string& s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    return out + "'";
}

CliRun cli(const std::string& args) {
    const std::string command = "THROUGHLINE_PASSPHRASE=" + quoted(tltest::kFixturePass) + " " +
                                quoted(THROUGHLINE_CLI) + " " + args + " </dev/null 2>&1";
    CliRun r;
    FILE* p = ::popen(command.c_str(), "r");
    REQUIRE(p != nullptr);
    std::array<char, 4096> buf{};
    std::size_t n = 0;
    while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0)
        r.output.append(buf.data(), n);
    const int status = ::pclose(p);
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// Sends everything new from `from` to `to` and imports it.
void send(Vault& from, Vault& to, const std::string& toFp, const fs::path& file) {
    auto out = exportTo(from, toFp, {}, file);
    REQUIRE_MESSAGE(out.ok(), (out.ok() ? "" : out.error().message));
    if (out->nothingToSend) return;
    auto in = importFile(to, file);
    REQUIRE_MESSAGE(in.ok(), (in.ok() ? "" : in.error().message));
}

} // namespace

TEST_CASE("conflicts shows 'shown' and 'other' with (yours); settle takes other or theirs; a missing id") {
    tltest::TempDir tmp;
    const fs::path dirB = tmp / "b";
    std::string notesA = "Prefers to be called Ro at school.",
                notesB = "Asked not to be called Ro by new staff.";
    {
        auto a = std::move(tltest::makeVault(tmp / "a").vault);
        auto b = std::move(tltest::makeVault(dirB).vault);
        const auto [fpA, fpB, cardA, cardB] = tltest::introduce(*a, *b, "Fernbrook");
        const std::string yp = tltest::seedSmall(a->store());
        NetworkMember library;
        library.youngPersonId = yp;
        library.name = "Kestrel Bay Library";
        library.role = Role::Club;
        library.track = Track::PeerCommunity;
        library.place = Place::PlacementArea;
        REQUIRE(a->store().save(library).ok());
        REQUIRE(share(*a, fpB, yp).ok());
        send(*a, *b, fpB, tmp / "1.thrl");
        REQUIRE(share(*b, fpA, yp).ok());

        // Two edits of one field.
        YoungPerson ya = a->store().youngPerson(yp).value(), yb = b->store().youngPerson(yp).value();
        ya.notes = notesA;
        yb.notes = notesB;
        REQUIRE(a->store().save(ya).ok());
        REQUIRE(b->store().save(yb).ok());
        // A delete here (B) against an edit there (A).
        REQUIRE(b->store().remove(RecordKind::NetworkMember, library.meta.id).ok());
        library.name = "Kestrel Bay Library (Saturdays)";
        REQUIRE(a->store().save(library).ok());
        send(*a, *b, fpB, tmp / "2.thrl");
        send(*b, *a, fpA, tmp / "3.thrl");
        REQUIRE(openConflicts(*b)->size() == 2);
        // The delete against the edit settled both ways at once: A restores it, B keeps it deleted. The two
        // settlements race: a conflict on the hidden "_deleted" field, "1" against "0".
        const auto againstDelete = [](Vault& v) {
            for (const auto& c : openConflicts(v).value())
                if (c.againstDelete()) return c.id;
            return std::int64_t{0};
        };
        REQUIRE(settleConflict(*a, againstDelete(*a), Settle::TakeOther).ok());
        REQUIRE(settleConflict(*b, againstDelete(*b), Settle::KeepShown).ok());
        send(*a, *b, fpB, tmp / "4.thrl");
        send(*b, *a, fpA, tmp / "5.thrl");
        bool deleteOrRestore = false;
        for (const auto& c : openConflicts(*b).value())
            deleteOrRestore |= c.kept.field == "_deleted" && c.other.field == "_deleted";
        REQUIRE(deleteOrRestore);
        b->lock();
        a->lock();
    }

    auto list = cli("conflicts --vault " + quoted(dirB.string()));
    INFO(list.output);
    REQUIRE(list.code == 0);
    CHECK(has(list.output, "--keep shown|other"));
    CHECK(has(list.output, "    shown"));
    CHECK(has(list.output, "    other"));
    CHECK_FALSE(has(list.output, "theirs:"));
    // B's own value is marked, whichever side it is on.
    CHECK((has(list.output, "shown (yours): " + notesB) || has(list.output, "other (yours): " + notesB)));
    CHECK((has(list.output, "shown: " + notesA) || has(list.output, "other: " + notesA)));
    // The delete racing the restore reads as such, not as 1 / 0 of a hidden field.
    CHECK(has(list.output, "Deleted or restored"));
    CHECK((has(list.output, "shown (yours): deleted") || has(list.output, "other (yours): deleted")));
    CHECK((has(list.output, "shown: restored") || has(list.output, "other: restored")));
    CHECK_FALSE(has(list.output, ": 1\n"));
    CHECK_FALSE(has(list.output, ": 0\n"));
    CHECK_FALSE(has(list.output, "_deleted"));

    // The notes conflict's number, and which value is shown now.
    std::int64_t notesId = 0;
    std::string otherNotes;
    {
        auto b = Vault::open(dirB, tltest::kFixturePass);
        REQUIRE(b.ok());
        for (const auto& c : openConflicts(**b).value())
            if (c.field == "notes") {
                notesId = c.id;
                otherNotes = c.other.value;
            }
        (*b)->lock();
    }
    REQUIRE(notesId > 0);

    auto bad = cli("settle --vault " + quoted(dirB.string()) + " --conflict 987 --keep other");
    CHECK(bad.code == 8);
    CHECK(has(bad.output, "There is no open conflict #987 (see 'throughline-cli conflicts')."));

    auto settled = cli("settle --vault " + quoted(dirB.string()) + " --conflict " + std::to_string(notesId) +
                       " --keep other");
    INFO(settled.output);
    CHECK(settled.code == 0);
    {
        auto b = Vault::open(dirB, tltest::kFixturePass);
        REQUIRE(b.ok());
        auto person = (*b)->store().listYoungPeople("");
        REQUIRE(person.ok());
        REQUIRE(person->size() == 1);
        CHECK((*b)->store().youngPerson(person->front().id)->notes == otherNotes); // --keep other took it
        (*b)->lock();
    }
    auto again = cli("settle --vault " + quoted(dirB.string()) + " --conflict " + std::to_string(notesId) +
                     " --keep theirs");
    CHECK(again.code == 8);
    CHECK(has(again.output, "There is no open conflict #" + std::to_string(notesId)));
}

TEST_CASE("a conflict on the placement address is hidden in 'conflicts' until --reveal, which is audited") {
    tltest::TempDir tmp;
    const fs::path dirA = tmp / "a";
    const std::string addrA = "3 Invented Close, Northmere NM1 1ZZ",
                      addrB = "77 Madeup Terrace, Northmere NM2 2ZZ";
    std::string placementId;
    {
        auto a = std::move(tltest::makeVault(dirA).vault);
        auto b = std::move(tltest::makeVault(tmp / "b").vault);
        const auto [fpA, fpB, cardA, cardB] = tltest::introduce(*a, *b, "Fernbrook");
        const std::string yp = tltest::seedSmall(a->store());
        REQUIRE(share(*a, fpB, yp).ok());
        ExportOptions withLocation;
        withLocation.includeLocation = true;
        REQUIRE(exportTo(*a, fpB, withLocation, tmp / "1.thrl").ok());
        REQUIRE(importFile(*b, tmp / "1.thrl").ok());
        REQUIRE(share(*b, fpA, yp).ok());
        Placement pa = a->store().placements(yp).value().front();
        Placement pb = b->store().placements(yp).value().front();
        placementId = pa.meta.id;
        pa.locationAddress = addrA;
        pb.locationAddress = addrB;
        REQUIRE(a->store().save(pa).ok());
        REQUIRE(b->store().save(pb).ok());
        REQUIRE(exportTo(*b, fpA, withLocation, tmp / "2.thrl").ok());
        REQUIRE(importFile(*a, tmp / "2.thrl").ok());
        REQUIRE(openConflicts(*a)->size() == 1);
        b->lock();
        a->lock();
    }
    const auto reveals = [&] {
        auto a = Vault::open(dirA, tltest::kFixturePass);
        REQUIRE(a.ok());
        auto recent = (*a)->audit().recent(1000).value();
        (*a)->lock();
        return std::count_if(recent.begin(), recent.end(), [&](const AuditEntry& e) {
            return e.kind == AuditKind::LocationRevealed && e.recordId == placementId;
        });
    };
    const auto before = reveals();

    auto list = cli("conflicts --vault " + quoted(dirA.string()));
    INFO(list.output);
    REQUIRE(list.code == 0);
    CHECK(has(list.output, "(hidden: confidential)"));
    CHECK(has(list.output, "--reveal"));
    CHECK_FALSE(has(list.output, addrA));
    CHECK_FALSE(has(list.output, addrB));
    CHECK(reveals() == before);

    std::int64_t id = 0;
    {
        auto a = Vault::open(dirA, tltest::kFixturePass);
        REQUIRE(a.ok());
        id = openConflicts(**a).value().front().id;
        (*a)->lock();
    }
    auto shown = cli("conflicts --vault " + quoted(dirA.string()) + " --reveal " + std::to_string(id));
    INFO(shown.output);
    REQUIRE(shown.code == 0);
    CHECK(has(shown.output, addrA));
    CHECK(has(shown.output, addrB));
    CHECK(reveals() == before + 1);

    CHECK(cli("conflicts --vault " + quoted(dirA.string()) + " --reveal 987").code == 8);
    auto settled = cli("settle --vault " + quoted(dirA.string()) + " --conflict " + std::to_string(id) +
                       " --keep shown");
    CHECK(settled.code == 0);
}

TEST_CASE("list and conflicts print control characters from a vault as escapes, never raw") {
    // Values that a bundle could bring in before merged records were validated: a terminal escape that
    // clears the screen, and a newline that fakes a line of output.
    tltest::TempDir tmp;
    const fs::path dirB = tmp / "b";
    const std::string hostile = "Rowan\x1b[2J\nAll checks passed.";
    {
        auto a = std::move(tltest::makeVault(tmp / "a").vault);
        auto b = std::move(tltest::makeVault(dirB).vault);
        const std::string fpB = importCard(*a, makeCard(*b).value(), true)->identity.fingerprintHex();
        const std::string fpA = importCard(*b, makeCard(*a).value(), true)->identity.fingerprintHex();
        const std::string yp = tltest::seedSmall(a->store());
        REQUIRE(share(*a, fpB, yp).ok());
        send(*a, *b, fpB, tmp / "1.thrl");
        REQUIRE(share(*b, fpA, yp).ok());
        YoungPerson ya = a->store().youngPerson(yp).value(), yb = b->store().youngPerson(yp).value();
        ya.notes = "One note.";
        yb.notes = "Another note.";
        REQUIRE(a->store().save(ya).ok());
        REQUIRE(b->store().save(yb).ok());
        send(*a, *b, fpB, tmp / "2.thrl");
        REQUIRE(openConflicts(*b)->size() == 1);
        b->database().prepare("UPDATE young_person SET name = ?").bind(1, hostile).step();
        b->database()
            .prepare("UPDATE sync_conflict SET b_value = ?, b_author = ?")
            .bind(1, hostile)
            .bind(2, hostile)
            .step();
        b->lock();
        a->lock();
    }
    for (const char* verb : {"list", "conflicts"}) {
        auto run = cli(std::string(verb) + " --vault " + quoted(dirB.string()));
        INFO(verb << ": " << run.output);
        CHECK(run.code == 0);
        CHECK_FALSE(has(run.output, "\x1b"));
        CHECK_FALSE(has(run.output, "\nAll checks passed."));
        CHECK(has(run.output, "Rowan\\u001b[2J\\nAll checks passed."));
    }
}
