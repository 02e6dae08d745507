#include "app/theme.hpp"

#include "app/picture_glyphs.hpp"

#include "app/glyphs.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>
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
    p.textMuted = hex(0x545E66);
    p.textFaint = hex(0x57626A); // still text: ≥ 4.5:1 on every surface (WCAG 2.2 AA)
    p.accent = hex(0x266A63);
    p.accentHover = hex(0x22605A);
    p.accentText = hex(0xFFFFFF);
    p.accentSoft = hex(0xDCEDEA);
    p.danger = hex(0x9E3B32);
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
    p.outline = hex(0x7F8589);
    p.focusRing = hex(0x1F6E66);
    p.line = hex(0x7F8589);
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
    p.textFaint = hex(0x9AA5AB);
    p.accent = hex(0x5DB2A9);
    p.accentHover = hex(0x6FC4BB);
    p.accentText = hex(0x0E1A19);
    p.accentSoft = hex(0x1A3230);
    p.danger = hex(0xE8887D);
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
    p.outline = hex(0x6F7B82);
    p.focusRing = hex(0x7FD3C9);
    p.line = hex(0x6F7B82);
    p.shadow = hex(0x000000, 0.25f);
    p.dark = true;
    return p;
}

// For people who need stronger contrast: black on white, every text colour at least 7:1 (WCAG AAA),
// outlines and the focus ring near-black, tints kept only as faint washes behind dark text.
Palette highContrastPalette() {
    Palette p{};
    p.background = hex(0xFFFFFF);
    p.surface = hex(0xFFFFFF);
    p.surfaceAlt = hex(0xF0F0F0);
    p.border = hex(0x595959);
    p.text = hex(0x000000);
    p.textMuted = hex(0x262626);
    p.textFaint = hex(0x3B3B3B);
    p.accent = hex(0x00463F);
    p.accentHover = hex(0x003631);
    p.accentText = hex(0xFFFFFF);
    p.accentSoft = hex(0xE3F1EF);
    p.danger = hex(0x7A1008);
    p.dangerSoft = hex(0xFBE9E7);
    p.warning = hex(0x573500);
    p.warningSoft = hex(0xFBF0DC);
    p.success = hex(0x12401F);
    p.successSoft = hex(0xE6F3EA);
    p.voice = hex(0x4B1F6B);
    p.voiceSoft = hex(0xF3EDF8);
    p.track[0] = hex(0x163A66);
    p.track[1] = hex(0x5E310A);
    p.track[2] = hex(0x24401A);
    p.outline = hex(0x3B3B3B);
    p.focusRing = hex(0x000000);
    p.line = hex(0x3B3B3B);
    p.shadow = hex(0x000000, 0.0f);
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
    g_palette = paletteFor(kind);
    const Palette& p = g_palette;

    ImGuiStyle style; // start from defaults so repeated calls do not compound the scale
    style.WindowPadding = ImVec2(18, 14);
    style.WindowRounding = 0;
    style.WindowBorderSize = 0;
    style.ChildRounding = 16;
    style.ChildBorderSize = 0;
    style.PopupRounding = 16;
    style.PopupBorderSize = kind == ThemeKind::Light ? 0.f : 1.f;
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
    c[ImGuiCol_FrameBgHovered] = mix(p.surfaceAlt, p.accent, kHoverTint);
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
    c[ImGuiCol_NavHighlight] = ImVec4(0, 0, 0, 0); // the widgets draw the focus ring (app/focus.cpp)
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
    // Emoji and placeholders: glyphs no font here can give ImGui 1.86 (picture_glyphs.hpp).
    usePictureFontFile(files.emoji);
    addStandInGlyphs(atlas, {{g_fonts.body, 18.f * s},
                             {g_fonts.bold, 18.f * s},
                             {g_fonts.title, 24.f * s},
                             {g_fonts.small, 15.f * s}});
    if (!g_fonts.bold) g_fonts.bold = g_fonts.body;
    if (!g_fonts.title) g_fonts.title = g_fonts.bold;
    if (!g_fonts.small) g_fonts.small = g_fonts.body;
    paintStandInGlyphs(atlas);
}

Palette paletteFor(ThemeKind kind) {
    switch (kind) {
    case ThemeKind::Dark:
        return darkPalette();
    case ThemeKind::HighContrast:
        return highContrastPalette();
    case ThemeKind::Light:
        break;
    }
    return lightPalette();
}

double requiredRatio(ThemeKind theme, PairKind kind) {
    const bool high = theme == ThemeKind::HighContrast;
    switch (kind) {
    case PairKind::Text:
        return high ? 7.0 : 4.5;
    case PairKind::LargeText:
        return high ? 4.5 : 3.0;
    case PairKind::NonText:
        break;
    }
    return 3.0;
}

ImVec4 bannerText(const Palette& p, const ImVec4& tone) {
    return p.dark ? p.text : mix(tone, p.text, 0.45f);
}

