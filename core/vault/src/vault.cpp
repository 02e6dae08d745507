#include "throughline/vault/vault.hpp"
#include "throughline/base/text.hpp"

#include <sodium.h>

#include <cstring>
#include <fstream>
#include <sys/stat.h>

#include "throughline/records/fields.hpp"
#include "throughline/db/audit.hpp"
#include "throughline/vault/audit_anchor.hpp"
#include "throughline/db/database.hpp"
#include "throughline/vault/key_header.hpp"
#include "throughline/base/files.hpp"
#include "throughline/db/schema.hpp"
#include "throughline/records/store.hpp"
#include "throughline/vault/identity.hpp"
#include "throughline/vault/staged_files.hpp"

namespace throughline::core {

namespace fs = std::filesystem;

struct Vault::Impl {
    FileLock lock;
    KeyHeader header;
    SecureBytes dataKey;
    Database db;
    std::unique_ptr<Store> store;
    std::unique_ptr<AuditTrail> audit;
};

namespace {

Status writeHeaders(const fs::path& dir, const KeyHeader& h) {
    const auto bytes = h.serialize();
    if (auto s = atomicWriteFile(dir / VaultFiles::header, bytes); !s) return s;
    return atomicWriteFile(dir / VaultFiles::headerBackup, bytes);
}

// The two copies of the key file as found on disk; at least one parsed.
struct HeaderCopies {
    std::optional<KeyHeader> primary, backup;
    /// The distinct copies to try, primary first.
    std::vector<KeyHeader> candidates() const {
        std::vector<KeyHeader> out;
        if (primary) out.push_back(*primary);
        if (backup && (!primary || backup->serialize() != primary->serialize())) out.push_back(*backup);
        return out;
    }
};

Result<HeaderCopies> readHeaders(const fs::path& dir) {
    auto primary = readSmallFile(dir / VaultFiles::header, 4096);
    auto backup = readSmallFile(dir / VaultFiles::headerBackup, 4096);
    if (!primary && !backup && primary.error().code == ErrorCode::NotFound &&
        backup.error().code == ErrorCode::NotFound) {
        if (fs::exists(dir / VaultFiles::database))
            return makeError(
                ErrorCode::HeaderMissing,
                "The vault's key file (vault.key) is missing, so the vault cannot be opened. Restore "
                "the folder from a backup.");
        return makeError(ErrorCode::HeaderMissing, "There is no Throughline vault in " + dir.string() + ".");
    }
    HeaderCopies copies;
    std::optional<Error> firstError;
    for (auto* file : {&primary, &backup}) {
        if (!*file) {
            if (!firstError) firstError = file->error();
            continue;
        }
        auto h = KeyHeader::parse(file->value());
        if (h)
            (file == &primary ? copies.primary : copies.backup) = std::move(h.value());
        else if (!firstError)
            firstError = h.error();
    }
    if (copies.primary || copies.backup) return copies;
    if (firstError && firstError->code == ErrorCode::Unsupported) return *firstError;
    return makeError(
        ErrorCode::HeaderDamaged,
        "The vault's key file and its backup are both damaged, so the vault cannot be opened. Restore "
        "the folder from a backup.");
}

// Tries each distinct copy of the key file; an interrupted passphrase change can leave the old passphrase
// in one copy and the new in the other, and either must still open the vault.
template <class Unwrap>
Result<std::pair<KeyHeader, SecureBytes>> unwrapAny(const HeaderCopies& copies, Unwrap unwrap) {
    std::optional<Error> error;
    for (const auto& h : copies.candidates()) {
        auto key = unwrap(h);
        if (key) return std::make_pair(h, std::move(key.value()));
        if (!error || error->code == ErrorCode::HeaderDamaged) error = key.error();
    }
    return *error;
}

// Makes both copies on disk equal to the one that opened the vault. Returns whether anything was rewritten.
bool syncHeaders(const fs::path& dir, const HeaderCopies& copies, const KeyHeader& used) {
    const auto bytes = used.serialize();
    bool rewrote = false;
    if (!copies.primary || copies.primary->serialize() != bytes)
        rewrote |= atomicWriteFile(dir / VaultFiles::header, bytes).ok();
    if (!copies.backup || copies.backup->serialize() != bytes)
        rewrote |= atomicWriteFile(dir / VaultFiles::headerBackup, bytes).ok();
    return rewrote;
}

Status checkEncrypted(const fs::path& dbFile) {
    std::ifstream in(dbFile, std::ios::binary);
    char head[16] = {};
    in.read(head, sizeof head);
    if (in.gcount() == 16 && std::memcmp(head, "SQLite format 3", 15) == 0)
        return makeError(
            ErrorCode::Internal,
            "Refusing to continue: the vault database is not encrypted (the encryption library did not "
            "load).");
    return {};
}

void recordFailedUnlock(const fs::path& dir) {
    // Capped: repeated guessing (or a hostile file) must not fill the disk the vault lives on.
    const auto path = dir / VaultFiles::failedUnlocks;
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    if (!ec && size >= VaultFiles::failedUnlocksMaxBytes) return;
    std::ofstream out(path, std::ios::app);
    out << nowMillis() << "\n";
}

std::string metaValue(Database& db, const std::string& key) {
    auto s = db.prepare("SELECT value FROM meta WHERE key = ?");
    s.bind(1, key);
    return s.step() ? s.text(0) : std::string();
}

void setMeta(Database& db, const std::string& key, const std::string& value) {
    db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES (?,?)").bind(1, key).bind(2, value).step();
}

// The key file the database last saw in use (meta `key_header_digest`, BLAKE2b-256 of its bytes): a
// passphrase change rewrites the key file first and writes its audit entry after, so a crash (or a full disk)
// in between leaves a changed passphrase without its entry; the next unlock sees the digest differ and
// writes the entry then.
constexpr const char* kHeaderDigestKey = "key_header_digest";

std::string headerDigest(const KeyHeader& h) {
    const auto bytes = h.serialize();
    unsigned char out[32];
    crypto_generichash(out, sizeof out, bytes.data(), bytes.size(), nullptr, 0);
    return toHex(out, sizeof out);
}

} // namespace

Vault::Vault(fs::path dir) : m_dir(std::move(dir)), m_impl(std::make_unique<Impl>()) {}

Vault::~Vault() {
    lock();
}

bool Vault::exists(const fs::path& dir) {
    std::error_code ec;
    return fs::exists(dir / VaultFiles::header, ec) || fs::exists(dir / VaultFiles::headerBackup, ec);
}

Result<CreatedVault> Vault::create(const fs::path& dir, std::string_view passphrase,
                                   const CreateOptions& options) {
    ensureSodium();
    if (passphrase.size() < minPassphraseLength)
        return makeError(ErrorCode::Invalid,
                         "Choose a passphrase of at least " + std::to_string(minPassphraseLength) +
                             " characters.",
                         "passphrase");
    if (!options.kdf.withinBounds())
        return makeError(ErrorCode::Invalid, "Key-derivation settings are outside safe limits.", "kdf");
    std::error_code ec;
    if (exists(dir) || fs::exists(dir / VaultFiles::database, ec))
        return makeError(ErrorCode::VaultExists, "There is already a vault in " + dir.string() + ".");
    fs::create_directories(dir, ec);
    if (ec)
        return makeError(ErrorCode::Io, "Could not create the folder " + dir.string() + ": " + ec.message());
    fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, ec);

