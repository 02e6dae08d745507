// Handover summary: the model, redaction, the four renderers (golden files), the PDF read back with
// pdftotext, the network map geometry, and the audited export from a vault. All data is invented.
// THROUGHLINE_UPDATE_GOLDEN=1 rewrites the golden files instead of comparing (then look at the diff).
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include "scenario.hpp"
#include "throughline/testing/files.hpp"
#include "throughline/testing/sync_fixture.hpp"
#include "throughline/testing/test_vault.hpp"

#include "throughline/db/audit.hpp"
#include "throughline/handover/export.hpp"
#include "throughline/insight/network_map.hpp"
#include "throughline/records/redaction.hpp"
#include "throughline/sync/exchange.hpp"
#include "throughline/contacts/contacts.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace throughline::core;
namespace fs = std::filesystem;

namespace {

RedactedSummary redacted(bool include, HandoverInput in = tlhandover::fixedScenario()) {
    RedactionOptions o;
    if (include) {
        o.includeLocation = true;
        o.recipient = "Dana Okafor";
    }
    auto r = redact(buildHandoverSummary(in), o);
    REQUIRE(r.ok());
    return std::move(r).value();
}

std::string render(const RedactedSummary& r, HandoverFormat f) {
    auto bytes = renderHandover(r, f);
    REQUIRE(bytes.ok());
    return std::move(bytes).value();
}

// The text of a PDF as poppler reads it.
std::string pdfText(const std::string& pdf) {
    tltest::TempDir dir;
    const auto file = dir / "s.pdf";
    tltest::writeFile(file, pdf);
    const std::string cmd = std::string(THROUGHLINE_PDFTOTEXT) + " -q '" + file.string() + "' - 2>/dev/null";
    return tltest::commandOutput(cmd);
}

bool updatingGoldens() {
    const char* e = std::getenv("THROUGHLINE_UPDATE_GOLDEN");
    return e && *e && std::string(e) != "0";
}

std::size_t count(const std::string& hay, const std::string& needle) {
    std::size_t n = 0;
    for (auto pos = hay.find(needle); pos != std::string::npos; pos = hay.find(needle, pos + 1))
        ++n;
    return n;
}

// Text with every run of white space (line breaks from pdftotext included) made one space.
std::string squash(const std::string& text) {
    std::string out;
    bool space = false;
    for (char ch : text) {
        if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\f' || ch == '\r') {
            space = true;
            continue;
        }
        if (space && !out.empty()) out += ' ';
        space = false;
        out += ch;
    }
    return out;
}

// Every format of one summary as text to search: PDF read back with pdftotext, all white space squashed.
std::vector<std::pair<std::string, std::string>> everyFormat(const RedactedSummary& r) {
    std::vector<std::pair<std::string, std::string>> out;
    for (auto f :
         {HandoverFormat::Pdf, HandoverFormat::Html, HandoverFormat::Markdown, HandoverFormat::Json}) {
        const auto bytes = render(r, f);
        std::string text = f == HandoverFormat::Pdf ? pdfText(bytes) : bytes;
        if (f == HandoverFormat::Html) // read the HTML as a browser shows it
            for (const auto& [entity, ch] : {std::pair<std::string, std::string>{"&#39;", "'"},
                                             {"&quot;", "\""},
                                             {"&lt;", "<"},
                                             {"&gt;", ">"},
                                             {"&amp;", "&"}})
                for (auto pos = text.find(entity); pos != std::string::npos; pos = text.find(entity, pos))
                    text.replace(pos, entity.size(), ch);
        out.emplace_back(std::string(handoverFormatKey(f)), squash(text));
    }
    return out;
}

const char* const confidential[] = {tlhandover::scenarioAddress, tlhandover::scenarioStreet,
                                    tlhandover::scenarioPostcode, tlhandover::scenarioHomeName,
                                    tlhandover::scenarioProvider};

} // namespace

TEST_CASE("the period: requested, since the last handover, the whole placement, or the last four weeks") {
    auto in = tlhandover::fixedScenario();
    auto p = choosePeriod(in);
    CHECK(p.basis == PeriodBasis::WholePlacement);
    CHECK(p.from == Date{2025, 6, 2});
    CHECK(p.to == Date{2026, 1, 15});
    in.lastHandoverExport = Date{2025, 12, 1};
    p = choosePeriod(in);
    CHECK(p.basis == PeriodBasis::SinceLastHandover);
    CHECK(p.from == Date{2025, 12, 1});
    in.from = Date{2025, 9, 1};
    in.to = Date{2025, 9, 30};
    p = choosePeriod(in);
    CHECK(p.basis == PeriodBasis::Requested);
    CHECK(p.days() == 30);
    in = tlhandover::fixedScenario();
    in.placements.clear();
    p = choosePeriod(in);
    CHECK(p.basis == PeriodBasis::NoPlacement);
    CHECK(p.days() == 28);
}

TEST_CASE("the model: voice most recent first and verbatim, relationships, actions, missing episodes") {
    const auto s = buildHandoverSummary(tlhandover::fixedScenario());
    REQUIRE(s.voice.size() == 3); // the words from before the placement are outside the period
    CHECK(s.voice[0].date == Date{2026, 1, 8});
    CHECK(s.voice[1].date == Date{2025, 12, 20});
    CHECK(s.voice[2].date == Date{2025, 11, 10});
    CHECK(s.voice[0].words.find("I *need* to see her before my birthday") != std::string::npos);
    CHECK(s.voice[0].context == "Practitioner visit with Rhys Calloway, in the placement area");
    auto rel = [&](const std::string& name) {
        for (const auto& m : s.network)
            if (m.name == name) return m.relationship;
        return std::string("?");
    };
    CHECK(rel("Carla Brennick (mum)") == "maintained");
    CHECK(rel("Mel Stroud") == "disrupted");
    CHECK(rel("Rhys Calloway") == "new");
    CHECK(rel("Older lad known as 'Fitz'") == "dormant");
    REQUIRE(s.openActions.size() == 3); // the done one is left out
    CHECK(s.openActions[0].overdue);    // overdue first
    CHECK(s.overdueActions == 1);
    CHECK(s.missing.size() == 1);
    CHECK(s.concerns.size() == 1);
    CHECK(s.ageAtEnd == 15);
    for (const auto& c : s.matrix)
        if (c.track == Track::Family && c.place == Place::PlacementArea) {
            CHECK(c.happened == 12);
            CHECK(c.notHappened == 4);
        }
    CHECK(s.tracks.size() == 3);
    CHECK(s.insightAvailable); // computed over the summary's period when not supplied
}

