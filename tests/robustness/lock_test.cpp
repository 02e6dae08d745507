// The lock file: a vault open in one process cannot be opened by another (AlreadyOpen), nothing is
// written by the refused attempt, and a holder that dies (even by SIGKILL) releases the vault.
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>

#include "rob_util.hpp"

using namespace throughline::core;
using namespace rob;

namespace {

struct Folder {
    tltest::TempDir tmp;
    fs::path dir = tmp / "vault";
    std::string recoveryKey;
    Expected expected;
    Folder() {
        auto created =
            tltest::makeVault(dir, {.seed = tltest::Seed::Varied, .youngPeople = 2, .contactsEach = 10});
        recoveryKey = created.recoveryKey;
        created.vault->lock();
        expected = captureExpected(dir, tltest::kFixturePass);
    }
};

Child startHolder(const fs::path& dir) {
    Child holder = Child::spawn({helperPath(), "hold", dir.string(), tltest::kFixturePass});
    const auto ready = holder.readLine(20000);
    REQUIRE_MESSAGE(ready.has_value(), "the holder process did not report ready");
    REQUIRE_MESSAGE(*ready == "ready", "holder said: " << *ready);
    return holder;
}

void expectAlreadyOpen(const Result<std::unique_ptr<Vault>>& r) {
    REQUIRE_FALSE(r.ok());
    INFO(codeName(r.error().code) << ": " << r.error().message);
    CHECK(r.error().code == ErrorCode::AlreadyOpen);
    CHECK(r.error().message.find("already open") != std::string::npos);
}

// The vault is intact: it opens, verifies and reads back exactly what it held.
void expectIntact(const Folder& f) {
    auto v = Vault::open(f.dir, tltest::kFixturePass);
    REQUIRE_MESSAGE(v.ok(), (v.ok() ? "" : v.error().message));
    auto report = v.value()->verify();
    REQUIRE(report.ok());
    INFO("verify: " << (report->problems.empty() ? "" : report->problems.front()));
    CHECK(report->ok);
    auto read = readEverything(v.value()->store());
    REQUIRE(read.ok());
    CHECK(*read == f.expected.read);
    CHECK(dumpDatabase(v.value()->database(), f.expected.auditEntries) == f.expected.dump);
}

} // namespace

TEST_SUITE("lock-file") {

    TEST_CASE("a second process cannot open a vault that is open; nothing is written or corrupted") {
        Folder f;
        Child holder = startHolder(f.dir);
        const std::string dbWhileHeld = tltest::readFile(f.dir / VaultFiles::database);
        const std::string keyWhileHeld = tltest::readFile(f.dir / VaultFiles::header);

        expectAlreadyOpen(Vault::open(f.dir, tltest::kFixturePass));
        // A wrong passphrase must not count as a failed unlock while another process holds the vault.
        expectAlreadyOpen(Vault::open(f.dir, "not the passphrase at all"));
        CHECK_FALSE(fs::exists(f.dir / VaultFiles::failedUnlocks));
        expectAlreadyOpen(Vault::openWithRecoveryKey(f.dir, f.recoveryKey));
        // Creating over it is refused as well.
        auto created = Vault::create(f.dir, tltest::kFixturePass);
        REQUIRE_FALSE(created.ok());
        CHECK(created.error().code == ErrorCode::VaultExists);

        CHECK(tltest::readFile(f.dir / VaultFiles::database) == dbWhileHeld);
        CHECK(tltest::readFile(f.dir / VaultFiles::header) == keyWhileHeld);

        // The holder closes normally: the vault is free and intact.
        holder.closeStdin();
        const auto released = holder.readLine(20000);
        CHECK(released.value_or("") == "released");
        const int status = holder.wait();
        CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 0));
        expectIntact(f);
    }

    TEST_CASE("a process that is killed while holding the vault releases it") {
        Folder f;
        Child holder = startHolder(f.dir);
        expectAlreadyOpen(Vault::open(f.dir, tltest::kFixturePass));
        holder.kill(SIGKILL);
        (void)holder.wait();
        expectIntact(f);
    }

    TEST_CASE("a vault open in this process cannot be opened by another process") {
        Folder f;
        auto v = Vault::open(f.dir, tltest::kFixturePass);
        REQUIRE(v.ok());
        {
            Child other = Child::spawn({helperPath(), "try-open", f.dir.string(), tltest::kFixturePass});
            CHECK(other.readLine(20000).value_or("(nothing)") == "already_open");
            (void)other.wait();
        }
        // Nor a second time from this same process (a second window on the same folder).
        expectAlreadyOpen(Vault::open(f.dir, tltest::kFixturePass));
        v.value()->lock();
        {
            Child other = Child::spawn({helperPath(), "try-open", f.dir.string(), tltest::kFixturePass});
            CHECK(other.readLine(20000).value_or("(nothing)") == "ok");
            (void)other.wait();
        }
        expectIntact(f);
    }

} // TEST_SUITE
