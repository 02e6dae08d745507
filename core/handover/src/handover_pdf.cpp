// PDF renderer of the handover summary: cairo PDF surface, pango for real text layout. A4, wrapped text
// with page breaks at line boundaries, page numbers, OFFICIAL-SENSITIVE in header and footer, and the
// network map drawn as vector graphics from the shared geometry (network_map.hpp).
//
// Two passes: layout measures every block and assigns it to pages as a list of draw operations; drawing
// then knows the page count ("Page 2 of 5"). The creation date is the summary's own date, never the clock,
// so the same summary gives the same bytes.
//
// Tagged PDF: the drawing helpers (heading, text, bullet, table, block/figure, flow) open cairo structure
// tags around what they draw (H1-H3, P, L/LI/LBody, Table/TR/TH/TD, Figure), so any section laid out with
// them is tagged without more code. cairo 1.16 marks only the content of leaf elements: text is therefore
// only ever drawn into an element with no elements inside it (a list item's text is a P inside its LBody,
// beside the item's indented paragraphs), or it would be unmarked, made an artifact and not read. Tags never
// stay open across a page break: the helper's element is closed at the bottom of a page and a new one opened
// at the top of the next, so the running header, footer and page number, drawn after a page's content with no
// tag open, are unmarked content that the post-processing step (pdf_tags.hpp: /Lang, DisplayDocTitle,
// Document root, figure /Alt, artifacts) marks as artifacts.
//
// Colour emoji: drawn through TaggedPdfDrawing (throughline/handover/tagged_pdf_drawing.hpp, shared with the
// subject access PDF): each colour emoji cluster is taken out of the pango layout and drawn as its own Span
// element, as a picture four times as fine as cairo's own, and the post-processing step gives the Span its
// characters as /ActualText with an invisible glyph under the picture, joining the element it interrupted
// back together round it.
#include "handover_text.hpp"
#include "throughline/handover/pdf_tags.hpp"
#include "throughline/handover/tagged_pdf_drawing.hpp"
#include "throughline/insight/map_labels.hpp"
#include "throughline/insight/network_map.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>

namespace throughline::core {

namespace {

namespace tx = handover_text;

constexpr double pageW = 595.276, pageH = 841.89; // A4 in points
constexpr double marginL = 56, marginR = 56, top = 70, bottom = pageH - 62;
constexpr double contentW = pageW - marginL - marginR;
constexpr const char* family = "DejaVu Sans";

struct Rgb {
    double r, g, b;
};
Rgb rgb(unsigned v) {
    return {((v >> 16) & 0xFF) / 255.0, ((v >> 8) & 0xFF) / 255.0, (v & 0xFF) / 255.0};
}
void setColour(cairo_t* cr, unsigned v, double alpha = 1.0) {
    const auto c = rgb(v);
    cairo_set_source_rgba(cr, c.r, c.g, c.b, alpha);
}
constexpr unsigned ink = 0x1F2328, muted = 0x57606A, rule = 0xD0D7DE, voiceBar = 0x1B6E4B, voiceBg = 0xF3F8F5,
                   alert = 0xB3261E, headerBg = 0xF6F8FA;

std::string markupEscape(std::string_view s) {
    gchar* e = g_markup_escape_text(s.data(), static_cast<gssize>(s.size()));
    std::string out(e);
    g_free(e);
    return out;
}

using LayoutPtr = std::shared_ptr<PangoLayout>;

struct Style {
    double size = 9.5;
    bool bold = false, italic = false;
    unsigned colour = ink;
};

using Op = std::function<void(cairo_t*)>;

class PdfDoc {
  public:
    explicit PdfDoc(cairo_t* measure) : m_cr(measure) { m_pages.emplace_back(); }
    PdfDoc(const PdfDoc&) = delete;
    PdfDoc& operator=(const PdfDoc&) = delete;

    /// Opens a structure element (cairo tag name: "P", "H2", "Table", ...) around what is drawn next. It is
    /// written lazily, just before its first content on a page, so decorations drawn before that content
    /// (rules, bars, backgrounds) stay outside it and end up as artifacts.
    void beginTag(std::string name) { m_tags.push_back({std::move(name), false}); }
    void endTag() {
        const OpenTag t = m_tags.back();
        m_tags.pop_back();
        if (t.emitted) add([this, name = t.name](cairo_t* cr) { tagEnd(cr, name); });
    }
    /// Adds a draw operation that is content: the open elements are written first on this page.
    void addContent(Op op) {
        for (auto& t : m_tags)
            if (!t.emitted) {
                add([this, name = t.name](cairo_t* cr) { tagBegin(cr, name); });
                t.emitted = true;
            }
        add(std::move(op));
    }
    /// Ends a list started by bullet() (its open item too); every helper that is not part of a list item
    /// calls it first.
    void closeList() {
        if (m_inItem) {
            endTag(); // LBody
            endTag(); // LI
            m_inItem = false;
        }
        if (m_inList) {
            endTag(); // L
            m_inList = false;
        }
    }
    /// Closes everything still open at the end of the document.
    void finish() {
        closeList();
        while (!m_tags.empty())
            endTag();
    }
    /// The alternative text of each figure, in document order (the post-processing step writes them as /Alt).
    const std::vector<std::string>& figureAlts() const { return m_alts; }
    /// Every colour emoji drawn as a Span element, in the order drawn (the post-processing step writes each
    /// one's characters as /ActualText, with an invisible glyph where it is drawn).
    const std::vector<PdfTextSpan>& emojiSpans() const { return m_drawing.spans(); }