    std::unique_ptr<Vault> v(new Vault(dir));
    auto lock = FileLock::acquire(dir / VaultFiles::lock);
    if (!lock) return lock.error();
    v->m_impl->lock = std::move(lock.value());

    SecureBytes dataKey(32), recovery(20);
    randombytes_buf(dataKey.data(), 32);
    randombytes_buf(recovery.data(), 20);
    auto header = KeyHeader::make(dataKey, passphrase, options.kdf, recovery);
    if (!header) return header.error();

    const auto cleanUp = [&] {
        v->m_impl->db.close();
        for (const char* f : {VaultFiles::header, VaultFiles::headerBackup, VaultFiles::database})
            fs::remove(dir / f, ec);
        fs::remove(dir / (std::string(VaultFiles::database) + "-wal"), ec);
        fs::remove(dir / (std::string(VaultFiles::database) + "-shm"), ec);
    };
    if (auto s = writeHeaders(dir, *header); !s) {
        cleanUp();
        return s.error();
    }
    try {
        v->m_impl->db = Database::open(dir / VaultFiles::database, dataKey);
        migrate(v->m_impl->db);
        Transaction tx(v->m_impl->db);
        std::uint8_t device[8];
        randombytes_buf(device, sizeof device);
        v->m_deviceId = toHex(device, sizeof device);
        v->m_owner = options.owner;
        setMeta(v->m_impl->db, "vault_id", toHex(header->vaultId.data(), 16));
        setMeta(v->m_impl->db, "device_id", v->m_deviceId);
        setMeta(v->m_impl->db, "owner_name", options.owner.name);
        setMeta(v->m_impl->db, "owner_role", options.owner.role);
        setMeta(v->m_impl->db, "owner_organisation", options.owner.organisation);
        setMeta(v->m_impl->db, "created_at", std::to_string(nowMillis()));
        setMeta(v->m_impl->db, kHeaderDigestKey, headerDigest(*header));
        core::ensureIdentity(v->m_impl->db);
        tx.commit();
    } catch (const DbError& e) {
        cleanUp();
        return e.toError();
    }
    if (auto s = checkEncrypted(dir / VaultFiles::database); !s) {
        cleanUp();
        return s.error();
    }
    v->m_impl->header = *header;
    v->m_impl->dataKey = std::move(dataKey);
    v->m_impl->store = std::make_unique<Store>(v->m_impl->db, v->m_deviceId, v->m_owner.name);
    v->m_impl->audit = std::make_unique<AuditTrail>(v->m_impl->db, v->m_owner.name, v->m_deviceId);
    {
        Vault* self = v.get();
        v->m_impl->audit->setHeadListener([self] { (void)advanceAuditHead(*self); });
    }
    if (auto s = v->m_impl->audit->append(AuditKind::VaultCreated, "Vault created"); !s) {
        cleanUp();
        return s.error();
    }
    CreatedVault created;
    created.recoveryKey = formatRecoveryKey(recovery);
    created.vault = std::move(v);
    return created;
}

