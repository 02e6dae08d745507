#pragma once
// A temporary folder for a test, removed with everything in it when the test is done.
#include <filesystem>
#include <string_view>

namespace throughline::testing {

class TempDir {
  public:
    enum Where {
        OnDisk,  // under the system temp folder
        InMemory // under /dev/shm when it is there and writable (no fsync latency), else as OnDisk
    };
    explicit TempDir(Where where = OnDisk);
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    std::filesystem::path operator/(std::string_view name) const { return path / name; }

    /// The folder (fresh and empty when the TempDir is made).
    const std::filesystem::path path;
};

} // namespace throughline::testing

/// The short name the core, CLI, insight, sync, handover and robustness suites use for the support library.
namespace tltest = throughline::testing;
