#include "app/theme.hpp"

#include "app/glyphs.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace throughline::app {

namespace {

ImVec4 hex(unsigned rgb, float a = 1.f) {
    return ImVec4(((rgb >> 16) & 0xFF) / 255.f, ((rgb >> 8) & 0xFF) / 255.f, (rgb & 0xFF) / 255.f, a);
}

Palette lightPalette() {
    Palette p{};
    p.background = hex(0xF4F2EE);
    p.surface = hex(0xFFFFFF);
    p.surfaceAlt = hex(0xEEEBE5);
    p.border = hex(0xE2DDD5);
    p.text = hex(0x1E2A30);
    p.textMuted = hex(0x5E6A72);
    p.textFaint = hex(0x626B72); // still text: ≥ 4.5:1 on every surface (WCAG 2.2 AA)
    p.accent = hex(0x2A726B);
    p.accentHover = hex(0x276B65);
    p.accentText = hex(0xFFFFFF);
    p.accentSoft = hex(0xDCEDEA);
    p.danger = hex(0xAD4238);
    p.dangerSoft = hex(0xF6E1DE);
    p.warning = hex(0x935D10);
    p.warningSoft = hex(0xF7EAD3);
    p.success = hex(0x35744C);
    p.successSoft = hex(0xDDEEE2);
    p.voice = hex(0x7B4F9A);
    p.voiceSoft = hex(0xF1EAF6);
    p.track[0] = hex(0x3D6BA2);
    p.track[1] = hex(0x995925);
    p.track[2] = hex(0x4B7330);
    p.shadow = hex(0x000000, 0.06f);
    return p;
}

Palette darkPalette() {
    Palette p{};
    p.background = hex(0x13181B);
    p.surface = hex(0x1C2327);
    p.surfaceAlt = hex(0x262E33);
    p.border = hex(0x2F383E);
    p.text = hex(0xE6ECEE);
    p.textMuted = hex(0xA0ACB3);
    p.textFaint = hex(0x8C979D);
    p.accent = hex(0x5DB2A9);
    p.accentHover = hex(0x6FC4BB);
    p.accentText = hex(0x0E1A19);
    p.accentSoft = hex(0x1F3B38);
    p.danger = hex(0xE07A6F);
    p.dangerSoft = hex(0x3D2522);
    p.warning = hex(0xE0A74F);
    p.warningSoft = hex(0x3A2F1C);
    p.success = hex(0x7CC08F);
    p.successSoft = hex(0x1F3326);
    p.voice = hex(0xC29BE0);
    p.voiceSoft = hex(0x2E2539);
    p.track[0] = hex(0x7EA6DA);
    p.track[1] = hex(0xE59B5E);
    p.track[2] = hex(0x93C26E);
    p.shadow = hex(0x000000, 0.25f);
    return p;
}

Palette g_palette = lightPalette();

double channel(float c) {
    return c <= 0.03928f ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}
double luminance(const ImVec4& c) {
    return 0.2126 * channel(c.x) + 0.7152 * channel(c.y) + 0.0722 * channel(c.z);
}
Fonts g_fonts;
ThemeKind g_theme = ThemeKind::Light;
float g_scale = 1.f;

} // namespace

const Palette& palette() {
    return g_palette;
}
Fonts& fonts() {
    return g_fonts;
}
ThemeKind currentTheme() {
    return g_theme;
}
float uiScale() {
    return g_scale;
}
std::vector<std::string> fallbackFontNames() {
    // Ethiopic (Tigrinya, Amharic) and symbols from fonts-noto-core; Noto Sans for Latin, Greek and
    // Cyrillic letters DejaVu lacks; Symbola (fonts-symbola) for monochrome emoji when it is installed.
    return {"NotoSansEthiopic-Regular.ttf", "NotoSans-Regular.ttf", "NotoSansSymbols-Regular.ttf",
            "NotoSansSymbols2-Regular.ttf", "Symbola_hint.ttf",     "Symbola.ttf"};
}

