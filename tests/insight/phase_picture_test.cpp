// Unit tests of the relational picture per phase: each cell counted, the people in it, empty cells, the
// period it covers, and the plain-English findings with number agreement. Pure; all names are invented.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>

#include "throughline/insight/insight.hpp"

using namespace throughline::core;

namespace {

constexpr auto kC = static_cast<std::uint32_t>(Use::Consistency);
constexpr auto kCo = static_cast<std::uint32_t>(Use::Collaboration);
constexpr auto kS = static_cast<std::uint32_t>(Use::Safety);

// Wren, placed on 1 Mar 2026 (planned end 31 Aug 2026: ending from 3 Aug), today 15 Aug 2026.
struct World {
    InsightInput in;
    int next = 0;

    World() {
        in.person.meta.id = "yp";
        in.person.name = "Wren Hallowell";
        Placement p;
        p.meta.id = "pl";
        p.youngPersonId = "yp";
        p.placementArea = "Saltmarsh";
        p.start = Date{2026, 3, 1};
        p.plannedEnd = Date{2026, 8, 31};
        in.placements.push_back(p);
        in.today = Date{2026, 8, 15};
        member("mum", "Odile Hallowell", Track::Family, Place::HomeArea, Role::Parent);
        member("nan", "Bea Hallowell", Track::Family, Place::HomeArea, Role::Grandparent);
        member("sw", "Ravi Tollan", Track::Practitioner, Place::HomeArea, Role::SocialWorker);
        member("kw", "Ada Quell", Track::Practitioner, Place::PlacementArea, Role::KeyWorker);
        member("pal", "Jory Finch", Track::PeerCommunity, Place::HomeArea, Role::Friend);
    }
    void member(const std::string& id, const std::string& name, Track track, Place place, Role role) {
        NetworkMember m;
        m.meta.id = id;
        m.name = name;
        m.track = track;
        m.place = place;
        m.role = role;
        in.members.push_back(m);
    }
    ContactRecord& contact(Date date, std::vector<std::string> people, std::uint32_t uses,
                           ContactStatus status = ContactStatus::Happened,
                           ContactKind kind = ContactKind::FamilyTime) {
        ContactRecord c;
        char id[16];
        std::snprintf(id, sizeof id, "c%03d", ++next);
        c.meta.id = id;
        c.date = date;
        c.participantIds = std::move(people);
        c.kind = kind;
        c.status = status;
        c.uses = uses;
        in.contacts.push_back(c);
        return in.contacts.back();
    }
    PhasePicture picture() const { return computePhasePicture(in, phasePicturePeriod(in)); }
};

bool has(const std::vector<std::string>& lines, std::string_view line) {
    return std::find(lines.begin(), lines.end(), line) != lines.end();
}

std::string all(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines)
        out += l + "\n";
    return out;
}

const PhaseGrid& phase(const PhasePicture& p, Phase ph) {
    return p.phases[static_cast<std::size_t>(ph)];
}

} // namespace