    LayoutPtr layout(std::string_view text, const Style& st, double width, bool markup = false) {
        PangoLayout* l = pango_cairo_create_layout(m_cr);
        PangoFontDescription* fd = pango_font_description_new();
        pango_font_description_set_family(fd, family);
        pango_font_description_set_absolute_size(fd, st.size * PANGO_SCALE);
        pango_font_description_set_weight(fd, st.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
        pango_font_description_set_style(fd, st.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
        pango_layout_set_font_description(l, fd);
        pango_font_description_free(fd);
        pango_layout_set_width(l, static_cast<int>(width * PANGO_SCALE));
        pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
        pango_layout_set_spacing(l, static_cast<int>(st.size * 0.25 * PANGO_SCALE));
        if (markup)
            pango_layout_set_markup(l, text.data(), static_cast<int>(text.size()));
        else
            pango_layout_set_text(l, text.data(), static_cast<int>(text.size()));
        // No ligatures, and colour emoji drawn as Spans with their text (tagged_pdf_drawing.hpp).
        m_drawing.prepareLayout(l, st.size);
        return LayoutPtr(l, [](PangoLayout* p) { g_object_unref(p); });
    }

    static double height(const LayoutPtr& l) {
        int w = 0, h = 0;
        pango_layout_get_size(l.get(), &w, &h);
        return h / double(PANGO_SCALE);
    }

    double y() const { return m_y; }
    double room() const { return bottom - m_y; }
    void space(double h) { m_y = std::min(m_y + h, bottom); }
    void newPage() {
        // Close the open elements on this page (innermost first); they open again before their next content.
        for (auto it = m_tags.rbegin(); it != m_tags.rend(); ++it)
            if (it->emitted) {
                add([this, name = it->name](cairo_t* cr) { tagEnd(cr, name); });
                it->emitted = false;
            }
        m_pages.emplace_back();
        m_y = top;
    }
    void ensure(double h) {
        if (m_y + h > bottom && m_y > top) newPage();
    }
    void add(Op op) { m_pages.back().push_back(std::move(op)); }
    std::size_t pageCount() const { return m_pages.size(); }
    const std::vector<std::vector<Op>>& pages() const { return m_pages; }

    /// Places a text layout at x, breaking across pages at line boundaries (each slice drawn clipped).
    /// `decorate` draws behind each slice (for quote bars and backgrounds): (cr, x, y, height).
    /// The text is tagged `tag` ("P" unless told; nullptr: inside whatever element is open).
    void flow(const LayoutPtr& l, double x, unsigned colour, double padTop = 0, double padBottom = 0,
              std::function<void(cairo_t*, double, double, double, bool)> decorate = {},
              const char* tag = "P") {
        if (tag) beginTag(tag);
        // Line boundaries in layout coordinates.
        std::vector<std::pair<double, double>> lines; // top, bottom
        PangoLayoutIter* it = pango_layout_get_iter(l.get());
        do {
            int y0 = 0, y1 = 0;
            pango_layout_iter_get_line_yrange(it, &y0, &y1);
            lines.emplace_back(y0 / double(PANGO_SCALE), y1 / double(PANGO_SCALE));
        } while (pango_layout_iter_next_line(it));
        pango_layout_iter_free(it);
        const double total = height(l);
        std::size_t first = 0;
        while (first < lines.size()) {
            const double sliceTop = lines[first].first;
            // Keep at least two lines together when starting a block near the bottom.
            const double need =
                padTop + (lines[std::min(first + 1, lines.size() - 1)].second - sliceTop) + padBottom;
            if (room() < need && m_y > top) newPage();
            std::size_t last = first;
            while (last + 1 < lines.size() &&
                   m_y + padTop + (lines[last + 1].second - sliceTop) + padBottom <= bottom)
                ++last;
            const double sliceBottom = last + 1 == lines.size() ? total : lines[last + 1].first;
            const double h = sliceBottom - sliceTop;
            const double yy = m_y + padTop;
            const double boxH = padTop + h + padBottom;
            if (decorate) {
                const double by = m_y;
                const bool firstSlice = first == 0;
                add([decorate, x, by, boxH, firstSlice](cairo_t* cr) {
                    decorate(cr, x, by, boxH, firstSlice);
                });
            }
            addContent([l, x, yy, sliceTop, h, colour](cairo_t* cr) {
                cairo_save(cr);
                setColour(cr, colour);
                cairo_rectangle(cr, x - 2, yy - 1, contentW + 4, h + 2);
                cairo_clip(cr);
                cairo_move_to(cr, x, yy - sliceTop);
                pango_cairo_show_layout(cr, l.get());
                cairo_restore(cr);
            });
            m_y += boxH;
            first = last + 1;
        }
        if (tag) endTag();
    }

    /// A paragraph. Indented text right after a bullet belongs to that list item (evidence, who recorded it).
    void text(std::string_view t, const Style& st = {}, double indent = 0, double after = 4,
              bool markup = false) {
        if (indent <= 0) closeList();
        auto l = layout(t, st, contentW - indent, markup);
        flow(l, marginL + indent, st.colour);
        space(after);
    }

    void heading(std::string_view t, int level, double keepWith = 48) {
        closeList();
        const Style st{level == 1 ? 17.0 : level == 2 ? 12.5 : 10.5, true, false, ink};
        auto l = layout(t, st, contentW);
        const double h = height(l);
        const double before = level == 2 ? 14 : level == 3 ? 8 : 0;
        // Keep a heading with at least a few lines of what follows it.
        ensure(before + h + keepWith);
        if (m_y > top) space(before);
        const double yy = m_y;
        beginTag("H" + std::to_string(std::clamp(level, 1, 3)));
        addContent([l, yy](cairo_t* cr) {
            setColour(cr, ink);
            cairo_move_to(cr, marginL, yy);
            pango_cairo_show_layout(cr, l.get());
        });
        endTag();
        if (level == 2)
            add([yy, h](cairo_t* cr) {
                setColour(cr, rule);
                cairo_set_line_width(cr, 1.2);
                cairo_move_to(cr, marginL, yy + h + 2.5);
                cairo_line_to(cr, marginL + contentW, yy + h + 2.5);
                cairo_stroke(cr);
            });
        m_y += h + (level == 2 ? 8 : 4);
    }

    /// A list item; consecutive bullets are one list (L > LI > LBody > P), ended by the next other helper.
    /// The item's text is a P of its own inside the LBody, beside any indented paragraphs that follow it
    /// (evidence, who recorded it): cairo 1.16 marks only the content of leaf elements, so text drawn
    /// straight into an LBody that also holds a P would be left unmarked, made an artifact, and skipped by
    /// screen readers. The bullet dot is drawn inside the L, not in an item, and so is an artifact too.
    void bullet(std::string_view t, const Style& st = {}, bool markup = false) {
        if (m_inItem) {
            endTag(); // LBody
            endTag(); // LI
        }
        if (!m_inList) beginTag("L");
        beginTag("LI");
        beginTag("LBody");
        m_inList = m_inItem = true;
        auto l = layout(t, st, contentW - 14, markup);
        const unsigned colour = st.colour;
        const double size = st.size;
        flow(
            l, marginL + 14, colour, 0, 0,
            [colour, size](cairo_t* cr, double x, double y, double, bool first) {
                if (!first) return;
                setColour(cr, colour);
                cairo_new_path(cr);
                cairo_arc(cr, x - 8, y + size * 0.62, 1.8, 0, 2 * M_PI);
                cairo_fill(cr);
            },
            "P");
        space(3);
    }

    /// A table: header row repeated on each page, rows kept whole.
    void table(const std::vector<std::string>& headers, const std::vector<double>& widths,
               const std::vector<std::vector<std::string>>& rows, bool firstColumnBold = false) {
        // Tagged Table > TR > TH/TD; the first column is a row header (TH) when it is set in bold. A table
        // broken by a page is one Table element per page, each with its repeated header row.
        closeList();
        beginTag("Table");
        const double pad = 3.5;
        const Style hs{8, true, false, ink};
        const Style bs{8.5, false, false, ink};
        std::vector<LayoutPtr> hl;
        double hh = 0;
        for (std::size_t i = 0; i < headers.size(); ++i) {
            hl.push_back(layout(headers[i], hs, widths[i] - 2 * pad));
            hh = std::max(hh, height(hl.back()));
        }
        hh += 2 * pad;
        auto drawRow = [this, widths, pad, firstColumnBold](const std::vector<LayoutPtr>& cells, double rowH,
                                                            bool head) {
            const double yy = m_y;
            addContent([this, cells, widths, pad, rowH, yy, head, firstColumnBold](cairo_t* cr) {
                double x = marginL;
                if (head) {
                    setColour(cr, headerBg);
                    cairo_rectangle(cr, marginL, yy, contentW, rowH);
                    cairo_fill(cr);
                }
                setColour(cr, rule);
                cairo_set_line_width(cr, 0.6);
                cairo_rectangle(cr, marginL, yy, contentW, rowH);
                cairo_stroke(cr);
                for (std::size_t i = 0; i < cells.size(); ++i) {
                    if (i > 0) {
                        setColour(cr, rule);
                        cairo_move_to(cr, x, yy);
                        cairo_line_to(cr, x, yy + rowH);
                        cairo_stroke(cr);
                    }
                    x += widths[i];
                }
                // The text after the grid lines, so the lines sit outside the cells' marked content.
                tagBegin(cr, "TR");
                x = marginL;
                for (std::size_t i = 0; i < cells.size(); ++i) {
                    const char* cell = head || (i == 0 && firstColumnBold) ? "TH" : "TD";
                    tagBegin(cr, cell);
                    setColour(cr, ink);
                    cairo_move_to(cr, x + pad, yy + pad);
                    pango_cairo_show_layout(cr, cells[i].get());
                    tagEnd(cr, cell);
                    x += widths[i];
                }
                tagEnd(cr, "TR");
            });
            m_y += rowH;
        };
        bool needHeader = true;
        for (const auto& row : rows) {
            std::vector<LayoutPtr> cells;
            double rh = 0;
            for (std::size_t i = 0; i < row.size(); ++i) {
                cells.push_back(layout(row[i], i == 0 && firstColumnBold ? hs : bs, widths[i] - 2 * pad));
                rh = std::max(rh, height(cells.back()));
            }
            rh += 2 * pad;
            if (m_y + rh > bottom || (needHeader && m_y + hh + rh > bottom)) {
                newPage();
                needHeader = true;
            }
            if (needHeader && !headers.empty()) {
                drawRow(hl, hh, true);
                needHeader = false;
            }
            needHeader = false;
            drawRow(cells, rh, false);
        }
        endTag();
        space(8);
    }

    /// A block of fixed height drawn by `draw(cr, x, y)`, never broken by a page. With `alt` it is a Figure
    /// whose alternative text (written as /Alt) is what a screen reader reads instead of the drawing;
    /// without, its text is read as a paragraph.
    void block(double h, std::function<void(cairo_t*, double, double)> draw, std::string alt = {}) {
        closeList();
        ensure(h);
        const double yy = m_y;
        beginTag(alt.empty() ? "P" : "Figure");
        if (!alt.empty()) m_alts.push_back(std::move(alt));
        addContent([draw, yy](cairo_t* cr) { draw(cr, marginL, yy); });
        endTag();
        m_y += h;
    }

    cairo_t* measure() const { return m_cr; }

  private:
    struct OpenTag {
        std::string name;
        bool emitted = false; // written on the current page
    };

    // Every structure tag goes through these while drawing, so that an emoji knows which element it is in.
    void tagBegin(cairo_t* cr, const std::string& name) { m_drawing.tagBegin(cr, name); }
    void tagEnd(cairo_t* cr, const std::string& name) { m_drawing.tagEnd(cr, name); }

    cairo_t* m_cr;
    std::vector<std::vector<Op>> m_pages;
    double m_y = top;
    std::vector<OpenTag> m_tags;
    std::vector<std::string> m_alts;
    TaggedPdfDrawing m_drawing; // structure tags and colour emoji
    bool m_inList = false, m_inItem = false;
};

void applyDash(cairo_t* cr, const MapLineStyle& st, double width) {
    if (st.dash.empty()) {
        cairo_set_dash(cr, nullptr, 0, 0);
        return;
    }
    std::vector<double> d;
    for (double v : st.dash)
        d.push_back(v * std::max(width, 0.9));
    cairo_set_dash(cr, d.data(), static_cast<int>(d.size()), 0);
}

void drawMap(PdfDoc& doc, const HandoverSummary& s) {
    std::vector<MapMemberInput> in;
    for (const auto& m : s.network)
        in.push_back({m.id, m.name, m.track, m.place, m.workerView, m.youngPersonView, m.contactsInPeriod});
    auto map = std::make_shared<NetworkMap>(layoutNetworkMap(in, tx::mapCentreLabel(s)));
    const double S = 330;
    const auto styleOf = [](MapText kind, bool faded) {
        switch (kind) {
        case MapText::Sector:
            return Style{9, true, false, ink};
        case MapText::Ring:
            return Style{6.2, false, true, muted};
        case MapText::Node:
            break;
        }
        return Style{6.8, false, false, faded ? 0x6B6F76u : ink};
    };
    // The shared placement (core/insight map_labels), measured with pango in the PDF's own type. The
    // largest dot is the 5.4 pt ring round a dot the young person sees differently, with its line.
    const auto measure = [&doc, &styleOf](std::string_view text, MapText kind) {
        int w = 0, h = 0;
        pango_layout_get_pixel_size(doc.layout(std::string(text), styleOf(kind, false), -1).get(), &w, &h);
        return MapTextSize{static_cast<double>(w), static_cast<double>(h)};
    };
    auto placed = std::make_shared<MapLabels>(placeMapLabels(*map, {S, 5.9, 1.2}, measure));
    // Pre-build labels with the measuring context so drawing needs no more layout work.
    auto labels = std::make_shared<std::vector<LayoutPtr>>();
    for (std::size_t i = 0; i < map->nodes.size(); ++i)
        labels->push_back(doc.layout(placed->nodes[i].text, styleOf(MapText::Node, map->nodes[i].faded), -1));
    auto sectorLabels = std::make_shared<std::vector<LayoutPtr>>();
    for (const auto& l : placed->sectors)
        sectorLabels->push_back(doc.layout(l.text, styleOf(MapText::Sector, false), -1));
    auto ringLabels = std::make_shared<std::vector<LayoutPtr>>();
    for (const auto& l : placed->rings)
        ringLabels->push_back(doc.layout(l.text, styleOf(MapText::Ring, false), -1));
    auto centre = doc.layout(map->centreLabel, Style{8, true, false, 0xFFFFFF}, -1);

    doc.block(
        S + 6,
        [map, placed, labels, sectorLabels, ringLabels, centre, S](cairo_t* cr, double x0, double y0) {
            const double ox = x0 + (contentW - S) / 2, oy = y0;
            auto X = [&](double u) { return ox + u * S; };
            auto Y = [&](double v) { return oy + v * S; };
            const auto lines = mapLines(*map); // the lines from the young person, for the names' backings
            // A placed label; one set away from its dot gets a thin leader line to it.
            const auto show = [&](const MapLabel& l, PangoLayout* layout, unsigned colour) {
                if (l.text.empty()) return;
                if (l.leader) {
                    double nx = 0, ny = 0;
                    nearestOnBox(l.box, l.fromX, l.fromY, nx, ny);
                    setColour(cr, muted);
                    cairo_set_line_width(cr, 0.4);
                    cairo_move_to(cr, X(l.fromX), Y(l.fromY));
                    cairo_line_to(cr, X(nx), Y(ny));
                    cairo_stroke(cr);
                }
                // A name a line from the young person still runs through gets a white backing (as on screen).
                if (crossedByAny(l.box, lines)) {
                    cairo_set_source_rgba(cr, 1, 1, 1, 0.88);
                    cairo_rectangle(cr, X(l.box.x0) - 1.2, Y(l.box.y0) - 0.4, (l.box.x1 - l.box.x0) * S + 2.4,
                                    (l.box.y1 - l.box.y0) * S + 0.8);
                    cairo_fill(cr);
                }
                setColour(cr, colour);
                cairo_move_to(cr, X(l.box.x0), Y(l.box.y0));
                pango_cairo_show_layout(cr, layout);
            };
            const double R = map->rings.back().outer * S;
            cairo_save(cr);
            for (std::size_t i = 0; i < map->sectors.size(); ++i) {
                const auto& sec = map->sectors[i];
                cairo_move_to(cr, X(0.5), Y(0.5));
                cairo_arc(cr, X(0.5), Y(0.5), R, sec.startAngle, sec.endAngle);
                cairo_close_path(cr);
                setColour(cr, mapTrackTint(sec.track));
                cairo_fill_preserve(cr);
                cairo_set_source_rgb(cr, 1, 1, 1);
                cairo_set_line_width(cr, 2);
                cairo_stroke(cr);
            }
            const double dashRing[] = {2, 2};
            for (std::size_t i = 0; i < map->rings.size(); ++i) {
                const auto& ring = map->rings[i];
                setColour(cr, 0x8C959F);
                cairo_set_line_width(cr, 0.5);
                cairo_set_dash(cr, dashRing, 2, 0);
                cairo_new_sub_path(cr);
                cairo_arc(cr, X(0.5), Y(0.5), ring.outer * S, 0, 2 * M_PI);
                cairo_stroke(cr);
                cairo_set_dash(cr, nullptr, 0, 0);
            }
            for (const auto& n : map->nodes) {
                const auto& st = mapLineStyle(n.view);
                const double w = n.weight * S / 200.0;
                setColour(cr, st.rgb, n.faded ? 0.4 : 1.0);
                cairo_set_line_width(cr, w);
                applyDash(cr, st, w);
                cairo_move_to(cr, X(0.5), Y(0.5));
                cairo_line_to(cr, X(n.x), Y(n.y));
                cairo_stroke(cr);
            }
            cairo_set_dash(cr, nullptr, 0, 0);
            for (std::size_t i = 0; i < map->nodes.size(); ++i) {
                const auto& n = map->nodes[i];
                const auto& st = mapLineStyle(n.view);
                cairo_new_sub_path(cr);
                cairo_arc(cr, X(n.x), Y(n.y), 3.2, 0, 2 * M_PI);
                if (n.faded)
                    cairo_set_source_rgb(cr, 1, 1, 1);
                else
                    setColour(cr, st.rgb);
                cairo_fill_preserve(cr);
                setColour(cr, st.rgb);
                cairo_set_line_width(cr, 1);
                cairo_stroke(cr);
                if (n.viewsDiffer) {
                    setColour(cr, ink);
                    cairo_set_line_width(cr, 0.7);
                    cairo_new_sub_path(cr);
                    cairo_arc(cr, X(n.x), Y(n.y), 5.4, 0, 2 * M_PI);
                    cairo_stroke(cr);
                }
            }
            for (std::size_t i = 0; i < placed->sectors.size(); ++i)
                show(placed->sectors[i], (*sectorLabels)[i].get(), ink);
            for (std::size_t i = 0; i < placed->rings.size(); ++i)
                show(placed->rings[i], (*ringLabels)[i].get(), muted);
            for (std::size_t i = 0; i < placed->nodes.size(); ++i)
                show(placed->nodes[i], (*labels)[i].get(), map->nodes[i].faded ? 0x6B6F76 : ink);
            cairo_new_sub_path(cr);
            cairo_arc(cr, X(0.5), Y(0.5), map->centreRadius * S, 0, 2 * M_PI);
            setColour(cr, ink);
            cairo_fill(cr);
            int w = 0, h = 0;
            pango_layout_get_pixel_size(centre.get(), &w, &h);
            cairo_set_source_rgb(cr, 1, 1, 1);
            cairo_move_to(cr, X(0.5) - w / 2.0, Y(0.5) - h / 2.0);
            pango_cairo_show_layout(cr, centre.get());
            cairo_restore(cr);
        },
        tx::mapDescription(s));

    // Legend: every view has its own dash pattern, so it reads in black and white too.
    auto items = std::make_shared<std::vector<std::pair<View, LayoutPtr>>>();
    for (const auto& st : mapLineStyles())
        items->emplace_back(st.view, doc.layout(std::string(st.label), Style{7.5, false, false, ink}, -1));
    auto notes = doc.layout(
        std::string("Line style: the worker's view. Thicker line: more contact in the period. Open dot "
                    "and faint line: no contact in the period. Ringed dot: the young person sees it "
                    "differently.") +
            (map->numbered ? " Numbers on the map are the rows of the network table." : ""),
        Style{7.5, false, true, muted}, contentW);
    const double notesH = PdfDoc::height(notes);
    doc.block(16 + notesH + 6, [items, notes](cairo_t* cr, double x0, double y0) {
        double x = x0 + 40;
        for (const auto& [view, label] : *items) {
            const auto& st = mapLineStyle(view);
            setColour(cr, st.rgb);
            cairo_set_line_width(cr, 2);
            applyDash(cr, st, 2);
            cairo_move_to(cr, x, y0 + 6);
            cairo_line_to(cr, x + 30, y0 + 6);
            cairo_stroke(cr);
            cairo_set_dash(cr, nullptr, 0, 0);
            int w = 0, h = 0;
            pango_layout_get_pixel_size(label.get(), &w, &h);
            setColour(cr, ink);
            cairo_move_to(cr, x + 35, y0 + 6 - h / 2.0);
            pango_cairo_show_layout(cr, label.get());
            x += 35 + w + 26;
        }
        setColour(cr, muted);
        cairo_move_to(cr, x0, y0 + 16);
        pango_cairo_show_layout(cr, notes.get());
    });
}

cairo_status_t appendBytes(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

// Pango markup for text that must stand out as not verified: bold and red (never colour alone).
std::string alertMarkup(std::string_view text) {
    return "<span foreground=\"#B3261E\"><b>" + markupEscape(text) + "</b></span>";
}

// "Recorded by …" under an item from another vault: quiet when verified, flagged when not.
void originNote(PdfDoc& d, const HandoverSummary& s, const ItemOrigin& o) {
    const std::string line = tx::originLine(s, o);
    if (line.empty()) return;
    d.text(tx::originUnverified(s, o) ? alertMarkup(line + ".") : markupEscape(line + "."),
           Style{8.5, false, false, muted}, 14, 4, true);
}

void layoutSummary(PdfDoc& d, const RedactedSummary& r) {
    const auto& s = r.model();
    const Style note{9, false, true, muted};
    d.heading(std::string(tx::title) + ": " + tx::personLine(s), 1);
    d.text("Period: " + tx::periodLine(s) + ". " + tx::periodBasis(s) + ".", Style{9.5, false, false, muted},
           0, 1);
    std::string prepared = "Prepared on " + s.preparedOn.display();
    if (!s.preparedBy.empty()) prepared += " by " + s.preparedBy;
    if (!s.organisation.empty()) prepared += ", " + s.organisation;
    prepared += ".";
    if (!s.recipient.empty()) prepared += " Prepared for " + s.recipient + ".";
    d.text(prepared, Style{9.5, false, false, muted}, 0, 6);

    // At a glance: what a busy reader needs before anything else; the important lines in bold.
    d.heading("At a glance", 2);
    for (const auto& g : tx::atAGlance(s)) {
        if (!g.important) {
            d.bullet(g.text);
            continue;
        }
        const std::string bold = "<b>" + markupEscape(g.text) + "</b>";
        d.bullet(g.alert ? "<span foreground=\"#B3261E\">" + bold + "</span>" : bold, Style{}, true);
    }

    d.heading("Young person and placement", 2);
    std::vector<std::vector<std::string>> rows;
    for (const auto& [k, v] : tx::factRows(r))
        rows.push_back({k, v});
    d.table({}, {150, contentW - 150}, rows, true);

    // Where the records came from: short, on the first page, with any unverified source flagged.
    d.heading(std::string(tx::sourcesHeading), 2);
    d.text(tx::sourcesIntro(s), note);
    for (const auto& src : s.sources) {
        std::string line = "<b>" + markupEscape(tx::sourceTitle(src)) +
                           "</b>: " + markupEscape(tx::sourceRecords(src)) + ".";
        if (const auto by = tx::sourceAuthors(src); !by.empty()) line += " " + markupEscape(by);
        if (const auto check = tx::sourceCheck(src); !check.empty())
            line += " " + (tx::unverified(src) ? alertMarkup(check) : markupEscape(check));
        d.bullet(line, Style{}, true);
    }

    d.heading("Relationships by track and place", 2);
    d.text("Contacts that happened in the period; in brackets, those cancelled, declined or not attended.",
           note);
    std::vector<std::vector<std::string>> matrix;
    for (Track t : {Track::Practitioner, Track::Family, Track::PeerCommunity}) {
        std::vector<std::string> row{std::string(enumDisplay(t))};
        for (Place p : {Place::HomeArea, Place::PlacementArea, Place::Online})
            for (const auto& c : s.matrix)
                if (c.track == t && c.place == p)
                    row.push_back(std::to_string(c.happened) +
                                  (c.notHappened ? " (" + std::to_string(c.notHappened) + ")" : ""));
        matrix.push_back(row);
    }
    const double mw = (contentW - 135) / 3;
    d.table({"Track", "Home area", "Placement area", "Online"}, {135, mw, mw, mw}, matrix, true);
    // The track facts come before the map: they flow around page breaks, the map cannot.
    for (const auto& t : s.tracks) {
        d.heading(std::string(enumDisplay(t.track)), 3);
        for (const auto& l : t.lines)
            d.bullet(l);
    }
    d.heading("Network map", 3, 340);
    drawMap(d, s);
    d.heading("Network", 3);
    if (s.network.empty()) {
        d.text("Nobody is recorded in the young person's network.");
    } else {
        std::vector<std::vector<std::string>> net;
        const bool numbered = s.network.size() > mapNamedLimit; // the map shows numbers, not names
        for (std::size_t i = 0; i < s.network.size(); ++i) {
            const auto& m = s.network[i];
            net.push_back(
                {(numbered ? std::to_string(i + 1) + ". " : std::string()) + m.name + " (" +
                     std::string(enumDisplay(m.role)) + ")",
                 std::string(enumDisplay(m.track)) + ", " + std::string(enumDisplay(m.place)),
                 std::string(enumDisplay(m.workerView)) + " / " + std::string(enumDisplay(m.youngPersonView)),
                 std::string(enumDisplay(m.arrangement)), std::to_string(m.contactsInPeriod),
                 tx::optDate(m.lastContact, "none"), tx::relationshipText(m.relationship)});
        }
        d.table({"Name", "Track, place", "Views: worker / young person", "Arrangement", "Contacts",
                 "Last contact", "Relationship"},
                {96, 76, 66, 66, 47, 60, contentW - 411}, net);
    }

    d.heading(tx::phaseHeading, 2);
    d.text(tx::phaseIntro(s), note);
    if (s.phasePictureAvailable)
        for (const auto& g : s.phasePicture.phases) {
            if (!s.phasePicture.hasPlacement && g.phase != Phase::During) continue;
            d.heading(tx::phaseSubheading(s, g), 3);
            if (g.from) {
                std::vector<std::vector<std::string>> grid;
                for (Track t : tx::phaseTracks) {
                    std::vector<std::string> row{std::string(enumDisplay(t))};
                    for (Use u : tx::phaseUses)
                        row.push_back(phaseCellText(g.at(t, u)));
                    grid.push_back(std::move(row));
                }
                const double uw = (contentW - 105) / 3;
                d.table({"Track", "Consistency", "Collaboration", "Safety"}, {105, uw, uw, uw}, grid, true);
            }
            for (const auto& f : g.findings)
                d.bullet(f);
        }

    d.heading("Gaps and silences", 2);
    if (!s.insightAvailable)
        d.text(tx::gapsUnavailable(), note);
    else if (s.gaps.empty())
        d.text("No gaps or silences were found in the period.");
    for (const auto& g : s.gaps) {
        d.bullet("<b>" + markupEscape(tx::gapTitle(g)) + "</b>: " + markupEscape(g.explanation), Style{},
                 true);
        for (const auto& e : g.evidence)
            d.text(e, Style{8.5, false, false, muted}, 28, 2);
    }

    d.heading("In the young person's own words", 2);
    if (s.voice.empty())
        d.text("No words of the young person were recorded in the period.");
    else
        d.text("Recorded as said, most recent first.", note);
    for (const auto& v : s.voice) {
        d.ensure(64); // the date line stays with the start of the quote
        d.text("<b>" + markupEscape(v.date.display()) + "</b>  " + markupEscape(v.context),
               Style{9, false, false, muted}, 0, 2, true);
        auto l = d.layout(v.words, Style{10, false, false, ink}, contentW - 24);
        d.flow(
            l, marginL + 14, ink, 5, 5,
            [](cairo_t* cr, double x, double y, double h, bool) {
                setColour(cr, voiceBg);
                cairo_rectangle(cr, x - 14, y, contentW, h);
                cairo_fill(cr);
                setColour(cr, voiceBar);
                cairo_rectangle(cr, x - 14, y, 3.5, h);
                cairo_fill(cr);
            },
            "BlockQuote");
        if (v.origin.elsewhere) {
            const std::string by = tx::originLine(s, v.origin) + ".";
            d.text("The young person's own words. " +
                       (tx::originUnverified(s, v.origin) ? alertMarkup(by) : markupEscape(by)),
                   Style{7.5, false, true, muted}, 14, 9, true);
        } else {
            d.text("The young person's own words", Style{7.5, false, true, muted}, 14, 9);
        }
    }

    d.heading("Safety plan", 2);
    const auto& sp = s.safetyPlan;
    if (!sp.present) {
        d.text(tx::safetyPlanUnavailable(), note);
    } else {
        d.text("Version " + std::to_string(sp.version) + ", written " + tx::optDate(sp.writtenOn) +
               "; review due " + tx::optDate(sp.reviewDue) + (sp.reviewOverdue ? " (overdue)" : "") +
               ". The young person " +
               (sp.youngPersonHelpedWrite ? "helped write it" : "did not help write it") + " and " +
               (sp.youngPersonAgrees ? "agrees with it." : "does not agree with it."));
        for (const auto& [label, items] : tx::safetyPlanLists(sp)) {
            if (items->empty()) continue;
            d.heading(label, 3);
            for (const auto& i : *items)
                d.bullet(i);
        }
    }

    d.heading("Missing episodes and concerns", 2);
    if (s.missing.empty()) d.text("No missing episodes in the period.");
    for (const auto& m : s.missing) {
        d.bullet(tx::missingLine(m) + ". " + tx::interviewLine(m) + "." +
                 (m.notes.empty() ? "" : " " + m.notes));
        originNote(d, s, m.origin);
    }
    d.heading("Concerns recorded on contacts", 3);
    if (s.concerns.empty()) d.text("No concerns were recorded on contacts in the period.");
    for (const auto& c : s.concerns) {
        d.bullet("<b>" + markupEscape(c.date.display()) + "</b>, " + markupEscape(c.context) +
                     (c.flags.empty() ? "" : " (" + markupEscape(tx::concernFlags(c.flags)) + ")") + ": " +
                     markupEscape(c.text.empty() ? "no detail written" : c.text),
                 Style{}, true);
        originNote(d, s, c.origin);
    }

    d.heading("Open actions", 2);
    if (s.openActions.empty()) {
        d.text("No open actions.");
    } else {
        std::vector<std::vector<std::string>> acts;
        for (const auto& a : s.openActions)
            acts.push_back({a.description, a.owner.empty() ? "Not recorded" : a.owner, tx::actionDue(a)});
        d.table({"Action", "Who", "Due"}, {contentW - 250, 110, 140}, acts);
    }

    d.heading("Ending the relocation", 2);
    d.bullet("<b>Plan:</b> " + markupEscape(tx::endingDirection(s.ending)) + ".", Style{}, true);
    if (s.ending.plannedEnd) {
        std::string l = std::string("Placement ") + (s.placement.actualEnd ? "ended " : "planned to end ") +
                        s.ending.plannedEnd->display();
        if (s.ending.daysToPlannedEnd && *s.ending.daysToPlannedEnd > 0)
            l += " (" + daysText(*s.ending.daysToPlannedEnd) + " after this summary)";
        d.bullet(l + ".");
    }
    for (const auto& l : s.ending.lines)
        d.bullet(l);
}

} // namespace

Result<std::string> renderPdf(const RedactedSummary& r) {
    const auto& s = r.model();
    std::string out;
    cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(appendBytes, &out, pageW, pageH);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(surface);
        return makeError(ErrorCode::Internal, "Could not start the PDF.");
    }
    // Fixed metadata from the model: the same summary gives the same bytes.
    const std::string stamp = s.preparedOn.iso() + "T00:00:00Z";
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, stamp.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, stamp.c_str());
    const std::string title = "Handover summary (OFFICIAL-SENSITIVE)";
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Throughline");
    cairo_t* cr = cairo_create(surface);
    std::vector<std::string> alts;
    std::vector<PdfTextSpan> spans;
    {
        PdfDoc doc(cr);
        layoutSummary(doc, r);
        doc.finish();
        alts = doc.figureAlts();
        const std::size_t n = doc.pageCount();
        auto marking = doc.layout(std::string(tx::marking), Style{8.5, true, false, ink}, -1);
        auto who = doc.layout(tx::personLine(s) + "  \u00B7  " + s.period.from.display() + " to " +
                                  s.period.to.display(),
                              Style{7.5, false, false, muted}, -1);
        for (std::size_t i = 0; i < n; ++i) {
            for (const auto& op : doc.pages()[i]) {
                cairo_save(cr);
                cairo_new_path(cr); // pango leaves a current point; never join it to the next shape
                op(cr);
                cairo_restore(cr);
            }
            int w = 0, h = 0;
            pango_layout_get_pixel_size(marking.get(), &w, &h);
            setColour(cr, ink);
            cairo_move_to(cr, (pageW - w) / 2, 26);
            pango_cairo_show_layout(cr, marking.get());
            cairo_move_to(cr, (pageW - w) / 2, pageH - 30);
            pango_cairo_show_layout(cr, marking.get());
            setColour(cr, rule);
            cairo_set_line_width(cr, 0.8);
            cairo_move_to(cr, marginL, 44);
            cairo_line_to(cr, pageW - marginR, 44);
            cairo_move_to(cr, marginL, pageH - 40);
            cairo_line_to(cr, pageW - marginR, pageH - 40);
            cairo_stroke(cr);
            if (i > 0) {
                setColour(cr, muted);
                cairo_move_to(cr, marginL, 50);
                pango_cairo_show_layout(cr, who.get());
            }
            auto page = doc.layout("Page " + std::to_string(i + 1) + " of " + std::to_string(n),
                                   Style{8, false, false, muted}, -1);
            pango_layout_get_pixel_size(page.get(), &w, &h);
            setColour(cr, muted);
            cairo_move_to(cr, pageW - marginR - w, pageH - 30);
            pango_cairo_show_layout(cr, page.get());
            cairo_show_page(cr);
        }
        spans = doc.emojiSpans();
    }
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    const auto status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (status != CAIRO_STATUS_SUCCESS)
        return makeError(ErrorCode::Internal,
                         std::string("Could not write the PDF: ") + cairo_status_to_string(status));
    // What cairo cannot write: language, title display, the Document root, figures' /Alt, artifacts, and the
    // text of the colour emoji.
    PdfAccessibility a;
    a.title = title;
    a.date = stamp;
    a.figureAlts = std::move(alts);
    a.spans = std::move(spans);
    return finishTaggedPdf(out, a);
}

} // namespace throughline::core
