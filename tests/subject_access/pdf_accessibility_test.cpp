// The subject access PDF for assistive technology: the young person or their representative may read it with
// a screen reader, so it is a tagged PDF as the handover summary's is (docs/accessibility.md). Checked from
// outside, as the summary's is: pdfinfo, pdfinfo -struct-text, pdftotext, qpdf --check and qpdf's JSON
// (tests/support pdf_structure.hpp). The emoji test case needs an emoji font and runs as its own ctest
// (subject_access_pdf_emoji_tests) with the fontconfig of the tests of scripts. All data is invented.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "throughline/records/store.hpp"
#include "throughline/subject_access/subject_access.hpp"
#include "throughline/testing/files.hpp"
#include "throughline/testing/pdf_structure.hpp"
#include "throughline/testing/test_vault.hpp"
#include "throughline/testing/world_text.hpp"

#include <map>
#include <regex>
#include <string>
#include <vector>

using namespace throughline::core;
namespace tltest = throughline::testing;
using nlohmann::json;

namespace {

constexpr std::int64_t kNow = 1'795'000'000'000; // a fixed moment (November 2026): the same bytes each time

template <class T> T must(Result<T> r) {
    REQUIRE_MESSAGE(r.ok(), r.error().message);
    return std::move(r).value();
}

std::string run(const std::string& cmd) {
    return tltest::commandOutput(cmd + " 2>/dev/null");
}

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// One young person with a network, a placement, contacts enough for several pages (one with `words` in the
// young person's own words), an action and a safety plan.
struct Fixture {
    tltest::TempDir dir;
    tltest::TestVault created = tltest::makeVault(dir / "vault");
    Vault& vault = *created.vault;
    std::string yp;

    explicit Fixture(const std::string& words = "I liked the bowling, even when I lost.") {
        Store& store = vault.store();
        YoungPerson p;
        p.name = "Rowan Astley-Vane";
        p.homeAuthority = "Harlow Vale Council";
        yp = must(store.save(p));
        Placement pl;
        pl.youngPersonId = yp;
        pl.type = PlacementType::K2;
        pl.placementArea = "Northmere";
        pl.locationAddress = "14 Quillon Row, Northmere NM3 9ZZ";
        pl.locationName = "Birchgate House";
        pl.start = Date::today().addDays(-90);
        must(store.save(pl));
        std::vector<std::string> members;
        for (const auto& [name, role, track] : std::vector<std::tuple<const char*, Role, Track>>{
                 {"Della Astley", Role::Parent, Track::Family},
                 {"Jayden Morrow", Role::Friend, Track::PeerCommunity},
                 {"Priya Nandra", Role::SocialWorker, Track::Practitioner}}) {
            NetworkMember m;
            m.youngPersonId = yp;
            m.name = name;
            m.role = role;
            m.track = track;
            m.notes = std::string("Notes about ") + name + ".";
            members.push_back(must(store.save(m)));
        }
        for (int i = 0; i < 14; ++i) {
            ContactRecord c;
            c.youngPersonId = yp;
            c.kind = ContactKind::FamilyTime;
            c.date = Date::today().addDays(-3 - i);
            c.participantIds = {members[0]};
            c.youngPersonWords = i == 0 ? words : "We went to the park by the canal and fed the ducks.";
            c.observations =
                "Della Astley arrived on time; the visit was warm and relaxed throughout, and Rowan "
                "talked about school and the football team.";
            must(store.save(c));
        }
        FollowUpAction a;
        a.youngPersonId = yp;
        a.description = "Book the next family time";
        a.owner = "Key worker";
        must(store.save(a));
        SafetyPlan plan;
        plan.youngPersonId = yp;
        plan.safePlaces = "The library and the boxing club";
        plan.peopleIds = {members[2]};
        must(store.save(plan));
    }

