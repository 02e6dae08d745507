// Accessibility post-processing of the summary PDF with libqpdf (see pdf_tags.hpp). Works on the bytes in
// memory; the export writes the result with atomicWriteFile (temporary file, then rename).
#include "pdf_tags.hpp"

#include <qpdf/Pl_String.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFTokenizer.hh>
#include <qpdf/QPDFWriter.hh>

#include <exception>
#include <set>

namespace throughline::core {

namespace {

using QOH = QPDFObjectHandle;

// Wraps every run of page content that is outside any marked-content sequence in /Artifact BMC … EMC.
// cairo marks everything drawn inside a structure tag; the summary draws its running header and footer,
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

// Depth first, in document order: figures collected, table headers given their scope.
void walk(QOH e, std::vector<QOH>& figures, std::set<QPDFObjGen>& seen) {
    if (!isStructElem(e)) return;
    if (e.isIndirect() && !seen.insert(e.getObjGen()).second) return;
    const std::string s = e.getKey("/S").getName();
    if (s == "/Figure") figures.push_back(e);
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
        walk(k, figures, seen);
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
        q.processMemoryFile("summary.pdf", pdf.data(), pdf.size());
        auto root = q.getRoot();
        auto tree = root.getKey("/StructTreeRoot");
        if (!tree.isDictionary())
            return makeError(ErrorCode::Internal, "The summary PDF has no structure tree to finish.");

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

        std::vector<QOH> figures;
        std::set<QPDFObjGen> seen;
        walk(document, figures, seen);
        if (figures.size() != a.figureAlts.size())
            return makeError(ErrorCode::Internal,
                             "The summary PDF's figures do not match their descriptions.");
        for (std::size_t i = 0; i < figures.size(); ++i)
            figures[i].replaceKey("/Alt", QOH::newUnicodeString(a.figureAlts[i]));

        for (auto& page : QPDFPageDocumentHelper(q).getAllPages()) {
            std::string content;
            Pl_String sink("artifacts", nullptr, content);
            ArtifactFilter filter;
            page.filterContents(&filter, &sink);
            page.getObjectHandle().replaceKey("/Contents", QOH::newStream(&q, content));
            page.getObjectHandle().replaceKey("/Tabs", QOH::newName("/S"));
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