namespace {

// Shared second half of unlocking: the data key is known to be right.
Status finishOpen(Vault& v, Vault::Impl& impl, SecureBytes dataKey, AuditKind how, std::string& deviceId,
                  Owner& owner) {
    const fs::path dir = v.dir();
    try {
        impl.db = Database::open(dir / VaultFiles::database, dataKey);
        if (auto s = checkEncrypted(dir / VaultFiles::database); !s) return s;
        const int version = schemaVersion(impl.db);
        if (version > kSchemaVersion)
            return makeError(
                ErrorCode::Unsupported,
                "This vault was written by a newer version of Throughline. Update the app to open it.");
        if (version == 0)
            return makeError(
                ErrorCode::DatabaseDamaged,
                "The vault's database is empty or missing although its key file is present. Restore "
                "the folder from a backup.");
        migrate(impl.db);
        core::ensureIdentity(impl.db); // vaults made before sync get their keys on first unlock
        // A file (an exported bundle) whose transaction committed just before a crash: put it in place now.
        // If that fails it stays staged and is tried again at the next unlock or export.
        (void)publishStagedFiles(impl.db);
        deviceId = metaValue(impl.db, "device_id");
        owner.name = metaValue(impl.db, "owner_name");
        owner.role = metaValue(impl.db, "owner_role");
        owner.organisation = metaValue(impl.db, "owner_organisation");
        if (deviceId.empty())
            return makeError(ErrorCode::DatabaseDamaged,
                             "The vault's database is missing its identity; it is damaged.");
    } catch (const DbError& e) {
        impl.db.close();
        return e.toError();
    }
    impl.dataKey = std::move(dataKey);
    impl.store = std::make_unique<Store>(impl.db, deviceId, owner.name);
    try {
        // Changes imported from other devices count too: an edit here must order after them.
        impl.store->restoreClock();
    } catch (const DbError&) {
        // A damaged database surfaces on the first real query with a proper message.
    }
    impl.audit = std::make_unique<AuditTrail>(impl.db, owner.name, deviceId);
    // The entries of the unlock itself are anchored with the session's first commit, or when the vault locks,
    // not before the vault is ready: signing and writing the head would add an fsync and a rename to every
    // unlock. Until then the head lags behind the chain, which verify accepts.
    const auto anchorLater = [&impl, &v] {
        impl.audit->setHeadListener([&v] { (void)advanceAuditHead(v); });
    };
    // Failed attempts made while locked could not be written into the encrypted trail: bring them in now.
    std::error_code ec;
    const auto failedPath = dir / VaultFiles::failedUnlocks;
    if (fs::exists(failedPath, ec)) {
        // The log is not authenticated (see VaultFiles::failedUnlocks): read no more than it may hold, and
        // say where each entry came from so nobody takes it for proof.
        std::ifstream in(failedPath, std::ios::binary);
        std::string text(VaultFiles::failedUnlocksMaxBytes, '\0');
        in.read(text.data(), static_cast<std::streamsize>(text.size()));
        text.resize(static_cast<std::size_t>(in.gcount()));
        const bool cut = in.peek() != std::char_traits<char>::eof();
        in.close();
        if (cut)
            text.resize(text.rfind('\n') == std::string::npos ? 0 : text.rfind('\n') + 1); // no half line
        const char* const detail =
            "Wrong passphrase or recovery key (from failed-unlocks.log: unprotected, a hint only)";
        std::size_t pos = 0;
        while (pos < text.size()) {
            std::size_t nl = text.find('\n', pos);
            if (nl == std::string::npos) nl = text.size();
            const std::string line = text.substr(pos, nl - pos);
            pos = nl + 1;
            char* end = nullptr;
            const long long at = std::strtoll(line.c_str(), &end, 10);
            if (end != line.c_str() && at > 0)
                (void)impl.audit->appendAt(at, AuditKind::UnlockFailed, detail);
        }
        if (cut || text.size() >= VaultFiles::failedUnlocksMaxBytes)
            (void)impl.audit->append(AuditKind::UnlockFailed,
                                     "failed-unlocks.log was full: later failed attempts were not recorded");
        fs::remove(failedPath, ec);
    }
    // A passphrase change whose audit entry a crash or a full disk cut off (see kHeaderDigestKey).
    try {
        const std::string digest = headerDigest(impl.header);
        const std::string seen = metaValue(impl.db, kHeaderDigestKey);
        if (seen != digest) {
            Transaction tx(impl.db);
            if (!seen.empty())
                if (auto s = impl.audit->append(AuditKind::PassphraseChanged,
                                                "Passphrase changed (recorded at this unlock: the change was "
                                                "interrupted before its entry was written)");
                    !s)
                    return s;
            setMeta(impl.db, kHeaderDigestKey, digest);
            tx.commit();
        }
    } catch (const DbError& e) {
        return e.toError();
    }
    auto unlocked = impl.audit->append(
        how, how == AuditKind::RecoveryKeyUsed ? "Unlocked with the recovery key" : "Unlocked");
    anchorLater();
    return unlocked;
}

} // namespace