    // The PDF, with family and friends withheld by role (a bulleted list of what is withheld).
    std::string pdf() {
        SubjectAccessRequest r;
        r.youngPersonId = yp;
        r.recipient = "Rowan Astley-Vane";
        r.withhold.push_back(Withholding{Withholding::Scope::ThirdParties, "", WithholdBasis::ThirdParty});
        r.withholdReason = "Family members have not agreed to their details being shared.";
        r.nowMs = kNow;
        return must(buildSubjectAccess(vault, r)).pdf;
    }
    std::string file() {
        const auto path = (dir / "subject-access.pdf").string();
        tltest::writeFile(path, pdf());
        return path;
    }
};

// The footer ("Subject access copy: everything held · page N") starts 792 pt from the top of the page; the
// text area ends at 758 pt. Nothing runs above the text.
std::vector<std::string> contentLines(const std::string& file) {
    return tltest::pdfContentLines(THROUGHLINE_PDFTOTEXT, file, 0, 780);
}

// pdfinfo -struct-text as it prints it: each element's name on a line, then its text quoted on the next.
// The text of every element named `kind` ("H2"), in order.
std::vector<std::string> elementTexts(const std::string& tree, const std::string& kind) {
    std::vector<std::string> out;
    static const std::regex line(R"re(^ *(\S+)[^\n]*\n *"([^\n]*)"$)re", std::regex::multiline);
    for (auto m = std::sregex_iterator(tree.begin(), tree.end(), line); m != std::sregex_iterator(); ++m)
        if ((*m)[1] == kind) out.push_back((*m)[2]);
    return out;
}

} // namespace

TEST_CASE("the subject access PDF is tagged, titled and in British English, and qpdf finds it sound") {
    Fixture f;
    const auto file = f.file();
    const auto info = run(std::string(THROUGHLINE_PDFINFO) + " '" + file + "'");
    REQUIRE_MESSAGE(!info.empty(), "pdfinfo (poppler-utils) is needed");
    CHECK(std::regex_search(info, std::regex("Tagged: +yes")));
    CHECK(std::regex_search(info, std::regex("Title: +Everything held about Rowan Astley-Vane")));
    std::smatch pages;
    REQUIRE(std::regex_search(info, pages, std::regex("Pages: +([0-9]+)")));
    CHECK(std::stoi(pages[1].str()) >= 2); // page breaks inside elements are covered
    CHECK(run(std::string(THROUGHLINE_QPDF) + " --check '" + file + "' >/dev/null; echo $?") == "0\n");

    const auto pdf = tltest::qpdfJson(THROUGHLINE_QPDF, file);
    const auto& catalog = pdf.catalog();
    CHECK(catalog["/Lang"] == "u:en-GB");
    CHECK(pdf.get(catalog["/ViewerPreferences"])["/DisplayDocTitle"] == true);
    CHECK(pdf.get(catalog["/MarkInfo"])["/Marked"] == true);
    CHECK(pdf.get(pdf.trailer()["/Info"])["/Title"] == "u:Everything held about Rowan Astley-Vane");
    CHECK(pdf.get(catalog["/Metadata"])["/Subtype"] == "/XML");
    REQUIRE(catalog.contains("/StructTreeRoot"));
    const auto& rootKids = pdf.get(pdf.get(catalog["/StructTreeRoot"])["/K"]);
    REQUIRE(rootKids.is_array());
    REQUIRE(rootKids.size() == 1);
    std::vector<json> elems;
    tltest::structElems(pdf, rootKids[0], elems);
    REQUIRE(!elems.empty());
    CHECK(elems[0]["/S"] == "/Document");
    std::map<std::string, int> kinds;
    for (const auto& e : elems)
        ++kinds[e["/S"].get<std::string>()];
    for (const char* k : {"/H1", "/H2", "/H3", "/P", "/L", "/LI", "/LBody"})
        CHECK_MESSAGE(kinds[k] > 0, "no structure element ", k);
    CHECK(kinds["/Document"] == 1);
    CHECK(kinds["/H1"] == 1);
    CHECK(kinds["/Figure"] == 0);
    CHECK(kinds["/Span"] == 0); // no emoji here
}

TEST_CASE("headings: the title is the H1, the sections H2 and each record an H3, in reading order") {
    Fixture f;
    const auto tree = run(std::string(THROUGHLINE_PDFINFO) + " -struct-text '" + f.file() + "'");
    REQUIRE_MESSAGE(!tree.empty(), "pdfinfo (poppler-utils) is needed");
    CHECK(elementTexts(tree, "H1") == std::vector<std::string>{"Everything held about Rowan Astley-Vane"});
    CHECK(elementTexts(tree, "H2") == std::vector<std::string>{"What this copy leaves out, and why",
                                                               "Records",
                                                               "Audit trail entries about these records",
                                                               "Files received about the young person"});
    const auto records = elementTexts(tree, "H3");
    CHECK(records.size() >= 14 + 3 + 1 + 1 + 1 + 1); // contacts, members, placement, action, plan, person
    CHECK(records.front() == "Young person: Rowan Astley-Vane");
    // The footer is an artifact: on the page, not in the structure.
    const auto pages = run(std::string(THROUGHLINE_PDFTOTEXT) + " -q '" + f.file() + "' -");
    CHECK(has(pages, "Subject access copy: everything held · page 2"));
    CHECK_FALSE(has(tree, "Subject access copy: everything held"));
    CHECK_FALSE(has(pages, "•")); // the bullets are dots, not text: the list says it is a list
}

