#pragma once
// Small-file I/O: atomic replace (temp file, fsync, rename, fsync of the folder), bounded reads, and the
// advisory lock that keeps a vault to one writer.
#include "throughline/base/result.hpp"

#include <cstdint>
#include <filesystem>
#include <vector>

namespace throughline::core {

/// Writes a file atomically: temp file, fsync, rename, fsync the directory. DiskFull / Io on failure;
/// the previous file is untouched on any failure. The temp file is ".<name>.<16 random hex>.tmp" in the
/// same directory, created with O_EXCL|O_NOFOLLOW (safe in a folder a peer can write to) and removed
/// on every failure.
Status atomicWriteFile(const std::filesystem::path& path, const std::vector<std::uint8_t>& bytes);
/// Reads a whole small file (at most `maxBytes`). NotFound / Io / HeaderDamaged (too big).
Result<std::vector<std::uint8_t>> readSmallFile(const std::filesystem::path& path, std::size_t maxBytes);

/// An exclusive advisory lock on a file, held for the object's life.
class FileLock {
  public:
    static Result<FileLock> acquire(const std::filesystem::path& path);
    FileLock() = default;
    ~FileLock();
    FileLock(FileLock&& o) noexcept;
    FileLock& operator=(FileLock&& o) noexcept;
    FileLock(const FileLock&) = delete;
    void release();
    bool held() const { return m_fd >= 0; }

  private:
    int m_fd = -1;
};

} // namespace throughline::core