ImU32 toU32(const ImVec4& c, float alpha) {
    return ImGui::GetColorU32(ImVec4(c.x, c.y, c.z, c.w * alpha));
}

ImVec4 mix(const ImVec4& a, const ImVec4& b, float t) {
    return ImVec4(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t, a.z + (b.z - a.z) * t, a.w + (b.w - a.w) * t);
}

void applyTheme(ThemeKind kind, float scale) {
    g_theme = kind;
    g_scale = std::clamp(scale, 1.f, 2.f);
    g_palette = kind == ThemeKind::Dark ? darkPalette() : lightPalette();
    const Palette& p = g_palette;

    ImGuiStyle style; // start from defaults so repeated calls do not compound the scale
    style.WindowPadding = ImVec2(18, 14);
    style.WindowRounding = 0;
    style.WindowBorderSize = 0;
    style.ChildRounding = 16;
    style.ChildBorderSize = 0;
    style.PopupRounding = 16;
    style.PopupBorderSize = kind == ThemeKind::Dark ? 1.f : 0.f;
    style.FramePadding = ImVec2(14, 13); // 18 px font + 2 × 13 = 44 px touch targets
    style.FrameRounding = 12;
    style.FrameBorderSize = 0;
    style.ItemSpacing = ImVec2(10, 10);
    style.ItemInnerSpacing = ImVec2(10, 8);
    style.CellPadding = ImVec2(8, 6);
    style.IndentSpacing = 20;
    style.ScrollbarSize = 8;
    style.ScrollbarRounding = 8;
    style.GrabMinSize = 22;
    style.GrabRounding = 11;
    style.TabRounding = 12;
    style.SelectableTextAlign = ImVec2(0, 0.5f);
    style.WindowTitleAlign = ImVec2(0.5f, 0.5f);
    style.DisplaySafeAreaPadding = ImVec2(0, 0);
    style.TouchExtraPadding = ImVec2(0, 0);

    ImVec4* c = style.Colors;
    c[ImGuiCol_Text] = p.text;
    c[ImGuiCol_TextDisabled] = p.textFaint;
    c[ImGuiCol_WindowBg] = p.background;
    c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_PopupBg] = p.surface;
    c[ImGuiCol_Border] = p.border;
    c[ImGuiCol_BorderShadow] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_FrameBg] = p.surfaceAlt;
    c[ImGuiCol_FrameBgHovered] = mix(p.surfaceAlt, p.accent, 0.08f);
    c[ImGuiCol_FrameBgActive] = mix(p.surfaceAlt, p.accent, 0.14f);
    c[ImGuiCol_TitleBg] = p.surface;
    c[ImGuiCol_TitleBgActive] = p.surface;
    c[ImGuiCol_TitleBgCollapsed] = p.surface;
    c[ImGuiCol_MenuBarBg] = p.surface;
    c[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_ScrollbarGrab] = mix(p.background, p.textFaint, 0.45f);
    c[ImGuiCol_ScrollbarGrabHovered] = p.textFaint;
    c[ImGuiCol_ScrollbarGrabActive] = p.textMuted;
    c[ImGuiCol_CheckMark] = p.accent;
    c[ImGuiCol_SliderGrab] = p.accent;
    c[ImGuiCol_SliderGrabActive] = p.accentHover;
    c[ImGuiCol_Button] = p.accent;
    c[ImGuiCol_ButtonHovered] = p.accentHover;
    c[ImGuiCol_ButtonActive] = p.accentHover;
    c[ImGuiCol_Header] = p.accentSoft;
    c[ImGuiCol_HeaderHovered] = mix(p.surface, p.accent, 0.10f);
    c[ImGuiCol_HeaderActive] = mix(p.surface, p.accent, 0.18f);
    c[ImGuiCol_Separator] = p.border;
    c[ImGuiCol_SeparatorHovered] = p.border;
    c[ImGuiCol_SeparatorActive] = p.border;
    c[ImGuiCol_ResizeGrip] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_ResizeGripHovered] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_ResizeGripActive] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_Tab] = p.surfaceAlt;
    c[ImGuiCol_TabHovered] = p.accentSoft;
    c[ImGuiCol_TabActive] = p.accentSoft;
    c[ImGuiCol_TabUnfocused] = p.surfaceAlt;
    c[ImGuiCol_TabUnfocusedActive] = p.accentSoft;
    c[ImGuiCol_TextSelectedBg] = ImVec4(p.accent.x, p.accent.y, p.accent.z, 0.30f);
    c[ImGuiCol_NavHighlight] = p.accent;
    c[ImGuiCol_NavWindowingHighlight] = p.accent;
    c[ImGuiCol_NavWindowingDimBg] = ImVec4(0, 0, 0, 0.3f);
    c[ImGuiCol_ModalWindowDimBg] = ImVec4(0.05f, 0.07f, 0.08f, kind == ThemeKind::Dark ? 0.6f : 0.35f);
    c[ImGuiCol_PlotLines] = p.accent;
    c[ImGuiCol_PlotHistogram] = p.accent;
    c[ImGuiCol_TableHeaderBg] = p.surfaceAlt;
    c[ImGuiCol_TableBorderStrong] = p.border;
    c[ImGuiCol_TableBorderLight] = p.border;
    c[ImGuiCol_TableRowBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_TableRowBgAlt] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_DragDropTarget] = p.accent;

    style.ScaleAllSizes(g_scale);
    ImGui::GetStyle() = style;
}

