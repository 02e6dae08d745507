// Unit tests of the insight engine: phases, the matrix, member statuses and trends, and every gap rule
// with its boundaries. Pure: no vault, no clock. All names are invented.
#include <doctest/doctest.h>

#include <algorithm>

#include "throughline/insight/insight.hpp"

using namespace throughline::core;

namespace {

constexpr std::int64_t kHourMs = 3'600'000;

std::int64_t msAt(const Date& d, int hour = 0) {
    return d.toDays() * 86'400'000 + hour * kHourMs;
}

// A small world: Kai, placed on 1 Jan 2026 (planned end 30 Jun 2026), today 1 Mar 2026.
struct World {
    InsightInput in;
    int next = 0;

    World() {
        in.person.meta.id = "yp";
        in.person.name = "Kai Ormerod-Fell";
        in.person.preferredName = "Kai";
        Placement p;
        p.meta.id = "pl";
        p.youngPersonId = "yp";
        p.placementArea = "Northmere";
        p.start = Date{2026, 1, 1};
        p.plannedEnd = Date{2026, 6, 30};
        in.placements.push_back(p);
        in.today = Date{2026, 3, 1};
    }
    NetworkMember& member(const std::string& id, const std::string& name, Track track, Place place,
                          Role role = Role::Friend) {
        NetworkMember m;
        m.meta.id = id;
        m.name = name;
        m.track = track;
        m.place = place;
        m.role = role;
        in.members.push_back(m);
        return in.members.back();
    }
    ContactRecord& contact(Date date, std::vector<std::string> people,
                           ContactKind kind = ContactKind::PeerContact,
                           ContactStatus status = ContactStatus::Happened,
                           Place place = Place::PlacementArea) {
        ContactRecord c;
        char id[16];
        std::snprintf(id, sizeof id, "c%03d", ++next);
        c.meta.id = id;
        c.date = date;
        c.participantIds = std::move(people);
        c.kind = kind;
        c.status = status;
        c.place = place;
        // Collaboration recorded by default so that rule stays quiet unless a test wants it.
        c.uses = static_cast<std::uint32_t>(Use::Collaboration);
        in.contacts.push_back(c);
        return in.contacts.back();
    }
    // Happened contact on every track today, so silence rules stay quiet unless a test wants them.
    void keepTracksBusy(Date d) {
        member("busy-p", "Zed Practitioner", Track::Practitioner, Place::PlacementArea, Role::YouthWorker);
        member("busy-f", "Zed Family", Track::Family, Place::PlacementArea, Role::WiderFamily);
        member("busy-c", "Zed Friend", Track::PeerCommunity, Place::PlacementArea);
        contact(d, {"busy-p", "busy-f", "busy-c"});
    }
    Period period() const { return defaultPeriod(in); }
    std::vector<Gap> gaps(const InsightSettings& s = {}) const { return findGaps(in, period(), s); }
};

std::vector<Gap> ofRule(const std::vector<Gap>& gaps, std::string_view rule) {
    std::vector<Gap> out;
    for (const auto& g : gaps)
        if (g.ruleId == rule) out.push_back(g);
    return out;
}

bool contains(const std::string& text, std::string_view part) {
    return text.find(part) != std::string::npos;
}

} // namespace

