#pragma once
// An in-app file and folder chooser (Dear ImGui has none): the current folder, its sub-folders and the
// files that match, up one level, a path field and large touch targets. Opening a file, saving a file
// under a name, or choosing a folder. The navigator lists folders; this screen only draws.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace throughline::app {

/// What the chosen path is for; the navigator acts on it when the user chooses.
enum class ChooserPurpose {
    None,
    ImportCard,          // open a contact card
    SaveOwnCard,         // save this vault's contact card
    ImportBundle,        // open a bundle
    ExportBundle,        // save a bundle for the contact on screen
    SaveAttachment,      // save a received handover summary
    OutboxFolder,        // choose the folder-sync outbox
    InboxFolder,         // choose the folder-sync inbox
    ImportRecords,       // open a records file (JSON), offered when a vault is first made
    SubjectAccessFolder, // the folder for a subject access export
};

enum class ChooserMode { Open, Save, Folder };

struct ChooserEntry {
    std::string name;
    bool folder = false;
    std::uintmax_t size = 0;
    std::int64_t modified = 0; // UTC ms
};

struct FileChooserState {
    ChooserPurpose purpose = ChooserPurpose::None;
    ChooserMode mode = ChooserMode::Open;
    std::string title, hint;             // "Import a contact card", what the file is
    std::vector<std::string> extensions; // ".tlcard"; empty = every file
    std::filesystem::path folder;        // shown now
    std::string pathText;                // the path field (a folder or a file)
    std::string fileName;                // Save: the name to save under
    std::string selected;                // Open: the file tapped once
    std::int64_t attachmentId = 0;       // SaveAttachment: which one
    std::vector<ChooserEntry> entries;   // loaded by the navigator when `folder` changes
    std::string error;
    bool dirty = true; // the navigator reloads `entries`
};

struct ChooserPlace {
    std::string label;
    std::filesystem::path path;
};

struct FileChooserView {
    std::vector<ChooserPlace> places; // Home, Documents, …
};

struct FileChooserIntent {
    enum class Kind { None, Cancel, OpenFolder, GoTo, Choose };
    Kind kind = Kind::None;
    /// OpenFolder: the folder; GoTo: what was typed (a folder, or a file to open); Choose: the file or
    /// folder chosen.
    std::filesystem::path path;
};

FileChooserIntent drawFileChooser(FileChooserState& state, const FileChooserView& view);

/// Whether `name` ends in one of `extensions` (case-insensitive); true when there are none.
bool matchesExtension(const std::string& name, const std::vector<std::string>& extensions);

} // namespace throughline::app
