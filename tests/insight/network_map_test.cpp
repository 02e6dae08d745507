// Unit tests of the network map's geometry (layoutNetworkMap): the same members give the same map, every
// member is placed once, in input order, in its own track's sector and its own place's ring, and no two
// nodes overlap. Pure: no vault. All names are invented.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "throughline/insight/network_map.hpp"

using namespace throughline::core;

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr Track kTracks[] = {Track::Practitioner, Track::Family, Track::PeerCommunity};
constexpr Place kPlaces[] = {Place::PlacementArea, Place::HomeArea, Place::Online};

// The largest dot a renderer draws for a node, stroke included, as a fraction of the map's width: the PDF's
// 3.2 pt radius plus half its 1 pt line on a 330 pt map (the HTML's 5.5 px plus 0.75 px on 600 px is
// smaller).
constexpr double kDot = 2 * (3.2 + 0.5) / 330;

MapMemberInput member(const std::string& id, Track track, Place place, int contacts = 3) {
    MapMemberInput m;
    m.id = id;
    m.label = "Person " + id;
    m.track = track;
    m.place = place;
    m.workerView = View::Protective;
    m.contacts = contacts;
    return m;
}

// `perCell` members in every track × place cell, cells interleaved in input order.
std::vector<MapMemberInput> everyCell(int perCell) {
    std::vector<MapMemberInput> in;
    for (int k = 0; k < perCell; ++k)
        for (Track t : kTracks)
            for (Place p : kPlaces)
                in.push_back(member(std::to_string(in.size()), t, p, static_cast<int>(in.size()) % 7));
    return in;
}

double dist(double ax, double ay, double bx, double by) {
    return std::hypot(ax - bx, ay - by);
}
double radiusOf(const NetworkMap& map, const MapNode& n) {
    return dist(n.x, n.y, map.centreX, map.centreY);
}
// Angle of a node from the centre in degrees, in (-180, 180], 0 = right, clockwise (y grows downwards).
double degreesOf(const NetworkMap& map, const MapNode& n) {
    return std::atan2(n.y - map.centreY, n.x - map.centreX) * 180 / kPi;
}
// The signed difference a - b folded into (-180, 180].
double angleDiff(double a, double b) {
    double d = std::fmod(a - b, 360.0);
    if (d > 180) d -= 360;
    if (d <= -180) d += 360;
    return d;
}
const MapSector& sectorOf(const NetworkMap& map, Track t) {
    for (const auto& s : map.sectors)
        if (s.track == t) return s;
    FAIL("no sector for a track");
    return map.sectors.front();
}
const MapRing& ringOf(const NetworkMap& map, Place p) {
    for (const auto& r : map.rings)
        if (r.place == p) return r;
    FAIL("no ring for a place");
    return map.rings.front();
}
double sectorMiddle(const MapSector& s) {
    return (s.startAngle + s.endAngle) / 2 * 180 / kPi;
}
double minDistance(const NetworkMap& map) {
    double best = 1e9;
    for (std::size_t i = 0; i < map.nodes.size(); ++i)
        for (std::size_t j = i + 1; j < map.nodes.size(); ++j)
            best = std::min(best, dist(map.nodes[i].x, map.nodes[i].y, map.nodes[j].x, map.nodes[j].y));
    return best;
}

} // namespace

