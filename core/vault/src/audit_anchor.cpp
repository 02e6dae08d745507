#include "throughline/vault/audit_anchor.hpp"
#include "throughline/base/text.hpp"

#include <sodium.h>

#include <fcntl.h>
#include <unistd.h>

#include <cstring>
#include <sstream>

#include "throughline/db/database.hpp"
#include "throughline/db/settings.hpp"
#include "throughline/base/files.hpp"
#include "throughline/vault/identity.hpp"
#include "throughline/vault/vault.hpp"

namespace throughline::core {

namespace {

constexpr char kContext[] = "THRL-AUDIT-HEAD-1";
constexpr char kFileMagic[] = "THROUGHLINE AUDIT HEAD 1";

std::vector<std::uint8_t> message(const std::array<std::uint8_t, 32>& pk, std::uint64_t seq,
                                  const std::array<std::uint8_t, 32>& hash) {
    std::vector<std::uint8_t> m(kContext, kContext + sizeof kContext - 1);
    m.insert(m.end(), pk.begin(), pk.end());
    for (int i = 0; i < 8; ++i)
        m.push_back(static_cast<std::uint8_t>(seq >> (8 * i)));
    m.insert(m.end(), hash.begin(), hash.end());
    return m;
}

template <std::size_t N> bool fromHex(std::string_view hex, std::array<std::uint8_t, N>& out) {
    return core::fromHex(hex, out.data(), N);
}

} // namespace

SignedAuditHead signAuditHead(const std::array<std::uint8_t, 32>& signPublic, const SecureBytes& signSecret,
                              std::uint64_t seq, const std::array<std::uint8_t, 32>& hash) {
    SignedAuditHead h;
    h.seq = seq;
    h.hash = hash;
    const auto m = message(signPublic, seq, hash);
    crypto_sign_detached(h.signature.data(), nullptr, m.data(), m.size(), signSecret.data());
    return h;
}

bool auditHeadSignedBy(const SignedAuditHead& head, const std::array<std::uint8_t, 32>& signPublic) {
    const auto m = message(signPublic, head.seq, head.hash);
    return crypto_sign_verify_detached(head.signature.data(), m.data(), m.size(), signPublic.data()) == 0;
}

Result<SignedAuditHead> currentAuditHead(Vault& vault) {
    auto id = core::ownIdentity(vault);
    if (!id) return id.error();
    auto keys = core::ownSecretKeys(vault);
    if (!keys) return keys.error();
    try {
        std::uint64_t seq = 0;
        std::array<std::uint8_t, 32> hash{};
        auto s = vault.database().prepare("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1");
        if (s.step()) {
            seq = static_cast<std::uint64_t>(s.integer(0));
            if (!fromHex(s.text(1), hash))
                return makeError(ErrorCode::DatabaseDamaged, "The audit trail's latest entry is damaged.");
        }
        return signAuditHead(id->signKey, keys->signSecret, seq, hash);
    } catch (const DbError& e) {
        return e.toError();
    }
}

Status writeAuditHeadFile(Vault& vault) {
    auto head = currentAuditHead(vault);
    if (!head) return head.error();
    const std::string text = std::string(kFileMagic) + "\nseq: " + std::to_string(head->seq) +
                             "\nhash: " + toHex(head->hash.data(), 32) +
                             "\nsignature: " + toHex(head->signature.data(), 64) + "\n";
    // A new file under a random name (never through a link), its data on disk, then renamed over the old
    // one. The folder is not fsynced: if the rename is lost in a crash the previous head stays, which the
    // chain still reaches; that saves an fsync at every unlock (the first head, with none before it, is
    // synced by advanceAuditHead).
    std::uint8_t rnd[8];
    randombytes_buf(rnd, sizeof rnd);
    const auto tmp = vault.dir() / ("." + std::string(kAuditHeadFile) + "." + toHex(rnd, 8) + ".tmp");
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) return makeError(ErrorCode::Io, "The audit head file could not be written.", "audit-head");
    bool ok =
        ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fdatasync(fd) == 0;
    ok = ::close(fd) == 0 && ok;
    if (!ok || ::rename(tmp.c_str(), (vault.dir() / kAuditHeadFile).c_str()) != 0) {
        ::unlink(tmp.c_str());
        return makeError(ErrorCode::Io, "The audit head file could not be written.", "audit-head");
    }
    return {};
}