TEST_CASE("redaction: the location never leaves unless included for a named recipient") {
    SUBCASE("left out of every format by default, including inside recorded text") {
        const auto r = redacted(false);
        CHECK(r.model().placement.locationAddress.empty());
        CHECK(r.model().placement.locationName.empty());
        CHECK(r.model().voice[0].words.rfind("[placement detail withheld] is alright", 0) == 0);
        for (auto f : {HandoverFormat::Html, HandoverFormat::Markdown, HandoverFormat::Json}) {
            const auto bytes = render(r, f);
            for (const char* secret : confidential) {
                INFO(handoverFormatKey(f), ": ", secret);
                CHECK(bytes.find(secret) == std::string::npos);
            }
        }
        const auto pdf = render(r, HandoverFormat::Pdf);
        const auto text = pdfText(pdf);
        REQUIRE(!text.empty());
        for (const char* secret : confidential) {
            INFO("pdf: ", secret);
            CHECK(text.find(secret) == std::string::npos);
            CHECK(pdf.find(secret) == std::string::npos); // nor in metadata
        }
    }
    SUBCASE("a network member named after the home is withheld too, on the map and in the tables") {
        auto in = tlhandover::fixedScenario();
        auto staff = in.members[1];
        staff.meta.id = "00000001-0000-4000-8000-000000000099";
        staff.name = "Plover House night staff";
        in.members.push_back(staff);
        in.contacts.front().participantIds.push_back(staff.meta.id);
        const auto r = redacted(false, in);
        for (auto f : {HandoverFormat::Html, HandoverFormat::Markdown, HandoverFormat::Json}) {
            INFO(handoverFormatKey(f));
            const auto bytes = render(r, f);
            CHECK(bytes.find("Plover House") == std::string::npos);
            const bool marked =
                bytes.find("[placement detail withheld] night staff") != std::string::npos ||
                bytes.find("\\[placement detail withheld\\] night staff") != std::string::npos;
            CHECK(marked); // Markdown escapes the brackets
        }
        CHECK(pdfText(render(r, HandoverFormat::Pdf)).find("Plover House") == std::string::npos);
    }
    SUBCASE("present when included on purpose") {
        const auto r = redacted(true);
        CHECK(r.locationIncluded());
        for (auto f : {HandoverFormat::Html, HandoverFormat::Markdown, HandoverFormat::Json}) {
            const auto bytes = render(r, f);
            INFO(handoverFormatKey(f));
            CHECK(bytes.find(tlhandover::scenarioHomeName) != std::string::npos);
            CHECK(bytes.find(tlhandover::scenarioPostcode) != std::string::npos);
            CHECK(bytes.find("Dana Okafor") != std::string::npos);
        }
        const auto text = pdfText(render(r, HandoverFormat::Pdf));
        CHECK(text.find(tlhandover::scenarioHomeName) != std::string::npos);
        CHECK(text.find(tlhandover::scenarioAddress) != std::string::npos);
    }
    SUBCASE("including it without a recipient is refused") {
        RedactionOptions o;
        o.includeLocation = true;
        o.recipient = "   ";
        auto r = redact(buildHandoverSummary(tlhandover::fixedScenario()), o);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::Invalid);
        CHECK(r.error().field == "recipient");
    }
}

TEST_CASE("the PDF is valid A4 and reads back: the young person's words, page numbers, marking") {
    const auto pdf = render(redacted(false), HandoverFormat::Pdf);
    CHECK(pdf.rfind("%PDF-", 0) == 0);
    CHECK(pdf.find("%%EOF") != std::string::npos);
    const auto text = pdfText(pdf);
    CHECK(text.find("I miss my nan.") != std::string::npos);
    CHECK(text.find("Coach says I'm the strongest in the boat now") != std::string::npos);
    CHECK(text.find("The young person's own words") != std::string::npos);
    const auto pages = count(text, "\f");
    REQUIRE(pages >= 2);
    CHECK(text.find("Page 1 of " + std::to_string(pages)) != std::string::npos);
    CHECK(text.find("Page " + std::to_string(pages) + " of " + std::to_string(pages)) != std::string::npos);
    CHECK(count(text, "OFFICIAL-SENSITIVE") >= 2 * pages); // header and footer on every page
    CHECK(pdf.find("/CreationDate (20260115000000Z)") !=
          std::string::npos); // the model's date, not the clock
}

TEST_CASE("same summary, same bytes, and the golden files") {
    // "summary": the fixed scenario; "sources": the same with records from other vaults.
    for (const bool sources : {false, true}) {
        const auto scenario = [&] {
            return sources ? tlhandover::sourcesScenario() : tlhandover::fixedScenario();
        };
        const auto r = redacted(false, scenario());
        for (auto f :
             {HandoverFormat::Pdf, HandoverFormat::Html, HandoverFormat::Markdown, HandoverFormat::Json}) {
            const auto a = render(r, f), b = render(redacted(false, scenario()), f);
            const std::string label = std::string(handoverFormatKey(f)) + (sources ? " with sources" : "");
            INFO(label);
            CHECK(a == b);
            const fs::path golden = fs::path(THROUGHLINE_HANDOVER_GOLDEN) /
                                    ((sources ? "sources." : "summary.") + std::string(handoverFormatKey(f)));
            if (updatingGoldens()) {
                tltest::writeFile(golden, a);
                continue;
            }
            REQUIRE_MESSAGE(fs::exists(golden), "missing golden file (run with THROUGHLINE_UPDATE_GOLDEN=1)");
            CHECK_MESSAGE(a == tltest::readFile(golden), "output differs from ", golden.string(),
                          " (THROUGHLINE_UPDATE_GOLDEN=1 rewrites it)");
        }
    }
}

