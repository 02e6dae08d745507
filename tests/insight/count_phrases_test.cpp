// Number agreement in the gap rules' explanations (issue 14): every count phrase with 0, 1 and 2 (0: no gap,
// or the plural), word for word, and a scan for any count whose noun has the wrong number. Pure: no vault,
// no clock. All names are invented.
#include <doctest/doctest.h>

#include <regex>

#include "throughline/insight/insight.hpp"

using namespace throughline::core;

namespace {

constexpr std::int64_t kHourMs = 3'600'000;

// Kit, placed on 1 Jan 2026, today 1 Mar 2026; every track busy today unless a test says otherwise.
struct Small {
    InsightInput in;
    int next = 0;
    explicit Small(bool busy = true) {
        in.person.meta.id = "yp";
        in.person.name = "Kit Arden";
        in.person.preferredName = "Kit";
        Placement p;
        p.meta.id = "pl";
        p.youngPersonId = "yp";
        p.start = Date{2026, 1, 1};
        in.placements.push_back(p);
        in.today = Date{2026, 3, 1};
        if (busy) {
            member("busy-p", "Zed Practitioner", Track::Practitioner, Role::YouthWorker);
            member("busy-f", "Zed Family", Track::Family, Role::WiderFamily);
            member("busy-c", "Zed Friend", Track::PeerCommunity, Role::Friend);
            contact(in.today, {"busy-p", "busy-f", "busy-c"});
        }
    }
    NetworkMember& member(const std::string& id, const std::string& name, Track track, Role role) {
        NetworkMember m;
        m.meta.id = id;
        m.name = name;
        m.track = track;
        m.place = Place::PlacementArea;
        m.role = role;
        in.members.push_back(m);
        return in.members.back();
    }
    ContactRecord& contact(Date date, std::vector<std::string> people,
                           ContactKind kind = ContactKind::PeerContact,
                           ContactStatus status = ContactStatus::Happened) {
        ContactRecord c;
        c.meta.id = "c" + std::to_string(++next);
        c.date = date;
        c.participantIds = std::move(people);
        c.kind = kind;
        c.status = status;
        c.place = Place::PlacementArea;
        c.uses = static_cast<std::uint32_t>(Use::Collaboration);
        in.contacts.push_back(c);
        return in.contacts.back();
    }
    std::vector<std::string> explanations(std::string_view rule, const InsightSettings& s = {}) const {
        std::vector<std::string> out;
        for (const auto& g : findGaps(in, defaultPeriod(in), s))
            if (g.ruleId == rule) out.push_back(g.explanation);
        return out;
    }
};

const std::vector<std::pair<std::string, std::string>> kNouns = {
    {"day", "days"},
    {"hour", "hours"},
    {"contact", "contacts"},
    {"family-time record", "family-time records"},
    {"key worker", "key workers"},
    {"follow-up action is", "follow-up actions are"},
};

std::vector<std::string> disagreements(const std::string& text) {
    std::vector<std::string> found;
    for (const auto& [one, many] : kNouns) {
        const std::regex wrongMany("(^|[^0-9.,:])(1 " + many + ")\\b");
        const std::regex wrongOne("(^|[^0-9.,:])((0|[2-9]|[1-9][0-9]+) " + one + ")\\b");
        for (const auto& re : {wrongMany, wrongOne})
            for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator();
                 ++it)
                found.push_back((*it)[2].str());
    }
    return found;
}

// Exactly one explanation, agreeing with its numbers.
std::string one(const std::vector<std::string>& explanations) {
    REQUIRE(explanations.size() == 1);
    const auto wrong = disagreements(explanations[0]);
    CHECK_MESSAGE(wrong.empty(), explanations[0]);
    return explanations[0];
}

} // namespace

