// Accessibility post-processing of a tagged PDF with libqpdf (see throughline/handover/pdf_tags.hpp). Works
// on the bytes in memory; the export writes the result with atomicWriteFile (temporary file, then rename).
#include "throughline/handover/pdf_tags.hpp"

#include <qpdf/Pl_String.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFNumberTreeObjectHelper.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFTokenizer.hh>
#include <qpdf/QPDFWriter.hh>
#include <qpdf/QUtil.hh>

#include <array>
#include <charconv>
#include <cmath>
#include <exception>
#include <map>
#include <set>

namespace throughline::core {

namespace {

using QOH = QPDFObjectHandle;

// Wraps every run of page content that is outside any marked-content sequence in /Artifact BMC … EMC.
// cairo marks everything drawn inside a structure tag; the PDFs draw their running header and footer,
// page numbers, rules and backgrounds outside tags, so what is left unmarked is exactly what a screen reader
// should skip. Marked-content operators go only where cairo already put one (between graphics objects) or at
// the start and end of the stream, so paths and text objects are never split.
class ArtifactFilter : public QOH::TokenFilter {
  public:
    void handleToken(QPDFTokenizer::Token const& t) override {
        if (t.getType() != QPDFTokenizer::tt_word) { // operands, white space, comments: wait for the operator
            m_pending.push_back(t);
            return;
        }
        const std::string& op = t.getValue();
        if (!m_held.empty()) {
            // An empty /Span with /ActualText (cairo's mark for the space pango drops at a line break) is
            // left out: it holds no glyph, and poppler's structure reader loses the rest of the element after
            // a nested sequence without an MCID. Readers see the line break instead.
            if (op == "EMC") {
                m_held.clear();
                m_pending.clear();
                return;
            }
            auto held = std::move(m_held);
            m_held.clear();
            auto pending = std::move(m_pending);
            m_pending.clear();
            for (const auto& h : held)
                writeToken(h);
            ++m_depth;
            m_pending = std::move(pending);
        }
        if (op == "BDC" && m_depth > 0 && isEmptySpanCandidate()) {
            m_held = std::move(m_pending);
            m_pending.clear();
            m_held.push_back(t);
            return;
        }
        if (op == "BDC" || op == "BMC") {
            if (m_depth == 0 && m_artifact) {
                write("\nEMC\n");
                m_artifact = false;
            }
            flush(t);
            ++m_depth;
        } else if (op == "EMC") {
            flush(t);
            if (m_depth > 0) --m_depth;
        } else {
            if (m_depth == 0 && !m_artifact) {
                write("\n/Artifact BMC\n");
                m_artifact = true;
            }
            flush(t);
        }
    }
    void handleEOF() override {
        for (const auto& h : m_held)
            writeToken(h);
        if (!m_held.empty()) ++m_depth;
        m_held.clear();
        for (const auto& p : m_pending)
            writeToken(p);
        m_pending.clear();
        if (m_artifact) write("\nEMC\n");
        m_artifact = false;
    }