TEST_CASE("HTML: every table sits in its own scrolling region, so the page reflows on a phone") {
    // A table wider than a phone scrolls inside its region; a bare <table> would make the whole page scroll
    // sideways (WCAG 1.4.10). The browser test measures it at 390 px; this catches it without a browser.
    for (const bool sources : {false, true}) {
        const std::string html =
            render(redacted(false, sources ? tlhandover::sourcesScenario() : tlhandover::fixedScenario()),
                   HandoverFormat::Html);
        const auto count = [&](std::string_view needle) {
            std::size_t n = 0;
            for (auto at = html.find(needle); at != std::string::npos; at = html.find(needle, at + 1))
                ++n;
            return n;
        };
        INFO(std::string(sources ? "with sources" : "summary"));
        CHECK(count("<table>") >= 4);
        CHECK(count("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"") ==
              count("<table>"));
        CHECK(html.find("\">\n<table>") != std::string::npos);
        // Each table opens right after its region.
        for (auto at = html.find("<table>"); at != std::string::npos; at = html.find("<table>", at + 1))
            CHECK(html.substr(html.rfind('<', at - 2), 30).rfind("<div class=\"table-scroll\"", 0) == 0);
    }
}

TEST_CASE("markup in recorded text is escaped in HTML and Markdown, and JSON round-trips it") {
    const auto r = redacted(false);
    const auto html = render(r, HandoverFormat::Html);
    CHECK(html.find("&lt;if I&#39;m still here&gt; &amp; maybe") != std::string::npos);
    CHECK(html.find("<if I'm") == std::string::npos);
    const auto md = render(r, HandoverFormat::Markdown);
    CHECK(md.find("I \\*need\\* to see her") != std::string::npos);
    const auto json = render(r, HandoverFormat::Json);
    CHECK(json.find("\"schemaVersion\": 1") != std::string::npos);
    CHECK(json.find("I *need* to see her") != std::string::npos);
}

TEST_CASE("insight and safety plan, when supplied, are merged in") {
    auto in = tlhandover::fixedScenario();
    Insight insight;
    Gap g;
    g.ruleId = "family_time_failing";
    g.title = "Family time planned but not happening";
    g.explanation = "4 of 16 family-time records were cancelled.";
    g.severity = Severity::Serious;
    for (const auto& c : in.contacts)
        if (c.status == ContactStatus::Cancelled) g.evidenceIds.push_back(c.meta.id);
    insight.gaps.push_back(g);
    MemberInsight mi;
    mi.memberId = in.members[1].meta.id; // Rhys Calloway
    mi.status = MemberStatus::Maintained;
    insight.members.push_back(mi);
    in.insight = insight;
    SafetyPlan plan;
    plan.meta.id = "00000009-0000-4000-8000-000000000001";
    plan.version = 2;
    plan.peopleIds = {in.members[5].meta.id};
    plan.safePlaces = "The boathouse\nNan's kitchen";
    plan.reviewDate = Date{2026, 1, 1};
    plan.youngPersonContributed = true;
    in.safetyPlan = plan;
    in.safetyPlanChanges = {"Added Nan's kitchen to places I feel safe."};
    const auto s = buildHandoverSummary(in);
    CHECK(s.insightAvailable);
    REQUIRE(s.gaps.size() == 1);
    CHECK(s.gaps[0].severity == "serious");
    CHECK(s.gaps[0].evidence.size() == 4);
    CHECK(s.gaps[0].evidence[0].find("Family time with Carla Brennick (mum)") != std::string::npos);
    for (const auto& m : s.network)
        if (m.name == "Rhys Calloway") CHECK(m.relationship == "maintained");
    CHECK(s.safetyPlan.present);
    CHECK(s.safetyPlan.reviewOverdue);
    CHECK(s.safetyPlan.peopleToTurnTo == std::vector<std::string>{"Irene Brennick (nan)"});
    const auto md = render(redacted(false, in), HandoverFormat::Markdown);
    CHECK(md.find("**Serious: Family time planned but not happening**") != std::string::npos);
    CHECK(md.find("Nan's kitchen") != std::string::npos);
    CHECK(md.find("Added Nan's kitchen") != std::string::npos);
}

TEST_CASE("the three silences of issue 14 reach the summary in every format, with their evidence") {
    // The fixed scenario moved on to its ending phase (from Tue 3 Mar 2026) with a return home planned, a
    // safety plan naming only the key worker, and family time before the move used for collaboration.
    auto in = tlhandover::fixedScenario();
    in.today = Date{2026, 3, 10};
    in.placements[0].endingPlan = EndingPlan::ReturnHome;
    in.safetyPlan->peopleIds = {in.members[1].meta.id};                    // Rhys Calloway
    in.contacts[0].uses |= static_cast<std::uint32_t>(Use::Collaboration); // Sat 12 Apr 2025, before the move
    const auto s = buildHandoverSummary(in);
    const auto find = [&](std::string_view rule) -> const GapEntry* {
        for (const auto& g : s.gaps)
            if (g.rule == rule) return &g;
        return nullptr;
    };
    const GapEntry* home = find("going_home_without_home_community");
    const GapEntry* plan = find("safety_plan_one_track");
    const GapEntry* family = find("family_collaboration_stopped_at_move");
    REQUIRE(home);
    REQUIRE(plan);
    REQUIRE(family);
    CHECK(home->severity == "warning");
    CHECK(
        home->explanation ==
        "Tay's ending plan is a return to the home area and the ending phase began on Tue 3 Mar 2026 (the "
        "placement is planned to end on Tue 31 Mar 2026), but no contact since then has involved a home-area "
        "peer or community member (Sami Achterberg is in the network).");
    // The placement is evidence by its dates and ending plan, never its location or provider.
    CHECK(home->evidence == std::vector<std::string>{
                                "Network member: Sami Achterberg",
                                "Placement from Mon 2 Jun 2025, planned to end Tue 31 Mar 2026; ending plan: "
                                "return to the home area"});
    CHECK(
        plan->explanation ==
        "Version 2 of the safety plan leans on the practitioner track alone: the only person Tay can turn to "
        "is Rhys Calloway (key worker), with no one from the home area, where Tay is to return when the "
        "placement ends (Tue 31 Mar 2026).");
    CHECK(plan->evidence.size() == 3);
    CHECK(
        family->explanation.rfind("Family relationships were used for collaboration before the move (last: "
                                  "Sat 12 Apr 2025 with Carla Brennick (mum) and Jordan Brennick (brother)), "
                                  "but not in the 40 weeks and 1 day since the move on Mon 2 Jun 2025",
                                  0) == 0);
    for (const auto& g : s.gaps)
        for (const auto& e : g.evidence)
            CHECK(e != "A record not shown in this summary");

    const auto r = redacted(false, in);
    for (const auto f : {HandoverFormat::Markdown, HandoverFormat::Html, HandoverFormat::Json}) {
        const auto text = render(r, f);
        CAPTURE(static_cast<int>(f));
        CHECK(text.find("Going home without the home community") != std::string::npos);
        CHECK(text.find("A safety plan that leans on one track") != std::string::npos);
        CHECK(text.find("Collaboration with the family stopped at the move") != std::string::npos);
        CHECK(text.find("ending plan: return to the home area") != std::string::npos);
        CHECK(text.find(tlhandover::scenarioProvider) == std::string::npos);
    }
    const auto json = render(r, HandoverFormat::Json);
    for (const char* rule : {"going_home_without_home_community", "safety_plan_one_track",
                             "family_collaboration_stopped_at_move"})
        CHECK(json.find("\"rule\": \"" + std::string(rule) + "\"") != std::string::npos);
    const auto pdf = pdfText(render(r, HandoverFormat::Pdf));
    CHECK(pdf.find("Going home without the home community") != std::string::npos);
    CHECK(pdf.find("A safety plan that leans on one track") != std::string::npos);
    CHECK(pdf.find("Collaboration with the family stopped at the move") != std::string::npos);
}

TEST_CASE("network map geometry: sectors by track, rings by place, a style for every view") {
    std::vector<MapMemberInput> in;
    const Track tracks[] = {Track::Practitioner, Track::Family, Track::PeerCommunity};
    const Place places[] = {Place::PlacementArea, Place::HomeArea, Place::Online};
    for (int i = 0; i < 60; ++i)
        in.push_back({"id" + std::to_string(i), "Person " + std::to_string(i), tracks[i % 3],
                      places[(i / 3) % 3], static_cast<View>(i % 4), View::NotKnown, i % 5});
    const auto a = layoutNetworkMap(in, "Tay"), b = layoutNetworkMap(in, "Tay");
    REQUIRE(a.nodes.size() == 60);
    for (std::size_t i = 0; i < a.nodes.size(); ++i) {
        const auto& n = a.nodes[i];
        CHECK(n.x == b.nodes[i].x);
        CHECK(n.x > 0.0);
        CHECK(n.x < 1.0);
        CHECK(n.y > 0.0);
        CHECK(n.y < 1.0);
        CHECK(n.faded == (in[i].contacts == 0));
        const double r = std::hypot(n.x - 0.5, n.y - 0.5);
        const auto& ring = a.rings[n.place == Place::PlacementArea ? 0 : n.place == Place::HomeArea ? 1 : 2];
        CHECK(r >= ring.inner);
        CHECK(r <= ring.outer);
        double angle = std::atan2(n.y - 0.5, n.x - 0.5);
        const auto& sec = a.sectors[static_cast<std::size_t>(n.track)];
        while (angle < sec.startAngle)
            angle += 2 * 3.14159265358979323846;
        CHECK(angle <= sec.endAngle);
    }
    // Every view has its own dash pattern: colour is never the only cue.
    const auto& styles = mapLineStyles();
    REQUIRE(styles.size() == 4);
    for (std::size_t i = 0; i < styles.size(); ++i)
        for (std::size_t j = i + 1; j < styles.size(); ++j)
            CHECK(styles[i].dash != styles[j].dash);
}

TEST_CASE("buildHandover: loads from the vault, audits every export, includes the location only when asked") {
    tltest::TempDir dir;
    auto created = tltest::makeVault(dir / "v", {.seed = tltest::Seed::Small});
    auto& vault = *created.vault;
    const auto id = created.youngPerson;
    HandoverRequest req;
    req.youngPersonId = id;
    req.format = HandoverFormat::Markdown;
    req.today = Date::today();

    // Two versions of the safety plan: the summary shows the current one and what changed.
    SafetyPlan plan;
    plan.youngPersonId = id;
    plan.safePlaces = "The boxing club";
    plan.youngPersonContributed = true;
    REQUIRE(vault.store().save(plan).ok());
    plan.meta = {};
    plan.version = 0;
    plan.safePlaces = "The boxing club\nMum's on a Sunday";
    plan.youngPersonAgrees = true;
    REQUIRE(vault.store().save(plan).ok());

    auto plain = buildHandover(vault, req);
    REQUIRE(plain.ok());
    CHECK_FALSE(plain->locationIncluded);
    CHECK(plain->bytes.find("Birchgate House") == std::string::npos);
    CHECK(plain->bytes.find("Quillon Row") == std::string::npos);
    CHECK(plain->bytes.find("she brought my ‘good’ trainers") != std::string::npos);
    CHECK(plain->bytes.find("- Version 2, written") != std::string::npos);
    CHECK(plain->bytes.find("Mum's on a Sunday") != std::string::npos);
    CHECK(plain->bytes.find("**What changed since the previous version**") != std::string::npos);

    req.redaction.includeLocation = true;
    auto refused = buildHandover(vault, req);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == ErrorCode::Invalid);

    req.redaction.recipient = "Priya Latimer";
    auto included = buildHandover(vault, req);
    REQUIRE(included.ok());
    CHECK(included->locationIncluded);
    CHECK(included->bytes.find("14 Quillon Row, Northmere NM3 9ZZ") != std::string::npos);
    CHECK(included->bytes.find("Birchgate House") != std::string::npos);

    auto entries = vault.audit().recent(10);
    REQUIRE(entries.ok());
    int exports = 0;
    bool sawIncluded = false;
    for (const auto& e : entries.value()) {
        if (e.kind != AuditKind::Export) continue;
        ++exports;
        CHECK(e.recordId == id);
        if (e.detail.find("Priya Latimer") != std::string::npos) {
            CHECK(e.detail.find("INCLUDED") != std::string::npos);
            sawIncluded = true;
        } else {
            CHECK(e.detail.find("withheld") != std::string::npos);
        }
    }
    CHECK(exports == 2); // the refused request wrote nothing
    CHECK(sawIncluded);
    CHECK(vault.audit().verify()->ok);

    // The next summary to the same recipient starts from the day of the last one.
    req.redaction.includeLocation = false;
    auto next = buildHandover(vault, req);
    REQUIRE(next.ok());
    CHECK(next->period.from == req.today);

    req.youngPersonId = "00000000-0000-4000-8000-00000000dead";
    auto missing = buildHandover(vault, req);
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().code == ErrorCode::NotFound);
}

