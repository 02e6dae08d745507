// Locking ends the session: after opening every screen (revealing the location, typing a young person's
// words) and locking, nothing read from the vault or typed about a young person survives in the app or in
// ImGui's text buffers.
#include "throughline/testing/harness.hpp"
#include "throughline/testing/sync_fixture.hpp"

#include "throughline/vault/vault.hpp"

#include "app/text_editor.hpp"

#include <imgui_internal.h>

#include <doctest/doctest.h>

#include <cstring>
#include <string>
#include <string_view>
#include <vector>

using namespace throughline;
using namespace throughline::testing;

namespace {

// Invented, and distinctive enough that finding one anywhere means it was left behind.
const char* const kSurname = "Ashdown";                   // the young person and their family
const char* const kAddress = "14 Imaginary Lane";         // the confidential placement address
const char* const kWords = "Zephyrine kept the marigold"; // typed as the young person's own words
const char* const kSearch = "Ashd";                       // typed into the people search

bool holds(const void* data, std::size_t size, std::string_view needle) {
    if (!data || size < needle.size() || needle.empty()) return false;
    const char* p = static_cast<const char*>(data);
    for (std::size_t i = 0; i + needle.size() <= size; ++i)
        if (std::memcmp(p + i, needle.data(), needle.size()) == 0) return true;
    // The text field keeps its text as ImWchar too.
    std::vector<ImWchar> wide(needle.begin(), needle.end());
    const std::size_t wideBytes = wide.size() * sizeof(ImWchar);
    for (std::size_t i = 0; i + wideBytes <= size; ++i)
        if (std::memcmp(p + i, wide.data(), wideBytes) == 0) return true;
    return false;
}

template <class T> bool holds(const ImVector<T>& v, std::string_view needle) {
    return holds(v.Data, static_cast<std::size_t>(v.Capacity) * sizeof(T), needle);
}

// Every place ImGui keeps text between frames: the text field being edited (and its undo), the formatting
// buffer, clipboard and log buffers, the in-memory .ini, the names of windows, and the multi-line editor's
// undo history.
std::vector<std::string> imguiPlacesHolding(std::string_view needle) {
    ImGuiContext& g = *GImGui;
    std::vector<std::string> found;
    const ImGuiInputTextState& st = g.InputTextState;
    if (holds(st.TextW, needle)) found.push_back("InputTextState.TextW");
    if (holds(st.TextA, needle)) found.push_back("InputTextState.TextA");
    if (holds(st.InitialTextA, needle)) found.push_back("InputTextState.InitialTextA");
    if (holds(&st.Stb, sizeof(st.Stb), needle)) found.push_back("InputTextState.Stb (undo)");
    if (holds(g.TempBuffer, sizeof(g.TempBuffer), needle)) found.push_back("TempBuffer");
    if (holds(g.ClipboardHandlerData, needle)) found.push_back("ClipboardHandlerData");
    if (holds(g.LogBuffer.Buf, needle)) found.push_back("LogBuffer");
    if (holds(g.SettingsIniData.Buf, needle)) found.push_back("SettingsIniData");
    for (ImGuiWindow* w : g.Windows)
        if (w->Name && holds(w->Name, std::strlen(w->Name), needle))
            found.push_back(std::string("window ") + w->Name);
    // The word-wrapping multi-line editor keeps its own undo history.
    app::ui::forEachTextEditorBuffer([&](const char* what, const void* data, std::size_t size) {
        if (holds(data, size, needle)) found.push_back(what);
    });
    return found;
}

} // namespace

TEST_CASE("locking leaves nothing read from the vault in the app or in ImGui") {
    TempDir tmp;
    const auto dir = tmp.path / "vault";
    const FixtureIds ids = makeFixtureVault(dir);
    // A colleague's card, so that the contact screen has someone to show.
    addUnverifiedColleague(*openFixtureVault(dir), tmp.path / "colleague");
    for (ImVec2 size : {ImVec2(430, 2400), ImVec2(1280, 2400)}) {
        CAPTURE(size.x);
        Harness h(testOptions(dir), size);
        REQUIRE(h.app().unlock(kFixturePass).ok());
        h.frame(2);
        h.typeInto("people.search", kSearch);
        h.frame(2);

        // Every screen in turn, as the command line opens them.
        for (const auto& s : app::kScreenNames) {
            CAPTURE(s.name);
            if (s.screen == app::Screen::Create || s.screen == app::Screen::Unlock ||
                s.screen == app::Screen::Recovery)
                continue;
            REQUIRE(h.app().openScreen(s.screen, ids.youngPerson) == "");
            h.frame(3);
            CHECK(h.app().screen() == s.screen);
        }
        // What the session holds at its most sensitive: the location revealed, the young person's words
        // being typed (so ImGui's text field holds them too).
        REQUIRE(h.app().openScreen(app::Screen::Home, ids.youngPerson) == "");
        h.frame(2);
        REQUIRE(h.click("home.reveal"));
        REQUIRE(h.app().homeState().revealedLocation.has_value());
        REQUIRE(h.app().openScreen(app::Screen::Record, ids.youngPerson) == "");
        h.frame(2);
        REQUIRE(h.typeInto("record.words", kWords));
        REQUIRE(h.app().session() != nullptr);
        CHECK(h.app().session()->records.record.form.words == kWords);
        CHECK_FALSE(imguiPlacesHolding(kWords).empty()); // the check can see what it looks for

        h.app().lock();
        h.frame(3);

        CHECK_FALSE(h.app().isUnlocked());
        CHECK(h.app().session() == nullptr); // the session, and everything loaded into it, is gone
        CHECK(h.app().vault() == nullptr);
        CHECK(h.app().screen() == app::Screen::Unlock);
        CHECK(h.app().selectedYoungPerson().empty());
        CHECK_FALSE(h.app().draftOffered());
        CHECK_FALSE(h.app().presentationOpen());
        CHECK(h.app().toast().empty());
        CHECK(h.app().syncNotice().empty());
        // The App object itself (its short strings live inside it) holds none of it.
        for (const char* needle : {kSurname, kAddress, kWords, kSearch}) {
            CAPTURE(needle);
            CHECK_FALSE(holds(&h.app(), sizeof(app::App), needle));
            CHECK(imguiPlacesHolding(needle) == std::vector<std::string>{});
        }
        // The screens of a locked app hold nothing of the vault either.
        CHECK(h.app().unlockState().passphrase.empty());
        CHECK(h.app().recoveryState().recoveryKey.empty());

        // Unlocking again starts a fresh session: nothing carried over.
        REQUIRE(h.app().unlock(kFixturePass).ok());
        h.frame(2);
        CHECK(h.app().session()->records.peopleState.search.empty());
        CHECK_FALSE(h.app().homeState().revealedLocation.has_value());
        CHECK(h.app().session()->records.record.form.words.empty());
        CHECK(h.app().draftOffered()); // the draft was saved, encrypted, in the vault
        h.app().lock();
    }
}
