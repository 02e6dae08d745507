#include "platform/imgui_input.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <utility>

namespace throughline::platform {

bool isModifierKey(int key) {
    return key >= GLFW_KEY_LEFT_SHIFT && key <= GLFW_KEY_RIGHT_SUPER;
}

namespace {
std::function<void(char32_t)> g_wideSink;
}

void setWideCharacterSink(std::function<void(char32_t)> sink) {
    g_wideSink = std::move(sink);
}

void applyToImGui(const std::vector<InputEvent>& events) {
    ImGuiIO& io = ImGui::GetIO();
    constexpr int keyCount = static_cast<int>(IM_ARRAYSIZE(io.KeysDown));
    for (const InputEvent& e : events) {
        if (e.kind == InputEvent::Kind::Char) {
            if (e.codepoint > 0 && e.codepoint <= 0x10FFFF) {
                if (e.codepoint > 0xFFFF && g_wideSink) g_wideSink(e.codepoint);
                io.AddInputCharacter(static_cast<unsigned>(e.codepoint));
            }
            continue;
        }
        if (e.key >= 0 && e.key < keyCount) io.KeysDown[e.key] = e.down;
    }
    io.KeyCtrl = io.KeysDown[GLFW_KEY_LEFT_CONTROL] || io.KeysDown[GLFW_KEY_RIGHT_CONTROL];
    io.KeyShift = io.KeysDown[GLFW_KEY_LEFT_SHIFT] || io.KeysDown[GLFW_KEY_RIGHT_SHIFT];
    io.KeyAlt = io.KeysDown[GLFW_KEY_LEFT_ALT] || io.KeysDown[GLFW_KEY_RIGHT_ALT];
    io.KeySuper = io.KeysDown[GLFW_KEY_LEFT_SUPER] || io.KeysDown[GLFW_KEY_RIGHT_SUPER];
}

} // namespace throughline::platform