Result<std::unique_ptr<Vault>> Vault::open(const fs::path& dir, std::string_view passphrase) {
    ensureSodium();
    return openWith(dir, AuditKind::Unlock,
                    [&](const KeyHeader& h) { return h.unwrapWithPassphrase(passphrase); });
}

Result<std::unique_ptr<Vault>> Vault::openWithRecoveryKey(const fs::path& dir, std::string_view recoveryKey) {
    ensureSodium();
    auto bytes = parseRecoveryKey(recoveryKey);
    if (!bytes) return bytes.error();
    return openWith(dir, AuditKind::RecoveryKeyUsed,
                    [&](const KeyHeader& h) { return h.unwrapWithRecovery(*bytes); });
}

Result<std::unique_ptr<Vault>>
Vault::openWith(const fs::path& dir, AuditKind how,
                const std::function<Result<SecureBytes>(const KeyHeader&)>& unwrap) {
    std::unique_ptr<Vault> v(new Vault(dir));
    auto copies = readHeaders(dir);
    if (!copies) return copies.error();
    auto lock = FileLock::acquire(dir / VaultFiles::lock);
    if (!lock) return lock.error();
    v->m_impl->lock = std::move(lock.value());
    auto opened = unwrapAny(*copies, unwrap);
    if (!opened) {
        if (opened.error().code == ErrorCode::WrongPassphrase) recordFailedUnlock(dir);
        return opened.error();
    }
    v->m_headerRepaired = syncHeaders(dir, *copies, opened->first);
    v->m_impl->header = opened->first;
    if (auto s = finishOpen(*v, *v->m_impl, std::move(opened->second), how, v->m_deviceId, v->m_owner); !s)
        return s.error();
    return v;
}

