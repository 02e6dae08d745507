#include "test_util.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <random>
#include <sstream>

namespace tltest {

using namespace throughline::core;

TempDir::TempDir() {
    std::random_device rd;
    const auto base = std::filesystem::temp_directory_path();
    for (;;) {
        m_path = base / ("throughline-test-" + std::to_string(rd()) + std::to_string(rd()));
        if (std::filesystem::create_directory(m_path)) break;
    }
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
}

CreatedVault makeVault(const std::filesystem::path& dir, const std::string& pass) {
    CreateOptions opt;
    opt.owner = {"Test Worker", "Key worker", "Fernbrook Children's Services"};
    opt.kdf = KdfParams::minimumForTests();
    auto created = Vault::create(dir, pass, opt);
    REQUIRE_MESSAGE(created.ok(), (created.ok() ? "" : created.error().message));
    return std::move(created.value());
}

std::string seedSmall(Store& store) {
    YoungPerson yp;
    yp.name = "Rowan Astley-Vane";
    yp.preferredName = "Ro";
    yp.dateOfBirth = Date{2010, 4, 12};
    yp.homeAuthority = "Harlow Vale Council";
    REQUIRE(store.save(yp).ok());
    Placement p;
    p.youngPersonId = yp.meta.id;
    p.type = PlacementType::K2;
    p.placementArea = "Northmere";
    p.locationAddress = "14 Quillon Row, Northmere NM3 9ZZ";
    p.locationName = "Birchgate House";
    p.start = Date::today().addDays(-90);
    p.reasons = static_cast<std::uint32_t>(Harm::CountyLines);
    REQUIRE(store.save(p).ok());
    NetworkMember mum;
    mum.youngPersonId = yp.meta.id;
    mum.name = "Della Astley";
    mum.role = Role::Parent;
    mum.track = Track::Family;
    mum.place = Place::HomeArea;
    mum.workerView = View::Protective;
    REQUIRE(store.save(mum).ok());
    NetworkMember coach;
    coach.youngPersonId = yp.meta.id;
    coach.name = "Northmere Boxing Club";
    coach.role = Role::Club;
    coach.track = Track::PeerCommunity;
    coach.place = Place::PlacementArea;
    REQUIRE(store.save(coach).ok());
    ContactRecord c;
    c.youngPersonId = yp.meta.id;
    c.kind = ContactKind::FamilyTime;
    c.date = Date::today().addDays(-3);
    c.participantIds = {mum.meta.id};
    c.youngPersonWords = "I liked seeing Mum – she brought my ‘good’ trainers.";
    c.uses = static_cast<std::uint32_t>(Use::Consistency);
    REQUIRE(store.save(c).ok());
    return yp.meta.id;
}

std::string readFile(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void writeFile(const std::filesystem::path& p, const std::string& bytes) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << bytes;
}

} // namespace tltest
