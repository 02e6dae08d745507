#pragma once
// A vault: a folder with an encrypted SQLCipher database, a key-slot header
// (plus its backup) and a lock file. Create, unlock, lock, change passphrase.
#include "throughline/base/result.hpp"
#include "throughline/vault/key_header.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace throughline::core {

class Database;
class Store;
class AuditTrail;
class SecureBytes;
enum class AuditKind : std::uint8_t;

/// Who owns a new vault (shown in records as the author).
struct Owner {
    std::string name = "Key worker";
    std::string role;
    std::string organisation;
};

struct CreateOptions {
    Owner owner;
    KdfParams kdf = KdfParams::moderate();
};

/// What lives in a vault folder.
struct VaultFiles {
    static constexpr const char* database = "vault.db";
    static constexpr const char* header = "vault.key";
    static constexpr const char* headerBackup = "vault.key.bak";
    static constexpr const char* lock = "vault.lock";
    /// Plain text outside the encryption (while locked there is no key to protect it): anyone with the
    /// folder can add or remove lines, so what it says reaches the audit trail as a hint, not as proof.
    static constexpr const char* failedUnlocks = "failed-unlocks.log";
    /// The log stops growing at this size (about a thousand attempts), and no more is read from it.
    static constexpr std::size_t failedUnlocksMaxBytes = 16 * 1024;
};

class Vault;

/// A newly created vault and its recovery key (to be shown to the user exactly once).
struct CreatedVault {
    std::unique_ptr<Vault> vault;
    std::string recoveryKey; // e.g. "K7QF-2MXA-…" (8 groups of 4, Crockford base32)
};

/// A placement's confidential location, handed out only after the reveal is audited.
struct ConfidentialLocation {
    std::string address, name;
};

/// An unlocked vault. Destroying it (or lock()) wipes the key and releases the folder.
class Vault {
  public:
    static Result<CreatedVault> create(const std::filesystem::path& dir, std::string_view passphrase,
                                       const CreateOptions& options = {});
    static Result<std::unique_ptr<Vault>> open(const std::filesystem::path& dir, std::string_view passphrase);
    /// Unlocks with the recovery key; the caller should then ask for a new passphrase.
    static Result<std::unique_ptr<Vault>> openWithRecoveryKey(const std::filesystem::path& dir,
                                                              std::string_view recoveryKey);
    /// True if `dir` holds a vault header (or its backup).
    static bool exists(const std::filesystem::path& dir);
    /// Minimum passphrase length accepted at create/change.
    static constexpr std::size_t minPassphraseLength = 10;

    ~Vault();
    Vault(const Vault&) = delete;
    Vault& operator=(const Vault&) = delete;

    /// Re-wraps the data key under a new passphrase (the database is not rewritten).
    Status changePassphrase(std::string_view newPassphrase, std::optional<KdfParams> kdf = std::nullopt);
    /// The same, after checking the current passphrase (WrongPassphrase if it is not right): what an
    /// unlocked session should ask for, so that an unattended laptop cannot have its passphrase changed.
    Status changePassphrase(std::string_view currentPassphrase, std::string_view newPassphrase);
    /// Wipes the data key, closes the database, releases the lock. The object is unusable afterwards.
    void lock();
    bool isUnlocked() const;

    Store& store();
    AuditTrail& audit();
    Database& database();
    const std::filesystem::path& dir() const { return m_dir; }
    const std::string& deviceId() const { return m_deviceId; }
    const Owner& owner() const { return m_owner; }
    Status setOwner(const Owner& owner);
    /// Writes a LocationRevealed audit entry (naming `purpose`) and only then returns the placement's
    /// confidential address and carer or home name. No audit entry, no location.
    Result<ConfidentialLocation> revealLocation(const std::string& placementId, std::string_view purpose);
    /// True when the primary header was damaged and was restored from its backup at unlock.
    bool headerWasRepaired() const { return m_headerRepaired; }
    /// Full check: header, database integrity, change log consistency, audit chain.
    struct VerifyReport {
        bool ok = true;
        std::vector<std::string> problems;
        std::vector<std::string> checks; // what passed, for display
    };
    Result<VerifyReport> verify();

    struct Impl;

  private:
    explicit Vault(std::filesystem::path dir);
    static Result<std::unique_ptr<Vault>>
    openWith(const std::filesystem::path& dir, AuditKind how,
             const std::function<Result<SecureBytes>(const KeyHeader&)>& unwrap);
    std::filesystem::path m_dir;
    std::unique_ptr<Impl> m_impl;
    std::string m_deviceId;
    Owner m_owner;
    bool m_headerRepaired = false;
};

} // namespace throughline::core
