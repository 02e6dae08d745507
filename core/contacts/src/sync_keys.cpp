// Fingerprints and hex of public keys: no database, so the bundle parser (and its fuzz target) can link them
// alone.
#include <sodium.h>

#include "throughline/contacts/identity.hpp"

namespace throughline::core::sync {

namespace {
constexpr const char* kCrockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
} // namespace

std::string toHex(const std::uint8_t* data, std::size_t size) {
    std::string out(size * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), data, size);
    out.pop_back();
    return out;
}

Key32 PublicIdentity::fingerprint() const {
    static const char kContext[] = "throughline-card-v1";
    Key32 out{};
    crypto_generichash_state st;
    crypto_generichash_init(&st, nullptr, 0, out.size());
    crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(kContext), sizeof kContext - 1);
    crypto_generichash_update(&st, signKey.data(), signKey.size());
    crypto_generichash_update(&st, boxKey.data(), boxKey.size());
    crypto_generichash_final(&st, out.data(), out.size());
    return out;
}

std::string PublicIdentity::fingerprintHex() const {
    const auto fp = fingerprint();
    return toHex(fp.data(), fp.size());
}

std::string PublicIdentity::fingerprintWords() const {
    const auto fp = fingerprint();
    std::string out;
    std::uint32_t buffer = 0;
    int bits = 0, emitted = 0;
    for (std::size_t i = 0; i < 20; ++i) {
        buffer = (buffer << 8) | fp[i];
        bits += 8;
        while (bits >= 5) {
            if (emitted > 0 && emitted % 4 == 0) out += '-';
            out += kCrockford[(buffer >> (bits - 5)) & 31];
            bits -= 5;
            ++emitted;
        }
    }
    return out;
}

} // namespace throughline::core::sync
