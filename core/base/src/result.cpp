#include "throughline/base/result.hpp"

namespace throughline::core {

TL_DEFINE_ENUM_TABLE(ErrorReason, {ErrorReason::None, "none", "No particular reason"},
                     {ErrorReason::BundleSize, "size", "Not the size of a bundle"},
                     {ErrorReason::BundleHeader, "header", "Damaged or unknown bundle header"},
                     {ErrorReason::BundleRecipient, "recipient", "Not for this vault"},
                     {ErrorReason::BundleHeaderMac, "header-mac", "Bundle header does not authenticate"},
                     {ErrorReason::BundleDamaged, "damaged", "Bundle damaged"},
                     {ErrorReason::BundleTruncated, "truncated", "Bundle cut short"},
                     {ErrorReason::BundleTrailing, "trailing", "Bytes after the end of the bundle"},
                     {ErrorReason::BundlePayload, "payload", "Bundle contents do not add up"},
                     {ErrorReason::BundleSignature, "signature", "Bundle signature does not check"},
                     {ErrorReason::UnknownSender, "unknown-sender", "From someone not among the contacts"},
                     {ErrorReason::UnverifiedSender, "unverified-sender",
                      "From a contact whose fingerprint is not confirmed"},
                     {ErrorReason::BundleBody, "body", "Bundle contents malformed"},
                     {ErrorReason::BundleReplay, "replay", "Bundle imported before"},
                     {ErrorReason::BundleNothingNew, "old-sequence-nothing-new",
                      "An older bundle with nothing new, delivered late"},
                     {ErrorReason::BundleClock, "clock", "Changes dated in the future"},
                     {ErrorReason::BundleOrigin, "origin", "Changes not written by the sender"},
                     {ErrorReason::BundleRelayed, "relayed", "Changes relayed from another vault"},
                     {ErrorReason::BundleConfidential, "confidential", "Placement location not flagged"},
                     {ErrorReason::BundleImmutable, "immutable", "A record changes its kind or young person"},
                     {ErrorReason::BundleScope, "scope", "A young person not shared with the sender"},
                     {ErrorReason::BundleRecord, "record", "A record fails validation"},
                     {ErrorReason::BundleSchema, "schema", "A newer vault schema"},
                     {ErrorReason::Cancelled, "cancelled", "Cancelled"},
                     {ErrorReason::NotAFile, "not-a-file", "Not a regular file"},
                     {ErrorReason::ReadFailed, "read", "Could not be read"},
                     {ErrorReason::ContactNotFound, "contact-not-found", "No such contact"},
                     {ErrorReason::ContactAmbiguous, "contact-ambiguous", "More than one contact matches"})

const char* errorCodeName(ErrorCode code) {
    switch (code) {
    case ErrorCode::WrongPassphrase:
        return "wrong_passphrase";
    case ErrorCode::HeaderMissing:
        return "header_missing";
    case ErrorCode::HeaderDamaged:
        return "header_damaged";
    case ErrorCode::DatabaseDamaged:
        return "database_damaged";
    case ErrorCode::AlreadyOpen:
        return "already_open";
    case ErrorCode::DiskFull:
        return "disk_full";
    case ErrorCode::VaultExists:
        return "vault_exists";
    case ErrorCode::NotFound:
        return "not_found";
    case ErrorCode::Invalid:
        return "invalid";
    case ErrorCode::Io:
        return "io";
    case ErrorCode::Unsupported:
        return "unsupported";
    case ErrorCode::Internal:
        return "internal";
    }
    return "internal";
}

} // namespace throughline::core
