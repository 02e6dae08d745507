#pragma once
// Whole-file reads and writes, folder copies and a command's output, for tests.
#include <filesystem>
#include <string>

namespace throughline::testing {

/// The bytes of `p` ("" when it cannot be read).
std::string readFile(const std::filesystem::path& p);
/// Replaces the contents of `p` with `bytes`.
void writeFile(const std::filesystem::path& p, const std::string& bytes);
/// Replaces `to` with a copy of `from` (recursive).
void copyDir(const std::filesystem::path& from, const std::filesystem::path& to);
/// What a shell command writes to its standard output ("" when it cannot be started).
std::string commandOutput(const std::string& command);

} // namespace throughline::testing