  private:
    // The pending operands are "/Span << /ActualText … >>".
    bool isEmptySpanCandidate() const {
        bool span = false, actual = false;
        for (const auto& p : m_pending) {
            if (p.getType() != QPDFTokenizer::tt_name) continue;
            if (p.getValue() == "/Span") span = true;
            if (p.getValue() == "/ActualText") actual = true;
        }
        return span && actual;
    }
    void flush(QPDFTokenizer::Token const& op) {
        for (const auto& p : m_pending)
            writeToken(p);
        m_pending.clear();
        writeToken(op);
    }
    std::vector<QPDFTokenizer::Token> m_pending, m_held; // held: a /Span BDC that may be empty
    int m_depth = 0;
    bool m_artifact = false;
};

bool isStructElem(QOH h) {
    if (!h.isDictionary() || !h.getKey("/S").isName()) return false;
    auto type = h.getKey("/Type");
    return !type.isName() || type.getName() == "/StructElem";
}

std::vector<QOH> kidsOf(QOH e) {
    std::vector<QOH> out;
    auto k = e.getKey("/K");
    if (k.isArray())
        for (int i = 0; i < k.getArrayNItems(); ++i)
            out.push_back(k.getArrayItem(i));
    else if (!k.isNull())
        out.push_back(k);
    return out;
}

// Depth first, in document order: figures and spans collected, table headers given their scope.
void walk(QOH e, std::vector<QOH>& figures, std::vector<QOH>& spans, std::set<QPDFObjGen>& seen) {
    if (!isStructElem(e)) return;
    if (e.isIndirect() && !seen.insert(e.getObjGen()).second) return;
    const std::string s = e.getKey("/S").getName();
    if (s == "/Figure") figures.push_back(e);
    if (s == "/Span") spans.push_back(e);
    auto kids = kidsOf(e);
    if (s == "/TR") {
        // A row of header cells is a header row (column headers); a header cell in a row with data cells is
        // the row's header.
        bool allHeaders = true;
        for (auto k : kids)
            if (isStructElem(k) && k.getKey("/S").getName() != "/TH") allHeaders = false;
        for (auto k : kids)
            if (isStructElem(k) && k.getKey("/S").getName() == "/TH")
                k.replaceKey("/A", QOH::parse(allHeaders ? "<< /O /Table /Scope /Column >>"
                                                         : "<< /O /Table /Scope /Row >>"));
    }
    for (auto k : kids)
        walk(k, figures, spans, seen);
}

bool sameObject(QOH a, QOH b) {
    return a.isIndirect() && b.isIndirect() && a.getObjGen() == b.getObjGen();
}

// Joins the element that the drawing closed and opened again round a Span: under their parent,
// [… host, Span, rest …] becomes [… host …] with the host's content, the Span, then the rest's content.
// `moved` learns that what was the rest's is now the host's. False, and nothing changed, when the tree is not
// the one the drawing makes.
bool joinRoundSpan(QOH span, std::map<QPDFObjGen, QOH>& moved) {
    auto parent = span.getKey("/P");
    if (!span.isIndirect() || !parent.isDictionary()) return false;
    auto kids = parent.getKey("/K");
    if (!kids.isArray()) return false;
    const int n = kids.getArrayNItems();
    int at = -1;
    for (int i = 0; i < n; ++i)
        if (sameObject(kids.getArrayItem(i), span)) at = i;
    if (at < 1 || at + 1 >= n) return false;
    auto host = kids.getArrayItem(at - 1), rest = kids.getArrayItem(at + 1);
    if (!isStructElem(host) || !isStructElem(rest) || !host.isIndirect() || !rest.isIndirect() ||
        host.getKey("/S").getName() != rest.getKey("/S").getName())
        return false;
    auto hostPage = host.getKey("/Pg");
    const auto restPage = rest.getKey("/Pg");
    if (!hostPage.isIndirect() && restPage.isIndirect()) { // nothing of the host was drawn before the Span
        host.replaceKey("/Pg", restPage);
        hostPage = restPage;
    }
    auto joined = QOH::newArray();
    for (auto k : kidsOf(host))
        joined.appendItem(k);
    joined.appendItem(span);
    for (auto k : kidsOf(rest)) {
        if (k.isInteger() && !sameObject(restPage, hostPage)) {
            auto ref = QOH::parse("<< /Type /MCR >>");
            ref.replaceKey("/Pg", restPage);
            ref.replaceKey("/MCID", k);
            k = ref;
        } else if (isStructElem(k)) {
            k.replaceKey("/P", host);
        }
        joined.appendItem(k);
    }
    host.replaceKey("/K", joined);
    span.replaceKey("/P", host);
    kids.eraseItem(at + 1);
    kids.eraseItem(at);
    moved[rest.getObjGen()] = host;
    return true;
}

// The parent tree maps each page's marked content back to its element: what was the rest's is the host's.
void reparentContent(QPDF& q, QOH tree, const std::map<QPDFObjGen, QOH>& moved) {
    auto parents = tree.getKey("/ParentTree");
    if (moved.empty() || !parents.isDictionary()) return;
    for (auto [key, value] : QPDFNumberTreeObjectHelper(parents, q)) {
        if (!value.isArray()) continue;
        for (int i = 0; i < value.getArrayNItems(); ++i) {
            auto e = value.getArrayItem(i);
            if (!e.isIndirect()) continue;
            if (auto m = moved.find(e.getObjGen()); m != moved.end()) value.setArrayItem(i, m->second);
        }
    }
}

using Matrix = std::array<double, 6>; // a b c d e f, as in cm

Matrix times(const Matrix& m, const Matrix& n) { // m then n
    return {m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3],        m[2] * n[0] + m[3] * n[2],
            m[2] * n[1] + m[3] * n[3], m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5]};
}