TEST_CASE("sources: this vault, a verified contact, a contact not verified and an unknown device") {
    const auto s = buildHandoverSummary(tlhandover::sourcesScenario());
    REQUIRE(s.sources.size() == 4);
    const auto& own = s.sources[0];
    CHECK(own.kind == SourceKind::ThisVault);
    CHECK(own.device == tlhandover::scenarioOwnDevice);
    CHECK(own.name == "Rhys Calloway");
    CHECK(own.verified);
    CHECK(own.authors == std::vector<std::string>{"Rhys Calloway"});
    CHECK(own.counts.contacts == 51);
    CHECK(own.counts.networkMembers == 10);
    CHECK(own.counts.openActions == 3);
    CHECK(own.counts.placement == 1);
    CHECK(own.counts.safetyPlan == 1);
    CHECK(own.counts.youngPerson == 1);
    CHECK(own.counts.missingEpisodes == 0);
    const auto& dana = s.sources[1];
    CHECK(dana.kind == SourceKind::Contact);
    CHECK(dana.name == "Dana Okafor");
    CHECK(dana.organisation == "Wexmoor Borough Council");
    CHECK(dana.verified);
    CHECK(dana.counts.contacts == 8); // monthly visits in the period only
    CHECK(dana.counts.total() == 8);
    const auto& imani = s.sources[2];
    CHECK(imani.kind == SourceKind::Contact);
    CHECK(imani.name == "Imani Okoro");
    CHECK_FALSE(imani.verified);
    CHECK(imani.authors == std::vector<std::string>{"Imani Okoro"});
    CHECK(imani.counts.contacts == 17);
    const auto& gone = s.sources[3];
    CHECK(gone.kind == SourceKind::UnknownDevice);
    CHECK(gone.device == tlhandover::scenarioGoneDevice);
    CHECK(gone.name.empty());
    CHECK_FALSE(gone.verified);
    CHECK(gone.authors == std::vector<std::string>{"Lee Marsh"});
    CHECK(gone.counts.missingEpisodes == 1);
    int total = 0;
    for (const auto& src : s.sources)
        total += src.counts.contacts;
    CHECK(total == s.contactsInPeriod + s.contactsNotHappened); // every contact in the period counted once

    // Each item says who recorded it when it is not this vault's.
    REQUIRE(s.voice.size() == 3);
    CHECK_FALSE(s.voice[0].origin.elsewhere); // Rhys's own visit
    CHECK(s.voice[1].origin.elsewhere);       // the rowing club, from Imani's vault
    CHECK(s.voice[1].origin.source == 2);
    CHECK(s.voice[1].origin.author == "Imani Okoro");
    CHECK(s.voice[1].origin.organisation == "Tidewell Exploitation Project");
    CHECK(s.voice[2].origin.source == 1); // Dana's visit
    REQUIRE(s.concerns.size() == 1);
    CHECK(s.concerns[0].origin.source == 1);
    REQUIRE(s.missing.size() == 1);
    CHECK(s.missing[0].origin.source == 3);
    CHECK(s.missing[0].origin.author == "Lee Marsh");
    // And the evidence behind a gap.
    bool sawEvidence = false;
    for (const auto& g : s.gaps)
        for (const auto& e : g.evidence)
            if (e.find("Gullhaven Rowing Club") != std::string::npos &&
                e.find("recorded by Imani Okoro, Tidewell Exploitation Project") != std::string::npos)
                sawEvidence = true;
    CHECK(sawEvidence);

    // A vault whose records are all its own lists itself only.
    const auto plain = buildHandoverSummary(tlhandover::fixedScenario());
    REQUIRE(plain.sources.size() == 1);
    CHECK(plain.sources[0].kind == SourceKind::ThisVault);
    CHECK(plain.sources[0].counts.contacts == plain.contactsInPeriod + plain.contactsNotHappened);
    for (const auto& v : plain.voice)
        CHECK_FALSE(v.origin.elsewhere);
}

