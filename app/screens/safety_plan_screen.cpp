#include "app/screens/safety_plan_screen.hpp"

#include "app/forms.hpp"

#include "throughline/records/field_values.hpp"

#include "throughline/base/secure_bytes.hpp"

#include <algorithm>

namespace throughline::app {

void SafetyPlanState::load(const std::optional<core::SafetyPlan>& current, const std::string& youngPersonId) {
    wipe();
    if (current) {
        plan = *current;
        currentVersion = current->version;
        reviewText = current->reviewDate ? current->reviewDate->display() : "";
    }
    plan.youngPersonId = youngPersonId;
    plan.meta = {}; // a new version is a new record
    plan.version = 0;
}

DraftFields SafetyPlanState::draftFields() const {
    DraftFields f = core::fieldValues(plan);
    f["_review"] = reviewText;
    return f;
}

void SafetyPlanState::restoreDraft(const DraftFields& f) {
    core::setFieldValues(plan, f);
    reviewText = draftValue(f, "_review");
}

void SafetyPlanState::wipe() {
    for (std::string* s :
         {&plan.safePlaces, &plan.unsafePlaces, &plan.whatHelps, &plan.youngPersonAgreed, &plan.adultsAgreed})
        core::wipeString(*s);
    plan = core::SafetyPlan{};
    currentVersion = 0;
    reviewText.clear();
    error.clear();
}

std::optional<core::SafetyPlan> SafetyPlanState::toRecord(const core::Date& today) {
    error.clear();
    core::SafetyPlan p = plan;
    p.reviewDate.reset();
    if (!reviewText.empty()) {
        auto d = parseUserDate(reviewText, today);
        if (!d) {
            error = {"The review date is not one we understand.", "review_date"};
            return std::nullopt;
        }
        p.reviewDate = d;
    }
    return p;
}

SafetyPlanIntent drawSafetyPlan(SafetyPlanState& s, const SafetyPlanView& v) {
    SafetyPlanIntent intent;
    const std::string subtitle = s.currentVersion > 0 ? "Version " + std::to_string(s.currentVersion) +
                                                            " \xC2\xB7 saving writes version " +
                                                            std::to_string(s.currentVersion + 1)
                                                      : "The first version";
    if (ui::topBar((v.youngPersonName + "'s safety plan").c_str(), true, subtitle.c_str()))
        intent.kind = SafetyPlanIntent::Kind::Back;
    ui::banner("Write it in their words, with them. Earlier versions are kept as they were.",
               ui::Tone::Voice);
    ui::spacer(4);

    ui::beginCard();
    ui::heading("People I can turn to");
    if (!v.members || v.members->empty()) ui::faint("Add people to the network first.");
    ui::beginFlow();
    if (v.members)
        for (const auto& m : *v.members) {
            if (m.workerView == core::View::Harmful || m.arrangement == core::Arrangement::NoContact)
                continue;
            auto& ids = s.plan.peopleIds;
            const bool on = std::find(ids.begin(), ids.end(), m.meta.id) != ids.end();
            const std::string id = "plan.person." + m.meta.id;
            ImVec4 dot = trackColour(m.track);
            if (ui::chip(id.c_str(), m.name.c_str(), on, &dot)) {
                if (on)
                    ids.erase(std::remove(ids.begin(), ids.end(), m.meta.id), ids.end());
                else
                    ids.push_back(m.meta.id);
            }
            ui::tag(id);
        }
    ui::endFlow();
    s.error.under("people");
    ui::endCard();
    ui::spacer(4);

    ui::beginCard();
    ui::multilineField("Places I feel safe", "plan.safe", s.plan.safePlaces, 2, "One place a line");
    s.error.under("safe_places");
    ui::multilineField("Places I feel unsafe", "plan.unsafe", s.plan.unsafePlaces, 2, "One place a line");
    s.error.under("unsafe_places");
    ui::multilineField("What helps when things get hard", "plan.helps", s.plan.whatHelps, 3, "");
    s.error.under("what_helps");
    ui::endCard();
    ui::spacer(4);

    ui::beginCard();
    ui::multilineField("What I have agreed to", "plan.yp-agreed", s.plan.youngPersonAgreed, 2, "");
    s.error.under("young_person_agreed");
    ui::multilineField("What the adults have agreed to", "plan.adults-agreed", s.plan.adultsAgreed, 2, "");
    s.error.under("adults_agreed");
    ui::toggle("plan.contributed", "They helped write it", s.plan.youngPersonContributed);
    ui::toggle("plan.agrees", "They agree with it", s.plan.youngPersonAgrees);
    dateField("Review by", "plan.review", s.reviewText, v.today, true, false);
    s.error.under("review_date");
    ui::endCard();
    ui::spacer(6);

    formBanner(s.error);
    if (ui::primaryButton(s.currentVersion > 0 ? "Save as a new version" : "Save the safety plan"))
        intent.kind = SafetyPlanIntent::Kind::Save;
    ui::tag("plan.save");
    ui::spacer(12);
    return intent;
}

} // namespace throughline::app