TEST_CASE("every line of text on the pages, bar the footer, is in the structure") {
    // cairo 1.16 marks only the content of leaf elements: text drawn outside a P or a heading would be made
    // an artifact and skipped by a screen reader. Lists of fields, changes and withheld items, a withheld
    // item's legal basis and reason inside its list item, and paragraphs broken by a page are all here.
    Fixture f;
    const auto file = f.file();
    const auto lines = contentLines(file);
    const auto structure = tltest::pdfStructureText(THROUGHLINE_PDFINFO, file);
    REQUIRE(lines.size() > 100);
    CHECK(has(structure, tltest::withoutSpace("Legal basis:")));
    CHECK(has(structure, tltest::withoutSpace("Reason: Family members have not agreed")));
    for (const auto& line : tltest::linesNotInStructure(lines, structure))
        FAIL_CHECK("on the page but not in the structure: ", line);
}

TEST_CASE("every page's content outside the structure is an artifact, in balanced marked content") {
    Fixture f;
    const auto qdf = (f.dir / "qdf.pdf").string();
    const auto pages = tltest::pdfPageContents(THROUGHLINE_QPDF, f.file(), qdf);
    REQUIRE(pages.size() >= 2);
    for (std::size_t i = 0; i < pages.size(); ++i) {
        const std::string& content = pages[i];
        CAPTURE(i + 1);
        CHECK(has(content, "/Artifact BMC")); // the footer
        CHECK(has(content, "BDC"));
        CHECK(tltest::occurrences(content, "BDC") + tltest::occurrences(content, "BMC") ==
              tltest::occurrences(content, "EMC"));
    }
}

TEST_CASE("the same export gives the same bytes") {
    Fixture f;
    CHECK(f.pdf() == f.pdf());
}

TEST_CASE("emoji in the young person's words are read back as text, in place and in the structure") {
    Fixture f(tltest::kEmojiWords);
    const auto file = f.file();
    CHECK(run(std::string(THROUGHLINE_QPDF) + " --check '" + file + "' >/dev/null; echo $?") == "0\n");
    // Still pictures (cairo 1.16 draws colour glyphs so), read back with the words either side on one line:
    // the record's field (the change that wrote it, further down, is broken over two lines).
    const auto text = run(std::string(THROUGHLINE_PDFTOTEXT) + " -q '" + file + "' -");
    CHECK_MESSAGE(has(text, std::string("Young person words: ") + tltest::kEmojiWords), text);
    const auto images = run(std::string(THROUGHLINE_PDFIMAGES) + " -list '" + file + "'");
    CHECK(has(images, "image"));
    // A screen reader reads them as text: each a Span in the P of the field, with its /ActualText.
    const auto structure = tltest::pdfStructureText(THROUGHLINE_PDFINFO, file);
    CHECK(tltest::occurrences(structure, tltest::withoutSpace(tltest::kEmojiWords)) >= 2);
    const auto tree = run(std::string(THROUGHLINE_PDFINFO) + " -struct-text '" + file + "'");
    const auto words = tree.find("\"Young person words: Match on Saturday");
    REQUIRE_MESSAGE(words != std::string::npos, tree.substr(0, 4000));
    const auto inside = tree.substr(words, tree.find("see you 😊", words) - words);
    CHECK(tltest::occurrences(inside, "Span") == 4);
    for (const char* emoji : {"\"🏟️\"", "\"⚽\"", "\"👍🏾\"", "\"🙏\""})
        CHECK_MESSAGE(has(inside, emoji), emoji);
    // Every line still in the structure, and the same bytes each time.
    for (const auto& line : tltest::linesNotInStructure(contentLines(file), structure))
        FAIL_CHECK("on the page but not in the structure: ", line);
    CHECK(f.pdf() == tltest::readFile(file));
}