TEST_CASE("sources in every format: verified and not verified sources are told apart") {
    const auto r = redacted(false, tlhandover::sourcesScenario());
    for (const auto& [format, text] : everyFormat(r)) {
        INFO(format);
        CHECK(text.find("Lee Marsh") != std::string::npos);
        if (format == "json") {
            CHECK(text.find(
                      "\"kind\": \"contact\", \"device\": \"d4a7c0e19f3b2a58\", \"name\": \"Dana Okafor\", "
                      "\"organisation\": \"Wexmoor Borough Council\", \"verified\": true") !=
                  std::string::npos);
            CHECK(text.find("\"name\": \"Imani Okoro\", \"organisation\": \"Tidewell Exploitation Project\", "
                            "\"verified\": false") != std::string::npos);
            CHECK(text.find("\"origin\": { \"source\": 2, \"author\": \"Imani Okoro\"") != std::string::npos);
            continue;
        }
        CHECK(text.find("Received from Dana Okafor's vault (Wexmoor Borough Council)") != std::string::npos);
        CHECK(text.find("Received from Imani Okoro's vault (Tidewell Exploitation Project)") !=
              std::string::npos);
        CHECK(text.find("Where these records come from") != std::string::npos);
        CHECK(text.find("This vault (Rhys Calloway, Wexmoor Borough Council)") != std::string::npos);
        CHECK(
            text.find("8 contacts. Written by Dana Okafor. Verified: the fingerprint was compared with Dana "
                      "Okafor.") != std::string::npos);
        CHECK(text.find("Not verified: compare the fingerprint with Imani Okoro before relying on these "
                        "records.") != std::string::npos);
        CHECK(text.find("From a device that is no longer a contact (device c3b40e7d)") != std::string::npos);
        CHECK(text.find("Not verified: this device is no longer a contact of this vault") !=
              std::string::npos);
        CHECK(text.find("18 come from sources that are not verified") != std::string::npos);
        // The young person's words say who recorded them.
        CHECK(text.find(
                  "Recorded by Imani Okoro, Tidewell Exploitation Project (received from their vault, not "
                  "verified: compare the fingerprint before relying on it)") != std::string::npos);
        CHECK(text.find("Recorded by Dana Okafor, Wexmoor Borough Council (received from their vault, "
                        "verified)") != std::string::npos);
        CHECK(text.find("Recorded by Lee Marsh (from a device that is no longer a contact, not verified)") !=
              std::string::npos);
    }
    // Flagged, not by colour alone: bold in Markdown, a strong element in HTML.
    const auto md = render(r, HandoverFormat::Markdown);
    CHECK(md.find("**Not verified: compare the fingerprint with Imani Okoro before relying on these "
                  "records.**") != std::string::npos);
    const auto html = render(r, HandoverFormat::Html);
    CHECK(html.find("<strong class=\"unverified\">Not verified: compare the fingerprint with Imani Okoro") !=
          std::string::npos);
    const auto json = render(r, HandoverFormat::Json);
    CHECK(json.find("\"schemaVersion\": 1") != std::string::npos); // new keys only: still version 1
    CHECK(json.find("\"kind\": \"unknown_device\"") != std::string::npos);
    CHECK(json.find("\"device\": \"c3b40e7d1a92f6e0\"") != std::string::npos);

    // One source only: no line at a glance, and the section says so plainly.
    const auto plain = redacted(false);
    for (const auto& [format, text] : everyFormat(plain)) {
        INFO(format);
        CHECK(text.find("came from other vaults") == std::string::npos);
        CHECK(text.find("Received from") == std::string::npos);
        if (format != "json")
            CHECK(text.find("Every record in this summary was written in this vault.") != std::string::npos);
    }
}

