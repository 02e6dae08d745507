#pragma once
// Where files live (XDG base directories on Linux) and where the UI fonts are found.
#include <filesystem>
#include <optional>
#include <string>

namespace throughline::platform {

/// $XDG_CONFIG_HOME/throughline (or ~/.config/throughline): theme and UI scale (app/preferences.hpp).
std::filesystem::path configDir();
/// $XDG_DATA_HOME/throughline (or ~/.local/share/throughline): the default vault lives here.
std::filesystem::path dataDir();
/// The vault folder used when no --vault is given.
std::filesystem::path defaultVaultDir();
/// The user's home folder ($HOME).
std::filesystem::path homeFolder();
/// The user's documents folder: XDG_DOCUMENTS_DIR from $XDG_CONFIG_HOME/user-dirs.dirs, else ~/Documents.
std::filesystem::path documentsDir();
/// Where removable drives (USB sticks) are mounted for this user, if that folder exists.
std::optional<std::filesystem::path> removableMediaDir();

/// Finds a font file by name (e.g. "DejaVuSans.ttf"): $THROUGHLINE_FONT_DIR, the assets folder next to
/// the binary, XDG data dirs and the usual system font folders (DejaVu, Noto, Symbola). nullopt when it is
/// not installed: the caller goes on without it.
std::optional<std::filesystem::path> findFont(const std::string& fileName);

} // namespace throughline::platform
