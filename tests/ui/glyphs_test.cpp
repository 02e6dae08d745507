// Names and words in many scripts on screen (issue 11 §6): every character of a drawable script gets a real
// glyph (never the "?" fallback), combining marks sit on their letter, and scripts the screen cannot shape
// are shown as a marker, never as "?". All names are invented.
#include "throughline/testing/opened_vault.hpp"
#include "throughline/testing/world_text.hpp"

#include "app/astral_text.hpp"
#include "app/clipboard.hpp"
#include "app/glyphs.hpp"
#include "app/picture_glyphs.hpp"
#include "app/script_marker.hpp"
#include "app/theme.hpp"
#include "app/widgets.hpp"
#include "throughline/base/text.hpp"
#include "throughline/vault/vault.hpp"

#include <doctest/doctest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

using namespace throughline;
using namespace throughline::testing;

namespace {

// Draw-list vertices whose texture coordinates are a corner of the fallback glyph of one of the atlas's
// fonts: a character drawn as "?" (the screens under test draw no real question mark).
int fallbackQuads() {
    const ImDrawData* dd = ImGui::GetDrawData();
    REQUIRE(dd);
    std::vector<ImVec2> corners;
    for (ImFont* f : ImGui::GetIO().Fonts->Fonts)
        if (f->FallbackGlyph) corners.emplace_back(f->FallbackGlyph->U0, f->FallbackGlyph->V0);
    int found = 0;
    for (int l = 0; l < dd->CmdListsCount; ++l)
        for (const ImDrawVert& v : dd->CmdLists[l]->VtxBuffer)
            for (const ImVec2& c : corners)
                if (v.uv.x == c.x && v.uv.y == c.y) ++found;
    return found;
}

std::vector<std::string> g_ids;
void addWorldNames(core::Vault& vault, const FixtureIds&) {
    g_ids.clear();
    auto add = [&](const char* name) {
        core::YoungPerson yp;
        yp.name = name;
        auto id = vault.store().save(yp);
        REQUIRE(id.ok());
        g_ids.push_back(*id);
    };
    for (const auto& n : tltest::kDrawableNames)
        add(n.name);
    for (const auto& n : tltest::kMarkerNames)
        add(n.name);
}

} // namespace

TEST_CASE("names in Yoruba, Vietnamese, Polish, Greek, Cyrillic, Tigrinya … are drawn with real glyphs; "
          "Arabic, Hebrew and Devanagari names with a marker, never '?'") {
    app::resetGlyphDemand();
    OpenedVault v({.prepare = addWorldNames});
    Harness& h = v.h;
    h.frame(3); // the first frame notes the new characters, the next draws them from the rebuilt atlas
    for (const auto& id : g_ids)
        CHECK(h.visible("people.row." + id));
    CHECK(fallbackQuads() == 0);

    // Every character of every drawable name has its own glyph in every UI font.
    for (const auto& n : tltest::kDrawableNames) {
        INFO(n.script);
        const std::string_view name = n.name;
        for (std::size_t i = 0; i < name.size();) {
            const char32_t c = core::nextCodePoint(name, i);
            for (ImFont* f : {app::fonts().body, app::fonts().bold, app::fonts().title, app::fonts().small}) {
                const ImFontGlyph* g = f->FindGlyphNoFallback(static_cast<ImWchar>(c));
                CHECK_MESSAGE(g != nullptr, "U+" << std::hex << static_cast<unsigned>(c));
                // A combining mark takes no room of its own: it is drawn over the letter before it.
                if (g && c >= 0x0300 && c <= 0x036F) {
                    CHECK(g->AdvanceX == 0.f);
                    CHECK(g->X1 <= 0.f);
                }
            }
        }
    }
    // The scripts the screen cannot shape were never asked of the atlas.
    CHECK(app::fonts().body->FindGlyphNoFallback(0x0644) == nullptr); // Arabic lam
}