void buildFonts(ImFontAtlas& atlas, const FontFiles& files, float scale) {
    atlas.Clear();
    const float s = std::clamp(scale, 1.f, 2.f);
    ImFontConfig cfg;
    cfg.OversampleH = 2;
    cfg.OversampleV = 1;
    cfg.PixelSnapH = true;
    bool extra = false;
    const ImWchar* ranges = takeGlyphRanges(extra);
    auto load = [&](const std::string& file, float px) -> ImFont* {
        if (file.empty()) return nullptr;
        ImFont* font = atlas.AddFontFromFileTTF(file.c_str(), px * s, &cfg, ranges);
        if (!font || !extra) return font;
        // Characters the face lacks, from the fallbacks (each adds only glyphs it has and the font lacks).
        ImFontConfig merge = cfg;
        merge.MergeMode = true;
        std::error_code ec;
        for (const auto& fallback : files.fallbacks)
            if (std::filesystem::is_regular_file(fallback, ec))
                atlas.AddFontFromFileTTF(fallback.c_str(), px * s, &merge, extraGlyphRanges());
        return font;
    };
    g_fonts.body = load(files.regular, 18.f);
    if (!g_fonts.body) {
        // No TTF found: the built-in font keeps the app usable (without curly quotes or dashes).
        ImFontConfig def;
        def.SizePixels = 13.f * s;
        g_fonts.body = atlas.AddFontDefault(&def);
        g_fonts.bold = g_fonts.title = g_fonts.small = g_fonts.body;
        return;
    }
    const std::string& boldFile = files.bold.empty() ? files.regular : files.bold;
    g_fonts.bold = load(boldFile, 18.f);
    g_fonts.title = load(boldFile, 24.f);
    g_fonts.small = load(files.regular, 15.f);
    if (!g_fonts.bold) g_fonts.bold = g_fonts.body;
    if (!g_fonts.title) g_fonts.title = g_fonts.bold;
    if (!g_fonts.small) g_fonts.small = g_fonts.body;
}

Palette paletteFor(ThemeKind kind) {
    return kind == ThemeKind::Dark ? darkPalette() : lightPalette();
}

double contrastRatio(const ImVec4& a, const ImVec4& b) {
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace throughline::app
