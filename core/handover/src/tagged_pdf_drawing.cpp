// Colour emoji as Span elements and the structure tags open while drawing (see
// throughline/handover/tagged_pdf_drawing.hpp): taken out of a pango layout, drawn by its shape renderer as
// pictures four times as fine as cairo's own, each in a Span whose text finishTaggedPdf writes.
#include "throughline/handover/tagged_pdf_drawing.hpp"

#include <cairo.h>
#include <pango/pangocairo.h>

#include <hb-ot.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace throughline::core {

namespace {

// A colour emoji cluster taken out of a layout's text: the characters as written and the glyphs pango shaped
// for them, drawn by the shape renderer in the cluster's place. Owned by its shape attribute.
struct EmojiCluster {
    std::string text;                   // UTF-8: U+1F44D U+1F3FE is one cluster, as is U+1F3DF U+FE0F
    PangoFont* font = nullptr;          // a reference held
    PangoGlyphString* glyphs = nullptr; // the cluster's glyphs, in visual order
    double size = 0;                    // the size of the text round it, in points
};

gpointer copyCluster(gconstpointer p) {
    const auto* c = static_cast<const EmojiCluster*>(p);
    return new EmojiCluster{c->text, PANGO_FONT(g_object_ref(c->font)), pango_glyph_string_copy(c->glyphs),
                            c->size};
}

void freeCluster(gpointer p) {
    auto* c = static_cast<EmojiCluster*>(p);
    g_object_unref(c->font);
    pango_glyph_string_free(c->glyphs);
    delete c;
}

// A glyph that cairo 1.16 paints as an image: a bitmap (CBDT, sbix) or layered (COLR) colour glyph.
bool isColourGlyph(PangoFont* font, PangoGlyph glyph) {
    if (!font || glyph == PANGO_GLYPH_EMPTY || (glyph & PANGO_GLYPH_UNKNOWN_FLAG)) return false;
    hb_font_t* hb = pango_font_get_hb_font(font);
    if (!hb) return false;
    hb_face_t* face = hb_font_get_face(hb);
    if (hb_ot_color_has_png(face)) {
        hb_blob_t* png = hb_ot_color_glyph_reference_png(hb, glyph);
        const bool has = hb_blob_get_length(png) > 0;
        hb_blob_destroy(png);
        if (has) return true;
    }
    return hb_ot_color_has_layers(face) && hb_ot_color_glyph_get_layers(face, glyph, 0, nullptr, nullptr) > 0;
}

// Replaces every colour emoji cluster of a laid-out text with U+FFFC and a shape attribute of the cluster's
// own extents, carrying the cluster (text, font, glyphs). The layout then breaks lines as before and the
// shape renderer draws each emoji. Text without colour glyphs is left as it is.
void takeOutColourEmoji(PangoLayout* l, double size) {
    const std::string text = pango_layout_get_text(l);
    if (std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
        return;
    struct Found {
        int start, end;
        PangoRectangle ink, logical;
        EmojiCluster* cluster;
    };
    std::vector<Found> found;
    PangoLayoutIter* it = pango_layout_get_iter(l);
    do {
        PangoLayoutRun* run = pango_layout_iter_get_run_readonly(it);
        if (!run) continue; // the end of a line
        PangoFont* font = run->item->analysis.font;
        const bool rtl = run->item->analysis.level % 2;
        PangoGlyphItemIter ci;
        for (bool more = pango_glyph_item_iter_init_start(&ci, run, text.c_str()); more;
             more = pango_glyph_item_iter_next_cluster(&ci)) {
            // Left to right the cluster is [start_glyph, end_glyph); right to left, (end_glyph, start_glyph].
            const int g0 = rtl ? ci.end_glyph + 1 : ci.start_glyph,
                      g1 = rtl ? ci.start_glyph + 1 : ci.end_glyph;
            bool colour = false;
            for (int g = g0; g < g1; ++g)
                colour = colour || isColourGlyph(font, run->glyphs->glyphs[g].glyph);
            if (!colour) continue;
            Found f{ci.start_index, ci.end_index, {}, {}, nullptr};
            pango_glyph_string_extents_range(run->glyphs, g0, g1, font, &f.ink, &f.logical);
            PangoGlyphString* glyphs = pango_glyph_string_new();
            pango_glyph_string_set_size(glyphs, g1 - g0);
            for (int g = g0; g < g1; ++g) {
                glyphs->glyphs[g - g0] = run->glyphs->glyphs[g];
                glyphs->log_clusters[g - g0] = 0;
            }
            f.cluster = new EmojiCluster{text.substr(f.start, f.end - f.start),
                                         PANGO_FONT(g_object_ref(font)), glyphs, size};
            found.push_back(f);
        }
    } while (pango_layout_iter_next_run(it));
    pango_layout_iter_free(it);
    if (found.empty()) return;
    std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) { return a.start < b.start; });

