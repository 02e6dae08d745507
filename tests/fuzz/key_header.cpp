// libFuzzer target "key_header": the key-slot header of `vault.key` and of its backup, read before the vault
// is unlocked (so from bytes anyone could have written), and the unwrapping of the recovery slot (BLAKE2b,
// cheap enough to run on every input; the Argon2id passphrase slot is not run). A header that parses must
// write back to exactly the same bytes. A 273-byte input is also parsed with its checksum recomputed, so the
// fuzzer reaches the checks behind the checksum (magic, version, slot layout, costs), which it could never
// reach by forging BLAKE2b. Built and run by tests/fuzz/fuzz.sh (docs/testing.md, "Fuzzing").
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include <sodium.h>

#include "throughline/vault/key_header.hpp"

using namespace throughline::core;

namespace {
void writeSeed(const char* dir, const std::string& name, const std::vector<std::uint8_t>& bytes) {
    std::ofstream out(std::string(dir) + "/" + name, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}
void check(const std::vector<std::uint8_t>& bytes, const SecureBytes& recovery) {
    auto h = KeyHeader::parse(bytes);
    if (!h) return;
    if (h->serialize() != bytes) std::abort(); // a parsed header is exactly the bytes it came from
    (void)h->unwrapWithRecovery(recovery);
    (void)KdfParams{h->passphrase.opsLimit, h->passphrase.memLimit}.withinBounds();
}
} // namespace

// With THROUGHLINE_FUZZ_SEED_DIR set, writes valid headers made by the real encoder there.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
    const char* dir = std::getenv("THROUGHLINE_FUZZ_SEED_DIR");
    if (!dir) return 0;
    if (sodium_init() < 0) return 0;
    SecureBytes dataKey(32), recovery(20);
    randombytes_buf(dataKey.data(), 32);
    randombytes_buf(recovery.data(), 20);
    auto h = KeyHeader::make(dataKey, "correct horse battery staple", KdfParams::minimumForTests(), recovery);
    if (!h) return 0;
    writeSeed(dir, "valid-minimum-kdf", h->serialize());
    // The same header after a passphrase change (a new salt and nonce), as the backup holds it.
    if (h->rewrapPassphrase(dataKey, "a different passphrase", KdfParams::minimumForTests()))
        writeSeed(dir, "valid-rewrapped", h->serialize());
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const SecureBytes recovery = [] {
        if (sodium_init() < 0) std::abort();
        SecureBytes r(20);
        return r;
    }();
    std::vector<std::uint8_t> bytes(data, data + size);
    check(bytes, recovery);
    if (size == KeyHeader::kSize) {
        crypto_generichash(bytes.data() + size - 32, 32, bytes.data(), size - 32, nullptr, 0);
        check(bytes, recovery);
    }
    return 0;
}
