// What changed between two versions of the young person's safety plan, for the handover summary.
#include <algorithm>

#include "insight_detail.hpp"
#include "throughline/insight/insight.hpp"

namespace throughline::core {

namespace {

std::string quoted(const std::string& s) {
    return "\u201c" + s + "\u201d";
}

void textChange(std::vector<std::string>& out, const char* label, const std::string& was,
                const std::string& now) {
    if (was == now) return;
    if (was.empty())
        out.push_back(std::string(label) + ": added " + quoted(now) + ".");
    else if (now.empty())
        out.push_back(std::string(label) + ": removed (was " + quoted(was) + ").");
    else
        out.push_back(std::string(label) + ": changed from " + quoted(was) + " to " + quoted(now) + ".");
}

void boolChange(std::vector<std::string>& out, bool was, bool now, const char* yes, const char* no) {
    if (was != now) out.push_back(std::string(now ? yes : no) + " (changed since the previous version).");
}

std::string joinNames(const std::vector<std::string>& names) {
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i) out += i + 1 == names.size() ? " and " : ", ";
        out += names[i];
    }
    return out;
}

} // namespace

std::vector<std::string> diffSafetyPlans(const SafetyPlan& previous, const SafetyPlan& current,
                                         const std::vector<NetworkMember>& members) {
    const detail::MemberIndex index(members);
    const auto nameOf = [&](const std::string& id) {
        const NetworkMember* m = index.find(id);
        return m ? m->name : std::string("someone no longer in the network");
    };
    std::vector<std::string> out;
    // People: in the order the current (added) and previous (removed) plans list them.
    std::vector<std::string> added, removed;
    for (const auto& id : current.peopleIds)
        if (std::find(previous.peopleIds.begin(), previous.peopleIds.end(), id) == previous.peopleIds.end())
            added.push_back(nameOf(id));
    for (const auto& id : previous.peopleIds)
        if (std::find(current.peopleIds.begin(), current.peopleIds.end(), id) == current.peopleIds.end())
            removed.push_back(nameOf(id));
    if (!added.empty()) out.push_back("People I can turn to: added " + joinNames(added) + ".");
    if (!removed.empty()) out.push_back("People I can turn to: removed " + joinNames(removed) + ".");
    textChange(out, "Places I feel safe", previous.safePlaces, current.safePlaces);
    textChange(out, "Places I feel unsafe", previous.unsafePlaces, current.unsafePlaces);
    textChange(out, "What helps when things get hard", previous.whatHelps, current.whatHelps);
    textChange(out, "What I have agreed to", previous.youngPersonAgreed, current.youngPersonAgreed);
    textChange(out, "What the adults have agreed to", previous.adultsAgreed, current.adultsAgreed);
    boolChange(out, previous.youngPersonContributed, current.youngPersonContributed,
               "The young person helped write this version",
               "The young person did not help write this version");
    boolChange(out, previous.youngPersonAgrees, current.youngPersonAgrees,
               "The young person agrees with the plan", "The young person does not agree with the plan");
    if (previous.reviewDate != current.reviewDate)
        out.push_back(current.reviewDate
                          ? "Review date: now " + current.reviewDate->display() +
                                (previous.reviewDate ? " (was " + previous.reviewDate->display() + ")." : ".")
                          : std::string("Review date: removed."));
    return out;
}

} // namespace throughline::core
