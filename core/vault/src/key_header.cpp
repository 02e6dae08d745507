#include "throughline/vault/key_header.hpp"
#include "throughline/base/text.hpp"

#include <sodium.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace throughline::core {

namespace {

constexpr char kMagic[8] = {'T', 'H', 'R', 'L', 'N', 'K', 'E', 'Y'};
constexpr std::size_t kPrefixSize = 8 + 2 + 2 + 16 + 1;
constexpr std::size_t kSlotSize = 1 + 1 + 8 + 8 + 16 + 24 + 48;
constexpr std::size_t kSlotAdSize = 1 + 1 + 8 + 8 + 16;
static_assert(kPrefixSize + 2 * kSlotSize + 32 == KeyHeader::kSize);

void putU16(std::vector<std::uint8_t>& out, std::uint16_t v) {
    out.push_back(static_cast<std::uint8_t>(v));
    out.push_back(static_cast<std::uint8_t>(v >> 8));
}
void putU64(std::vector<std::uint8_t>& out, std::uint64_t v) {
    for (int i = 0; i < 8; ++i)
        out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}
std::uint16_t getU16(const std::uint8_t* p) {
    return static_cast<std::uint16_t>(p[0] | (p[1] << 8));
}
std::uint64_t getU64(const std::uint8_t* p) {
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i)
        v |= static_cast<std::uint64_t>(p[i]) << (8 * i);
    return v;
}

std::vector<std::uint8_t> prefixBytes(const KeyHeader& h) {
    std::vector<std::uint8_t> out(kMagic, kMagic + 8);
    putU16(out, h.version);
    putU16(out, h.flags);
    out.insert(out.end(), h.vaultId.begin(), h.vaultId.end());
    out.push_back(2);
    return out;
}

void slotParams(std::vector<std::uint8_t>& out, const KeySlot& s) {
    out.push_back(static_cast<std::uint8_t>(s.kind));
    out.push_back(static_cast<std::uint8_t>(s.kdf));
    putU64(out, s.opsLimit);
    putU64(out, s.memLimit);
    out.insert(out.end(), s.salt.begin(), s.salt.end());
}

// Associated data binds the wrapped key to this vault and this slot's parameters.
std::vector<std::uint8_t> slotAd(const KeyHeader& h, const KeySlot& s) {
    auto ad = prefixBytes(h);
    slotParams(ad, s);
    return ad;
}

Result<SecureBytes> deriveKek(const KeySlot& s, std::string_view passphrase, const SecureBytes* recovery) {
    SecureBytes kek(32);
    if (s.kdf == KdfAlg::Argon2id13) {
        KdfParams p{s.opsLimit, s.memLimit};
        if (!p.withinBounds())
            return makeError(
                ErrorCode::HeaderDamaged,
                "The vault's key file asks for key-derivation settings outside safe limits; it may be "
                "damaged or tampered with.");
        if (crypto_pwhash(kek.data(), 32, passphrase.data(), passphrase.size(), s.salt.data(), s.opsLimit,
                          static_cast<std::size_t>(s.memLimit), crypto_pwhash_ALG_ARGON2ID13) != 0)
            return makeError(ErrorCode::Internal, "Not enough memory to derive the key.");
    } else {
        if (!recovery || recovery->size() != 20)
            return makeError(ErrorCode::Internal, "recovery key missing");
        crypto_generichash(kek.data(), 32, recovery->data(), recovery->size(), s.salt.data(), s.salt.size());
    }
    return kek;
}

Status wrap(const KeyHeader& h, KeySlot& s, const SecureBytes& kek, const SecureBytes& dataKey) {
    randombytes_buf(s.nonce.data(), s.nonce.size());
    const auto ad = slotAd(h, s);
    unsigned long long clen = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(s.wrapped.data(), &clen, dataKey.data(), dataKey.size(),
                                               ad.data(), ad.size(), nullptr, s.nonce.data(), kek.data());
    return {};
}

Result<SecureBytes> unwrap(const KeyHeader& h, const KeySlot& s, const SecureBytes& kek, ErrorCode failCode,
                           const char* failMessage) {
    SecureBytes key(32);
    const auto ad = slotAd(h, s);
    unsigned long long mlen = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(key.data(), &mlen, nullptr, s.wrapped.data(),
                                                   s.wrapped.size(), ad.data(), ad.size(), s.nonce.data(),
                                                   kek.data()) != 0 ||
        mlen != 32)
        return makeError(failCode, failMessage);
    return key;
}

} // namespace

KdfParams KdfParams::moderate() {
    return {crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE};
}
KdfParams KdfParams::interactive() {
    return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}
KdfParams KdfParams::minimumForTests() {
    return {1, 8ull << 20};
}
bool KdfParams::withinBounds() const {
    return opsLimit >= 1 && opsLimit <= 16 && memLimitBytes >= (8ull << 20) && memLimitBytes <= (2ull << 30);
}

std::vector<std::uint8_t> KeyHeader::serialize() const {
    auto out = prefixBytes(*this);
    for (const KeySlot* s : {&passphrase, &recovery}) {
        slotParams(out, *s);
        out.insert(out.end(), s->nonce.begin(), s->nonce.end());
        out.insert(out.end(), s->wrapped.begin(), s->wrapped.end());
    }
    std::uint8_t sum[32];
    crypto_generichash(sum, sizeof sum, out.data(), out.size(), nullptr, 0);
    out.insert(out.end(), sum, sum + 32);
    return out;
}

