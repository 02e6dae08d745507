// The UI font atlas: build time and texture size with the fixed glyph ranges, and after the names and words
// of a vault in many scripts (issue 11 §6) have asked for their characters.
//   build/tests/bench/throughline_font_bench --benchmark_repetitions=5
//   --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>
#include <imgui.h>

#include "app/glyphs.hpp"
#include "app/picture_glyphs.hpp"
#include "app/theme.hpp"
#include "throughline/testing/world_text.hpp"

using namespace throughline;

namespace {

void buildOnce(benchmark::State& state, bool worldText) {
    ImGuiContext* ctx = ImGui::CreateContext();
    app::FontFiles files;
    files.regular = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    files.bold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
    for (const auto& name : app::fallbackFontNames())
        files.fallbacks.push_back("/usr/share/fonts/truetype/noto/" + name); // missing ones are skipped
    app::resetGlyphDemand();
    if (worldText) {
        for (const auto& n : tltest::kDrawableNames)
            app::noteGlyphs(n.name);
        app::noteGlyphs(tltest::kEmojiWords);
    }
    int w = 0, h = 0, glyphs = 0;
    for (auto _ : state) {
        ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
        app::buildFonts(atlas, files, 1.f);
        unsigned char* px = nullptr;
        atlas.GetTexDataAsRGBA32(&px, &w, &h);
        benchmark::DoNotOptimize(px);
        glyphs = 0;
        for (ImFont* f : atlas.Fonts)
            glyphs += f->Glyphs.Size;
    }
    state.counters["atlas_w"] = w;
    state.counters["atlas_h"] = h;
    state.counters["atlas_MiB_rgba"] = w * h * 4 / 1048576.0;
    state.counters["glyphs"] = glyphs;
    ImGui::DestroyContext(ctx);
}

void BM_BuildFonts_Fixed(benchmark::State& state) {
    buildOnce(state, false);
}
void BM_BuildFonts_WorldNamesAndEmoji(benchmark::State& state) {
    buildOnce(state, true);
}
// One emoji picture drawn by pango from Noto Color Emoji, uncached (what a new emoji in a vault costs once
// per UI font when the atlas is rebuilt).
void BM_RenderEmojiPicture(benchmark::State& state) {
    const int px = static_cast<int>(state.range(0));
    for (auto _ : state) {
        auto bitmap = app::renderGlyphBitmap("\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBE", true, px, px); // 👍🏾
        benchmark::DoNotOptimize(bitmap.pixels.data());
    }
}
BENCHMARK(BM_RenderEmojiPicture)->Arg(18)->Arg(48)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_BuildFonts_Fixed)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BuildFonts_WorldNamesAndEmoji)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
