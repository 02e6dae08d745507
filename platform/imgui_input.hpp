#pragma once
// Hands queued input events (platform/input_queue.hpp) to Dear ImGui 1.86 as its GLFW backend would: key
// state in io.KeysDown (GLFW key codes), the modifier flags, typed characters.
#include "platform/input_queue.hpp"

#include <functional>
#include <vector>

namespace throughline::platform {

/// Applies one frame's events to the current ImGui context (call before ImGui::NewFrame).
void applyToImGui(const std::vector<InputEvent>& events);

/// Receives each typed character above U+FFFF as it is handed to ImGui (which, with 16-bit characters,
/// queues U+FFFD for it): the app takes the real character back (app/typed_text.hpp).
void setWideCharacterSink(std::function<void(char32_t)> sink);

/// Whether a GLFW key code is a modifier key (Ctrl, Shift, Alt, Super).
bool isModifierKey(int key);

} // namespace throughline::platform
