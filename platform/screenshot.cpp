#include "platform/screenshot.hpp"

#define GL_SILENCE_DEPRECATION
#include <GLFW/glfw3.h>
#include <stb_image_write.h> // implementation lives in libstb: do not define STB_IMAGE_WRITE_IMPLEMENTATION

#include <algorithm>
#include <vector>

namespace throughline::platform {

std::string writeFramebufferPng(const std::filesystem::path& file, int width, int height) {
    if (width <= 0 || height <= 0) return "nothing to capture (empty framebuffer)";
    std::vector<unsigned char> pixels(static_cast<size_t>(width) * height * 3);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
    // OpenGL's origin is bottom-left; PNG rows run top to bottom.
    std::vector<unsigned char> flipped(pixels.size());
    const size_t row = static_cast<size_t>(width) * 3;
    for (int y = 0; y < height; ++y)
        std::copy_n(pixels.data() + (height - 1 - y) * row, row, flipped.data() + y * row);
    if (!stbi_write_png(file.string().c_str(), width, height, 3, flipped.data(), static_cast<int>(row)))
        return "could not write " + file.string();
    return {};
}

} // namespace throughline::platform
