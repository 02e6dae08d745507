#pragma once
// Whole-file reads and writes, and folder copies, for tests.
#include <filesystem>
#include <string>

namespace throughline::testing {

/// The bytes of `p` ("" when it cannot be read).
std::string readFile(const std::filesystem::path& p);
/// Replaces the contents of `p` with `bytes`.
void writeFile(const std::filesystem::path& p, const std::string& bytes);
/// Replaces `to` with a copy of `from` (recursive).
void copyDir(const std::filesystem::path& from, const std::filesystem::path& to);

} // namespace throughline::testing
