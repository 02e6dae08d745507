// The multi-line editor's layout core (no UI): wrap points, caret motion across wrapped lines, long words,
// combining characters, characters outside the font, undo history.
#include "app/text_history.hpp"
#include "app/text_layout.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace throughline::app::text;

namespace {

// A stand-in font: every character 10 px, combining marks 0 px, and anything above U+FFFF (emoji, which
// the app's 16-bit ImGui draws with its fallback glyph) the fallback's 7 px.
float advance(char32_t c) {
    if (c >= 0x300 && c <= 0x36F) return 0;
    if (c > 0xFFFF) return 7;
    return 10;
}

TextLayout layoutOf(const std::string& s, float width) {
    TextLayout l;
    l.build(s, width, advance);
    return l;
}

std::vector<std::string> lineTexts(const std::string& s, const TextLayout& l) {
    std::vector<std::string> out;
    for (const VisualLine& v : l.lines())
        out.push_back(s.substr(v.begin, v.end - v.begin));
    return out;
}

using Lines = std::vector<std::string>;

} // namespace

TEST_CASE("words wrap at spaces; the spaces stay at the end of the line, the text is unchanged") {
    const std::string s = "the quick brown fox jumps";
    const TextLayout l = layoutOf(s, 100); // ten characters a line
    CHECK(lineTexts(s, l) == Lines{"the quick ", "brown fox ", "jumps"});
    CHECK(l.lines()[0].soft);
    CHECK(l.lines()[1].soft);
    CHECK_FALSE(l.lines()[2].soft);
    CHECK(l.lines()[0].width == doctest::Approx(100)); // the space hangs at the edge
    CHECK(l.lines()[0].ink == doctest::Approx(90));
    CHECK(l.lines()[2].ink == doctest::Approx(50));
    // A word that exactly fills the line does not wrap.
    CHECK(lineTexts("abcdefghij", layoutOf("abcdefghij", 100)) == Lines{"abcdefghij"});
    // Wider field, fewer lines.
    CHECK(layoutOf(s, 1000).lines().size() == 1);
}

TEST_CASE("hard newlines are respected, empty paragraphs are lines, a trailing newline starts a line") {
    const std::string s = "one\n\ntwo three four\n";
    const TextLayout l = layoutOf(s, 100);
    CHECK(lineTexts(s, l) == Lines{"one", "", "two three ", "four", ""});
    CHECK_FALSE(l.lines()[0].soft);
    CHECK(l.lines()[2].soft);
    CHECK(layoutOf("", 100).lines().size() == 1);
}

TEST_CASE("a word longer than the line breaks between characters") {
    const std::string s = "a abcdefghijklmnopqrstuvwxyz b";
    const TextLayout l = layoutOf(s, 100);
    CHECK(lineTexts(s, l) == Lines{"a ", "abcdefghij", "klmnopqrst", "uvwxyz b"});
    // On a line of its own from the start.
    CHECK(lineTexts("abcdefghijkl", layoutOf("abcdefghijkl", 50)) == Lines{"abcde", "fghij", "kl"});
    // A line narrower than one character still makes progress, one character a line.
    CHECK(lineTexts("abc", layoutOf("abc", 5)) == Lines{"a", "b", "c"});
}

TEST_CASE("combining marks are never separated from their base") {
    // "e" + COMBINING ACUTE ACCENT, repeated: each cluster is 3 bytes and 10 px wide.
    std::string word;
    for (int i = 0; i < 12; ++i)
        word += "e\xCC\x81";
    const TextLayout l = layoutOf(word, 50);
    REQUIRE(l.lines().size() == 3);
    for (const VisualLine& v : l.lines())
        CHECK((v.end - v.begin) % 3 == 0);
    CHECK(nextCluster(word, 0) == 3);
    CHECK(prevCluster(word, 6) == 3);
    CHECK(prevCluster(word, word.size()) == word.size() - 3);
    // A caret never lands between a base and its mark.
    const TextLayout wide = layoutOf(word, 1000);
    CHECK(wide.caretAt(word, 0, 14).offset == 3);
    CHECK(wide.caretAt(word, 0, 16).offset == 6);
}

TEST_CASE("emoji and characters outside the font are measured with the fallback glyph's advance") {
    const std::string grin = "\xF0\x9F\x98\x80";                   // U+1F600
    const std::string thumbs = "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD"; // thumbs up + skin tone: one cluster
    CHECK(nextCluster(thumbs, 0) == thumbs.size());
    CHECK(prevCluster(thumbs, thumbs.size()) == 0);
    std::string s;
    for (int i = 0; i < 20; ++i)
        s += grin;
    const TextLayout l = layoutOf(s, 70); // ten 7-px fallback glyphs a line
    CHECK(lineTexts(s, l).size() == 2);
    CHECK(l.lines()[0].end == 40);
    CHECK(l.lines()[0].width == doctest::Approx(70));
    CHECK(l.xOf(s, Caret{8}) == doctest::Approx(14));
    // Family emoji joined by zero-width joiners is one cluster.
    const std::string family = "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7"; // woman ZWJ girl
    CHECK(nextCluster(family, 0) == family.size());
    CHECK(prevCluster(family, family.size()) == 0);
}

