#include "platform/input_queue.hpp"

#include <algorithm>
#include <cstring>

namespace throughline::platform {

std::vector<InputEvent> InputQueue::nextFrame() {
    std::vector<InputEvent> out;
    std::vector<int> changed; // keys that changed this frame
    bool pressed = false;     // a key other than a modifier went down this frame
    for (; m_head < m_events.size(); ++m_head) {
        const InputEvent& e = m_events[m_head];
        if (e.kind == InputEvent::Kind::Key) {
            // A second change of the same key would undo the first before ImGui sees it; a second key press
            // could reach a text field before the characters typed between them.
            if (std::find(changed.begin(), changed.end(), e.key) != changed.end()) break;
            if (e.down && !e.modifier && pressed) break;
            changed.push_back(e.key);
            if (e.down && !e.modifier) pressed = true;
        }
        out.push_back(e);
    }
    if (empty()) clear();
    return out;
}

void InputQueue::clear() {
    // Characters typed may be a passphrase: nothing of them stays behind in the queue's memory.
    if (!m_events.empty())
        std::memset(static_cast<void*>(m_events.data()), 0, m_events.size() * sizeof(InputEvent));
    m_events.clear();
    m_head = 0;
}

} // namespace throughline::platform
