// The bundle body (docs/bundle-format.md §3.4): magic, then frames, each a u32 length and one cereal
// portable binary archive. The framing reader bounds each frame's length before its bytes are read; a
// pre-pass over those bytes checks every size cereal will read against its cap and against what the frame
// holds; only then does cereal read the frame, and it must use exactly the frame's bytes.
#include "bundle_body.hpp"

#include "throughline/records/change_log.hpp"
#include "throughline/records/fields.hpp"
#include "throughline/records/records.hpp"

#include <cereal/archives/portable_binary.hpp>
#include <cereal/types/array.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>

#include <istream>
#include <optional>
#include <ostream>
#include <set>
#include <span>
#include <streambuf>

namespace throughline::core::sync::body {

namespace {

constexpr char kBodyMagic[8] = {'T', 'L', 'B', 'O', 'D', 'Y', '0', '4'};
/// The first byte of every frame: cereal's portable binary archive records the byte order it wrote in.
/// Only little-endian frames are accepted, so the format has one byte order.
constexpr std::uint8_t kLittleEndian = 1;
/// The writer closes a frame of changes once it holds about this much (one change is at most ~129 KiB).
constexpr std::size_t kTargetChangesFrame = 256 << 10;

// --- Streams over memory for cereal: the frame is not copied, and the reader learns how much was used.
class VectorSink final : public std::streambuf {
  public:
    explicit VectorSink(std::vector<std::uint8_t>& out) : m_out(out) {}

  protected:
    std::streamsize xsputn(const char* s, std::streamsize n) override {
        const auto* b = reinterpret_cast<const std::uint8_t*>(s);
        m_out.insert(m_out.end(), b, b + n);
        return n;
    }
    int_type overflow(int_type c) override {
        if (!traits_type::eq_int_type(c, traits_type::eof())) m_out.push_back(static_cast<std::uint8_t>(c));
        return traits_type::not_eof(c);
    }

