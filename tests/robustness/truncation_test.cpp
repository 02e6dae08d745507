// A truncated vault.db, or one replaced by something else, gives a clear error: DatabaseDamaged, or a
// distinct code where another one is the truth (a folder where the file should be is an I/O problem).
#include <doctest/doctest.h>

#include <random>

#include "rob_util.hpp"

using namespace throughline::core;
using namespace rob;

namespace {

struct Golden {
    TempDir tmp{TempDir::InMemory};
    fs::path golden = tmp / "golden", work = tmp / "work";
    Expected expected;
    std::string original;
    Golden() {
        {
            auto created = tltest::makeVault(
                golden, {.seed = tltest::Seed::Varied, .youngPeople = 2, .contactsEach = 20});
            created.vault->lock();
        }
        expected = captureExpected(golden, tltest::kFixturePass);
        original = tltest::readFile(golden / VaultFiles::database);
    }
    void replaceDatabase(const std::string& bytes) {
        copyDir(golden, work);
        tltest::writeFile(work / VaultFiles::database, bytes);
    }
};

// Opening must fail with `code`, a message a key worker can act on, and no crash.
void expectOpenFails(const fs::path& dir, ErrorCode code) {
    auto v = Vault::open(dir, tltest::kFixturePass);
    REQUIRE_FALSE(v.ok());
    INFO("got " << codeName(v.error().code) << ": " << v.error().message);
    CHECK(v.error().code == code);
    CHECK(v.error().message.size() > 20);
    CHECK(v.error().message.find("SQLITE") == std::string::npos);
}

} // namespace

TEST_SUITE("truncation") {

    TEST_CASE("vault.db truncated at many points is caught as DatabaseDamaged") {
        Golden g;
        const std::size_t size = g.original.size();
        REQUIRE(size > 4 * 4096);
        const std::size_t cuts[] = {0,           1,          15,          16,          100,
                                    1024,        4095,       4096,        4097,        8192,
                                    size / 3,    size / 2,   size - 8192, size - 4097, size - 4096,
                                    size - 4095, size - 100, size - 13,   size - 12,   size - 1};
        for (const std::size_t cut : cuts) {
            g.replaceDatabase(g.original.substr(0, cut));
            const Probe p = probeDamaged(g.work, tltest::kFixturePass, g.expected);
            INFO("truncated to " << cut << " of " << size << " bytes: " << outcomeName(p.outcome) << " - "
                                 << p.detail);
            CHECK(p.outcome != Outcome::Bad);
            // Cutting only into the last page's 12 unauthenticated padding bytes loses nothing (SQLite reads
            // the short page zero-filled and the MAC does not cover the padding); any deeper cut must be
            // caught.
            if (cut < size - 12) CHECK(p.outcome != Outcome::Harmless);
        }
    }

    TEST_CASE("vault.db replaced by garbage, zeros or an empty file is DatabaseDamaged") {
        Golden g;
        std::mt19937 rng(20260303);
        std::string garbage(64 * 1024, '\0');
        for (auto& c : garbage)
            c = static_cast<char>(rng());
        SUBCASE("random bytes") {
            g.replaceDatabase(garbage);
            expectOpenFails(g.work, ErrorCode::DatabaseDamaged);
        }
        SUBCASE("a few random bytes") {
            g.replaceDatabase(garbage.substr(0, 37));
            expectOpenFails(g.work, ErrorCode::DatabaseDamaged);
        }
        SUBCASE("zero bytes, same size") {
            g.replaceDatabase(std::string(g.original.size(), '\0'));
            expectOpenFails(g.work, ErrorCode::DatabaseDamaged);
        }
        SUBCASE("an empty file") {
            g.replaceDatabase("");
            expectOpenFails(g.work, ErrorCode::DatabaseDamaged);
        }
        SUBCASE("the file is missing but the key file is there") {
            copyDir(g.golden, g.work);
            fs::remove(g.work / VaultFiles::database);
            expectOpenFails(g.work, ErrorCode::DatabaseDamaged);
        }
        SUBCASE("pages shuffled: the second page swapped with the third") {
            std::string s = g.original;
            std::swap_ranges(s.begin() + 4096, s.begin() + 8192, s.begin() + 8192);
            g.replaceDatabase(s);
            const Probe p = probeDamaged(g.work, tltest::kFixturePass, g.expected);
            INFO(outcomeName(p.outcome) << " - " << p.detail);
            CHECK(p.outcome != Outcome::Bad);
            CHECK(p.outcome != Outcome::Harmless);
        }
    }

    TEST_CASE("a plain (unencrypted) SQLite file in place of vault.db is refused") {
        Golden g;
        copyDir(g.golden, g.work);
        fs::remove(g.work / VaultFiles::database);
        {
            Database plain = Database::openUnencrypted(g.work / VaultFiles::database);
            plain.exec("CREATE TABLE young_person (id TEXT PRIMARY KEY, name TEXT);"
                       "INSERT INTO young_person VALUES ('x', 'Planted Record');");
            plain.exec("PRAGMA journal_mode = DELETE");
        }
        REQUIRE(tltest::readFile(g.work / VaultFiles::database).rfind("SQLite format 3", 0) == 0);
        expectOpenFails(g.work, ErrorCode::DatabaseDamaged);
    }

    TEST_CASE("another vault's database in place of vault.db is refused, not read with the wrong key") {
        Golden g;
        tltest::TempDir other;
        {
            auto created = tltest::makeVault(
                other.path, {.seed = tltest::Seed::Varied, .youngPeople = 1, .contactsEach = 3});
            created.vault->lock();
        }
        g.replaceDatabase(tltest::readFile(other / VaultFiles::database));
        expectOpenFails(g.work, ErrorCode::DatabaseDamaged);
    }

    TEST_CASE("a folder where vault.db should be is an I/O error, not damage") {
        Golden g;
        copyDir(g.golden, g.work);
        fs::remove(g.work / VaultFiles::database);
        fs::create_directory(g.work / VaultFiles::database);
        auto v = Vault::open(g.work, tltest::kFixturePass);
        REQUIRE_FALSE(v.ok());
        INFO(codeName(v.error().code) << ": " << v.error().message);
        CHECK((v.error().code == ErrorCode::Io || v.error().code == ErrorCode::DatabaseDamaged));
        CHECK(v.error().code != ErrorCode::WrongPassphrase);
    }

    TEST_CASE("a stale WAL file from another vault does not corrupt or leak into this one") {
        Golden g;
        tltest::TempDir other;
        std::string foreignWal;
        {
            auto created = tltest::makeVault(
                other.path, {.seed = tltest::Seed::Varied, .youngPeople = 1, .contactsEach = 3});
            foreignWal = tltest::readFile(other / "vault.db-wal"); // still open: WAL holds frames
        }
        REQUIRE_FALSE(foreignWal.empty());
        copyDir(g.golden, g.work);
        tltest::writeFile(g.work / "vault.db-wal", foreignWal);
        // SQLite ignores WAL frames whose salt/checksum do not match this database: the vault must either
        // open with exactly its own data or say it is damaged.
        const Probe p = probeDamaged(g.work, tltest::kFixturePass, g.expected);
        INFO(outcomeName(p.outcome) << " - " << p.detail);
        CHECK(p.outcome != Outcome::Bad);
    }

} // TEST_SUITE