TEST_CASE("sources are redacted too: a colleague at the provider does not name it") {
    auto in = tlhandover::sourcesScenario();
    in.knownDevices[1].organisation = tlhandover::scenarioProvider;
    const auto r = redacted(false, in);
    CHECK(r.model().sources[2].organisation == "[placement detail withheld]");
    CHECK(r.model().voice[1].origin.organisation == "[placement detail withheld]");
    for (const auto& [format, text] : everyFormat(r)) {
        INFO(format);
        CHECK(text.find(tlhandover::scenarioProvider) == std::string::npos);
    }
}

TEST_CASE(
    "redaction covers every placement: a period before the current one still withholds today's location") {
    auto in = tlhandover::fixedScenario();
    // An earlier placement, with its own location; the period asked for lies wholly inside it.
    Placement earlier = in.placements.front();
    earlier.meta.id = "00000002-0000-4000-8000-000000000002";
    earlier.placementArea = "Brackenmoor";
    earlier.locationAddress = "22 Heronsgate Walk, Brackenmoor, BK2 7TT";
    earlier.locationName = "The Alders";
    earlier.provider = "Larchfield Homes Ltd";
    earlier.start = Date{2024, 9, 2};
    earlier.plannedEnd.reset();
    earlier.actualEnd = Date{2025, 5, 30};
    in.placements.push_back(earlier);
    in.from = Date{2024, 11, 1};
    in.to = Date{2025, 3, 31};
    // What shows the current state whatever the period: the safety plan and open actions name today's home.
    REQUIRE(in.safetyPlan);
    in.safetyPlan->safePlaces = "My room at Plover House; the harbour wall in Gullhaven";
    in.safetyPlan->unsafePlaces = "Heronsgate Walk, and anywhere near Alders";
    FollowUpAction a;
    a.meta.id = "00000005-0000-4000-8000-000000000077";
    a.youngPersonId = in.person.meta.id;
    a.description = "Ask Saltmarsh Care Partnership for a bike shed at 7 Plover Rise";
    a.owner = "Rhys Calloway";
    in.actions.push_back(a);
    // A key worker employed by the provider prepares it: the "Prepared by" line must not name it either.
    in.organisation = tlhandover::scenarioProvider;
    const auto r = redacted(false, in);
    CHECK(r.model().placement.placementArea == "Brackenmoor"); // the period's placement is the earlier one
    const char* const secrets[] = {tlhandover::scenarioAddress,
                                   tlhandover::scenarioStreet,
                                   tlhandover::scenarioPostcode,
                                   tlhandover::scenarioHomeName,
                                   tlhandover::scenarioProvider,
                                   "Heronsgate Walk",
                                   "BK2 7TT",
                                   "The Alders",
                                   "Larchfield Homes"};
    for (const auto& [format, text] : everyFormat(r)) {
        for (const char* secret : secrets) {
            INFO(format, ": ", secret);
            CHECK(text.find(secret) == std::string::npos);
        }
        INFO(format);
        CHECK(text.find("Rhys Calloway") != std::string::npos); // the preparer is still named
        CHECK(text.find("Gullhaven") != std::string::npos);     // areas are shared on purpose
        CHECK(text.find("placement detail withheld") != std::string::npos);
    }
}

TEST_CASE("counts of days agree with their number: 0 days, 1 day, 2 days, in every format") {
    CHECK(daysText(0) == "0 days");
    CHECK(daysText(1) == "1 day");
    CHECK(daysText(2) == "2 days");
    // The planned end one day after the summary, in every format.
    auto in = tlhandover::fixedScenario();
    in.today = Date{2026, 3, 30};
    const auto r = redacted(false, in);
    REQUIRE(r.model().ending.daysToPlannedEnd);
    REQUIRE(*r.model().ending.daysToPlannedEnd == 1);
    for (const auto& [format, text] : everyFormat(r)) {
        INFO(format);
        if (format != "json") CHECK(text.find("1 day after this summary") != std::string::npos);
        CHECK(text.find(" 1 days") == std::string::npos);
    }
}

