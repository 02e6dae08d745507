#include "throughline/vault/staged_files.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

#include "throughline/base/text.hpp"
#include "throughline/db/database.hpp"

namespace throughline::core {

namespace fs = std::filesystem;

namespace {

constexpr const char* kPrefix = "staged_file/"; // meta key: kPrefix + temporary path; value: target path

Error ioError(const fs::path& target, int err) {
    if (err == ENOSPC || err == EDQUOT)
        return makeError(ErrorCode::DiskFull,
                         "The disk is full. Nothing was changed; free some space and try again.");
    return makeError(ErrorCode::Io,
                     "Could not write " + target.filename().string() + ": " + std::strerror(err));
}

void syncFolder(const fs::path& dir) {
    const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
}

} // namespace

namespace {

// Writes `bytes` to a new hidden temporary file in the folder open as `dirFd` (whose absolute path is `dir`),
// synced with its folder, and records in the caller's transaction that it becomes `dir/name`. Returns the
// temporary file's name.
Result<std::string> stageIn(Database& db, int dirFd, const fs::path& dir, const std::string& name,
                            const std::vector<std::uint8_t>& bytes) {
    const fs::path target = dir / name;
    std::string base = name;
    if (base.size() > 200) base.resize(200);
    std::string tmp;
    int fd = -1;
    for (int attempt = 0; attempt < 8 && fd < 0; ++attempt) {
        std::uint8_t rnd[8];
        randombytes_buf(rnd, sizeof rnd);
        tmp = "." + base + "." + toHex(rnd, sizeof rnd) + ".tmp";
        // Never through a link someone planted at the name (the folder may be shared).
        fd = ::openat(dirFd, tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd < 0 && errno != EEXIST) return ioError(target, errno);
    }
    if (fd < 0) return ioError(target, EEXIST);
    std::size_t done = 0;
    int err = 0;
    while (done < bytes.size() && !err) {
        const ssize_t w = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0)
            err = w < 0 ? errno : EIO;
        else
            done += static_cast<std::size_t>(w);
    }
    if (!err && ::fsync(fd) != 0) err = errno;
    if (::close(fd) != 0 && !err) err = errno;
    if (err) {
        ::unlinkat(dirFd, tmp.c_str(), 0);
        return ioError(target, err);
    }
    ::fsync(dirFd); // the temporary file's name is durable before the transaction that names it commits
    try {
        db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)")
            .bind(1, kPrefix + (dir / tmp).string())
            .bind(2, target.string())
            .step();
    } catch (const DbError& e) {
        ::unlinkat(dirFd, tmp.c_str(), 0);
        return e.toError();
    }
    return tmp;
}

} // namespace

Result<fs::path> stageFile(Database& db, const fs::path& relativeTarget,
                           const std::vector<std::uint8_t>& bytes) {
    // Absolute: the rename may be finished by a later unlock, from another working folder.
    std::error_code absError;
    const fs::path target = fs::absolute(relativeTarget, absError);
    if (absError) return ioError(relativeTarget, absError.value());
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    const int dirFd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirFd < 0) return ioError(target, errno);
    auto tmp = stageIn(db, dirFd, dir, target.filename().string(), bytes);
    ::close(dirFd);
    if (!tmp) return tmp.error();
    return dir / *tmp;
}

Result<std::string> stageFileAt(Database& db, int dirFd, const fs::path& dirPath, const std::string& name,
                                const std::vector<std::uint8_t>& bytes) {
    std::error_code absError;
    const fs::path dir = fs::absolute(dirPath, absError);
    if (absError) return ioError(dirPath / name, absError.value());
    return stageIn(db, dirFd, dir, name, bytes);
}

Status publishStagedFileAt(Database& db, int dirFd, const fs::path& dirPath, const std::string& tmpName,
                           const std::string& name) {
    std::error_code absError;
    const fs::path dir = fs::absolute(dirPath, absError);
    if (absError) return ioError(dirPath / name, absError.value());
    if (::renameat(dirFd, tmpName.c_str(), dirFd, name.c_str()) != 0)
        return ioError(dir / name, errno); // kept: the next unlock (or export) tries again
    ::fsync(dirFd);
    try {
        db.prepare("DELETE FROM meta WHERE key = ?").bind(1, kPrefix + (dir / tmpName).string()).step();
    } catch (const DbError& e) {
        return e
            .toError(); // renamed; a later publishStagedFiles finds the temporary file gone and forgets it
    }
    return {};
}

Status publishStagedFiles(Database& db) {
    Status first; // the first rename that failed; the others are still tried
    try {
        std::vector<std::pair<std::string, std::string>> staged; // meta key, target
        {
            auto s = db.prepare("SELECT key, value FROM meta WHERE substr(key, 1, ?) = ?");
            s.bind(1, static_cast<std::int64_t>(std::strlen(kPrefix))).bind(2, kPrefix);
            while (s.step())
                staged.emplace_back(s.text(0), s.text(1));
        }
        for (const auto& [key, target] : staged) {
            const fs::path tmp = key.substr(std::strlen(kPrefix));
            std::error_code ec;
            if (fs::exists(fs::symlink_status(tmp, ec))) {
                if (::rename(tmp.c_str(), target.c_str()) != 0) {
                    // Kept for the next try (the folder may be on a drive that is not there now).
                    if (first.ok()) first = ioError(target, errno);
                    continue;
                }
                syncFolder(fs::path(target).parent_path());
            }
            // Renamed now or before (a crash after the rename, before this row went): done either way.
            db.prepare("DELETE FROM meta WHERE key = ?").bind(1, key).step();
        }
    } catch (const DbError& e) {
        return e.toError();
    }
    return first;
}

} // namespace throughline::core
