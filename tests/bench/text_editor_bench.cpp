// One headless frame of the word-wrapping multi-line editor holding a 10,000-character entry at phone width
// (issue 11 §1: target ≤ 1 ms): idle (layout cached), moving the caret, and typing (a character, then a
// Backspace: each edit lays the whole text out again). DejaVu Sans as the app loads it, at 100 % and 200 %.
//   build/tests/bench/throughline_text_editor_bench --benchmark_repetitions=5
//   --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>
#include <imgui.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "app/text_editor.hpp"
#include "app/theme.hpp"

using namespace throughline;

namespace {

constexpr int kBackspace = 259, kDown = 264, kUp = 265;

// Invented words: ~10,000 characters in paragraphs, with a few accented letters and curly quotes.
std::string longEntry() {
    const std::string sentences[] = {
        "I liked the climbing wall on Thursday because nobody there knows who I was before I moved. ",
        "Jordan showed me how to tie the knot properly and said I could come back next week. ",
        "Nan\xE2\x80\x99s caf\xC3\xA9 is the only place that feels like home \xE2\x80\x93 can I go on "
        "Saturday? ",
        "I do not want the staff to drive me every time, it feels like everyone is watching. ",
    };
    std::string s;
    for (int i = 0; s.size() < 10000; ++i) {
        s += sentences[i % 4];
        if (i % 9 == 8) s += "\n";
    }
    s.resize(10000);
    return s;
}

struct EditorFrame {
    ImGuiContext* ctx;
    std::string text = longEntry();
    bool first = true;

    explicit EditorFrame(float scale) : ctx(ImGui::CreateContext()) {
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(430, 900);
        io.DeltaTime = 1.f / 60.f;
        io.KeyMap[ImGuiKey_Backspace] = kBackspace;
        io.KeyMap[ImGuiKey_DownArrow] = kDown;
        io.KeyMap[ImGuiKey_UpArrow] = kUp;
        applyTheme(scale);
        app::FontFiles files{"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                             "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"};
        app::buildFonts(*io.Fonts, files, scale);
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
        io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(1)));
        for (int i = 0; i < 3; ++i)
            frame();
        if (!app::ui::textEditorProbe("bench.words")->active) {
            std::fprintf(stderr, "the editor did not take the keyboard\n");
            std::abort();
        }
    }
    ~EditorFrame() {
        app::ui::wipeTextEditors();
        ImGui::DestroyContext(ctx);
    }
    static void applyTheme(float scale) { app::applyTheme(app::ThemeKind::Light, scale); }

    void frame() {
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
        ImGui::Begin("bench", nullptr, ImGuiWindowFlags_NoDecoration);
        if (first) ImGui::SetKeyboardFocusHere(); // the editor takes focus as Tab would give it
        first = false;
        app::ui::TextEditorOptions o;
        app::ui::textEditor("bench.words", text, o);
        ImGui::End();
        ImGui::Render();
    }
};

void BM_EditorIdleFrame(benchmark::State& state) {
    EditorFrame f(static_cast<float>(state.range(0)) / 100.f);
    for (auto _ : state)
        f.frame();
    state.SetLabel(std::to_string(f.text.size()) + " chars, " +
                   std::to_string(app::ui::textEditorProbe("bench.words")->lineCount) + " lines");
}

void BM_EditorCaretFrame(benchmark::State& state) {
    EditorFrame f(static_cast<float>(state.range(0)) / 100.f);
    ImGuiIO& io = ImGui::GetIO();
    int i = 0;
    for (auto _ : state) {
        // Up and Down in turn, each a fresh press.
        io.KeysDown[kUp] = (i % 4 == 0);
        io.KeysDown[kDown] = (i % 4 == 2);
        f.frame();
        ++i;
    }
}

void BM_EditorTypingFrame(benchmark::State& state) {
    EditorFrame f(static_cast<float>(state.range(0)) / 100.f);
    ImGuiIO& io = ImGui::GetIO();
    int i = 0;
    for (auto _ : state) {
        // A character, then a Backspace: the entry stays 10,000 characters long and is edited every frame.
        if (i % 2 == 0) io.AddInputCharacter('x');
        io.KeysDown[kBackspace] = (i % 2 == 1);
        f.frame();
        ++i;
    }
    if (f.text.size() < 9999 || f.text.size() > 10001) std::abort(); // the keystrokes did reach the editor
}

BENCHMARK(BM_EditorIdleFrame)->Arg(100)->Arg(200)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_EditorCaretFrame)->Arg(100)->Arg(200)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_EditorTypingFrame)->Arg(100)->Arg(200)->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
