// Keys pressed and released between two frames reach Dear ImGui 1.86 one change per frame
// (platform/input_queue): the queue on its own, then the real app locking on a quick Ctrl+L and a field
// getting fast typing right.
#include "platform/imgui_input.hpp"
#include "platform/input_queue.hpp"

#include "throughline/testing/opened_vault.hpp"

#include "app/astral_text.hpp"
#include "app/clipboard.hpp"
#include "app/theme.hpp"
#include "app/typed_text.hpp"
#include "throughline/base/text.hpp"

#include <doctest/doctest.h>
#include <imgui_internal.h>

#include <string>
#include <vector>

using namespace throughline;
using namespace throughline::testing;
using platform::InputEvent;
using platform::InputQueue;

namespace {

constexpr int kCtrl = 341;

InputEvent key(int k, bool down) {
    return {InputEvent::Kind::Key, k, down, platform::isModifierKey(k), 0};
}
InputEvent ch(char32_t c) {
    return {InputEvent::Kind::Char, 0, false, false, c};
}
// A key as a person types it: press, its character, release.
void typeKey(std::vector<InputEvent>& out, int k, char32_t c = 0) {
    out.push_back(key(k, true));
    if (c) out.push_back(ch(c));
    out.push_back(key(k, false));
}

// "k+" pressed, "k-" released, the character itself for a character; frames separated by "|".
std::string describe(InputQueue& q) {
    std::string s;
    while (!q.empty()) {
        if (!s.empty()) s += '|';
        for (const InputEvent& e : q.nextFrame())
            s += e.kind == InputEvent::Kind::Char ? std::string(1, static_cast<char>(e.codepoint))
                                                  : std::to_string(e.key) + (e.down ? "+" : "-");
    }
    return s;
}

} // namespace

TEST_CASE("the input queue hands ImGui one change per key per frame, in order") {
    InputQueue q;
    SUBCASE("a press and release of one key: two frames") {
        q.push(key(kKeyL, true));
        q.push(key(kKeyL, false));
        CHECK(describe(q) == "76+|76-");
    }
    SUBCASE("Ctrl+L pressed and let go at once: Ctrl and L are down together in the first frame") {
        for (auto e : {key(kCtrl, true), key(kKeyL, true), key(kKeyL, false), key(kCtrl, false)})
            q.push(e);
        CHECK(describe(q) == "341+76+|76-341-");
    }
    SUBCASE("typing: a backspace between characters stays between them") {
        std::vector<InputEvent> ev;
        typeKey(ev, 'A', 'a');
        typeKey(ev, 'B', 'b');
        typeKey(ev, kKeyBackspace);
        typeKey(ev, 'C', 'c');
        for (auto e : ev)
            q.push(e);
        CHECK(describe(q) == "65+a|65-66+b|66-259+|259-67+c|67-");
    }
    SUBCASE("a second key pressed while the first is held waits for the next frame") {
        for (auto e : {key(kKeyBackspace, true), key('C', true), ch('c'), key(kKeyBackspace, false)})
            q.push(e);
        CHECK(describe(q) == "259+|67+c259-");
    }
    SUBCASE("modifiers do not hold back the key they modify") {
        for (auto e : {key(340, true), key('A', true), ch('A'), key('A', false), key(340, false)})
            q.push(e);
        CHECK(describe(q) == "340+65+A|65-340-");
    }
    SUBCASE("characters without keys (an input method) all go at once") {
        for (char32_t c : {U'c', U'a', U'f', U'\u00e9'})
            q.push(ch(c));
        CHECK(q.nextFrame().size() == 4);
        CHECK(q.empty());
    }
    CHECK(q.empty());
    CHECK(q.nextFrame().empty());
}

namespace {

// Frames of the app, each given the queue's share of the events (as the window does).
void feed(Harness& h, InputQueue& q) {
    for (int guard = 0; !q.empty() && guard < 100; ++guard) {
        platform::applyToImGui(q.nextFrame());
        h.frame();
    }
    h.frame();
}

} // namespace

TEST_CASE("a Ctrl+L pressed and released within one frame still locks") {
    OpenedVault v(app::Screen::Home);
    Harness& h = v.h;
    const std::vector<InputEvent> quick = {key(kCtrl, true), key(kKeyL, true), key(kKeyL, false),
                                           key(kCtrl, false)};
    SUBCASE("without the queue (all four in one frame, as the GLFW backend does) it is lost") {
        platform::applyToImGui(quick);
        h.frame(2);
        CHECK(h.app().isUnlocked());
    }
    SUBCASE("through the queue it locks") {
        InputQueue q;
        for (auto e : quick)
            q.push(e);
        feed(h, q);
        CHECK_FALSE(h.app().isUnlocked());
    }
}

