// Fingerprints of public identities: no database, so the bundle parser (and its fuzz target) can link them
// alone.
#include <sodium.h>
#include "throughline/base/text.hpp"

#include "throughline/vault/identity.hpp"

namespace throughline::core {

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
    return crockfordGroups(fp.data(), 20); // the first 160 bits: 32 characters in 8 groups
}

} // namespace throughline::core
