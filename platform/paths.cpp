#include "platform/paths.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <system_error>
#include <unistd.h>
#include <vector>

namespace throughline::platform {
namespace fs = std::filesystem;

namespace {

fs::path homeDir() {
    if (const char* h = std::getenv("HOME"); h && *h) return h;
    return fs::temp_directory_path();
}

fs::path xdgDir(const char* var, const char* fallback) {
    if (const char* v = std::getenv(var); v && *v && fs::path(v).is_absolute()) return fs::path(v);
    return homeDir() / fallback;
}

fs::path executableDir() {
    std::error_code ec;
    auto p = fs::read_symlink("/proc/self/exe", ec);
    if (ec) return {};
    return p.parent_path();
}

} // namespace

fs::path configDir() {
    return xdgDir("XDG_CONFIG_HOME", ".config") / "throughline";
}
fs::path dataDir() {
    return xdgDir("XDG_DATA_HOME", ".local/share") / "throughline";
}
fs::path defaultVaultDir() {
    return dataDir() / "vault";
}

fs::path homeFolder() {
    return homeDir();
}

fs::path documentsDir() {
    // user-dirs.dirs holds lines like XDG_DOCUMENTS_DIR="$HOME/Documents" (xdg-user-dirs).
    std::ifstream in(xdgDir("XDG_CONFIG_HOME", ".config") / "user-dirs.dirs");
    for (std::string line; std::getline(in, line);) {
        const std::string key = "XDG_DOCUMENTS_DIR=";
        if (line.rfind(key, 0) != 0) continue;
        std::string v = line.substr(key.size());
        if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
        if (v.rfind("$HOME", 0) == 0) v = homeDir().string() + v.substr(5);
        if (!v.empty() && fs::path(v).is_absolute()) return v;
    }
    return homeDir() / "Documents";
}

std::optional<fs::path> removableMediaDir() {
    std::error_code ec;
    if (const char* user = std::getenv("USER"); user && *user) {
        fs::path p = fs::path("/media") / user;
        if (fs::is_directory(p, ec)) return p;
        p = fs::path("/run/media") / user;
        if (fs::is_directory(p, ec)) return p;
    }
    return std::nullopt;
}

std::optional<fs::path> findFont(const std::string& fileName) {
    std::vector<fs::path> dirs;
    if (const char* d = std::getenv("THROUGHLINE_FONT_DIR"); d && *d) dirs.emplace_back(d);
    if (auto exe = executableDir(); !exe.empty()) {
        dirs.push_back(exe / "fonts");
        dirs.push_back(exe / "../share/throughline/fonts");
    }
    dirs.push_back(xdgDir("XDG_DATA_HOME", ".local/share") / "fonts");
    std::string dataDirs = "/usr/local/share:/usr/share";
    if (const char* d = std::getenv("XDG_DATA_DIRS"); d && *d) dataDirs = d;
    std::stringstream ss(dataDirs);
    for (std::string item; std::getline(ss, item, ':');) {
        if (item.empty()) continue;
        dirs.push_back(fs::path(item) / "fonts/truetype/dejavu");
        dirs.push_back(fs::path(item) / "fonts/dejavu");
        dirs.push_back(fs::path(item) / "fonts/TTF");
        dirs.push_back(fs::path(item) / "fonts/truetype/noto");            // fonts-noto-core
        dirs.push_back(fs::path(item) / "fonts/truetype/ancient-scripts"); // fonts-symbola
    }
    dirs.emplace_back("/usr/share/fonts/truetype/dejavu");
    dirs.emplace_back("/usr/share/fonts/truetype/noto");
    std::error_code ec;
    for (const auto& d : dirs) {
        auto p = d / fileName;
        if (fs::is_regular_file(p, ec)) return p;
    }
    return std::nullopt;
}

} // namespace throughline::platform
