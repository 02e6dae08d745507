// Gaps and silences: a table of rules (data) and one function per rule. Each finding names people and
// dates in plain English and carries the ids of the records behind it.
#include <algorithm>
#include <functional>
#include <map>
#include <tuple>

#include "insight_detail.hpp"
#include "throughline/insight/insight.hpp"

namespace throughline::core {

namespace {

// Keep ids in step with the table below and docs/cli.md.
const std::vector<GapRule> kRules = {
    {"contact_against_arrangement", "Contact against the arrangement",
     "{contacts} recorded with {name}, {why}: {dates}.", Severity::Serious},
    {"missing_no_return_interview", "Missing episode without a timely return interview",
     "{kind} from {started}, back {returned}: {what}.", Severity::Serious},
    {"track_silence", "Silence on a track",
     "No {track} contact has happened for {days} (last: {last}{with}).", Severity::Warning},
    {"track_unused", "Track not used in this placement",
     "No {track} contact has happened since the placement began on {start} ({days}){before}.",
     Severity::Warning},
    {"home_relationship_lost", "Home-area relationship not kept up",
     "{name} ({role}, home area; {views}) has had no contact since the move on {start}{last}.",
     Severity::Warning},
    {"going_home_without_home_community", "Going home without the home community",
     "{person}'s ending plan is a return to the home area and the ending phase began on {from} ({end}), "
     "but {what}.",
     Severity::Warning},
    {"family_time_not_happening", "Family time planned but not happening",
     "{failed} of {total} in the period did not happen ({breakdown}).", Severity::Warning},
    {"family_collaboration_stopped_at_move", "Collaboration with the family stopped at the move",
     "Family relationships were used for collaboration before the move (last: {last}), but not in the "
     "{since} since the move on {start}, while family time goes on: {familyTime}.",
     Severity::Warning},
    {"safety_plan_review_overdue", "Safety plan review overdue",
     "Version {version} of the safety plan was due for review on {due} ({days} ago).", Severity::Warning},
    {"safety_plan_one_track", "A safety plan that leans on one track",
     "Version {version} of the safety plan {what}.", Severity::Warning},
    {"actions_overdue", "Follow-up actions overdue", "{count} overdue: {list}.", Severity::Warning},
    {"consistency_without_collaboration", "Consistency without collaboration",
     "{contacts} happened in the period, but none recorded collaboration: no decision or plan was recorded "
     "as made with {person}.",
     Severity::Info},
    {"practitioner_changes", "Practitioner changes", "{count} were active in the period: {names}.",
     Severity::Info},
};

using Vars = std::map<std::string, std::string, std::less<>>;

std::string fill(std::string_view tmpl, const Vars& vars) {
    std::string out;
    std::size_t i = 0;
    while (i < tmpl.size()) {
        const auto open = tmpl.find('{', i);
        if (open == std::string_view::npos) break;
        const auto close = tmpl.find('}', open);
        if (close == std::string_view::npos) break;
        out.append(tmpl.substr(i, open - i));
        const auto key = tmpl.substr(open + 1, close - open - 1);
        if (auto it = vars.find(key); it != vars.end()) out += it->second;
        i = close + 1;
    }
    out.append(tmpl.substr(std::min(i, tmpl.size())));
    return out;
}

std::string joinList(const std::vector<std::string>& items) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) out += i + 1 == items.size() ? " and " : ", ";
        out += items[i];
    }
    return out;
}

