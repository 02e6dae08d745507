// Number agreement in the summary (issue 14: "1 days before the end of the period"): every count phrase of
// the summary's wording, with 0, 1 and 2, in Markdown and HTML. Specific phrases are checked word for word,
// and every rendering is also scanned for a count whose noun has the wrong number ("1 contacts", "2 day").
// All data is invented.
#include "scenario.hpp"

#include <doctest/doctest.h>

#include <regex>

using namespace throughline::core;

namespace {

// The nouns the summary counts, singular and plural.
const std::vector<std::pair<std::string, std::string>> kNouns = {
    {"day", "days"},
    {"week", "weeks"},
    {"hour", "hours"},
    {"contact", "contacts"},
    {"entry", "entries"},
    {"missing episode", "missing episodes"},
    {"concern", "concerns"},
    {"open action", "open actions"},
    {"follow-up action", "follow-up actions"},
    {"record", "records"},
    {"family-time record", "family-time records"},
    {"relationship", "relationships"},
    {"network member", "network members"},
    {"person", "people"},
    {"gap or silence", "gaps and silences"},
    {"other was", "others were"},
};

// Every count in `text` whose noun disagrees with it.
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

std::string rendered(const HandoverSummary& s, HandoverFormat f) {
    auto r = redact(s, RedactionOptions{});
    REQUIRE(r.ok());
    auto bytes = renderHandover(r.value(), f);
    REQUIRE(bytes.ok());
    return bytes.value();
}

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// The fixed scenario's summary with `n` of every counted thing.
HandoverSummary withCounts(int n) {
    auto s = buildHandoverSummary(tlhandover::fixedScenario());
    s.contactsInPeriod = n;
    s.contactsNotHappened = n;
    s.voice.assign(n, VoiceEntry{Date{2026, 1, 3}, "Key-worker visit", "Fine.", {}});
    s.missing.assign(n, MissingEntry{});
    s.concerns.assign(n, ConcernEntry{Date{2026, 1, 3}, "Key-worker visit", {}, "A worry.", {}});
    s.openActions.assign(n, ActionEntry{"Book the dentist", "Rhys Calloway", std::nullopt, false});
    s.overdueActions = 0;
    s.insightAvailable = true;
    s.gaps.assign(n, GapEntry{"track_silence", "warning", "Silence on a track", "Quiet.", {}});
    if (n > 0) s.period.to = s.period.from.addDays(n - 1); // n days, both ends included
    s.placement.daysInPlacement = n;
    s.ending.daysToPlannedEnd = n;
    SourceFacts mine, dana;
    mine.name = "Rhys Calloway";
    mine.counts.contacts = mine.counts.networkMembers = mine.counts.missingEpisodes =
        mine.counts.openActions = n;
    dana.kind = SourceKind::Contact;
    dana.name = "Dana Okafor";
    dana.device = "d4a7c0e19f3b2a58";
    dana.verified = false;
    dana.counts.contacts = n;
    s.sources = {mine, dana};
    return s;
}

// The fixed scenario with one family member at home and `n` contacts with them that happened, `n` that
// were cancelled, and `n` home-area relationships the worker sees as harmful.
HandoverInput familyWithCounts(int n) {
    auto in = tlhandover::fixedScenario();
    std::erase_if(in.contacts, [](const ContactRecord&) { return true; });
    in.members.resize(1);
    auto& mum = in.members[0];
    mum.meta.id = "count-mum";
    mum.name = "Mo Brennick";
    mum.track = Track::Family;
    mum.place = Place::HomeArea;
    mum.role = Role::Parent;
    mum.workerView = View::Protective;
    for (int i = 0; i < n; ++i) {
        NetworkMember h = mum;
        h.meta.id = "count-harm-" + std::to_string(i);
        h.name = "Harm Person " + std::to_string(i + 1);
        h.role = Role::WiderFamily;
        h.workerView = View::Harmful;
        in.members.push_back(h);
    }
    int next = 0;
    for (ContactStatus st : {ContactStatus::Happened, ContactStatus::Cancelled})
        for (int i = 0; i < n; ++i) {
            ContactRecord c;
            c.meta.id = "count-c" + std::to_string(++next);
            c.youngPersonId = in.person.meta.id;
            c.date = Date{2026, 1, 2}.addDays(i);
            c.kind = ContactKind::FamilyTime;
            c.status = st;
            c.place = Place::HomeArea;
            c.participantIds = {"count-mum"};
            in.contacts.push_back(c);
        }
    return in;
}

} // namespace

