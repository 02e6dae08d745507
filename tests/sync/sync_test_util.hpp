#pragma once
// Helpers for the sync tests: stand-alone identities (keys without a vault) and a reference bundle writer
// built from docs/bundle-format.md alone, so tests can craft hostile bundles that are still validly signed.
#include <cstdint>
#include <string>
#include <vector>

#include "throughline/base/secure_bytes.hpp"
#include "throughline/sync/bundle.hpp"
#include "throughline/contacts/contacts.hpp"

namespace synctest {

using namespace throughline::core;
using namespace throughline::core::sync;
using namespace throughline::core::contacts;

/// A device identity with its secrets, made without a vault.
struct TestIdentity {
    PublicIdentity pub;
    SecureBytes signSecret{64}, boxSecret{32};
    explicit TestIdentity(const std::string& name);
    Sender sender() const { return Sender{pub, &signSecret}; }
};

/// A few changes of a young person record (valid kinds, fields and UUIDs).
std::vector<Change> sampleChanges(int n, const std::string& device = "00aa11bb22cc33dd");

/// What the reference writer puts in the plaintext; fields left alone make a valid bundle.
struct Craft {
    std::vector<std::uint8_t> body; // the encoded body (see encodeBodyForTest)
    std::uint8_t compression = 0;
    std::int64_t declaredBodySize = -1;   // -1: the body's size
    std::int64_t declaredStoredSize = -1; // -1: the stored size
    bool twoFinalChunks = false;          // every chunk tagged FINAL (use a body over 64 KiB)
    bool corruptSignature = false;
    std::uint16_t version = 4;
};

/// Encodes a body exactly as the format describes (magic, then frames: the manifest, changes in frames of
/// at most 1000, one frame per attachment). Written from the doc, not with cereal.
std::vector<std::uint8_t> encodeBodyForTest(const Manifest& m, const std::vector<Change>& changes,
                                            const std::vector<Attachment>& attachments = {});
/// One frame's bytes (without its u32 length), for tests that break one on purpose.
std::vector<std::uint8_t> manifestFrameForTest(const Manifest& m, std::uint32_t attachmentCount);
std::vector<std::uint8_t> changesFrameForTest(const std::vector<Change>& changes);
std::vector<std::uint8_t> attachmentFrameForTest(const Attachment& a);
/// The body's magic, then each frame after its u32 length.
std::vector<std::uint8_t> bodyFromFrames(const std::vector<std::vector<std::uint8_t>>& frames);
/// A manifest from `sender` to `recipients` with `id` as bundle id.
Manifest manifestFor(const TestIdentity& sender, const std::vector<const TestIdentity*>& recipients,
                     const BundleId& id, std::uint64_t sequence, std::size_t changeCount);
/// Writes a bundle by hand, following the format doc, with the hostile options of `craft`.
std::vector<std::uint8_t> craftBundle(const TestIdentity& sender,
                                      const std::vector<const TestIdentity*>& recipients, const BundleId& id,
                                      const Craft& craft);

/// Reads `file` as `reader`, accepting `known` senders only (verified).
Result<BundleContents> readAs(const std::vector<std::uint8_t>& file, const TestIdentity& reader,
                              const std::vector<const TestIdentity*>& known);

} // namespace synctest