std::string countOf(std::size_t n, std::string_view one, std::string_view many) {
    return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

std::string lowerFirst(std::string_view s) {
    std::string out(s);
    if (!out.empty() && out[0] >= 'A' && out[0] <= 'Z') out[0] = static_cast<char>(out[0] - 'A' + 'a');
    return out;
}

std::string upperFirst(std::string_view s) {
    std::string out(s);
    if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
    return out;
}

std::string trackName(Track t) {
    return lowerFirst(enumDisplay(t));
}

// What every rule sees.
struct Context {
    const InsightInput& in;
    const Period& period;
    const InsightSettings& settings;
    detail::MemberIndex index;
    const Placement* placement;
    Date asOf;
    std::int64_t nowMs;
    std::vector<const ContactRecord*> inPeriod; // not deleted, in the period, by date then id
};

Gap make(const Context&, std::string_view ruleId, const Vars& vars, std::vector<std::string> evidence) {
    const GapRule* rule = findGapRule(ruleId);
    Gap g;
    g.ruleId = std::string(ruleId);
    g.title = std::string(rule->title);
    g.severity = rule->severity;
    g.explanation = fill(rule->explanation, vars);
    std::sort(evidence.begin(), evidence.end());
    evidence.erase(std::unique(evidence.begin(), evidence.end()), evidence.end());
    g.evidenceIds = std::move(evidence);
    return g;
}

std::string namesOf(const ContactRecord& c, const detail::MemberIndex& index) {
    std::vector<std::string> names;
    for (const auto& id : c.participantIds)
        if (const NetworkMember* m = index.find(id)) names.push_back(m->name);
    return joinList(names);
}

// --- The rules -------------------------------------------------------------------------------------------

// A whole track with no contact that happened for N days during the placement, or never in it.
void trackSilence(const Context& cx, std::vector<Gap>& out) {
    if (!cx.placement || cx.asOf < cx.placement->start) return;
    const Date start = cx.placement->start;
    for (const auto& e : enumEntries<Track>()) {
        const unsigned bit = 1u << unsigned(e.value);
        const ContactRecord* last = nullptr;       // last in the placement, up to asOf
        const ContactRecord* lastBefore = nullptr; // last before the move
        for (const auto& c : cx.in.contacts) {
            if (c.meta.deleted || c.status != ContactStatus::Happened || c.date > cx.asOf) continue;
            if (!(detail::trackMask(c, cx.index) & bit)) continue;
            auto& slot = c.date < start ? lastBefore : last;
            if (!slot || std::tie(slot->date, slot->meta.id) < std::tie(c.date, c.meta.id)) slot = &c;
        }
        if (!last) {
            Vars v{{"track", trackName(e.value)},
                   {"start", start.display()},
                   {"days", detail::dayCount(cx.asOf.toDays() - start.toDays())}};
            v["before"] =
                lastBefore ? "; the last was on " + lastBefore->date.display() + ", before the move" : "";
            Gap g = make(cx, "track_unused", v,
                         lastBefore ? std::vector{lastBefore->meta.id} : std::vector<std::string>{});
            g.track = e.value;
            out.push_back(std::move(g));
            continue;
        }
        const auto days = cx.asOf.toDays() - last->date.toDays();
        if (days < cx.settings.trackSilenceDays) continue;
        const std::string names = namesOf(*last, cx.index);
        Gap g = make(cx, "track_silence",
                     {{"track", trackName(e.value)},
                      {"days", detail::dayCount(days)},
                      {"last", last->date.display()},
                      {"with", names.empty() ? "" : " with " + names}},
                     {last->meta.id});
        g.track = e.value;
        out.push_back(std::move(g));
    }
}

bool protectiveOrUncertain(View v) {
    return v == View::Protective || v == View::Uncertain;
}

// A protective or uncertain home-area relationship with no contact since the move (unless "no contact").
void homeRelationshipLost(const Context& cx, std::vector<Gap>& out) {
    if (!cx.placement || cx.asOf < cx.placement->start) return;
    const Date start = cx.placement->start;
    for (const auto& m : cx.in.members) {
        if (m.meta.deleted || m.place != Place::HomeArea || m.arrangement == Arrangement::NoContact) continue;
        if (!protectiveOrUncertain(m.workerView) && !protectiveOrUncertain(m.youngPersonView)) continue;
        // A relationship recorded as over before the move is not one to keep up.
        if (m.activeTo && *m.activeTo < start) continue;
        bool since = false;
        const ContactRecord* lastBefore = nullptr;
        for (const auto& c : cx.in.contacts) {
            if (c.meta.deleted || c.status != ContactStatus::Happened || c.date > cx.asOf) continue;
            if (std::find(c.participantIds.begin(), c.participantIds.end(), m.meta.id) ==
                c.participantIds.end())
                continue;
            if (c.date >= start) {
                since = true;
                break;
            }
            if (!lastBefore || std::tie(lastBefore->date, lastBefore->meta.id) < std::tie(c.date, c.meta.id))
                lastBefore = &c;
        }
        if (since) continue;
        std::vector<std::string> views;
        if (m.workerView != View::NotKnown)
            views.push_back("worker: " + lowerFirst(enumDisplay(m.workerView)));
        if (m.youngPersonView != View::NotKnown)
            views.push_back("young person: " + lowerFirst(enumDisplay(m.youngPersonView)));
        std::vector<std::string> evidence{m.meta.id};
        if (lastBefore) evidence.push_back(lastBefore->meta.id);
        Gap g = make(cx, "home_relationship_lost",
                     {{"name", m.name},
                      {"role", lowerFirst(enumDisplay(m.role))},
                      {"views", joinList(views)},
                      {"start", start.display()},
                      {"last", lastBefore ? "; the last contact was on " + lastBefore->date.display()
                                          : "; no contact with them has been recorded"}},
                     evidence);
        g.track = m.track;
        g.memberId = m.meta.id;
        out.push_back(std::move(g));
    }
}

// Contact that happened with someone whose arrangement is "no contact" or "restricted", or whom the worker
// views as harmful.
void contactAgainstArrangement(const Context& cx, std::vector<Gap>& out) {
    std::map<const NetworkMember*, std::vector<const ContactRecord*>> hits;
    for (const ContactRecord* c : cx.inPeriod) {
        if (c->status != ContactStatus::Happened) continue;
        for (const auto& id : c->participantIds) {
            const NetworkMember* m = cx.index.find(id);
            if (!m) continue;
            if (m->arrangement == Arrangement::NoContact || m->arrangement == Arrangement::Restricted ||
                m->workerView == View::Harmful)
                hits[m].push_back(c);
        }
    }
    for (const auto& [m, contacts] : hits) {
        std::vector<std::string> reasons;
        if (m->arrangement == Arrangement::NoContact) reasons.push_back("whose arrangement is no contact");
        if (m->arrangement == Arrangement::Restricted) reasons.push_back("whose contact is restricted");
        if (m->workerView == View::Harmful) reasons.push_back("whom the worker views as harmful");
        // The most recent dates are named; a long history is summarised so the sentence stays readable.
        constexpr std::size_t kNamedDates = 8;
        std::vector<std::string> dates, ids;
        for (const ContactRecord* c : contacts)
            ids.push_back(c->meta.id);
        const std::size_t skip = contacts.size() > kNamedDates ? contacts.size() - kNamedDates : 0;
        if (skip) dates.push_back(std::to_string(skip) + " earlier");
        for (std::size_t i = skip; i < contacts.size(); ++i)
            dates.push_back(contacts[i]->date.display());
        Gap g = make(cx, "contact_against_arrangement",
                     {{"contacts", countOf(contacts.size(), "contact", "contacts")},
                      {"name", m->name},
                      {"why", joinList(reasons)},
                      {"dates", joinList(dates)}},
                     ids);
        g.track = m->track;
        g.memberId = m->meta.id;
        out.push_back(std::move(g));
    }
}

// More than the set share (default a third) of family-time records in the period did not happen.
void familyTimeNotHappening(const Context& cx, std::vector<Gap>& out) {
    int total = 0, cancelled = 0, declined = 0, dna = 0;
    std::vector<std::string> ids;
    for (const ContactRecord* c : cx.inPeriod) {
        if (c->kind != ContactKind::FamilyTime) continue;
        ++total;
        switch (c->status) {
        case ContactStatus::Happened:
            continue;
        case ContactStatus::Cancelled:
            ++cancelled;
            break;
        case ContactStatus::Declined:
            ++declined;
            break;
        case ContactStatus::DidNotAttend:
            ++dna;
            break;
        }
        ids.push_back(c->meta.id);
    }
    const int failed = cancelled + declined + dna;
    const auto num = static_cast<long long>(cx.settings.familyTimeFailureNumerator);
    const auto den = static_cast<long long>(std::max(1, cx.settings.familyTimeFailureDenominator));
    if (total == 0 || failed * den <= total * num) return;
    std::vector<std::string> parts;
    if (cancelled) parts.push_back(std::to_string(cancelled) + " cancelled");
    if (declined) parts.push_back(std::to_string(declined) + " declined by the young person");
    if (dna) parts.push_back(std::to_string(dna) + " not attended");
    Gap g = make(
        cx, "family_time_not_happening",
        {{"failed", std::to_string(failed)},
         {"total", countOf(static_cast<std::size_t>(total), "family-time record", "family-time records")},
         {"breakdown", joinList(parts)}},
        ids);
    g.track = Track::Family;
    out.push_back(std::move(g));
}

// Contacts happened in the period but none recorded a collaboration use.
void consistencyWithoutCollaboration(const Context& cx, std::vector<Gap>& out) {
    std::vector<const ContactRecord*> happened;
    for (const ContactRecord* c : cx.inPeriod) {
        if (c->status != ContactStatus::Happened) continue;
        if (hasFlag(c->uses, Use::Collaboration)) return;
        happened.push_back(c);
    }
    if (happened.empty()) return;
    // The most recent ones are the evidence worth opening.
    std::vector<std::string> ids;
    for (auto it = happened.rbegin(); it != happened.rend() && int(ids.size()) < cx.settings.evidenceLimit;
         ++it)
        ids.push_back((*it)->meta.id);
    out.push_back(
        make(cx, "consistency_without_collaboration",
             {{"contacts", countOf(happened.size(), "contact", "contacts")},
              {"person", cx.in.person.shownName().empty() ? "the young person" : cx.in.person.shownName()}},
             ids));
}

constexpr std::int64_t kDayMs = 86'400'000;

Date utcDate(std::int64_t ms) {
    return Date::fromDays(ms >= 0 ? ms / kDayMs : (ms - kDayMs + 1) / kDayMs);
}

std::string instantText(std::int64_t ms) {
    const Date d = utcDate(ms);
    const auto minutes = (ms - d.toDays() * kDayMs) / 60'000;
    return d.display() + " " + TimeOfDay{static_cast<int>(minutes)}.hhmm();
}

// A return with no return interview offered within N hours (default 72). At exactly N hours the window is
// still open; a moment later it has closed. An interview dated after the day the window closes was offered
// too late.
void missingNoReturnInterview(const Context& cx, std::vector<Gap>& out) {
    const std::int64_t window = static_cast<std::int64_t>(cx.settings.missingInterviewHours) * 3'600'000;
    for (const auto& e : cx.in.missingEpisodes) {
        if (e.meta.deleted || !e.endedAt) continue;
        if (!cx.period.contains(utcDate(*e.endedAt))) continue;
        const std::int64_t deadline = *e.endedAt + window;
        std::string what;
        if (!e.interviewOffered) {
            if (cx.nowMs <= deadline) continue; // still time
            what = "no return interview was offered within " +
                   countOf(static_cast<std::size_t>(cx.settings.missingInterviewHours), "hour", "hours");
        } else if (e.interviewDate && *e.interviewDate > utcDate(deadline)) {
            what = "the return interview (" + e.interviewDate->display() + ") was more than " +
                   countOf(static_cast<std::size_t>(cx.settings.missingInterviewHours), "hour", "hours") +
                   " after the return";
        } else {
            continue;
        }
        out.push_back(make(cx, "missing_no_return_interview",
                           {{"kind", std::string(enumDisplay(e.kind))},
                            {"started", instantText(e.startedAt)},
                            {"returned", instantText(*e.endedAt)},
                            {"what", what}},
                           {e.meta.id}));
    }
}

void safetyPlanReviewOverdue(const Context& cx, std::vector<Gap>& out) {
    const auto& plan = cx.in.safetyPlan;
    if (!plan || plan->meta.deleted || !plan->reviewDate || !(*plan->reviewDate < cx.in.today)) return;
    out.push_back(make(cx, "safety_plan_review_overdue",
                       {{"version", std::to_string(plan->version)},
                        {"due", plan->reviewDate->display()},
                        {"days", detail::dayCount(cx.in.today.toDays() - plan->reviewDate->toDays())}},
                       {plan->meta.id}));
}

void actionsOverdue(const Context& cx, std::vector<Gap>& out) {
    std::vector<const FollowUpAction*> overdue;
    for (const auto& a : cx.in.actions)
        if (!a.meta.deleted && !a.done && a.due && *a.due < cx.in.today) overdue.push_back(&a);
    if (overdue.empty()) return;
    std::sort(overdue.begin(), overdue.end(), [](const FollowUpAction* a, const FollowUpAction* b) {
        return std::tie(*a->due, a->meta.id) < std::tie(*b->due, b->meta.id);
    });
    std::vector<std::string> items, ids;
    for (const FollowUpAction* a : overdue) {
        ids.push_back(a->meta.id);
        if (int(items.size()) < 5)
            items.push_back("\u201c" + a->description + "\u201d (" + a->owner + ", due " + a->due->display() +
                            ")");
    }
    if (overdue.size() > items.size())
        items.push_back(countOf(overdue.size() - items.size(), "more", "more"));
    out.push_back(make(cx, "actions_overdue",
                       {{"count", countOf(overdue.size(), "follow-up action is", "follow-up actions are")},
                        {"list", joinList(items)}},
                       ids));
}

// More than one key worker or social worker active in the period: by their active dates when recorded,
// else by a contact that happened in the period.
void practitionerChanges(const Context& cx, std::vector<Gap>& out) {
    std::map<const NetworkMember*, bool> contacted;
    for (const ContactRecord* c : cx.inPeriod)
        if (c->status == ContactStatus::Happened)
            for (const auto& id : c->participantIds)
                if (const NetworkMember* m = cx.index.find(id)) contacted[m] = true;
    for (const Role role : {Role::KeyWorker, Role::SocialWorker}) {
        std::vector<const NetworkMember*> active;
        for (const auto& m : cx.in.members) {
            if (m.meta.deleted || m.role != role) continue;
            const bool dated = m.activeFrom || m.activeTo;
            const bool on = dated ? (!m.activeFrom || *m.activeFrom <= cx.period.to) &&
                                        (!m.activeTo || *m.activeTo >= cx.period.from)
                                  : contacted.count(&m) > 0;
            if (on) active.push_back(&m);
        }
        if (active.size() < 2) continue;
        std::sort(active.begin(), active.end(), [](const NetworkMember* a, const NetworkMember* b) {
            return std::tie(a->name, a->meta.id) < std::tie(b->name, b->meta.id);
        });
        std::vector<std::string> names, ids;
        for (const NetworkMember* m : active) {
            names.push_back(m->name);
            ids.push_back(m->meta.id);
        }
        const std::string roleName = lowerFirst(enumDisplay(role));
        Gap g = make(
            cx, "practitioner_changes",
            {{"count", countOf(active.size(), roleName, roleName + "s")}, {"names", joinList(names)}}, ids);
        g.track = Track::Practitioner;
        out.push_back(std::move(g));
    }
}

// --- The three silences of issue 14 ----------------------------------------------------------------------

std::string personName(const Context& cx) {
    const std::string& n = cx.in.person.shownName();
    return n.empty() ? std::string("the young person") : n;
}

// Someone whose company is not a safe home community: contact is stopped, or the worker sees them as harmful.
bool safeCompany(const NetworkMember& m) {
    return m.arrangement != Arrangement::NoContact && m.workerView != View::Harmful;
}

bool homeCommunity(const NetworkMember& m) {
    return m.track == Track::PeerCommunity && m.place == Place::HomeArea && safeCompany(m);
}

// "Sat 6 Jun 2026 with Jody Marsh": a contact's date and the people of one kind in it.
std::string dateWith(const ContactRecord& c, const detail::MemberIndex& index,
                     const std::function<bool(const NetworkMember&)>& which) {
    std::vector<std::string> names;
    for (const auto& id : c.participantIds)
        if (const NetworkMember* m = index.find(id); m && which(*m)) names.push_back(m->name);
    return c.date.display() + (names.empty() ? std::string() : " with " + joinList(names));
}

// The most recent dates named, a long history summarised (as contactAgainstArrangement does).
std::vector<std::string> namedDates(const std::vector<const ContactRecord*>& contacts,
                                    const std::function<std::string(const ContactRecord&)>& text) {
    constexpr std::size_t kNamed = 8;
    std::vector<std::string> out;
    const std::size_t skip = contacts.size() > kNamed ? contacts.size() - kNamed : 0;
    if (skip) out.push_back(std::to_string(skip) + " earlier");
    for (std::size_t i = skip; i < contacts.size(); ++i)
        out.push_back(text(*contacts[i]));
    return out;
}

// "6 weeks", "1 week and 1 day", "5 days".
std::string weeksText(std::int64_t days) {
    const auto weeks = days / 7, rest = days % 7;
    if (weeks == 0) return detail::dayCount(rest);
    std::string out = countOf(static_cast<std::size_t>(weeks), "week", "weeks");
    if (rest) out += " and " + detail::dayCount(rest);
    return out;
}

// The ending plan is a return to the home area and the ending phase has begun (its first day is on or
// before asOf), but no contact that happened since then involved a home-area peer or community member, or
// none of those contacts was used for safety. People whose contact is stopped or whom the worker sees as
// harmful do not count as the home community.
void goingHomeWithoutHomeCommunity(const Context& cx, std::vector<Gap>& out) {
    const Placement* p = cx.placement;
    if (!p || p->endingPlan != EndingPlan::ReturnHome) return;
    const auto from = endingFrom(*p, cx.settings);
    if (!from || cx.asOf < *from) return;

    std::vector<const ContactRecord*> withHome;
    for (const auto& c : cx.in.contacts) {
        if (c.meta.deleted || c.status != ContactStatus::Happened || c.date < *from || c.date > cx.asOf)
            continue;
        for (const auto& id : c.participantIds)
            if (const NetworkMember* m = cx.index.find(id); m && homeCommunity(*m)) {
                withHome.push_back(&c);
                break;
            }
    }
    std::sort(withHome.begin(), withHome.end(), [](const ContactRecord* a, const ContactRecord* b) {
        return std::tie(a->date, a->meta.id) < std::tie(b->date, b->meta.id);
    });
    for (const ContactRecord* c : withHome)
        if (hasFlag(c->uses, Use::Safety)) return;

    std::vector<std::string> evidence{p->meta.id};
    std::string what;
    if (withHome.empty()) {
        // Name who could be there for them: the home-area peers and community in the network.
        std::vector<const NetworkMember*> known;
        for (const auto& m : cx.in.members)
            if (!m.meta.deleted && homeCommunity(m) && !(m.activeTo && *m.activeTo < *from))
                known.push_back(&m);
        std::sort(known.begin(), known.end(), [](const NetworkMember* a, const NetworkMember* b) {
            return std::tie(a->name, a->meta.id) < std::tie(b->name, b->meta.id);
        });
        std::vector<std::string> names;
        for (const NetworkMember* m : known) {
            names.push_back(m->name);
            evidence.push_back(m->meta.id);
        }
        what = "no contact since then has involved a home-area peer or community member (" +
               (names.empty() ? std::string("none is recorded in the network")
                              : joinList(names) + (names.size() == 1 ? " is" : " are") + " in the network") +
               ")";
    } else {
        // The most recent ones are the evidence worth opening.
        for (auto it = withHome.rbegin();
             it != withHome.rend() && int(evidence.size()) <= cx.settings.evidenceLimit; ++it)
            evidence.push_back((*it)->meta.id);
        const std::string dates = joinList(namedDates(
            withHome, [&](const ContactRecord& c) { return dateWith(c, cx.index, homeCommunity); }));
        what = withHome.size() == 1
                   ? "the one contact since then with a home-area peer or community member (" + dates +
                         ") was not recorded as used for safety"
                   : "none of the " + countOf(withHome.size(), "contact", "contacts") +
                         " since then with home-area peers or community members (" + dates +
                         ") was recorded as used for safety";
    }
    const std::string end = p->actualEnd ? "the placement ended on " + p->actualEnd->display()
                                         : "the placement is planned to end on " + p->plannedEnd->display();
    Gap g = make(
        cx, "going_home_without_home_community",
        {{"person", upperFirst(personName(cx))}, {"from", from->display()}, {"end", end}, {"what", what}},
        std::move(evidence));
    g.track = Track::PeerCommunity;
    out.push_back(std::move(g));
}

// The current safety plan's people to turn to all belong to one track (one person or more), or, when the
// ending plan is a return to the home area, none of them is from the home area (including a plan that
// names no one).
void safetyPlanOneTrack(const Context& cx, std::vector<Gap>& out) {
    const auto& plan = cx.in.safetyPlan;
    if (!plan || plan->meta.deleted) return;
    std::vector<const NetworkMember*> people;
    for (const auto& id : plan->peopleIds)
        if (const NetworkMember* m = cx.index.find(id);
            m && std::find(people.begin(), people.end(), m) == people.end())
            people.push_back(m);
    std::sort(people.begin(), people.end(), [](const NetworkMember* a, const NetworkMember* b) {
        return std::tie(a->name, a->meta.id) < std::tie(b->name, b->meta.id);
    });
    std::optional<Track> oneTrack;
    if (!people.empty()) {
        oneTrack = people.front()->track;
        for (const NetworkMember* m : people)
            if (m->track != *oneTrack) oneTrack.reset();
    }
    const Placement* p = cx.placement;
    const bool returning = p && p->endingPlan == EndingPlan::ReturnHome;
    const bool noneFromHome =
        returning && std::none_of(people.begin(), people.end(),
                                  [](const NetworkMember* m) { return m->place == Place::HomeArea; });
    if (!oneTrack && !noneFromHome) return;

    const std::string person = personName(cx);
    std::vector<std::string> names, evidence{plan->meta.id};
    for (const NetworkMember* m : people) {
        names.push_back(m->name + " (" + lowerFirst(enumDisplay(m->role)) + ")");
        evidence.push_back(m->meta.id);
    }
    const std::string who = people.size() == 1
                                ? "the only person " + person + " can turn to is " + names[0]
                                : "the people " + person + " can turn to are " + joinList(names);
    std::string home;
    if (noneFromHome) {
        evidence.push_back(p->meta.id);
        const std::optional<Date>& end = p->actualEnd ? p->actualEnd : p->plannedEnd;
        home = "no one from the home area, where " + person + " is to return when the placement ends" +
               (end ? " (" + end->display() + ")" : std::string());
    }
    std::string what;
    if (oneTrack)
        what = "leans on the " + trackName(*oneTrack) + " track alone: " + who +
               (noneFromHome ? ", with " + home : "");
    else if (people.empty())
        what = "names no one for " + person + " to turn to, so " + home;
    else
        what = "names " + home + ": " + who;
    Gap g = make(cx, "safety_plan_one_track", {{"version", std::to_string(plan->version)}, {"what", what}},
                 std::move(evidence));
    g.track = oneTrack;
    out.push_back(std::move(g));
}

// Family contacts were used for collaboration before the move, none has been since the move began, at
// least N weeks ago (default 6; exactly N weeks is a gap), while family time goes on: family-time records
// dated since the move, whether they happened or were planned and did not happen.
void familyCollaborationStoppedAtMove(const Context& cx, std::vector<Gap>& out) {
    const Placement* p = cx.placement;
    if (!p || cx.asOf < p->start) return;
    const Date start = p->start;
    const auto since = cx.asOf.toDays() - start.toDays();
    if (since < std::int64_t(cx.settings.familyCollaborationSilenceWeeks) * 7) return;
    const unsigned family = 1u << unsigned(Track::Family);
    const ContactRecord* lastBefore = nullptr;
    std::vector<const ContactRecord*> familyTime;
    for (const auto& c : cx.in.contacts) {
        if (c.meta.deleted || c.date > cx.asOf) continue;
        if (c.date >= start && c.kind == ContactKind::FamilyTime) familyTime.push_back(&c);
        if (c.status != ContactStatus::Happened || !hasFlag(c.uses, Use::Collaboration) ||
            !(detail::trackMask(c, cx.index) & family))
            continue;
        if (c.date >= start) return; // collaboration with the family goes on
        if (!lastBefore || std::tie(lastBefore->date, lastBefore->meta.id) < std::tie(c.date, c.meta.id))
            lastBefore = &c;
    }
    if (!lastBefore || familyTime.empty()) return;
    std::sort(familyTime.begin(), familyTime.end(), [](const ContactRecord* a, const ContactRecord* b) {
        return std::tie(a->date, a->meta.id) < std::tie(b->date, b->meta.id);
    });
    const auto isFamily = [](const NetworkMember& m) { return m.track == Track::Family; };
    std::vector<std::string> evidence{lastBefore->meta.id};
    for (auto it = familyTime.rbegin();
         it != familyTime.rend() && int(evidence.size()) <= cx.settings.evidenceLimit; ++it)
        evidence.push_back((*it)->meta.id);
    int happened = 0;
    for (const ContactRecord* c : familyTime)
        if (c->status == ContactStatus::Happened) ++happened;
    const std::size_t notHappened = familyTime.size() - std::size_t(happened);
    std::vector<std::string> parts;
    if (happened) parts.push_back(std::to_string(happened) + " happened");
    if (notHappened) parts.push_back(std::to_string(notHappened) + " planned but did not happen");
    const ContactRecord& latest = *familyTime.back();
    const std::string familyTimeText =
        countOf(familyTime.size(), "family-time record", "family-time records") + " since the move (" +
        joinList(parts) + "), " + (familyTime.size() == 1 ? "on " : "the latest on ") +
        dateWith(latest, cx.index, isFamily);
    Gap g = make(cx, "family_collaboration_stopped_at_move",
                 {{"last", dateWith(*lastBefore, cx.index, isFamily)},
                  {"since", weeksText(since)},
                  {"start", start.display()},
                  {"familyTime", familyTimeText}},
                 std::move(evidence));
    g.track = Track::Family;
    out.push_back(std::move(g));
}

using RuleFn = void (*)(const Context&, std::vector<Gap>&);
const std::map<std::string_view, RuleFn> kRuleFns = {
    {"contact_against_arrangement", contactAgainstArrangement},
    {"missing_no_return_interview", missingNoReturnInterview},
    {"track_silence", trackSilence}, // also finds track_unused: one pass over a track
    {"home_relationship_lost", homeRelationshipLost},
    {"going_home_without_home_community", goingHomeWithoutHomeCommunity},
    {"family_time_not_happening", familyTimeNotHappening},
    {"family_collaboration_stopped_at_move", familyCollaborationStoppedAtMove},
    {"safety_plan_review_overdue", safetyPlanReviewOverdue},
    {"safety_plan_one_track", safetyPlanOneTrack},
    {"actions_overdue", actionsOverdue},
    {"consistency_without_collaboration", consistencyWithoutCollaboration},
    {"practitioner_changes", practitionerChanges},
};

} // namespace

