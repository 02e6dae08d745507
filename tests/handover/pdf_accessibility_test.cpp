// The summary PDF for assistive technology (issue 14): cairo's structure tags make it a tagged PDF that
// reads in order; the post-processing step (core/handover/src/pdf_tags.cpp) adds what cairo cannot write.
// Each property is checked from outside, in qpdf's JSON and poppler's pdfinfo, never through the code that
// wrote it. All data is invented.
#include "scenario.hpp"
#include "throughline/testing/files.hpp"
#include "throughline/testing/temp_dir.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <regex>

using namespace throughline::core;
using nlohmann::json;

namespace {

std::string run(const std::string& cmd) {
    return throughline::testing::commandOutput(cmd + " 2>/dev/null");
}

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

std::string summaryPdf() {
    auto r = redact(buildHandoverSummary(tlhandover::fixedScenario()), RedactionOptions{});
    REQUIRE(r.ok());
    auto bytes = renderHandover(r.value(), HandoverFormat::Pdf);
    REQUIRE(bytes.ok());
    return bytes.value();
}

// qpdf --json=2: objects by reference ("3 0 R"), names "/Name", strings "u:text".
struct PdfJson {
    json objects;
    const json& get(const json& refOrValue) const {
        if (refOrValue.is_string()) {
            const auto key = "obj:" + refOrValue.get<std::string>();
            if (objects.contains(key)) {
                const auto& o = objects[key];
                return o.contains("value") ? o["value"] : o["stream"]["dict"];
            }
        }
        return refOrValue;
    }
};

void structElems(const PdfJson& pdf, const json& e, std::vector<json>& out, int depth = 0) {
    REQUIRE(depth < 64);
    const auto& d = pdf.get(e);
    if (!d.is_object() || !d.contains("/S")) return;
    out.push_back(d);
    if (!d.contains("/K")) return;
    const auto& k = pdf.get(d["/K"]);
    if (k.is_array())
        for (const auto& kid : k)
            structElems(pdf, kid, out, depth + 1);
    else
        structElems(pdf, k, out, depth + 1);
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

TEST_CASE(
    "qpdf's JSON: Lang, DisplayDocTitle, Title, MarkInfo, one Document root, Figure Alt, header scope") {
    tltest::TempDir dir;
    const auto file = (dir / "summary.pdf").string();
    tltest::writeFile(file, summaryPdf());
    const auto raw = run(std::string(THROUGHLINE_QPDF) + " --json=2 --json-key=qpdf '" + file + "'");
    REQUIRE_MESSAGE(!raw.empty(), "qpdf is needed");
    const auto j = json::parse(raw);
    PdfJson pdf{j["qpdf"][1]};
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
    // QDF mode: uncompressed content streams, each introduced by "%% Contents for page N".
    run(std::string(THROUGHLINE_QPDF) + " --qdf --object-streams=disable '" + file + "' '" + qdf + "'");
    const auto text = tltest::readFile(qdf);
    REQUIRE(has(text, "%% Contents for page 1"));
    int pages = 0;
    for (std::size_t at = text.find("%% Contents for page "); at != std::string::npos;
         at = text.find("%% Contents for page ", at + 1)) {
        ++pages;
        const auto end = text.find("endstream", at);
        const auto content = text.substr(at, end - at);
        CAPTURE(pages);
        CHECK(has(content, "/Artifact BMC"));
        CHECK(has(content, "BDC")); // and tagged content
        // Balanced marked content: as many ends as begins.
        const auto count = [&](const std::string& op) {
            std::size_t n = 0;
            for (auto p = content.find(op); p != std::string::npos; p = content.find(op, p + 1))
                ++n;
            return n;
        };
        CHECK(count("BDC") + count("BMC") == count("EMC"));
    }
    CHECK(pages >= 2);
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
