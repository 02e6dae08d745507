#pragma once
// The crash loop (crash_test.cpp, disk_full_test.cpp, power_loss_test.cpp): a writer process
// (robustness_helper crash …) is killed with SIGKILL at random points of every write path, and after each
// kill the vault must open, verify, hold every write the writer reported as committed, and show nothing
// half-written. docs/testing.md, "Crash, full disk and power loss".
#include <filesystem>
#include <cstdint>
#include <map>
#include <string>

namespace rob {

/// The write paths, in the order the loop takes them (shuffled per round).
inline const char* const kWritePaths[] = {
    "save", "edit", "delete", "import-records", "import-bundle", "settle", "passphrase", "migrate", "export"};

struct CrashLoopOptions {
    int kills = 30;
    /// Where the vault under test (and a migration path's old vault) lives; the peer vault and the bundle
    /// folders live in `peerRoot`.
    std::filesystem::path root, peerRoot;
    /// Before each run, fill the file system of `root` (a small tmpfs) and free a random 0–`maxFree` bytes,
    /// so the writer meets ENOSPC at a random point (DiskFull: it stops by itself, or is killed first).
    bool diskFull = false;
    std::uint64_t maxFree = 256 * 1024;
    /// Run the writer under the power-loss shim (power_loss_shim.c): after the kill, every write not
    /// followed by an fsync/fdatasync of its file is rolled back before the vault is checked.
    std::string shim;
};

struct CrashLoopResult {
    std::map<std::string, int> kills;    // per write path
    std::map<std::string, int> reported; // writes the writer reported as committed, per path
    int lost = 0;                        // reported writes not found afterwards (must be 0)
    int killedWriting = 0;               // kills that landed while the writer was in its write loop
    int diskFullStops = 0;               // runs the writer ended itself on DiskFull
    int passphraseMixed = 0;             // kills that left one key file on each passphrase
    int exportTempFiles = 0;             // leftover temporary files of an interrupted export (ignored)
    int rolledBackWrites = 0;            // power loss: unsynced writes rolled back
    double seconds = 0;
};

/// Runs the loop; fails the current doctest test on any broken invariant.
CrashLoopResult runCrashLoop(const CrashLoopOptions& options);

/// Power loss: undoes, newest first, every change the shim logged in `log` that no later sync made durable;
/// returns how many (power_loss.cpp). Removes the log.
int rollBackUnsynced(const std::filesystem::path& log);

/// The kill count: THROUGHLINE_CRASH_KILLS if set, else `fallback`.
int crashKills(int fallback);

} // namespace rob
