#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sys/prctl.h>

#include "throughline/testing/files.hpp"
#include "throughline/testing/test_vault.hpp"
#include "throughline/db/audit.hpp"
#include "throughline/db/database.hpp"
#include "throughline/vault/key_header.hpp"
#include "throughline/base/secret_file.hpp"
#include "throughline/base/secure_bytes.hpp"
#include "throughline/records/store.hpp"

using namespace throughline::core;
using tltest::kFixturePass;
using tltest::TempDir;

TEST_CASE("create, lock, unlock with passphrase and with recovery key") {
    TempDir t;
    const auto dir = t / "vault";
    std::string recovery;
    std::string ypId;
    {
        auto created = tltest::makeVault(dir, {.seed = tltest::Seed::Small});
        recovery = created.recoveryKey;
        CHECK(recovery.size() == 39); // 8 groups of 4 + 7 hyphens
        ypId = created.youngPerson;
        created.vault->lock();
        CHECK_FALSE(created.vault->isUnlocked());
    }
    // The database file is encrypted on disk.
    const auto raw = tltest::readFile(dir / VaultFiles::database);
    CHECK(raw.rfind("SQLite format 3", 0) == std::string::npos);
    CHECK(raw.find("Astley") == std::string::npos);

    auto v = Vault::open(dir, kFixturePass);
    REQUIRE(v.ok());
    CHECK(v.value()->store().youngPerson(ypId).ok());
    v.value()->lock();

    auto r = Vault::openWithRecoveryKey(dir, recovery);
    REQUIRE(r.ok());
    REQUIRE(r.value()->changePassphrase("a brand new passphrase").ok());
    r.value()->lock();
    CHECK(Vault::open(dir, kFixturePass).error().code == ErrorCode::WrongPassphrase);
    auto again = Vault::open(dir, "a brand new passphrase");
    REQUIRE(again.ok());
    // Lower-case, spaced recovery key is forgiven.
    again.value()->lock();
    std::string typed = recovery;
    for (auto& c : typed)
        c = static_cast<char>(std::tolower(c));
    CHECK(Vault::openWithRecoveryKey(dir, typed).ok());
}

TEST_CASE("wrong passphrase touches nothing and is audited at the next unlock") {
    TempDir t;
    const auto dir = t / "vault";
    tltest::makeVault(dir).vault->lock();
    const auto before = tltest::readFile(dir / VaultFiles::database);
    auto bad = Vault::open(dir, "not the passphrase");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code == ErrorCode::WrongPassphrase);
    CHECK(tltest::readFile(dir / VaultFiles::database) == before);
    auto v = Vault::open(dir, kFixturePass);
    REQUIRE(v.ok());
    auto entries = v.value()->audit().recent(10);
    REQUIRE(entries.ok());
    bool sawFailed = false;
    for (const auto& e : *entries)
        sawFailed |= e.kind == AuditKind::UnlockFailed;
    CHECK(sawFailed);
    auto ver = v.value()->audit().verify();
    REQUIRE(ver.ok());
    CHECK(ver->ok);
}

TEST_CASE("a second opener gets 'already open'") {
    TempDir t;
    const auto dir = t / "vault";
    auto created = tltest::makeVault(dir);
    auto second = Vault::open(dir, kFixturePass);
    REQUIRE_FALSE(second.ok());
    CHECK(second.error().code == ErrorCode::AlreadyOpen);
    created.vault->lock();
    CHECK(Vault::open(dir, kFixturePass).ok());
}

TEST_CASE("missing vault and missing header are told apart") {
    TempDir t;
    CHECK(Vault::open(t / "nothing-here", kFixturePass).error().code == ErrorCode::HeaderMissing);
    const auto dir = t / "vault";
    tltest::makeVault(dir).vault->lock();
    std::filesystem::remove(dir / VaultFiles::header);
    std::filesystem::remove(dir / VaultFiles::headerBackup);
    auto r = Vault::open(dir, kFixturePass);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::HeaderMissing);
    CHECK(r.error().message.find("missing") != std::string::npos);
}