Matrix inverse(const Matrix& m) {
    const double det = m[0] * m[3] - m[1] * m[2];
    if (det == 0) return {1, 0, 0, 1, 0, 0};
    return {m[3] / det,
            -m[1] / det,
            -m[2] / det,
            m[0] / det,
            (m[2] * m[5] - m[3] * m[4]) / det,
            (m[1] * m[4] - m[0] * m[5]) / det};
}

double toDouble(const std::string& s) { // whatever the locale
    double v = 0;
    std::from_chars(s.data(), s.data() + s.size(), v);
    return v;
}

// UTF-16BE, with its byte order mark for a PDF text string.
std::string utf16(const std::string& utf8, bool mark) {
    std::string out = QUtil::utf8_to_utf16(utf8);
    const bool marked = out.compare(0, 2, "\xFE\xFF") == 0;
    if (mark && !marked) out.insert(0, "\xFE\xFF");
    if (!mark && marked) out.erase(0, 2);
    return out;
}

std::string number(double v) { // whatever the locale
    char b[40];
    const auto r = std::to_chars(b, b + sizeof b, std::abs(v) < 5e-5 ? 0.0 : v, std::chars_format::fixed, 4);
    return std::string(b, r.ptr);
}

// Where a Span's text is drawn invisibly: a code of one of the invisible fonts.
struct InvisibleGlyph {
    const PdfTextSpan* span = nullptr;
    std::string font; // resource name
    int code = 0;
};

// The /ActualText of a Span's marked content and the invisible glyph under its picture. In each
// marked-content sequence of a Span (found by its MCID) the text is added to the property list, and before
// its EMC a glyph of an invisible font is drawn in text rendering mode 3 over the picture: on the baseline of
// the text round it, as wide as the picture, at the size of that text, so that text extraction puts the text
// on that line.
class SpanTextFilter : public QOH::TokenFilter {
  public:
    SpanTextFilter(std::map<long long, InvisibleGlyph> glyphs, double pageTop)
        : m_glyphs(std::move(glyphs)), m_pageTop(pageTop) {}

    void handleToken(QPDFTokenizer::Token const& t) override {
        if (t.getType() != QPDFTokenizer::tt_word) {
            m_pending.push_back(t);
            return;
        }
        const std::string& op = t.getValue();
        if (op == "BDC") {
            const InvisibleGlyph* glyph = glyphOf();
            m_open.push_back(glyph);
            bool added = false;
            for (const auto& p : m_pending) {
                writeToken(p);
                if (glyph && !added && p.getType() == QPDFTokenizer::tt_dict_open) {
                    write(" /ActualText <" + QUtil::hex_encode(utf16(glyph->span->text, true)) + "> ");
                    added = true;
                }
            }
            m_pending.clear();
            writeToken(t);
            return;
        }
        if (op == "BMC") {
            m_open.push_back(nullptr);
        } else if (op == "EMC") {
            const InvisibleGlyph* glyph = m_open.empty() ? nullptr : m_open.back();
            if (!m_open.empty()) m_open.pop_back();
            if (glyph) write("\n" + draw(*glyph));
        } else if (op == "q") {
            m_ctm.push_back(m_ctm.back());
        } else if (op == "Q") {
            if (m_ctm.size() > 1) m_ctm.pop_back();
        } else if (op == "Tf") {
            for (const auto& p : m_pending)
                if (p.getType() == QPDFTokenizer::tt_name) m_textFont = p.getValue();
        } else if (op == "cm") {
            std::vector<double> v;
            for (const auto& p : m_pending)
                if (p.getType() == QPDFTokenizer::tt_integer || p.getType() == QPDFTokenizer::tt_real)
                    v.push_back(toDouble(p.getValue()));
            if (v.size() == 6) m_ctm.back() = times({v[0], v[1], v[2], v[3], v[4], v[5]}, m_ctm.back());
        }
        for (const auto& p : m_pending)
            writeToken(p);
        m_pending.clear();
        writeToken(t);
    }
    void handleEOF() override {
        for (const auto& p : m_pending)
            writeToken(p);
        m_pending.clear();
    }