TEST_CASE("the confidential set: parts of an address, names as people write them, one mark per cut") {
    ConfidentialSet set;
    set.addPlacement("Flat 2, 41 Kittiwake Road\nSaltby SB1 1AA", "The Moorings", "Gannet Care Services Ltd");
    set.allow("Saltby");
    std::string t =
        "Walked from kittiwake road to the moorings; Gannet Care Services staff met us in Saltby.";
    CHECK(set.mask(t) == 3);
    CHECK(t == "Walked from [placement detail withheld] to [placement detail withheld]; [placement detail "
               "withheld] staff met us in Saltby.");
    std::string moorings = "Back at Moorings by six";
    CHECK(set.mask(moorings) == 1); // "The Moorings" is also written without "The"
    // Text already masked elsewhere is left whole, even when a short name would cut into the mark.
    ConfidentialSet shortName;
    shortName.addPlacement("", "Tai", "");
    std::string again = "Seen by [placement detail withheld] and Tai";
    CHECK(shortName.mask(again) == 1);
    CHECK(again == "Seen by [placement detail withheld] and [placement detail withheld]");
    // Strings under three characters are never needles; an allowed area never is either.
    ConfidentialSet tiny;
    tiny.addPlacement("A1", "Bo", "");
    CHECK(tiny.empty());
    CHECK(isConfidentialField(RecordKind::Placement, "provider"));
    CHECK_FALSE(isConfidentialField(RecordKind::Placement, "placement_area"));
    CHECK_FALSE(isConfidentialField(RecordKind::NetworkMember, "location_address"));
}

namespace {

// Two vaults that know each other (tests/sync/exchange_test.cpp): a key worker and a social worker.
struct TwoVaults : tltest::VaultPair {
    TwoVaults() : VaultPair(false) {}
    // Sends everything new from one vault to the other.
    void send(Vault& from, const std::string& to, Vault& into, const std::string& name) {
        auto out = sync::exportTo(from, to, {}, tmp / name);
        REQUIRE_MESSAGE(out.ok(), (out.ok() ? "" : out.error().message));
        auto in = sync::importFile(into, tmp / name);
        REQUIRE_MESSAGE(in.ok(), (in.ok() ? "" : in.error().message));
    }
};

RedactedSummary summaryOf(Vault& vault, const std::string& yp) {
    HandoverRequest req;
    req.youngPersonId = yp;
    req.today = Date::today();
    auto in = loadHandoverInput(vault, req);
    REQUIRE_MESSAGE(in.ok(), (in.ok() ? "" : in.error().message));
    return redacted(false, in.value());
}

} // namespace

TEST_CASE("loadHandoverInput: records received in a bundle from a second vault show where they came from") {
    TwoVaults v;
    REQUIRE(contacts::share(*v.a, v.fpB, v.yp).ok());
    v.send(*v.a, v.fpB, *v.b, "1.thrl");
    // The social worker records family time in her own vault and sends it back.
    auto network = v.b->store().network(v.yp);
    REQUIRE(network.ok());
    ContactRecord c;
    c.youngPersonId = v.yp;
    c.kind = ContactKind::FamilyTime;
    c.date = Date::today().addDays(-1);
    for (const auto& m : network.value())
        if (m.name == "Della Astley") c.participantIds = {m.meta.id};
    REQUIRE(c.participantIds.size() == 1);
    c.youngPersonWords = "Mum says she'll come to the boxing club next month.";
    c.concernText = "Della said an older lad asked her where Ro lives now.";
    REQUIRE(v.b->store().save(c).ok());
    REQUIRE(contacts::share(*v.b, v.fpA, v.yp).ok());
    v.send(*v.b, v.fpA, *v.a, "2.thrl");

    SUBCASE("a verified contact") {
        const auto r = summaryOf(*v.a, v.yp);
        const auto& s = r.model();
        REQUIRE(s.sources.size() == 2);
        CHECK(s.sources[0].kind == SourceKind::ThisVault);
        CHECK(s.sources[0].device == v.a->deviceId());
        CHECK(s.sources[0].authors == std::vector<std::string>{"Ada Quillfeather"});
        CHECK(s.sources[0].counts.contacts == 1);
        CHECK(s.sources[0].counts.networkMembers == 2);
        CHECK(s.sources[1].kind == SourceKind::Contact);
        CHECK(s.sources[1].device == v.b->deviceId());
        CHECK(s.sources[1].name == "Sol Brannigan");
        CHECK(s.sources[1].organisation == "Harlow Vale Council");
        CHECK(s.sources[1].verified);
        CHECK(s.sources[1].authors == std::vector<std::string>{"Sol Brannigan"});
        CHECK(s.sources[1].counts.total() == 1);
        REQUIRE(s.voice.size() == 2);
        CHECK(s.voice[0].origin.elsewhere); // the newest: Sol's
        CHECK(s.voice[0].origin.author == "Sol Brannigan");
        CHECK_FALSE(s.voice[1].origin.elsewhere);
        for (const auto& [format, text] : everyFormat(r)) {
            INFO(format);
            if (format == "json") {
                CHECK(text.find("\"name\": \"Sol Brannigan\", \"organisation\": \"Harlow Vale Council\", "
                                "\"verified\": true") != std::string::npos);
                continue;
            }
            CHECK(text.find("Received from Sol Brannigan's vault (Harlow Vale Council)") !=
                  std::string::npos);
            CHECK(text.find("This vault (Ada Quillfeather, Fernbrook Children's Services)") !=
                  std::string::npos);
            CHECK(text.find(
                      "1 contact. Written by Sol Brannigan. Verified: the fingerprint was compared with Sol "
                      "Brannigan.") != std::string::npos);
            CHECK(text.find("Recorded by Sol Brannigan, Harlow Vale Council (received from their vault, "
                            "verified)") != std::string::npos);
            CHECK(text.find("Not verified") == std::string::npos);
        }
        // The same records, the same bytes.
        CHECK(render(r, HandoverFormat::Pdf) == render(summaryOf(*v.a, v.yp), HandoverFormat::Pdf));
    }
    SUBCASE("a contact whose card was imported again without checking the fingerprint") {
        REQUIRE(contacts::removeContact(*v.a, v.fpB).ok());
        REQUIRE(contacts::importCard(*v.a, v.cardB, false).ok());
        const auto r = summaryOf(*v.a, v.yp);
        REQUIRE(r.model().sources.size() == 2);
        CHECK(r.model().sources[1].kind == SourceKind::Contact);
        CHECK_FALSE(r.model().sources[1].verified);
        for (const auto& [format, text] : everyFormat(r)) {
            INFO(format);
            if (format == "json") {
                CHECK(text.find("\"verified\": false") != std::string::npos);
                continue;
            }
            CHECK(
                text.find("Not verified: compare the fingerprint with Sol Brannigan before relying on these "
                          "records.") != std::string::npos);
            const auto at = text.find("records came from other vaults");
            INFO(text.substr(at == std::string::npos ? 0 : at - 20, 120));
            CHECK(text.find("1 of the 6 records came from other vaults; 1 comes from a source that is not "
                            "verified") != std::string::npos);
            CHECK(text.find("not verified: compare the fingerprint before relying on it") !=
                  std::string::npos);
        }
    }
    SUBCASE("a device that is no longer a contact") {
        REQUIRE(contacts::removeContact(*v.a, v.fpB).ok());
        const auto r = summaryOf(*v.a, v.yp);
        REQUIRE(r.model().sources.size() == 2);
        CHECK(r.model().sources[1].kind == SourceKind::UnknownDevice);
        CHECK(r.model().sources[1].authors == std::vector<std::string>{"Sol Brannigan"}); // still says who
        for (const auto& [format, text] : everyFormat(r)) {
            INFO(format);
            if (format == "json") {
                CHECK(text.find("\"kind\": \"unknown_device\"") != std::string::npos);
                continue;
            }
            CHECK(text.find("From a device that is no longer a contact (device " +
                            v.b->deviceId().substr(0, 8) + ")") != std::string::npos);
            CHECK(text.find("Recorded by Sol Brannigan (from a device that is no longer a contact, not "
                            "verified)") != std::string::npos);
        }
    }
}

