// The summary PDF for assistive technology (issue 14): cairo's structure tags make it a tagged PDF that
// reads in order; the post-processing step (core/handover/src/pdf_tags.cpp) adds what cairo cannot write.
// Each property is checked from outside, in qpdf's JSON and poppler's pdfinfo, never through the code that
// wrote it. All data is invented.
#include "scenario.hpp"
#include "throughline/testing/files.hpp"
#include "throughline/testing/pdf_structure.hpp"
#include "throughline/testing/temp_dir.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <map>
#include <regex>
#include <string>
#include <vector>

using namespace throughline::core;
using nlohmann::json;

namespace {

std::string run(const std::string& cmd) {
    return throughline::testing::commandOutput(cmd + " 2>/dev/null");
}

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

std::string summaryPdf(const HandoverInput& in = tlhandover::fixedScenario()) {
    auto r = redact(buildHandoverSummary(in), RedactionOptions{});
    REQUIRE(r.ok());
    auto bytes = renderHandover(r.value(), HandoverFormat::Pdf);
    REQUIRE(bytes.ok());
    return bytes.value();
}

using throughline::testing::occurrences;
using throughline::testing::PdfJson;
using throughline::testing::structElems;
using throughline::testing::withoutSpace;

// Every line of text drawn in the content area of the pages (tests/support pdf_structure.hpp). The running
// header (OFFICIAL-SENSITIVE, the person and period) sits above y = 62 and the footer (OFFICIAL-SENSITIVE,
// "Page n of m") below y = 785, outside the content area (70 to 780 pt from the top).
std::vector<std::string> contentLines(const std::string& file) {
    return throughline::testing::pdfContentLines(THROUGHLINE_PDFTOTEXT, file, 62, 785);
}

// The text that pdfinfo's structure reader finds in the structure elements, in order, without white space.
std::string structureText(const std::string& file) {
    return throughline::testing::pdfStructureText(THROUGHLINE_PDFINFO, file);
}

} // namespace

TEST_CASE("the summary PDF is tagged, and pdfinfo reads its structure in reading order without artifacts") {
    tltest::TempDir dir;
    const auto file = (dir / "summary.pdf").string();
    tltest::writeFile(file, summaryPdf());
    const auto info = run(std::string(THROUGHLINE_PDFINFO) + " '" + file + "'");
    REQUIRE_MESSAGE(!info.empty(), "pdfinfo (poppler-utils) is needed");
    CHECK(std::regex_search(info, std::regex("Tagged: +yes")));
    CHECK(std::regex_search(info, std::regex("Title: +Handover summary \\(OFFICIAL-SENSITIVE\\)")));

    const auto text = run(std::string(THROUGHLINE_PDFINFO) + " -struct-text '" + file + "'");
    std::size_t at = 0;
    for (const char* part :
         {"Handover summary: Tayo Brennick", "At a glance", "Young person and placement", "Date of birth",
          "Relationships by track and place", "Practitioner", "Network map", "Network", "Gaps and silences",
          "In the young person's own words", "I miss my nan.", "Safety plan", "Missing episodes and concerns",
          "Open actions", "Ending the relocation"}) {
        const auto pos = text.find(part, at);
        CHECK_MESSAGE(pos != std::string::npos, "not found in reading order after the previous part: ", part);
        if (pos != std::string::npos) at = pos;
    }
    // The running header and footer and the page numbers are artifacts: on the page, not in the structure.
    CHECK(has(run(std::string(THROUGHLINE_PDFTOTEXT) + " -q '" + file + "' -"), "Page 1 of"));
    CHECK_FALSE(has(text, "Page 1 of"));
    CHECK_FALSE(has(text, "OFFICIAL-SENSITIVE"));
}

TEST_CASE("every line of text on the pages, bar the running header and footer, is in the structure") {
    // cairo 1.16 marks only the content of leaf elements: text drawn into an element that also holds another
    // (a list item's own text beside its indented evidence) is left unmarked, made an artifact by the
    // post-processing step, and skipped by screen readers. The fixed scenario has gaps with evidence under
    // them; the one with sources has "Recorded by …" notes under missing episodes and concerns.
    for (const bool sources : {false, true}) {
        CAPTURE(sources);
        tltest::TempDir dir;
        const auto file = (dir / "summary.pdf").string();
        tltest::writeFile(file,
                          summaryPdf(sources ? tlhandover::sourcesScenario() : tlhandover::fixedScenario()));
        const auto lines = contentLines(file);
        const auto structure = structureText(file);
        REQUIRE(lines.size() > 100);
        CHECK(has(structure, withoutSpace("Silence on a track: No peer & community contact")));
        std::map<std::string, std::size_t> drawn;
        for (const auto& l : lines)
            ++drawn[withoutSpace(l)];
        std::size_t missing = 0;
        for (const auto& [line, times] : drawn) {
            // As often in the structure as on the pages (a short line can also be part of a longer one).
            const bool read = occurrences(structure, line) >= times;
            missing += !read;
            CHECK_MESSAGE(read, "on the page but not in the structure: ", line);
        }
        CHECK(missing == 0);
    }
}