TEST_SUITE("network-map") {

    TEST_CASE("the same members in the same order give exactly the same map") {
        auto in = everyCell(5);
        in[4].label = "A very long name that the map has to shorten somewhere";
        in[7].youngPersonView = View::Harmful;
        const NetworkMap a = layoutNetworkMap(in, "Kai"), b = layoutNetworkMap(in, "Kai");
        CHECK(a.centreLabel == "Kai");
        CHECK(a.numbered == b.numbered);
        REQUIRE(a.nodes.size() == b.nodes.size());
        for (std::size_t i = 0; i < a.nodes.size(); ++i) {
            const MapNode &x = a.nodes[i], &y = b.nodes[i];
            CHECK(x.id == y.id);
            CHECK(x.label == y.label);
            CHECK(x.x == y.x); // bit for bit: the PDF and HTML golden files depend on it
            CHECK(x.y == y.y);
            CHECK(x.weight == y.weight);
            CHECK(x.viewsDiffer == y.viewsDiffer);
        }
        REQUIRE(a.sectors.size() == b.sectors.size());
        for (std::size_t i = 0; i < a.sectors.size(); ++i) {
            CHECK(a.sectors[i].startAngle == b.sectors[i].startAngle);
            CHECK(a.sectors[i].labelX == b.sectors[i].labelX);
        }
    }

    TEST_CASE("a node's place depends only on its own cell: members of other cells never move it") {
        // Kai's practitioners in the placement area, alone and then with family and friends around them.
        std::vector<MapMemberInput> alone = {member("sw", Track::Practitioner, Place::PlacementArea),
                                             member("kw", Track::Practitioner, Place::PlacementArea)};
        std::vector<MapMemberInput> crowded = {member("mum", Track::Family, Place::HomeArea),
                                               member("sw", Track::Practitioner, Place::PlacementArea),
                                               member("mate", Track::PeerCommunity, Place::Online),
                                               member("pa", Track::Practitioner, Place::HomeArea),
                                               member("kw", Track::Practitioner, Place::PlacementArea),
                                               member("nan", Track::Family, Place::HomeArea)};
        const auto a = layoutNetworkMap(alone, "Kai"), b = layoutNetworkMap(crowded, "Kai");
        for (const auto& id : {std::string("sw"), std::string("kw")}) {
            const auto& na =
                *std::find_if(a.nodes.begin(), a.nodes.end(), [&](const MapNode& n) { return n.id == id; });
            const auto& nb =
                *std::find_if(b.nodes.begin(), b.nodes.end(), [&](const MapNode& n) { return n.id == id; });
            CHECK(na.x == nb.x);
            CHECK(na.y == nb.y);
        }
    }

    TEST_CASE("every member is placed exactly once, in input order, with what it was given") {
        for (int perCell : {0, 1, 2, 3, 4, 7}) {
            CAPTURE(perCell);
            auto in = everyCell(perCell);
            // An uneven map too: most of the network in one cell.
            for (int i = 0; i < perCell * 2; ++i)
                in.push_back(member("extra" + std::to_string(i), Track::Family, Place::HomeArea, 0));
            const auto map = layoutNetworkMap(in, "Kai");
            REQUIRE(map.nodes.size() == in.size());
            std::set<std::string> ids;
            for (std::size_t i = 0; i < in.size(); ++i) {
                const auto& n = map.nodes[i];
                CHECK(n.id == in[i].id);
                CHECK(n.track == in[i].track);
                CHECK(n.place == in[i].place);
                CHECK(n.view == in[i].workerView);
                CHECK(n.contacts == in[i].contacts);
                CHECK(n.faded == (in[i].contacts == 0));
                ids.insert(n.id);
            }
            CHECK(ids.size() == in.size());
        }
    }

    TEST_CASE(
        "three sectors of 120 degrees cover the circle: practitioners at the top, family lower right, peers "
        "lower left") {
        const auto map = layoutNetworkMap(everyCell(1), "Kai");
        REQUIRE(map.sectors.size() == 3);
        double total = 0;
        for (const auto& s : map.sectors) {
            CHECK(s.endAngle > s.startAngle);
            CHECK((s.endAngle - s.startAngle) * 180 / kPi == doctest::Approx(120));
            total += s.endAngle - s.startAngle;
            CHECK(s.labelX > 0.0);
            CHECK(s.labelX < 1.0);
            CHECK(s.labelY > 0.0);
            CHECK(s.labelY < 1.0);
        }
        CHECK(total == doctest::Approx(2 * kPi));
        // Each sector ends where the next one starts (no gap, no overlap).
        for (std::size_t i = 0; i < 3; ++i)
            CHECK(angleDiff(map.sectors[i].endAngle * 180 / kPi,
                            map.sectors[(i + 1) % 3].startAngle * 180 / kPi) ==
                  doctest::Approx(0).epsilon(1e-9));
        // y grows downwards: -90 degrees is the top.
        CHECK(angleDiff(sectorMiddle(sectorOf(map, Track::Practitioner)), -90) == doctest::Approx(0));
        CHECK(angleDiff(sectorMiddle(sectorOf(map, Track::Family)), 30) == doctest::Approx(0));
        CHECK(angleDiff(sectorMiddle(sectorOf(map, Track::PeerCommunity)), 150) == doctest::Approx(0));
        CHECK(sectorOf(map, Track::Practitioner).labelY < 0.5);
        CHECK(sectorOf(map, Track::Family).labelX > 0.5);
        CHECK(sectorOf(map, Track::PeerCommunity).labelX < 0.5);
    }

    TEST_CASE(
        "rings: the placement area nearest the young person, the home area around it, online outermost") {
        const auto map = layoutNetworkMap({}, "Kai");
        REQUIRE(map.rings.size() == 3);
        const auto &placement = ringOf(map, Place::PlacementArea), &home = ringOf(map, Place::HomeArea),
                   &online = ringOf(map, Place::Online);
        CHECK(placement.inner > map.centreRadius); // the centre disc is clear of every ring
        CHECK(placement.outer > placement.inner);
        CHECK(home.inner == placement.outer); // the two physical places never share a band
        CHECK(home.outer > home.inner);
        CHECK(online.inner == home.outer);
        CHECK(online.outer > online.inner);
        CHECK(map.centreX + online.outer < 1.0); // the whole map fits the unit square
        CHECK(map.centreX - online.outer > 0.0);
    }

    TEST_CASE(
        "each node stands in its track's sector, well clear of its edges, and inside its place's ring") {
        for (int perCell : {1, 2, 3, 4, 5, 9, 16}) {
            CAPTURE(perCell);
            const auto in = everyCell(perCell);
            const auto map = layoutNetworkMap(in, "Kai");
            REQUIRE(map.nodes.size() == in.size());
            for (const auto& n : map.nodes) {
                CAPTURE(n.id);
                const auto& sector = sectorOf(map, n.track);
                // Nodes use the middle 90 of the sector's 120 degrees: at least 15 degrees from either edge.
                const double off = angleDiff(degreesOf(map, n), sectorMiddle(sector));
                CHECK(std::abs(off) <= 45.0 + 1e-9);
                if (perCell == 1)
                    CHECK(off == doctest::Approx(0).epsilon(1e-9)); // a lone node on the sector's middle
                const auto& ring = ringOf(map, n.place);
                const double r = radiusOf(map, n);
                CHECK(r > ring.inner + kDot / 2); // the whole dot inside the band
                CHECK(r < ring.outer - kDot / 2);
                CHECK(r > map.centreRadius + kDot);
            }
        }
    }

    TEST_CASE("members of one cell go clockwise in input order") {
        std::vector<MapMemberInput> in;
        for (int i = 0; i < 6; ++i)
            in.push_back(member(std::to_string(i), Track::Family, Place::HomeArea));
        const auto map = layoutNetworkMap(in, "Kai");
        for (std::size_t i = 1; i < map.nodes.size(); ++i)
            CHECK(angleDiff(degreesOf(map, map.nodes[i]), degreesOf(map, map.nodes[i - 1])) > 0);
    }

    TEST_CASE("no two nodes overlap") {
        SUBCASE("every cell filled alike") {
            for (int perCell : {1, 2, 3, 4, 5, 8}) {
                CAPTURE(perCell);
                CHECK(minDistance(layoutNetworkMap(everyCell(perCell), "Kai")) >= kDot);
            }
        }
        SUBCASE("one crowded cell, in each ring and track") {
            // Crowded cells stagger their nodes between two radii; up to 16 in the tightest (innermost) band.
            for (Track t : kTracks)
                for (Place p : kPlaces)
                    for (int n = 2; n <= 16; ++n) {
                        std::vector<MapMemberInput> in;
                        for (int i = 0; i < n; ++i)
                            in.push_back(member(std::to_string(i), t, p));
                        CAPTURE(n);
                        CAPTURE(static_cast<int>(t));
                        CAPTURE(static_cast<int>(p));
                        CHECK(minDistance(layoutNetworkMap(in, "Kai")) >= kDot);
                    }
        }
        SUBCASE("an uneven network of 24, the most the map names") {
            std::vector<MapMemberInput> in;
            for (int i = 0; i < static_cast<int>(mapNamedLimit); ++i)
                in.push_back(
                    member(std::to_string(i), kTracks[i % 5 == 0 ? 0 : 1], kPlaces[i % 3 == 0 ? 2 : i % 2]));
            const auto map = layoutNetworkMap(in, "Kai");
            CHECK_FALSE(map.numbered);
            CHECK(minDistance(map) >= kDot);
        }
    }

    TEST_CASE(
        "crowded maps number their nodes; named maps shorten long names without splitting a character") {
        auto in = everyCell(2); // 18 members: named
        in[0].label = "Ésmé-Louise Øverby-Ñúñez Ashcombe";
        in[1].label = "Short Name";
        auto map = layoutNetworkMap(in, "Kai");
        CHECK_FALSE(map.numbered);
        CHECK(map.nodes[1].label == "Short Name");
        const std::string& cut = map.nodes[0].label;
        CHECK(cut.size() <= 26 + 3);
        CHECK(cut.size() < in[0].label.size());
        CHECK(cut.compare(cut.size() - 3, 3, "\u2026") == 0);
        CHECK(in[0].label.rfind(cut.substr(0, cut.size() - 3), 0) == 0);   // a prefix of the name
        const auto lead = static_cast<unsigned char>(cut[cut.size() - 4]); // last byte before the ellipsis
        CHECK(((lead & 0x80) == 0 || (lead & 0xC0) == 0x80)); // ends on ASCII or a sequence's last byte...
        if ((lead & 0xC0) == 0x80) {                          // ...and then the sequence is complete
            std::size_t start = cut.size() - 4;
            while ((static_cast<unsigned char>(cut[start]) & 0xC0) == 0x80)
                --start;
            const auto first = static_cast<unsigned char>(cut[start]);
            const std::size_t len = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : 2;
            CHECK(start + len == cut.size() - 3);
        }

        in = everyCell(3); // 27 members: more than the map can name
        REQUIRE(in.size() > mapNamedLimit);
        map = layoutNetworkMap(in, "Kai");
        CHECK(map.numbered);
        for (std::size_t i = 0; i < in.size(); ++i)
            CHECK(map.nodes[i].label == std::to_string(i + 1)); // numbered in input order, to match the table
    }

    TEST_CASE("line weight grows with contacts up to twelve, thinner on a crowded map; views that differ are "
              "marked") {
        std::vector<MapMemberInput> in;
        for (int c : {0, 1, 6, 12, 40})
            in.push_back(member("c" + std::to_string(c), Track::Family, Place::HomeArea, c));
        in[1].youngPersonView = View::Protective; // the same as the worker's
        in[2].youngPersonView = View::Harmful;
        const auto map = layoutNetworkMap(in, "Kai");
        CHECK(map.nodes[0].weight < map.nodes[1].weight);
        CHECK(map.nodes[1].weight < map.nodes[2].weight);
        CHECK(map.nodes[2].weight < map.nodes[3].weight);
        CHECK(map.nodes[3].weight == map.nodes[4].weight); // capped
        CHECK(map.nodes[0].weight > 0);
        CHECK_FALSE(map.nodes[0].viewsDiffer); // not known: nothing to compare
        CHECK_FALSE(map.nodes[1].viewsDiffer);
        CHECK(map.nodes[2].viewsDiffer);

        auto crowded = everyCell(3);
        for (auto& m : crowded)
            m.contacts = 6;
        const auto numbered = layoutNetworkMap(crowded, "Kai");
        REQUIRE(numbered.numbered);
        CHECK(numbered.nodes[0].weight < map.nodes[2].weight);
    }

} // TEST_SUITE
