// Bundle writer and reader (docs/bundle-format.md §3–4). Every length read from the file is checked against
// the bytes that remain and against a fixed cap before anything is allocated; nothing is decompressed or
// decoded before the signature has verified and the signer is known.
#include "throughline/sync/bundle.hpp"

#include <sodium.h>
#include <zstd.h>

#include <algorithm>
#include <cstring>
#include <set>

#include "change_log.hpp"
#include "fields.hpp"

namespace throughline::core::sync {

namespace {

constexpr char kMagic[8] = {'T', 'H', 'R', 'L', 'B', 'N', 'D', 'L'};
constexpr char kBodyMagic[8] = {'T', 'L', 'B', 'O', 'D', 'Y', '0', '2'};
constexpr char kSigContext[] = "THRLBNDL-SIG-1";
constexpr char kKdfContext[crypto_kdf_CONTEXTBYTES] = {'T', 'L', 'B', 'U', 'N', 'D', 'L', 'E'};
constexpr std::size_t kStanzaBytes = crypto_box_SEALBYTES + 32; // 80
constexpr std::size_t kFixedHeader = 29;                        // magic, version, flags, id, count
constexpr std::size_t kStreamHeader = crypto_secretstream_xchacha20poly1305_HEADERBYTES;
constexpr std::size_t kMacBytes = 32;
constexpr std::size_t kChunkOverhead = crypto_secretstream_xchacha20poly1305_ABYTES; // 17
constexpr std::size_t kPlainPrefix = 32 + 1 + 4 + 4;
constexpr std::size_t kSigBytes = crypto_sign_BYTES;
constexpr std::size_t kMaxShortText = 120, kMaxDevice = 64, kMaxField = 64;
constexpr std::size_t kMaxBase = 64 << 10;

Error bundleError(ErrorCode code, const char* key, std::string message) {
    return makeError(code, std::move(message), key);
}

// --- Little-endian byte writer and bounded reader.
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
    void str(std::string_view s) {
        u32(static_cast<std::uint32_t>(s.size()));
        raw(s.data(), s.size());
    }
    void le(std::uint64_t v, int n) {
        for (int i = 0; i < n; ++i)
            bytes.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
    }
};

struct In {
    const std::uint8_t* p;
    std::size_t left;
    bool ok = true;
    bool take(void* out, std::size_t n) {
        if (!ok || n > left) return ok = false;
        if (n) std::memcpy(out, p, n);
        p += n;
        left -= n;
        return true;
    }
    std::uint64_t le(int n) {
        std::uint8_t b[8] = {};
        if (!take(b, n)) return 0;
        std::uint64_t v = 0;
        for (int i = n - 1; i >= 0; --i)
            v = (v << 8) | b[i];
        return v;
    }
    std::uint8_t u8() { return static_cast<std::uint8_t>(le(1)); }
    std::uint32_t u32() { return static_cast<std::uint32_t>(le(4)); }
    std::uint64_t u64() { return le(8); }
    // A string of at most `cap` bytes; the length is checked before anything is allocated.
    std::string str(std::size_t cap) {
        const std::uint32_t n = u32();
        if (!ok || n > cap || n > left) {
            ok = false;
            return {};
        }
        std::string s(reinterpret_cast<const char*>(p), n);
        p += n;
        left -= n;
        return s;
    }
};

void deriveKeys(const SecureBytes& fileKey, SecureBytes& payloadKey, SecureBytes& macKey) {
    crypto_kdf_derive_from_key(payloadKey.data(), 32, 1, kKdfContext, fileKey.data());
    crypto_kdf_derive_from_key(macKey.data(), 32, 2, kKdfContext, fileKey.data());
}

void headerMac(std::uint8_t* out, const std::uint8_t* header, std::size_t size, const SecureBytes& macKey) {
    crypto_generichash(out, kMacBytes, header, size, macKey.data(), macKey.size());
}

std::vector<std::uint8_t> signedMessage(const std::uint8_t* header, std::size_t headerSize,
                                        const std::uint8_t* plain, std::size_t plainSize) {
    std::vector<std::uint8_t> msg;
    msg.reserve(sizeof kSigContext - 1 + headerSize + plainSize);
    msg.insert(msg.end(), kSigContext, kSigContext + sizeof kSigContext - 1);
    msg.insert(msg.end(), header, header + headerSize);
    msg.insert(msg.end(), plain, plain + plainSize);
    return msg;
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

bool plainFileName(const std::string& name) {
    if (name.empty() || name.size() > 255 || name == "." || name == "..") return false;
    for (unsigned char c : name)
        if (c < 0x20 || c == '/' || c == '\\' || c == 0x7f) return false;
    return true;
}

bool plainMediaType(const std::string& type) {
    if (type.empty() || type.size() > 100) return false;
    for (unsigned char c : type)
        if (c <= 0x20 || c >= 0x7f) return false;
    return true;
}

std::vector<std::uint8_t> encodeBody(const Manifest& m, const std::vector<Change>& changes,
                                     const std::vector<Attachment>& attachments) {
    Out o;
    o.raw(kBodyMagic, sizeof kBodyMagic);
    o.raw(m.senderFingerprint.data(), 32);
    o.str(m.senderDevice);
    o.str(m.senderName);
    o.str(m.senderRole);
    o.str(m.senderOrganisation);
    o.u8(static_cast<std::uint8_t>(m.recipients.size()));
    for (const auto& r : m.recipients)
        o.raw(r.data(), 32);
    o.raw(m.bundleId.data(), m.bundleId.size());
    o.u64(m.sequence);
    o.u64(static_cast<std::uint64_t>(m.createdAt));
    o.u32(m.schemaVersion);
    o.u32(m.flags);
    o.u32(m.changeCount);
    o.u32(m.recordCount);
    o.bytes.reserve(o.bytes.size() + changes.size() * 120);
    for (const auto& c : changes) {
        o.u64(c.hlc);
        o.str(c.device);
        o.u8(static_cast<std::uint8_t>(c.kind));
        o.str(c.recordId);
        o.str(c.field);
        o.str(c.value);
        o.str(c.author);
        o.str(c.base);
    }
    o.u32(static_cast<std::uint32_t>(attachments.size()));
    for (const auto& a : attachments) {
        o.str(a.name);
        o.str(a.mediaType);
        o.str(a.youngPersonId);
        o.u32(static_cast<std::uint32_t>(a.bytes.size()));
        o.raw(a.bytes.data(), a.bytes.size());
    }
    return std::move(o.bytes);
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
        if (!plainFileName(a.name) || !plainMediaType(a.mediaType) ||
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
    const std::vector<std::uint8_t> body = encodeBody(m, changes, attachments);
    if (body.size() > BundleLimits::maxBodyBytes)
        return makeError(ErrorCode::Invalid, "This export is too large for one bundle; export in parts.",
                         "changes");
    std::vector<std::uint8_t> stored;
    std::uint8_t compression = 0;
    if (compress) {
        stored.resize(ZSTD_compressBound(body.size()));
        const std::size_t n = ZSTD_compress(stored.data(), stored.size(), body.data(), body.size(), 3);
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
        const auto msg =
            signedMessage(header.bytes.data(), header.bytes.size(), plain.bytes.data(), plain.bytes.size());
        std::uint8_t sig[kSigBytes];
        crypto_sign_detached(sig, nullptr, msg.data(), msg.size(), sender.signSecret->data());
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
        return bundleError(ErrorCode::Invalid, "size",
                           "This file is too big to be a Throughline bundle (over 512 MiB).");
    if (size < kFixedHeader + kStanzaBytes + kStreamHeader + kMacBytes + kChunkOverhead)
        return bundleError(ErrorCode::Invalid, "size", "This file is too small to be a Throughline bundle.");
    if (std::memcmp(data, kMagic, sizeof kMagic) != 0)
        return bundleError(ErrorCode::Invalid, "header", "This file is not a Throughline bundle.");
    const std::uint16_t version = static_cast<std::uint16_t>(data[8] | (data[9] << 8));
    const std::uint16_t flags = static_cast<std::uint16_t>(data[10] | (data[11] << 8));
    if (version > BundleLimits::version)
        return bundleError(
            ErrorCode::Unsupported, "header",
            "This bundle was made by a newer version of Throughline. Update the app to import it.");
    if (version < BundleLimits::version && version > 0)
        return bundleError(ErrorCode::Unsupported, "header",
                           "This bundle was made by an early test version of Throughline (format " +
                               std::to_string(version) +
                               ") that this version cannot read. Ask the sender to update and export again.");
    if (version == 0 || flags != 0)
        return bundleError(ErrorCode::Invalid, "header",
                           "This bundle's header is damaged (unknown version or flags).");
    const std::size_t n = data[28];
    if (n == 0 || n > BundleLimits::maxRecipients)
        return bundleError(ErrorCode::Invalid, "header",
                           "This bundle's header is damaged (recipient count).");
    if (size < kFixedHeader + n * kStanzaBytes + kStreamHeader + kMacBytes + kChunkOverhead)
        return bundleError(ErrorCode::Invalid, "truncated",
                           "This bundle is cut short: its header is incomplete.");
    return {};
}

Result<BundleContents> parseBody(const std::uint8_t* data, std::size_t size) {
    const auto bad = [](std::string what) {
        return bundleError(ErrorCode::Invalid, "body",
                           "This bundle's contents are malformed (" + what + ").");
    };
    In in{data, size};
    char magic[8];
    if (!in.take(magic, 8) || std::memcmp(magic, kBodyMagic, 8) != 0) return bad("unknown contents");
    BundleContents out;
    Manifest& m = out.manifest;
    in.take(m.senderFingerprint.data(), 32);
    m.senderDevice = in.str(kMaxDevice);
    m.senderName = in.str(kMaxShortText);
    m.senderRole = in.str(kMaxShortText);
    m.senderOrganisation = in.str(kMaxShortText);
    const std::size_t n = in.u8();
    if (!in.ok || n == 0 || n > BundleLimits::maxRecipients) return bad("manifest");
    m.recipients.resize(n);
    for (auto& r : m.recipients)
        in.take(r.data(), 32);
    in.take(m.bundleId.data(), m.bundleId.size());
    m.sequence = in.u64();
    m.createdAt = static_cast<std::int64_t>(in.u64());
    m.schemaVersion = in.u32();
    m.flags = in.u32();
    m.changeCount = in.u32();
    m.recordCount = in.u32();
    if (!in.ok) return bad("manifest");
    // Each change takes at least 33 bytes: a count the remaining bytes cannot hold is refused before
    // reserving.
    constexpr std::size_t kMinChange = 8 + 4 + 1 + 4 + 4 + 4 + 4 + 4;
    if (m.changeCount > BundleLimits::maxChanges || m.changeCount > in.left / kMinChange)
        return bad("change count");
    out.changes.reserve(m.changeCount);
    for (std::uint32_t i = 0; i < m.changeCount; ++i) {
        Change c;
        c.hlc = in.u64();
        c.device = in.str(kMaxDevice);
        const std::uint8_t kind = in.u8();
        c.recordId = in.str(36);
        c.field = in.str(kMaxField);
        c.value = in.str(BundleLimits::maxValueBytes);
        c.author = in.str(kMaxShortText);
        c.base = in.str(kMaxBase);
        if (!in.ok) return bad("change " + std::to_string(i + 1) + " is cut short");
        if (!knownKind(kind)) return bad("change " + std::to_string(i + 1) + " has an unknown record kind");
        c.kind = static_cast<RecordKind>(kind);
        if (c.hlc == 0 || c.device.empty() || !isUuid(c.recordId) || !knownField(c.kind, c.field) ||
            !detail::validBase(c.base, BundleLimits::maxBaseRefs) || !detail::validDevice(c.device) ||
            c.hlc >= (std::uint64_t{1} << 63))
            return bad("change " + std::to_string(i + 1) + " is not a valid change");
        c.changeId = std::to_string(c.hlc) + "@" + c.device;
        out.changes.push_back(std::move(c));
    }
    const std::uint32_t attachments = in.u32();
    if (!in.ok || attachments > BundleLimits::maxAttachments) return bad("attachment count");
    for (std::uint32_t i = 0; i < attachments; ++i) {
        Attachment a;
        a.name = in.str(255);
        a.mediaType = in.str(100);
        a.youngPersonId = in.str(36);
        const std::uint32_t n = in.u32();
        if (!in.ok || n > BundleLimits::maxAttachmentBytes || n > in.left)
            return bad("attachment " + std::to_string(i + 1) + " is cut short");
        a.bytes.assign(in.p, in.p + n);
        in.p += n;
        in.left -= n;
        if (!plainFileName(a.name) || !plainMediaType(a.mediaType) ||
            (!a.youngPersonId.empty() && !isUuid(a.youngPersonId)))
            return bad("attachment " + std::to_string(i + 1) + " is not a valid file");
        out.attachments.push_back(std::move(a));
    }
    if (in.left != 0) return bad("data after the last change");
    return out;
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
        return bundleError(ErrorCode::Invalid, "size", "This file is too small to be a Throughline bundle.");
    if (auto s = parseHeaderOnly(data, fileSize); !s) return s.error();
    const std::size_t n = data[28];
    OpenedHeader h;
    h.stanzasEnd = kFixedHeader + n * kStanzaBytes;
    const std::size_t macAt = h.stanzasEnd + kStreamHeader;
    h.headerSize = macAt + kMacBytes;
    if (available < h.headerSize)
        return bundleError(ErrorCode::Invalid, "truncated",
                           "This bundle is cut short: its header is incomplete.");
    // Our stanza: trial-open each (the header names no recipients).
    SecureBytes fileKey(32);
    bool opened = false;
    for (std::size_t i = 0; i < n && !opened; ++i)
        opened = crypto_box_seal_open(fileKey.data(), data + kFixedHeader + i * kStanzaBytes, kStanzaBytes,
                                      boxPublic.data(), boxSecret.data()) == 0;
    if (!opened)
        return bundleError(ErrorCode::Invalid, "recipient",
                           "This bundle is not addressed to this vault: it was made for someone else (or its "
                           "header is damaged). Nothing was imported.");
    SecureBytes macKey(32);
    deriveKeys(fileKey, h.payloadKey, macKey);
    std::uint8_t mac[kMacBytes];
    headerMac(mac, data, macAt, macKey);
    if (crypto_verify_32(mac, data + macAt) != 0)
        return bundleError(ErrorCode::Invalid, "header-mac",
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

Result<BundleContents> readBundle(const std::vector<std::uint8_t>& file, const Key32& boxPublic,
                                  const SecureBytes& boxSecret, const Key32& ownFingerprint,
                                  const SenderCheck& senderCheck,
                                  const std::function<Status(const BundleId&)>& afterHeader) {
    const std::uint8_t* data = file.data();
    const std::size_t size = file.size();
    auto header = openHeader(data, size, size, boxPublic, boxSecret);
    if (!header) return header.error();
    const std::size_t n = data[28], stanzasEnd = header->stanzasEnd, headerSize = header->headerSize;
    const SecureBytes& payloadKey = header->payloadKey;
    if (afterHeader)
        if (auto s = afterHeader(header->id); !s) return s.error();
    crypto_secretstream_xchacha20poly1305_state st;
    if (crypto_secretstream_xchacha20poly1305_init_pull(&st, data + stanzasEnd, payloadKey.data()) != 0)
        return bundleError(ErrorCode::Invalid, "damaged", "This bundle is damaged. Nothing was imported.");
    std::vector<std::uint8_t> plain;
    plain.reserve(size - headerSize);
    bool final = false;
    std::size_t pos = headerSize;
    while (pos < size) {
        const std::size_t c = std::min(BundleLimits::chunkBytes + kChunkOverhead, size - pos);
        if (c < kChunkOverhead)
            return bundleError(ErrorCode::Invalid, "truncated",
                               "This bundle is cut short: part of it is missing.");
        const std::size_t at = plain.size();
        plain.resize(at + c - kChunkOverhead);
        unsigned long long got = 0;
        unsigned char tag = 0;
        if (crypto_secretstream_xchacha20poly1305_pull(&st, plain.data() + at, &got, &tag, data + pos, c,
                                                       nullptr, 0) != 0)
            return bundleError(
                ErrorCode::Invalid, "damaged",
                "This bundle is damaged or has been altered (a part of it fails its check). Nothing "
                "was imported.");
        pos += c;
        if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
            if (pos != size)
                return bundleError(
                    ErrorCode::Invalid, "trailing",
                    "This bundle continues after its end (extra data was added to it). Nothing was "
                    "imported.");
            final = true;
        } else if (tag != crypto_secretstream_xchacha20poly1305_TAG_MESSAGE) {
            return bundleError(ErrorCode::Invalid, "damaged",
                               "This bundle is damaged. Nothing was imported.");
        }
    }
    if (!final)
        return bundleError(ErrorCode::Invalid, "truncated", "This bundle is cut short: its end is missing.");

    // Lengths, then the signature over header and plaintext, then who signed.
    if (plain.size() < kPlainPrefix + kSigBytes)
        return bundleError(ErrorCode::Invalid, "payload",
                           "This bundle's contents are malformed. Nothing was imported.");
    In in{plain.data(), plain.size()};
    BundleContents out;
    in.take(out.senderSignKey.data(), 32);
    const std::uint8_t compression = in.u8();
    const std::uint32_t bodySize = in.u32();
    const std::uint32_t storedSize = in.u32();
    if (compression > 1 || bodySize > BundleLimits::maxBodyBytes ||
        static_cast<std::size_t>(storedSize) != plain.size() - kPlainPrefix - kSigBytes ||
        (compression == 0 && storedSize != bodySize))
        return bundleError(ErrorCode::Invalid, "payload",
                           "This bundle's contents are malformed. Nothing was imported.");
    const std::size_t sigAt = plain.size() - kSigBytes;
    {
        const auto msg = signedMessage(data, headerSize, plain.data(), sigAt);
        if (crypto_sign_verify_detached(plain.data() + sigAt, msg.data(), msg.size(),
                                        out.senderSignKey.data()) != 0)
            return bundleError(
                ErrorCode::Invalid, "signature",
                "This bundle's signature does not match: it was altered, or was not made by the "
                "vault it claims to come from. Nothing was imported.");
    }
    auto senderFingerprint = senderCheck(out.senderSignKey);
    if (!senderFingerprint) return senderFingerprint.error();

    std::vector<std::uint8_t> body;
    const std::uint8_t* bodyData = plain.data() + kPlainPrefix;
    if (compression == 1) {
        body.resize(bodySize);
        const std::size_t got = ZSTD_decompress(body.data(), body.size(), bodyData, storedSize);
        if (ZSTD_isError(got) || got != bodySize)
            return bundleError(ErrorCode::Invalid, "body",
                               "This bundle's contents are malformed (compression).");
        bodyData = body.data();
    }
    auto parsed = parseBody(bodyData, bodySize);
    if (!parsed) return parsed.error();
    parsed->senderSignKey = out.senderSignKey;
    const Manifest& m = parsed->manifest;
    if (std::memcmp(m.bundleId.data(), data + 12, 16) != 0 || m.recipients.size() != n ||
        m.senderFingerprint != *senderFingerprint)
        return bundleError(ErrorCode::Invalid, "body",
                           "This bundle's contents do not match its header. Nothing was imported.");
    if (std::find(m.recipients.begin(), m.recipients.end(), ownFingerprint) == m.recipients.end())
        return bundleError(
            ErrorCode::Invalid, "recipient",
            "This bundle does not list this vault among its recipients. Nothing was imported.");
    return parsed;
}

} // namespace throughline::core::sync
