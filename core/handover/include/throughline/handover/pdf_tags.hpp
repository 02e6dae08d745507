#pragma once
// The accessibility post-processing of a tagged PDF drawn with cairo: what cairo 1.16 cannot write. Used by
// the handover summary's PDF and by the subject access PDF (core/subject_access), each drawn with structure
// tags and its colour emoji drawn as Spans (tagged_pdf_drawing.hpp), then finished here.
#include "throughline/base/result.hpp"

#include <string>
#include <vector>

namespace throughline::core {

/// The text of a Span element drawn as a picture (a colour emoji, which cairo 1.16 paints as an image), and
/// where it is drawn: cairo's device space, points from the top left of the page.
struct PdfTextSpan {
    std::string text;    ///< UTF-8, written as the Span's /ActualText
    double x = 0;        ///< where the picture starts
    double baseline = 0; ///< the baseline of the line it is on
    double width = 0;    ///< its advance
    double size = 0;     ///< the size of the text round it
};

/// What the tagged PDF needs beyond cairo's structure tree.
struct PdfAccessibility {
    std::string lang = "en-GB"; ///< the catalog's /Lang
    std::string title;          ///< document title (Info and XMP dc:title), shown by viewers
    std::string date;           ///< ISO 8601 creation date for the XMP metadata ("2026-01-15T00:00:00Z")
    std::vector<std::string> figureAlts; ///< /Alt of each Figure element, in document order
    /// One for each Span element, in document order. The drawing closed the element round each Span and
    /// opened it again after it (cairo 1.16 marks only the content of leaf elements); the two halves are
    /// joined round the Span here.
    std::vector<PdfTextSpan> spans;
};

/// Takes cairo's tagged PDF and adds, with libqpdf: /Lang, /ViewerPreferences /DisplayDocTitle, the title in
/// the document information and XMP metadata, one Document element at the root of the structure tree, /Alt on
/// every Figure, /Scope on table headers, /Tabs /S on pages, and every piece of page content outside a
/// structure element (running header and footer, page numbers, rules and backgrounds) marked as an artifact.
/// Each Span gets its text as /ActualText, on the element and on its marked content, and an invisible glyph
/// over the picture so that text extraction (poppler reads /ActualText only where a glyph is drawn) puts the
/// text in its place on the line.
/// Deterministic: the same input gives the same bytes (the file identifier is derived from the content).
Result<std::string> finishTaggedPdf(const std::string& pdf, const PdfAccessibility& a);

} // namespace throughline::core
