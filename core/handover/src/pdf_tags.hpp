#pragma once
// The accessibility post-processing of the summary PDF: what cairo 1.16 cannot write into a tagged PDF.
#include "throughline/base/result.hpp"

#include <string>
#include <vector>

namespace throughline::core {

/// What the tagged PDF needs beyond cairo's structure tree.
struct PdfAccessibility {
    std::string lang = "en-GB"; ///< the catalog's /Lang
    std::string title;          ///< document title (Info and XMP dc:title), shown by viewers
    std::string date;           ///< ISO 8601 creation date for the XMP metadata ("2026-01-15T00:00:00Z")
    std::vector<std::string> figureAlts; ///< /Alt of each Figure element, in document order
};

/// Takes cairo's tagged PDF and adds, with libqpdf: /Lang, /ViewerPreferences /DisplayDocTitle, the title in
/// the document information and XMP metadata, one Document element at the root of the structure tree, /Alt on
/// every Figure, /Scope on table headers, /Tabs /S on pages, and every piece of page content outside a
/// structure element (running header and footer, page numbers, rules and backgrounds) marked as an artifact.
/// Deterministic: the same input gives the same bytes (the file identifier is derived from the content).
Result<std::string> finishTaggedPdf(const std::string& pdf, const PdfAccessibility& a);

} // namespace throughline::core
