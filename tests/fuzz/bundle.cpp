// libFuzzer target "bundle": the bundle parsers: the header parser, the full reader (as far as an attacker
// without the file key can reach: size, header, stanzas) and the body decoder (the bounded pre-pass, then
// cereal, then the checks of each value), which in real use only ever sees signed bytes. Built and run by
// tests/fuzz/fuzz.sh (docs/testing.md, "Fuzzing").
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include <sodium.h>

#include "bundle_body.hpp" // core/sync/src: the body encoder, for a valid seed
#include "throughline/records/records.hpp"
#include "throughline/sync/bundle.hpp"

using namespace throughline::core;
using namespace throughline::core::sync;

// With THROUGHLINE_FUZZ_SEED_DIR set, writes a whole valid body (three changes, one attachment) there, so
// the fuzzer starts from frames whose sizes add up instead of having to find them.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
    const char* dir = std::getenv("THROUGHLINE_FUZZ_SEED_DIR");
    if (!dir) return 0;
    Manifest m;
    m.senderDevice = "00aa11bb22cc33dd";
    m.senderName = "Ada Quillfeather";
    m.recipients = {Key32{}};
    m.changeCount = 3;
    m.recordCount = 1;
    std::vector<Change> changes;
    const std::string id = newUuid();
    for (const char* field : {"name", "notes", "preferred_name"}) {
        Change c;
        c.kind = RecordKind::YoungPerson;
        c.recordId = id;
        c.field = field;
        c.value = "Ashby";
        c.hlc = (std::uint64_t{1767225600000} << 16) + changes.size() + 1;
        c.device = m.senderDevice;
        c.author = m.senderName;
        changes.push_back(c);
    }
    const std::vector<Attachment> attachments{{"summary.pdf", "application/pdf", id, {'%', 'P', 'D', 'F'}}};
    const auto body = body::encodeBody(m, changes, attachments);
    std::ofstream out(std::string(dir) + "/valid-body", std::ios::binary);
    out.put(1); // the target's selector: the body decoder
    out.write(reinterpret_cast<const char*>(body.data()), static_cast<std::streamsize>(body.size()));
    return 0;
}

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
