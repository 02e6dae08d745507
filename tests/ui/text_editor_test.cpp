// The word-wrapping multi-line editor, driven on the record screen's "young person's words" field: it wraps
// while typing (no sideways scrolling), moves the caret by visual line, selects with Shift and with the
// mouse, copies and pastes, undoes and redoes, grows then scrolls, and saves exactly what was typed.
#include "throughline/testing/opened_vault.hpp"
#include "throughline/testing/sync_fixture.hpp"
#include "throughline/testing/world_text.hpp"

#include "app/text_editor.hpp"
#include "app/widgets.hpp"

#include "throughline/vault/vault.hpp"

#include <imgui_internal.h>

#include <doctest/doctest.h>

#include <string>

using namespace throughline;
using namespace throughline::testing;

namespace {

// Invented words, long enough to wrap many times at phone width.
const std::string kLong =
    "I liked the climbing wall on Thursday because nobody there knows who I was before I moved. "
    "Jordan showed me how to tie the knot properly and said I could come back next week if I wanted. "
    "I want to go again but I do not want the staff to drive me there every time, it feels like "
    "everyone is watching. Can I get the bus on my own if I text when I get there?";

const char* const kWords = "record.words";

app::ui::TextEditorProbe probe(Harness& h, const char* id = kWords) {
    auto p = app::ui::textEditorProbe(id);
    REQUIRE(p.has_value());
    CHECK(p->frame == ImGui::GetFrameCount());
    return *p;
}

const std::string& words(Harness& h) {
    return h.app().recordState().form.words;
}

// The centre of visual line `line` at horizontal offset `x` from the text's left edge (scroll included).
ImVec2 pointOnLine(const app::ui::TextEditorProbe& p, std::size_t line, float x) {
    return ImVec2(p.textOrigin.x + x,
                  p.textOrigin.y - p.scrollY + (static_cast<float>(line) + 0.5f) * p.lineHeight);
}

// Types the long entry word by word (a frame each), as a person would.
void typeLong(Harness& h) {
    std::size_t start = 0;
    while (start < kLong.size()) {
        std::size_t end = kLong.find(' ', start);
        end = end == std::string::npos ? kLong.size() : end + 1;
        h.type(kLong.substr(start, end - start));
        start = end;
    }
}

void saveAndCheckStored(OpenedVault& v, std::string expected) {
    Harness& h = v.h;
    h.click("record.save");
    REQUIRE(h.app().screen() == app::Screen::Home);
    auto contacts = h.app().vault()->store().contacts(v.ids.youngPerson);
    REQUIRE(contacts.ok());
    REQUIRE(contacts->size() == 2);
    CHECK(contacts->front().youngPersonWords == expected); // exactly what was typed: no soft line breaks
}

} // namespace