TEST_SUITE("insight") {

    TEST_CASE("count phrases: days (0, 1, 2)") {
        CHECK(daysText(0) == "0 days");
        CHECK(daysText(1) == "1 day");
        CHECK(daysText(2) == "2 days");
        for (const int n : {0, 1, 2}) {
            CAPTURE(n);
            Small w;
            SafetyPlan plan;
            plan.meta.id = "sp";
            plan.version = 1;
            plan.reviewDate = w.in.today.addDays(-n);
            w.in.safetyPlan = plan;
            const auto e = w.explanations("safety_plan_review_overdue");
            if (n == 0) {
                CHECK(e.empty()); // due today is not overdue
                continue;
            }
            CHECK(one(e).find(n == 1 ? "(1 day ago)" : "(2 days ago)") != std::string::npos);
        }
        // A track silence of 1 and 2 days, with the threshold lowered to match.
        for (const int n : {1, 2}) {
            CAPTURE(n);
            Small w(false);
            w.member("f", "Ada Arden", Track::Family, Role::Parent);
            w.member("p", "Pip Lowe", Track::Practitioner, Role::YouthWorker);
            w.member("c", "Cy Lowe", Track::PeerCommunity, Role::Friend);
            w.contact(w.in.today, {"p", "c"});
            w.contact(w.in.today.addDays(-n), {"f"});
            InsightSettings s;
            s.trackSilenceDays = n;
            const auto text = one(w.explanations("track_silence", s));
            CHECK(text.find(n == 1 ? "for 1 day " : "for 2 days ") != std::string::npos);
        }
    }

    TEST_CASE("count phrases: contacts against the arrangement and without collaboration (1, 2)") {
        for (const int n : {0, 1, 2}) {
            CAPTURE(n);
            Small w;
            w.member("dad", "Rob Arden", Track::Family, Role::Parent).arrangement = Arrangement::NoContact;
            w.member("yw", "Tam Lowe", Track::Practitioner, Role::YouthWorker);
            for (int i = 0; i < n; ++i) {
                w.contact(Date{2026, 2, 1}.addDays(i), {"dad"}, ContactKind::FamilyTime);
                w.contact(Date{2026, 2, 10}.addDays(i), {"yw"}).uses =
                    static_cast<std::uint32_t>(Use::Consistency);
            }
            const auto against = w.explanations("contact_against_arrangement");
            if (n == 0) {
                CHECK(against.empty());
                continue;
            }
            CHECK(one(against).rfind(n == 1 ? "1 contact recorded with Rob Arden"
                                            : "2 contacts recorded with Rob Arden",
                                     0) == 0);
        }
        // Consistency without collaboration: the only contacts in the period are n consistency visits.
        for (const int n : {1, 2}) {
            CAPTURE(n);
            Small w(false);
            w.member("yw", "Tam Lowe", Track::Practitioner, Role::YouthWorker);
            for (int i = 0; i < n; ++i)
                w.contact(Date{2026, 2, 10}.addDays(i), {"yw"}).uses =
                    static_cast<std::uint32_t>(Use::Consistency);
            CHECK(
                one(w.explanations("consistency_without_collaboration"))
                    .rfind(n == 1 ? "1 contact happened in the period" : "2 contacts happened in the period",
                           0) == 0);
        }
    }

    TEST_CASE("count phrases: family time records (1 of 1, 2 of 2)") {
        for (const int n : {0, 1, 2}) {
            CAPTURE(n);
            Small w;
            w.member("mum", "Della Arden", Track::Family, Role::Parent);
            for (int i = 0; i < n; ++i)
                w.contact(Date{2026, 1, 10}.addDays(7 * i), {"mum"}, ContactKind::FamilyTime,
                          ContactStatus::Cancelled);
            const auto e = w.explanations("family_time_not_happening");
            if (n == 0) {
                CHECK(e.empty());
                continue;
            }
            CHECK(one(e) == (n == 1
                                 ? "1 of 1 family-time record in the period did not happen (1 cancelled)."
                                 : "2 of 2 family-time records in the period did not happen (2 cancelled)."));
        }
    }

    TEST_CASE("count phrases: return interview hours (1, 2) and overdue actions (1, 2)") {
        for (const int n : {1, 2}) {
            CAPTURE(n);
            Small w;
            MissingEpisode e;
            e.meta.id = "m1";
            e.startedAt = Date{2026, 2, 20}.toDays() * 86'400'000;
            e.endedAt = e.startedAt + 5 * kHourMs;
            w.in.missingEpisodes.push_back(e);
            w.in.nowMs = *e.endedAt + 3 * kHourMs;
            InsightSettings s;
            s.missingInterviewHours = n;
            CHECK(one(w.explanations("missing_no_return_interview", s))
                      .find(n == 1 ? "within 1 hour." : "within 2 hours.") != std::string::npos);

            for (int i = 0; i < n; ++i) {
                FollowUpAction a;
                a.meta.id = "a" + std::to_string(i);
                a.description = "Call school";
                a.due = Date{2026, 2, 1};
                w.in.actions.push_back(a);
            }
            CHECK(one(w.explanations("actions_overdue"))
                      .rfind(n == 1 ? "1 follow-up action is overdue" : "2 follow-up actions are overdue",
                             0) == 0);
        }
    }

    TEST_CASE("count phrases: practitioners (2 is the least the rule reports)") {
        Small w;
        w.member("kw1", "Priya Lowe", Track::Practitioner, Role::KeyWorker);
        w.member("kw2", "Owen Lowe", Track::Practitioner, Role::KeyWorker);
        w.contact(Date{2026, 2, 2}, {"kw1"});
        CHECK(w.explanations("practitioner_changes").empty()); // 1 key worker: no change
        w.contact(Date{2026, 2, 3}, {"kw2"});
        CHECK(one(w.explanations("practitioner_changes")) ==
              "2 key workers were active in the period: Owen Lowe and Priya Lowe.");
    }
}
