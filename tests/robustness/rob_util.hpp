#pragma once
// Helpers for the robustness suite: canonical snapshots of everything a vault holds, probing a damaged vault,
// child processes, and a tmpfs mount (vaults, seeders and folders are in tests/support).
#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "throughline/testing/files.hpp"
#include "throughline/testing/test_vault.hpp"
#include "throughline/db/database.hpp"
#include "throughline/base/result.hpp"
#include "throughline/records/store.hpp"
#include "throughline/vault/vault.hpp"

namespace rob {

namespace fs = std::filesystem;
using throughline::core::ErrorCode;

using throughline::testing::copyDir;
using throughline::testing::Seeded;
using throughline::testing::TempDir;

/// errorCodeName as a std::string (doctest prints a bare const char* in INFO as a pointer).
inline std::string codeName(ErrorCode c) {
    return throughline::core::errorCodeName(c);
}

/// Path of the robustness_helper executable (set by CMake).
std::string helperPath();

/// Every row of every table in a canonical text form. Audit rows after `auditUpTo` are left out
/// (each unlock appends one). Throws DbError like any query.
std::string dumpDatabase(throughline::core::Database& db, std::int64_t auditUpTo);

/// Everything the store's read API returns for the vault, in canonical text form (audit count excluded).
throughline::core::Result<std::string> readEverything(throughline::core::Store& store);

/// What happened when a damaged vault was opened, verified and read.
enum class Outcome {
    OpenRefused,  // Vault::open said DatabaseDamaged
    VerifyFailed, // verify() returned DatabaseDamaged or a report with problems
    ReadFailed,   // a read returned DatabaseDamaged
    Harmless,     // opened, verified and read back exactly as before: the byte carried nothing
    Bad,          // anything else: wrong error code, different data, ... (a test failure)
};
std::string outcomeName(Outcome o);

struct Probe {
    Outcome outcome = Outcome::Bad;
    std::string detail; // for Bad: what went wrong; otherwise the message seen
    std::string verify; // what verify() said, for diagnosis
};

/// The expected contents of an undamaged vault, taken after one unlock.
struct Expected {
    std::string dump, read;
    std::int64_t auditEntries = 0;
};
Expected captureExpected(const fs::path& dir, const std::string& pass);

/// Opens `dir` (whose vault.db was damaged), verifies, reads everything and classifies the result.
Probe probeDamaged(const fs::path& dir, const std::string& pass, const Expected& expected);

/// A child process with pipes on stdin and stdout (stderr inherited).
class Child {
  public:
    static Child spawn(const std::vector<std::string>& args);
    Child() = default;
    ~Child();
    Child(Child&& o) noexcept;
    Child& operator=(Child&&) = delete;
    Child(const Child&) = delete;

    /// Next line of stdout (without the newline); nullopt at EOF or after `timeoutMs`.
    std::optional<std::string> readLine(int timeoutMs);
    /// All remaining stdout lines until EOF (or `timeoutMs` of silence).
    std::vector<std::string> drainLines(int timeoutMs);
    void closeStdin();
    void kill(int sig);
    /// Waits for exit; returns the raw wait status.
    int wait();
    pid_t pid() const { return m_pid; }

  private:
    pid_t m_pid = -1;
    int m_in = -1, m_out = -1;
    std::string m_buffer;
    bool m_eof = false;
    bool m_waited = false;
};

/// A small tmpfs mounted for the object's life (needs root / CAP_SYS_ADMIN).
class TmpfsMount {
  public:
    TmpfsMount(const fs::path& dir, const std::string& size);
    ~TmpfsMount();
    TmpfsMount(const TmpfsMount&) = delete;
    bool mounted() const { return m_mounted; }
    const std::string& error() const { return m_error; }

  private:
    fs::path m_dir;
    bool m_mounted = false;
    std::string m_error;
};

/// The ids of the rows insertRowsAt wrote.
struct OldIds {
    std::string person, placement, mum, friendId, contact, action, missing;
};
/// Rows exactly as a build at schema `version` wrote them, each explained by the change log
/// (migration_test.cpp): a young person whose notes say "Written by schema <version>", a placement, two
/// network members, a contact, an action and (from version 2) a missing episode.
OldIds insertRowsAt(throughline::core::Database& db, int version);

/// Records that a test was skipped (and says why on stderr): the run then exits 77 (main.cpp).
void skip(const std::string& why);
bool skipped();

/// Writes zeros to `file` until the file system says ENOSPC; returns bytes written.
std::uint64_t fillDisk(const fs::path& file);

} // namespace rob