ToastColours toastColours(const Palette& p) {
    return p.dark ? ToastColours{p.text, p.surfaceAlt} : ToastColours{p.surface, p.text};
}

std::vector<ColourPair> colourPairs(const Palette& p) {
    std::vector<ColourPair> out;
    const std::pair<const char*, ImVec4> surfaces[] = {
        {"background", p.background}, {"surface", p.surface}, {"surfaceAlt", p.surfaceAlt}};
    // Text colours drawn straight on the window, on cards and on fields and tinted strips.
    const std::pair<const char*, ImVec4> texts[] = {{"text", p.text},
                                                    {"textMuted", p.textMuted},
                                                    {"textFaint", p.textFaint},
                                                    {"accent", p.accent},
                                                    {"danger", p.danger},
                                                    {"warning", p.warning},
                                                    {"success", p.success},
                                                    {"voice", p.voice},
                                                    {"track practitioner", p.track[0]},
                                                    {"track family", p.track[1]},
                                                    {"track peer & community", p.track[2]}};
    for (const auto& [fn, fc] : texts)
        for (const auto& [bn, bc] : surfaces)
            out.push_back({std::string(fn) + " on " + bn, fc, bc, PairKind::Text});
    // Hovered rows, fields and link buttons tint their background towards the accent.
    for (const auto& [bn, bc] : surfaces) {
        const ImVec4 hovered = mix(bc, p.accent, kHoverTint);
        out.push_back({std::string("text on hovered ") + bn, p.text, hovered, PairKind::Text});
        out.push_back({std::string("textMuted on hovered ") + bn, p.textMuted, hovered, PairKind::Text});
        out.push_back({std::string("textFaint on hovered ") + bn, p.textFaint, hovered, PairKind::Text});
        out.push_back({std::string("accent on hovered ") + bn, p.accent, hovered, PairKind::Text});
    }
    // Badges, banners and notes: a status colour (and body text) on its own soft tint.
    const std::tuple<const char*, ImVec4, ImVec4> soft[] = {{"accent", p.accent, p.accentSoft},
                                                            {"danger", p.danger, p.dangerSoft},
                                                            {"warning", p.warning, p.warningSoft},
                                                            {"success", p.success, p.successSoft},
                                                            {"voice", p.voice, p.voiceSoft}};
    for (const auto& [n, fc, bc] : soft) {
        out.push_back({std::string(n) + " on its soft tint", fc, bc, PairKind::Text});
        out.push_back({std::string("text on ") + n + " soft tint", p.text, bc, PairKind::Text});
        out.push_back(
            {std::string("banner text on ") + n + " soft tint", bannerText(p, fc), bc, PairKind::Text});
    }
    const ToastColours toast = toastColours(p);
    out.push_back({"toast text on toast", toast.text, toast.background, PairKind::Text});
    // Soft buttons (secondary, danger) hovered: their colour on their tint taken towards it.
    out.push_back({"accent on hovered accentSoft", p.accent, mix(p.accentSoft, p.accent, kSoftHoverTint),
                   PairKind::Text});
    out.push_back({"danger on hovered dangerSoft", p.danger, mix(p.dangerSoft, p.danger, kSoftHoverTint),
                   PairKind::Text});
    // Primary buttons, selected chips and the active switch: label on the accent.
    out.push_back({"accentText on accent", p.accentText, p.accent, PairKind::Text});
    out.push_back({"accentText on accentHover", p.accentText, p.accentHover, PairKind::Text});
    // Things a person must see that are not text (WCAG 1.4.11).
    for (const auto& [bn, bc] : surfaces) {
        out.push_back({std::string("focus ring on ") + bn, p.focusRing, bc, PairKind::NonText});
        out.push_back({std::string("outline on ") + bn, p.outline, bc, PairKind::NonText});
        out.push_back({std::string("map line on ") + bn, p.line, bc, PairKind::NonText});
        out.push_back({std::string("switch on (accent) on ") + bn, p.accent, bc, PairKind::NonText});
        for (int t = 0; t < 3; ++t)
            out.push_back({std::string("track ") + std::to_string(t) + " dot on " + bn, p.track[t], bc,
                           PairKind::NonText});
    }
    out.push_back({"focus ring on accentSoft (active tab)", p.focusRing, p.accentSoft, PairKind::NonText});
    out.push_back(
        {"focus ring on voiceSoft (the young person's words)", p.focusRing, p.voiceSoft, PairKind::NonText});
    out.push_back(
        {"editing field's border (accent) on surfaceAlt", p.accent, p.surfaceAlt, PairKind::NonText});
    out.push_back({"switch knob on accent", p.surface, p.accent, PairKind::NonText});
    out.push_back({"switch knob on outline (off)", p.surface, p.outline, PairKind::NonText});
    return out;
}

double contrastRatio(const ImVec4& a, const ImVec4& b) {
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace throughline::app
