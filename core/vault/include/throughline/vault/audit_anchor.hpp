#pragma once
// Anchoring the audit trail outside its database (docs/vault-format.md, "Anchoring the audit trail"): the
// latest entry's number and hash, signed with the vault's Ed25519 key, kept in a file beside the vault and
// carried in every bundle, so that colleagues keep witnesses of it and hand back the one they hold of yours.
#include "throughline/base/result.hpp"
#include "throughline/base/secure_bytes.hpp"

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace throughline::core {

class Database;
class Vault;

/// An audit head as its vault signed it: entry `seq` of the chain has hash `hash`.
struct SignedAuditHead {
    std::uint64_t seq = 0; // 0: none
    std::array<std::uint8_t, 32> hash{};
    std::array<std::uint8_t, 64> signature{};
    bool operator==(const SignedAuditHead&) const = default;
};

/// The file beside the database that holds the vault's signed head.
inline constexpr const char* kAuditHeadFile = "vault.audit-head";

/// Signs (seq, hash) as the vault whose Ed25519 public key is `signPublic` (`signSecret`: 64 bytes).
/// Message: "THRL-AUDIT-HEAD-1" ‖ signPublic ‖ seq (u64 LE) ‖ hash.
SignedAuditHead signAuditHead(const std::array<std::uint8_t, 32>& signPublic, const SecureBytes& signSecret,
                              std::uint64_t seq, const std::array<std::uint8_t, 32>& hash);
/// Whether `head` carries a valid signature by `signPublic`.
bool auditHeadSignedBy(const SignedAuditHead& head, const std::array<std::uint8_t, 32>& signPublic);

/// The vault's latest audit entry, signed now (seq 0 for an empty trail).
Result<SignedAuditHead> currentAuditHead(Vault& vault);
/// Writes the signed head of the trail as it is now to vault.audit-head (atomically), unconditionally: it
/// re-anchors the trail wherever it stands (what someone holding the vault's keys could do; tests use it).
Status writeAuditHeadFile(Vault& vault);
/// What the vault does after every audit entry once it is durable: writes the new head, but only if the
/// chain still reaches the head on disk (and a head file that was there before has not gone), so that the
/// evidence of a trail cut back while the vault was locked survives the next unlock for verify to report.
Status advanceAuditHead(Vault& vault);
/// Reads vault.audit-head: nullopt when missing, Invalid when malformed.
Result<std::optional<SignedAuditHead>> readAuditHeadFile(const std::filesystem::path& vaultDir);
/// Whether the vault's own chain still holds entry `head.seq` with `head.hash`: empty when it does, else
/// what is wrong ("the last N entries have been removed", "entry N has been rewritten").
Result<std::string> auditChainAgainst(Vault& vault, const SignedAuditHead& head);

/// A head as text ("seq hash signature", hex) for keeping in the vault's settings, and back.
std::string encodeAuditHead(const SignedAuditHead& head);
std::optional<SignedAuditHead> decodeAuditHead(const std::string& text);

/// A colleague's copy of this vault's audit head, handed back in one of their bundles.
struct WitnessOfMe {
    std::string holderFingerprint, holderName;
    SignedAuditHead head;
};
/// Keeps `head` as what the colleague `holderFingerprint` (named `holderName`) last saw of this vault, unless
/// a later head of theirs is kept already. Inside the caller's transaction.
void keepWitnessOfMe(Database& db, std::string_view holderFingerprint, std::string_view holderName,
                     const SignedAuditHead& head);
/// Every witness kept, by fingerprint. Undecodable values are left out.
std::vector<WitnessOfMe> witnessesOfMe(Database& db);

} // namespace throughline::core