TEST_CASE("every byte of the header: flipped in both copies is 'damaged', in one copy is repaired") {
    TempDir t;
    const auto dir = t / "vault";
    tltest::makeVault(dir).vault->lock();
    const auto good = tltest::readFile(dir / VaultFiles::header);
    REQUIRE(good.size() == KeyHeader::kSize);
    for (std::size_t i = 0; i < good.size(); ++i) {
        std::string bad = good;
        bad[i] = static_cast<char>(bad[i] ^ 0x5A);
        tltest::writeFile(dir / VaultFiles::header, bad);
        tltest::writeFile(dir / VaultFiles::headerBackup, bad);
        auto r = Vault::open(dir, kFixturePass);
        REQUIRE_FALSE(r.ok());
        CHECK_MESSAGE(r.error().code == ErrorCode::HeaderDamaged, "byte ", i);
    }
    // One copy damaged: the backup opens the vault and repairs the primary.
    std::string bad = good;
    bad[100] = static_cast<char>(bad[100] ^ 1);
    tltest::writeFile(dir / VaultFiles::header, bad);
    tltest::writeFile(dir / VaultFiles::headerBackup, good);
    auto r = Vault::open(dir, kFixturePass);
    REQUIRE(r.ok());
    CHECK(r.value()->headerWasRepaired());
    CHECK(tltest::readFile(dir / VaultFiles::header) == good);
}

TEST_CASE("KDF parameters outside sane bounds are refused before running") {
    TempDir t;
    const auto dir = t / "vault";
    tltest::makeVault(dir).vault->lock();
    auto bytes = tltest::readFile(dir / VaultFiles::header);
    auto h = KeyHeader::parse(std::vector<std::uint8_t>(bytes.begin(), bytes.end()));
    REQUIRE(h.ok());
    h->passphrase.memLimit = 64ull << 30; // 64 GiB: would exhaust the machine
    const auto evil = h->serialize();     // valid checksum
    tltest::writeFile(dir / VaultFiles::header, std::string(evil.begin(), evil.end()));
    tltest::writeFile(dir / VaultFiles::headerBackup, std::string(evil.begin(), evil.end()));
    auto r = Vault::open(dir, kFixturePass);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::HeaderDamaged);
    CHECK_FALSE(KdfParams{0, 8ull << 20}.withinBounds());
    CHECK(KdfParams::moderate().withinBounds());
}

TEST_CASE("the raw key path is used: SQLCipher answers and the file is not plaintext") {
    TempDir t;
    const auto dir = t / "vault";
    auto created = tltest::makeVault(dir);
    auto& db = created.vault->database();
    CHECK_FALSE(db.scalarText("PRAGMA cipher_version").empty());
    CHECK(db.scalar("PRAGMA cipher_page_size") == 4096);
    CHECK(db.scalarText("PRAGMA journal_mode") == "wal");
    CHECK(db.scalar("PRAGMA synchronous") == 2);
}

TEST_CASE("verify passes on a fresh vault and notices a forged row or audit entry") {
    TempDir t;
    const auto dir = t / "vault";
    auto created = tltest::makeVault(dir, {.seed = tltest::Seed::Small});
    auto& vault = *created.vault;
    const auto ypId = created.youngPerson;
    auto report = vault.verify();
    REQUIRE(report.ok());
    CHECK_MESSAGE(report->ok, (report->problems.empty() ? "" : report->problems.front()));

    vault.database().exec("UPDATE young_person SET name = 'Forged' WHERE id = '" + ypId + "'");
    report = vault.verify();
    REQUIRE(report.ok());
    CHECK_FALSE(report->ok);

    vault.database().exec("UPDATE young_person SET name = 'Rowan Astley-Vane'");
    vault.database().exec("UPDATE audit SET detail = 'nothing happened' WHERE seq = 1");
    report = vault.verify();
    REQUIRE(report.ok());
    CHECK_FALSE(report->ok);
}

TEST_CASE("the home screen data never carries the location; revealing it is audited first") {
    TempDir t;
    auto created = tltest::makeVault(t / "vault", {.seed = tltest::Seed::Small});
    auto& vault = *created.vault;
    const auto ypId = created.youngPerson;
    auto home = vault.store().loadHome(ypId);
    REQUIRE(home.ok());
    REQUIRE(home->currentPlacement);
    CHECK(home->locationRecorded);
    CHECK(home->currentPlacement->locationAddress.empty());
    CHECK(home->currentPlacement->locationName.empty());
    const auto before = vault.audit().recent(100)->size();
    auto loc = vault.revealLocation(home->currentPlacement->meta.id, "test");
    REQUIRE(loc.ok());
    CHECK(loc->address == "14 Quillon Row, Northmere NM3 9ZZ");
    auto after = vault.audit().recent(100);
    REQUIRE(after->size() == before + 1);
    CHECK(after->front().kind == AuditKind::LocationRevealed);
    CHECK(after->front().recordId == home->currentPlacement->meta.id);
    CHECK(vault.revealLocation("00000000-0000-4000-8000-000000000000", "test").error().code ==
          ErrorCode::NotFound);
}

