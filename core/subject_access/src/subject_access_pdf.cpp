// subject-access.pdf: the same content as the JSON, laid out to be read by the young person or their
// representative. A4, cairo + pango, one flowing column broken line by line across pages. Its own simple
// layout: the handover summary's PDF is a different document with a different reader.
//
// A tagged PDF, as the summary's is (docs/accessibility.md), since the young person or their representative
// may read it with a screen reader: the title is the H1, sections H2, records H3, paragraphs P, lists of
// fields, changes, audit entries and files L > LI > LBody > P; the footer and bullets are artifacts. The
// handover module's shared machinery draws the tags and the colour emoji (tagged_pdf_drawing.hpp) and adds
// what cairo cannot write (pdf_tags.hpp: /Lang en-GB, the title shown, the Document root, artifacts, each
// emoji's text).
#include "model.hpp"

#include "throughline/base/enum_table.hpp"
#include "throughline/base/time.hpp"
#include "throughline/handover/pdf_tags.hpp"
#include "throughline/handover/tagged_pdf_drawing.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <cmath>
#include <cstdio>
#include <pango/pangocairo.h>
#include <string>
#include <vector>

namespace throughline::core::sar {

namespace {

constexpr double kPageW = 595.276, kPageH = 841.89; // A4, points
constexpr double kMargin = 56.0, kFooter = 28.0;

cairo_status_t appendBytes(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

std::string when(std::int64_t ms) {
    const std::int64_t dayMs = 86'400'000;
    std::int64_t inDay = ms % dayMs;
    if (inDay < 0) inDay += dayMs;
    const int h = static_cast<int>(inDay / 3'600'000), m = static_cast<int>(inDay / 60'000 % 60);
    char hm[8];
    std::snprintf(hm, sizeof hm, "%02d:%02d", h, m);
    return dateOfInstant(ms).display() + " " + hm + " UTC";
}

// Draws the document line by line, each paragraph into its structure element. Elements are opened lazily,
// just before their first line on a page, and every open element is closed at the bottom of a page and
// opened again before its next line on the next: the footer, drawn between pages with no element open, is
// then unmarked content that finishTaggedPdf makes an artifact (as are the list bullets, drawn before their
// item's elements are opened). cairo 1.16 marks only the content of leaf elements, so text is only ever drawn
// into a P or a heading. A paragraph or list broken by a page is two elements of the same kind, one a page.
class Writer {
  public:
    explicit Writer(std::string& out) {
        m_surface = cairo_pdf_surface_create_for_stream(appendBytes, &out, kPageW, kPageH);
        m_cr = cairo_create(m_surface);
        m_y = kMargin;
    }
    ~Writer() {
        if (m_cr) cairo_destroy(m_cr);
        if (m_surface) cairo_surface_destroy(m_surface);
    }
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;

    void metadata(const std::string& title, const std::string& stamp) {
        cairo_pdf_surface_set_metadata(m_surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
        cairo_pdf_surface_set_metadata(m_surface, CAIRO_PDF_METADATA_CREATOR, "Throughline");
        cairo_pdf_surface_set_metadata(m_surface, CAIRO_PDF_METADATA_CREATE_DATE, stamp.c_str());
    }

    /// A paragraph (P): wrapped to the column, broken across pages between lines.
    void text(const std::string& s, double size = 10, bool bold = false, double indent = 0,
              double after = 4) {
        closeList();
        block("P", s, size, bold, indent, after, false);
    }
    /// The document's title: the one H1.
    void title(const std::string& s) {
        closeList();
        block("H1", s, 20, true, 0, 8, false);
    }
    /// A section (level 2) or a record within one (level 3), kept with what follows it.
    void heading(const std::string& s, int level, double size) {
        closeList();
        if (m_y + 3 * size > kPageH - kMargin - kFooter) newPage();
        m_y += size * 0.6;
        block("H" + std::to_string(level), s, size, true, 0, size * 0.4, false);
    }
    /// A list item (L > LI > LBody > P); consecutive items are one list, ended by text(), title() or
    /// heading(). With `bullet`, a bullet is drawn before it (an artifact: the list says it is a list).
    void item(const std::string& s, double size, double indent, double after, bool bullet = false) {
        if (m_inItem) {
            end(); // LBody
            end(); // LI
        }
        if (!m_inList) begin("L");
        begin("LI");
        begin("LBody");
        m_inList = m_inItem = true;
        block("P", s, size, false, indent, after, bullet);
    }
    /// A further paragraph of the list item just written (its legal basis, the reason).
    void itemText(const std::string& s, double size, double indent, double after) {
        block("P", s, size, false, indent, after, false);
    }
    void gap(double h) { m_y += h; }

    /// Ends the drawing; the bytes are in the string given to the constructor.
    Status finish() {
        closeList();
        while (!m_tags.empty())
            end();
        footer();
        cairo_surface_finish(m_surface);
        const auto status = cairo_surface_status(m_surface);
        if (status != CAIRO_STATUS_SUCCESS)
            return makeError(ErrorCode::Internal,
                             std::string("The PDF could not be drawn: ") + cairo_status_to_string(status));
        return {};
    }
    /// Every colour emoji drawn as a Span, for finishTaggedPdf.
    const std::vector<PdfTextSpan>& spans() const { return m_drawing.spans(); }

  private:
    struct OpenTag {
        std::string name;
        bool emitted = false; // written on the current page
    };
    void begin(std::string name) { m_tags.push_back({std::move(name), false}); }
    void end() {
        const OpenTag t = m_tags.back();
        m_tags.pop_back();
        if (t.emitted) m_drawing.tagEnd(m_cr, t.name);
    }
    // Writes the open elements not yet written on this page, outermost first: just before content.
    void emit() {
        for (auto& t : m_tags)
            if (!t.emitted) {
                m_drawing.tagBegin(m_cr, t.name);
                t.emitted = true;
            }
    }
    void closeList() {
        if (m_inItem) {
            end(); // LBody
            end(); // LI
            m_inItem = false;
        }
        if (m_inList) {
            end(); // L
            m_inList = false;
        }
    }

    PangoLayout* layout(const std::string& s, double size, bool bold, double width) {
        PangoLayout* layout = pango_cairo_create_layout(m_cr);
        PangoFontDescription* font = pango_font_description_from_string("DejaVu Sans");
        pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
        pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
        pango_layout_set_font_description(layout, font);
        pango_font_description_free(font);
        if (width > 0) pango_layout_set_width(layout, static_cast<int>(width * PANGO_SCALE));
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
        pango_layout_set_text(layout, s.c_str(), static_cast<int>(s.size()));
        m_drawing.prepareLayout(layout, size); // no ligatures; colour emoji as Spans with their text
        return layout;
    }

    // One paragraph into element `tag`, line by line.
    void block(const std::string& tag, const std::string& s, double size, bool bold, double indent,
               double after, bool bullet) {
        begin(tag);
        const double textIndent = indent + (bullet ? kBullet : 0);
        PangoLayout* l = layout(s, size, bold, kPageW - 2 * kMargin - textIndent);
        PangoLayoutIter* it = pango_layout_get_iter(l);
        bool first = true;
        do {
            PangoRectangle logical;
            pango_layout_iter_get_line_extents(it, nullptr, &logical);
            const double h = static_cast<double>(logical.height) / PANGO_SCALE;
            const double baseline =
                static_cast<double>(pango_layout_iter_get_baseline(it) - logical.y) / PANGO_SCALE;
            if (m_y + h > kPageH - kMargin - kFooter) newPage();
            if (first && bullet) { // a dot, before the item's elements are written: an artifact, not text
                cairo_new_path(m_cr);
                cairo_arc(m_cr, kMargin + indent + 2.5, m_y + baseline - size * 0.32, size * 0.18, 0,
                          2 * M_PI);
                cairo_fill(m_cr);
            }
            first = false;
            emit();
            cairo_move_to(m_cr, kMargin + textIndent, m_y + baseline);
            pango_cairo_show_layout_line(m_cr, pango_layout_iter_get_line_readonly(it));
            m_y += h;
        } while (pango_layout_iter_next_line(it));
        pango_layout_iter_free(it);
        g_object_unref(l);
        end();
        m_y += after;
    }

    // The footer, drawn with no element open: an artifact.
    void footer() {
        const std::string f = "Subject access copy: everything held \u00B7 page " + std::to_string(m_page);
        PangoLayout* l = layout(f, 8, false, -1);
        cairo_move_to(m_cr, kMargin, kPageH - kMargin + 6);
        pango_cairo_show_layout(m_cr, l);
        g_object_unref(l);
    }
    void newPage() {
        // Close the open elements on this page, innermost first; they open again before their next line.
        for (auto t = m_tags.rbegin(); t != m_tags.rend(); ++t)
            if (t->emitted) {
                m_drawing.tagEnd(m_cr, t->name);
                t->emitted = false;
            }
        footer();
        cairo_show_page(m_cr);
        ++m_page;
        m_y = kMargin;
    }

    static constexpr double kBullet = 10; // from a bullet to its item's text

    TaggedPdfDrawing m_drawing; // outlives the layouts it prepared: each is freed once drawn
    cairo_surface_t* m_surface = nullptr;
    cairo_t* m_cr = nullptr;
    double m_y = 0;
    int m_page = 1;
    std::vector<OpenTag> m_tags;
    bool m_inList = false, m_inItem = false;
};

template <class E> std::string shown(const std::string& key) {
    const auto v = enumFromKey<E>(key);
    return v ? std::string(enumDisplay(*v)) : key;
}
template <class E> std::string shownFlags(const std::string& keys) {
    std::string out;
    std::size_t start = 0;
    while (start < keys.size()) {
        auto end = keys.find(',', start);
        if (end == std::string::npos) end = keys.size();
        if (!out.empty()) out += ", ";
        out += shown<E>(keys.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

// An enum or flag value as people read it ("county_lines" -> its label); the JSON keeps the keys.
std::string displayValue(RecordKind kind, std::string_view field, const std::string& v) {
    if (v.empty()) return v;
    switch (kind) {
    case RecordKind::Placement:
        if (field == "type") return shown<PlacementType>(v);
        if (field == "ending_plan") return shown<EndingPlan>(v);
        if (field == "reasons") return shownFlags<Harm>(v);
        break;
    case RecordKind::NetworkMember:
        if (field == "track") return shown<Track>(v);
        if (field == "role") return shown<Role>(v);
        if (field == "place") return shown<Place>(v);
        if (field == "worker_view" || field == "young_person_view") return shown<View>(v);
        if (field == "arrangement") return shown<Arrangement>(v);
        break;
    case RecordKind::Contact:
        if (field == "kind") return shown<ContactKind>(v);
        if (field == "status") return shown<ContactStatus>(v);
        if (field == "cancelled_by") return shown<CancelledBy>(v);
        if (field == "place") return shown<Place>(v);
        if (field == "rating") return shown<Rating>(v);
        if (field == "uses") return shownFlags<Use>(v);
        if (field == "concern_flags") return shownFlags<Concern>(v);
        break;
    case RecordKind::MissingEpisode:
        if (field == "kind") return shown<MissingKind>(v);
        break;
    default:
        break;
    }
    return v;
}

std::string valueOf(const RecordEntry& r, std::string_view field) {
    for (const auto& [n, v] : r.fields)
        if (n == field) return v;
    return {};
}

// A few words that say which record this is, beside its id.
std::string recordTitle(const RecordEntry& r) {
    switch (r.kind) {
    case RecordKind::YoungPerson:
    case RecordKind::NetworkMember:
        return valueOf(r, "name");
    case RecordKind::Placement:
        return "from " + valueOf(r, "start");
    case RecordKind::Contact:
        return valueOf(r, "date");
    case RecordKind::Action:
        return valueOf(r, "description");
    case RecordKind::MissingEpisode:
        return "";
    case RecordKind::SafetyPlan:
        return "version " + valueOf(r, "version");
    }
    return {};
}

} // namespace

Result<std::string> renderPdf(const Model& m) {
    std::string out;
    const std::string title = "Everything held about " + m.youngPersonName;
    const std::string stamp = isoInstant(m.generatedAt);
    std::vector<PdfTextSpan> spans;
    {
        Writer w(out);
        w.metadata(title, stamp);
        w.text("OFFICIAL-SENSITIVE · subject access copy", 8, true, 0, 8);
        w.title(title);
        std::string prepared =
            "Made on " + when(m.generatedAt) + " for " + m.recipient + " by " + m.preparedBy;
        if (!m.preparedRole.empty()) prepared += ", " + m.preparedRole;
        if (!m.preparedOrganisation.empty()) prepared += ", " + m.preparedOrganisation;
        w.text(prepared + ".", 10, false, 0, 4);
        w.text("This is a copy of every record this Throughline vault holds about " + m.youngPersonName +
                   ", with every change ever made to each record (who made it and when), and the audit trail "
                   "entries about them. The same content is in subject-access.json (schema " +
                   std::string(kSubjectAccessSchema) + ").",
               10, false, 0, 6);

        w.heading("What this copy leaves out, and why", 2, 14);
        w.text(
            m.locationIncluded
                ? "The placement address, carer or home name and provider are included as recorded."
                : "The placement address, carer or home name and provider are left out of this copy and "
                  "shown as [placement detail withheld], to keep the young person safe if this copy is lost. "
                  "They are the young person's own information and can be provided on request.",
            10);
        if (m.withheld.empty())
            w.text("Nothing else has been withheld.", 10, true);
        else {
            w.text("The worker who made this copy chose to withhold the following. Each has its legal basis; "
                   "the worker decides, and Throughline records the decision.",
                   10);
            for (const auto& x : m.withheld) {
                std::string what;
                if (x.scope == "third_party")
                    what = "The names and details of family members, friends and other people in the network "
                           "(not professionals), each replaced by their role.";
                else if (x.scope == "third_party_member")
                    what = "The name and details of one person in the network (" + x.recordId +
                           "), replaced by their role: " + x.role + ".";
                else
                    what = "One whole record (" + x.kind + " " + x.recordId + ") with its history.";
                w.item(what, 10, 8, 1, true);
                w.itemText("Legal basis: " + std::string(withholdBasisProvision(x.basis)), 9, 20, 1);
                if (!m.reason.empty()) w.itemText("Reason: " + m.reason, 9, 20, 4);
            }
        }
        for (const auto& n : m.notIncluded)
            w.text("Not part of this copy: " + n, 9, false, 0, 2);

        w.heading("Records", 2, 14);
        for (const auto& r : m.records) {
            std::string heading = std::string(enumDisplay(r.kind));
            if (const auto what = recordTitle(r); !what.empty()) heading += ": " + what;
            if (r.deleted) heading += " (deleted)";
            w.heading(heading, 3, 12);
            w.text("Record " + r.id + ". Created " + when(r.createdAt) + " by " + r.author +
                       "; last changed " + when(r.updatedAt) + ".",
                   9, false, 0, 3);
            if (!r.thirdPartyRole.empty())
                w.text("This person's identity is withheld; they are shown as their role (" +
                           r.thirdPartyRole + ").",
                       9, false, 0, 3);
            for (const auto& [n, v] : r.fields)
                if (!v.empty()) w.item(fieldLabel(n) + ": " + displayValue(r.kind, n, v), 10, 8, 1);
            w.gap(3);
            if (!r.history.empty()) {
                w.text("History (" + std::to_string(r.history.size()) + " changes, oldest first)", 10, true,
                       0, 2);
                for (const auto& h : r.history) {
                    const std::string value =
                        h.field == "_deleted" ? std::string("record deleted")
                                              : (h.value.empty() ? std::string("(emptied)")
                                                                 : displayValue(r.kind, h.field, h.value));
                    w.item(when(h.at) + ", " + h.author + ": " + fieldLabel(h.field) + " → " + value, 9, 8,
                           1);
                }
            }
        }

        w.heading("Audit trail entries about these records", 2, 14);
        if (m.audit.empty()) w.text("None.", 10);
        for (const auto& a : m.audit)
            w.item(when(a.at) + ", " + a.author + ": " + a.kindLabel + ". " + a.detail, 9, 8, 2);

        w.heading("Files received about the young person", 2, 14);
        if (m.attachments.empty()) w.text("The vault holds no attachments about this young person.", 10);
        for (const auto& a : m.attachments)
            w.item(a.name + " from " + a.sender + ", received " + when(a.receivedAt) +
                       (a.file.empty() ? ". Not included: " + a.notIncludedBecause
                                       : ". Included as " + a.file + "."),
                   10, 8, 2);
        auto done = w.finish();
        if (!done) return done.error();
        spans = w.spans();
    }
    // What cairo cannot write: the language, the title shown, the Document root, artifacts, emoji text.
    PdfAccessibility a;
    a.title = title;
    a.date = stamp;
    a.spans = std::move(spans);
    return finishTaggedPdf(out, a);
}

} // namespace throughline::core::sar