TEST_SUITE("phase picture") {

    TEST_CASE("the period: from the first contact before the move (after any earlier placement) to today") {
        World w;
        CHECK(phasePicturePeriod(w.in).from == Date{2026, 3, 1}); // nothing before the move
        CHECK(phasePicturePeriod(w.in).to == Date{2026, 8, 15});
        w.contact(Date{2026, 1, 10}, {"mum"}, kS);
        CHECK(phasePicturePeriod(w.in).from == Date{2026, 1, 10});
        CHECK(phasePicturePeriod(w.in, Date{2026, 5, 1}).to == Date{2026, 5, 1});
        // An earlier placement that ended on 5 Feb: contacts before it belong to that move.
        Placement earlier;
        earlier.meta.id = "pl0";
        earlier.start = Date{2025, 11, 1};
        earlier.actualEnd = Date{2026, 2, 5};
        w.in.placements.push_back(earlier);
        w.contact(Date{2026, 2, 20}, {"nan"}, kC);
        CHECK(phasePicturePeriod(w.in).from == Date{2026, 2, 20});
        // An ended focus placement: the picture stops at its end.
        w.in.placements[0].actualEnd = Date{2026, 7, 1};
        CHECK(phasePicturePeriod(w.in).to == Date{2026, 7, 1});
    }

    TEST_CASE("each cell counted once per contact, people listed by name, empty cells empty") {
        World w;
        w.contact(Date{2026, 1, 10}, {"mum", "nan"}, kS); // before: family safety, two people
        w.contact(Date{2026, 2, 1}, {"mum"}, kS | kCo);   // before: family safety + collaboration
        w.contact(Date{2026, 2, 2}, {"mum"}, kS, ContactStatus::Cancelled); // did not happen: not counted
        w.contact(Date{2026, 4, 1}, {"kw", "mum"}, kC); // during: practitioner + family consistency
        w.contact(Date{2026, 8, 10}, {"pal"}, kS, ContactStatus::Happened,
                  ContactKind::PeerContact); // ending: peer safety
        const PhasePicture p = w.picture();
        REQUIRE(p.hasPlacement);
        CHECK(p.period.from == Date{2026, 1, 10});
        CHECK(p.endingFrom == Date{2026, 8, 3});

        const PhaseGrid& before = phase(p, Phase::Before);
        CHECK(before.from == Date{2026, 1, 10});
        CHECK(before.to == Date{2026, 2, 28});
        CHECK(before.contacts == 2);
        CHECK(before.trackContacts[static_cast<std::size_t>(Track::Family)] == 2);
        const PhaseCell& famSafety = before.at(Track::Family, Use::Safety);
        CHECK(famSafety.contacts == 2);
        REQUIRE(famSafety.people.size() == 2);
        CHECK(famSafety.people[0].name == "Bea Hallowell"); // by name
        CHECK(famSafety.people[0].contacts == 1);
        CHECK(famSafety.people[1].name == "Odile Hallowell");
        CHECK(famSafety.people[1].memberId == "mum");
        CHECK(famSafety.people[1].contacts == 2);
        CHECK(before.at(Track::Family, Use::Collaboration).contacts == 1);
        CHECK(before.at(Track::Family, Use::Consistency).empty());
        CHECK(before.at(Track::Practitioner, Use::Safety).empty());
        CHECK(before.at(Track::PeerCommunity, Use::Safety).people.empty());

        const PhaseGrid& during = phase(p, Phase::During);
        CHECK(during.from == Date{2026, 3, 1});
        CHECK(during.to == Date{2026, 8, 2});
        CHECK(during.contacts == 1); // one contact, counted on two tracks
        CHECK(during.at(Track::Practitioner, Use::Consistency).contacts == 1);
        CHECK(during.at(Track::Family, Use::Consistency).contacts == 1);
        REQUIRE(during.at(Track::Practitioner, Use::Consistency).people.size() == 1);
        CHECK(during.at(Track::Practitioner, Use::Consistency).people[0].name == "Ada Quell"); // not mum
        CHECK(during.at(Track::Family, Use::Safety).empty());

        const PhaseGrid& ending = phase(p, Phase::Ending);
        CHECK(ending.from == Date{2026, 8, 3});
        CHECK(ending.to == Date{2026, 8, 15});
        CHECK(ending.at(Track::PeerCommunity, Use::Safety).contacts == 1);
        // The wording every format shares.
        CHECK(phaseCellText(famSafety) == "2 contacts: Bea Hallowell in 1 and Odile Hallowell in 2");
        CHECK(phaseCellText(before.at(Track::Family, Use::Collaboration)) == "1 contact: Odile Hallowell");
        CHECK(phaseCellText(before.at(Track::Family, Use::Consistency)) == "None");
        CHECK(phaseTitle(before, true) == "Before the move");
        CHECK(phaseDates(before) == "Sat 10 Jan 2026 to Sat 28 Feb 2026");
        PhaseGrid notBegun;
        notBegun.phase = Phase::Ending;
        CHECK(phaseDates(notBegun) == "Not begun");
        CHECK(phasePictureCoverage(p) ==
              "Covers Sat 10 Jan 2026 to Sat 15 Aug 2026: the placement from its start, with the contacts "
              "recorded before the move. Each cell counts the contacts that happened and recorded that use, "
              "with the people in them.");
        int nonEmpty = 0;
        for (const auto& c : ending.cells)
            nonEmpty += c.empty() ? 0 : 1;
        CHECK(nonEmpty == 1);
    }

    TEST_CASE("one track only, said in plain words, with number agreement") {
        World w;
        w.contact(Date{2026, 1, 10}, {"mum"}, kS);
        const PhasePicture one = w.picture();
        const auto& f1 = phase(one, Phase::Before).findings;
        CHECK(has(f1, "Before the move, only family relationships were used: 1 contact."));
        CHECK(has(f1, "Before the move, only family relationships were used to plan safety (1 contact)."));
        CHECK(has(f1, "Before the move, no relationship was recorded as used for collaboration."));

        w.contact(Date{2026, 1, 12}, {"nan"}, kS);
        const PhasePicture two = w.picture();
        const auto& f2 = phase(two, Phase::Before).findings;
        CHECK(has(f2, "Before the move, only family relationships were used: 2 contacts."));
        CHECK(has(f2, "Before the move, only family relationships were used to plan safety (2 contacts)."));
    }

    TEST_CASE("all three tracks used for the same purpose in the same phase") {
        World w;
        w.contact(Date{2026, 4, 1}, {"kw"}, kCo);
        w.contact(Date{2026, 4, 2}, {"mum"}, kCo | kC);
        w.contact(Date{2026, 4, 3}, {"pal"}, kCo);
        const PhasePicture pic = w.picture();
        const auto& f = phase(pic, Phase::During).findings;
        const std::string shown = all(f);
        INFO(shown);
        CHECK(has(f, "During the placement, 3 contacts happened with practitioner (1), family (1) and peer & "
                     "community (1) relationships."));
        CHECK(has(f, "During the placement, practitioner, family and peer & community relationships were all "
                     "used for collaboration."));
        CHECK(
            has(f, "During the placement, only family relationships were used for consistency (1 contact)."));
        CHECK(has(f, "During the placement, no relationship was recorded as used to plan safety."));
    }

    TEST_CASE("two tracks: the missing one named; contacts with no use; phases not reached") {
        World w;
        w.in.today = Date{2026, 5, 1};
        w.contact(Date{2026, 4, 1}, {"kw"}, kS);
        w.contact(Date{2026, 4, 2}, {"mum"}, kS);
        w.contact(Date{2026, 4, 3}, {"sw"}, 0);
        const PhasePicture p = w.picture();
        const auto& f = phase(p, Phase::During).findings;
        const std::string shown = all(f);
        INFO(shown);
        CHECK(has(f, "During the placement, 3 contacts happened with practitioner (2) and family (1) "
                     "relationships; none with peer & community relationships."));
        CHECK(has(f, "During the placement, practitioner and family relationships were used to plan safety; "
                     "peer & community relationships were not."));
        CHECK(has(f,
                  "1 contact in this phase recorded no use (consistency, collaboration or safety), so it is "
                  "not in the grid."));
        CHECK(phase(p, Phase::During).withoutUse[static_cast<std::size_t>(Track::Practitioner)] == 1);
        CHECK_FALSE(phase(p, Phase::Before).from.has_value());
        CHECK(phase(p, Phase::Before).findings ==
              std::vector<std::string>{"No contact from before the move is recorded."});
        CHECK(phase(p, Phase::Ending).findings ==
              std::vector<std::string>{"The ending phase has not begun: it starts on Mon 3 Aug 2026."});
        w.contact(Date{2026, 4, 4}, {"nan"}, 0);
        CHECK(has(phase(w.picture(), Phase::During).findings,
                  "2 contacts in this phase recorded no use (consistency, collaboration or safety), so they "
                  "are not in the grid."));
        w.in.placements[0].plannedEnd.reset();
        CHECK(phase(w.picture(), Phase::Ending).findings ==
              std::vector<std::string>{
                  "No end date is recorded for the placement, so there is no ending phase yet."});
    }

    TEST_CASE("a phase with no contacts; no placement at all; the same picture from shuffled input") {
        World w;
        w.contact(Date{2026, 1, 10}, {"mum"}, kS);
        CHECK(phase(w.picture(), Phase::During).findings ==
              std::vector<std::string>{"During the placement, no contact that happened is recorded."});

        w.contact(Date{2026, 4, 1}, {"nan", "mum"}, kS);
        World r = w;
        std::reverse(r.in.members.begin(), r.in.members.end());
        std::reverse(r.in.contacts.begin(), r.in.contacts.end());
        const PhasePicture a = w.picture(), b = r.picture();
        for (std::size_t ph = 0; ph < 3; ++ph) {
            CHECK(a.phases[ph].findings == b.phases[ph].findings);
            for (std::size_t i = 0; i < 9; ++i) {
                REQUIRE(a.phases[ph].cells[i].people.size() == b.phases[ph].cells[i].people.size());
                for (std::size_t k = 0; k < a.phases[ph].cells[i].people.size(); ++k)
                    CHECK(a.phases[ph].cells[i].people[k].memberId ==
                          b.phases[ph].cells[i].people[k].memberId);
            }
        }

        World none;
        none.in.placements.clear();
        none.contact(Date{2026, 8, 1}, {"mum"}, kC);
        const PhasePicture n = none.picture();
        CHECK_FALSE(n.hasPlacement);
        CHECK(phase(n, Phase::During).contacts == 1);
        CHECK(phase(n, Phase::During).findings.front() == "No placement is recorded, so the picture is not "
                                                          "split by phase: every contact counts as during.");
        CHECK(has(phase(n, Phase::During).findings,
                  "In the period, only family relationships were used: 1 contact."));
        CHECK(phase(n, Phase::Before).findings.empty());
    }

    TEST_CASE("the insight carries the picture and its JSON") {
        World w;
        w.contact(Date{2026, 1, 10}, {"mum"}, kS);
        const Insight in = computeInsight(w.in);
        CHECK(in.phasePicture.period.from == Date{2026, 1, 10});
        CHECK(in.phasePicture.phases[0].at(Track::Family, Use::Safety).contacts == 1);
        const std::string json = insightToJson(in, w.in.person);
        CHECK(json.find("\"phasePicture\": {\n    \"version\": 1") != std::string::npos);
        CHECK(json.find("\"name\": \"Odile Hallowell\"") != std::string::npos);
        CHECK(json.find("Before the move, only family relationships were used to plan safety (1 contact).") !=
              std::string::npos);
    }
}