Status Vault::changePassphrase(std::string_view newPassphrase, std::optional<KdfParams> kdf) {
    if (!isUnlocked()) return makeError(ErrorCode::Internal, "The vault is locked.");
    if (newPassphrase.size() < minPassphraseLength)
        return makeError(ErrorCode::Invalid,
                         "Choose a passphrase of at least " + std::to_string(minPassphraseLength) +
                             " characters.",
                         "passphrase");
    KeyHeader updated = m_impl->header;
    const KdfParams params =
        kdf.value_or(KdfParams{updated.passphrase.opsLimit, updated.passphrase.memLimit});
    if (auto s = updated.rewrapPassphrase(m_impl->dataKey, newPassphrase, params); !s) return s;
    const auto bytes = updated.serialize();
    if (auto s = atomicWriteFile(m_dir / VaultFiles::header, bytes); !s) return s; // old copies untouched
    if (auto s = atomicWriteFile(m_dir / VaultFiles::headerBackup, bytes); !s) {
        // Put the primary back so the old passphrase keeps working; if even that fails, unlocking tries both
        // copies, so either passphrase still opens the vault.
        (void)atomicWriteFile(m_dir / VaultFiles::header, m_impl->header.serialize());
        return s;
    }
    m_impl->header = updated;
    // The entry and the key file's digest together: an entry cut off here is written at the next unlock.
    try {
        Transaction tx(m_impl->db);
        if (auto s = m_impl->audit->append(AuditKind::PassphraseChanged, "Passphrase changed"); !s) return s;
        setMeta(m_impl->db, kHeaderDigestKey, headerDigest(updated));
        tx.commit();
    } catch (const DbError& e) {
        return e.toError();
    }
    return {};
}

Status Vault::changePassphrase(std::string_view currentPassphrase, std::string_view newPassphrase) {
    if (!isUnlocked()) return makeError(ErrorCode::Internal, "The vault is locked.");
    auto key = m_impl->header.unwrapWithPassphrase(currentPassphrase);
    if (!key) {
        if (key.error().code == ErrorCode::WrongPassphrase)
            (void)m_impl->audit->append(AuditKind::UnlockFailed, "Wrong current passphrase when changing it");
        return makeError(ErrorCode::WrongPassphrase,
                         "The current passphrase is not right, so it has not been changed.",
                         "current_passphrase");
    }
    return changePassphrase(newPassphrase);
}

void Vault::lock() {
    if (!m_impl) return;
    if (m_impl->audit && m_impl->db.isOpen()) m_impl->audit->publishHead();
    m_impl->audit.reset();
    m_impl->store.reset();
    m_impl->db.close();
    m_impl->dataKey.reset();
    m_impl->lock.release();
}

bool Vault::isUnlocked() const {
    return m_impl && m_impl->db.isOpen() && !m_impl->dataKey.empty();
}

Store& Vault::store() {
    return *m_impl->store;
}
AuditTrail& Vault::audit() {
    return *m_impl->audit;
}
Database& Vault::database() {
    return m_impl->db;
}

Status Vault::setOwner(const Owner& owner) {
    try {
        Transaction tx(m_impl->db);
        setMeta(m_impl->db, "owner_name", owner.name);
        setMeta(m_impl->db, "owner_role", owner.role);
        setMeta(m_impl->db, "owner_organisation", owner.organisation);
        tx.commit();
    } catch (const DbError& e) {
        return e.toError();
    }
    m_owner = owner;
    m_impl->store->setAuthor(owner.name);
    m_impl->audit->setAuthor(owner.name);
    return {};
}

Result<ConfidentialLocation> Vault::revealLocation(const std::string& placementId, std::string_view purpose) {
    auto placement = m_impl->store->placement(placementId);
    if (!placement) return placement.error();
    if (auto s = m_impl->audit->append(AuditKind::LocationRevealed, purpose, placementId); !s)
        return s.error();
    return ConfidentialLocation{placement->locationAddress, placement->locationName};
}