TEST_CASE("the young person's header names an Arabic name's script and where to read it") {
    app::resetGlyphDemand();
    OpenedVault v({.prepare = addWorldNames});
    Harness& h = v.h;
    const std::string arabic = g_ids[std::size(tltest::kDrawableNames)];
    h.click("people.row." + arabic);
    REQUIRE(h.app().screen() == app::Screen::Home);
    h.frame(3);
    CHECK(fallbackQuads() == 0);
}

TEST_CASE("script markers: each run of an unshaped script is replaced, the rest kept as written") {
    using app::ui::needsScriptMarker;
    using app::ui::withScriptMarkers;
    CHECK_FALSE(needsScriptMarker("Oluwaseun Adébáyọ̀"));
    CHECK_FALSE(needsScriptMarker("Юлия Ковальчук ሳባ ተስፋይ 🙏"));
    CHECK(needsScriptMarker("ليلى حداد"));
    CHECK(needsScriptMarker("Noa נועה"));
    CHECK(needsScriptMarker("अनन्या"));
    CHECK(withScriptMarkers("ليلى حداد") == "[Arabic script: see the PDF/HTML summary]");
    CHECK(withScriptMarkers("Layla (ليلى حداد), 15") ==
          "Layla ([Arabic script: see the PDF/HTML summary]), 15");
    CHECK(withScriptMarkers("She wrote «ليلى» then שלום ok") ==
          "She wrote «[Arabic script: see the PDF/HTML summary]» then [Hebrew script: see the PDF/HTML "
          "summary] ok");
    CHECK(withScriptMarkers("plain") == "plain");
}

TEST_CASE("a missing fallback font only means fewer characters: the atlas still builds") {
    ImFontAtlas atlas;
    app::resetGlyphDemand();
    app::noteGlyphs("ሳባ ተስፋይ Юлия");
    app::FontFiles files = testOptions("unused").fonts;
    REQUIRE_FALSE(files.regular.empty());
    files.fallbacks = {"/nonexistent/NotoSansEthiopic-Regular.ttf", ""};
    app::buildFonts(atlas, files, 1.f);
    unsigned char* px = nullptr;
    int w = 0, h = 0;
    atlas.GetTexDataAsRGBA32(&px, &w, &h);
    CHECK(px != nullptr);
    CHECK(app::fonts().body->FindGlyphNoFallback(0x042E) != nullptr); // Ю: DejaVu has it
    CHECK(app::fonts().body->FindGlyphNoFallback(0x1233) == nullptr); // ሳ: only the missing fallback had it
    CHECK_FALSE(app::glyphsPending());                                // asked once, not again every frame
    app::resetGlyphDemand(); // every harness builds its own atlas again
}

namespace {
// The young person's preferred name set to `initial`, then `typed` typed at its end in the editor and saved:
// what is stored.
std::string editPreferredName(const std::string& initial, const std::string& typed) {
    auto set = [&](core::Vault& vault, const FixtureIds& ids) {
        auto yp = vault.store().youngPerson(ids.youngPerson);
        REQUIRE(yp.ok());
        yp->preferredName = initial;
        REQUIRE(vault.store().save(*yp).ok());
    };
    OpenedVault v({.prepare = set});
    Harness& h = v.h;
    REQUIRE(h.app().openScreen(app::Screen::PersonEditor, v.ids.youngPerson).empty());
    h.frame(2);
    h.typeInto("person.preferred", typed);
    h.click("person.save");
    auto yp = h.app().vault()->store().youngPerson(v.ids.youngPerson);
    REQUIRE(yp.ok());
    return yp->preferredName;
}
} // namespace

TEST_CASE("editing a field keeps the emoji already in it (Dear ImGui 1.86 would write them back as U+FFFD)") {
    CHECK(editPreferredName("Seun \xF0\x9F\x99\x8F", "!") == "Seun \xF0\x9F\x99\x8F!"); // 🙏
}

