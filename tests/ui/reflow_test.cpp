// Reflow (WCAG 1.4.10, issue 11 §2 and §7): every screen at 200 % in the default 430-px window, and at 320 px
// of logical width (window pixels over the UI scale, as dp() scales) both at 100 % (a 320-px window) and at
// 200 % (a 640-px window): no text drawn by the widgets runs past its card or window (titles and
// headings wrap or step down a size), no screen scrolls sideways, and the tab labels stay inside their
// tabs. The text widgets record what overflows (ui::textOverflows).
#include "throughline/testing/opened_vault.hpp"
#include "throughline/testing/sync_fixture.hpp"
#include "throughline/testing/test_vault.hpp"

#include "app/widgets.hpp"
#include "throughline/vault/vault.hpp"

#include <doctest/doctest.h>
#include <imgui_internal.h>

using namespace throughline;
using namespace throughline::testing;

namespace {

// Screens' own scrolling windows that are wider than the window (a sideways scroll), with the tagged
// items that run past the visible right edge (to find what widens it).
std::vector<std::string> sidewaysScrolling() {
    std::vector<std::string> out;
    for (ImGuiWindow* w : ImGui::GetCurrentContext()->Windows) {
        if (!w->Active || !(w->Flags & ImGuiWindowFlags_ChildWindow) || w->ScrollMax.x <= 2.f)
            continue; // a pixel of rounding is no scroll
        std::string past;
        for (const auto& [tag, r] : app::ui::taggedRects())
            if (r.frame == ImGui::GetFrameCount() && r.max.x > w->InnerClipRect.Max.x + 0.5f)
                past += " " + tag;
        out.push_back(std::string(w->Name) + " (content " + std::to_string(w->ContentSize.x) + " px in " +
                      std::to_string(w->InnerRect.GetWidth()) + "); tagged items past the edge:" + past);
    }
    return out;
}

} // namespace

TEST_CASE(
    "every screen reflows at 200 % in a 430-px window and at 320 px of logical width at 100 % and 200 %") {
    TempDir tmp;
    const auto dir = tmp.path / "vault";
    makeEveryScreenVault(tmp.path, 2, 40);
    struct Case {
        ImVec2 size;
        int scale;
    };
    for (const Case c :
         {Case{ImVec2(430, 2400), 200}, Case{ImVec2(320, 2400), 100}, Case{ImVec2(640, 2400), 200}}) {
        auto o = testOptions(dir);
        o.scalePercent = c.scale;
        Harness h(o, c.size);
        for (const auto& s : app::kScreenNames) {
            if (s.screen == app::Screen::Create) continue; // needs an empty folder
            if (s.screen != app::Screen::Unlock && s.screen != app::Screen::Recovery && !h.app().isUnlocked())
                REQUIRE(h.app().unlock(kFixturePass).ok());
            REQUIRE(h.app().openScreen(s.screen) == "");
            h.frame(3);
            app::ui::clearTextOverflows();
            h.frame(1);
            CAPTURE(s.name);
            CAPTURE(c.size.x);
            CAPTURE(c.scale);
            for (const auto& f : app::ui::textOverflows()) {
                INFO("'" << f.text << "' ends at " << f.right << ", past " << f.limit);
                CHECK(false);
            }
            for (const auto& name : sidewaysScrolling()) {
                INFO(name << " scrolls sideways");
                CHECK(false);
            }
        }
        h.app().lock();
    }
}
