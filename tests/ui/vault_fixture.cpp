#include "vault_fixture.hpp"

#include <atomic>
#include <cstdlib>
#include <random>
#include <stdexcept>

namespace throughline::testing {

namespace {

template <class R> std::string must(core::Result<R> r) {
    if (!r) throw std::runtime_error("fixture: " + r.error().message + " (" + r.error().field + ")");
    return std::move(r).value();
}

} // namespace

FixtureIds addFixture(core::Store& store) {
    FixtureIds ids;
    const core::Date today = core::Date::today();
    core::YoungPerson yp;
    yp.name = "Robin Ashdown";
    yp.preferredName = "Robin";
    yp.dateOfBirth = core::Date{today.year - 15, 4, 12};
    yp.pronouns = "they/them";
    yp.caseReference = "TST-20418";
    yp.homeAuthority = "Eastbridge Borough Council";
    ids.youngPerson = must(store.save(yp));

    core::Placement p;
    p.youngPersonId = ids.youngPerson;
    p.type = core::PlacementType::K2;
    p.provider = "Larkspur Care";
    p.placementArea = "Wendlow Vale";
    p.locationName = "Larkspur House";
    p.locationAddress = "14 Imaginary Lane, Wendlow WV9 9ZZ";
    p.start = today.addDays(-60);
    ids.placement = must(store.save(p));

    auto member = [&](const char* name, core::Role role, core::Track track, core::Place place) {
        core::NetworkMember m;
        m.youngPersonId = ids.youngPerson;
        m.name = name;
        m.role = role;
        m.track = track;
        m.place = place;
        m.workerView = core::View::Protective;
        return must(store.save(m));
    };
    ids.mum = member("Mum (Dana Ashdown)", core::Role::Parent, core::Track::Family, core::Place::HomeArea);
    ids.nan =
        member("Nan (Iris Ashdown)", core::Role::Grandparent, core::Track::Family, core::Place::HomeArea);
    ids.keyWorker =
        member("Priya Lomax", core::Role::KeyWorker, core::Track::Practitioner, core::Place::PlacementArea);
    ids.friendId =
        member("Theo Brankley", core::Role::Friend, core::Track::PeerCommunity, core::Place::Online);

    core::ContactRecord c;
    c.youngPersonId = ids.youngPerson;
    c.kind = core::ContactKind::PractitionerVisit;
    c.date = today.addDays(-3);
    c.startTime = core::TimeOfDay{15 * 60 + 30};
    c.participantIds = {ids.keyWorker};
    c.rating = core::Rating::Good;
    c.uses = static_cast<std::uint32_t>(core::Use::Consistency);
    c.youngPersonWords = "I want to keep going to the climbing wall.";
    ids.contact = must(store.save(c));

    core::MissingEpisode e;
    e.youngPersonId = ids.youngPerson;
    e.startedAt = core::nowMillis() - 10LL * 24 * 3600 * 1000;
    e.endedAt = e.startedAt + 14LL * 3600 * 1000;
    e.interviewOffered = true;
    ids.missing = must(store.save(e));
    return ids;
}

TempDir::TempDir() {
    static std::atomic<int> counter{0};
    std::random_device rd;
    path = std::filesystem::temp_directory_path() /
           ("throughline-ui-" + std::to_string(rd()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(path);
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
}

FixtureIds makeFixtureVault(const std::filesystem::path& dir, const std::string& ownerName) {
    core::CreateOptions opts;
    opts.kdf = core::KdfParams::minimumForTests();
    opts.owner.name = ownerName;
    auto created = core::Vault::create(dir, kFixturePass, opts);
    if (!created) throw std::runtime_error("fixture vault: " + created.error().message);
    FixtureIds ids = addFixture(created->vault->store());
    created->vault->lock();
    return ids;
}

} // namespace throughline::testing