Result<KeyHeader> KeyHeader::parse(const std::vector<std::uint8_t>& b) {
    ensureSodium();
    const auto damaged = [](const char* why) {
        return makeError(ErrorCode::HeaderDamaged,
                         std::string("The vault's key file is damaged (") + why + ").");
    };
    if (b.size() != kSize) return damaged("wrong size");
    std::uint8_t sum[32];
    crypto_generichash(sum, sizeof sum, b.data(), kSize - 32, nullptr, 0);
    if (sodium_memcmp(sum, b.data() + kSize - 32, 32) != 0) return damaged("checksum mismatch");
    if (std::memcmp(b.data(), kMagic, 8) != 0) return damaged("not a Throughline key file");
    KeyHeader h;
    h.version = getU16(b.data() + 8);
    if (h.version != 1)
        return makeError(ErrorCode::Unsupported, "This vault was made by a newer version of Throughline.");
    h.flags = getU16(b.data() + 10);
    std::memcpy(h.vaultId.data(), b.data() + 12, 16);
    if (b[28] != 2) return damaged("unexpected slot count");
    const std::uint8_t* p = b.data() + kPrefixSize;
    for (KeySlot* s : {&h.passphrase, &h.recovery}) {
        s->kind = static_cast<SlotKind>(p[0]);
        s->kdf = static_cast<KdfAlg>(p[1]);
        s->opsLimit = getU64(p + 2);
        s->memLimit = getU64(p + 10);
        std::memcpy(s->salt.data(), p + 18, 16);
        std::memcpy(s->nonce.data(), p + 34, 24);
        std::memcpy(s->wrapped.data(), p + 58, 48);
        p += kSlotSize;
    }
    if (h.passphrase.kind != SlotKind::Passphrase || h.passphrase.kdf != KdfAlg::Argon2id13 ||
        h.recovery.kind != SlotKind::Recovery || h.recovery.kdf != KdfAlg::Blake2b)
        return damaged("unexpected slot layout");
    return h;
}

Result<KeyHeader> KeyHeader::make(const SecureBytes& dataKey, std::string_view passphrase,
                                  const KdfParams& kdf, const SecureBytes& recoveryBytes) {
    ensureSodium();
    if (!kdf.withinBounds())
        return makeError(ErrorCode::Invalid, "Key-derivation settings are outside safe limits.");
    KeyHeader h;
    randombytes_buf(h.vaultId.data(), h.vaultId.size());
    h.recovery.kind = SlotKind::Recovery;
    h.recovery.kdf = KdfAlg::Blake2b;
    randombytes_buf(h.recovery.salt.data(), h.recovery.salt.size());
    auto rk = deriveKek(h.recovery, {}, &recoveryBytes);
    if (!rk) return rk.error();
    if (auto s = wrap(h, h.recovery, *rk, dataKey); !s) return s.error();
    if (auto s = h.rewrapPassphrase(dataKey, passphrase, kdf); !s) return s.error();
    return h;
}

Result<SecureBytes> KeyHeader::unwrapWithPassphrase(std::string_view pass) const {
    auto kek = deriveKek(passphrase, pass, nullptr);
    if (!kek) return kek.error();
    return unwrap(*this, passphrase, *kek, ErrorCode::WrongPassphrase,
                  "That passphrase is not right. Nothing has been changed; try again.");
}

Result<SecureBytes> KeyHeader::unwrapWithRecovery(const SecureBytes& recoveryBytes) const {
    auto kek = deriveKek(recovery, {}, &recoveryBytes);
    if (!kek) return kek.error();
    return unwrap(*this, recovery, *kek, ErrorCode::WrongPassphrase,
                  "That recovery key does not open this vault. Check it and try again.");
}

Status KeyHeader::rewrapPassphrase(const SecureBytes& dataKey, std::string_view newPassphrase,
                                   const KdfParams& kdf) {
    if (!kdf.withinBounds())
        return makeError(ErrorCode::Invalid, "Key-derivation settings are outside safe limits.");
    KeySlot s;
    s.kind = SlotKind::Passphrase;
    s.kdf = KdfAlg::Argon2id13;
    s.opsLimit = kdf.opsLimit;
    s.memLimit = kdf.memLimitBytes;
    randombytes_buf(s.salt.data(), s.salt.size());
    auto kek = deriveKek(s, newPassphrase, nullptr);
    if (!kek) return kek.error();
    if (auto st = wrap(*this, s, *kek, dataKey); !st) return st;
    passphrase = s;
    return {};
}

std::string formatRecoveryKey(const SecureBytes& bytes) {
    // 20 bytes = 160 bits = 32 base32 characters.
    return crockfordGroups(bytes.data(), bytes.size());
}

Result<SecureBytes> parseRecoveryKey(std::string_view text) {
    SecureBytes out(20);
    std::uint32_t buffer = 0;
    int bits = 0;
    std::size_t n = 0, chars = 0;
    for (char c : text) {
        if (c == ' ' || c == '-' || c == '\t' || c == '\n' || c == '\r') continue;
        const int value = crockfordValue(c);
        if (value < 0)
            return makeError(ErrorCode::Invalid, "The recovery key contains a character it cannot have.",
                             "recovery_key");
        if (++chars > 32) break;
        buffer = (buffer << 5) | static_cast<std::uint32_t>(value);
        bits += 5;
        if (bits >= 8) {
            out.data()[n++] = static_cast<std::uint8_t>(buffer >> (bits - 8));
            bits -= 8;
        }
    }
    if (chars != 32)
        return makeError(ErrorCode::Invalid, "A recovery key has 32 characters in 8 groups of 4.",
                         "recovery_key");
    return out;
}

} // namespace throughline::core
