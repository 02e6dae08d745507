// ui_png_check FILE.png MIN_WIDTH MIN_HEIGHT: fails unless the PNG decodes and is clearly not blank
// (enough distinct colours and enough pixels that differ from the background).
#include <stb_image.h> // implementation in libstb

#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: ui_png_check FILE.png MIN_WIDTH MIN_HEIGHT\n");
        return 2;
    }
    int w = 0, h = 0, n = 0;
    unsigned char* px = stbi_load(argv[1], &w, &h, &n, 3);
    if (!px) {
        std::fprintf(stderr, "ui_png_check: cannot decode %s\n", argv[1]);
        return 1;
    }
    if (w < std::atoi(argv[2]) || h < std::atoi(argv[3])) {
        std::fprintf(stderr, "ui_png_check: %dx%d is smaller than expected\n", w, h);
        return 1;
    }
    std::map<unsigned, long> counts;
    for (long i = 0; i < static_cast<long>(w) * h; ++i)
        counts[(px[i * 3] << 16) | (px[i * 3 + 1] << 8) | px[i * 3 + 2]]++;
    stbi_image_free(px);
    long background = 0;
    for (const auto& [c, k] : counts)
        background = std::max(background, k);
    const long total = static_cast<long>(w) * h;
    const double foreground = 1.0 - static_cast<double>(background) / total;
    std::printf("%s: %dx%d, %zu colours, %.1f%% not background\n", argv[1], w, h, counts.size(),
                foreground * 100);
    if (counts.size() < 32 || foreground < 0.05) {
        std::fprintf(stderr, "ui_png_check: the screenshot looks blank\n");
        return 1;
    }
    return 0;
}
