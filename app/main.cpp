// throughline: the desktop app. Also scriptable for tests and reviews:
//   throughline --vault DIR --passphrase-file FILE --screen home --frames 5 --screenshot out.png
#include "app/app.hpp"
#include "app/typed_text.hpp"
#include "app/preferences.hpp"
#include "throughline/base/text.hpp"
#include "platform/imgui_input.hpp"
#include "platform/lock_signals.hpp"
#include "platform/paths.hpp"
#include "app/widgets.hpp"
#include "platform/process.hpp"
#include "platform/termination.hpp"
#include "platform/window.hpp"

#include "throughline/base/secret_file.hpp"
#include "throughline/base/secure_bytes.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <charconv>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>

#ifndef THROUGHLINE_VERSION
#define THROUGHLINE_VERSION "dev"
#endif

namespace {

using namespace throughline;

void usage(std::FILE* out) {
    std::fprintf(
        out,
        "Usage: throughline [options]\n"
        "  --vault DIR             vault folder (default: %s)\n"
        "  --demo                  the vault is a demo vault: show its passphrase on the unlock screen\n"
        "  --theme light|dark|high-contrast\n"
        "                          colour theme (default: saved preference, else light)\n"
        "  --scale PCT             UI scale 100-200 (default: saved preference, else 100)\n"
        "  --size WxH              window size in pixels (default 430x900)\n"
        "Scripted rendering (tests, reviews):\n"
        "  --passphrase-file FILE  unlock with the passphrase in FILE\n"
        "  --screen NAME           open a screen:",
        platform::defaultVaultDir().string().c_str());
    for (const auto& s : app::kScreenNames)
        std::fprintf(out, " %.*s", static_cast<int>(s.name.size()), s.name.data());
    std::fprintf(out,
                 "\n"
                 "  --young-person ID       young person for screens that need one (default: the first)\n"
                 "  --page N                presentation: open at page N (1-based)\n"
                 "  --tab N                 scripted: press Tab N times first (shows the keyboard focus)\n"
                 "  --frames N              render N frames, then exit\n"
                 "  --type-into TAG TEXT    tap the field tagged TAG and type TEXT, key by key; prints\n"
                 "                          'throughline: typed' once it all reached the app\n"
                 "  --screenshot FILE.png   write the last frame to a PNG (needs --frames)\n"
                 "  --version               show the version\n"
                 "  --help                  show this help\n");
}

int badArguments(const std::string& message) {
    std::fprintf(stderr, "throughline: %s\n", message.c_str());
    std::fprintf(stderr, "Run 'throughline --help' for the options.\n");
    return 2;
}

// --type-into: taps the tagged field once the screen is drawn, then types through the window's input queue as
// a person would (key press, character, key release), and says so on stdout once everything reached the app.
struct ScriptedTyping {
    std::string tag, text;
    int frame = 0;
    bool announced = false;
    std::string failure; // the field could not be tapped: nothing is typed, and the run fails

