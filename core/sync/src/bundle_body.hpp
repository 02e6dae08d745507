#pragma once
// The bundle body (docs/bundle-format.md §3.4), private to the sync module: a bounded framing reader in
// front, cereal's portable binary archive inside each frame. Every size a frame declares is checked by a
// pre-pass over the frame's bytes, already in memory, before cereal reads them (cereal trusts the sizes it
// reads), and only signed, verified bytes ever reach the decoder.
#include "throughline/base/result.hpp"
#include "throughline/sync/bundle.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace throughline::core::sync::body {

inline Error bundleError(ErrorCode code, ErrorReason reason, std::string message) {
    return makeError(code, reason, std::move(message));
}

/// A bounded reader over a body that arrives in windows (all of it at once from memory, or piece by piece
/// from a stream): `left` is what the body still holds, so every length is checked before allocating.
struct In {
    const std::uint8_t* p = nullptr;
    std::size_t avail = 0; // bytes in the current window
    std::size_t left = 0;  // bytes left in the whole body
    bool ok = true;
    std::function<std::pair<const std::uint8_t*, std::size_t>()> refill; // next window; size 0 at the end
    In(const std::uint8_t* data, std::size_t size) : p(data), avail(size), left(size) {}
    In(std::size_t size, std::function<std::pair<const std::uint8_t*, std::size_t>()> next)
        : left(size), refill(std::move(next)) {}
    bool take(void* out, std::size_t n) {
        if (!ok || n > left) return ok = false;
        auto* o = static_cast<std::uint8_t*>(out);
        for (std::size_t need = n; need;) {
            if (avail == 0) {
                if (!refill) return ok = false;
                auto [q, m] = refill();
                if (m == 0) return ok = false;
                p = q;
                avail = m;
            }
            const std::size_t k = std::min(need, avail);
            if (o) {
                std::memcpy(o, p, k);
                o += k;
            }
            p += k;
            avail -= k;
            need -= k;
        }
        left -= n;
        return true;
    }
    std::uint64_t le(int n) {
        std::uint8_t b[8] = {};
        if (!take(b, n)) return 0;
        std::uint64_t v = 0;
        for (int i = n - 1; i >= 0; --i)
            v = (v << 8) | b[i];
        return v;
    }
    std::uint8_t u8() { return static_cast<std::uint8_t>(le(1)); }
    std::uint32_t u32() { return static_cast<std::uint32_t>(le(4)); }
    std::uint64_t u64() { return le(8); }
};

/// Field caps of the body, shared by the writer's checks and the reader's pre-pass.
inline constexpr std::size_t kMaxShortText = 120, kMaxDevice = 64, kMaxField = 64, kMaxUuid = 36;
inline constexpr std::size_t kMaxBase = 64 << 10;
inline constexpr std::size_t kMaxFileName = 255, kMaxMediaType = 100;
/// Frame caps: what one frame may declare, checked before its bytes are read into memory.
inline constexpr std::size_t kMaxManifestFrame = 4 << 10;
inline constexpr std::size_t kMaxChangesFrame = 1 << 20;
inline constexpr std::size_t kMaxChangesPerFrame = 4096;
inline constexpr std::size_t kMaxAttachmentFrame = BundleLimits::maxAttachmentBytes + (1 << 10);
/// The fewest bytes one change takes inside a frame (eight fixed fields and six empty strings).
inline constexpr std::size_t kMinChangeBytes = 8 + 8 + 1 + 8 + 8 + 8 + 8 + 8;

/// Encodes manifest, changes and attachments as the body's frames (the writer has checked every cap).
std::vector<std::uint8_t> encodeBody(const Manifest& m, const std::vector<Change>& changes,
                                     const std::vector<Attachment>& attachments);
/// Decodes a body from `in`, which must end exactly where the body does. Bounds first, then cereal, then
/// what each value must be (UUIDs, kinds, fields, bases, file names).
Result<BundleContents> decodeBody(In& in);

bool plainFileName(const std::string& name);
bool plainMediaType(const std::string& type);

} // namespace throughline::core::sync::body
