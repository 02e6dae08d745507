// Bundle writer and reader (docs/bundle-format.md §3–4). Every length read from the file is checked against
// the bytes that remain and against a fixed cap before anything is allocated; nothing is decompressed or
// decoded before the signature has verified and the signer is known. The body inside is bundle_body.cpp.
#include "throughline/sync/bundle.hpp"
#include "bundle_body.hpp"
#include "throughline/base/text.hpp"

#include <sodium.h>
#include <zstd.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>
#include <set>

#include "throughline/records/change_log.hpp"
#include "throughline/records/fields.hpp"

namespace throughline::core::sync {

namespace {

constexpr char kMagic[8] = {'T', 'H', 'R', 'L', 'B', 'N', 'D', 'L'};
constexpr char kSigContext[] = "THRLBNDL-SIG-3";
constexpr char kKdfContext[crypto_kdf_CONTEXTBYTES] = {'T', 'L', 'B', 'U', 'N', 'D', 'L', 'E'};
constexpr std::size_t kStanzaBytes = crypto_box_SEALBYTES + 32; // 80
constexpr std::size_t kFixedHeader = 29;                        // magic, version, flags, id, count
constexpr std::size_t kStreamHeader = crypto_secretstream_xchacha20poly1305_HEADERBYTES;
constexpr std::size_t kMacBytes = 32;
constexpr std::size_t kChunkOverhead = crypto_secretstream_xchacha20poly1305_ABYTES; // 17
constexpr std::size_t kPlainPrefix = 32 + 1 + 4 + 4;
constexpr std::size_t kSigBytes = crypto_sign_BYTES;
using body::bundleError;
using body::In;
using body::kMaxBase;
using body::kMaxDevice;
using body::kMaxField;
using body::kMaxShortText;

// --- Little-endian byte writer (the bounded reader is body::In).
struct Out {
    std::vector<std::uint8_t> bytes;
    void u8(std::uint8_t v) { bytes.push_back(v); }
    void u16(std::uint16_t v) { le(v, 2); }
    void u32(std::uint32_t v) { le(v, 4); }
    void u64(std::uint64_t v) { le(v, 8); }
    void raw(const void* p, std::size_t n) {
        const auto* b = static_cast<const std::uint8_t*>(p);
        bytes.insert(bytes.end(), b, b + n);
    }
    void le(std::uint64_t v, int n) {
        for (int i = 0; i < n; ++i)
            bytes.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
    }
};

void deriveKeys(const SecureBytes& fileKey, SecureBytes& payloadKey, SecureBytes& macKey) {
    crypto_kdf_derive_from_key(payloadKey.data(), 32, 1, kKdfContext, fileKey.data());
    crypto_kdf_derive_from_key(macKey.data(), 32, 2, kKdfContext, fileKey.data());
}

void headerMac(std::uint8_t* out, const std::uint8_t* header, std::size_t size, const SecureBytes& macKey) {
    crypto_generichash(out, kMacBytes, header, size, macKey.data(), macKey.size());
}

// The signature is Ed25519ph (libsodium's multi-part crypto_sign_init/update/final) over the context, the
// header and the plaintext before it, so that a reader can check it one chunk at a time.
void startSignature(crypto_sign_state& st, const std::uint8_t* header, std::size_t headerSize) {
    crypto_sign_init(&st);
    crypto_sign_update(&st, reinterpret_cast<const unsigned char*>(kSigContext), sizeof kSigContext - 1);
    crypto_sign_update(&st, header, headerSize);
}

} // namespace

std::string bundleIdHex(const BundleId& id) {
    return toHex(id.data(), id.size());
}

Result<std::vector<std::uint8_t>> writeBundle(Manifest m, const std::vector<Change>& changes,
                                              const Sender& sender,
                                              const std::vector<PublicIdentity>& recipients, bool compress,
                                              const std::vector<Attachment>& attachments) {
    ensureSodium();
    if (recipients.empty() || recipients.size() > BundleLimits::maxRecipients)
        return makeError(ErrorCode::Invalid, "A bundle is for between 1 and 16 recipients.", "recipients");
    if (changes.size() > BundleLimits::maxChanges)
        return makeError(ErrorCode::Invalid, "Too many changes for one bundle; export in parts.", "changes");
    if (!sender.signSecret || sender.signSecret->size() != crypto_sign_SECRETKEYBYTES)
        return makeError(ErrorCode::Internal, "The vault's signing key is not available.");
    for (const auto& c : changes)
        if (c.value.size() > BundleLimits::maxValueBytes || c.author.size() > kMaxShortText ||
            c.device.size() > kMaxDevice || c.field.size() > kMaxField || !isUuid(c.recordId) ||
            c.base.size() > kMaxBase || !detail::validBase(c.base, BundleLimits::maxBaseRefs))
            return makeError(ErrorCode::Internal, "A change in the log is malformed and cannot be exported.");
    if (attachments.size() > BundleLimits::maxAttachments)
        return makeError(ErrorCode::Invalid, "Too many attachments for one bundle.", "attachments");
    for (const auto& a : attachments)
        if (!body::plainFileName(a.name) || !body::plainMediaType(a.mediaType) ||
            a.bytes.size() > BundleLimits::maxAttachmentBytes ||
            (!a.youngPersonId.empty() && !isUuid(a.youngPersonId)))
            return makeError(ErrorCode::Invalid, "An attachment is malformed or too large (64 MiB at most).",
                             "attachments");

    // Manifest: what the writer knows for certain.
    m.senderFingerprint = sender.identity.fingerprint();
    m.senderDevice = sender.identity.device;
    m.senderName = sender.identity.name;
    m.senderRole = sender.identity.role;
    m.senderOrganisation = sender.identity.organisation;
    m.recipients.clear();
    for (const auto& r : recipients)
        m.recipients.push_back(r.fingerprint());
    randombytes_buf(m.bundleId.data(), m.bundleId.size());
    m.changeCount = static_cast<std::uint32_t>(changes.size());
    {
        std::set<std::string> records;
        for (const auto& c : changes)
            records.insert(c.recordId);
        m.recordCount = static_cast<std::uint32_t>(records.size());
    }

    SecureBytes fileKey(32), payloadKey(32), macKey(32);
    randombytes_buf(fileKey.data(), 32);
    deriveKeys(fileKey, payloadKey, macKey);

    Out header;
    header.raw(kMagic, sizeof kMagic);
    header.u16(BundleLimits::version);
    header.u16(0);
    header.raw(m.bundleId.data(), m.bundleId.size());
    header.u8(static_cast<std::uint8_t>(recipients.size()));
    for (const auto& r : recipients) {
        std::uint8_t stanza[kStanzaBytes];
        if (crypto_box_seal(stanza, fileKey.data(), 32, r.boxKey.data()) != 0)
            return makeError(ErrorCode::Invalid,
                             "The encryption key of '" + r.name +
                                 "' is not usable (a weak key); nothing was written.",
                             "recipients");
        header.raw(stanza, sizeof stanza);
    }
    crypto_secretstream_xchacha20poly1305_state st;
    std::uint8_t streamHeader[kStreamHeader];
    crypto_secretstream_xchacha20poly1305_init_push(&st, streamHeader, payloadKey.data());
    header.raw(streamHeader, sizeof streamHeader);
    std::uint8_t mac[kMacBytes];
    headerMac(mac, header.bytes.data(), header.bytes.size(), macKey);
    header.raw(mac, sizeof mac);

    // Plaintext: sender key, compression, lengths, stored body, then the signature over all of it.
    const std::vector<std::uint8_t> body = body::encodeBody(m, changes, attachments);
    if (body.size() > BundleLimits::maxBodyBytes)
        return makeError(ErrorCode::Invalid, "This export is too large for one bundle; export in parts.",
                         "changes");
    std::vector<std::uint8_t> stored;
    std::uint8_t compression = 0;
    if (compress) {
        // A small window, so that a reader decompresses with 128 KiB of history whatever the bundle's size.
        stored.resize(ZSTD_compressBound(body.size()));
        ZSTD_CCtx* cctx = ZSTD_createCCtx();
        ZSTD_CCtx_setParameter(cctx, ZSTD_c_compressionLevel, 3);
        ZSTD_CCtx_setParameter(cctx, ZSTD_c_windowLog, BundleLimits::maxZstdWindowLog);
        const std::size_t n = ZSTD_compress2(cctx, stored.data(), stored.size(), body.data(), body.size());
        ZSTD_freeCCtx(cctx);
        if (ZSTD_isError(n)) return makeError(ErrorCode::Internal, "Compressing the bundle failed.");
        stored.resize(n);
        compression = 1;
    } else {
        stored = body;
    }
    Out plain;
    plain.bytes.reserve(kPlainPrefix + stored.size() + kSigBytes);
    plain.raw(sender.identity.signKey.data(), 32);
    plain.u8(compression);
    plain.u32(static_cast<std::uint32_t>(body.size()));
    plain.u32(static_cast<std::uint32_t>(stored.size()));
    plain.raw(stored.data(), stored.size());
    {
        crypto_sign_state sigState;
        startSignature(sigState, header.bytes.data(), header.bytes.size());
        crypto_sign_update(&sigState, plain.bytes.data(), plain.bytes.size());
        std::uint8_t sig[kSigBytes];
        crypto_sign_final_create(&sigState, sig, nullptr, sender.signSecret->data());
        plain.raw(sig, sizeof sig);
    }

    // Stream: 64 KiB chunks; the FINAL tag on the last (possibly empty) chunk.
    std::vector<std::uint8_t> file = std::move(header.bytes);
    const std::size_t total = plain.bytes.size();
    file.reserve(file.size() + total + (total / BundleLimits::chunkBytes + 1) * kChunkOverhead);
    for (std::size_t pos = 0;;) {
        const std::size_t n = std::min(BundleLimits::chunkBytes, total - pos);
        const bool last = total - pos < BundleLimits::chunkBytes;
        const std::size_t at = file.size();
        file.resize(at + n + kChunkOverhead);
        crypto_secretstream_xchacha20poly1305_push(&st, file.data() + at, nullptr, plain.bytes.data() + pos,
                                                   n, nullptr, 0,
                                                   last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
                                                        : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
        pos += n;
        if (last) break;
    }
    sodium_memzero(&st, sizeof st);
    return file;
}

Status parseHeaderOnly(const std::uint8_t* data, std::size_t size) {
    if (size > BundleLimits::maxFileBytes)
        return bundleError(ErrorCode::Invalid, ErrorReason::BundleSize,
                           "This file is too big to be a Throughline bundle (over 512 MiB).");
    if (size < kFixedHeader + kStanzaBytes + kStreamHeader + kMacBytes + kChunkOverhead)
        return bundleError(ErrorCode::Invalid, ErrorReason::BundleSize,
                           "This file is too small to be a Throughline bundle.");
    if (std::memcmp(data, kMagic, sizeof kMagic) != 0)
        return bundleError(ErrorCode::Invalid, ErrorReason::BundleHeader,
                           "This file is not a Throughline bundle.");
    const std::uint16_t version = static_cast<std::uint16_t>(data[8] | (data[9] << 8));
    const std::uint16_t flags = static_cast<std::uint16_t>(data[10] | (data[11] << 8));
    if (version > BundleLimits::version)
        return bundleError(
            ErrorCode::Unsupported, ErrorReason::BundleHeader,
            "This bundle was made by a newer version of Throughline. Update the app to import it.");
    if (version == 2)
        return bundleError(
            ErrorCode::Unsupported, ErrorReason::BundleHeader,
            "This bundle was made by an earlier version of Throughline (format 2), whose bundles "
            "do not prove who wrote each change. Ask the sender to update Throughline and "
            "export again.");
    if (version == 3)
        return bundleError(
            ErrorCode::Unsupported, ErrorReason::BundleHeader,
            "This bundle was made by an earlier version of Throughline (format 3), which this version no "
            "longer reads. Ask the sender to update Throughline and export again.");
    if (version < BundleLimits::version && version > 0)
        return bundleError(ErrorCode::Unsupported, ErrorReason::BundleHeader,
                           "This bundle was made by an early test version of Throughline (format " +
                               std::to_string(version) +
                               ") that this version cannot read. Ask the sender to update and export again.");
    if (version == 0 || flags != 0)
        return bundleError(ErrorCode::Invalid, ErrorReason::BundleHeader,
                           "This bundle's header is damaged (unknown version or flags).");
    const std::size_t n = data[28];
    if (n == 0 || n > BundleLimits::maxRecipients)
        return bundleError(ErrorCode::Invalid, ErrorReason::BundleHeader,
                           "This bundle's header is damaged (recipient count).");
    if (size < kFixedHeader + n * kStanzaBytes + kStreamHeader + kMacBytes + kChunkOverhead)
        return bundleError(ErrorCode::Invalid, ErrorReason::BundleTruncated,
                           "This bundle is cut short: its header is incomplete.");
    return {};
}

Result<BundleContents> parseBody(const std::uint8_t* data, std::size_t size) {
    In in(data, size);
    return body::decodeBody(in);
}

namespace {

// A bundle header opened with this vault's key: the payload key, where the stream starts, and the id (now
// authentic for the file key).
struct OpenedHeader {
    SecureBytes payloadKey{32};
    std::size_t stanzasEnd = 0, headerSize = 0;
    BundleId id{};
};

// Checks the header in `available` bytes of a file of `fileSize`: layout, this vault's stanza, header MAC.
Result<OpenedHeader> openHeader(const std::uint8_t* data, std::size_t available, std::size_t fileSize,
                                const Key32& boxPublic, const SecureBytes& boxSecret) {
    ensureSodium();
    if (available < kFixedHeader || available > fileSize)
        return bundleError(ErrorCode::Invalid, ErrorReason::BundleSize,
                           "This file is too small to be a Throughline bundle.");
    if (auto s = parseHeaderOnly(data, fileSize); !s) return s.error();
    const std::size_t n = data[28];
    OpenedHeader h;
    h.stanzasEnd = kFixedHeader + n * kStanzaBytes;
    const std::size_t macAt = h.stanzasEnd + kStreamHeader;
    h.headerSize = macAt + kMacBytes;
    if (available < h.headerSize)
        return bundleError(ErrorCode::Invalid, ErrorReason::BundleTruncated,
                           "This bundle is cut short: its header is incomplete.");
    // Our stanza: trial-open each (the header names no recipients).
    SecureBytes fileKey(32);
    bool opened = false;
    for (std::size_t i = 0; i < n && !opened; ++i)
        opened = crypto_box_seal_open(fileKey.data(), data + kFixedHeader + i * kStanzaBytes, kStanzaBytes,
                                      boxPublic.data(), boxSecret.data()) == 0;
    if (!opened)
        return bundleError(ErrorCode::Invalid, ErrorReason::BundleRecipient,
                           "This bundle is not addressed to this vault: it was made for someone else (or its "
                           "header is damaged). Nothing was imported.");
    SecureBytes macKey(32);
    deriveKeys(fileKey, h.payloadKey, macKey);
    std::uint8_t mac[kMacBytes];
    headerMac(mac, data, macAt, macKey);
    if (crypto_verify_32(mac, data + macAt) != 0)
        return bundleError(ErrorCode::Invalid, ErrorReason::BundleHeaderMac,
                           "This bundle's header has been altered or damaged. Nothing was imported.");
    std::memcpy(h.id.data(), data + 12, h.id.size());
    return h;
}

} // namespace

Result<BundleId> peekBundleId(const std::uint8_t* data, std::size_t available, std::size_t fileSize,
                              const Key32& boxPublic, const SecureBytes& boxSecret) {
    auto h = openHeader(data, available, fileSize, boxPublic, boxSecret);
    if (!h) return h.error();
    return h->id;
}

namespace {

class BytesInput final : public BundleInput {
  public:
    explicit BytesInput(const std::vector<std::uint8_t>& bytes) : m_bytes(bytes) {}
    std::uint64_t size() const override { return m_bytes.size(); }
    bool readAt(std::uint64_t offset, std::uint8_t* out, std::size_t n) const override {
        if (offset > m_bytes.size() || n > m_bytes.size() - offset) return false;
        if (n) std::memcpy(out, m_bytes.data() + offset, n);
        return true;
    }

  private:
    const std::vector<std::uint8_t>& m_bytes;
};

class FileInput final : public BundleInput {
  public:
    FileInput(int fd, std::uint64_t size) : m_fd(fd), m_size(size) {}
    ~FileInput() override { ::close(m_fd); }
    std::uint64_t size() const override { return m_size; }
    bool readAt(std::uint64_t offset, std::uint8_t* out, std::size_t n) const override {
        while (n) {
            const ssize_t got = ::pread(m_fd, out, n, static_cast<off_t>(offset));
            if (got < 0 && errno == EINTR) continue;
            if (got <= 0) return false;
            out += got;
            offset += static_cast<std::uint64_t>(got);
            n -= static_cast<std::size_t>(got);
        }
        return true;
    }

  private:
    int m_fd;
    std::uint64_t m_size;
};

// The payload's plaintext, one chunk at a time, with every check of the stream (docs/bundle-format.md §3.2):
// each chunk authenticates, FINAL exactly at the end of the file, nothing cut short. Bytes before
// `hashLimit` are fed to the signature state as they pass.
class PlainReader {
  public:
    PlainReader(const BundleInput& in, std::size_t headerSize, const std::uint8_t* streamHeader,
                const SecureBytes& key, crypto_sign_state& sig, const ReadControl* control,
                std::uint64_t workDone, std::uint64_t workTotal)
        : m_in(in), m_pos(headerSize), m_sig(sig), m_control(control), m_workDone(workDone),
          m_workTotal(workTotal) {
        m_cipher.resize(BundleLimits::chunkBytes + kChunkOverhead);
        m_plain.resize(BundleLimits::chunkBytes);
        if (crypto_secretstream_xchacha20poly1305_init_pull(&m_state, streamHeader, key.data()) != 0)
            m_error = bundleError(ErrorCode::Invalid, ErrorReason::BundleDamaged,
                                  "This bundle is damaged. Nothing was imported.");
    }
    ~PlainReader() { sodium_memzero(&m_state, sizeof m_state); }
    void setHashLimit(std::uint64_t limit) { m_hashLimit = limit; }
    /// Reads exactly `n` plaintext bytes (`out` may be null to skip them); false at the end or on an error.
    bool read(std::uint8_t* out, std::size_t n) {
        while (n) {
            if (m_at == m_have && !nextChunk()) return false;
            const std::size_t k = std::min(n, m_have - m_at);
            hash(m_plain.data() + m_at, k);
            if (out) {
                std::memcpy(out, m_plain.data() + m_at, k);
                out += k;
            }
            m_at += k;
            m_offset += k;
            n -= k;
        }
        return true;
    }
    /// The next window of plaintext (at most a chunk), for a caller that consumes it all; size 0 at the end.
    std::pair<const std::uint8_t*, std::size_t> window(std::size_t most) {
        while (m_at == m_have)
            if (!nextChunk()) return {nullptr, 0};
        const std::size_t k = std::min(most, m_have - m_at);
        const std::uint8_t* p = m_plain.data() + m_at;
        hash(p, k);
        m_at += k;
        m_offset += k;
        return {p, k};
    }
    /// Reads to the end of the stream; true if there was nothing left (false also on an error).
    bool atEnd() {
        bool empty = true;
        while (!m_error) {
            if (m_at < m_have) {
                empty = false;
                m_offset += m_have - m_at;
                m_at = m_have;
            }
            if (m_final) break;
            if (!nextChunk()) break;
        }
        return empty && !m_error;
    }
    const std::optional<Error>& error() const { return m_error; }

  private:
    void hash(const std::uint8_t* p, std::size_t k) {
        if (m_offset >= m_hashLimit) return;
        crypto_sign_update(
            &m_sig, p, static_cast<unsigned long long>(std::min<std::uint64_t>(k, m_hashLimit - m_offset)));
    }
    bool fail(Error e) {
        if (!m_error) m_error = std::move(e);
        return false;
    }
    bool nextChunk() {
        if (m_error || m_final) return false;
        if (m_control && m_control->cancel && m_control->cancel->load())
            return fail(
                bundleError(ErrorCode::Invalid, ErrorReason::Cancelled, "Reading the bundle was cancelled."));
        const std::uint64_t size = m_in.size();
        if (m_pos >= size)
            return fail(bundleError(ErrorCode::Invalid, ErrorReason::BundleTruncated,
                                    "This bundle is cut short: its end is missing."));
        const std::size_t c = static_cast<std::size_t>(
            std::min<std::uint64_t>(BundleLimits::chunkBytes + kChunkOverhead, size - m_pos));
        if (c < kChunkOverhead)
            return fail(bundleError(ErrorCode::Invalid, ErrorReason::BundleTruncated,
                                    "This bundle is cut short: part of it is missing."));
        if (!m_in.readAt(m_pos, m_cipher.data(), c))
            return fail(bundleError(ErrorCode::Io, ErrorReason::ReadFailed,
                                    "The bundle file could not be read to the end."));
        unsigned long long got = 0;
        unsigned char tag = 0;
        if (crypto_secretstream_xchacha20poly1305_pull(&m_state, m_plain.data(), &got, &tag, m_cipher.data(),
                                                       c, nullptr, 0) != 0)
            return fail(
                bundleError(ErrorCode::Invalid, ErrorReason::BundleDamaged,
                            "This bundle is damaged or has been altered (a part of it fails its check). "
                            "Nothing was imported."));
        m_pos += c;
        if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
            if (m_pos != size)
                return fail(bundleError(ErrorCode::Invalid, ErrorReason::BundleTrailing,
                                        "This bundle continues after its end (extra data was added to it). "
                                        "Nothing was imported."));
            m_final = true;
        } else if (tag != crypto_secretstream_xchacha20poly1305_TAG_MESSAGE) {
            return fail(bundleError(ErrorCode::Invalid, ErrorReason::BundleDamaged,
                                    "This bundle is damaged. Nothing was imported."));
        }
        m_at = 0;
        m_have = static_cast<std::size_t>(got);
        if (m_control && m_control->progress) m_control->progress(m_workDone + m_pos, m_workTotal);
        return m_have > 0 || !m_final ? true : false;
    }

    const BundleInput& m_in;
    std::uint64_t m_pos; // in the file
    crypto_sign_state& m_sig;
    const ReadControl* m_control;
    std::uint64_t m_workDone, m_workTotal;
    crypto_secretstream_xchacha20poly1305_state m_state{};
    std::vector<std::uint8_t> m_cipher, m_plain;
    std::size_t m_at = 0, m_have = 0;
    std::uint64_t m_offset = 0; // in the plaintext
    std::uint64_t m_hashLimit = kPlainPrefix;
    bool m_final = false;
    std::optional<Error> m_error;
};

struct Prefix {
    Key32 signKey{};
    std::uint8_t compression = 0;
    std::uint32_t bodySize = 0, storedSize = 0;
    bool sane = false;
};

Prefix readPrefix(const std::uint8_t* p) {
    In in(p, kPlainPrefix);
    Prefix out;
    in.take(out.signKey.data(), 32);
    out.compression = in.u8();
    out.bodySize = in.u32();
    out.storedSize = in.u32();
    out.sane = out.compression <= 1 && out.bodySize <= BundleLimits::maxBodyBytes &&
               (out.compression == 1 || out.storedSize == out.bodySize);
    return out;
}

Error payloadError() {
    return bundleError(ErrorCode::Invalid, ErrorReason::BundlePayload,
                       "This bundle's contents are malformed. Nothing was imported.");
}

// The stored body as windows of at most a chunk: decompressed on the fly (with a bounded window) or as
// stored.
class BodyWindows {
  public:
    BodyWindows(PlainReader& r, const Prefix& p)
        : m_r(r), m_storedLeft(p.storedSize), m_zstd(p.compression == 1) {
        if (m_zstd) {
            m_dctx = ZSTD_createDCtx();
            ZSTD_DCtx_setParameter(m_dctx, ZSTD_d_windowLogMax, BundleLimits::maxZstdWindowLog);
            m_out.resize(ZSTD_DStreamOutSize());
        }
    }
    ~BodyWindows() {
        if (m_dctx) ZSTD_freeDCtx(m_dctx);
    }
    std::pair<const std::uint8_t*, std::size_t> next() {
        if (!m_zstd) {
            if (m_storedLeft == 0) return {nullptr, 0};
            auto w = m_r.window(m_storedLeft);
            m_storedLeft -= w.second;
            return w;
        }
        for (;;) {
            if (m_in.pos == m_in.size && m_storedLeft > 0) {
                auto w = m_r.window(m_storedLeft);
                if (w.second == 0) return {nullptr, 0};
                m_storedLeft -= w.second;
                m_in = ZSTD_inBuffer{w.first, w.second, 0};
            }
            ZSTD_outBuffer out{m_out.data(), m_out.size(), 0};
            const std::size_t ret = ZSTD_decompressStream(m_dctx, &out, &m_in);
            if (ZSTD_isError(ret)) {
                m_bad = true;
                return {nullptr, 0};
            }
            m_frameDone = ret == 0;
            if (out.pos > 0) return {m_out.data(), out.pos};
            if (m_in.pos == m_in.size && m_storedLeft == 0) return {nullptr, 0};
        }
    }
    /// After the body: every stored byte used, the compressed frame complete, nothing more in it.
    bool finishedExactly() {
        if (m_bad) return false;
        if (!m_zstd) return m_storedLeft == 0;
        // A frame that is complete must not be followed by anything; one that is not may still have to
        // check its end (no more output allowed).
        if (!m_frameDone && next().second != 0) return false;
        return !m_bad && m_frameDone && m_storedLeft == 0 && m_in.pos == m_in.size;
    }
    bool bad() const { return m_bad; }

  private:
    PlainReader& m_r;
    std::size_t m_storedLeft;
    bool m_zstd;
    ZSTD_DCtx* m_dctx = nullptr;
    std::vector<std::uint8_t> m_out;
    ZSTD_inBuffer m_in{nullptr, 0, 0};
    bool m_frameDone = false, m_bad = false;
};

} // namespace

std::unique_ptr<BundleInput> bytesInput(const std::vector<std::uint8_t>& bytes) {
    return std::make_unique<BytesInput>(bytes);
}

Result<std::unique_ptr<BundleInput>> openBundleFile(const std::filesystem::path& file, int dirFd) {
    // Inside a folder (folder sync), O_NOFOLLOW: a link planted in a synced folder must not make the vault
    // read somewhere else. A file the user chose by its path may be a link they made. O_NONBLOCK: a named
    // pipe must not hang the import.
    const int fd = ::openat(dirFd >= 0 ? dirFd : AT_FDCWD, file.c_str(),
                            O_RDONLY | (dirFd >= 0 ? O_NOFOLLOW : 0) | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT)
            return makeError(ErrorCode::NotFound, "The file " + file.string() + " does not exist.");
        if (errno == ELOOP)
            return bundleError(ErrorCode::Invalid, ErrorReason::NotAFile,
                               "'" + file.filename().string() +
                                   "' is a link to another file, not a bundle; links are never followed.");
        return makeError(ErrorCode::Io,
                         "The file " + file.string() + " could not be opened: " + std::strerror(errno));
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return bundleError(ErrorCode::Invalid, ErrorReason::NotAFile,
                           "'" + file.filename().string() +
                               "' is not an ordinary file, so it is not a bundle.");
    }
    return std::unique_ptr<BundleInput>(
        std::make_unique<FileInput>(fd, static_cast<std::uint64_t>(st.st_size)));
}

