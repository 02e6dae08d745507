#include "app/screens/sync_common.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace throughline::app {

void fingerprintWords(const std::string& words, const char* tagName) {
    // "7MQD-4KXR-A2ZE-91TF-QW3H-C8VN-05PJ-GRBY" → two lines of four groups, large; at a large UI scale on a
    // narrow window, smaller type, then four lines of two: never cut off.
    std::vector<std::string> groups(1);
    for (char c : words) {
        if (c == '-')
            groups.emplace_back();
        else
            groups.back() += c;
    }
    auto join = [&](std::size_t perLine) {
        std::vector<std::string> lines;
        for (std::size_t i = 0; i < groups.size(); ++i) {
            if (i % perLine == 0)
                lines.emplace_back();
            else
                lines.back() += "  ";
            lines.back() += groups[i];
        }
        return lines;
    };
    const float avail = ImGui::GetContentRegionAvail().x;
    auto widest = [&](ImFont* f, const std::vector<std::string>& lines) {
        float w = 0;
        for (const auto& l : lines)
            w = std::max(w, f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, l.c_str()).x);
        return w;
    };
    ImFont* font = fonts().title;
    std::vector<std::string> lines = join(4);
    if (widest(font, lines) > avail) font = fonts().bold;
    if (widest(font, lines) > avail) lines = join(2);
    ImGui::PushFont(font);
    ImGui::BeginGroup();
    for (const auto& l : lines)
        if (!l.empty()) ImGui::TextUnformatted(l.c_str());
    ImGui::EndGroup();
    ImGui::PopFont();
    if (tagName) ui::tag(tagName);
}

void qrCode(const core::QrMatrix& qr, float side, const char* tagName) {
    if (qr.size <= 0) return;
    const int quiet = 3; // modules of white around the symbol
    const int total = qr.size + quiet * 2;
    const float avail = ImGui::GetContentRegionAvail().x;
    // Whole pixels per module keep the squares crisp.
    const float module = std::max(1.f, std::floor(std::min(dp(side), avail) / static_cast<float>(total)));
    const float s = module * static_cast<float>(total);
    ImVec2 o = ImGui::GetCursorScreenPos();
    o.x = std::floor(o.x + (avail - s) * 0.5f);
    ImGui::SetCursorScreenPos(o);
    ImGui::Dummy(ImVec2(s, s));
    if (tagName) ui::tag(tagName);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(o, ImVec2(o.x + s, o.y + s), IM_COL32(255, 255, 255, 255), dp(8));
    const ImU32 ink = IM_COL32(20, 28, 32, 255);
    for (int y = 0; y < qr.size; ++y) {
        // Runs of dark modules on a row become one rectangle: fewer vertices per frame.
        int x = 0;
        while (x < qr.size) {
            if (!qr.at(x, y)) {
                ++x;
                continue;
            }
            int end = x;
            while (end < qr.size && qr.at(end, y))
                ++end;
            const ImVec2 a(o.x + (x + quiet) * module, o.y + (y + quiet) * module);
            dl->AddRectFilled(a, ImVec2(a.x + (end - x) * module, a.y + module), ink);
            x = end;
        }
    }
}

void fingerprintBlock(const std::string& words, const core::QrMatrix* qr, float qrSide, const char* wordsTag,
                      const char* qrTag) {
    if (qr && qr->size > 0 && ImGui::GetContentRegionAvail().x >= dp(540)) {
        ui::beginSplit(0.55f);
        ui::spacer(6);
        fingerprintWords(words, wordsTag);
        ui::splitNext();
        qrCode(*qr, qrSide, qrTag);
        ui::endSplit();
        return;
    }
    fingerprintWords(words, wordsTag);
    ui::spacer(4);
    if (qr) qrCode(*qr, qrSide, qrTag);
}

void verifiedBadge(bool verified) {
    if (verified)
        ui::badge("\xE2\x9C\x93 Verified", ui::Tone::Success); // ✓
    else
        ui::badge("Not verified", ui::Tone::Warning);
}

} // namespace throughline::app
