// Names and words in many scripts on screen (issue 11 §6): every character of a drawable script gets a real
// glyph (never the "?" fallback), combining marks sit on their letter, and scripts the screen cannot shape
// are shown as a marker, never as "?". All names are invented.
#include "throughline/testing/opened_vault.hpp"
#include "throughline/testing/world_text.hpp"

#include "app/astral_text.hpp"
#include "app/glyphs.hpp"
#include "app/script_marker.hpp"
#include "app/theme.hpp"
#include "throughline/base/text.hpp"
#include "throughline/vault/vault.hpp"

#include <doctest/doctest.h>
#include <imgui.h>

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

TEST_CASE("editing a field keeps the emoji already in it (Dear ImGui 1.86 would write them back as U+FFFD)") {
    auto addEmoji = [](core::Vault& vault, const FixtureIds& ids) {
        auto yp = vault.store().youngPerson(ids.youngPerson);
        REQUIRE(yp.ok());
        yp->preferredName = "Seun \xF0\x9F\x99\x8F"; // 🙏
        REQUIRE(vault.store().save(*yp).ok());
    };
    OpenedVault v({.prepare = addEmoji});
    Harness& h = v.h;
    REQUIRE(h.app().openScreen(app::Screen::PersonEditor, v.ids.youngPerson).empty());
    h.frame(2);
    h.typeInto("person.preferred", "!");
    h.click("person.save");
    auto yp = h.app().vault()->store().youngPerson(v.ids.youngPerson);
    REQUIRE(yp.ok());
    CHECK(yp->preferredName == "Seun \xF0\x9F\x99\x8F!");
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
