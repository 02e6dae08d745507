// One flipped byte anywhere in vault.db must be reported as DatabaseDamaged (at open, by verify() or by a
// read): never a crash, never different data, never "wrong passphrase".
#include <doctest/doctest.h>

#include <cstdlib>
#include <map>
#include <set>

#include "rob_util.hpp"

using namespace throughline::core;
using namespace rob;

namespace {

// SQLCipher 3 page layout (cipher_page_size 4096, AES-256-CBC, HMAC-SHA1): each page ends in a reserved
// area of 48 bytes = IV (16) + HMAC (20) + 12 bytes of random padding that the HMAC does NOT cover (the
// MAC is over the page's ciphertext, its IV and its page number). Those 12 bytes carry no data, so
// flipping one of them changes nothing; everything else must be caught.
constexpr std::size_t kPageSize = 4096;
constexpr std::size_t kUnauthenticatedPad = 12;

bool inUnauthenticatedPad(std::size_t offset) {
    return offset % kPageSize >= kPageSize - kUnauthenticatedPad;
}

std::set<std::size_t> flipOffsets(std::size_t size) {
    std::set<std::size_t> offsets;
    for (std::size_t o = 0; o < size; o += 509)
        offsets.insert(o);
    const std::size_t lastPage = (size / kPageSize - 1) * kPageSize;
    for (std::size_t page : {std::size_t{0}, lastPage}) {
        // The start of page 1 is the salt and the (encrypted) SQLite header; the end of each page is the
        // IV, the MAC and the pad. Those get every byte; the rest of the page a dense stride.
        for (std::size_t o = 0; o < 112; ++o)
            offsets.insert(page + o);
        for (std::size_t o = 112; o < kPageSize - 48; o += 17)
            offsets.insert(page + o);
        for (std::size_t o = kPageSize - 48; o < kPageSize; ++o)
            offsets.insert(page + o);
    }
    offsets.insert(size - 1);
    return offsets;
}

} // namespace

