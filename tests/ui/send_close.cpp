// ui_send_close PID [SECONDS]: presses a window's close button the way a window manager does. It finds the
// top-level window of process PID (its _NET_WM_PID, named "Throughline…") on the current DISPLAY and sends it
// the ICCCM WM_DELETE_WINDOW ClientMessage, which GLFW turns into glfwWindowShouldClose. Under Xvfb there is
// no window manager to do it. Waits up to SECONDS (default 30) for the window to appear.
// Exit status: 0 sent, 1 no such window (or it does not take WM_DELETE_WINDOW), 2 bad arguments or no
// display.
#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <X11/Xutil.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>

namespace {

// The CARDINAL _NET_WM_PID of `w`, or 0.
unsigned long pidOf(Display* d, Window w, Atom netWmPid) {
    Atom type = None;
    int format = 0;
    unsigned long items = 0, after = 0;
    unsigned char* data = nullptr;
    unsigned long pid = 0;
    if (XGetWindowProperty(d, w, netWmPid, 0, 1, False, XA_CARDINAL, &type, &format, &items, &after, &data) ==
            Success &&
        data) {
        if (type == XA_CARDINAL && format == 32 && items == 1) pid = *reinterpret_cast<unsigned long*>(data);
        XFree(data);
    }
    return pid;
}

std::string nameOf(Display* d, Window w) {
    char* name = nullptr;
    std::string out;
    if (XFetchName(d, w, &name) && name) {
        out = name;
        XFree(name);
    }
    return out;
}

// The window under `parent` (itself included) owned by `pid` and named "Throughline…", or None.
Window findWindow(Display* d, Window parent, unsigned long pid, Atom netWmPid) {
    if (pidOf(d, parent, netWmPid) == pid && nameOf(d, parent).rfind("Throughline", 0) == 0) return parent;
    Window root = None, up = None, *children = nullptr;
    unsigned int n = 0;
    if (!XQueryTree(d, parent, &root, &up, &children, &n)) return None;
    Window found = None;
    for (unsigned int i = 0; i < n && found == None; ++i)
        found = findWindow(d, children[i], pid, netWmPid);
    if (children) XFree(children);
    return found;
}

bool takesDelete(Display* d, Window w, Atom deleteWindow) {
    Atom* protocols = nullptr;
    int n = 0;
    bool yes = false;
    if (XGetWMProtocols(d, w, &protocols, &n)) {
        for (int i = 0; i < n; ++i)
            yes |= protocols[i] == deleteWindow;
        XFree(protocols);
    }
    return yes;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2 || argc > 3) {
        std::fprintf(stderr, "usage: ui_send_close PID [SECONDS]\n");
        return 2;
    }
    const unsigned long pid = std::strtoul(argv[1], nullptr, 10);
    const int seconds = argc == 3 ? std::atoi(argv[2]) : 30;
    if (pid == 0 || seconds < 0) {
        std::fprintf(stderr, "ui_send_close: a process id and a number of seconds, please\n");
        return 2;
    }
    Display* d = XOpenDisplay(nullptr);
    if (!d) {
        std::fprintf(stderr, "ui_send_close: cannot open the display '%s'\n", std::getenv("DISPLAY"));
        return 2;
    }
    const Atom netWmPid = XInternAtom(d, "_NET_WM_PID", False);
    const Atom protocols = XInternAtom(d, "WM_PROTOCOLS", False);
    const Atom deleteWindow = XInternAtom(d, "WM_DELETE_WINDOW", False);
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    Window w = None;
    while ((w = findWindow(d, DefaultRootWindow(d), pid, netWmPid)) == None &&
           std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (w == None) {
        std::fprintf(stderr, "ui_send_close: no window named Throughline for process %lu\n", pid);
        XCloseDisplay(d);
        return 1;
    }
    if (!takesDelete(d, w, deleteWindow)) { // a window manager would not send it either
        std::fprintf(stderr, "ui_send_close: window 0x%lx does not take WM_DELETE_WINDOW\n", w);
        XCloseDisplay(d);
        return 1;
    }
    // As a window manager sends it (ICCCM 4.2.8.1): WM_PROTOCOLS, format 32, the protocol and a timestamp.
    XEvent e;
    std::memset(&e, 0, sizeof e);
    e.xclient.type = ClientMessage;
    e.xclient.window = w;
    e.xclient.message_type = protocols;
    e.xclient.format = 32;
    e.xclient.data.l[0] = static_cast<long>(deleteWindow);
    e.xclient.data.l[1] = CurrentTime;
    const bool sent = XSendEvent(d, w, False, NoEventMask, &e) != 0;
    XSync(d, False);
    XCloseDisplay(d);
    if (!sent) {
        std::fprintf(stderr, "ui_send_close: could not send to window 0x%lx\n", w);
        return 1;
    }
    std::printf("ui_send_close: WM_DELETE_WINDOW sent to window 0x%lx of process %lu\n", w, pid);
    return 0;
}