Result<Vault::VerifyReport> Vault::verify() {
    VerifyReport r;
    const auto problem = [&](std::string p) {
        r.ok = false;
        r.problems.push_back(std::move(p));
    };
    // 1. Both key files.
    for (const char* name : {VaultFiles::header, VaultFiles::headerBackup}) {
        auto bytes = readSmallFile(m_dir / name, 4096);
        if (!bytes) {
            problem(std::string(name) + ": " + bytes.error().message);
            continue;
        }
        auto h = KeyHeader::parse(*bytes);
        if (!h)
            problem(std::string(name) + ": " + h.error().message);
        else if (h->serialize() != m_impl->header.serialize() && std::string(name) == VaultFiles::header)
            problem(std::string(name) + " differs from the key file in use");
        else
            r.checks.push_back(std::string(name) + ": checksum and layout ok");
    }
    try {
        Database& db = m_impl->db;
        // 2. Every page of the database (SQLCipher checks each page's MAC as it reads it).
        {
            auto s = db.prepare("PRAGMA integrity_check");
            std::string first;
            if (s.step()) first = s.text(0);
            if (first != "ok")
                problem("database integrity: " + first);
            else
                r.checks.push_back("database integrity: ok");
        }
        // 3. The change log explains every row: the latest change of each field equals the row's value.
        std::int64_t mismatches = 0, rows = 0;
        for (const auto& entry : enumEntries<RecordKind>()) {
            const std::string table = detail::tableOf(entry.value);
            rows += db.scalar("SELECT count(*) FROM " + table);
            std::int64_t noCreate =
                db.scalar("SELECT count(*) FROM " + table +
                          " t WHERE NOT EXISTS (SELECT 1 FROM changes c WHERE c.record_id = t.id)");
            if (noCreate)
                problem(std::to_string(noCreate) + " " + table + " rows have no entry in the change log");
            for (const auto& field : detail::fieldNames(entry.value)) {
                mismatches += db.scalar(
                    "SELECT count(*) FROM " + table + " t WHERE ifnull(t." + field +
                    ", '') <> ifnull((SELECT value FROM changes c WHERE c.record_id = t.id AND c.field = '" +
                    field + "' ORDER BY c.hlc DESC, c.device DESC LIMIT 1), '')");
            }
            mismatches +=
                db.scalar("SELECT count(*) FROM " + table +
                          " t WHERE t.deleted <> ifnull((SELECT c.value = '1' FROM changes c WHERE "
                          "c.record_id = t.id AND c.field = '_deleted' ORDER BY c.hlc DESC, c.device DESC "
                          "LIMIT 1), 0)");
        }
        if (mismatches)
            problem(std::to_string(mismatches) + " field values do not match the change log");
        else
            r.checks.push_back("change log: explains all " + std::to_string(rows) + " records");
    } catch (const DbError& e) {
        return e.toError();
    }
    // 4. The audit chain.
    auto audit = m_impl->audit->verify();
    if (!audit) return audit.error();
    if (!audit->ok)
        problem("audit trail: " + audit->problem);
    else
        r.checks.push_back("audit trail: " + std::to_string(audit->entries) + " entries, chain intact");
    // 5. The chain against its signed head beside the database (written after every entry): catches entries
    // removed from the end, or a rewritten chain, by anyone who cannot sign as this vault.
    m_impl->audit
        ->publishHead(); // anchor what this session wrote so far (only over a head the chain reaches)
    auto head = readAuditHeadFile(m_dir);
    auto ownId = core::ownIdentity(*this);
    if (!ownId) return ownId.error();
    if (!head) {
        problem("audit trail: " + head.error().message);
    } else if (!*head) {
        problem("audit trail: its signed head (vault.audit-head) is missing, so entries removed from the end "
                "could go unseen");
    } else if (!auditHeadSignedBy(**head, ownId->signKey)) {
        problem("audit trail: its signed head (vault.audit-head) does not carry this vault's signature");
    } else if (auto against = auditChainAgainst(*this, **head); !against) {
        return against.error();
    } else if (!against->empty()) {
        problem("audit trail: " + *against + " since the signed head (entry " + std::to_string((*head)->seq) +
                ") was written");
    } else {
        r.checks.push_back("audit trail: matches its signed head (entry " + std::to_string((*head)->seq) +
                           ")");
    }
    // 6. Witnesses colleagues handed back: this vault's head as they saw it in its bundles.
    try {
        for (const auto& witness : witnessesOfMe(m_impl->db)) {
            const std::string who =
                witness.holderName.empty() ? std::string("a colleague") : witness.holderName;
            const SignedAuditHead& w = witness.head;
            if (!auditHeadSignedBy(w, ownId->signKey)) continue;
            auto against = auditChainAgainst(*this, w);
            if (!against) return against.error();
            if (!against->empty())
                problem("audit trail: " + *against + " since " + who + " was sent entry " +
                        std::to_string(w.seq) + " in a bundle");
            else
                r.checks.push_back("audit trail: matches what " + who + " witnessed (entry " +
                                   std::to_string(w.seq) + ")");
        }
    } catch (const DbError& e) {
        return e.toError();
    }
    return r;
}

} // namespace throughline::core
