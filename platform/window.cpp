#include "platform/window.hpp"

#include "platform/imgui_input.hpp"
#include "platform/screenshot.hpp"

#define GL_SILENCE_DEPRECATION
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace throughline::platform {

namespace {

Window* self(GLFWwindow* w) {
    return static_cast<Window*>(glfwGetWindowUserPointer(w));
}

// Installed before the ImGui backend, which chains to them: every input resets the idle clock.
void onKey(GLFWwindow* w, int, int, int, int) {
    self(w)->noteInput();
}
void onChar(GLFWwindow* w, unsigned int) {
    self(w)->noteInput();
}
// Installed after the backend, in place of its key and character callbacks: keys and characters are queued
// and handed to ImGui a frame's worth at a time (platform/input_queue.hpp).
void onKeyQueued(GLFWwindow* w, int key, int, int action, int) {
    self(w)->onKeyEvent(key, action);
}
void onCharQueued(GLFWwindow* w, unsigned int c) {
    self(w)->onCharEvent(c);
}
void onMouseButton(GLFWwindow* w, int, int, int) {
    self(w)->noteInput();
}
void onScroll(GLFWwindow* w, double, double) {
    self(w)->noteInput();
}
void onCursor(GLFWwindow* w, double, double) {
    self(w)->noteInput();
}

// The window icon: the three track circles of assets/icons/throughline.svg, rasterised with 4×4
// supersampling.
void setWindowIcon(GLFWwindow* window) {
    constexpr int n = 64;
    static unsigned char pixels[n * n * 4];
    struct Circle {
        float x, y, r;
        unsigned char c[3];
    };
    const Circle circles[3] = {{32, 24.5f, 14, {0x3F, 0x6F, 0xA8}},
                               {24.5f, 37.5f, 14, {0xC0, 0x70, 0x2F}},
                               {39.5f, 37.5f, 14, {0x5B, 0x8C, 0x3A}}};
    for (int y = 0; y < n; ++y)
        for (int x = 0; x < n; ++x) {
            float rgb[3] = {0, 0, 0}, alpha = 0;
            for (int sy = 0; sy < 4; ++sy)
                for (int sx = 0; sx < 4; ++sx) {
                    const float px = x + (sx + 0.5f) / 4, py = y + (sy + 0.5f) / 4;
                    float cr = 0xF4, cg = 0xF2, cb = 0xEE, a = 0;
                    // rounded-square background
                    const float dx = std::max(std::abs(px - 32) - 18, 0.f),
                                dy = std::max(std::abs(py - 32) - 18, 0.f);
                    if (dx * dx + dy * dy <= 14 * 14) a = 1;
                    for (const auto& c : circles) {
                        const float d = std::hypot(px - c.x, py - c.y);
                        if (d <= c.r) {
                            const float k = d >= c.r - 1.6f ? 1.f : 0.3f; // outline, then a soft fill
                            cr += (c.c[0] - cr) * k;
                            cg += (c.c[1] - cg) * k;
                            cb += (c.c[2] - cb) * k;
                        }
                    }
                    if (std::hypot(px - 32, py - 33) <= 3.5f) cr = 0x2E, cg = 0x7D, cb = 0x76;
                    rgb[0] += cr * a, rgb[1] += cg * a, rgb[2] += cb * a, alpha += a;
                }
            unsigned char* o = pixels + (y * n + x) * 4;
            for (int i = 0; i < 3; ++i)
                o[i] = static_cast<unsigned char>(alpha > 0 ? rgb[i] / alpha : 0);
            o[3] = static_cast<unsigned char>(alpha / 16 * 255);
        }
    GLFWimage image{n, n, pixels};
    glfwSetWindowIcon(window, 1, &image);
}

void onGlfwError(int code, const char* text) {
    std::fprintf(stderr, "throughline: GLFW error %d: %s\n", code, text);
}

} // namespace

std::unique_ptr<Window> Window::create(const WindowOptions& options, std::string& error) {
    glfwSetErrorCallback(onGlfwError);
    if (!glfwInit()) {
        error = "could not start the windowing system (is a display available?)";
        return nullptr;
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_RESIZABLE, options.resizable ? GLFW_TRUE : GLFW_FALSE);
    // WM_CLASS, which desktops match against the desktop entry's StartupWMClass to group the window
    // under the menu entry and its icon.
    glfwWindowHintString(GLFW_X11_CLASS_NAME, options.windowClass.c_str());
    glfwWindowHintString(GLFW_X11_INSTANCE_NAME, options.windowInstance.c_str());
    std::unique_ptr<Window> win(new Window());
    win->m_window = glfwCreateWindow(options.width, options.height, options.title.c_str(), nullptr, nullptr);
    if (!win->m_window) {
        error = "could not open a window with OpenGL 3.3";
        glfwTerminate();
        return nullptr;
    }
    setWindowIcon(win->m_window);
    glfwMakeContextCurrent(win->m_window);
    glfwSwapInterval(1);
    glfwSetWindowUserPointer(win->m_window, win.get());
    glfwSetKeyCallback(win->m_window, onKey);
    glfwSetCharCallback(win->m_window, onChar);
    glfwSetMouseButtonCallback(win->m_window, onMouseButton);
    glfwSetScrollCallback(win->m_window, onScroll);
    glfwSetCursorPosCallback(win->m_window, onCursor);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui_ImplGlfw_InitForOpenGL(win->m_window, true);
    glfwSetKeyCallback(win->m_window, onKeyQueued);
    glfwSetCharCallback(win->m_window, onCharQueued);
    ImGui_ImplOpenGL3_Init("#version 330 core");
    win->m_imguiReady = true;
    win->m_lastInput = glfwGetTime();
    return win;
}

Window::~Window() {
    if (m_imguiReady) {
        ImGui_ImplOpenGL3_Shutdown();
        ImGui_ImplGlfw_Shutdown();
        ImGui::DestroyContext();
    }
    if (m_window) glfwDestroyWindow(m_window);
    glfwTerminate();
}

bool Window::shouldClose() const {
    return glfwWindowShouldClose(m_window);
}
void Window::requestClose() {
    glfwSetWindowShouldClose(m_window, GLFW_TRUE);
}

void Window::pollEvents(bool mayWait) {
    // Keep animating for a moment after input (cursor blink, hover), then sleep so an idle
    // laptop is not kept busy; the timeout keeps the auto-lock clock ticking.
    if (mayWait && idleSeconds() > 2.0 && m_input.empty())
        glfwWaitEventsTimeout(0.5);
    else
        glfwPollEvents();
}

void Window::beginFrame(const std::function<void()>& beforeNewFrame) {
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    applyToImGui(m_input.nextFrame());
    if (beforeNewFrame) beforeNewFrame();
    ImGui::NewFrame();
}

void Window::render(const ImVec4& c) {
    ImGui::Render();
    int w = 0, h = 0;
    glfwGetFramebufferSize(m_window, &w, &h);
    glViewport(0, 0, w, h);
    glClearColor(c.x, c.y, c.z, c.w);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

void Window::present() {
    glfwSwapBuffers(m_window);
}

double Window::idleSeconds() const {
    return glfwGetTime() - m_lastInput;
}
double Window::now() const {
    return glfwGetTime();
}
void Window::noteInput() {
    m_lastInput = glfwGetTime();
}

void Window::setMinimumSize(int width, int height) {
    if (width == m_minWidth && height == m_minHeight) return;
    m_minWidth = width;
    m_minHeight = height;
    glfwSetWindowSizeLimits(m_window, width, height, GLFW_DONT_CARE, GLFW_DONT_CARE);
}

void Window::onKeyEvent(int key, int action) {
    noteInput();
    if (action == GLFW_REPEAT) return; // ImGui repeats a held key itself
    InputEvent e;
    e.key = key;
    e.down = action == GLFW_PRESS;
    e.modifier = isModifierKey(key);
    m_input.push(e);
}

void Window::onCharEvent(unsigned int codepoint) {
    noteInput();
    InputEvent e;
    e.kind = InputEvent::Kind::Char;
    e.codepoint = codepoint;
    m_input.push(e);
}

void Window::rebuildFontTexture() {
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
}

std::string Window::screenshot(const std::filesystem::path& file) const {
    return writeFramebufferPng(file, framebufferWidth(), framebufferHeight());
}

int Window::framebufferWidth() const {
    int w = 0, h = 0;
    glfwGetFramebufferSize(m_window, &w, &h);
    return w;
}
int Window::framebufferHeight() const {
    int w = 0, h = 0;
    glfwGetFramebufferSize(m_window, &w, &h);
    return h;
}

} // namespace throughline::platform
