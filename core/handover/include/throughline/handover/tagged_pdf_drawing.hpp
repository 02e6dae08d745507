#pragma once
// Drawing a tagged PDF with cairo 1.16 and pango: the structure tags open while drawing, and colour emoji
// drawn as Span elements whose text the post-processing step (pdf_tags.hpp, finishTaggedPdf) writes as
// /ActualText. Shared by the handover summary's PDF and the subject access PDF (core/subject_access); each
// lays out its own pages and opens its own elements, and both go through one of these.
//
// Why: cairo 1.16 paints a colour glyph (Noto Color Emoji) as an image with no text behind it, so text
// extraction and assistive technology would find nothing where the young person wrote 🙏. Each colour emoji
// cluster of a prepared layout is therefore taken out of it (one U+FFFC with a shape of the same size in its
// place) and drawn by the shape renderer as its own Span element: the element it interrupts is closed, a
// Span opened round the picture, and the element opened again (cairo 1.16 marks only the content of leaf
// elements). finishTaggedPdf joins the element back together round its Spans. The picture is not cairo's
// 72-dpi image of the glyph but the glyphs drawn four times as fine, painted at the same place and size.
#include "throughline/handover/pdf_tags.hpp"

#include <memory>
#include <string>
#include <vector>

// cairo's and pango's types, declared as their headers do, so that this header needs neither.
typedef struct _cairo cairo_t;
typedef struct _PangoLayout PangoLayout;

namespace throughline::core {

/// One for each PDF being drawn; it must outlive the drawing of every layout it prepared (their shape
/// renderer calls back into it).
class TaggedPdfDrawing {
  public:
    TaggedPdfDrawing();
    ~TaggedPdfDrawing();
    TaggedPdfDrawing(const TaggedPdfDrawing&) = delete;
    TaggedPdfDrawing& operator=(const TaggedPdfDrawing&) = delete;

    /// Makes a layout ready to be drawn into the tagged PDF, after its text, markup and attributes are set:
    /// ligatures off (a ligature glyph is one glyph for two letters, which text extraction and poppler's
    /// structure reader handle worse than plain glyphs), and every colour emoji cluster taken out and drawn
    /// by this object as a Span. `size` is the size of the layout's text in points. Text without colour
    /// glyphs is laid out exactly as before.
    void prepareLayout(PangoLayout* layout, double size);

    /// Opens and closes a structure element (cairo tag name: "P", "H2", "LI", ...). Every structure tag of
    /// the document must go through these while drawing, so that an emoji knows which element it interrupts.
    /// An emoji drawn with no element open (a running header or footer) or straight into a "Figure" (whose
    /// /Alt speaks for it) is drawn but gets no Span.
    void tagBegin(cairo_t* cr, const std::string& name);
    void tagEnd(cairo_t* cr, const std::string& name);

    /// Every emoji drawn as a Span, in the order drawn: PdfAccessibility::spans for finishTaggedPdf.
    const std::vector<PdfTextSpan>& spans() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace throughline::core