TEST_CASE("fast typing with a backspace in it comes out as typed") {
    OpenedVault v;
    Harness& h = v.h;
    REQUIRE(h.app().openScreen(app::Screen::PersonEditor, v.ids.youngPerson).empty());
    h.frame(2);
    REQUIRE(h.typeInto("person.pronouns", ""));
    std::vector<InputEvent> ev = {key(kCtrl, true), key('A', true), key('A', false), key(kCtrl, false)};
    for (char c : std::string("they"))
        typeKey(ev, c - 'a' + 'A', static_cast<char32_t>(c));
    typeKey(ev, kKeyBackspace);
    typeKey(ev, 'Y', 'y');
    InputQueue q;
    for (auto e : ev)
        q.push(e);
    feed(h, q);
    CHECK(h.app().personState().person.pronouns == "they");
}

TEST_CASE("an emoji typed from the desktop's picker reaches the young person's words whole, not as U+FFFD") {
    OpenedVault v(app::Screen::Record);
    Harness& h = v.h;
    REQUIRE(h.typeInto("record.words", ""));
    platform::setWideCharacterSink([](char32_t c) { app::ui::noteTypedWideCharacter(c); });
    InputQueue q;
    for (char32_t c : {U'o', U'k', U' ', U'\U0001F64F', U' ', U'\u26BD', U'\U0001F60A'})
        q.push(ch(c));
    feed(h, q);
    platform::setWideCharacterSink(nullptr);
    CHECK(h.app().recordState().form.words == "ok \xF0\x9F\x99\x8F \xE2\x9A\xBD\xF0\x9F\x98\x8A");
    // Without the host's note, ImGui's 16-bit queue can only give U+FFFD.
    InputQueue plain;
    plain.push(ch(U'\U0001F64F'));
    feed(h, plain);
    CHECK(h.app().recordState().form.words.substr(h.app().recordState().form.words.size() - 3) ==
          "\xEF\xBF\xBD");
}

TEST_CASE(
    "emoji, an emoji of the Basic Multilingual Plane and Arabic typed into a single-line field are kept "
    "as typed (not U+FFFD), and drawn as pictures and placeholders") {
    OpenedVault v(app::Screen::Record);
    Harness& h = v.h;
    REQUIRE(h.typeInto("record.action-text", ""));
    platform::setWideCharacterSink([](char32_t c) { app::ui::noteTypedWideCharacter(c); });
    InputQueue q;
    // "Ask Nan 🙏 ⚽ 👍🏾 مرحبا": the skin tone arrives as a character of its own, as from a
    // picker.
    for (char32_t c :
         std::u32string(U"Ask Nan \U0001F64F \u26BD \U0001F44D\U0001F3FE \u0645\u0631\u062D\u0628\u0627"))
        q.push(ch(c));
    feed(h, q);
    platform::setWideCharacterSink(nullptr);
    CHECK(h.app().recordState().form.actionText ==
          "Ask Nan \xF0\x9F\x99\x8F \xE2\x9A\xBD \xF0\x9F\x91\x8D\xF0\x9F\x8F\xBE "
          "\xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7");
    // Every character of it has a glyph: the field's emoji as pictures, the Arabic letters as placeholders.
    h.frame(2);
    for (ImFont* f : {app::fonts().body, app::fonts().small}) {
        std::string editable;
        REQUIRE(app::toEditable(h.app().recordState().form.actionText, editable));
        for (std::size_t i = 0; i < editable.size();) {
            const char32_t c = core::nextCodePoint(editable, i);
            CHECK_MESSAGE(f->FindGlyphNoFallback(static_cast<ImWchar>(c)) != nullptr,
                          "U+" << std::hex << static_cast<unsigned>(c));
        }
    }
}

TEST_CASE("emoji and Arabic pasted into a single-line field arrive whole, and leave whole when copied") {
    OpenedVault v(app::Screen::Record);
    Harness& h = v.h;
    REQUIRE(h.typeInto("record.action-text", ""));
    const std::string text = "Ask Nan \xF0\x9F\x99\x8F about \xF0\x9F\x91\x8D\xF0\x9F\x8F\xBE \xE2\x9A\xBD "
                             "\xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7"; // 🙏 👍🏾 ⚽ مرحبا
    ImGui::SetClipboardText(text.c_str());
    h.pressKey('V', true);
    CHECK(h.app().recordState().form.actionText == text);
    // Copied back out of the field: the host's clipboard holds the characters, not the field's stand-ins.
    ImGui::SetClipboardText("");
    h.pressKey('A', true);
    h.pressKey('C', true);
    CHECK(std::string(GImGui->ClipboardHandlerData.Data) == text);
    CHECK(app::ui::pastedText() == text);
}
