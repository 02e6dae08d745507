#pragma once
// Sync bundles (docs/bundle-format.md §3–4): writing a signed, encrypted bundle for named recipients, and
// reading one back with every check made before anything could touch a database. Pure functions over
// bytes and keys; the vault-level export and import build on these.
#include "throughline/vault/audit_anchor.hpp"
#include "throughline/base/result.hpp"
#include "throughline/records/store.hpp"
#include "throughline/vault/identity.hpp"

#include <array>
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace throughline::core::sync {

using BundleId = std::array<std::uint8_t, 16>;

/// Format constants and limits (docs/bundle-format.md §7).
struct BundleLimits {
    static constexpr std::uint16_t version = 4;
    static constexpr std::size_t maxFileBytes = 512ull << 20;
    static constexpr std::size_t maxRecipients = 16;
    static constexpr std::size_t maxBodyBytes = 256ull << 20;
    static constexpr std::size_t maxChanges = 10'000'000;
    // One field's value: the longest text field (20,000 characters) at four bytes a character, and room.
    static constexpr std::size_t maxValueBytes = 128 << 10;
    static constexpr std::size_t chunkBytes = 64 << 10;
    static constexpr std::size_t maxBaseRefs = 256; // refs in one change's base
    static constexpr std::size_t maxAttachments = 64;
    static constexpr std::size_t maxAttachmentBytes = 64ull << 20;
    static constexpr int maxZstdWindowLog = 17; // 128 KiB: what a reader must hold to decompress
};

/// What a bundle says about itself (inside the encryption, signed).
struct Manifest {
    Key32 senderFingerprint{};
    std::string senderDevice, senderName, senderRole, senderOrganisation;
    std::vector<Key32> recipients; // fingerprints
    BundleId bundleId{};
    std::uint64_t sequence = 0;
    std::int64_t createdAt = 0; // UTC ms
    std::uint32_t schemaVersion = 0;
    std::uint32_t flags = 0; // ManifestFlags
    std::uint32_t changeCount = 0, recordCount = 0;
    /// The sender's own audit head at export, signed by the sender.
    SignedAuditHead senderAudit;
    /// The recipient's audit head as the sender last received it (from the recipient's own bundles), so
    /// that the recipient can check its trail against it. Meaningful with one recipient.
    SignedAuditHead recipientAudit;
};

enum ManifestFlags : std::uint32_t { FullExport = 1u << 0, LocationIncluded = 1u << 1 };

/// A file carried inside a bundle: a rendered handover summary.
struct Attachment {
    std::string name;          // a plain file name, e.g. "handover-….pdf" (no folders)
    std::string mediaType;     // e.g. "application/pdf"
    std::string youngPersonId; // whose summary it is (a UUID), or empty
    std::vector<std::uint8_t> bytes;
};

/// A bundle's decoded contents.
struct BundleContents {
    Manifest manifest;
    std::vector<Change> changes;
    std::vector<Attachment> attachments;
    Key32 senderSignKey{};
};

/// Who writes a bundle: identity plus its signing secret.
struct Sender {
    PublicIdentity identity;
    const SecureBytes* signSecret = nullptr; // 64 bytes
};

/// Writes a bundle for `recipients` (1–16). The manifest's sender, recipients, bundle id and counts are
/// filled in here; the caller sets sequence, createdAt, schemaVersion and flags.
Result<std::vector<std::uint8_t>> writeBundle(Manifest manifest, const std::vector<Change>& changes,
                                              const Sender& sender,
                                              const std::vector<PublicIdentity>& recipients,
                                              bool compress = true,
                                              const std::vector<Attachment>& attachments = {});

/// How the reader learns whether it knows the signer: called with the embedded signing key after the
/// signature verified and before anything is decompressed or parsed. Returns the known contact's fingerprint
/// (which the manifest must name as its sender), or an Error to refuse.
using SenderCheck = std::function<Result<Key32>(const Key32& signKey)>;

/// Random access to a bundle's bytes, so that reading never needs the whole file in memory.
class BundleInput {
  public:
    virtual ~BundleInput() = default;
    virtual std::uint64_t size() const = 0;
    /// Reads exactly `n` bytes at `offset`; false if they cannot be read.
    virtual bool readAt(std::uint64_t offset, std::uint8_t* out, std::size_t n) const = 0;
};
/// Bytes already in memory.
std::unique_ptr<BundleInput> bytesInput(const std::vector<std::uint8_t>& bytes);
/// A regular file. With `dirFd` (a folder opened with O_NOFOLLOW, e.g. the inbox), `file` is a name inside it
/// and a symbolic link is refused; without, `file` is a path the user chose (a link they made is followed).
/// NotFound, or Invalid with key "not-a-file" for a link (in a folder), a folder, a device or a pipe.
Result<std::unique_ptr<BundleInput>> openBundleFile(const std::filesystem::path& file, int dirFd = -1);

/// Progress and cancellation of one read: `progress(done, total)` after each chunk (bytes of work: the
/// payload is read twice, once to check the signature and once to decode); reading stops with Error key
/// "cancelled" when `*cancel` becomes true. Both are used on the calling thread only.
struct ReadControl {
    std::function<void(std::uint64_t done, std::uint64_t total)> progress;
    const std::atomic<bool>* cancel = nullptr;
};

/// Reads and checks a bundle addressed to the holder of `boxSecret` (with public key `boxPublic`): size,
/// header, recipient stanza, header MAC, every chunk and the final tag, lengths, signature, `senderCheck`,
/// body bounds, manifest against header and signer, and that `ownFingerprint` is among the recipients.
/// Each failure is its own plain-English Error with a stable key in Error::field (see the format doc).
/// `afterHeader`, when given, is called with the bundle id once the header MAC has verified and before the
/// payload is decrypted: importing refuses a replay there without decrypting the whole file.
/// Memory: two passes over the payload, one 64 KiB chunk at a time (the first checks every chunk and the
/// signature, the second decodes); nothing but the decoded changes and attachments is held whole.
Result<BundleContents> readBundle(const BundleInput& file, const Key32& boxPublic,
                                  const SecureBytes& boxSecret, const Key32& ownFingerprint,
                                  const SenderCheck& senderCheck,
                                  const std::function<Status(const BundleId&)>& afterHeader = {},
                                  const ReadControl* control = nullptr);
/// The same over bytes in memory.
Result<BundleContents> readBundle(const std::vector<std::uint8_t>& file, const Key32& boxPublic,
                                  const SecureBytes& boxSecret, const Key32& ownFingerprint,
                                  const SenderCheck& senderCheck,
                                  const std::function<Status(const BundleId&)>& afterHeader = {});

/// The largest header a bundle can have (16 recipients): reading this much is enough for peekBundleId.
inline constexpr std::size_t kMaxBundleHeaderBytes = 29 + 16 * 80 + 24 + 32;
/// Opens only a bundle's header (`available` bytes of a file of `fileSize`): checks it, finds this vault's
/// stanza and verifies the header MAC, and returns the bundle id, now authentic for the file key.
Result<BundleId> peekBundleId(const std::uint8_t* data, std::size_t available, std::size_t fileSize,
                              const Key32& boxPublic, const SecureBytes& boxSecret);

/// The body decoder on its own (manifest, changes, attachments), for the fuzz target and tests: the bounded
/// pre-pass, then cereal, then the checks of each value. Nothing about the signer or the header.
Result<BundleContents> parseBody(const std::uint8_t* data, std::size_t size);
/// The header parser on its own (for the fuzz target): magic, version, flags, recipients, sizes.
Status parseHeaderOnly(const std::uint8_t* data, std::size_t size);

/// Hex of a bundle id.
std::string bundleIdHex(const BundleId& id);

} // namespace throughline::core::sync