  private:
    // The Span whose MCID the pending operands of a BDC name, if any.
    const InvisibleGlyph* glyphOf() const {
        for (std::size_t i = 0; i < m_pending.size(); ++i) {
            if (m_pending[i].getType() != QPDFTokenizer::tt_name || m_pending[i].getValue() != "/MCID")
                continue;
            for (std::size_t j = i + 1; j < m_pending.size(); ++j) {
                if (m_pending[j].getType() == QPDFTokenizer::tt_space) continue;
                if (m_pending[j].getType() != QPDFTokenizer::tt_integer) return nullptr;
                const auto g = m_glyphs.find(QUtil::string_to_ll(m_pending[j].getValue().c_str()));
                return g == m_glyphs.end() ? nullptr : &g->second;
            }
        }
        return nullptr;
    }
    std::string draw(const InvisibleGlyph& g) const {
        // Text space to the page's default space: the glyph (1 unit wide) as wide as the picture, the size
        // of the text round it, on its baseline (cairo's device space is points from the top left).
        const PdfTextSpan& s = *g.span;
        const Matrix wanted{s.width, 0, 0, s.size, s.x, m_pageTop - s.baseline};
        const Matrix& ctm = m_ctm.back();
        std::string m;
        for (double v : times(wanted, inverse(ctm)))
            m += number(v) + " ";
        // poppler's text extraction sizes a glyph of this Type 3 font by the font left in the graphics state
        // after it, not by the glyph's own font and matrix. When the picture needs a clip of its own, cairo
        // restores the state to one without a font, and the glyph would have no height and not join its
        // line. So the text's own font is set in the state round the glyph, at the size of the text round
        // the picture. (cairo sets the font again at the start of every text object, so its text after the
        // Span is not changed.)
        const double scale = std::sqrt(std::abs(ctm[0] * ctm[3] - ctm[1] * ctm[2]));
        const std::string textFont = m_textFont.empty() || scale == 0
                                         ? std::string()
                                         : "BT " + m_textFont + " " + number(s.size / scale) + " Tf ET ";
        return textFont + "q BT " + g.font + " 1 Tf 3 Tr 0 Tc 0 Tw 100 Tz 0 Ts " + m + "Tm <" +
               QUtil::hex_encode(std::string(1, static_cast<char>(g.code))) + "> Tj ET Q\n";
    }

    std::map<long long, InvisibleGlyph> m_glyphs; // by MCID on this page
    double m_pageTop;
    std::vector<QPDFTokenizer::Token> m_pending;
    std::vector<const InvisibleGlyph*> m_open; // the marked content open, innermost last (null: not a Span)
    std::string m_textFont;                    // the font resource of the last text drawn before
    std::vector<Matrix> m_ctm{Matrix{1, 0, 0, 1, 0, 0}};
};

// The invisible glyphs' fonts: Type 3 fonts of empty glyphs, each 1 unit wide in text space, with one code
// for each different text (255 to a font) and a ToUnicode map from the code to that text, so that a reader
// that does not honour /ActualText (poppler's structure reader, for one) reads the emoji too. In the file, so
// nothing outside it is needed. Codes in the order the texts first appear: the same spans, the same bytes.
struct InvisibleFonts {
    std::map<std::string, std::pair<std::size_t, int>> codes; // text: font, code
    std::vector<QOH> fonts;
    static std::string name(std::size_t font) { return "/TLActualText" + std::to_string(font); }
};