TEST_CASE(
    "picture clusters: emoji beyond U+FFFF, emoji presentation, joiners, flags; each one picture wide") {
    // What the screen draws as one picture (astral_text.hpp) and what it draws with the font.
    CHECK(isPictureCluster("\xF0\x9F\x99\x8F"));                 // 🙏
    CHECK(isPictureCluster("\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBE")); // 👍🏾
    CHECK(isPictureCluster("\xE2\x9A\xBD"));                     // ⚽ (emoji by default)
    CHECK_FALSE(isPictureCluster("\xE2\x9A\xBD\xEF\xB8\x8E"));   // ⚽︎ asked for as text
    CHECK(isPictureCluster("\xE2\x9D\xA4\xEF\xB8\x8F"));         // ❤️ (U+FE0F)
    CHECK_FALSE(isPictureCluster("\xE2\x9D\xA4"));               // ❤ alone: text
    CHECK(isPictureCluster("1\xEF\xB8\x8F\xE2\x83\xA3"));        // 1️⃣
    CHECK_FALSE(isPictureCluster("o\xCC\xA3\xCC\x80"));          // ọ̀: a letter with marks
    CHECK_FALSE(isPictureCluster("\xE2\x9C\x93"));               // ✓ of the app's own labels
    CHECK_FALSE(isPictureCluster("a"));

    // A flag is a pair of regional indicators: two flags are two clusters, whichever way the caret goes.
    const std::string flags = "\xF0\x9F\x87\xAC\xF0\x9F\x87\xA7\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7"; // 🇬🇧🇫🇷
    CHECK(nextCluster(flags, 0) == 8);
    CHECK(nextCluster(flags, 8) == 16);
    CHECK(prevCluster(flags, 16) == 8);
    CHECK(prevCluster(flags, 8) == 0);
    CHECK(isPictureCluster(flags.substr(0, 8)));

    // With a picture width, each picture cluster is that wide however many characters it has.
    const std::string s = "ab \xF0\x9F\x91\x8D\xF0\x9F\x8F\xBE \xE2\x9A\xBD"; // ab 👍🏾 ⚽
    TextLayout l;
    l.build(s, 1000, advance, 24);
    CHECK(l.lines()[0].width == doctest::Approx(10 + 10 + 10 + 24 + 10 + 24));
    CHECK(l.xOf(s, Caret{11}) == doctest::Approx(54)); // after 👍🏾: one picture, not two glyphs
    CHECK(l.caretAt(s, 0, 40).offset == 3);            // a click on the left half of 👍🏾
    CHECK(l.caretAt(s, 0, 50).offset == 11);           // … on its right half: after the whole cluster
    // Without one, a cluster is the sum of its characters (the fallback's width each).
    TextLayout plain;
    plain.build(s, 1000, advance);
    CHECK(plain.lines()[0].width == doctest::Approx(10 + 10 + 10 + 14 + 10 + 10));
}

TEST_CASE("Up and Down move by visual line and keep the preferred x; Home and End stay on the visual line") {
    const std::string s = "the quick brown fox jumps";
    const TextLayout l = layoutOf(s, 100); // "the quick " / "brown fox " / "jumps"
    Caret c{2};                            // "th|e"
    c = l.down(s, c, 20);
    CHECK(c.offset == 12); // "br|own"
    CHECK(l.lineOf(c) == 1);
    c = l.down(s, c, 20);
    CHECK(c.offset == 22); // "ju|mps"
    c = l.up(s, c, 20);
    CHECK(c.offset == 12);
    // Past the end of a shorter line: the caret goes to its end, and comes back to the preferred x.
    Caret far = l.down(s, Caret{5}, 95); // line 1 is 10 wide with its space: caret after "fox "
    CHECK(far.offset == 20);
    CHECK(far.upstream); // at the end of line 1, not the start of line 2
    CHECK(l.lineOf(far) == 1);
    CHECK(l.down(s, far, 95).offset == s.size());
    // Up on the first line goes to the start; Down on the last to the end.
    CHECK(l.up(s, Caret{5}, 50).offset == 0);
    CHECK(l.down(s, Caret{22}, 20).offset == s.size());
    // Home and End of a wrapped line.
    CHECK(l.home(Caret{14}).offset == 10);
    const Caret e = l.end(Caret{14});
    CHECK(e.offset == 20);
    CHECK(e.upstream);
    CHECK(l.lineOf(e) == 1);
    CHECK(l.lineOf(Caret{20}) == 2); // the same offset without affinity starts the next line
    CHECK(l.home(e).offset == 10);   // Home from there stays on line 1
    CHECK(l.end(Caret{22}).offset == s.size());
}