TEST_SUITE("byte-flips") {

    TEST_CASE("every flipped byte of vault.db is caught as DatabaseDamaged, never read as different data") {
        TempDir tmp(TempDir::InMemory);
        const fs::path golden = tmp / "golden", work = tmp / "work";
        {
            auto created = tltest::makeVault(
                golden, {.seed = tltest::Seed::Varied, .youngPeople = 2, .contactsEach = 20});
            created.vault->lock();
        }
        const Expected expected = captureExpected(golden, tltest::kFixturePass);
        REQUIRE_FALSE(fs::exists(golden / "vault.db-wal")); // everything is in vault.db itself

        const std::string original = tltest::readFile(golden / VaultFiles::database);
        REQUIRE(original.size() % kPageSize == 0);
        REQUIRE(original.size() >= 8 * kPageSize);
        const auto offsets = flipOffsets(original.size());
        MESSAGE("vault.db is " << original.size() << " bytes (" << original.size() / kPageSize
                               << " pages); flipping " << offsets.size() << " bytes one at a time");

        std::map<Outcome, int> tally;
        int harmlessOutsidePad = 0;
        const unsigned char masks[] = {0x01, 0x80, 0xFF, 0x10, 0x42};
        int i = 0;
        for (const std::size_t offset : offsets) {
            copyDir(golden, work);
            std::string damaged = original;
            damaged[offset] = static_cast<char>(damaged[offset] ^ masks[i++ % 5]);
            tltest::writeFile(work / VaultFiles::database, damaged);

            const Probe p = probeDamaged(work, tltest::kFixturePass, expected);
            ++tally[p.outcome];
            INFO("flipped byte " << offset << " (page " << offset / kPageSize + 1 << ", offset in page "
                                 << offset % kPageSize << "): " << outcomeName(p.outcome) << " - "
                                 << p.detail);
            CHECK(p.outcome != Outcome::Bad);
            if (std::getenv("ROB_VERBOSE"))
                MESSAGE("byte " << offset << " page " << offset / kPageSize + 1 << ": "
                                << outcomeName(p.outcome) << " - " << p.detail);
            if (p.outcome == Outcome::Harmless) {
                CHECK_MESSAGE(inUnauthenticatedPad(offset),
                              "a flip outside the unauthenticated page padding went unnoticed");
                if (!inUnauthenticatedPad(offset)) ++harmlessOutsidePad;
            } else if (p.outcome != Outcome::Bad) {
                CHECK_FALSE(p.detail.empty());
            }
        }
        MESSAGE("outcomes: " << tally[Outcome::OpenRefused] << " refused at open, "
                             << tally[Outcome::VerifyFailed] << " caught by verify, "
                             << tally[Outcome::ReadFailed] << " caught by a read, "
                             << tally[Outcome::Harmless] << " harmless (unauthenticated page padding), "
                             << tally[Outcome::Bad] << " bad");
        CHECK(tally[Outcome::Bad] == 0);
        CHECK(harmlessOutsidePad == 0);
    }

    TEST_CASE("a damaged overflow page (long text) is DatabaseDamaged, not an 'unexpected database error'") {
        // Minimal case: one contact whose observations (7000 characters) spill onto overflow pages. A MAC
        // failure on a b-tree page surfaces as SQLITE_CORRUPT, but on an overflow page SQLCipher 3.4 reports
        // a bare SQLITE_ERROR ("SQL logic error or missing database"), which core maps to Internal.
        TempDir tmp(TempDir::InMemory);
        const fs::path golden = tmp / "golden", work = tmp / "work";
        {
            auto created = tltest::makeVault(golden);
            Store& store = created.vault->store();
            YoungPerson yp;
            yp.name = "Nell Carraway";
            REQUIRE(store.save(yp).ok());
            ContactRecord c;
            c.youngPersonId = yp.meta.id;
            c.date = Date::today();
            c.observations = std::string(7000, 'o');
            REQUIRE(store.save(c).ok());
            created.vault->lock();
        }
        const Expected expected = captureExpected(golden, tltest::kFixturePass);
        const std::string original = tltest::readFile(golden / VaultFiles::database);
        int bad = 0;
        for (std::size_t page = 1; page < original.size() / kPageSize; ++page) {
            copyDir(golden, work);
            std::string damaged = original;
            damaged[page * kPageSize + 1000] ^= 0x01;
            tltest::writeFile(work / VaultFiles::database, damaged);
            const Probe p = probeDamaged(work, tltest::kFixturePass, expected);
            INFO("page " << page + 1 << ": " << outcomeName(p.outcome) << " - " << p.detail);
            CHECK(p.outcome != Outcome::Bad);
            CHECK(p.outcome != Outcome::Harmless);
            if (p.outcome == Outcome::Bad) ++bad;
        }
        CHECK(bad == 0);
    }

    TEST_CASE("the damage message is plain and says what to do") {
        TempDir tmp(TempDir::InMemory);
        {
            auto created = tltest::makeVault(
                tmp.path, {.seed = tltest::Seed::Varied, .youngPeople = 1, .contactsEach = 5});
            created.vault->lock();
        }
        std::string bytes = tltest::readFile(tmp / VaultFiles::database);
        bytes[kPageSize + 100] ^= 0x20;
        tltest::writeFile(tmp / VaultFiles::database, bytes);
        auto v = Vault::open(tmp.path, tltest::kFixturePass);
        std::string message;
        if (!v) {
            CHECK(v.error().code == ErrorCode::DatabaseDamaged);
            message = v.error().message;
        } else {
            auto report = v.value()->verify();
            if (!report) {
                CHECK(report.error().code == ErrorCode::DatabaseDamaged);
                message = report.error().message;
            } else {
                CHECK_FALSE(report->ok);
                if (!report->problems.empty()) message = report->problems.front();
            }
        }
        INFO("message: " << message);
        CHECK(message.find("damaged") != std::string::npos);
    }

} // TEST_SUITE