    void beforeNewFrame(platform::Window& window) {
        ++frame;
        ImGuiIO& io = ImGui::GetIO();
        const auto& tags = app::ui::taggedRects();
        if (!failure.empty()) return;
        if (frame >= 3 && frame <= 5) { // move over the field, press, release
            auto it = tags.find(tag);
            if (it == tags.end()) {
                if (frame == 5) failure = "--type-into: no field tagged '" + tag + "' on this screen";
                return;
            }
            const ImVec2 centre((it->second.min.x + it->second.max.x) * 0.5f,
                                (it->second.min.y + it->second.max.y) * 0.5f);
            if (centre.x < 0 || centre.y < 0 || centre.x >= io.DisplaySize.x ||
                centre.y >= io.DisplaySize.y) {
                failure = "--type-into: the field '" + tag + "' is outside the window at this size; give a " +
                          "taller --size";
                return;
            }
            io.MousePos = ImVec2((it->second.min.x + it->second.max.x) * 0.5f,
                                 (it->second.min.y + it->second.max.y) * 0.5f);
            io.MouseDown[0] = frame == 4;
        } else if (frame == 8) {
            // Decoded by core, not ImTextCharFromUtf8: Dear ImGui 1.86's decoder turns 🙏 into U+FFFD.
            for (std::size_t i = 0; i < text.size();) {
                const char32_t c = core::nextCodePoint(text, i);
                if (c == 0) break;
                const int key = c >= 'a' && c <= 'z' ? static_cast<int>(c - 'a' + 'A')
                                : (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' '
                                    ? static_cast<int>(c)
                                    : -1;
                if (key >= 0) window.queueInput({platform::InputEvent::Kind::Key, key, true, false, 0});
                window.queueInput({platform::InputEvent::Kind::Char, 0, false, false, c});
                if (key >= 0) window.queueInput({platform::InputEvent::Kind::Key, key, false, false, 0});
            }
        } else if (frame > 10 && !announced && !window.inputPending()) {
            announced = true;
            std::printf("throughline: typed\n");
            std::fflush(stdout);
        }
    }
};

bool parseInt(const std::string& s, int& out) {
    auto r = std::from_chars(s.data(), s.data() + s.size(), out);
    return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

} // namespace

int main(int argc, char** argv) {
    platform::hardenProcess();
    platform::catchTermination(); // logout, shutdown: drafts kept and the vault locked, as on closing the
                                  // window
    std::optional<ScriptedTyping> typing;

    std::string vaultDir, passphraseFile, screenName, youngPerson, screenshot, theme, sizeText;
    int frames = 0, scale = 0, width = 430, height = 900, page = 0, tabs = 0;
    bool demo = false;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto value = [&](std::string& out) {
            if (i + 1 >= argc) return false;
            out = argv[++i];
            return true;
        };
        std::string v;
        if (a == "--help" || a == "-h") {
            usage(stdout);
            return 0;
        } else if (a == "--version") {
            std::printf("throughline %s\n", THROUGHLINE_VERSION);
            return 0;
        } else if (a == "--demo") {
            demo = true;
        } else if (a == "--vault") {
            if (!value(vaultDir)) return badArguments("--vault needs a folder");
        } else if (a == "--passphrase-file") {
            if (!value(passphraseFile)) return badArguments("--passphrase-file needs a file");
        } else if (a == "--screen") {
            if (!value(screenName)) return badArguments("--screen needs a name");
            if (!app::screenFromName(screenName)) return badArguments("unknown screen '" + screenName + "'");
        } else if (a == "--young-person") {
            if (!value(youngPerson)) return badArguments("--young-person needs an id");
        } else if (a == "--page") {
            if (!value(v) || !parseInt(v, page) || page < 1 || page > 100)
                return badArguments("--page needs a page number from 1");
        } else if (a == "--tab") {
            if (!value(v) || !parseInt(v, tabs) || tabs < 1 || tabs > 1000)
                return badArguments("--tab needs a whole number from 1 to 1000");
        } else if (a == "--frames") {
            if (!value(v) || !parseInt(v, frames) || frames < 1 || frames > 100000)
                return badArguments("--frames needs a whole number from 1");
        } else if (a == "--type-into") {
            ScriptedTyping t;
            if (!value(t.tag) || !value(t.text))
                return badArguments("--type-into needs a field tag and a text");
            typing = std::move(t);
        } else if (a == "--screenshot") {
            if (!value(screenshot)) return badArguments("--screenshot needs a file name");
        } else if (a == "--size") {
            if (!value(sizeText)) return badArguments("--size needs WxH, e.g. 430x900");
            auto x = sizeText.find('x');
            if (x == std::string::npos || !parseInt(sizeText.substr(0, x), width) ||
                !parseInt(sizeText.substr(x + 1), height) || width < 320 || height < 480 || width > 8192 ||
                height > 8192)
                return badArguments("--size needs WxH between 320x480 and 8192x8192, e.g. 430x900");
        } else if (a == "--theme") {
            if (!value(theme) || !app::parseThemeKey(theme))
                return badArguments("--theme must be light, dark or high-contrast");
        } else if (a == "--scale") {
            if (!value(v) || !parseInt(v, scale) || scale < 100 || scale > 200)
                return badArguments("--scale must be a percentage from 100 to 200");
        } else {
            return badArguments("unknown option '" + a + "'");
        }
    }
    if (!screenshot.empty() && frames == 0) return badArguments("--screenshot needs --frames N");
    if (tabs > 0 && frames <= tabs * 2) return badArguments("--tab N needs --frames of more than 2 × N");
    if (!youngPerson.empty() && screenName.empty()) return badArguments("--young-person needs --screen");
    if (page > 0 && screenName != "presentation") return badArguments("--page needs --screen presentation");