TEST_CASE("the young person's words wrap while typing, grow then scroll, and are saved exactly as typed") {
    OpenedVault v(app::Screen::Record);
    Harness& h = v.h;
    h.click("record.person." + v.ids.nan);
    REQUIRE(h.visible(kWords));
    const auto empty = probe(h);
    CHECK(empty.lineCount == 1);
    const float fieldWidth = empty.max.x - empty.min.x;
    const float emptyHeight = empty.max.y - empty.min.y;

    REQUIRE(h.click(kWords));
    CHECK(probe(h).active);
    h.type("I liked the climbing wall ");
    const auto oneLine = probe(h);
    CHECK(oneLine.lineCount == 1);
    h.type("on Thursday because nobody there knows who I was before I moved. ");
    const auto few = probe(h);
    CHECK(few.lineCount > oneLine.lineCount); // wrapped onto more lines while typing
    typeLong(h);
    const std::string expected = "I liked the climbing wall on Thursday because nobody there knows who I was "
                                 "before I moved. " +
                                 kLong;
    REQUIRE(words(h) == expected);
    const auto full = probe(h);
    CHECK(full.lineCount > 10);
    // No sideways scrolling: every line fits the field, which keeps its width.
    CHECK(full.widestLine <= full.wrapWidth);
    CHECK(full.max.x - full.min.x == doctest::Approx(fieldWidth));
    CHECK(full.wrapWidth < fieldWidth);
    // Grown to its largest (ten lines), then scrolled so that the caret, at the end, is in view.
    CHECK(full.max.y - full.min.y > emptyHeight);
    CHECK(full.max.y - full.min.y ==
          doctest::Approx(10 * full.lineHeight + 2 * ImGui::GetStyle().FramePadding.y));
    CHECK(full.maxScrollY > 0);
    CHECK(full.scrollY == doctest::Approx(full.maxScrollY));
    CHECK(full.caret == expected.size());
    CHECK(full.caretLine == full.lineCount - 1);
    // ImGui's own text field (which scrolls sideways) is not what edits it.
    CHECK(GImGui->InputTextState.ID != GImGui->ActiveId);

    // The mouse wheel scrolls the field, not the screen.
    const ImVec2 fieldMin = full.min;
    ImGuiIO& io = ImGui::GetIO();
    h.mouseTo(pointOnLine(full, full.lineCount - 2, 20));
    io.MouseWheel = 1;
    h.frame();
    io.MouseWheel = 1;
    h.frame();
    io.MouseWheel = 0;
    h.frame();
    const auto wheeled = probe(h);
    CHECK(wheeled.scrollY < full.scrollY);
    CHECK(wheeled.min.y == doctest::Approx(fieldMin.y));

    saveAndCheckStored(v, expected);
}

TEST_CASE("the caret moves by visual line: Up, Down, Home, End, Ctrl+Home/End, Ctrl+arrows") {
    OpenedVault v(app::Screen::Record);
    Harness& h = v.h;
    h.click("record.person." + v.ids.nan);
    REQUIRE(h.typeInto(kWords, kLong));
    const std::string& s = words(h);
    auto p = probe(h);
    REQUIRE(p.lineCount >= 4);
    REQUIRE(p.caret == s.size());
    const std::size_t last = p.lineCount - 1;

    h.pressKey(kKeyUp);
    p = probe(h);
    CHECK(p.caretLine == last - 1);
    const std::size_t onUp = p.caret;
    h.pressKey(kKeyUp);
    CHECK(probe(h).caretLine == last - 2);
    h.pressKey(kKeyDown);
    CHECK(probe(h).caret == onUp); // the preferred x is kept
    h.pressKey(kKeyHome);
    p = probe(h);
    CHECK(p.caretLine == last - 1);
    REQUIRE(p.caret > 0);
    CHECK(s[p.caret - 1] == ' '); // a wrapped line starts after the space it wrapped at
    const std::size_t lineStart = p.caret;
    h.pressKey(kKeyLeft); // back over the wrap, onto the line above
    p = probe(h);
    CHECK(p.caret == lineStart - 1);
    CHECK(p.caretLine == last - 2);
    h.pressKey(kKeyEnd);
    p = probe(h);
    CHECK(p.caret == lineStart); // the end of the line above is the start of this one...
    CHECK(p.caretUpstream);      // ...but the caret stays on the line above
    CHECK(p.caretLine == last - 2);
    h.pressKey(kKeyEnd, true);
    CHECK(probe(h).caret == s.size());
    h.pressKey(kKeyHome, true);
    p = probe(h);
    CHECK(p.caret == 0);
    CHECK(p.caretLine == 0);
    CHECK(p.scrollY == 0);
    h.pressKey(kKeyRight, true);
    CHECK(probe(h).caret == 2); // past "I " to "liked"
    h.pressKey(kKeyRight, true);
    CHECK(probe(h).caret == 8);
    h.pressKey(kKeyLeft, true);
    CHECK(probe(h).caret == 2);

    // Typing at the caret inserts there; the text is otherwise unchanged.
    h.type("really ");
    CHECK(words(h) == "I really " + kLong.substr(2));
    // Backspace and Ctrl+Backspace.
    h.pressKey(kKeyBackspace, true);
    CHECK(words(h) == kLong);
    h.pressKey(kKeyDelete, true);
    CHECK(words(h) == "I " + kLong.substr(8));
    h.pressKey(kKeyBackspace);
    CHECK(words(h) == "I" + kLong.substr(8));
    // Enter is a newline, kept as typed.
    h.pressKey(kKeyEnter);
    CHECK(words(h) == "I\n" + kLong.substr(8));
    CHECK(probe(h).caretLine == 1);
}