TEST_CASE("stand-ins for characters beyond U+FFFF round-trip and stay the same for the same character") {
    std::string a, b;
    REQUIRE(app::toEditable("x \xF0\x9F\x99\x8F y \xF0\x9F\x98\x8A", a));
    CHECK_FALSE(app::hasAstral(a));
    REQUIRE(app::toEditable("\xF0\x9F\x98\x8A", b));
    CHECK(a.substr(a.size() - b.size()) == b); // 😊 has one stand-in
    CHECK(app::fromEditable(a) == "x \xF0\x9F\x99\x8F y \xF0\x9F\x98\x8A");
    std::string c = "kept";
    CHECK_FALSE(app::toEditable("\xEE\x80\x80 \xF0\x9F\x99\x8F", c)); // already holds a private-use character
    CHECK(c == "kept");
}

namespace {

// The RGBA pixels of a glyph in the atlas.
std::vector<std::uint32_t> glyphPixels(const ImFontGlyph& g) {
    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    unsigned char* px = nullptr;
    int w = 0, h = 0;
    atlas.GetTexDataAsRGBA32(&px, &w, &h);
    std::vector<std::uint32_t> out;
    const int x0 = static_cast<int>(g.U0 * w + 0.5f), x1 = static_cast<int>(g.U1 * w + 0.5f);
    const int y0 = static_cast<int>(g.V0 * h + 0.5f), y1 = static_cast<int>(g.V1 * h + 0.5f);
    for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x) {
            std::uint32_t p = 0;
            std::memcpy(&p, px + (static_cast<std::size_t>(y) * w + x) * 4, 4);
            out.push_back(p);
        }
    return out;
}

// Pixels that are clearly coloured (not grey): a colour picture, not a tinted mask.
int colouredPixels(const std::vector<std::uint32_t>& pixels) {
    int n = 0;
    for (std::uint32_t p : pixels) {
        const int r = p & 0xFF, g = (p >> 8) & 0xFF, b = (p >> 16) & 0xFF, a = p >> 24;
        if (a > 128 && std::max({r, g, b}) - std::min({r, g, b}) > 60) ++n;
    }
    return n;
}

void addEmojiNames(core::Vault& vault, const FixtureIds& ids) {
    g_ids.clear();
    for (const char* name : {"Amara Okafor \xF0\x9F\xA6\x81",                // 🦁
                             "Kai Brennan \xF0\x9F\x91\x8D\xF0\x9F\x8F\xBE", // 👍🏾
                             "Tomasz Wr\xC3\xB3\x62lewski \xE2\x9A\xBD",     // ⚽
                             "Noor \xF0\x9F\x87\xAC\xF0\x9F\x87\xA7"}) {     // 🇬🇧
        core::YoungPerson yp;
        yp.name = name;
        auto id = vault.store().save(yp);
        REQUIRE(id.ok());
        g_ids.push_back(*id);
    }
    (void)ids;
}

} // namespace