TEST_CASE(
    "qpdf's JSON: Lang, DisplayDocTitle, Title, MarkInfo, one Document root, Figure Alt, header scope") {
    tltest::TempDir dir;
    const auto file = (dir / "summary.pdf").string();
    tltest::writeFile(file, summaryPdf());
    const PdfJson pdf = throughline::testing::qpdfJson(THROUGHLINE_QPDF, file);
    const auto& trailer = pdf.objects["trailer"]["value"];
    const auto& catalog = pdf.get(trailer["/Root"]);

    CHECK(catalog["/Lang"] == "u:en-GB");
    CHECK(pdf.get(catalog["/ViewerPreferences"])["/DisplayDocTitle"] == true);
    CHECK(pdf.get(catalog["/MarkInfo"])["/Marked"] == true);
    CHECK(pdf.get(trailer["/Info"])["/Title"] == "u:Handover summary (OFFICIAL-SENSITIVE)");
    const auto& meta = pdf.get(catalog["/Metadata"]);
    CHECK(meta["/Subtype"] == "/XML");

    REQUIRE(catalog.contains("/StructTreeRoot"));
    const auto& tree = pdf.get(catalog["/StructTreeRoot"]);
    CHECK(tree["/Type"] == "/StructTreeRoot");
    const auto& rootKids = pdf.get(tree["/K"]);
    REQUIRE(rootKids.is_array());
    REQUIRE(rootKids.size() == 1);
    std::vector<json> elems;
    structElems(pdf, rootKids[0], elems);
    REQUIRE(!elems.empty());
    CHECK(elems[0]["/S"] == "/Document");

    std::map<std::string, int> kinds;
    std::vector<std::string> alts;
    int columnHeaders = 0, rowHeaders = 0;
    for (const auto& e : elems) {
        const auto s = e["/S"].get<std::string>();
        ++kinds[s];
        if (s == "/Figure") alts.push_back(e.contains("/Alt") ? e["/Alt"].get<std::string>() : "");
        if (s == "/TH" && e.contains("/A")) {
            const auto& a = pdf.get(e["/A"]);
            columnHeaders += a["/Scope"] == "/Column";
            rowHeaders += a["/Scope"] == "/Row";
        }
    }
    for (const char* k : {"/H1", "/H2", "/H3", "/P", "/L", "/LI", "/LBody", "/Table", "/TR", "/TH", "/TD",
                          "/Figure", "/BlockQuote"})
        CHECK_MESSAGE(kinds[k] > 0, "no structure element ", k);
    CHECK(kinds["/H1"] == 1);
    CHECK(kinds["/Document"] == 1);
    CHECK(columnHeaders > 0);
    CHECK(rowHeaders > 0);

    // The network map's description: who is where, which relationships are protective, which silent;
    // from the redacted model, so no placement detail.
    REQUIRE(alts.size() == 1);
    const auto& alt = alts[0];
    INFO(alt);
    CHECK(alt.rfind("u:Network map: Tay at the centre", 0) == 0);
    CHECK(has(
        alt, "Family track: in the home area, Carla Brennick (mum), Irene Brennick (nan) and Jordan Brennick "
             "(brother)."));
    CHECK(has(alt, "Harmful in the worker's view: Older lad known as 'Fitz'."));
    CHECK(has(alt, "Carla Brennick"));
    CHECK(has(alt, "Protective in the worker's view:"));
    CHECK(has(alt, "No contact in the period (silent):"));
    for (const char* secret :
         {tlhandover::scenarioHomeName, tlhandover::scenarioStreet, tlhandover::scenarioProvider})
        CHECK_FALSE(has(alt, secret));
}

TEST_CASE("every page's content outside the structure is marked as an artifact") {
    tltest::TempDir dir;
    const auto file = (dir / "summary.pdf").string(), qdf = (dir / "qdf.pdf").string();
    tltest::writeFile(file, summaryPdf());
    const auto pages = tltest::pdfPageContents(THROUGHLINE_QPDF, file, qdf);
    REQUIRE(pages.size() >= 2);
    for (std::size_t i = 0; i < pages.size(); ++i) {
        const std::string& content = pages[i];
        CAPTURE(i + 1);
        CHECK(has(content, "/Artifact BMC"));
        CHECK(has(content, "BDC")); // and tagged content
        // Balanced marked content: as many ends as begins.
        CHECK(tltest::occurrences(content, "BDC") + tltest::occurrences(content, "BMC") ==
              tltest::occurrences(content, "EMC"));
    }
}

TEST_CASE("the HTML map's description is the same words as the PDF figure's /Alt") {
    auto r = redact(buildHandoverSummary(tlhandover::fixedScenario()), RedactionOptions{});
    REQUIRE(r.ok());
    auto html = renderHandover(r.value(), HandoverFormat::Html);
    REQUIRE(html.ok());
    CHECK(has(html.value(),
              "<desc id=\"map-desc\">Network map: Tay at the centre, with 10 people around them"));
    CHECK(has(html.value(), "Harmful in the worker&#39;s view: Older lad known as &#39;Fitz&#39;."));
}
