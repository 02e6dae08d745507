#pragma once
// Reading a tagged PDF from outside, as assistive technology would, for the tests of the handover summary's
// PDF and the subject access PDF: the lines of text on the pages (pdftotext), the text of the structure
// elements (pdfinfo -struct-text) and the objects (qpdf --json=2). Never through the code that wrote it.
// Failures throw (no doctest here): a missing program gives an empty output and an exception naming it.
#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace throughline::testing {

/// `s` without spaces, tabs and line breaks.
std::string withoutSpace(const std::string& s);
/// How often `part` occurs in `text`, not overlapping.
std::size_t occurrences(const std::string& text, const std::string& part);

/// Every line of text drawn on the pages between `top` and `bottom` (a line's top, points from the top of
/// the page), as poppler finds it (`pdftotext -bbox-layout`), without white space. A line is cut where the
/// gap between two words is wider than half their height, far more than a space: poppler can run the first
/// lines of two narrow table cells together. The bounds leave out a running header and footer.
std::vector<std::string> pdfContentLines(const std::string& pdftotext, const std::string& file, double top,
                                         double bottom);

/// The text that pdfinfo's structure reader (`pdfinfo -struct-text`) finds in the structure elements, in
/// order, without white space.
std::string pdfStructureText(const std::string& pdfinfo, const std::string& file);

/// The lines (from pdfContentLines) that are not in the structure text as often as they are on the pages
/// (a short line can also be part of a longer one): what a screen reader would skip.
std::vector<std::string> linesNotInStructure(const std::vector<std::string>& lines,
                                             const std::string& structure);

/// The content stream of each page, uncompressed (qpdf's QDF mode), in page order; `work` is a scratch file.
std::vector<std::string> pdfPageContents(const std::string& qpdf, const std::string& file,
                                         const std::string& work);

/// qpdf --json=2: objects by reference ("3 0 R"), names "/Name", strings "u:text".
struct PdfJson {
    nlohmann::json objects;
    /// The value of an indirect object (its stream's dictionary for a stream), or the value itself.
    const nlohmann::json& get(const nlohmann::json& refOrValue) const;
    const nlohmann::json& trailer() const { return objects["trailer"]["value"]; }
    const nlohmann::json& catalog() const { return get(trailer()["/Root"]); }
};
/// `qpdf --json=2` of the file.
PdfJson qpdfJson(const std::string& qpdf, const std::string& file);

/// The structure element `e` and every element under it, depth first, in document order.
void structElems(const PdfJson& pdf, const nlohmann::json& e, std::vector<nlohmann::json>& out,
                 int depth = 0);

} // namespace throughline::testing