    PangoAttrList* attrs = pango_layout_get_attributes(l)
                               ? pango_attr_list_copy(pango_layout_get_attributes(l))
                               : pango_attr_list_new();
    static const std::string object = "\uFFFC";
    const int objectLen = static_cast<int>(object.size());
    for (auto f = found.rbegin(); f != found.rend(); ++f) // from the end, so earlier offsets stay valid
        pango_attr_list_update(attrs, f->start, f->end - f->start, objectLen);
    std::string out;
    int from = 0;
    for (const auto& f : found) {
        out.append(text, from, f.start - from);
        PangoRectangle logical = f.logical;
        logical.x = 0;
        PangoAttribute* a =
            pango_attr_shape_new_with_data(&f.ink, &logical, f.cluster, copyCluster, freeCluster);
        a->start_index = static_cast<guint>(out.size());
        a->end_index = static_cast<guint>(out.size() + object.size());
        pango_attr_list_insert(attrs, a);
        out += object;
        from = f.end;
    }
    out.append(text, from, std::string::npos);
    pango_layout_set_text(l, out.data(), static_cast<int>(out.size()));
    pango_layout_set_attributes(l, attrs);
    pango_attr_list_unref(attrs);
}
} // namespace

struct TaggedPdfDrawing::Impl {
    ~Impl() {
        for (auto& [key, picture] : emojiPictures)
            cairo_surface_destroy(picture); // the PDF surface keeps its own reference to those it painted
    }

    void tagBegin(cairo_t* cr, const std::string& name) {
        cairo_tag_begin(cr, name.c_str(), "");
        drawnTags.push_back(name);
    }
    void tagEnd(cairo_t* cr, const std::string& name) {
        cairo_tag_end(cr, name.c_str());
        drawnTags.pop_back();
    }

    // pango's shape renderer: draws a colour emoji cluster taken out by takeOutColourEmoji(), with the
    // current point at its start on the baseline.
    static void drawShape(cairo_t* cr, PangoAttrShape* attr, gboolean doPath, gpointer self) {
        if (doPath || !attr->data) return;
        static_cast<Impl*>(self)->drawEmoji(cr, *static_cast<const EmojiCluster*>(attr->data),
                                            attr->logical_rect);
    }

    void drawEmoji(cairo_t* cr, const EmojiCluster& c, const PangoRectangle& logical) {
        double x = 0, y = 0;
        cairo_get_current_point(cr, &x, &y);
        const double w = logical.width / double(PANGO_SCALE);
        // A layout may be shown whole for each page's slice of it, clipped to the slice (the summary's
        // flow()): an emoji whose line is in another slice is not drawn (cairo would drop the image) nor
        // given a Span.
        double cx0 = 0, cy0 = 0, cx1 = 0, cy1 = 0;
        cairo_clip_extents(cr, &cx0, &cy0, &cx1, &cy1);
        const double middle = y + (logical.y + logical.height / 2.0) / PANGO_SCALE;
        if (middle < cy0 || middle > cy1 || x + w < cx0 || x > cx1) return;
        // Outside any element (running header, footer) the emoji is an artifact like the rest; in a figure
        // the /Alt speaks for the whole drawing.
        const bool span = !drawnTags.empty() && drawnTags.back() != "Figure";
        const std::string host = span ? drawnTags.back() : std::string();
        if (span) {
            tagEnd(cr, host);
            tagBegin(cr, "Span");
        }
        drawEmojiPicture(cr, c, x, y);
        if (span) {
            tagEnd(cr, "Span");
            tagBegin(cr, host);
            double dx = x, dy = y, dw = w, dh = 0;
            cairo_user_to_device(cr, &dx, &dy);
            cairo_user_to_device_distance(cr, &dw, &dh);
            spans.push_back({c.text, dx, dy, dw, c.size});
        }
    }

