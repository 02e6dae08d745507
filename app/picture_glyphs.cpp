#include "app/picture_glyphs.hpp"

#include "app/astral_text.hpp"
#include "app/glyphs.hpp"

#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <string>
#include <tuple>

namespace throughline::app {

namespace {

using CacheKey = std::tuple<std::string, bool, int, int>;
std::map<CacheKey, GlyphBitmap>& cache() {
    static std::map<CacheKey, GlyphBitmap> c;
    return c;
}

struct CairoDeleter {
    void operator()(cairo_t* cr) const { cairo_destroy(cr); }
    void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct GDeleter {
    void operator()(void* p) const { g_object_unref(p); }
};
struct FontDescDeleter {
    void operator()(PangoFontDescription* d) const { pango_font_description_free(d); }
};

} // namespace

GlyphBitmap renderGlyphBitmap(std::string_view cluster, bool picture, int width, int height) {
    GlyphBitmap out;
    out.width = std::max(1, width);
    out.height = std::max(1, height);
    out.coloured = picture;
    out.pixels.assign(static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height), 0);

    std::unique_ptr<cairo_surface_t, CairoDeleter> surface(
        cairo_image_surface_create(CAIRO_FORMAT_ARGB32, out.width, out.height));
    std::unique_ptr<cairo_t, CairoDeleter> cr(cairo_create(surface.get()));
    std::unique_ptr<PangoLayout, GDeleter> layout(pango_cairo_create_layout(cr.get()));
    std::unique_ptr<PangoFontDescription, FontDescDeleter> font(
        pango_font_description_from_string(picture ? "Noto Color Emoji" : "DejaVu Sans"));
    // Drawn large, then scaled to the cell: the colour emoji are bitmaps, scaled down with a good filter.
    const double size = std::max(out.height, 8);
    pango_font_description_set_absolute_size(font.get(), size * PANGO_SCALE);
    pango_layout_set_font_description(layout.get(), font.get());
    const std::string text = picture ? std::string(cluster) : std::string("\xE2\x97\x8C"); // ◌
    pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
    PangoRectangle ink{}, logical{};
    pango_layout_get_pixel_extents(layout.get(), &ink, &logical);
    if (ink.width <= 0 || ink.height <= 0) return out; // nothing to draw (a lone joiner)
    // Pictures fill the cell; the placeholder keeps its size within the line, centred.
    const double scale = picture ? std::min(out.width / static_cast<double>(ink.width),
                                            out.height / static_cast<double>(ink.height))
                                 : std::min(1.0, std::min(out.width / static_cast<double>(ink.width),
                                                          out.height / static_cast<double>(logical.height)));
    const double dx = (out.width - ink.width * scale) / 2.0, dy = (out.height - ink.height * scale) / 2.0;
    cairo_translate(cr.get(), dx, dy);
    cairo_scale(cr.get(), scale, scale);
    cairo_translate(cr.get(), -ink.x, -ink.y);
    // Magenta ink: a colour glyph (Noto Color Emoji) ignores it; a glyph from an outline font (𝓙, 𠮷, a
    // letter with no emoji form) takes it, and is then kept as a mask the text colour tints.
    cairo_set_source_rgba(cr.get(), 1, 0, 1, 1);
    pango_cairo_show_layout(cr.get(), layout.get());
    cairo_surface_flush(surface.get());

    // cairo: premultiplied native-endian 0xAARRGGBB rows; ImGui: straight RGBA bytes.
    const unsigned char* data = cairo_image_surface_get_data(surface.get());
    const int stride = cairo_image_surface_get_stride(surface.get());
    if (picture) { // drawn in the source's magenta throughout: not a colour glyph
        bool inked = false, magentaOnly = true;
        for (int y = 0; y < out.height && magentaOnly; ++y) {
            const auto* row =
                reinterpret_cast<const std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride);
            for (int x = 0; x < out.width; ++x) {
                const std::uint32_t p = row[x], a = p >> 24;
                if (a < 16) continue;
                inked = true;
                const std::uint32_t r = (p >> 16) & 0xFF, g = (p >> 8) & 0xFF, b = p & 0xFF;
                if (g * 4 > a || r + 8 < a || b + 8 < a) { // premultiplied magenta is (a, 0, a)
                    magentaOnly = false;
                    break;
                }
            }
        }
        if (inked && magentaOnly) out.coloured = false;
    }
    for (int y = 0; y < out.height; ++y) {
        const auto* row =
            reinterpret_cast<const std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride);
        for (int x = 0; x < out.width; ++x) {
            const std::uint32_t p = row[x];
            const std::uint32_t a = p >> 24;
            if (a == 0) continue;
            auto un = [a](std::uint32_t c) { return std::min<std::uint32_t>(255, (c * 255 + a / 2) / a); };
            const std::uint32_t r = un((p >> 16) & 0xFF), g = un((p >> 8) & 0xFF), b = un(p & 0xFF);
            out.pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(out.width) +
                       static_cast<std::size_t>(x)] =
                out.coloured ? IM_COL32(r, g, b, a) : IM_COL32(255, 255, 255, a);
        }
    }
    return out;
}

