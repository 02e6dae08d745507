#pragma once
// One frame of the real App with no window and no GPU, for the UI harness and the UI benchmark (header-only:
// the benchmark does not link doctest, which the harness library does).
#include "app/app.hpp"

#include <imgui.h>

#include <cstdint>

namespace throughline::testing {

/// Draws one frame of `app` in the current ImGui context: builds the font atlas when the app asks (with a
/// stand-in texture id), advances `now` by 1/60 s and renders.
inline void drawHeadlessFrame(app::App& app, double& now, double idleSeconds = 0,
                              app::SystemLock systemLock = app::SystemLock::None) {
    ImGuiIO& io = ImGui::GetIO();
    if (app.prepareFrame()) {
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
        io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(1)));
    }
    io.DeltaTime = 1.f / 60.f;
    now += io.DeltaTime;
    ImGui::NewFrame();
    app::FrameInput in;
    in.now = now;
    in.idleSeconds = idleSeconds;
    in.systemLock = systemLock;
    app.frame(in);
    ImGui::Render();
}

} // namespace throughline::testing