TEST_CASE("every count phrase in the summary agrees with its number: 0, 1 and 2") {
    for (const int n : {0, 1, 2}) {
        CAPTURE(n);
        const auto s = withCounts(n);
        const auto md = rendered(s, HandoverFormat::Markdown);
        const auto html = rendered(s, HandoverFormat::Html);
        for (const auto* text : {&md, &html}) {
            const auto wrong = disagreements(*text);
            CHECK_MESSAGE(wrong.empty(), "count phrases that disagree: ", wrong.empty() ? "" : wrong.front());
        }
        const char* contacts =
            n == 1 ? " contact happened in the period; " : " contacts happened in the period; ";
        CHECK(has(md, std::to_string(n) + contacts + std::to_string(n) +
                          " cancelled, declined or not attended."));
        CHECK(has(md, n == 1 ? "1 entry in the young person's own words."
                             : std::to_string(n) + " entries in the young person's own words."));
        CHECK(has(md, n == 1 ? "1 missing episode; 1 concern recorded on contacts."
                             : std::to_string(n) + " missing episodes; " + std::to_string(n) +
                                   " concerns recorded on contacts."));
        CHECK(has(md, n == 1 ? "1 open action, none overdue."
                             : std::to_string(n) + " open actions, none overdue."));
        if (n > 0) {
            CHECK(has(md, n == 1 ? "1 gap or silence: Silence on a track."
                                 : "2 gaps and silences: Silence on a track (2)."));
            CHECK(has(md, n == 1 ? "(1 day)" : "(2 days)")); // the period
            CHECK(has(md, n == 1 ? "(1 day after this summary)" : "(2 days after this summary)"));
        }
        CHECK(has(md, n == 1 ? "(1 day)" : "(" + std::to_string(n) + " days)")); // days in placement
        if (n > 0)
            CHECK(has(
                md, n == 1
                        ? "4 records: 1 contact, 1 network member, 1 missing episode and 1 open action"
                        : "8 records: 2 contacts, 2 network members, 2 missing episodes and 2 open actions"));
        CHECK(has(md, std::to_string(n) + " of the " + std::to_string(5 * n) +
                          " records came from other vaults"));
        if (n > 0) CHECK(has(md, n == 1 ? "1 comes from a source" : "2 come from a source"));
    }
}

TEST_CASE("the track facts and the ending agree with their number: 0, 1 and 2") {
    for (const int n : {0, 1, 2}) {
        CAPTURE(n);
        const auto s = buildHandoverSummary(familyWithCounts(n));
        const auto md = rendered(s, HandoverFormat::Markdown);
        const auto wrong = disagreements(md);
        CHECK_MESSAGE(wrong.empty(), "count phrases that disagree: ", wrong.empty() ? "" : wrong.front());
        if (n == 0) {
            CHECK(has(md, "No contact on this track happened in the period."));
        } else {
            CHECK(has(
                md, n == 1
                        ? "1 contact happened in the period; 1 other was cancelled, declined or not attended."
                        : "2 contacts happened in the period; 2 others were cancelled, declined or not "
                          "attended."));
            CHECK(has(md, n == 1 ? "1 relationship in the home area the worker sees as harmful"
                                 : "2 relationships in the home area the worker sees as harmful"));
        }
        CHECK(has(md, "Who and how often: Mo Brennick (" + std::to_string(n) + ")") == (n > 0));
    }
}
