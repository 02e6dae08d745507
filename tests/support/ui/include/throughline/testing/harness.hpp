#pragma once
// Drives the real App headlessly: an ImGui context with no window and no GL, input fed through the
// (1.86) io fields, items found by the names the widgets tag.
#include "app/app.hpp"

#include <imgui.h>

#include <memory>
#include <string>

namespace throughline::testing {

// Key indices of the fake keyboard (same values as GLFW's, like the real backend uses).
constexpr int kKeyTab = 258, kKeyEnter = 257, kKeyEscape = 256, kKeyBackspace = 259, kKeyLeft = 263,
              kKeyRight = 262, kKeyUp = 265, kKeyDown = 264, kKeySpace = 32, kKeyDelete = 261, kKeyHome = 268,
              kKeyEnd = 269, kKeyPageUp = 266, kKeyPageDown = 267, kKeyL = 'L';

/// The ImGui context lives before (and dies after) the App.
struct ImGuiContextOwner {
    ImGuiContext* context;
    ImGuiContextOwner();
    ~ImGuiContextOwner();
};

class Harness {
  public:
    explicit Harness(app::AppOptions options, ImVec2 size = ImVec2(430, 3200));
    ~Harness();

    /// Renders `n` frames (time advances 1/60 s each).
    void frame(int n = 1);
    /// Renders frames until no slow work (key derivation) is pending.
    void settle();
    /// Whether an item with this tag was drawn in the last frame.
    bool visible(const std::string& tag) const;
    /// Clicks the centre of a tagged item (move, press, release). Fails the test if not visible.
    bool click(const std::string& tag);
    /// Clicks a field, then types UTF-8 text into it.
    bool typeInto(const std::string& tag, const std::string& text);
    void pressKey(int key, bool ctrl = false, bool shift = false);
    /// The tag of the control that has the keyboard focus in the last frame ("" when none is tagged).
    std::string focusedTag() const;
    /// Types UTF-8 text into whatever has the keyboard (one frame's worth of characters, then a frame).
    void type(const std::string& text);
    /// Presses the left button at `from`, moves to `to` over a few frames, releases it there.
    void drag(ImVec2 from, ImVec2 to);
    /// Moves the mouse (and draws a frame).
    void mouseTo(ImVec2 pos);

    app::App& app() { return *m_app; }
    double idleSeconds = 0;
    /// Told to the app with the next frame only (the screen locked, the computer is going to sleep).
    app::SystemLock systemLock = app::SystemLock::None;

  private:
    ImGuiContextOwner m_ctx;
    std::unique_ptr<app::App> m_app;
    double m_now = 1.0;
};

/// Options for a test app on `vaultDir` (fast key derivation, fonts from the system).
app::AppOptions testOptions(const std::filesystem::path& vaultDir);

} // namespace throughline::testing