InvisibleFonts invisibleFonts(QPDF& q, const std::vector<PdfTextSpan>& spans) {
    InvisibleFonts out;
    std::vector<std::vector<std::string>> texts;
    for (const auto& s : spans) {
        if (out.codes.count(s.text)) continue;
        if (texts.empty() || texts.back().size() == 255) texts.emplace_back();
        texts.back().push_back(s.text);
        out.codes[s.text] = {texts.size() - 1, static_cast<int>(texts.back().size())};
    }
    const QOH empty = QOH::newStream(&q, "1000 0 0 -200 1000 800 d1\n");
    for (const auto& inFont : texts) {
        auto font = q.makeIndirectObject(QOH::parse(
            "<< /Type /Font /Subtype /Type3 /FontBBox [0 -200 1000 800] /FontMatrix [0.001 0 0 0.001 0 0] "
            "/FirstChar 1 /Resources << >> >>"));
        auto widths = QOH::newArray(), differences = QOH::parse("[1]"), procs = QOH::newDictionary();
        std::string map;
        for (std::size_t i = 0; i < inFont.size(); ++i) {
            const std::string glyph = "/e" + std::to_string(i + 1);
            widths.appendItem(QOH::newInteger(1000));
            differences.appendItem(QOH::newName(glyph));
            procs.replaceKey(glyph, empty);
            if (i % 100 == 0)
                map += (i ? "endbfchar\n" : "") +
                       std::to_string(std::min<std::size_t>(100, inFont.size() - i)) + " beginbfchar\n";
            map += "<" + QUtil::hex_encode(std::string(1, static_cast<char>(i + 1))) + "> <" +
                   QUtil::hex_encode(utf16(inFont[i], false)) + ">\n";
        }
        map += "endbfchar\n";
        font.replaceKey("/LastChar", QOH::newInteger(static_cast<long long>(inFont.size())));
        font.replaceKey("/Widths", widths);
        auto encoding = QOH::newDictionary();
        encoding.replaceKey("/Type", QOH::newName("/Encoding"));
        encoding.replaceKey("/Differences", differences);
        font.replaceKey("/Encoding", encoding);
        font.replaceKey("/CharProcs", procs);
        font.replaceKey(
            "/ToUnicode",
            QOH::newStream(&q, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                               "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> "
                               "def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                               "1 begincodespacerange\n<00> <FF>\nendcodespacerange\n" +
                                   map +
                                   "endcmap\nCMapName currentdict /CMap defineresource pop\n"
                                   "end\nend\n"));
        out.fonts.push_back(font);
    }
    return out;
}

std::string xmlEscape(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string xmp(const PdfAccessibility& a) {
    return "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
           "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
           "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
           "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
           "xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n"
           "<dc:format>application/pdf</dc:format>\n"
           "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" +
           xmlEscape(a.title) +
           "</rdf:li></rdf:Alt></dc:title>\n"
           "<dc:language><rdf:Bag><rdf:li>" +
           xmlEscape(a.lang) +
           "</rdf:li></rdf:Bag></dc:language>\n"
           "<xmp:CreatorTool>Throughline</xmp:CreatorTool>\n" +
           (a.date.empty() ? std::string()
                           : "<xmp:CreateDate>" + a.date + "</xmp:CreateDate>\n<xmp:ModifyDate>" + a.date +
                                 "</xmp:ModifyDate>\n") +
           "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>\n";
}

} // namespace

