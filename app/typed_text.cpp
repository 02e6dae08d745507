#include "app/typed_text.hpp"

#include <imgui.h>

#include <deque>
#include <utility>

namespace throughline::app::ui {

namespace {
std::deque<std::pair<int, char32_t>> g_wide; // (frame that will see it, code point)
}

void noteTypedWideCharacter(char32_t c) {
    g_wide.emplace_back(ImGui::GetFrameCount() + 1, c); // before NewFrame: the next frame reads it
}

std::optional<char32_t> takeTypedWideCharacter() {
    const int frame = ImGui::GetFrameCount();
    while (!g_wide.empty() && g_wide.front().first < frame)
        g_wide.pop_front(); // typed into something else (or not read): never handed to a later frame
    if (g_wide.empty() || g_wide.front().first != frame) return std::nullopt;
    const char32_t c = g_wide.front().second;
    g_wide.pop_front();
    return c;
}

} // namespace throughline::app::ui
