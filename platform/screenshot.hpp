#pragma once
// Writes the current OpenGL framebuffer to a PNG file (for scripted renders and tests).
#include <filesystem>
#include <string>

namespace throughline::platform {

/// Reads the back buffer (width × height pixels) and writes it as an RGB PNG. Returns an error message or "".
std::string writeFramebufferPng(const std::filesystem::path& file, int width, int height);

} // namespace throughline::platform