namespace {

struct Added {
    int rect;
    ImFont* font;
    char32_t standIn;
    bool picture;
};
std::vector<Added>& added() {
    static std::vector<Added> a;
    return a;
}

} // namespace

const GlyphBitmap& drawGlyphBitmap(std::string_view cluster, bool picture, int width, int height) {
    auto& c = cache();
    CacheKey key{picture ? std::string(cluster) : std::string(), picture, width, height};
    auto it = c.find(key);
    if (it == c.end())
        it = c.emplace(std::move(key), renderGlyphBitmap(cluster, picture, width, height)).first;
    return it->second;
}

void usePictureFontFile(const std::string& path) {
    static std::string added;
    if (path.empty() || path == added) return;
    if (!FcConfigAppFontAddFile(FcConfigGetCurrent(), reinterpret_cast<const FcChar8*>(path.c_str()))) return;
    added = path;
    // A font map made before (a summary drawn earlier in this process) learns of the new file.
    pango_fc_font_map_config_changed(PANGO_FC_FONT_MAP(pango_cairo_font_map_get_default()));
    cache().clear();
}

GlyphCell pictureCell(float fontSize) {
    GlyphCell cell;
    cell.height = std::max(1, static_cast<int>(std::lround(fontSize)));
    cell.width = cell.height;
    cell.advance = static_cast<float>(cell.width) + std::max(1.f, std::round(fontSize * 0.06f));
    cell.offsetY = 0; // the line's height is the font size: the picture fills it
    return cell;
}

GlyphCell placeholderCell(float fontSize) {
    GlyphCell cell;
    cell.height = std::max(1, static_cast<int>(std::lround(fontSize)));
    cell.width = std::max(1, static_cast<int>(std::lround(fontSize * 0.7f)));
    cell.advance = static_cast<float>(cell.width) + std::round(fontSize * 0.06f);
    cell.offsetY = 0;
    return cell;
}

void addStandInGlyphs(ImFontAtlas& atlas, const std::vector<SizedFont>& fonts) {
    added().clear();
    std::vector<SizedFont> distinct;
    for (const SizedFont& f : fonts)
        if (f.font && std::none_of(distinct.begin(), distinct.end(),
                                   [&](const SizedFont& d) { return d.font == f.font; }))
            distinct.push_back(f);
    // A bound on the atlas (a hostile file could hold thousands of made-up emoji sequences): the first
    // kMaxStandInGlyphs drawn get glyphs; any further ones are drawn as ImGui's fallback.
    std::size_t count = 0;
    for (char32_t c : wantedStandIns()) {
        if (++count > kMaxStandInGlyphs) break;
        const StandIn* st = standIn(c);
        if (!st) continue;
        const bool picture = st->kind == StandInKind::Picture;
        for (const auto& [f, size] : distinct) {
            const GlyphCell cell = picture ? pictureCell(size) : placeholderCell(size);
            const int rect = atlas.AddCustomRectFontGlyph(f, static_cast<ImWchar>(c), cell.width, cell.height,
                                                          cell.advance, ImVec2(0, cell.offsetY));
            added().push_back(Added{rect, f, c, picture});
        }
    }
}

void paintStandInGlyphs(ImFontAtlas& atlas) {
    if (added().empty()) return;
    atlas.Build();
    unsigned char* pixels = nullptr;
    int texW = 0, texH = 0;
    atlas.GetTexDataAsRGBA32(&pixels, &texW, &texH);
    if (!pixels) return;
    auto* tex = reinterpret_cast<std::uint32_t*>(pixels);
    for (const Added& a : added()) {
        const ImFontAtlasCustomRect* r = atlas.GetCustomRectByIndex(a.rect);
        if (!r->IsPacked()) continue;
        const StandIn* st = standIn(a.standIn);
        if (!st) continue;
        const GlyphBitmap& bm = drawGlyphBitmap(st->text, a.picture, r->Width, r->Height);
        for (int y = 0; y < bm.height && r->Y + y < texH; ++y)
            for (int x = 0; x < bm.width && r->X + x < texW; ++x)
                tex[static_cast<std::size_t>(r->Y + y) * static_cast<std::size_t>(texW) +
                    static_cast<std::size_t>(r->X + x)] =
                    bm.pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(bm.width) +
                              static_cast<std::size_t>(x)];
        if (auto* g = const_cast<ImFontGlyph*>(a.font->FindGlyphNoFallback(static_cast<ImWchar>(a.standIn))))
            g->Colored = bm.coloured ? 1 : 0; // a mask (placeholder, outline-font character): text colour
    }
}

} // namespace throughline::app