TEST_SUITE("insight") {

    TEST_CASE("periods, the focus placement and phases") {
        World w;
        CHECK(w.period().from == Date{2026, 1, 1});
        CHECK(w.period().to == Date{2026, 3, 1});
        CHECK(w.period().days() == 60);
        CHECK(w.period().previous().to == Date{2025, 12, 31});
        CHECK(w.period().previous().days() == 60);

        const Placement& p = w.in.placements.front();
        CHECK(phaseOf(p, Date{2025, 12, 31}) == Phase::Before);
        CHECK(phaseOf(p, Date{2026, 1, 1}) == Phase::During);
        // Ending: the last 28 days before the planned end (30 Jun): from 2 Jun.
        CHECK(phaseOf(p, Date{2026, 6, 1}) == Phase::During);
        CHECK(phaseOf(p, Date{2026, 6, 2}) == Phase::Ending);
        CHECK(phaseOf(p, Date{2026, 7, 10}) == Phase::Ending);
        InsightSettings s;
        s.endingWindowDays = 7;
        CHECK(phaseOf(p, Date{2026, 6, 22}, s) == Phase::During);
        CHECK(phaseOf(p, Date{2026, 6, 23}, s) == Phase::Ending);
        // An actual end wins over the planned one.
        Placement ended = p;
        ended.actualEnd = Date{2026, 2, 28};
        CHECK(phaseOf(ended, Date{2026, 1, 31}) == Phase::Ending);
        CHECK(phaseOf(ended, Date{2026, 1, 30}) == Phase::During);
        // No end: never ending.
        Placement open = p;
        open.plannedEnd.reset();
        CHECK(phaseOf(open, Date{2030, 1, 1}) == Phase::During);

        // The current placement is the focus, not a later planned one or an earlier ended one.
        Placement earlier;
        earlier.meta.id = "old";
        earlier.start = Date{2025, 6, 1};
        earlier.actualEnd = Date{2025, 12, 31};
        w.in.placements.insert(w.in.placements.begin(), earlier);
        Placement future;
        future.meta.id = "zz-future";
        future.start = Date{2026, 4, 1};
        w.in.placements.push_back(future);
        REQUIRE(focusPlacement(w.in) != nullptr);
        CHECK(focusPlacement(w.in)->meta.id == "pl");
        // With no placement: the last 90 days.
        World none;
        none.in.placements.clear();
        CHECK(focusPlacement(none.in) == nullptr);
        CHECK(none.period().days() == 90);
        CHECK(none.period().to == none.in.today);
    }

    TEST_CASE("a contact's tracks: participants first, each track once; kind as the fallback") {
        World w;
        w.member("mum", "Della Ormerod", Track::Family, Place::HomeArea, Role::Parent);
        w.member("nan", "Ivy Fell", Track::Family, Place::HomeArea, Role::Grandparent);
        w.member("yw", "Tam Okafor", Track::Practitioner, Place::PlacementArea, Role::YouthWorker);
        ContactRecord c;
        c.participantIds = {"nan", "yw", "mum"};
        CHECK(tracksOf(c, w.in.members) == std::vector{Track::Practitioner, Track::Family});
        ContactRecord lone;
        lone.kind = ContactKind::CommunityActivity;
        CHECK(tracksOf(lone, w.in.members) == std::vector{Track::PeerCommunity});
        lone.kind = ContactKind::FamilyTime;
        CHECK(tracksOf(lone, w.in.members) == std::vector{Track::Family});
        lone.kind = ContactKind::PractitionerVisit;
        CHECK(tracksOf(lone, w.in.members) == std::vector{Track::Practitioner});
        lone.kind = ContactKind::Messages;
        CHECK(tracksOf(lone, w.in.members).empty());
        // Unknown (deleted) participants fall back to the kind.
        lone.kind = ContactKind::PeerContact;
        lone.participantIds = {"gone"};
        CHECK(tracksOf(lone, w.in.members) == std::vector{Track::PeerCommunity});
    }

    TEST_CASE("the matrix counts by track, place and phase") {
        World w;
        w.in.today = Date{2026, 6, 20};
        w.member("mum", "Della Ormerod", Track::Family, Place::HomeArea, Role::Parent);
        w.member("yw", "Tam Okafor", Track::Practitioner, Place::PlacementArea, Role::YouthWorker);
        // Before the move (not in the default period), during, ending.
        w.contact(Date{2025, 12, 20}, {"mum"}, ContactKind::FamilyTime, ContactStatus::Happened,
                  Place::HomeArea);
        w.contact(Date{2026, 2, 1}, {"mum", "yw"}, ContactKind::FamilyTime, ContactStatus::Happened,
                  Place::HomeArea)
            .uses = static_cast<std::uint32_t>(Use::Consistency) | static_cast<std::uint32_t>(Use::Safety);
        w.contact(Date{2026, 2, 8}, {"mum"}, ContactKind::FamilyTime, ContactStatus::Cancelled,
                  Place::HomeArea);
        w.contact(Date{2026, 2, 15}, {"mum"}, ContactKind::FamilyTime, ContactStatus::Declined,
                  Place::HomeArea);
        w.contact(Date{2026, 2, 22}, {"mum"}, ContactKind::FamilyTime, ContactStatus::DidNotAttend,
                  Place::HomeArea);
        w.contact(Date{2026, 6, 10}, {"mum"}, ContactKind::PhoneOrVideo, ContactStatus::Happened,
                  Place::Online);
        w.contact(Date{2026, 6, 12}, {}, ContactKind::CommunityActivity); // no participants: kind decides

        const auto m = computeMatrix(w.in, w.period());
        const auto& famHomeDuring = m.at(Track::Family, Place::HomeArea, Phase::During);
        CHECK(famHomeDuring.happened == 1);
        CHECK(famHomeDuring.cancelled == 1);
        CHECK(famHomeDuring.declined == 1);
        CHECK(famHomeDuring.didNotAttend == 1);
        CHECK(famHomeDuring.recorded() == 4);
        CHECK(famHomeDuring.lastContact == Date{2026, 2, 1});
        CHECK(famHomeDuring.daysSinceLast == Date{2026, 6, 20}.toDays() - Date{2026, 2, 1}.toDays());
        CHECK(hasFlag(famHomeDuring.uses, Use::Safety));
        CHECK_FALSE(hasFlag(famHomeDuring.uses, Use::Collaboration));
        // The joint contact counts for the practitioner track too, in the contact's place.
        CHECK(m.at(Track::Practitioner, Place::HomeArea, Phase::During).happened == 1);
        CHECK(m.at(Track::Family, Place::Online, Phase::Ending).happened == 1);
        CHECK(m.at(Track::PeerCommunity, Place::PlacementArea, Phase::Ending).happened == 1);
        // Before the move is outside the default period; a wider period sees it.
        CHECK(m.at(Track::Family, Place::HomeArea, Phase::Before).recorded() == 0);
        const auto wide = computeMatrix(w.in, Period{Date{2025, 12, 1}, w.in.today});
        CHECK(wide.at(Track::Family, Place::HomeArea, Phase::Before).happened == 1);
        CHECK_FALSE(m.at(Track::Family, Place::PlacementArea, Phase::During).lastContact.has_value());
    }

    TEST_CASE("member statuses: maintained, disrupted, new, dormant; trends against the previous period") {
        World w;
        w.member("mum", "Della Ormerod", Track::Family, Place::HomeArea, Role::Parent);
        w.member("ex", "Cole Brannigan", Track::PeerCommunity, Place::HomeArea);
        w.member("club", "Northmere Rowing Club", Track::PeerCommunity, Place::PlacementArea, Role::Club);
        w.member("aunt", "Bea Fell", Track::Family, Place::HomeArea, Role::AuntUncle);
        w.contact(Date{2025, 12, 1}, {"mum"});
        w.contact(Date{2025, 12, 10}, {"mum"});
        w.contact(Date{2026, 2, 1}, {"mum"});
        w.contact(Date{2025, 12, 5}, {"ex"});
        w.contact(Date{2026, 1, 10}, {"ex"}, ContactKind::PeerContact,
                  ContactStatus::Cancelled); // not happened
        w.contact(Date{2026, 1, 5}, {"club"});
        w.contact(Date{2026, 2, 5}, {"club"});

        const auto members = computeMembers(w.in, w.period());
        REQUIRE(members.size() == 4);
        // Sorted by track, place, name.
        CHECK(members[0].name == "Bea Fell");
        CHECK(members[1].name == "Della Ormerod");
        CHECK(members[2].name == "Cole Brannigan");
        CHECK(members[3].name == "Northmere Rowing Club");
        const auto find = [&](const char* id) {
            return *std::find_if(members.begin(), members.end(),
                                 [&](const auto& m) { return m.memberId == id; });
        };
        CHECK(find("mum").status == MemberStatus::Maintained);
        CHECK(find("mum").contactsInPeriod == 1);
        CHECK(find("mum").contactsPreviousPeriod == 2);
        CHECK(find("mum").trend == Trend::Fewer);
        CHECK(find("mum").lastContact == Date{2026, 2, 1});
        CHECK(find("ex").status == MemberStatus::Disrupted);
        CHECK(find("ex").contactsInPeriod == 0);
        CHECK(find("ex").trend == Trend::Fewer);
        CHECK(find("club").status == MemberStatus::New);
        CHECK(find("club").trend == Trend::More);
        CHECK(find("aunt").status == MemberStatus::Dormant);
        CHECK(find("aunt").trend == Trend::Same);
        CHECK_FALSE(find("aunt").lastContact.has_value());
    }

    TEST_CASE("track silence: 20 days quiet, 21 days a silence, 22 too; never used in the placement") {
        for (const int days : {20, 21, 22}) {
            World w;
            w.member("yw", "Tam Okafor", Track::Practitioner, Place::PlacementArea, Role::YouthWorker);
            w.member("mum", "Della Ormerod", Track::Family, Place::HomeArea, Role::Parent);
            w.member("pal", "Jody Marsh", Track::PeerCommunity, Place::PlacementArea);
            w.contact(w.in.today, {"yw", "mum"});
            w.contact(w.in.today.addDays(-days), {"pal"});
            const auto silences = ofRule(w.gaps(), "track_silence");
            CAPTURE(days);
            if (days < 21) {
                CHECK(silences.empty());
            } else {
                REQUIRE(silences.size() == 1);
                CHECK(silences[0].track == Track::PeerCommunity);
                CHECK(silences[0].explanation ==
                      "No peer & community contact has happened for " + std::to_string(days) +
                          " days (last: " + w.in.today.addDays(-days).display() + " with Jody Marsh).");
                CHECK(silences[0].evidenceIds == std::vector<std::string>{"c002"});
            }
            CHECK(ofRule(w.gaps(), "track_unused").empty());
        }
        // A different threshold from settings.
        World w;
        w.keepTracksBusy(w.in.today.addDays(-10));
        InsightSettings s;
        s.trackSilenceDays = 10;
        CHECK(ofRule(w.gaps(s), "track_silence").size() == 3);
        CHECK(ofRule(w.gaps(), "track_silence").empty());

        // Never used: peer & community contact only before the move.
        World u;
        u.member("yw", "Tam Okafor", Track::Practitioner, Place::PlacementArea, Role::YouthWorker);
        u.member("mum", "Della Ormerod", Track::Family, Place::HomeArea, Role::Parent);
        u.member("pal", "Jody Marsh", Track::PeerCommunity, Place::HomeArea);
        u.contact(u.in.today, {"yw", "mum"});
        u.contact(Date{2025, 12, 24}, {"pal"});
        const auto unused = ofRule(u.gaps(), "track_unused");
        REQUIRE(unused.size() == 1);
        CHECK(unused[0].track == Track::PeerCommunity);
        CHECK(unused[0].explanation ==
              "No peer & community contact has happened since the placement began on Thu 1 Jan "
              "2026 (59 days); the last was on Wed 24 Dec 2025, before the move.");
        CHECK(ofRule(u.gaps(), "track_silence").empty());
    }

    TEST_CASE("home-area relationship with no contact since the move") {
        World w;
        w.keepTracksBusy(w.in.today);
        w.member("nan", "Ivy Fell", Track::Family, Place::HomeArea, Role::Grandparent).workerView =
            View::Protective;
        w.member("coach", "Ade Brightwater", Track::PeerCommunity, Place::HomeArea, Role::Mentor)
            .youngPersonView = View::Uncertain;
        auto& stopped = w.member("uncle", "Rory Fell", Track::Family, Place::HomeArea, Role::AuntUncle);
        stopped.workerView = View::Protective;
        stopped.arrangement = Arrangement::NoContact;
        w.member("kept", "May Fell", Track::Family, Place::HomeArea, Role::Sibling).workerView =
            View::Protective;
        w.member("there", "Lou Pike", Track::PeerCommunity, Place::PlacementArea).workerView =
            View::Protective;
        w.member("unknown", "Sam Pike", Track::PeerCommunity, Place::HomeArea); // views not known
        auto& former =
            w.member("former", "Gus Pike", Track::PeerCommunity, Place::HomeArea, Role::YouthWorker);
        former.workerView = View::Protective;
        former.activeTo = Date{2025, 12, 31}; // ended the day before the move
        w.contact(Date{2025, 12, 20}, {"nan"}, ContactKind::FamilyTime, ContactStatus::Happened,
                  Place::HomeArea);
        w.contact(Date{2026, 1, 1}, {"kept"}); // the day of the move counts as since the move
        const auto gaps = ofRule(w.gaps(), "home_relationship_lost");
        REQUIRE(gaps.size() == 2);
        CHECK(gaps[0].memberId == "nan"); // family before peer & community
        CHECK(gaps[0].explanation ==
              "Ivy Fell (grandparent, home area; worker: protective) has had no contact since "
              "the move on Thu 1 Jan 2026; the last contact was on Sat 20 Dec 2025.");
        CHECK(gaps[0].evidenceIds.size() == 2);
        CHECK(gaps[1].memberId == "coach");
        CHECK(contains(gaps[1].explanation, "young person: uncertain"));
        CHECK(contains(gaps[1].explanation, "no contact with them has been recorded"));
    }

    TEST_CASE("contact with someone under no contact, restricted, or viewed as harmful") {
        World w;
        w.keepTracksBusy(w.in.today);
        auto& dad = w.member("dad", "Vic Ormerod", Track::Family, Place::HomeArea, Role::Parent);
        dad.arrangement = Arrangement::NoContact;
        dad.arrangementReason = "Court order";
        auto& older = w.member("older", "Dex Harlan", Track::PeerCommunity, Place::HomeArea);
        older.workerView = View::Harmful;
        auto& sis = w.member("sis", "Jen Ormerod", Track::Family, Place::HomeArea, Role::Sibling);
        sis.arrangement = Arrangement::Restricted;
        sis.arrangementReason = "Supervised only";
        w.contact(Date{2026, 2, 3}, {"dad"});
        w.contact(Date{2026, 2, 10}, {"dad"});
        w.contact(Date{2026, 2, 12}, {"older"});
        w.contact(Date{2026, 2, 14}, {"sis"}, ContactKind::FamilyTime,
                  ContactStatus::Cancelled);     // did not happen
        w.contact(Date{2025, 12, 1}, {"older"}); // before the period
        const auto gaps = ofRule(w.gaps(), "contact_against_arrangement");
        REQUIRE(gaps.size() == 2);
        CHECK(gaps[0].severity == Severity::Serious);
        CHECK(gaps[0].memberId == "dad");
        CHECK(gaps[0].explanation == "2 contacts recorded with Vic Ormerod, whose arrangement is no contact: "
                                     "Tue 3 Feb 2026 and Tue 10 Feb 2026.");
        CHECK(gaps[0].evidenceIds.size() == 2);
        CHECK(gaps[1].memberId == "older");
        CHECK(contains(gaps[1].explanation, "whom the worker views as harmful"));
        // Restricted contact that happened is flagged too.
        w.contact(Date{2026, 2, 20}, {"sis"});
        CHECK(ofRule(w.gaps(), "contact_against_arrangement").size() == 3);
        // Serious gaps come first.
        CHECK(w.gaps().front().ruleId == "contact_against_arrangement");
        // A long history names the latest eight dates and counts the rest.
        for (int d = 1; d <= 9; ++d)
            w.contact(Date{2026, 1, d}, {"dad"});
        auto many = ofRule(w.gaps(), "contact_against_arrangement");
        std::erase_if(many, [](const Gap& g) { return g.memberId != "dad"; });
        REQUIRE(many.size() == 1);
        CHECK(many[0].evidenceIds.size() == 11);
        CHECK(many[0].explanation ==
              "11 contacts recorded with Vic Ormerod, whose arrangement is no contact: 3 earlier, "
              "Sun 4 Jan 2026, Mon 5 Jan 2026, Tue 6 Jan 2026, Wed 7 Jan 2026, Thu 8 Jan 2026, "
              "Fri 9 Jan 2026, Tue 3 Feb 2026 and Tue 10 Feb 2026.");
    }

    TEST_CASE("family time not happening: exactly a third is not a gap, more than a third is") {
        World w;
        w.keepTracksBusy(w.in.today);
        w.member("mum", "Della Ormerod", Track::Family, Place::HomeArea, Role::Parent);
        w.contact(Date{2026, 1, 10}, {"mum"}, ContactKind::FamilyTime);
        w.contact(Date{2026, 1, 17}, {"mum"}, ContactKind::FamilyTime);
        w.contact(Date{2026, 1, 24}, {"mum"}, ContactKind::FamilyTime, ContactStatus::Cancelled);
        CHECK(ofRule(w.gaps(), "family_time_not_happening").empty()); // 1 of 3
        w.contact(Date{2026, 1, 31}, {"mum"}, ContactKind::FamilyTime);
        w.contact(Date{2026, 2, 7}, {"mum"}, ContactKind::FamilyTime, ContactStatus::Declined);
        CHECK(ofRule(w.gaps(), "family_time_not_happening").size() == 1); // 2 of 5 > 1/3
        w.contact(Date{2026, 2, 14}, {"mum"}, ContactKind::FamilyTime, ContactStatus::Happened);
        CHECK(ofRule(w.gaps(), "family_time_not_happening").empty()); // 2 of 6 = 1/3 exactly
        w.contact(Date{2026, 2, 21}, {"mum"}, ContactKind::FamilyTime, ContactStatus::DidNotAttend);
        const auto gaps = ofRule(w.gaps(), "family_time_not_happening"); // 3 of 7
        REQUIRE(gaps.size() == 1);
        CHECK(gaps[0].explanation ==
              "3 of 7 family-time records in the period did not happen (1 cancelled, 1 declined "
              "by the young person and 1 not attended).");
        CHECK(gaps[0].evidenceIds.size() == 3);
        CHECK(gaps[0].track == Track::Family);
        InsightSettings half;
        half.familyTimeFailureNumerator = 1;
        half.familyTimeFailureDenominator = 2;
        CHECK(ofRule(w.gaps(half), "family_time_not_happening").empty());
    }

    TEST_CASE("consistency without collaboration") {
        World w;
        w.member("yw", "Tam Okafor", Track::Practitioner, Place::PlacementArea, Role::YouthWorker);
        w.contact(Date{2026, 2, 1}, {"yw"}).uses = static_cast<std::uint32_t>(Use::Consistency);
        w.contact(Date{2026, 2, 8}, {"yw"}).uses = static_cast<std::uint32_t>(Use::Consistency);
        w.contact(Date{2026, 2, 9}, {"yw"}, ContactKind::PeerContact,
                  ContactStatus::Cancelled); // not happened
        auto gaps = ofRule(w.gaps(), "consistency_without_collaboration");
        REQUIRE(gaps.size() == 1);
        CHECK(gaps[0].explanation ==
              "2 contacts happened in the period, but none recorded collaboration: no decision or "
              "plan was recorded as made with Kai.");
        CHECK(gaps[0].evidenceIds == std::vector<std::string>{"c001", "c002"});
        w.contact(Date{2026, 2, 15}, {"yw"}); // collaboration
        CHECK(ofRule(w.gaps(), "consistency_without_collaboration").empty());
        World empty;
        CHECK(ofRule(empty.gaps(), "consistency_without_collaboration").empty());
    }

    TEST_CASE("missing episode: return interview within 72 hours, exactly 72 is in time") {
        World w;
        w.keepTracksBusy(w.in.today);
        MissingEpisode e;
        e.meta.id = "m1";
        e.startedAt = msAt(Date{2026, 2, 20}, 21);
        e.endedAt = msAt(Date{2026, 2, 21}, 9);
        w.in.missingEpisodes.push_back(e);
        const std::int64_t deadline = *e.endedAt + 72 * kHourMs;

        w.in.nowMs = deadline; // exactly 72 hours: still in time
        CHECK(ofRule(w.gaps(), "missing_no_return_interview").empty());
        w.in.nowMs = deadline - kHourMs; // 71 hours
        CHECK(ofRule(w.gaps(), "missing_no_return_interview").empty());
        w.in.nowMs = deadline + 1; // the window has closed
        auto gaps = ofRule(w.gaps(), "missing_no_return_interview");
        REQUIRE(gaps.size() == 1);
        CHECK(gaps[0].explanation ==
              "Missing from placement from Fri 20 Feb 2026 21:00, back Sat 21 Feb 2026 09:00: no "
              "return interview was offered within 72 hours.");
        CHECK(gaps[0].evidenceIds == std::vector<std::string>{"m1"});

        // Offered: in time on the day the window closes, late the day after.
        w.in.missingEpisodes[0].interviewOffered = true;
        CHECK(ofRule(w.gaps(), "missing_no_return_interview").empty());
        w.in.missingEpisodes[0].interviewDate = Date{2026, 2, 24};
        CHECK(ofRule(w.gaps(), "missing_no_return_interview").empty());
        w.in.missingEpisodes[0].interviewDate = Date{2026, 2, 25};
        gaps = ofRule(w.gaps(), "missing_no_return_interview");
        REQUIRE(gaps.size() == 1);
        CHECK(contains(gaps[0].explanation,
                       "the return interview (Wed 25 Feb 2026) was more than 72 hours after"));
        // Still missing: no return yet, so no interview is due.
        w.in.missingEpisodes[0].endedAt.reset();
        CHECK(ofRule(w.gaps(), "missing_no_return_interview").empty());
        // Settings: a 24-hour expectation.
        World s;
        s.in.missingEpisodes.push_back(e);
        s.in.nowMs = *e.endedAt + 25 * kHourMs;
        InsightSettings day;
        day.missingInterviewHours = 24;
        CHECK(ofRule(s.gaps(), "missing_no_return_interview").empty());
        CHECK(ofRule(s.gaps(day), "missing_no_return_interview").size() == 1);
    }

    TEST_CASE("safety plan review overdue and overdue follow-up actions") {
        World w;
        w.keepTracksBusy(w.in.today);
        SafetyPlan plan;
        plan.meta.id = "sp2";
        plan.version = 2;
        plan.reviewDate = w.in.today; // due today: not overdue yet
        w.in.safetyPlan = plan;
        CHECK(ofRule(w.gaps(), "safety_plan_review_overdue").empty());
        w.in.safetyPlan->reviewDate = w.in.today.addDays(-1);
        auto gaps = ofRule(w.gaps(), "safety_plan_review_overdue");
        REQUIRE(gaps.size() == 1);
        CHECK(gaps[0].explanation ==
              "Version 2 of the safety plan was due for review on Sat 28 Feb 2026 (1 day ago).");

        FollowUpAction a;
        a.meta.id = "a1";
        a.description = "Book the dentist";
        a.owner = "Tam Okafor";
        a.due = w.in.today; // due today: not overdue
        w.in.actions.push_back(a);
        a.meta.id = "a2";
        a.description = "Ask about the rowing club";
        a.due = Date{2026, 2, 20};
        w.in.actions.push_back(a);
        a.meta.id = "a3";
        a.done = true;
        w.in.actions.push_back(a);
        gaps = ofRule(w.gaps(), "actions_overdue");
        REQUIRE(gaps.size() == 1);
        CHECK(gaps[0].explanation ==
              "1 follow-up action is overdue: \u201cAsk about the rowing club\u201d (Tam Okafor, "
              "due Fri 20 Feb 2026).");
        CHECK(gaps[0].evidenceIds == std::vector<std::string>{"a2"});
    }

    TEST_CASE("practitioner changes: more than one key worker or social worker in the period") {
        World w;
        w.keepTracksBusy(w.in.today);
        w.member("kw1", "Priya Lund", Track::Practitioner, Place::PlacementArea, Role::KeyWorker);
        auto& kw2 = w.member("kw2", "Owen Tate", Track::Practitioner, Place::PlacementArea, Role::KeyWorker);
        kw2.activeFrom = Date{2026, 3, 2}; // starts after the period
        w.member("sw1", "Hal Greer", Track::Practitioner, Place::HomeArea, Role::SocialWorker);
        w.member("sw2", "Nia Greer", Track::Practitioner, Place::HomeArea, Role::SocialWorker);
        w.contact(Date{2026, 2, 2}, {"kw1"});
        w.contact(Date{2026, 2, 3}, {"sw1"});
        w.contact(Date{2025, 12, 3}, {"sw2"}); // before the period: not active in it
        CHECK(ofRule(w.gaps(), "practitioner_changes").empty());
        w.in.members[4].activeFrom = Date{2026, 3, 1}; // kw2 starts on the last day of the period
        w.contact(Date{2026, 2, 20}, {"sw2"});
        const auto gaps = ofRule(w.gaps(), "practitioner_changes");
        REQUIRE(gaps.size() == 2);
        CHECK(gaps[0].explanation == "2 key workers were active in the period: Owen Tate and Priya Lund.");
        CHECK(gaps[1].explanation == "2 social workers were active in the period: Hal Greer and Nia Greer.");
    }

    TEST_CASE("going home without the home community: from the first day of the ending phase") {
        // Planned end Tue 30 Jun 2026: the ending phase begins on Tue 2 Jun 2026.
        const auto world = [](Date today) {
            World w;
            w.in.placements[0].endingPlan = EndingPlan::ReturnHome;
            w.in.today = today;
            w.member("pal", "Jody Marsh", Track::PeerCommunity, Place::HomeArea);
            w.member("club", "Riverside Boxing Club", Track::PeerCommunity, Place::HomeArea, Role::Club);
            w.member("dex", "Dex Harlan", Track::PeerCommunity, Place::HomeArea).workerView = View::Harmful;
            auto& stopped = w.member("ty", "Ty Harlan", Track::PeerCommunity, Place::HomeArea);
            stopped.arrangement = Arrangement::NoContact;
            w.member("there", "Lou Pike", Track::PeerCommunity, Place::PlacementArea);
            w.member("mum", "Della Ormerod", Track::Family, Place::HomeArea, Role::Parent);
            return w;
        };
        const std::string head =
            "Kai's ending plan is a return to the home area and the ending phase began on "
            "Tue 2 Jun 2026 (the placement is planned to end on Tue 30 Jun 2026), but ";
        CHECK(ofRule(world(Date{2026, 6, 1}).gaps(), "going_home_without_home_community").empty());
        for (const Date today : {Date{2026, 6, 2}, Date{2026, 6, 3}}) {
            CAPTURE(today.display());
            World w = world(today);
            // Before the ending phase, with someone harmful, with stopped contact, in the placement area,
            // with family, or not happening: none of these is the home community in the ending phase.
            w.contact(Date{2026, 6, 1}, {"pal"}).uses = static_cast<std::uint32_t>(Use::Safety);
            w.contact(Date{2026, 6, 2}, {"dex", "ty"}).uses = static_cast<std::uint32_t>(Use::Safety);
            w.contact(Date{2026, 6, 2}, {"there", "mum"}).uses = static_cast<std::uint32_t>(Use::Safety);
            w.contact(Date{2026, 6, 2}, {"club"}, ContactKind::CommunityActivity, ContactStatus::Cancelled)
                .uses = static_cast<std::uint32_t>(Use::Safety);
            const auto gaps = ofRule(w.gaps(), "going_home_without_home_community");
            REQUIRE(gaps.size() == 1);
            CHECK(gaps[0].severity == Severity::Warning);
            CHECK(gaps[0].track == Track::PeerCommunity);
            CHECK(gaps[0].title == "Going home without the home community");
            CHECK(gaps[0].explanation ==
                  head + "no contact since then has involved a home-area peer or community "
                         "member (Jody Marsh and Riverside Boxing Club are in the network).");
            CHECK(gaps[0].evidenceIds == std::vector<std::string>{"club", "pal", "pl"});
        }

        // Contact in the ending phase, but not used for safety: the second variant, naming people and dates.
        World w = world(Date{2026, 6, 3});
        w.contact(Date{2026, 6, 2}, {"pal", "there"}).uses = static_cast<std::uint32_t>(Use::Consistency);
        auto gaps = ofRule(w.gaps(), "going_home_without_home_community");
        REQUIRE(gaps.size() == 1);
        CHECK(gaps[0].explanation ==
              head + "the one contact since then with a home-area peer or community member "
                     "(Tue 2 Jun 2026 with Jody Marsh) was not recorded as used for safety.");
        CHECK(gaps[0].evidenceIds == std::vector<std::string>{"c001", "pl"});
        w.contact(Date{2026, 6, 3}, {"club"}, ContactKind::CommunityActivity).uses = 0;
        gaps = ofRule(w.gaps(), "going_home_without_home_community");
        REQUIRE(gaps.size() == 1);
        CHECK(gaps[0].explanation ==
              head + "none of the 2 contacts since then with home-area peers or community "
                     "members (Tue 2 Jun 2026 with Jody Marsh and Wed 3 Jun 2026 with "
                     "Riverside Boxing Club) was recorded as used for safety.");
        CHECK(gaps[0].evidenceIds == std::vector<std::string>{"c001", "c002", "pl"});
        // One of them used for safety: no gap.
        w.in.contacts.back().uses =
            static_cast<std::uint32_t>(Use::Safety) | static_cast<std::uint32_t>(Use::Consistency);
        CHECK(ofRule(w.gaps(), "going_home_without_home_community").empty());

        // Only a return home: not decided, or settling where placed, is not this gap.
        for (const EndingPlan plan : {EndingPlan::NotDecided, EndingPlan::SettleWherePlaced}) {
            World o = world(Date{2026, 6, 3});
            o.in.placements[0].endingPlan = plan;
            CHECK(ofRule(o.gaps(), "going_home_without_home_community").empty());
        }
        // No end recorded: no ending phase.
        World open = world(Date{2026, 6, 3});
        open.in.placements[0].plannedEnd.reset();
        CHECK(ofRule(open.gaps(), "going_home_without_home_community").empty());
        // A shorter ending window from settings: from Tue 23 Jun.
        InsightSettings week;
        week.endingWindowDays = 7;
        CHECK(ofRule(world(Date{2026, 6, 22}).gaps(week), "going_home_without_home_community").empty());
        CHECK(ofRule(world(Date{2026, 6, 23}).gaps(week), "going_home_without_home_community").size() == 1);
        // An actual end wins, and nobody from the home community in the network, one or none, is said so.
        World ended = world(Date{2026, 3, 1});
        ended.in.placements[0].actualEnd = Date{2026, 3, 1};
        ended.in.members.erase(ended.in.members.begin() + 1); // the club
        ended.in.person.name.clear();
        ended.in.person.preferredName.clear();
        gaps = ofRule(ended.gaps(), "going_home_without_home_community");
        REQUIRE(gaps.size() == 1);
        CHECK(
            gaps[0].explanation ==
            "The young person's ending plan is a return to the home area and the ending phase began on Sun 1 "
            "Feb 2026 (the placement ended on Sun 1 Mar 2026), but no contact since then has involved a "
            "home-area peer or community member (Jody Marsh is in the network).");
        ended.in.members.erase(ended.in.members.begin()); // Jody Marsh
        gaps = ofRule(ended.gaps(), "going_home_without_home_community");
        REQUIRE(gaps.size() == 1);
        CHECK(contains(gaps[0].explanation, "(none is recorded in the network)."));
        CHECK(gaps[0].evidenceIds == std::vector<std::string>{"pl"});
    }

    TEST_CASE("a safety plan that leans on one track, or on no one from the home area") {
        const auto world = [](std::vector<std::string> people, EndingPlan ending = EndingPlan::NotDecided) {
            World w;
            w.in.placements[0].endingPlan = ending;
            w.member("yw", "Tam Okafor", Track::Practitioner, Place::PlacementArea, Role::YouthWorker);
            w.member("kw", "Priya Lund", Track::Practitioner, Place::PlacementArea, Role::KeyWorker);
            w.member("sw", "Hal Greer", Track::Practitioner, Place::HomeArea, Role::SocialWorker);
            w.member("nan", "Ivy Fell", Track::Family, Place::HomeArea, Role::Grandparent);
            w.member("pal", "Jody Marsh", Track::PeerCommunity, Place::PlacementArea);
            SafetyPlan plan;
            plan.meta.id = "sp";
            plan.version = 2;
            plan.peopleIds = std::move(people);
            w.in.safetyPlan = plan;
            return w;
        };
        const auto rule = [](const World& w) { return ofRule(w.gaps(), "safety_plan_one_track"); };

        // No plan: nothing to say here.
        World none = world({});
        none.in.safetyPlan.reset();
        CHECK(rule(none).empty());
        // Two tracks: not one-sided.
        CHECK(rule(world({"yw", "pal"})).empty());
        CHECK(rule(world({"yw", "nan", "kw"})).empty());
        // No one named, and no return home: not this gap.
        CHECK(rule(world({})).empty());

        auto gaps = rule(world({"yw", "kw"}));
        REQUIRE(gaps.size() == 1);
        CHECK(gaps[0].severity == Severity::Warning);
        CHECK(gaps[0].track == Track::Practitioner);
        CHECK(
            gaps[0].explanation ==
            "Version 2 of the safety plan leans on the practitioner track alone: the people Kai can turn to "
            "are Priya Lund (key worker) and Tam Okafor (youth worker).");
        CHECK(gaps[0].evidenceIds == std::vector<std::string>{"kw", "sp", "yw"});
        // One person is one track; someone no longer in the network is not counted.
        gaps = rule(world({"nan", "gone"}));
        REQUIRE(gaps.size() == 1);
        CHECK(gaps[0].track == Track::Family);
        CHECK(gaps[0].explanation ==
              "Version 2 of the safety plan leans on the family track alone: the only person Kai can turn to "
              "is Ivy Fell (grandparent).");
        CHECK(rule(world({"gone"})).empty());
        // A deleted plan is no plan.
        World deleted = world({"yw"});
        deleted.in.safetyPlan->meta.deleted = true;
        CHECK(rule(deleted).empty());

        // Returning home: two tracks are not enough without someone from the home area.
        CHECK(rule(world({"yw", "pal"}, EndingPlan::SettleWherePlaced)).empty());
        gaps = rule(world({"yw", "pal"}, EndingPlan::ReturnHome));
        REQUIRE(gaps.size() == 1);
        CHECK_FALSE(gaps[0].track.has_value());
        CHECK(gaps[0].explanation ==
              "Version 2 of the safety plan names no one from the home area, where Kai is to return when the "
              "placement ends (Tue 30 Jun 2026): the people Kai can turn to are Jody Marsh (friend) and Tam "
              "Okafor (youth worker).");
        CHECK(gaps[0].evidenceIds == std::vector<std::string>{"pal", "pl", "sp", "yw"});
        CHECK(rule(world({"yw", "nan"}, EndingPlan::ReturnHome)).empty()); // Ivy Fell is in the home area
        // One track and no one from home: both said in one finding.
        gaps = rule(world({"yw", "kw"}, EndingPlan::ReturnHome));
        REQUIRE(gaps.size() == 1);
        CHECK(
            gaps[0].explanation ==
            "Version 2 of the safety plan leans on the practitioner track alone: the people Kai can turn to "
            "are Priya Lund (key worker) and Tam Okafor (youth worker), with no one from the home area, "
            "where Kai is to return when the placement ends (Tue 30 Jun 2026).");
        // One track, from the home area: only the one track is said.
        gaps = rule(world({"sw"}, EndingPlan::ReturnHome));
        REQUIRE(gaps.size() == 1);
        CHECK(gaps[0].explanation ==
              "Version 2 of the safety plan leans on the practitioner track alone: the "
              "only person Kai can turn to is Hal Greer (social worker).");
        // No one at all, returning home.
        gaps = rule(world({}, EndingPlan::ReturnHome));
        REQUIRE(gaps.size() == 1);
        CHECK(gaps[0].explanation ==
              "Version 2 of the safety plan names no one for Kai to turn to, so no one from the home area, "
              "where Kai is to return when the placement ends (Tue 30 Jun 2026).");
        CHECK(gaps[0].evidenceIds == std::vector<std::string>{"pl", "sp"});
    }

    TEST_CASE("collaboration with the family stopped at the move: 6 weeks after it, not a day before") {
        // Moved on Thu 1 Jan 2026: six weeks later is Thu 12 Feb 2026.
        const auto world = [](Date today) {
            World w;
            w.in.today = today;
            w.member("mum", "Della Ormerod", Track::Family, Place::HomeArea, Role::Parent);
            w.member("yw", "Tam Okafor", Track::Practitioner, Place::PlacementArea, Role::YouthWorker);
            w.contact(Date{2025, 12, 20}, {"mum", "yw"}, ContactKind::PractitionerVisit); // collaboration
            w.contact(Date{2026, 1, 10}, {"mum"}, ContactKind::FamilyTime).uses =
                static_cast<std::uint32_t>(Use::Consistency);
            w.contact(Date{2026, 1, 24}, {"mum"}, ContactKind::FamilyTime, ContactStatus::Cancelled);
            w.contact(Date{2026, 1, 20}, {"yw"}, ContactKind::PractitionerVisit); // not family
            return w;
        };
        const auto rule = [](const World& w, const InsightSettings& s = {}) {
            return ofRule(w.gaps(s), "family_collaboration_stopped_at_move");
        };
        CHECK(rule(world(Date{2026, 2, 11})).empty()); // 41 days
        auto gaps = rule(world(Date{2026, 2, 12}));    // exactly 6 weeks
        REQUIRE(gaps.size() == 1);
        CHECK(gaps[0].severity == Severity::Warning);
        CHECK(gaps[0].track == Track::Family);
        CHECK(
            gaps[0].explanation ==
            "Family relationships were used for collaboration before the move (last: Sat 20 Dec 2025 with "
            "Della Ormerod), but not in the 6 weeks since the move on Thu 1 Jan 2026, while family time goes "
            "on: 2 family-time records since the move (1 happened and 1 planned but did not happen), the "
            "latest on Sat 24 Jan 2026 with Della Ormerod.");
        CHECK(gaps[0].evidenceIds == std::vector<std::string>{"c001", "c002", "c003"});
        gaps = rule(world(Date{2026, 2, 13}));
        REQUIRE(gaps.size() == 1);
        CHECK(contains(gaps[0].explanation, "not in the 6 weeks and 1 day since the move"));

        // Collaboration with the family on the day of the move counts as since the move; the day before not.
        World w = world(Date{2026, 2, 13});
        w.contact(Date{2025, 12, 31}, {"mum"}, ContactKind::PhoneOrVideo);
        gaps = rule(w);
        REQUIRE(gaps.size() == 1);
        CHECK(contains(gaps[0].explanation, "(last: Wed 31 Dec 2025 with Della Ormerod)"));
        CHECK(gaps[0].evidenceIds == std::vector<std::string>{"c002", "c003", "c005"});
        w.contact(Date{2026, 1, 1}, {"mum"}, ContactKind::PhoneOrVideo,
                  ContactStatus::Cancelled); // not happened
        CHECK(rule(w).size() == 1);
        w.contact(Date{2026, 1, 1}, {"mum"}, ContactKind::PhoneOrVideo);
        CHECK(rule(w).empty());

        // No collaboration with the family before the move: nothing stopped.
        World before = world(Date{2026, 3, 1});
        before.in.contacts[0].uses = static_cast<std::uint32_t>(Use::Consistency);
        CHECK(rule(before).empty());
        // No family time since the move: the family-time rules say the rest.
        World noTime = world(Date{2026, 3, 1});
        std::erase_if(noTime.in.contacts,
                      [](const ContactRecord& c) { return c.kind == ContactKind::FamilyTime; });
        CHECK(rule(noTime).empty());
        // One family-time record; the threshold from settings, with number agreement.
        World one = world(Date{2026, 1, 9});
        one.in.contacts.erase(one.in.contacts.begin() + 2); // the cancelled one
        one.in.contacts[1].date = Date{2026, 1, 2};
        InsightSettings s;
        s.familyCollaborationSilenceWeeks = 1;
        CHECK(rule(one).empty());
        one.in.today = Date{2026, 1, 10};
        gaps = rule(one, s);
        REQUIRE(gaps.size() == 1);
        CHECK(contains(gaps[0].explanation,
                       "but not in the 1 week and 2 days since the move on Thu 1 Jan 2026, "
                       "while family time goes on: 1 family-time record since the move (1 "
                       "happened), on Fri 2 Jan 2026 with Della Ormerod."));
        one.in.today = Date{2026, 1, 8};
        CHECK(contains(rule(one, s).at(0).explanation, "not in the 1 week since the move"));
        one.in.today = Date{2026, 1, 7};
        CHECK(rule(one, s).empty());
    }

    TEST_CASE("the rule table is complete and the whole picture is deterministic") {
        std::vector<std::string> ids;
        for (const auto& r : gapRules()) {
            ids.emplace_back(r.id);
            CHECK(findGapRule(r.id) == &r);
            CHECK_FALSE(r.title.empty());
        }
        for (const char* id :
             {"track_silence", "track_unused", "home_relationship_lost", "contact_against_arrangement",
              "family_time_not_happening", "consistency_without_collaboration", "missing_no_return_interview",
              "safety_plan_review_overdue", "actions_overdue", "practitioner_changes",
              "going_home_without_home_community", "safety_plan_one_track",
              "family_collaboration_stopped_at_move"})
            CHECK(std::find(ids.begin(), ids.end(), id) != ids.end());
        CHECK(findGapRule("no_such_rule") == nullptr);

        World w;
        w.member("mum", "Della Ormerod", Track::Family, Place::HomeArea, Role::Parent).workerView =
            View::Protective;
        auto& dad = w.member("dad", "Vic Ormerod", Track::Family, Place::HomeArea, Role::Parent);
        dad.arrangement = Arrangement::NoContact;
        w.member("pal", "Jody Marsh", Track::PeerCommunity, Place::PlacementArea);
        w.contact(Date{2026, 1, 5}, {"dad"}, ContactKind::FamilyTime).uses = 0;
        w.contact(Date{2026, 1, 6}, {"pal"}, ContactKind::PeerContact, ContactStatus::Cancelled);
        const Insight a = computeInsight(w.in);
        // Shuffled input gives the same picture.
        World r = w;
        std::reverse(r.in.members.begin(), r.in.members.end());
        std::reverse(r.in.contacts.begin(), r.in.contacts.end());
        const Insight b = computeInsight(r.in);
        REQUIRE(a.gaps.size() == b.gaps.size());
        for (std::size_t i = 0; i < a.gaps.size(); ++i) {
            CHECK(a.gaps[i].ruleId == b.gaps[i].ruleId);
            CHECK(a.gaps[i].explanation == b.gaps[i].explanation);
            CHECK(a.gaps[i].evidenceIds == b.gaps[i].evidenceIds);
        }
        for (std::size_t i = 1; i < a.gaps.size(); ++i)
            CHECK(a.gaps[i - 1].severity >= a.gaps[i].severity);
        REQUIRE(a.members.size() == b.members.size());
        for (std::size_t i = 0; i < a.members.size(); ++i)
            CHECK(a.members[i].memberId == b.members[i].memberId);
        CHECK(a.placementId == "pl");
        CHECK(a.endingFrom == Date{2026, 6, 2});
        CHECK(a.asOf == w.in.today);
    }

    TEST_CASE("what changed between two versions of a safety plan") {
        World w;
        w.member("nan", "Ivy Fell", Track::Family, Place::HomeArea, Role::Grandparent);
        w.member("yw", "Tam Okafor", Track::Practitioner, Place::PlacementArea, Role::YouthWorker);
        SafetyPlan v1;
        v1.version = 1;
        v1.peopleIds = {"nan", "gone"};
        v1.safePlaces = "Nan's kitchen";
        v1.whatHelps = "Music, a walk";
        v1.reviewDate = Date{2026, 3, 1};
        SafetyPlan v2 = v1;
        v2.version = 2;
        CHECK(diffSafetyPlans(v1, v2, w.in.members).empty());
        v2.peopleIds = {"nan", "yw"};
        v2.safePlaces = "Nan's kitchen; the boxing gym";
        v2.unsafePlaces = "The underpass by the station";
        v2.whatHelps.clear();
        v2.youngPersonContributed = true;
        v2.reviewDate = Date{2026, 6, 1};
        const auto lines = diffSafetyPlans(v1, v2, w.in.members);
        REQUIRE(lines.size() == 7);
        CHECK(lines[0] == "People I can turn to: added Tam Okafor.");
        CHECK(lines[1] == "People I can turn to: removed someone no longer in the network.");
        CHECK(lines[2] ==
              "Places I feel safe: changed from \u201cNan's kitchen\u201d to \u201cNan's kitchen; the boxing "
              "gym\u201d.");
        CHECK(lines[3] == "Places I feel unsafe: added \u201cThe underpass by the station\u201d.");
        CHECK(lines[4] == "What helps when things get hard: removed (was \u201cMusic, a walk\u201d).");
        CHECK(lines[5] == "The young person helped write this version (changed since the previous version).");
        CHECK(lines[6] == "Review date: now Mon 1 Jun 2026 (was Sun 1 Mar 2026).");
    }

} // TEST_SUITE