TEST_CASE("select with Shift and with a mouse drag, copy, cut, paste, undo and redo") {
    OpenedVault v(app::Screen::Record);
    Harness& h = v.h;
    h.click("record.person." + v.ids.nan);
    REQUIRE(h.typeInto(kWords, kLong));
    const std::string original = words(h);

    // Shift+Home selects back to the start of the visual line; Ctrl+C copies it.
    h.pressKey(kKeyHome, false, true);
    auto p = probe(h);
    CHECK(p.anchor == original.size());
    CHECK(p.caret < p.anchor);
    const std::string lastLine = original.substr(p.caret);
    h.pressKey('C', true);
    CHECK(std::string(ImGui::GetClipboardText()) == lastLine);
    // Shift+Up extends it by a line.
    h.pressKey(kKeyUp, false, true);
    CHECK(probe(h).caretLine == p.caretLine - 1);
    CHECK(probe(h).anchor == original.size());

    // A drag from the start of the first line to the middle of the third selects that range.
    h.pressKey(kKeyHome, true);
    p = probe(h);
    REQUIRE(p.scrollY == 0);
    h.drag(pointOnLine(p, 0, 0), pointOnLine(p, 2, p.wrapWidth * 0.5f));
    p = probe(h);
    CHECK(p.active);
    CHECK(p.anchor == 0);
    CHECK(p.caretLine == 2);
    const std::size_t dragged = p.caret;
    h.pressKey('C', true);
    CHECK(std::string(ImGui::GetClipboardText()) == original.substr(0, dragged));

    // Paste at the end, undo it, redo it (Ctrl+Y and Ctrl+Shift+Z).
    h.pressKey(kKeyEnd, true);
    h.pressKey(kKeyEnter);
    h.pressKey('V', true);
    const std::string pasted = original + "\n" + original.substr(0, dragged);
    CHECK(words(h) == pasted);
    h.pressKey('Z', true);
    CHECK(words(h) == original + "\n");
    h.pressKey('Z', true);
    CHECK(words(h) == original);
    h.pressKey('Y', true);
    CHECK(words(h) == original + "\n");
    h.pressKey('Z', true, true);
    CHECK(words(h) == pasted);

    // Cut the whole text, then undo the cut.
    h.pressKey('A', true);
    h.pressKey('X', true);
    CHECK(words(h).empty());
    CHECK(std::string(ImGui::GetClipboardText()) == pasted);
    h.pressKey('Z', true);
    CHECK(words(h) == pasted);

    // A double-click selects a word; typing replaces it.
    p = probe(h);
    h.pressKey(kKeyHome, true);
    p = probe(h);
    const ImVec2 onLiked = pointOnLine(p, 0, ImGui::CalcTextSize("I li").x);
    h.mouseTo(onLiked);
    for (int i = 0; i < 2; ++i) {
        ImGui::GetIO().MouseDown[0] = true;
        h.frame();
        ImGui::GetIO().MouseDown[0] = false;
        h.frame();
    }
    p = probe(h);
    CHECK(p.anchor == 2);
    CHECK(p.caret == 7);
    h.type("loved");
    CHECK(words(h).substr(0, 12) == "I loved the ");

    saveAndCheckStored(v, words(h));
}

