// libFuzzer target "audit_head": the signed audit head (`vault.audit-head`, and a witness's copy of it), a
// few text lines read before the vault is unlocked. A head that reads must write back to text that reads as
// the same head. Built and run by tests/fuzz/fuzz.sh (docs/testing.md, "Fuzzing").
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

#include "throughline/vault/audit_anchor.hpp"

using namespace throughline::core;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    const char* dir = std::getenv("THROUGHLINE_FUZZ_SEED_DIR");
    if (!dir) return 0;
    SignedAuditHead h;
    h.seq = 4217;
    for (std::size_t i = 0; i < h.hash.size(); ++i)
        h.hash[i] = static_cast<std::uint8_t>(i * 7 + 1);
    for (std::size_t i = 0; i < h.signature.size(); ++i)
        h.signature[i] = static_cast<std::uint8_t>(255 - i);
    std::ofstream(std::string(dir) + "/valid-head", std::ios::binary) << encodeAuditHead(h);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    auto h = decodeAuditHead(text);
    if (!h) return 0;
    auto again = decodeAuditHead(encodeAuditHead(*h));
    if (!again || !(*again == *h)) std::abort();
    return 0;
}
