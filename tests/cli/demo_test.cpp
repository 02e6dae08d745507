// Unit tests of the demo generator: the same seed gives the same records; the records look like practice.
#include "throughline/testing/test_vault.hpp"

#include "throughline/records/demo.hpp"
#include "throughline/records/store.hpp"

#include <doctest/doctest.h>

#include <set>

using namespace throughline::core;
using tltest::TempDir;

namespace {

/// Everything about a vault's young people that does not depend on random ids or the clock.
std::vector<std::string> fingerprint(Store& store) {
    std::vector<std::string> out;
    auto people = store.listYoungPeople();
    REQUIRE(people.ok());
    for (const auto& p : *people) {
        auto home = store.loadHome(p.id, 1'000'000);
        REQUIRE(home.ok());
        std::string line = p.name + "|" + p.caseReference + "|" + p.homeAuthority + "|" +
                           (home->person.dateOfBirth ? home->person.dateOfBirth->iso() : "") + "|";
        for (const auto& m : home->network)
            line += m.member.name + "/" + std::string(enumKey(m.member.role)) + "/" +
                    std::to_string(m.contactCount) + ";";
        for (const auto& c : home->recentContacts)
            line += c.date.iso() + std::string(enumKey(c.status)) + c.youngPersonWords.substr(0, 8) + ";";
        out.push_back(line);
    }
    return out;
}

} // namespace

TEST_CASE("DemoRandom is splitmix64: the same numbers everywhere") {
    DemoRandom r(0);
    CHECK(r.next() == 0xE220A8397B1DCDAFull);
    CHECK(r.next() == 0x6E789E6AA1B965F4ull);
    DemoRandom a(99), b(99);
    for (int i = 0; i < 100; ++i) {
        auto x = a.between(3, 7);
        CHECK(x == b.between(3, 7));
        CHECK(x >= 3);
        CHECK(x <= 7);
    }
}

TEST_CASE("the same seed gives the same records; another seed does not") {
    TempDir dir;
    DemoOptions options;
    options.seed = 2026;
    options.youngPeople = 4;
    options.contacts = 300;
    options.today = Date{2026, 2, 1};
    auto v1 = tltest::makeVault(dir.path / "one").vault;
    auto v2 = tltest::makeVault(dir.path / "two").vault;
    auto v3 = tltest::makeVault(dir.path / "three").vault;
    DemoSummary s1, s2;
    REQUIRE(generateDemo(v1->store(), options, &s1).ok());
    REQUIRE(generateDemo(v2->store(), options, &s2).ok());
    CHECK(s1.contacts == 300);
    CHECK(s1.youngPeople == 4);
    CHECK(s1.networkMembers == s2.networkMembers);
    CHECK(s1.actions == s2.actions);
    CHECK(fingerprint(v1->store()) == fingerprint(v2->store()));
    options.seed = 2027;
    REQUIRE(generateDemo(v3->store(), options).ok());
    CHECK(fingerprint(v1->store()) != fingerprint(v3->store()));
}

TEST_CASE("demo records look like practice") {
    TempDir dir;
    auto vault = tltest::makeVault(dir.path / "v").vault;
    auto& store = vault->store();
    DemoOptions options;
    options.seed = 5;
    options.youngPeople = 6;
    options.contacts = 900;
    options.today = Date{2026, 2, 1};
    REQUIRE(generateDemo(store, options).ok());
    auto people = store.listYoungPeople();
    REQUIRE(people.ok());
    REQUIRE(people->size() == 6);
    std::int64_t contacts = 0;
    std::set<ContactStatus> statuses;
    int withWords = 0, withConcerns = 0;
    for (const auto& p : *people) {
        CAPTURE(p.name);
        auto placements = store.placements(p.id);
        REQUIRE(placements.ok());
        bool current = false;
        for (const auto& pl : *placements) {
            if (!pl.actualEnd) current = true;
            CHECK_FALSE(pl.placementArea.empty());
            CHECK(pl.placementArea != p.homeAuthority);
            CHECK(pl.start <= *options.today);
        }
        CHECK(current);
        auto network = store.network(p.id);
        REQUIRE(network.ok());
        CHECK(network->size() >= 10);
        CHECK(network->size() <= 40);
        std::set<Track> tracks;
        std::set<Place> places;
        for (const auto& m : *network) {
            tracks.insert(m.track);
            places.insert(m.place);
        }
        CHECK(tracks.size() == 3);
        CHECK(places.count(Place::HomeArea) == 1);
        CHECK(places.count(Place::PlacementArea) == 1);
        auto cs = store.contacts(p.id);
        REQUIRE(cs.ok());
        contacts += static_cast<std::int64_t>(cs->size());
        for (const auto& c : *cs) {
            statuses.insert(c.status);
            CHECK(c.date <= *options.today);
            CHECK_FALSE(c.participantIds.empty());
            if (!c.youngPersonWords.empty()) ++withWords;
            if (c.concernFlags) ++withConcerns;
        }
    }
    CHECK(contacts == 900);
    CHECK(statuses.size() == 4);
    CHECK(withWords > 50);
    CHECK(withConcerns > 0);
    auto counts = store.counts();
    REQUIRE(counts.ok());
    CHECK(counts->actions > 0);
    CHECK(counts->missingEpisodes > 0);
}

TEST_CASE("demo options out of bounds are refused before anything is written") {
    TempDir dir;
    auto vault = tltest::makeVault(dir.path / "v").vault;
    DemoOptions options;
    options.youngPeople = DemoLimits::maxYoungPeople + 1;
    auto st = generateDemo(vault->store(), options);
    REQUIRE_FALSE(st.ok());
    CHECK(st.error().code == ErrorCode::Invalid);
    options.youngPeople = 0;
    options.contacts = 10;
    CHECK_FALSE(generateDemo(vault->store(), options).ok());
    auto counts = vault->store().counts();
    REQUIRE(counts.ok());
    CHECK(counts->youngPeople == 0);
}
