#pragma once
// Reading a passphrase or recovery key from a file (scripts, automation, scripted screenshots): one
// reader for the CLI and the app, so both take the first line, cap its size and warn alike.
#include "throughline/base/result.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace throughline::core {

/// The longest passphrase or recovery key read from a file or a prompt.
constexpr std::size_t kMaxSecretLength = 1024;

/// A secret read from a file. The caller wipes `text` (core::wipeString) when done with it.
struct SecretFile {
    std::string text;
    /// Set when other users can read the file: say so, but go on.
    std::optional<std::string> warning;
};

/// The first line of a small regular file (without "\n" or "\r\n"), at most kMaxSecretLength bytes.
/// `what` names the secret in messages ("passphrase", "recovery key"). NotFound when the file cannot be
/// opened; Invalid when it is not a regular file, is empty or its first line is too long.
Result<SecretFile> readSecretFile(const std::string& path, std::string_view what);

} // namespace throughline::core