// The golden PDFs embed the faces fontconfig picks, so the renderer must see exactly the suite's own fonts
// (tests/fonts), also when this binary is run by hand rather than by ctest.
int main(int argc, char** argv) {
    setenv("FONTCONFIG_FILE", THROUGHLINE_TEST_FONTCONFIG, 1);
    doctest::Context context(argc, argv);
    return context.run();
}

TEST_CASE("the relational picture per phase: a versioned part of the JSON and a section in every format") {
    const RedactedSummary r = redacted(false);
    const HandoverSummary& s = r.model();
    REQUIRE(s.phasePictureAvailable);
    const PhasePicture& pic = s.phasePicture;
    // The whole story up to the period's end: the contacts before the move are in it.
    CHECK(pic.period.from == Date{2025, 4, 12});
    CHECK(pic.period.to == Date{2026, 1, 15});
    CHECK(pic.phases[0].contacts == 6);
    CHECK(pic.phases[0].at(Track::Family, Use::Consistency).contacts == 2);
    const std::string allThree = "Before the move, practitioner, family and peer & community relationships "
                                 "were all used for consistency.";
    const std::string notBegun = "The ending phase has not begun: it starts on Tue 3 Mar 2026.";
    for (const auto& [format, text] : everyFormat(r)) {
        CAPTURE(format);
        if (format != "json") CHECK(text.find("Relationships per phase") != std::string::npos);
        CHECK(text.find(allThree) != std::string::npos);
        CHECK(text.find(notBegun) != std::string::npos);
        // Table cells can interleave in pdftotext's reading; the people are checked in the other formats.
        if (format != "pdf") CHECK(text.find("Irene Brennick (nan)") != std::string::npos);
    }
    const std::string json = render(r, HandoverFormat::Json);
    CHECK(json.find("\"phasePicture\": {\n    \"version\": 1,\n    \"available\": true") !=
          std::string::npos);

    // Without the insight engine the part is there, marked unavailable, with the same keys.
    HandoverInput in = tlhandover::fixedScenario();
    in.runInsight = false;
    const std::string off = render(redacted(false, in), HandoverFormat::Json);
    CHECK(
        off.find("\"phasePicture\": {\n    \"version\": 1,\n    \"available\": false,\n    \"from\": null") !=
        std::string::npos);
    CHECK(render(redacted(false, in), HandoverFormat::Markdown).find("is not part of this summary") !=
          std::string::npos);
}

TEST_CASE("the picture per phase is redacted: a name holding the home's name is masked in every format") {
    HandoverInput in = tlhandover::fixedScenario();
    NetworkMember staff;
    staff.meta.id = "00000002-0000-4000-8000-000000000099";
    staff.youngPersonId = in.person.meta.id;
    staff.name = std::string(tlhandover::scenarioHomeName) + " night staff";
    staff.track = Track::Practitioner;
    staff.role = Role::ResidentialStaff;
    staff.place = Place::PlacementArea;
    in.members.push_back(staff);
    ContactRecord c;
    c.meta.id = "00000003-0000-4000-8000-000000000999";
    c.youngPersonId = in.person.meta.id;
    c.date = Date{2025, 12, 1};
    c.kind = ContactKind::PractitionerVisit;
    c.participantIds = {staff.meta.id};
    c.place = Place::PlacementArea;
    c.uses = static_cast<std::uint32_t>(Use::Safety);
    in.contacts.push_back(c);
    const RedactedSummary r = redacted(false, in);
    const auto& cell = r.model().phasePicture.phases[1].at(Track::Practitioner, Use::Safety);
    REQUIRE(cell.people.size() == 1);
    CHECK(cell.people[0].name == "[placement detail withheld] night staff");
    for (const auto& [format, text] : everyFormat(r)) {
        CAPTURE(format);
        for (const char* secret : confidential)
            CHECK(text.find(secret) == std::string::npos);
    }
    // Included on purpose for a named recipient, the name is shown as written.
    const RedactedSummary shown = redacted(true, in);
    CHECK(shown.model().phasePicture.phases[1].at(Track::Practitioner, Use::Safety).people[0].name ==
          staff.name);
}