const std::vector<GapRule>& gapRules() {
    return kRules;
}

const GapRule* findGapRule(std::string_view id) {
    for (const auto& r : kRules)
        if (r.id == id) return &r;
    return nullptr;
}

std::vector<Gap> findGaps(const InsightInput& input, const Period& period, const InsightSettings& settings) {
    Context cx{input,
               period,
               settings,
               detail::MemberIndex(input.members),
               focusPlacement(input),
               detail::asOfDate(input, period),
               input.nowMs ? input.nowMs : (input.today.toDays() + 1) * kDayMs - 1,
               {}};
    for (const auto& c : input.contacts)
        if (!c.meta.deleted && period.contains(c.date)) cx.inPeriod.push_back(&c);
    std::sort(cx.inPeriod.begin(), cx.inPeriod.end(), [](const ContactRecord* a, const ContactRecord* b) {
        return std::tie(a->date, a->meta.id) < std::tie(b->date, b->meta.id);
    });

    std::vector<Gap> gaps;
    for (const auto& rule : kRules)
        if (auto it = kRuleFns.find(rule.id); it != kRuleFns.end()) it->second(cx, gaps);

    std::map<std::string_view, std::size_t> order;
    for (std::size_t i = 0; i < kRules.size(); ++i)
        order[kRules[i].id] = i;
    const auto key = [&](const Gap& g) {
        const int track = g.track ? int(*g.track) : -1;
        const NetworkMember* m = g.memberId.empty() ? nullptr : cx.index.find(g.memberId);
        const std::string& first = g.evidenceIds.empty() ? g.memberId : g.evidenceIds.front();
        // Gaps about people are read in name order.
        return std::make_tuple(-int(g.severity), order[g.ruleId], track, m ? m->name : std::string(),
                               g.explanation, g.memberId, first);
    };
    std::stable_sort(gaps.begin(), gaps.end(), [&](const Gap& a, const Gap& b) { return key(a) < key(b); });
    return gaps;
}

} // namespace throughline::core
