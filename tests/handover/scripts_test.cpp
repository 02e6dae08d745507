// Summaries in every script (issue 11 §6): the young person's words with emoji, combining marks, Arabic
// and Ethiopic, and a 20,000-character entry, through the PDF (pango shapes them; read back with pdftotext,
// pdfimages and pdfinfo's structure reader, checked by qpdf) and the HTML. Runs with its own fontconfig:
// DejaVu Sans plus Noto Color Emoji, Noto Naskh Arabic and Noto Sans Ethiopic (fonts-noto-color-emoji,
// fonts-noto-core). All data is invented.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include "scenario.hpp"

#include "throughline/handover/handover.hpp"
#include "throughline/testing/files.hpp"
#include "throughline/testing/temp_dir.hpp"
#include "throughline/testing/world_text.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <regex>
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

std::size_t count(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (auto pos = text.find(part); pos != std::string::npos; pos = text.find(part, pos + part.size()))
        ++n;
    return n;
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
    // The colour emoji are drawn as images (cairo 1.16 writes colour glyphs that way), each with its soft
    // mask; with no emoji font they would be hex boxes and no image at all.
    const std::string images = run(std::string(THROUGHLINE_PDFIMAGES) + " -list '" + file.string() + "'");
    std::size_t lines = 0;
    for (char c : images)
        lines += c == '\n';
    CHECK(lines >= 2 + 5); // two header lines, then one a drawn emoji
    // DejaVu Sans has Arabic; Ethiopic comes from Noto Sans Ethiopic, embedded.
    const std::string fonts = run(std::string(THROUGHLINE_PDFFONTS) + " '" + file.string() + "'");
    CHECK(fonts.find("NotoSansEthiopic") != std::string::npos);
}

TEST_CASE("the PDF's colour emoji are drawn as pictures and read back as text, in place") {
    const std::string pdf = render(withWords(tltest::kEmojiWords), HandoverFormat::Pdf);
    tltest::TempDir dir;
    const auto file = dir / "s.pdf";
    tltest::writeFile(file, pdf);
    const std::string quoted = "'" + file.string() + "'";
    CHECK(run(std::string(THROUGHLINE_QPDF) + " --check " + quoted + " 2>&1")
              .find("No syntax or stream encoding errors") != std::string::npos);
    // Still pictures: the four that Noto Color Emoji draws (🏟️ ⚽ 👍🏾 🙏; 😊 is in DejaVu
    // Sans, so text anyway), each an image with its soft mask.
    const std::string images = run(std::string(THROUGHLINE_PDFIMAGES) + " -list " + quoted);
    CHECK(std::regex_search(images, std::regex(R"(\n +\d+ +\d+ +image )")));
    CHECK(count(images, " smask ") >= 4);
    // Sharp enough to print: drawn at four times 72 pixels to the inch, an emoji in 10 pt text is at least
    // 48 pixels high (cairo 1.16's own picture of a colour glyph is 13), placed at 288 pixels to the inch.
    // One picture for each different emoji, however often it is drawn.
    static const std::regex row(R"(\n +\d+ +\d+ +(image|smask) +(\d+) +(\d+) .* (\d+) +(\d+) +\S+ +\S+)");
    std::size_t pictures = 0;
    for (auto r = std::sregex_iterator(images.begin(), images.end(), row); r != std::sregex_iterator(); ++r) {
        CAPTURE((*r)[0].str());
        pictures += (*r)[1] == "image";
        CHECK(std::stoi((*r)[3].str()) >= 48);
        CHECK(std::stoi((*r)[4].str()) >= 280);
        CHECK(std::stoi((*r)[5].str()) >= 280);
    }
    CHECK(pictures == 4);
    // Text extraction reads every emoji where it is drawn, whole (U+1F44D U+1F3FE together; poppler keeps the
    // U+FE0F of 🏟️), with the words either side, on one line.
    const std::string text = run(std::string(THROUGHLINE_PDFTOTEXT) + " -q " + quoted + " -");
    CHECK_MESSAGE(text.find(tltest::kEmojiWords) != std::string::npos, text);
    // Assistive technology reads the quote as one element with a Span for each picture, its text as
    // /ActualText (poppler's structure reader takes it from the invisible glyph's ToUnicode map).
    const std::string structure = run(std::string(THROUGHLINE_PDFINFO) + " -struct-text " + quoted);
    const auto quote = structure.find("\"Match on Saturday ");
    const auto end = structure.find("see you 😊", quote);
    REQUIRE(quote != std::string::npos);
    REQUIRE(end != std::string::npos);
    const std::string inside = structure.substr(quote, end - quote);
    CHECK(count(inside, "Span") == 4);
    CHECK(inside.find("BlockQuote") == std::string::npos); // joined again round the Spans
    std::size_t at = 0;
    for (const char* emoji : {"\"🏟️\"", "\"⚽\"", "\"👍🏾\"", "\"🙏\""}) {
        at = inside.find(emoji, at);
        CHECK_MESSAGE(at != std::string::npos, emoji);
    }
    const std::string raw = run(std::string(THROUGHLINE_QPDF) + " --qdf --object-streams=disable " + quoted +
                                " - | grep -a -c '/ActualText <feff[0-9a-f]*> */MCID'");
    CHECK(std::stoi(raw) == 4); // on each Span's marked content too
    // The same summary gives the same bytes.
    CHECK(render(withWords(tltest::kEmojiWords), HandoverFormat::Pdf) == pdf);
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
    // Every line's colour emoji read back once: on the page its line is on, not again from the slices of the
    // same text clipped to the other pages.
    CHECK(count(text, "⚽") == 1000);
    CHECK(count(text, "🙏") == 1000);
}
