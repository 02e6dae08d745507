#include "platform/window.hpp"

#include "platform/screenshot.hpp"

#define GL_SILENCE_DEPRECATION
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

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
void onMouseButton(GLFWwindow* w, int, int, int) {
    self(w)->noteInput();
}
void onScroll(GLFWwindow* w, double, double) {
    self(w)->noteInput();
}
void onCursor(GLFWwindow* w, double, double) {
    self(w)->noteInput();
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
    std::unique_ptr<Window> win(new Window());
    win->m_window = glfwCreateWindow(options.width, options.height, options.title.c_str(), nullptr, nullptr);
    if (!win->m_window) {
        error = "could not open a window with OpenGL 3.3";
        glfwTerminate();
        return nullptr;
    }
    glfwSetWindowSizeLimits(win->m_window, 360, 560, GLFW_DONT_CARE, GLFW_DONT_CARE);
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
    if (mayWait && idleSeconds() > 2.0)
        glfwWaitEventsTimeout(0.5);
    else
        glfwPollEvents();
}

void Window::beginFrame() {
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
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
