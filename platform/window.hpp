#pragma once
// One GLFW window with an OpenGL 3.3 context and the Dear ImGui GLFW/OpenGL3 backends.
#include "platform/input_queue.hpp"

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

struct GLFWwindow;
struct ImVec4;

namespace throughline::platform {

struct WindowOptions {
    int width = 430;
    int height = 900;
    std::string title = "Throughline";
    /// WM_CLASS (class, instance); the class matches StartupWMClass in the desktop entry.
    std::string windowClass = "Throughline";
    std::string windowInstance = "throughline";
    /// Keep the size fixed for scripted renders so screenshots are reproducible.
    bool resizable = true;
};

/// The desktop window. Creates the ImGui context and the platform/renderer backends; owns both.
class Window {
  public:
    /// Opens the window; on failure returns null and sets `error`.
    static std::unique_ptr<Window> create(const WindowOptions& options, std::string& error);
    ~Window();
    Window(const Window&) = delete;
    Window& operator=(const Window&) = delete;

    bool shouldClose() const;
    void requestClose();
    /// Processes OS events; when `mayWait` and nothing happened recently, sleeps until an event or a timeout.
    void pollEvents(bool mayWait);
    /// Starts an ImGui frame: the backend's NewFrame, this frame's share of the queued keys and characters
    /// (platform/input_queue.hpp), `beforeNewFrame` (scripted input), then ImGui::NewFrame.
    void beginFrame(const std::function<void()>& beforeNewFrame = {});
    /// Queues a key or character as if typed (scripted runs); it reaches ImGui through the same queue.
    void queueInput(const InputEvent& e) { m_input.push(e); }
    /// Keys or characters are still waiting for a frame.
    bool inputPending() const { return !m_input.empty(); }
    /// Renders the ImGui draw data into the back buffer.
    void render(const ImVec4& clearColour);
    /// Shows the back buffer.
    void present();
    /// Seconds since the last keyboard/mouse input in this window.
    double idleSeconds() const;
    /// Monotonic seconds.
    double now() const;
    /// The smallest size the user can make the window (only passed on to the system when it changes).
    void setMinimumSize(int width, int height);
    /// Re-uploads the font atlas texture after the fonts were rebuilt (UI scale change).
    void rebuildFontTexture();
    /// Writes the current back buffer to a PNG; returns an error message or "".
    std::string screenshot(const std::filesystem::path& file) const;
    int framebufferWidth() const;
    int framebufferHeight() const;

    void noteInput();
    void onKeyEvent(int key, int action);
    void onCharEvent(unsigned int codepoint);

  private:
    Window() = default;
    GLFWwindow* m_window = nullptr;
    double m_lastInput = 0;
    bool m_imguiReady = false;
    int m_minWidth = 0, m_minHeight = 0;
    InputQueue m_input;
};

} // namespace throughline::platform