TEST_CASE("emoji are drawn in colour (Noto Color Emoji) in every UI font, untinted, and never as '?'") {
    app::resetGlyphDemand();
    OpenedVault v({.prepare = addEmojiNames});
    Harness& h = v.h;
    h.frame(3); // the first frame notes the emoji, the next draws them from the rebuilt atlas
    for (const auto& id : g_ids)
        CHECK(h.visible("people.row." + id));
    CHECK(fallbackQuads() == 0);

    const ImDrawData* dd = ImGui::GetDrawData();
    // ⚽ is a black and white ball: drawn, but not colourful.
    const std::pair<const char*, bool> pictures[] = {{"\xF0\x9F\xA6\x81", true},
                                                     {"\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBE", true},
                                                     {"\xE2\x9A\xBD", false},
                                                     {"\xF0\x9F\x87\xAC\xF0\x9F\x87\xA7", true}};
    for (const auto& [cluster, colourful] : pictures) {
        INFO(std::string(cluster));
        const auto standIn = app::standInFor(cluster, app::StandInKind::Picture);
        REQUIRE(standIn);
        for (ImFont* f : {app::fonts().body, app::fonts().bold, app::fonts().title, app::fonts().small}) {
            const ImFontGlyph* g = f->FindGlyphNoFallback(static_cast<ImWchar>(*standIn));
            REQUIRE(g != nullptr);
            CHECK(g->Colored == 1);
            // About the size of the font's letters, and drawn in colour.
            CHECK(g->AdvanceX >= f->FontSize * 0.9f);
            CHECK(g->AdvanceX <= f->FontSize * 1.3f);
            const auto pixels = glyphPixels(*g);
            const float area = (g->X1 - g->X0) * (g->Y1 - g->Y0);
            CHECK(std::count_if(pixels.begin(), pixels.end(),
                                [](std::uint32_t p) { return (p >> 24) > 128; }) > area / 4);
            if (colourful) CHECK(colouredPixels(pixels) > area / 8);
        }
        // On the people list the name's picture is drawn untinted (white vertices: the picture's own
        // colours).
        const ImFontGlyph* g = app::fonts().bold->FindGlyphNoFallback(static_cast<ImWchar>(*standIn));
        int drawn = 0;
        for (int l = 0; l < dd->CmdListsCount; ++l)
            for (const ImDrawVert& vert : dd->CmdLists[l]->VtxBuffer)
                if (vert.uv.x == g->U0 && vert.uv.y == g->V0) {
                    ++drawn;
                    CHECK((vert.col & 0x00FFFFFFu) == 0x00FFFFFFu);
                }
        CHECK(drawn >= 1);
    }
}

TEST_CASE("Arabic in the young person's words is edited as placeholders, with a note, never as '?'") {
    app::resetGlyphDemand();
    OpenedVault v(app::Screen::Record);
    Harness& h = v.h;
    h.frame(2);
    const int questionMarks = fallbackQuads(); // "What kind of contact?" … : the fallback glyph is "?" itself
    REQUIRE(h.typeInto("record.words", "Samir said \xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7 to me")); // مرحبا
    h.frame(3);
    CHECK(h.app().recordState().form.words == "Samir said \xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7 to me");
    CHECK(fallbackQuads() == questionMarks);
    // Each letter has a placeholder glyph (◌), a mask in the text colour, not a picture.
    const auto placeholder = app::standInFor("\xD9\x85", app::StandInKind::Placeholder);
    REQUIRE(placeholder);
    const ImFontGlyph* g = app::fonts().body->FindGlyphNoFallback(static_cast<ImWchar>(*placeholder));
    REQUIRE(g != nullptr);
    CHECK(g->Colored == 0);
    CHECK(colouredPixels(glyphPixels(*g)) == 0);
    CHECK(app::ui::unshapedScriptsIn(h.app().recordState().form.words) == "Arabic");
    CHECK(app::ui::unshapedScriptsIn("\xD7\xA9 \xD9\x85 \xE0\xA4\x85") == "Hebrew, Arabic and Devanagari");
}

TEST_CASE("screen and editable forms: one stand-in per emoji cluster, placeholders only where edited") {
    const std::string words =
        "Nan \xE2\x9D\xA4\xEF\xB8\x8F \xF0\x9F\x91\x8D\xF0\x9F\x8F\xBE \xD9\x85 ok"; // ❤️ 👍🏾 م
    std::string editable;
    REQUIRE(app::toEditable(words, editable));
    std::size_t chars = 0;
    for (std::size_t i = 0; i < editable.size(); ++chars)
        core::nextCodePoint(editable, i);
    CHECK(chars ==
          std::string("Nan X X X ok").size()); // each cluster, and the Arabic letter, is one stand-in
    CHECK(app::fromEditable(editable) == words);
    // On screen (not edited) the Arabic stays for the script marker; the emoji are still pictures.
    const std::string screen = app::toScreen(words);
    CHECK(screen.find("\xD9\x85") != std::string::npos);
    CHECK(screen.find("\xF0") == std::string::npos);
    // A private-use character of the text's own is never shown as someone else's picture.
    CHECK(app::toScreen("x\xEE\x80\x80y") == "x\xEF\xBF\xBDy");
    CHECK(app::needsStandIns("plain words, caf\xC3\xA9") == false);
    CHECK(app::needsStandIns("goal \xE2\x9A\xBD"));
    CHECK(app::needsStandIns("\xD9\x85", false) == false);
}

