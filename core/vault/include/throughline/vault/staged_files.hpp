#pragma once
// A file that must appear exactly when a transaction commits: an exported bundle, whose file, the changes
// marked as sent and the Export audit entry go together (docs/bundle-format.md, docs/testing.md "Crash, full
// disk and power loss").
//
// Inside the transaction, stageFile writes the bytes to a new temporary file beside `target` (synced, and its
// folder synced) and records in the database that it becomes `target`. After the commit, publishStagedFiles
// renames it into place and syncs the folder. A crash between the commit and the rename is finished at the
// next unlock (Vault::open calls publishStagedFiles). A transaction that rolls back leaves only the temporary
// file, which the caller removes; one left by a crash is a hidden ".NAME.HEX.tmp" file that nothing reads.
#include "throughline/base/result.hpp"

#include <cstdint>
#include <filesystem>
#include <vector>

namespace throughline::core {

class Database;

/// Writes `bytes` to a temporary file beside `target` and records, in the caller's transaction, that it
/// becomes `target` once that transaction has committed. Returns the temporary file.
Result<std::filesystem::path> stageFile(Database& db, const std::filesystem::path& target,
                                        const std::vector<std::uint8_t>& bytes);

/// As stageFile, in the folder open as `dirFd` (a link is never followed to it), whose path `dirPath` is kept
/// for an unlock that finishes the rename. Returns the temporary file's name in that folder.
Result<std::string> stageFileAt(Database& db, int dirFd, const std::filesystem::path& dirPath,
                                const std::string& name, const std::vector<std::uint8_t>& bytes);

/// Renames one file staged by stageFileAt into place (in `dirFd`), syncs the folder and forgets it. Call
/// after the transaction committed. On failure it stays staged for the next publishStagedFiles.
Status publishStagedFileAt(Database& db, int dirFd, const std::filesystem::path& dirPath,
                           const std::string& tmpName, const std::string& name);

/// Renames every staged file whose transaction committed into place (and syncs its folder), then forgets it.
/// A file whose rename fails stays staged for the next call; the first such failure is returned. A staged
/// file that is gone (its folder was removed) is forgotten. Call outside a transaction.
Status publishStagedFiles(Database& db);

} // namespace throughline::core
