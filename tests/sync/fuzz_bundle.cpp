// libFuzzer target for the bundle parsers: the header parser, the full reader (as far as an attacker
// without the file key can reach: size, header, stanzas) and the body decoder (manifest + changes), which
// in real use only ever sees signed bytes. Built and run by fuzz_bundle.sh with clang when available.
#include <cstddef>
#include <cstdint>
#include <vector>

#include <sodium.h>

#include "throughline/sync/bundle.hpp"

using namespace throughline::core;
using namespace throughline::core::sync;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto keys = [] {
        ensureSodium();
        std::pair<Key32, SecureBytes> k{Key32{}, SecureBytes(32)};
        crypto_box_keypair(k.first.data(), k.second.data());
        return k;
    }();
    if (size == 0) return 0;
    if (data[0] & 1) {
        (void)parseBody(data + 1, size - 1);
    } else {
        (void)parseHeaderOnly(data + 1, size - 1);
        const std::vector<std::uint8_t> file(data + 1, data + size);
        (void)readBundle(file, keys.first, keys.second, Key32{},
                         [](const Key32&) -> Result<Key32> { return Key32{}; });
    }
    return 0;
}