    app::AppOptions options;
    options.vaultDir = vaultDir.empty() ? platform::defaultVaultDir() : std::filesystem::path(vaultDir);
    options.demo = demo;
    const bool scripted = frames > 0;
    // The desktop says when the screen locks or the computer goes to sleep (D-Bus): the vault locks at once.
    platform::LockSignals lockSignals;
    options.screenLockHeard = lockSignals.listening();
    // Saved preferences (preferences.json; the defaults when it is missing or damaged), unless scripted.
    const auto configDir = platform::configDir();
    const app::Preferences prefs = scripted ? app::Preferences{} : app::loadPreferences(configDir);
    options.theme = theme.empty() ? prefs.theme : *app::parseThemeKey(theme);
    options.scalePercent = scale == 0 ? prefs.scalePercent : scale;
    if (!scripted)
        options.onPreferencesChanged = [configDir](app::ThemeKind t, int pct) {
            app::savePreferences(configDir, app::Preferences{t, pct});
        };
    {
        // The file chooser opens in Documents (when there is one), with Home and USB drives one tap away.
        std::error_code ec;
        const auto docs = platform::documentsDir();
        if (std::filesystem::is_directory(docs, ec)) options.chooserPlaces.push_back({"Documents", docs});
        options.chooserPlaces.push_back({"Home", platform::homeFolder()});
        if (auto media = platform::removableMediaDir())
            options.chooserPlaces.push_back({"USB drives", *media});
    }
    if (auto f = platform::findFont("DejaVuSans.ttf")) options.fonts.regular = f->string();
    if (auto f = platform::findFont("DejaVuSans-Bold.ttf")) options.fonts.bold = f->string();
    for (const auto& name : app::fallbackFontNames())
        if (auto f = platform::findFont(name)) options.fonts.fallbacks.push_back(f->string());
    if (auto f = platform::findFont(app::kEmojiFontFile)) options.fonts.emoji = f->string();
    if (options.fonts.regular.empty())
        std::fprintf(
            stderr,
            "throughline: DejaVu Sans not found (install fonts-dejavu-core); using the built-in font\n");

    std::string error;
    platform::WindowOptions wo;
    wo.width = width;
    wo.height = height;
    wo.resizable = !scripted;
    auto window = platform::Window::create(wo, error);
    if (!window) {
        std::fprintf(stderr, "throughline: %s\n", error.c_str());
        return 1;
    }

    app::App application(options);
    platform::setWideCharacterSink([](char32_t c) { app::ui::noteTypedWideCharacter(c); });
    if (!passphraseFile.empty()) {
        // The CLI's reader: the first line only, a size cap, a warning when others can read the file.
        auto pass = core::readSecretFile(passphraseFile, "passphrase");
        if (!pass) return badArguments(pass.error().message);
        if (pass->warning) std::fprintf(stderr, "throughline: warning: %s\n", pass->warning->c_str());
        auto st = application.unlock(pass->text);
        core::wipeString(pass->text);
        if (!st) {
            std::fprintf(stderr, "throughline: could not unlock %s: %s\n", options.vaultDir.string().c_str(),
                         st.error().message.c_str());
            return 1;
        }
    }
    if (!screenName.empty()) {
        std::string why = application.openScreen(*app::screenFromName(screenName), youngPerson, page);
        if (!why.empty()) {
            std::fprintf(stderr, "throughline: cannot open screen '%s': %s\n", screenName.c_str(),
                         why.c_str());
            return 2;
        }
    }

    int rendered = 0;
    bool firstFrame = true;
    while (!window->shouldClose() && !platform::terminationSignal()) {
        window->pollEvents(!scripted);
        // The first frame's font texture is made by the renderer itself; later rebuilds are uploaded here.
        if (application.prepareFrame() && !firstFrame) window->rebuildFontTexture();
        const auto limits = app::minimumWindowSize(); // follows the UI scale
        window->setMinimumSize(limits.width, limits.height);
        firstFrame = false;
        if (tabs > 0 && rendered >= 2 &&
            rendered / 2 <= tabs) // scripted Tab: pressed, released the next frame
            window->onKeyEvent(ImGui::GetIO().KeyMap[ImGuiKey_Tab],
                               rendered % 2 == 0 ? 1 : 0); // GLFW_PRESS : GLFW_RELEASE
        window->beginFrame([&] {
            if (typing) typing->beforeNewFrame(*window);
        });
        app::FrameInput in;
        in.now = window->now();
        in.idleSeconds = scripted ? 0 : window->idleSeconds();
        const platform::LockSignal heard = lockSignals.poll();
        in.systemLock = heard == platform::LockSignal::Sleeping       ? app::SystemLock::Sleeping
                        : heard == platform::LockSignal::ScreenLocked ? app::SystemLock::ScreenLocked
                                                                      : app::SystemLock::None;
        application.frame(in);
        window->render(application.clearColour());
        if (typing && !typing->failure.empty()) {
            std::fprintf(stderr, "throughline: %s\n", typing->failure.c_str());
            return 2;
        }
        if (scripted && ++rendered >= frames) {
            if (!screenshot.empty()) {
                std::string err = window->screenshot(screenshot);
                if (!err.empty()) {
                    std::fprintf(stderr, "throughline: %s\n", err.c_str());
                    return 1;
                }
            }
            break;
        }
        window->present();
    }
    // Closed, or asked to end (SIGTERM, SIGHUP): every editor's draft is kept and the vault locked first.
    application.lock();
    return 0;
}