Result<BundleContents> readBundle(const std::vector<std::uint8_t>& file, const Key32& boxPublic,
                                  const SecureBytes& boxSecret, const Key32& ownFingerprint,
                                  const SenderCheck& senderCheck,
                                  const std::function<Status(const BundleId&)>& afterHeader) {
    return readBundle(BytesInput(file), boxPublic, boxSecret, ownFingerprint, senderCheck, afterHeader);
}

Result<BundleContents> readBundle(const BundleInput& file, const Key32& boxPublic,
                                  const SecureBytes& boxSecret, const Key32& ownFingerprint,
                                  const SenderCheck& senderCheck,
                                  const std::function<Status(const BundleId&)>& afterHeader,
                                  const ReadControl* control) {
    const std::uint64_t size = file.size();
    if (size > BundleLimits::maxFileBytes)
        return bundleError(ErrorCode::Invalid, ErrorReason::BundleSize,
                           "This file is too big to be a Throughline bundle (over 512 MiB).");
    std::vector<std::uint8_t> head(
        static_cast<std::size_t>(std::min<std::uint64_t>(size, kMaxBundleHeaderBytes)));
    if (!file.readAt(0, head.data(), head.size()))
        return bundleError(ErrorCode::Io, ErrorReason::ReadFailed, "The bundle file could not be read.");
    auto header = openHeader(head.data(), head.size(), static_cast<std::size_t>(size), boxPublic, boxSecret);
    if (!header) return header.error();
    const std::size_t n = head[28], headerSize = header->headerSize;
    const std::uint8_t* streamHeader = head.data() + header->stanzasEnd;
    if (afterHeader)
        if (auto s = afterHeader(header->id); !s) return s.error();
    const std::uint64_t work = 2 * size;

    // Pass 1: every chunk and the signature, keeping nothing but one chunk.
    Prefix prefix;
    std::array<std::uint8_t, kSigBytes> signature{};
    {
        crypto_sign_state sig;
        startSignature(sig, head.data(), headerSize);
        PlainReader r(file, headerSize, streamHeader, header->payloadKey, sig, control, 0, work);
        std::uint8_t p[kPlainPrefix];
        bool lengthsOk = r.read(p, kPlainPrefix);
        if (lengthsOk) {
            prefix = readPrefix(p);
            lengthsOk = prefix.sane;
        }
        if (lengthsOk) {
            r.setHashLimit(kPlainPrefix + std::uint64_t{prefix.storedSize});
            lengthsOk = r.read(nullptr, prefix.storedSize) && r.read(signature.data(), kSigBytes);
        }
        // A stream fault is reported before lengths that do not add up (it is what happened to the file).
        const bool ended = r.atEnd();
        if (r.error()) return *r.error();
        if (!lengthsOk || !ended) return payloadError();
        if (crypto_sign_final_verify(&sig, signature.data(), prefix.signKey.data()) != 0)
            return bundleError(
                ErrorCode::Invalid, ErrorReason::BundleSignature,
                "This bundle's signature does not match: it was altered, or was not made by the "
                "vault it claims to come from. Nothing was imported.");
    }
    auto senderFingerprint = senderCheck(prefix.signKey);
    if (!senderFingerprint) return senderFingerprint.error();

    // Pass 2: decrypt again and decode as the bytes pass, checking the signature once more at the end (the
    // file is read twice, so what is decoded must be what was verified).
    crypto_sign_state sig;
    startSignature(sig, head.data(), headerSize);
    PlainReader r(file, headerSize, streamHeader, header->payloadKey, sig, control, size, work);
    std::uint8_t p[kPlainPrefix];
    const auto changed = [] {
        return bundleError(ErrorCode::Invalid, ErrorReason::BundleDamaged,
                           "This bundle changed while it was being read. Nothing was imported.");
    };
    if (!r.read(p, kPlainPrefix)) return r.error() ? *r.error() : changed();
    const Prefix again = readPrefix(p);
    if (again.signKey != prefix.signKey || again.storedSize != prefix.storedSize ||
        again.bodySize != prefix.bodySize || again.compression != prefix.compression)
        return changed();
    r.setHashLimit(kPlainPrefix + std::uint64_t{prefix.storedSize});
    Result<BundleContents> parsed = payloadError();
    {
        BodyWindows windows(r, prefix);
        In in(prefix.bodySize, [&] { return windows.next(); });
        parsed = body::decodeBody(in);
        if (r.error()) return *r.error();
        if (windows.bad() || (parsed && (in.avail != 0 || !windows.finishedExactly())))
            return bundleError(ErrorCode::Invalid, ErrorReason::BundleBody,
                               "This bundle's contents are malformed (compression).");
        if (r.error()) return *r.error();
    }
    if (!parsed) return parsed.error();
    std::array<std::uint8_t, kSigBytes> signature2{};
    if (!r.read(signature2.data(), kSigBytes) || !r.atEnd() || signature2 != signature ||
        crypto_sign_final_verify(&sig, signature2.data(), prefix.signKey.data()) != 0)
        return r.error() ? *r.error() : changed();
    parsed->senderSignKey = prefix.signKey;
    const Manifest& m = parsed->manifest;
    if (std::memcmp(m.bundleId.data(), head.data() + 12, 16) != 0 || m.recipients.size() != n ||
        m.senderFingerprint != *senderFingerprint)
        return bundleError(ErrorCode::Invalid, ErrorReason::BundleBody,
                           "This bundle's contents do not match its header. Nothing was imported.");
    if (std::find(m.recipients.begin(), m.recipients.end(), ownFingerprint) == m.recipients.end())
        return bundleError(
            ErrorCode::Invalid, ErrorReason::BundleRecipient,
            "This bundle does not list this vault among its recipients. Nothing was imported.");
    return parsed;
}

} // namespace throughline::core::sync
