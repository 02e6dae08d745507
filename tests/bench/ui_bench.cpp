// Headless frame time of the young person home screen on the 100,000-contact bench vault.
// The vault is the one tests/bench/bench.cpp builds: run `throughline_bench --prepare-only` first.
//   throughline_ui_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
// (BM_KeepEditorDraft needs no bench vault: --benchmark_filter=KeepEditorDraft)
#include <benchmark/benchmark.h>
#include <imgui.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "app/app.hpp"
#include "app/editor_draft.hpp"
#include "app/screens/member_editor_screen.hpp"
#include "throughline/db/schema.hpp"
#include "throughline/records/store.hpp"
#include "throughline/testing/headless_frame.hpp"
#include "throughline/testing/temp_dir.hpp"
#include "throughline/testing/test_vault.hpp"
#include "throughline/testing/vault_fixture.hpp"
#include "throughline/vault/vault.hpp"

namespace fs = std::filesystem;
using namespace throughline;

namespace {

constexpr const char* kPass = testing::kFixturePass; // the bench vault of bench.cpp

fs::path vaultDir() {
    const char* t = std::getenv("TMPDIR");
    const fs::path root = (t && *t) ? fs::path(t) : fs::temp_directory_path();
    return root / ("throughline-bench-vault-" + std::to_string(core::kSchemaVersion));
}

// The young person with the most contacts: the heaviest home screen.
std::string busiestYoungPerson() {
    auto v = core::Vault::open(vaultDir(), kPass);
    if (!v) {
        std::fprintf(stderr,
                     "Cannot open the bench vault at %s (%s). Run throughline_bench --prepare-only first.\n",
                     vaultDir().c_str(), v.error().message.c_str());
        std::exit(2);
    }
    std::string best;
    std::size_t most = 0;
    const auto people = v.value()->store().listYoungPeople(); // keep the Result alive while iterating
    for (const auto& yp : *people) {
        auto c = v.value()->store().contacts(yp.id);
        if (c && c->size() > most) {
            most = c->size();
            best = yp.id;
        }
    }
    std::printf("home screen of the young person with %zu contacts\n", most);
    return best;
}

struct Fixture {
    ImGuiContext* ctx;
    std::unique_ptr<app::App> app;
    double now = 1.0;

    Fixture(ImVec2 size, const std::string& ypId, app::Screen screen = app::Screen::Home)
        : ctx(ImGui::CreateContext()) {
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = size;
        for (int k = 0; k < ImGuiKey_COUNT; ++k)
            io.KeyMap[k] = 300 + k; // keyboard nav needs every key mapped
        app::AppOptions o;
        o.vaultDir = vaultDir();
        o.kdf = core::KdfParams::minimumForTests();
        o.fonts.regular = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
        o.fonts.bold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
        app = std::make_unique<app::App>(o);
        frame();
        if (!app->unlock(kPass)) std::abort();
        const std::string err = app->openScreen(screen, ypId);
        if (!err.empty()) {
            std::fprintf(stderr, "%s\n", err.c_str());
            std::abort();
        }
        for (int i = 0; i < 5; ++i)
            frame(); // let data load and layout settle
        if (app->screen() != screen || ImGui::GetDrawData()->TotalVtxCount < 1000) {
            std::fprintf(stderr, "the screen did not render\n");
            std::abort();
        }
        std::printf("%s: %d vertices a frame\n", size.x > 900 ? "wide" : "phone",
                    ImGui::GetDrawData()->TotalVtxCount);
    }
    ~Fixture() {
        app.reset();
        ImGui::DestroyContext(ctx);
    }
    void frame() { testing::drawHeadlessFrame(*app, now); }
};

const std::string& ypId() {
    static const std::string id = busiestYoungPerson();
    return id;
}

void BM_HomeFrame(benchmark::State& state) {
    const ImVec2 size = state.range(0) ? ImVec2(1280, 860) : ImVec2(430, 900);
    Fixture f(size, ypId());
    for (auto _ : state)
        f.frame();
    state.SetLabel(state.range(0) ? "wide 1280x860" : "phone 430x900");
}
BENCHMARK(BM_HomeFrame)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

// The network map screen: map, legend and relational timeline, drawn from geometry computed once.
void BM_NetworkMapFrame(benchmark::State& state) {
    const ImVec2 size = state.range(0) ? ImVec2(1280, 860) : ImVec2(430, 900);
    Fixture f(size, ypId(), app::Screen::Network);
    for (auto _ : state)
        f.frame();
    state.SetLabel(state.range(0) ? "wide 1280x860" : "phone 430x900");
}
BENCHMARK(BM_NetworkMapFrame)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

// Keeping an editor's draft (the member editor's fields encoded, written encrypted into the vault): what
// happens every 2 s while someone types, and for every open editor on lock. Runs on a small fixture vault of
// its own.
void BM_KeepEditorDraft(benchmark::State& state) {
    testing::TempDir tmp;
    const testing::FixtureIds ids = testing::makeFixtureVault(tmp / "vault");
    auto vault = testing::openFixtureVault(tmp / "vault");
    core::Store& store = vault->store();
    app::MemberEditorState editor;
    editor.load(*store.networkMember(ids.mum));
    app::EditorDraft draft;
    draft.open(store, "editor.member." + ids.mum, editor.draftFields());
    int n = 0;
    for (auto _ : state) {
        editor.member.notes = "Invented note, revision " + std::to_string(++n); // a change to keep each time
        draft.keep(
            store, [&] { return editor.draftFields(); }, 0, 2.0, true);
    }
    draft.close(store);
}
BENCHMARK(BM_KeepEditorDraft)->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
