#include "sync_test_util.hpp"
#include "throughline/base/text.hpp"

#include <sodium.h>

#include <algorithm>
#include <cstring>

#include "throughline/records/records.hpp"

namespace synctest {

namespace {

void le(std::vector<std::uint8_t>& out, std::uint64_t v, int n) {
    for (int i = 0; i < n; ++i)
        out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}
void raw(std::vector<std::uint8_t>& out, const void* p, std::size_t n) {
    const auto* b = static_cast<const std::uint8_t*>(p);
    out.insert(out.end(), b, b + n);
}

} // namespace

TestIdentity::TestIdentity(const std::string& name) {
    ensureSodium();
    crypto_sign_keypair(pub.signKey.data(), signSecret.data());
    crypto_box_keypair(pub.boxKey.data(), boxSecret.data());
    pub.name = name;
    pub.role = "Key worker";
    pub.organisation = "Fernbrook Children's Services";
    std::uint8_t dev[8];
    randombytes_buf(dev, sizeof dev);
    pub.device = toHex(dev, sizeof dev);
}

std::vector<Change> sampleChanges(int n, const std::string& device) {
    std::vector<Change> out;
    const std::string id = newUuid();
    const char* fields[] = {"name", "preferred_name", "notes", "home_authority"};
    for (int i = 0; i < n; ++i) {
        Change c;
        c.kind = RecordKind::YoungPerson;
        c.recordId = i % 7 == 0 ? newUuid() : id;
        c.field = fields[i % 4];
        c.value = "Value " + std::to_string(i) + " for Ashby Thorne-Lisle";
        c.hlc = (std::uint64_t{1767225600000} << 16) + static_cast<std::uint64_t>(i);
        c.device = device;
        c.author = "Mina Calloway";
        c.changeId = std::to_string(c.hlc) + "@" + c.device;
        out.push_back(c);
    }
    return out;
}

// Frames as docs/bundle-format.md §3.4 describes cereal's portable binary archive: a byte-order byte (1),
// integers little-endian at their own width, a string or byte vector as a u64 length and its bytes, a list
// as a u64 count and its elements, fixed-size keys and hashes as their bytes alone.
namespace {
void sized(std::vector<std::uint8_t>& out, const std::string& s) {
    le(out, s.size(), 8);
    raw(out, s.data(), s.size());
}
} // namespace

std::vector<std::uint8_t> manifestFrameForTest(const Manifest& m, std::uint32_t attachmentCount) {
    std::vector<std::uint8_t> o{1};
    raw(o, m.senderFingerprint.data(), 32);
    sized(o, m.senderDevice);
    sized(o, m.senderName);
    sized(o, m.senderRole);
    sized(o, m.senderOrganisation);
    le(o, m.recipients.size(), 8);
    for (const auto& r : m.recipients)
        raw(o, r.data(), 32);
    raw(o, m.bundleId.data(), 16);
    le(o, m.sequence, 8);
    le(o, static_cast<std::uint64_t>(m.createdAt), 8);
    le(o, m.schemaVersion, 4);
    le(o, m.flags, 4);
    le(o, m.changeCount, 4);
    le(o, m.recordCount, 4);
    for (const SignedAuditHead* h : {&m.senderAudit, &m.recipientAudit}) {
        le(o, h->seq, 8);
        raw(o, h->hash.data(), 32);
        raw(o, h->signature.data(), 64);
    }
    le(o, attachmentCount, 4);
    return o;
}

std::vector<std::uint8_t> changesFrameForTest(const std::vector<Change>& changes) {
    std::vector<std::uint8_t> o{1};
    le(o, changes.size(), 8);
    for (const auto& c : changes) {
        le(o, c.hlc, 8);
        sized(o, c.device);
        le(o, static_cast<std::uint8_t>(c.kind), 1);
        sized(o, c.recordId);
        sized(o, c.field);
        sized(o, c.value);
        sized(o, c.author);
        sized(o, c.base);
    }
    return o;
}

std::vector<std::uint8_t> attachmentFrameForTest(const Attachment& a) {
    std::vector<std::uint8_t> o{1};
    sized(o, a.name);
    sized(o, a.mediaType);
    sized(o, a.youngPersonId);
    le(o, a.bytes.size(), 8);
    raw(o, a.bytes.data(), a.bytes.size());
    return o;
}

std::vector<std::uint8_t> bodyFromFrames(const std::vector<std::vector<std::uint8_t>>& frames) {
    std::vector<std::uint8_t> o;
    raw(o, "TLBODY04", 8);
    for (const auto& f : frames) {
        le(o, f.size(), 4);
        raw(o, f.data(), f.size());
    }
    return o;
}

std::vector<std::uint8_t> encodeBodyForTest(const Manifest& m, const std::vector<Change>& changes,
                                            const std::vector<Attachment>& attachments) {
    std::vector<std::vector<std::uint8_t>> frames{
        manifestFrameForTest(m, static_cast<std::uint32_t>(attachments.size()))};
    for (std::size_t i = 0; i < changes.size(); i += 1000)
        frames.push_back(changesFrameForTest(
            std::vector<Change>(changes.begin() + static_cast<long>(i),
                                changes.begin() + static_cast<long>(std::min(changes.size(), i + 1000)))));
    for (const auto& a : attachments)
        frames.push_back(attachmentFrameForTest(a));
    return bodyFromFrames(frames);
}

Manifest manifestFor(const TestIdentity& sender, const std::vector<const TestIdentity*>& recipients,
                     const BundleId& id, std::uint64_t sequence, std::size_t changeCount) {
    Manifest m;
    m.senderFingerprint = sender.pub.fingerprint();
    m.senderDevice = sender.pub.device;
    m.senderName = sender.pub.name;
    m.senderRole = sender.pub.role;
    m.senderOrganisation = sender.pub.organisation;
    for (const auto* r : recipients)
        m.recipients.push_back(r->pub.fingerprint());
    m.bundleId = id;
    m.sequence = sequence;
    m.createdAt = 1767225600000;
    m.schemaVersion = 5;
    m.changeCount = static_cast<std::uint32_t>(changeCount);
    m.recordCount = 1;
    return m;
}

std::vector<std::uint8_t> craftBundle(const TestIdentity& sender,
                                      const std::vector<const TestIdentity*>& recipients, const BundleId& id,
                                      const Craft& craft) {
    std::uint8_t fileKey[32], payloadKey[32], macKey[32];
    randombytes_buf(fileKey, 32);
    const char ctx[8] = {'T', 'L', 'B', 'U', 'N', 'D', 'L', 'E'};
    crypto_kdf_derive_from_key(payloadKey, 32, 1, ctx, fileKey);
    crypto_kdf_derive_from_key(macKey, 32, 2, ctx, fileKey);
    std::vector<std::uint8_t> h;
    raw(h, "THRLBNDL", 8);
    le(h, craft.version, 2);
    le(h, 0, 2);
    raw(h, id.data(), 16);
    le(h, recipients.size(), 1);
    for (const auto* r : recipients) {
        std::uint8_t stanza[80];
        crypto_box_seal(stanza, fileKey, 32, r->pub.boxKey.data());
        raw(h, stanza, 80);
    }
    crypto_secretstream_xchacha20poly1305_state st;
    std::uint8_t sh[24];
    crypto_secretstream_xchacha20poly1305_init_push(&st, sh, payloadKey);
    raw(h, sh, 24);
    std::uint8_t mac[32];
    crypto_generichash(mac, 32, h.data(), h.size(), macKey, 32);
    raw(h, mac, 32);

    std::vector<std::uint8_t> plain;
    raw(plain, sender.pub.signKey.data(), 32);
    le(plain, craft.compression, 1);
    le(plain,
       craft.declaredBodySize < 0 ? craft.body.size() : static_cast<std::uint64_t>(craft.declaredBodySize),
       4);
    le(plain,
       craft.declaredStoredSize < 0 ? craft.body.size()
                                    : static_cast<std::uint64_t>(craft.declaredStoredSize),
       4);
    raw(plain, craft.body.data(), craft.body.size());
    // Ed25519ph (libsodium's multi-part signature) over context, header and plaintext so far.
    crypto_sign_state sigState;
    crypto_sign_init(&sigState);
    crypto_sign_update(&sigState, reinterpret_cast<const unsigned char*>("THRLBNDL-SIG-3"), 14);
    crypto_sign_update(&sigState, h.data(), h.size());
    crypto_sign_update(&sigState, plain.data(), plain.size());
    std::uint8_t sig[64];
    crypto_sign_final_create(&sigState, sig, nullptr, sender.signSecret.data());
    if (craft.corruptSignature) sig[10] ^= 1;
    raw(plain, sig, 64);

    std::vector<std::uint8_t> file = h;
    const std::size_t chunk = 65536;
    for (std::size_t pos = 0;;) {
        const std::size_t n = std::min(chunk, plain.size() - pos);
        const bool last = plain.size() - pos < chunk;
        const bool final = last || craft.twoFinalChunks;
        const std::size_t at = file.size();
        file.resize(at + n + 17);
        crypto_secretstream_xchacha20poly1305_push(&st, file.data() + at, nullptr, plain.data() + pos, n,
                                                   nullptr, 0,
                                                   final ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
                                                         : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
        pos += n;
        if (last) break;
    }
    return file;
}

Result<BundleContents> readAs(const std::vector<std::uint8_t>& file, const TestIdentity& reader,
                              const std::vector<const TestIdentity*>& known) {
    return readBundle(file, reader.pub.boxKey, reader.boxSecret, reader.pub.fingerprint(),
                      [&](const Key32& signKey) -> Result<Key32> {
                          for (const auto* k : known)
                              if (k->pub.signKey == signKey) return k->pub.fingerprint();
                          return makeError(ErrorCode::Invalid, ErrorReason::UnknownSender, "unknown");
                      });
}

} // namespace synctest
