// subject-access.pdf: the same content as the JSON, laid out to be read by the young person or their
// representative. A4, cairo + pango, one flowing column broken line by line across pages. Its own simple
// layout: the handover summary's PDF is a different document with a different reader.
#include "model.hpp"

#include "throughline/base/enum_table.hpp"
#include "throughline/base/time.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <cstdio>
#include <pango/pangocairo.h>

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

    /// A paragraph: wrapped to the column, broken across pages between lines.
    void text(const std::string& s, double size = 10, bool bold = false, double indent = 0,
              double after = 4) {
        PangoLayout* layout = pango_cairo_create_layout(m_cr);
        PangoFontDescription* font = pango_font_description_from_string("DejaVu Sans");
        pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
        pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
        pango_layout_set_font_description(layout, font);
        pango_font_description_free(font);
        pango_layout_set_width(layout, static_cast<int>((kPageW - 2 * kMargin - indent) * PANGO_SCALE));
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
        pango_layout_set_text(layout, s.c_str(), static_cast<int>(s.size()));
        PangoLayoutIter* it = pango_layout_get_iter(layout);
        do {
            PangoRectangle logical;
            pango_layout_iter_get_line_extents(it, nullptr, &logical);
            const double h = static_cast<double>(logical.height) / PANGO_SCALE;
            const double baseline =
                static_cast<double>(pango_layout_iter_get_baseline(it) - logical.y) / PANGO_SCALE;
            if (m_y + h > kPageH - kMargin - kFooter) newPage();
            cairo_move_to(m_cr, kMargin + indent, m_y + baseline);
            pango_cairo_show_layout_line(m_cr, pango_layout_iter_get_line_readonly(it));
            m_y += h;
        } while (pango_layout_iter_next_line(it));
        pango_layout_iter_free(it);
        g_object_unref(layout);
        m_y += after;
    }
    void heading(const std::string& s, double size = 14) {
        if (m_y + 3 * size > kPageH - kMargin - kFooter) newPage();
        m_y += size * 0.6;
        text(s, size, true, 0, size * 0.4);
    }
    void gap(double h) { m_y += h; }

    Result<std::string> finish() {
        footer();
        cairo_surface_finish(m_surface);
        const auto status = cairo_surface_status(m_surface);
        if (status != CAIRO_STATUS_SUCCESS)
            return makeError(ErrorCode::Internal,
                             std::string("The PDF could not be drawn: ") + cairo_status_to_string(status));
        return std::string();
    }

  private:
    void footer() {
        const double y = m_y;
        m_y = kPageH - kMargin + 6;
        const std::string f = "Subject access copy: everything held · page " + std::to_string(m_page);
        PangoLayout* layout = pango_cairo_create_layout(m_cr);
        PangoFontDescription* font = pango_font_description_from_string("DejaVu Sans 7");
        pango_font_description_set_absolute_size(font, 8 * PANGO_SCALE);
        pango_layout_set_font_description(layout, font);
        pango_font_description_free(font);
        pango_layout_set_text(layout, f.c_str(), -1);
        cairo_move_to(m_cr, kMargin, m_y);
        pango_cairo_show_layout(m_cr, layout);
        g_object_unref(layout);
        m_y = y;
    }
    void newPage() {
        footer();
        cairo_show_page(m_cr);
        ++m_page;
        m_y = kMargin;
    }
    cairo_surface_t* m_surface = nullptr;
    cairo_t* m_cr = nullptr;
    double m_y = 0;
    int m_page = 1;
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
    {
        Writer w(out);
        w.metadata("Everything held about " + m.youngPersonName, isoInstant(m.generatedAt));
        w.text("OFFICIAL-SENSITIVE · subject access copy", 8, true, 0, 8);
        w.text("Everything held about " + m.youngPersonName, 20, true, 0, 8);
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

        w.heading("What this copy leaves out, and why");
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
                w.text("• " + what, 10, false, 8, 1);
                w.text("Legal basis: " + std::string(withholdBasisProvision(x.basis)), 9, false, 20, 1);
                if (!m.reason.empty()) w.text("Reason: " + m.reason, 9, false, 20, 4);
            }
        }
        for (const auto& n : m.notIncluded)
            w.text("Not part of this copy: " + n, 9, false, 0, 2);

        w.heading("Records");
        for (const auto& r : m.records) {
            std::string title = std::string(enumDisplay(r.kind));
            if (const auto what = recordTitle(r); !what.empty()) title += ": " + what;
            if (r.deleted) title += " (deleted)";
            w.heading(title, 12);
            w.text("Record " + r.id + ". Created " + when(r.createdAt) + " by " + r.author +
                       "; last changed " + when(r.updatedAt) + ".",
                   9, false, 0, 3);
            if (!r.thirdPartyRole.empty())
                w.text("This person's identity is withheld; they are shown as their role (" +
                           r.thirdPartyRole + ").",
                       9, false, 0, 3);
            for (const auto& [n, v] : r.fields)
                if (!v.empty()) w.text(fieldLabel(n) + ": " + displayValue(r.kind, n, v), 10, false, 8, 1);
            w.gap(3);
            if (!r.history.empty()) {
                w.text("History (" + std::to_string(r.history.size()) + " changes, oldest first)", 10, true,
                       0, 2);
                for (const auto& h : r.history) {
                    const std::string value =
                        h.field == "_deleted" ? std::string("record deleted")
                                              : (h.value.empty() ? std::string("(emptied)")
                                                                 : displayValue(r.kind, h.field, h.value));
                    w.text(when(h.at) + ", " + h.author + ": " + fieldLabel(h.field) + " → " + value, 9,
                           false, 8, 1);
                }
            }
        }

        w.heading("Audit trail entries about these records");
        if (m.audit.empty()) w.text("None.", 10);
        for (const auto& a : m.audit)
            w.text(when(a.at) + ", " + a.author + ": " + a.kindLabel + ". " + a.detail, 9, false, 8, 2);

        w.heading("Files received about the young person");
        if (m.attachments.empty()) w.text("The vault holds no attachments about this young person.", 10);
        for (const auto& a : m.attachments)
            w.text(a.name + " from " + a.sender + ", received " + when(a.receivedAt) +
                       (a.file.empty() ? ". Not included: " + a.notIncludedBecause
                                       : ". Included as " + a.file + "."),
                   10, false, 8, 2);
        auto done = w.finish();
        if (!done) return done.error();
    }
    return out;
}

} // namespace throughline::core::sar