TEST_CASE("a field whose emoji cannot stand in (it holds a private-use character) is shown, not edited: "
          "nothing becomes U+FFFD") {
    // A private-use character of the text's own, then 🙏.
    CHECK(editPreferredName("Seun \xEE\x80\x80 \xF0\x9F\x99\x8F", "!") ==
          "Seun \xEE\x80\x80 \xF0\x9F\x99\x8F");
}

TEST_CASE("the atlas stays bounded when a file brings thousands of different emoji") {
    ImFontAtlas atlas;
    app::resetGlyphDemand();
    std::string many;
    for (char32_t c = 0x1F300; c < 0x1F300 + 1500; ++c)
        core::appendUtf8(many, c), many += ' ';
    app::noteGlyphs(many);
    REQUIRE(app::wantedStandIns().size() >= 1500);
    app::buildFonts(atlas, testOptions("unused").fonts, 2.f);
    unsigned char* px = nullptr;
    int w = 0, h = 0;
    atlas.GetTexDataAsRGBA32(&px, &w, &h);
    REQUIRE(px != nullptr);
    std::size_t withGlyph = 0;
    for (char32_t s : app::wantedStandIns())
        if (app::fonts().body->FindGlyphNoFallback(static_cast<ImWchar>(s))) ++withGlyph;
    CHECK(withGlyph == app::kMaxStandInGlyphs);
    CHECK(h <= 8192); // a texture every GPU of the last decade takes
    MESSAGE("atlas " << w << "x" << h << " with " << withGlyph << " emoji pictures in four fonts at 200 %");
    app::resetGlyphDemand();
}

TEST_CASE("an emoji whose skin tone follows a plain symbol (✌🏾), and an ideograph's variation selector, "
          "survive editing a single-line field") {
    CHECK(editPreferredName("Thanks \xE2\x9C\x8C\xF0\x9F\x8F\xBE", "!") ==
          "Thanks \xE2\x9C\x8C\xF0\x9F\x8F\xBE!");
    CHECK(editPreferredName("\xE8\x91\x9B\xF3\xA0\x84\x80", "!") ==
          "\xE8\x91\x9B\xF3\xA0\x84\x80!"); // 葛 + VS17
}

TEST_CASE("a character beyond U+FFFF that is not a colour emoji (𝓙, a rare ideograph) is a mask in the text "
          "colour, never white on white") {
    CHECK(app::renderGlyphBitmap("\xF0\x9F\x99\x8F", true, 24, 24).coloured);       // 🙏
    CHECK_FALSE(app::renderGlyphBitmap("\xF0\x9D\x93\x99", true, 24, 24).coloured); // 𝓙
    CHECK_FALSE(app::renderGlyphBitmap("\xF0\xA0\xAE\xB7", true, 24, 24).coloured); // 𠮷
}

TEST_CASE(
    "outside a field edited through stand-ins the clipboard is exactly as it is (a pasted passphrase, a "
    "folder path)") {
    OpenedVault v;
    v.h.frame(2); // the app has routed the clipboard
    const std::string secret = "\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85-moon-\xF0\x9F\x99\x82"; // سلام-moon-🙂
    ImGui::SetClipboardText(secret.c_str());
    CHECK(std::string(ImGui::GetClipboardText()) == secret);
    CHECK(std::string(GImGui->ClipboardHandlerData.Data) == secret);
    {
        app::ui::StandInClipboard inField;
        CHECK(std::string(ImGui::GetClipboardText()) != secret); // stand-ins, only here
    }
    CHECK(std::string(ImGui::GetClipboardText()) == secret);
}