Status advanceAuditHead(Vault& vault) {
    // Never overwrite the evidence: a head the chain no longer reaches, an altered or unreadable head file,
    // or a missing one where this vault has written one before, stays as it is for verify to report (an
    // unlock appends an entry, and would otherwise re-anchor a trail that was cut back while locked).
    auto existing = readAuditHeadFile(vault.dir());
    if (!existing) return existing.error();
    auto own = core::ownIdentity(vault);
    if (!own) return own.error();
    try {
        Database& db = vault.database();
        if (*existing) {
            if (!auditHeadSignedBy(**existing, own->signKey))
                return makeError(ErrorCode::Invalid, "The audit head file is not signed by this vault.",
                                 "audit-head");
            auto against = auditChainAgainst(vault, **existing);
            if (!against) return against.error();
            if (!against->empty()) return makeError(ErrorCode::Invalid, *against, "audit-head");
        } else if (db.scalar("SELECT count(*) FROM meta WHERE key = 'audit_head_written'") > 0) {
            return makeError(ErrorCode::Invalid, "The audit head file is missing.", "audit-head");
        }
        if (auto s = writeAuditHeadFile(vault); !s) return s;
        if (!*existing) {
            // The first head has no previous one to fall back on: its name must be on disk before the
            // database says a head exists, or a power cut leaves a vault whose head "is missing" (which
            // verify reports as a trail cut back, and which stops every later head). One fsync per vault.
            const int dfd = ::open(vault.dir().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
            const bool synced = dfd >= 0 && ::fsync(dfd) == 0;
            if (dfd >= 0) ::close(dfd);
            if (!synced)
                return makeError(ErrorCode::Io, "The audit head file could not be written.", "audit-head");
            db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('audit_head_written', '1')").step();
        }
        return {};
    } catch (const DbError& e) {
        return e.toError();
    }
}

Result<std::optional<SignedAuditHead>> readAuditHeadFile(const std::filesystem::path& vaultDir) {
    auto bytes = readSmallFile(vaultDir / kAuditHeadFile, 1024);
    if (!bytes) {
        if (bytes.error().code == ErrorCode::NotFound) return std::optional<SignedAuditHead>{};
        return makeError(ErrorCode::Invalid, "The audit head file (vault.audit-head) cannot be read.",
                         "audit-head");
    }
    std::istringstream in(std::string(bytes->begin(), bytes->end()));
    std::string magic, seqLine, hashLine, sigLine;
    std::getline(in, magic);
    std::getline(in, seqLine);
    std::getline(in, hashLine);
    std::getline(in, sigLine);
    SignedAuditHead h;
    const auto bad = [] {
        return makeError(ErrorCode::Invalid, "The audit head file (vault.audit-head) is malformed.",
                         "audit-head");
    };
    if (magic != kFileMagic || seqLine.rfind("seq: ", 0) != 0 || hashLine.rfind("hash: ", 0) != 0 ||
        sigLine.rfind("signature: ", 0) != 0)
        return bad();
    const std::string seq = seqLine.substr(5);
    if (seq.empty() || seq.size() > 19 || seq.find_first_not_of("0123456789") != std::string::npos)
        return bad();
    h.seq = std::stoull(seq);
    if (!fromHex(hashLine.substr(6), h.hash) || !fromHex(sigLine.substr(11), h.signature)) return bad();
    return std::optional<SignedAuditHead>(h);
}

Result<std::string> auditChainAgainst(Vault& vault, const SignedAuditHead& head) {
    if (head.seq == 0) return std::string();
    try {
        Database& db = vault.database();
        const std::int64_t last = db.scalar("SELECT ifnull(max(seq), 0) FROM audit");
        auto s = db.prepare("SELECT hash FROM audit WHERE seq = ?");
        s.bind(1, static_cast<std::int64_t>(head.seq));
        if (!s.step()) {
            if (last < static_cast<std::int64_t>(head.seq))
                return "entries " + std::to_string(last + 1) + " to " + std::to_string(head.seq) +
                       " have been removed from the end";
            return "entry " + std::to_string(head.seq) + " has been removed";
        }
        if (s.text(0) != toHex(head.hash.data(), 32))
            return "entry " + std::to_string(head.seq) + " has been rewritten";
        return std::string();
    } catch (const DbError& e) {
        return e.toError();
    }
}

std::string encodeAuditHead(const SignedAuditHead& h) {
    return std::to_string(h.seq) + " " + toHex(h.hash.data(), 32) + " " + toHex(h.signature.data(), 64);
}

std::optional<SignedAuditHead> decodeAuditHead(const std::string& text) {
    std::istringstream in(text);
    std::string seq, hash, sig;
    if (!(in >> seq >> hash >> sig)) return std::nullopt;
    if (seq.empty() || seq.size() > 19 || seq.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
    SignedAuditHead h;
    h.seq = std::stoull(seq);
    if (!fromHex(hash, h.hash) || !fromHex(sig, h.signature)) return std::nullopt;
    return h;
}

namespace {
// Settings keys: the head, and the name of the colleague who holds it (kept with it, so that verify names
// them without reading the contacts).
constexpr std::string_view kWitnessOfMePrefix = "sync.witness-of-me/";
constexpr std::string_view kWitnessNamePrefix = "sync.witness-name/";

} // namespace

void keepWitnessOfMe(Database& db, std::string_view holderFingerprint, std::string_view holderName,
                     const SignedAuditHead& head) {
    const std::string key = std::string(kWitnessOfMePrefix) + std::string(holderFingerprint);
    const auto kept = decodeAuditHead(readSetting(db, key).value_or(""));
    if (kept && kept->seq > head.seq) return;
    writeSetting(db, key, encodeAuditHead(head));
    writeSetting(db, std::string(kWitnessNamePrefix) + std::string(holderFingerprint), holderName);
}

std::vector<WitnessOfMe> witnessesOfMe(Database& db) {
    std::vector<WitnessOfMe> out;
    auto s = db.prepare("SELECT substr(w.key, ?1 + 1), w.value, ifnull(n.value, '') FROM setting w LEFT JOIN "
                        "setting n ON n.key = ?2 || substr(w.key, ?1 + 1) WHERE w.key >= ?3 AND w.key < ?4 "
                        "ORDER BY w.key");
    std::string upper(kWitnessOfMePrefix);
    upper.back() = static_cast<char>(upper.back() + 1); // every key with the prefix sorts below this
    s.bind(1, static_cast<std::int64_t>(kWitnessOfMePrefix.size()))
        .bind(2, std::string(kWitnessNamePrefix))
        .bind(3, std::string(kWitnessOfMePrefix))
        .bind(4, upper);
    while (s.step()) {
        auto head = decodeAuditHead(s.text(1));
        if (!head) continue;
        out.push_back({s.text(0), s.text(2), *head});
    }
    return out;
}

} // namespace throughline::core