TEST_CASE("Tab leaves the field for the next one; a click outside leaves it too") {
    OpenedVault v(app::Screen::Record);
    Harness& h = v.h;
    REQUIRE(h.typeInto(kWords, "Nan's tea"));
    CHECK(probe(h).active);
    h.pressKey(kKeyTab);
    h.frame();
    CHECK_FALSE(probe(h).active);
    CHECK(probe(h, "record.observations").active);
    h.type("Calm");
    CHECK(h.app().recordState().form.observations == "Calm");
    CHECK(words(h) == "Nan's tea");
    // A click on the words again, then a click on a chip: the field is left, the text kept.
    REQUIRE(h.click(kWords));
    CHECK(probe(h).active);
    h.click("record.rating.good");
    CHECK_FALSE(probe(h).active);
    h.type("x");
    CHECK(words(h) == "Nan's tea");
}

TEST_CASE("the editor wraps at 200 % too, and follows the UI scale") {
    TempDir tmp;
    const auto dir = tmp.path / "vault";
    const FixtureIds ids = makeFixtureVault(dir);
    auto laidOut = [&](int percent) {
        app::AppOptions options = testOptions(dir);
        options.scalePercent = percent;
        Harness h(options, ImVec2(430, 8000)); // the whole record screen fits at 200 %
        REQUIRE(h.app().unlock(kFixturePass).ok());
        h.frame(2);
        REQUIRE(h.app().openScreen(app::Screen::Record, ids.youngPerson) == "");
        h.frame(2);
        REQUIRE(h.typeInto(kWords, kLong));
        CHECK(words(h) == kLong);
        const auto p = probe(h);
        CHECK(p.widestLine <= p.wrapWidth);
        CHECK(p.lineHeight == doctest::Approx(18.f * static_cast<float>(percent) / 100.f).epsilon(0.15));
        h.app().lock();
        return p;
    };
    const auto big = laidOut(200);
    const auto normal = laidOut(100);
    CHECK(normal.lineCount < big.lineCount); // the bigger font wraps sooner
}

TEST_CASE("pasted emoji and combining accents wrap like any other text and are saved exactly") {
    OpenedVault v(app::Screen::Record);
    Harness& h = v.h;
    h.click("record.person." + v.ids.nan);
    REQUIRE(h.click(kWords));
    // Eighty grinning faces (outside the loaded glyph ranges: drawn as the fallback glyph), then a word with
    // combining acute accents, pasted with Windows line ends.
    std::string clip;
    for (int i = 0; i < 80; ++i)
        clip += "\xF0\x9F\x98\x80";
    clip += "\r\ncafe\xCC\x81 cre\xCC\x80me bru\xCC\x82le\xCC\x81"
            "e\xCC\x81";
    ImGui::SetClipboardText(clip.c_str());
    h.pressKey('V', true);
    std::string expected = clip;
    expected.replace(expected.find("\r\n"), 2, "\n");
    REQUIRE(words(h) == expected);
    const auto p = probe(h);
    CHECK(p.lineCount >= 3); // the faces alone are wider than the field
    CHECK(p.widestLine <= p.wrapWidth);
    // Left steps over a base and its accent together.
    h.pressKey(kKeyLeft);
    CHECK(probe(h).caret == expected.size() - 3);
    h.pressKey(kKeyBackspace);
    CHECK(words(h) == expected.substr(0, expected.size() - 6) + "e\xCC\x81");
    h.pressKey('Z', true);
    saveAndCheckStored(v, expected);
}

TEST_CASE(
    "a 20,000-character entry (emoji, combining marks, Arabic, Ethiopic) goes in whole and is saved whole") {
    OpenedVault v(app::Screen::Record);
    Harness& h = v.h;
    h.click("record.person." + v.ids.nan);
    REQUIRE(h.click(kWords));
    const std::string entry = longWords(20000);
    ImGui::SetClipboardText(entry.c_str());
    h.pressKey('V', true);
    REQUIRE(words(h) == entry);
    const auto p = probe(h);
    CHECK(p.widestLine <= p.wrapWidth);
    saveAndCheckStored(v, entry);
}