Result<std::string> finishTaggedPdf(const std::string& pdf, const PdfAccessibility& a) {
    try {
        QPDF q;
        q.setSuppressWarnings(true);
        q.processMemoryFile("tagged.pdf", pdf.data(), pdf.size());
        auto root = q.getRoot();
        auto tree = root.getKey("/StructTreeRoot");
        if (!tree.isDictionary())
            return makeError(ErrorCode::Internal, "The PDF has no structure tree to finish.");

        root.replaceKey("/Lang", QOH::newUnicodeString(a.lang));
        auto prefs = root.getKey("/ViewerPreferences");
        if (!prefs.isDictionary()) {
            prefs = QOH::newDictionary();
            root.replaceKey("/ViewerPreferences", prefs);
        }
        prefs.replaceKey("/DisplayDocTitle", QOH::newBool(true));
        root.replaceKey("/MarkInfo", QOH::parse("<< /Marked true >>"));
        auto meta = QOH::newStream(&q, xmp(a));
        meta.getDict().replaceKey("/Type", QOH::newName("/Metadata"));
        meta.getDict().replaceKey("/Subtype", QOH::newName("/XML"));
        root.replaceKey("/Metadata", meta);
        auto trailer = q.getTrailer();
        auto info = trailer.getKey("/Info");
        if (!info.isDictionary()) {
            info = q.makeIndirectObject(QOH::newDictionary());
            trailer.replaceKey("/Info", info);
        }
        info.replaceKey("/Title", QOH::newUnicodeString(a.title));

        // One Document element holds what cairo put at the root. (cairo could open a "Document" tag itself,
        // but it would then have to stay open across pages, and the running header and footer would be
        // drawn inside it instead of being artifacts.)
        auto document = q.makeIndirectObject(QOH::parse("<< /Type /StructElem /S /Document >>"));
        auto kids = QOH::newArray();
        for (auto k : kidsOf(tree)) {
            if (k.isDictionary()) k.replaceKey("/P", document);
            kids.appendItem(k);
        }
        document.replaceKey("/P", tree);
        document.replaceKey("/K", kids);
        tree.replaceKey("/K", QOH::newArray({document}));

        std::vector<QOH> figures, spans;
        std::set<QPDFObjGen> seen;
        walk(document, figures, spans, seen);
        if (figures.size() != a.figureAlts.size())
            return makeError(ErrorCode::Internal, "The PDF's figures do not match their descriptions.");
        for (std::size_t i = 0; i < figures.size(); ++i)
            figures[i].replaceKey("/Alt", QOH::newUnicodeString(a.figureAlts[i]));

        // Spans: their text on the element, their marked content found by page and MCID, and the element
        // they interrupted joined again round them.
        if (spans.size() != a.spans.size())
            return makeError(ErrorCode::Internal, "The PDF's emoji do not match their text.");
        const InvisibleFonts invisible = invisibleFonts(q, a.spans);
        std::map<QPDFObjGen, std::map<long long, InvisibleGlyph>> spansByPage;
        std::map<QPDFObjGen, QOH> moved;
        for (std::size_t i = 0; i < spans.size(); ++i) {
            spans[i].replaceKey("/ActualText", QOH::newUnicodeString(a.spans[i].text));
            for (auto k : kidsOf(spans[i])) {
                auto page = k.isInteger() ? spans[i].getKey("/Pg") : k.getKey("/Pg");
                auto mcid = k.isInteger() ? k : k.getKey("/MCID");
                const auto [font, code] = invisible.codes.at(a.spans[i].text);
                if (page.isIndirect() && mcid.isInteger())
                    spansByPage[page.getObjGen()][mcid.getIntValue()] = {&a.spans[i],
                                                                         InvisibleFonts::name(font), code};
            }
            // Were the tree not as drawn, the two halves would stay two elements, each still read.
            joinRoundSpan(spans[i], moved);
        }
        reparentContent(q, tree, moved);

        for (auto& page : QPDFPageDocumentHelper(q).getAllPages()) {
            std::string content;
            Pl_String sink("artifacts", nullptr, content);
            ArtifactFilter filter;
            page.filterContents(&filter, &sink);
            page.getObjectHandle().replaceKey("/Contents", QOH::newStream(&q, content));
            page.getObjectHandle().replaceKey("/Tabs", QOH::newName("/S"));
            const auto here = spansByPage.find(page.getObjectHandle().getObjGen());
            if (here == spansByPage.end()) continue;
            auto resources = page.getAttribute("/Resources", true);
            if (!resources.isDictionary()) {
                resources = QOH::newDictionary();
                page.getObjectHandle().replaceKey("/Resources", resources);
            }
            auto fonts = resources.getKey("/Font");
            if (!fonts.isDictionary()) {
                fonts = QOH::newDictionary();
                resources.replaceKey("/Font", fonts);
            }
            for (std::size_t i = 0; i < invisible.fonts.size(); ++i)
                fonts.replaceKey(InvisibleFonts::name(i), invisible.fonts[i]);
            auto box = page.getMediaBox();
            const double pageTop =
                box.isArray() && box.getArrayNItems() == 4 ? box.getArrayItem(3).getNumericValue() : 841.89;
            std::string withText;
            Pl_String textSink("actual text", nullptr, withText);
            SpanTextFilter spanFilter(here->second, pageTop);
            page.filterContents(&spanFilter, &textSink);
            page.getObjectHandle().replaceKey("/Contents", QOH::newStream(&q, withText));
        }

        QPDFWriter w(q);
        w.setOutputMemory();
        w.setDeterministicID(true);
        w.setObjectStreamMode(qpdf_o_preserve);
        w.setCompressStreams(true);
        w.write();
        auto buffer = w.getBufferSharedPointer();
        return std::string(reinterpret_cast<const char*>(buffer->getBuffer()), buffer->getSize());
    } catch (const std::exception& e) {
        return makeError(ErrorCode::Internal,
                         std::string("Could not finish the accessible PDF: ") + e.what());
    }
}

} // namespace throughline::core