TEST_CASE("caret from a point, and the x of a caret") {
    const std::string s = "abc def\nghi";
    const TextLayout l = layoutOf(s, 1000);
    CHECK(l.caretAt(s, 0, 0).offset == 0);
    CHECK(l.caretAt(s, 0, 14).offset == 1);
    CHECK(l.caretAt(s, 0, 16).offset == 2);
    CHECK(l.caretAt(s, 0, 500).offset == 7); // before the newline
    CHECK_FALSE(l.caretAt(s, 0, 500).upstream);
    CHECK(l.caretAt(s, 1, 500).offset == s.size());
    CHECK(l.xOf(s, Caret{5}) == doctest::Approx(50));
    CHECK(l.xOf(s, Caret{9}) == doctest::Approx(10));
}

TEST_CASE("words for Ctrl+arrows and double-click") {
    const std::string s = "Nan's tea,  is best\nnext";
    CHECK(nextWord(s, 0) == 3); // "Nan" then the apostrophe is punctuation
    CHECK(nextWord(s, 3) == 4);
    CHECK(nextWord(s, 4) == 6);   // "s " to "tea"
    CHECK(nextWord(s, 6) == 9);   // "tea" to ","
    CHECK(nextWord(s, 9) == 12);  // "," and the spaces
    CHECK(nextWord(s, 16) == 19); // "best" stops at the newline
    CHECK(nextWord(s, 19) == 20);
    CHECK(prevWord(s, 12) == 9);
    CHECK(prevWord(s, 9) == 6);
    CHECK(prevWord(s, 20) == 19);
    CHECK(prevWord(s, 0) == 0);
    CHECK(prevWord(s, s.size()) == 20);
    const auto w = wordAround(s, 7);
    CHECK(s.substr(w.first, w.second - w.first) == "tea");
    const std::string accents = "caf\x65\xCC\x81 au lait"; // "café" with a combining accent
    const auto cafe = wordAround(accents, 1);
    CHECK(accents.substr(cafe.first, cafe.second - cafe.first) == "caf\x65\xCC\x81");
}

TEST_CASE("pasted text is made safe: valid UTF-8, LF line ends, no control characters") {
    CHECK(sanitise("a\r\nb\rc\n") == "a\nb\nc\n");
    CHECK(sanitise(std::string("x\x01y\x7Fz", 5)) == "xyz");
    CHECK(sanitise("tab\there") == "tab\there");
    CHECK(sanitise("\xFF"
                   "ok") == "\xEF\xBF\xBD"
                            "ok");
    CHECK(sanitise("\xF0\x9F\x98\x80") == "\xF0\x9F\x98\x80");
    CHECK(sanitise("caf\xC3\xA9") == "caf\xC3\xA9");
}

TEST_CASE("undo history: typed words coalesce, deletions coalesce, undo and redo restore the selection") {
    std::string text;
    TextHistory h;
    Selection sel;
    for (char c : std::string("hello world")) {
        const std::string one(1, c);
        sel = h.replace(text, sel.caret.offset, sel.caret.offset, one, sel, EditKind::Typing);
    }
    CHECK(text == "hello world");
    CHECK(h.undoSteps() == 2); // "hello " and "world"
    REQUIRE(h.undo(text, sel));
    CHECK(text == "hello ");
    CHECK(sel.caret.offset == 6);
    REQUIRE(h.redo(text, sel));
    CHECK(text == "hello world");
    CHECK(sel.caret.offset == 11);
    // Three Backspaces are one step.
    for (int i = 0; i < 3; ++i)
        sel = h.replace(text, sel.caret.offset - 1, sel.caret.offset, "", sel, EditKind::Deleting);
    CHECK(text == "hello wo");
    REQUIRE(h.undo(text, sel));
    CHECK(text == "hello world");
    // A new edit clears the redo list; a broken run starts a new step.
    h.breakRun();
    sel = h.replace(text, 0, 5, "HELLO", sel, EditKind::Other);
    CHECK(text == "HELLO world");
    CHECK(h.redoSteps() == 0);
    REQUIRE(h.undo(text, sel));
    CHECK(text == "hello world");
    // Wiping forgets everything.
    h.wipe();
    CHECK(h.undoSteps() == 0);
    CHECK(h.redoSteps() == 0);
    CHECK_FALSE(h.undo(text, sel));
}

TEST_CASE("the undo history is bounded") {
    std::string text;
    TextHistory h;
    Selection sel;
    for (std::size_t i = 0; i < TextHistory::kMaxSteps + 50; ++i) {
        h.breakRun();
        sel = h.replace(text, text.size(), text.size(), "x", sel, EditKind::Typing);
    }
    CHECK(h.undoSteps() == TextHistory::kMaxSteps);
    const std::string big(TextHistory::kMaxBytes / 4, 'y');
    for (int i = 0; i < 8; ++i)
        sel = h.replace(text, 0, 0, big, sel, EditKind::Other);
    CHECK(h.undoSteps() <= 4);
}