  private:
    std::vector<std::uint8_t>& m_out;
};

class MemorySource final : public std::streambuf {
  public:
    MemorySource(const std::uint8_t* p, std::size_t n) {
        char* b = const_cast<char*>(reinterpret_cast<const char*>(p));
        setg(b, b, b + n);
    }
    std::size_t consumed() const { return static_cast<std::size_t>(gptr() - eback()); }
};

// --- The wire types: what each frame holds, in the order cereal writes and reads it. `T` is const when
// writing. (Wrappers rather than serialize functions on the core types, so that this file alone defines
// the format and no other serialisation of Change can clash with it.)
template <class T> struct HeadWire {
    T& h;
    template <class A> void serialize(A& ar) { ar(h.seq, h.hash, h.signature); }
};
template <class T> HeadWire<T> headWire(T& h) {
    return HeadWire<T>{h};
}

template <class M, class N> struct ManifestWire {
    M& m;
    N& attachmentCount;
    template <class A> void serialize(A& ar) {
        ar(m.senderFingerprint, m.senderDevice, m.senderName, m.senderRole, m.senderOrganisation,
           m.recipients, m.bundleId, m.sequence, m.createdAt, m.schemaVersion, m.flags, m.changeCount,
           m.recordCount, headWire(m.senderAudit), headWire(m.recipientAudit), attachmentCount);
    }
};
template <class M, class N> ManifestWire<M, N> manifestWire(M& m, N& attachmentCount) {
    return ManifestWire<M, N>{m, attachmentCount};
}

template <class T> struct ChangeWire {
    T& c;
    template <class A> void save(A& ar) const {
        ar(c.hlc, c.device, static_cast<std::uint8_t>(c.kind), c.recordId, c.field, c.value, c.author,
           c.base);
    }
    template <class A> void load(A& ar) {
        std::uint8_t kind = 0;
        ar(c.hlc, c.device, kind, c.recordId, c.field, c.value, c.author, c.base);
        c.kind = static_cast<RecordKind>(kind); // checked against the known kinds after reading
    }
};

struct ChangesOut {
    std::span<const Change> changes;
    template <class A> void save(A& ar) const {
        ar(cereal::make_size_tag(static_cast<cereal::size_type>(changes.size())));
        for (const auto& c : changes)
            ar(ChangeWire<const Change>{c});
    }
};
struct ChangesIn {
    std::vector<Change>& changes;
    template <class A> void load(A& ar) {
        cereal::size_type n = 0;
        ar(cereal::make_size_tag(n)); // bounded by the pre-pass (scanChanges)
        changes.resize(static_cast<std::size_t>(n));
        for (auto& c : changes)
            ar(ChangeWire<Change>{c});
    }
};

template <class T> struct AttachmentWire {
    T& a;
    template <class A> void serialize(A& ar) { ar(a.name, a.mediaType, a.youngPersonId, a.bytes); }
};

std::size_t changeBytes(const Change& c) {
    return kMinChangeBytes + c.device.size() + c.recordId.size() + c.field.size() + c.value.size() +
           c.author.size() + c.base.size();
}

template <class W> void putFrame(std::vector<std::uint8_t>& out, W&& wire) {
    const std::size_t at = out.size();
    out.resize(at + 4);
    {
        VectorSink sink(out);
        std::ostream os(&sink);
        cereal::PortableBinaryOutputArchive ar(os,
                                               cereal::PortableBinaryOutputArchive::Options::LittleEndian());
        ar(std::forward<W>(wire));
    }
    const std::size_t n = out.size() - at - 4;
    for (int i = 0; i < 4; ++i)
        out[at + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(n >> (8 * i));
}

// --- The pre-pass: walks a frame's bytes as cereal will read them, checks every size against its cap and
// against the bytes the frame still holds, and that the frame ends exactly where its contents do.
// Allocates nothing; cereal reads a frame only after this has accepted it.
class Scan {
  public:
    Scan(const std::vector<std::uint8_t>& frame) : m_p(frame.data()), m_n(frame.size()) {}
    bool ok() const { return m_ok; }
    bool atEnd() const { return m_ok && m_at == m_n; }
    void skip(std::uint64_t k) {
        if (m_ok && k > m_n - m_at) m_ok = false;
        if (m_ok) m_at += static_cast<std::size_t>(k);
    }
    std::uint64_t le(std::size_t k) {
        if (!m_ok || k > m_n - m_at) {
            m_ok = false;
            return 0;
        }
        std::uint64_t v = 0;
        for (std::size_t i = k; i-- > 0;)
            v = (v << 8) | m_p[m_at + i];
        m_at += k;
        return v;
    }
    /// A cereal size tag (u64): at most `cap`, and at most what is left when each element takes `unit` bytes.
    std::uint64_t size(std::uint64_t cap, std::uint64_t unit = 1) {
        const std::uint64_t s = le(8);
        if (m_ok && (s > cap || s > (m_n - m_at) / unit)) m_ok = false;
        return m_ok ? s : 0;
    }
    /// A string (or byte vector) of at most `cap` bytes.
    void str(std::uint64_t cap) { skip(size(cap)); }
    /// The archive's first byte: the byte order it was written in.
    void byteOrder() {
        if (le(1) != kLittleEndian) m_ok = false;
    }

  private:
    const std::uint8_t* m_p;
    std::size_t m_n, m_at = 0;
    bool m_ok = true;
};

struct Counts {
    std::uint32_t changes = 0, attachments = 0;
};

std::optional<std::string> scanManifest(const std::vector<std::uint8_t>& frame, Counts& counts) {
    Scan s(frame);
    s.byteOrder();
    s.skip(32); // sender fingerprint
    s.str(kMaxDevice);
    for (int i = 0; i < 3; ++i)
        s.str(kMaxShortText); // name, role, organisation
    const std::uint64_t recipients = s.size(BundleLimits::maxRecipients, 32);
    if (s.ok() && recipients == 0) return "manifest";
    s.skip(recipients * 32);
    s.skip(16 + 8 + 8 + 4 + 4); // bundle id, sequence, created at, schema version, flags
    counts.changes = static_cast<std::uint32_t>(s.le(4));
    s.skip(4);                 // record count
    s.skip(2 * (8 + 32 + 64)); // two signed audit heads
    counts.attachments = static_cast<std::uint32_t>(s.le(4));
    if (!s.atEnd()) return "manifest";
    if (counts.changes > BundleLimits::maxChanges) return "change count";
    if (counts.attachments > BundleLimits::maxAttachments) return "attachment count";
    return std::nullopt;
}

std::optional<std::string> scanChanges(const std::vector<std::uint8_t>& frame, std::size_t remaining,
                                       std::size_t first) {
    Scan s(frame);
    s.byteOrder();
    const std::uint64_t n = s.size(std::min(remaining, kMaxChangesPerFrame), kMinChangeBytes);
    if (!s.ok() || n == 0) return "change count";
    for (std::uint64_t i = 0; i < n; ++i) {
        s.skip(8); // hlc
        s.str(kMaxDevice);
        s.skip(1); // kind
        s.str(kMaxUuid);
        s.str(kMaxField);
        s.str(BundleLimits::maxValueBytes);
        s.str(kMaxShortText);
        s.str(kMaxBase);
        if (!s.ok()) return "change " + std::to_string(first + i + 1) + " is cut short or over its limits";
    }
    if (!s.atEnd()) return "data after change " + std::to_string(first + n);
    return std::nullopt;
}

std::optional<std::string> scanAttachment(const std::vector<std::uint8_t>& frame, std::size_t index) {
    Scan s(frame);
    s.byteOrder();
    s.str(kMaxFileName);
    s.str(kMaxMediaType);
    s.str(kMaxUuid);
    s.str(BundleLimits::maxAttachmentBytes);
    if (!s.atEnd()) return "attachment " + std::to_string(index + 1) + " is cut short or over its limits";
    return std::nullopt;
}

/// One frame's bytes: its u32 length checked against `cap` and against what the body still holds.
bool takeFrame(In& in, std::size_t cap, std::vector<std::uint8_t>& frame) {
    const std::uint32_t n = in.u32();
    if (!in.ok || n > cap || n > in.left) return false;
    frame.resize(n);
    return in.take(frame.data(), n);
}

/// cereal reads a frame the pre-pass accepted; it must use every byte of it.
template <class W> bool readFrame(const std::vector<std::uint8_t>& frame, W&& wire) {
    MemorySource source(frame.data(), frame.size());
    std::istream is(&source);
    try {
        cereal::PortableBinaryInputArchive ar(is,
                                              cereal::PortableBinaryInputArchive::Options::LittleEndian());
        ar(std::forward<W>(wire));
    } catch (
        const std::exception&) { // cereal::Exception; cannot happen after the pre-pass, but never escapes
        return false;
    }
    return source.consumed() == frame.size();
}

bool knownKind(std::uint8_t k) {
    for (const auto& e : enumEntries<RecordKind>())
        if (static_cast<std::uint8_t>(e.value) == k) return true;
    return false;
}

bool knownField(RecordKind kind, const std::string& field) {
    if (field == "_deleted") return true;
    static const auto names = [] {
        std::vector<std::set<std::string>> out;
        for (const auto& e : enumEntries<RecordKind>()) {
            const auto i = static_cast<std::size_t>(e.value);
            if (out.size() <= i) out.resize(i + 1);
            for (auto& n : detail::fieldNames(e.value))
                out[i].insert(n);
        }
        return out;
    }();
    const auto i = static_cast<std::size_t>(kind);
    return i < names.size() && names[i].count(field) > 0;
}

} // namespace

bool plainFileName(const std::string& name) {
    if (name.empty() || name.size() > kMaxFileName || name == "." || name == "..") return false;
    for (unsigned char c : name)
        if (c < 0x20 || c == '/' || c == '\\' || c == 0x7f) return false;
    return true;
}

bool plainMediaType(const std::string& type) {
    if (type.empty() || type.size() > kMaxMediaType) return false;
    for (unsigned char c : type)
        if (c <= 0x20 || c >= 0x7f) return false;
    return true;
}

std::vector<std::uint8_t> encodeBody(const Manifest& m, const std::vector<Change>& changes,
                                     const std::vector<Attachment>& attachments) {
    std::vector<std::uint8_t> out(kBodyMagic, kBodyMagic + sizeof kBodyMagic);
    out.reserve(kMaxManifestFrame + changes.size() * 120);
    const std::uint32_t attachmentCount = static_cast<std::uint32_t>(attachments.size());
    putFrame(out, manifestWire(m, attachmentCount));
    // Changes in frames of at most 4096 changes and about 256 KiB, so that a reader holds one small frame
    // at a time.
    for (std::size_t i = 0; i < changes.size();) {
        std::size_t j = i, bytes = 0;
        while (j < changes.size() && j - i < kMaxChangesPerFrame) {
            const std::size_t b = changeBytes(changes[j]);
            if (j > i && bytes + b > kTargetChangesFrame) break;
            bytes += b;
            ++j;
        }
        putFrame(out, ChangesOut{std::span<const Change>(changes).subspan(i, j - i)});
        i = j;
    }
    for (const auto& a : attachments)
        putFrame(out, AttachmentWire<const Attachment>{a});
    return out;
}

Result<BundleContents> decodeBody(In& in) {
    const auto bad = [](const std::string& what) {
        return bundleError(ErrorCode::Invalid, ErrorReason::BundleBody,
                           "This bundle's contents are malformed (" + what + ").");
    };
    char magic[8];
    if (!in.take(magic, 8) || std::memcmp(magic, kBodyMagic, 8) != 0) return bad("unknown contents");
    BundleContents out;
    Manifest& m = out.manifest;
    std::vector<std::uint8_t> frame;

    if (!takeFrame(in, kMaxManifestFrame, frame)) return bad("manifest");
    Counts counts;
    if (auto why = scanManifest(frame, counts)) return bad(*why);
    std::uint32_t attachmentCount = 0;
    if (!readFrame(frame, manifestWire(m, attachmentCount))) return bad("manifest");
    // A count the remaining bytes cannot hold is refused before reserving.
    if (m.changeCount > in.left / kMinChangeBytes) return bad("change count");
    out.changes.reserve(m.changeCount);

    std::vector<Change> batch;
    while (out.changes.size() < m.changeCount) {
        const std::size_t first = out.changes.size();
        const auto at = [&](std::size_t i) { return "change " + std::to_string(first + i + 1); };
        if (!takeFrame(in, kMaxChangesFrame, frame)) return bad(at(0) + " is cut short");
        if (auto why = scanChanges(frame, m.changeCount - first, first)) return bad(*why);
        batch.clear();
        if (!readFrame(frame, ChangesIn{batch})) return bad(at(0) + " is malformed");
        for (std::size_t i = 0; i < batch.size(); ++i) {
            Change& c = batch[i];
            if (!knownKind(static_cast<std::uint8_t>(c.kind)))
                return bad(at(i) + " has an unknown record kind");
            if (c.hlc == 0 || c.device.empty() || !isUuid(c.recordId) || !knownField(c.kind, c.field) ||
                !detail::validBase(c.base, BundleLimits::maxBaseRefs) || !detail::validDevice(c.device) ||
                c.hlc >= (std::uint64_t{1} << 63))
                return bad(at(i) + " is not a valid change");
            c.changeId = std::to_string(c.hlc) + "@" + c.device;
            out.changes.push_back(std::move(c));
        }
    }

    for (std::uint32_t i = 0; i < attachmentCount; ++i) {
        const std::string name = "attachment " + std::to_string(i + 1);
        if (!takeFrame(in, kMaxAttachmentFrame, frame)) return bad(name + " is cut short");
        if (auto why = scanAttachment(frame, i)) return bad(*why);
        Attachment a;
        if (!readFrame(frame, AttachmentWire<Attachment>{a})) return bad(name + " is malformed");
        if (!plainFileName(a.name) || !plainMediaType(a.mediaType) ||
            (!a.youngPersonId.empty() && !isUuid(a.youngPersonId)))
            return bad(name + " is not a valid file");
        out.attachments.push_back(std::move(a));
    }
    if (in.left != 0) return bad("data after the last change");
    return out;
}

} // namespace throughline::core::sync::body