    // The cluster's glyphs drawn with their origin at (x, y) on the baseline. cairo 1.16 would write a colour
    // glyph as an image of 72 pixels to the inch (13 pixels square at 10 pt), blurred in print; the glyphs
    // are drawn instead onto an image `emojiScale` times as fine and that image is painted at the same place
    // and size. One image for each different cluster, shared by every place it is drawn (cairo writes a
    // surface once however often it is painted), so a long entry full of emoji stays small.
    void drawEmojiPicture(cairo_t* cr, const EmojiCluster& c, double x, double y) {
        PangoRectangle ink{};
        pango_glyph_string_extents(c.glyphs, c.font, &ink, nullptr);
        if (ink.width <= 0 || ink.height <= 0) return;
        // The ink box in points from the origin, a pixel wider each side, on the picture's grid.
        const double px = 1.0 / emojiScale;
        const double x0 = std::floor((ink.x / double(PANGO_SCALE) - px) * emojiScale) / emojiScale,
                     y0 = std::floor((ink.y / double(PANGO_SCALE) - px) * emojiScale) / emojiScale,
                     x1 = std::ceil(((ink.x + ink.width) / double(PANGO_SCALE) + px) * emojiScale) /
                          emojiScale,
                     y1 = std::ceil(((ink.y + ink.height) / double(PANGO_SCALE) + px) * emojiScale) /
                          emojiScale;
        double r = 0, g = 0, b = 0, a = 1; // the text's colour: a layered glyph can have layers drawn in it
        cairo_pattern_get_rgba(cairo_get_source(cr), &r, &g, &b, &a);
        const std::string key = emojiKey(c) + " " + std::to_string(r) + " " + std::to_string(g) + " " +
                                std::to_string(b) + " " + std::to_string(a);
        cairo_surface_t*& picture = emojiPictures[key];
        if (!picture) {
            const int w = static_cast<int>(std::lround((x1 - x0) * emojiScale)),
                      h = static_cast<int>(std::lround((y1 - y0) * emojiScale));
            picture = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
            cairo_t* pc = cairo_create(picture);
            cairo_scale(pc, emojiScale, emojiScale);
            cairo_set_source_rgba(pc, r, g, b, a);
            cairo_move_to(pc, -x0, -y0);
            pango_cairo_show_glyph_string(pc, c.font, c.glyphs);
            cairo_destroy(pc);
            cairo_surface_flush(picture);
        }
        cairo_save(cr);
        cairo_translate(cr, x + x0, y + y0);
        cairo_scale(cr, 1.0 / emojiScale, 1.0 / emojiScale);
        cairo_set_source_surface(cr, picture, 0, 0);
        cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
        cairo_paint(cr);
        cairo_restore(cr);
    }

    // What makes two clusters the same picture: the face and size, and the glyphs with their positions.
    static std::string emojiKey(const EmojiCluster& c) {
        PangoFontDescription* fd = pango_font_describe_with_absolute_size(c.font);
        char* name = pango_font_description_to_string(fd);
        std::string key = name;
        g_free(name);
        pango_font_description_free(fd);
        for (int i = 0; i < c.glyphs->num_glyphs; ++i) {
            const auto& g = c.glyphs->glyphs[i];
            key += " " + std::to_string(g.glyph) + "/" + std::to_string(g.geometry.width) + "/" +
                   std::to_string(g.geometry.x_offset) + "/" + std::to_string(g.geometry.y_offset);
        }
        return key;
    }

    static constexpr double emojiScale = 4; // the emoji pictures' pixels to a point: 288 to the inch

    std::vector<std::string> drawnTags; // the structure tags open while drawing, innermost last
    std::vector<PdfTextSpan> spans;
    std::map<std::string, cairo_surface_t*> emojiPictures; // by cluster and colour
};

TaggedPdfDrawing::TaggedPdfDrawing() : m_impl(std::make_unique<Impl>()) {}
TaggedPdfDrawing::~TaggedPdfDrawing() = default;

void TaggedPdfDrawing::prepareLayout(PangoLayout* l, double size) {
    PangoAttrList* attrs = pango_layout_get_attributes(l)
                               ? pango_attr_list_copy(pango_layout_get_attributes(l))
                               : pango_attr_list_new();
    pango_attr_list_insert(attrs, pango_attr_font_features_new("liga 0, clig 0"));
    pango_layout_set_attributes(l, attrs);
    pango_attr_list_unref(attrs);
    takeOutColourEmoji(l, size);
    pango_cairo_context_set_shape_renderer(pango_layout_get_context(l), &Impl::drawShape, m_impl.get(),
                                           nullptr);
}

void TaggedPdfDrawing::tagBegin(cairo_t* cr, const std::string& name) {
    m_impl->tagBegin(cr, name);
}
void TaggedPdfDrawing::tagEnd(cairo_t* cr, const std::string& name) {
    m_impl->tagEnd(cr, name);
}
const std::vector<PdfTextSpan>& TaggedPdfDrawing::spans() const {
    return m_impl->spans;
}

} // namespace throughline::core