TEST_CASE("changing the passphrase from an unlocked session checks the current one") {
    TempDir t;
    const auto dir = t / "vault";
    auto created = tltest::makeVault(dir);
    auto wrong = created.vault->changePassphrase("not the passphrase", "another long passphrase");
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.error().code == ErrorCode::WrongPassphrase);
    CHECK(wrong.error().field == "current_passphrase");
    REQUIRE(created.vault->changePassphrase(kFixturePass, "another long passphrase").ok());
    created.vault->lock();
    CHECK(Vault::open(dir, "another long passphrase").ok());
}

TEST_CASE("the failed-unlock log is capped and its entries are marked as an unprotected hint") {
    TempDir t;
    const auto dir = t / "vault";
    tltest::makeVault(dir).vault->lock();
    const auto log = dir / VaultFiles::failedUnlocks;
    // A hostile or long-neglected log, already past the cap.
    std::string lines;
    while (lines.size() < VaultFiles::failedUnlocksMaxBytes + 4096)
        lines += "1767225600000\n";
    tltest::writeFile(log, lines);
    REQUIRE_FALSE(Vault::open(dir, "not the passphrase").ok());
    CHECK(std::filesystem::file_size(log) == lines.size()); // full: not one more line

    auto v = Vault::open(dir, kFixturePass);
    REQUIRE(v.ok());
    CHECK_FALSE(std::filesystem::exists(log));
    auto entries = v.value()->audit().recent(100000);
    REQUIRE(entries.ok());
    std::size_t fromLog = 0;
    bool sawFull = false;
    for (const auto& e : *entries) {
        if (e.kind != AuditKind::UnlockFailed) continue;
        if (e.detail.find("a hint only") != std::string::npos) ++fromLog;
        sawFull |= e.detail.find("was full") != std::string::npos;
    }
    CHECK(fromLog > 0);
    CHECK(fromLog <= VaultFiles::failedUnlocksMaxBytes / 14); // no more than the cap holds
    CHECK(sawFull);
    CHECK(v.value()->audit().verify()->ok);
}

TEST_CASE("a secret file: the first line, a size cap, a warning when others can read it") {
    TempDir t;
    const auto file = (t / "pass.txt").string();
    tltest::writeFile(file, std::string(kFixturePass) + "\r\nsecond line is ignored\n");
    std::filesystem::permissions(file,
                                 std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    auto r = readSecretFile(file, "passphrase");
    REQUIRE(r.ok());
    CHECK(r->text == kFixturePass);
    CHECK_FALSE(r->warning.has_value());

    std::filesystem::permissions(file, std::filesystem::perms::others_read,
                                 std::filesystem::perm_options::add);
    r = readSecretFile(file, "passphrase");
    REQUIRE(r.ok());
    REQUIRE(r->warning.has_value());
    CHECK(r->warning->find("chmod 600") != std::string::npos);

    tltest::writeFile(file, std::string(kMaxSecretLength + 1, 'x'));
    r = readSecretFile(file, "passphrase");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("too long") != std::string::npos);
    tltest::writeFile(file, std::string(kMaxSecretLength, 'x') + "\n");
    CHECK(readSecretFile(file, "passphrase").ok());

    tltest::writeFile(file, "\n");
    CHECK(readSecretFile(file, "passphrase").error().code == ErrorCode::Invalid);
    CHECK(readSecretFile((t / "missing").string(), "passphrase").error().code == ErrorCode::NotFound);
    CHECK(readSecretFile(t.path.string(), "passphrase").error().code == ErrorCode::Invalid); // a folder
}

TEST_CASE("core dumps off also makes the process not dumpable (no ptrace or /proc/PID/mem)") {
    disableCoreDumps();
    CHECK(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 0);
}
