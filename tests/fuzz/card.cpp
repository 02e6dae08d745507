// libFuzzer target "card": a colleague's contact card (`*.tlcard`, docs/bundle-format.md §2), parsed from
// text that came from outside before its self-signature is checked. Built and run by tests/fuzz/fuzz.sh
// (docs/testing.md, "Fuzzing").
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

#include <sodium.h>

#include "throughline/base/text.hpp"
#include "throughline/contacts/contacts.hpp"

using namespace throughline::core;

// With THROUGHLINE_FUZZ_SEED_DIR set, writes a valid card there (fresh keys, invented details), made the way
// makeCard makes one; it aborts if parseCard does not accept it, so the seed cannot silently go stale.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
    const char* dir = std::getenv("THROUGHLINE_FUZZ_SEED_DIR");
    if (!dir) return 0;
    if (sodium_init() < 0) std::abort();
    PublicIdentity id;
    id.name = "Ada Quillfeather";
    id.role = "Key worker";
    id.organisation = "Fernhollow Children's Services";
    id.device = "00aa11bb22cc33dd";
    std::uint8_t signSecret[crypto_sign_SECRETKEYBYTES], boxSecret[crypto_box_SECRETKEYBYTES];
    crypto_sign_keypair(id.signKey.data(), signSecret);
    crypto_box_keypair(id.boxKey.data(), boxSecret);
    const std::string body = std::string("THROUGHLINE CONTACT CARD 1\n") + "name: " + id.name + "\n" +
                             "role: " + id.role + "\n" + "organisation: " + id.organisation + "\n" +
                             "device: " + id.device + "\n" + "sign-key: " + toHex(id.signKey.data(), 32) +
                             "\n" + "box-key: " + toHex(id.boxKey.data(), 32) + "\n" +
                             "fingerprint: " + id.fingerprintWords() + "\n";
    std::uint8_t sig[crypto_sign_BYTES];
    crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(body.data()), body.size(),
                         signSecret);
    const std::string card = body + "signature: " + toHex(sig, sizeof sig) + "\n";
    if (!contacts::parseCard(card)) std::abort();
    std::ofstream(std::string(dir) + "/valid-card", std::ios::binary) << card;
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const bool ready = sodium_init() >= 0;
    if (!ready) std::abort();
    (void)contacts::parseCard(std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}
