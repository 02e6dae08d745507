// Summaries in every script (issue 11 §6): the young person's words with emoji, combining marks, Arabic
// and Ethiopic, and a 20,000-character entry, through the PDF (pango shapes them; read back with pdftotext
// and pdfimages) and the HTML. Runs with its own fontconfig: DejaVu Sans plus Noto Color Emoji, Noto Naskh
// Arabic and Noto Sans Ethiopic (fonts-noto-color-emoji, fonts-noto-core). All data is invented.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include "scenario.hpp"

#include "throughline/handover/handover.hpp"
#include "throughline/testing/files.hpp"
#include "throughline/testing/temp_dir.hpp"
#include "throughline/testing/world_text.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <string>

using namespace throughline::core;

namespace {

std::string run(const std::string& cmd) {
    return throughline::testing::commandOutput(cmd);
}

HandoverInput withWords(const std::string& words) {
    HandoverInput in = tlhandover::fixedScenario();
    in.person.name = "Oluwaseun Adébáyọ̀";
    REQUIRE_FALSE(in.contacts.empty());
    for (auto& c : in.contacts)
        if (!c.youngPersonWords.empty()) {
            c.youngPersonWords = words;
            break;
        }
    return in;
}

std::string render(const HandoverInput& in, HandoverFormat f) {
    auto r = redact(buildHandoverSummary(in), RedactionOptions{});
    REQUIRE(r.ok());
    auto bytes = renderHandover(*r, f);
    REQUIRE(bytes.ok());
    return std::move(bytes).value();
}

} // namespace

TEST_CASE("the PDF shapes Arabic, keeps combining marks on their letter and draws every emoji in colour") {
    const std::string words = std::string(tltest::kEmojiWords) + " — ሳባ ተስፋይ wrote «ليلى حداد» and “ọ̀rẹ́ mi”";
    const std::string pdf = render(withWords(words), HandoverFormat::Pdf);
    tltest::TempDir dir;
    const auto file = dir / "s.pdf";
    tltest::writeFile(file, pdf);
    const std::string text = run(std::string(THROUGHLINE_PDFTOTEXT) + " -q '" + file.string() + "' -");
    CHECK(text.find("Oluwaseun Adébáyọ̀") != std::string::npos); // the combining grave read back in place
    CHECK(text.find("ọ̀rẹ́ mi") != std::string::npos);
    CHECK(text.find("ሳባ ተስፋይ") != std::string::npos);
    CHECK(text.find("ليلى") != std::string::npos); // shaped by pango, read back in logical order
    CHECK(text.find("Match on Saturday") != std::string::npos);
    // The colour emoji are drawn as images (cairo 1.16 writes colour glyphs that way), one for each of
    // 🏟 ⚽ 👍 🏾 🙏 😊 at least; with no emoji font they would be hex boxes and no image at all.
    const std::string images = run(std::string(THROUGHLINE_PDFIMAGES) + " -list '" + file.string() + "'");
    std::size_t lines = 0;
    for (char c : images)
        lines += c == '\n';
    CHECK(lines >= 2 + 5); // two header lines, then one a drawn emoji
    // DejaVu Sans has Arabic; Ethiopic comes from Noto Sans Ethiopic, embedded.
    const std::string fonts = run(std::string(THROUGHLINE_PDFFONTS) + " '" + file.string() + "'");
    CHECK(fonts.find("NotoSansEthiopic") != std::string::npos);
}

TEST_CASE("the HTML names a font stack with an emoji font and keeps every character as written") {
    const std::string words = std::string(tltest::kEmojiWords) + " ليلى ọ̀";
    const std::string html = render(withWords(words), HandoverFormat::Html);
    CHECK(html.find("\"Noto Color Emoji\"") != std::string::npos);
    CHECK(html.find("\"Noto Naskh Arabic\"") != std::string::npos);
    CHECK(html.find(words) != std::string::npos);
}

TEST_CASE("a 20,000-character entry of the young person's words reaches the PDF and HTML whole") {
    const std::string words = tltest::longWords(20000);
    const HandoverInput in = withWords(words);
    const std::string html = render(in, HandoverFormat::Html);
    // HTML keeps line breaks as <br> or in a pre-wrap block; compare the first and last lines.
    const std::string first = words.substr(0, words.find('\n'));
    const std::string last = words.substr(words.rfind('\n', words.size() - 2) + 1);
    CHECK(html.find(first) != std::string::npos);
    CHECK(html.find(last.substr(0, last.size() - 1)) != std::string::npos);
    const std::string md = render(in, HandoverFormat::Markdown);
    std::size_t pieces = 0;
    for (auto pos = md.find("abcde"); pos != std::string::npos; pos = md.find("abcde", pos + 1))
        ++pieces;
    CHECK(pieces == 1000); // every one of the 1,000 lines
    const std::string pdf = render(in, HandoverFormat::Pdf);
    tltest::TempDir dir;
    tltest::writeFile(dir / "s.pdf", pdf);
    const std::string text =
        run(std::string(THROUGHLINE_PDFTOTEXT) + " -q '" + (dir / "s.pdf").string() + "' -");
    pieces = 0;
    for (auto pos = text.find("abcde"); pos != std::string::npos; pos = text.find("abcde", pos + 1))
        ++pieces;
    CHECK(pieces == 1000);
}
