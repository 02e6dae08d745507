#pragma once
// Keyboard input queued per frame. Dear ImGui 1.86 reads keys as state (io.KeysDown) once a frame, so a key
// pressed and released between two frames (fast typing, a quick Ctrl+L, a slow frame) is never seen. The
// window queues every key and character event and hands each frame only what ImGui can tell apart: at most
// one change per key, and one key press besides modifiers, in the order they came. The rest waits for the
// next frames. No GLFW or ImGui here (unit-tested on its own).
#include <cstddef>
#include <cstdint>
#include <vector>

namespace throughline::platform {

struct InputEvent {
    enum class Kind : std::uint8_t { Key, Char };
    Kind kind = Kind::Key;
    int key = 0;            // Kind::Key: the key code (GLFW's numbering, as io.KeysDown is indexed)
    bool down = false;      // Kind::Key: pressed (true) or released
    bool modifier = false;  // Kind::Key: Ctrl, Shift, Alt or Super (several may change in one frame)
    char32_t codepoint = 0; // Kind::Char: the character typed
};

class InputQueue {
  public:
    ~InputQueue() { clear(); }
    void push(const InputEvent& e) { m_events.push_back(e); }
    bool empty() const { return m_head == m_events.size(); }
    /// The events for the next frame, in order; what is left waits for the frames after.
    std::vector<InputEvent> nextFrame();
    /// Forgets what is queued (characters typed are overwritten first).
    void clear();

  private:
    std::vector<InputEvent> m_events;
    std::size_t m_head = 0;
};

} // namespace throughline::platform
