// Small-file I/O every part of the vault uses: atomic replace, bounded reads and the single-writer lock.
#include "throughline/base/files.hpp"

#include <sodium.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace throughline::core {

Status atomicWriteFile(const std::filesystem::path& path, const std::vector<std::uint8_t>& bytes) {
    const auto ioError = [&](int err) -> Status {
        if (err == ENOSPC || err == EDQUOT)
            return makeError(ErrorCode::DiskFull,
                             "The disk is full. Nothing was changed; free some space and try again.");
        return makeError(ErrorCode::Io,
                         "Could not write " + path.filename().string() + ": " + std::strerror(err));
    };
    // The temporary file gets an unpredictable name in the target's directory and is created exclusively
    // without following symlinks: the folder may be shared with a peer (a sync outbox), who must not be
    // able to plant a symlink at the name we are about to write through.
    const auto dirPath = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    std::string base = path.filename().string();
    if (base.size() > 200) base.resize(200); // room for the prefix and suffix within NAME_MAX
    std::string tmp;
    int fd = -1;
    for (int attempt = 0; attempt < 8 && fd < 0; ++attempt) {
        std::uint8_t rnd[8];
        randombytes_buf(rnd, sizeof rnd);
        char hex[2 * sizeof rnd + 1];
        sodium_bin2hex(hex, sizeof hex, rnd, sizeof rnd);
        tmp = (dirPath / ("." + base + "." + hex + ".tmp")).string();
        fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd < 0 && errno != EEXIST) return ioError(errno);
    }
    if (fd < 0) return ioError(EEXIST);
    const auto fail = [&](int err, bool open) -> Status {
        if (open) ::close(fd);
        ::unlink(tmp.c_str());
        return ioError(err);
    };
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t w = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (w < 0) {
            if (errno == EINTR) continue;
            return fail(errno, true);
        }
        done += static_cast<std::size_t>(w);
    }
    if (::fsync(fd) != 0) return fail(errno, true);
    if (::close(fd) != 0) return fail(errno, false);
    if (::rename(tmp.c_str(), path.c_str()) != 0) return fail(errno, false);
    const int dfd = ::open(dirPath.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
    return {};
}

Result<std::vector<std::uint8_t>> readSmallFile(const std::filesystem::path& path, std::size_t maxBytes) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT) return makeError(ErrorCode::NotFound, path.filename().string() + " is missing.");
        return makeError(ErrorCode::Io,
                         "Could not read " + path.filename().string() + ": " + std::strerror(errno));
    }
    std::vector<std::uint8_t> out;
    std::uint8_t buf[4096];
    for (;;) {
        const ssize_t r = ::read(fd, buf, sizeof buf);
        if (r < 0) {
            if (errno == EINTR) continue;
            const int err = errno;
            ::close(fd);
            return makeError(ErrorCode::Io,
                             "Could not read " + path.filename().string() + ": " + std::strerror(err));
        }
        if (r == 0) break;
        out.insert(out.end(), buf, buf + r);
        if (out.size() > maxBytes) {
            ::close(fd);
            return makeError(ErrorCode::HeaderDamaged,
                             path.filename().string() + " is larger than it can be.");
        }
    }
    ::close(fd);
    return out;
}

Result<FileLock> FileLock::acquire(const std::filesystem::path& path) {
    FileLock lock;
    lock.m_fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (lock.m_fd < 0)
        return makeError(ErrorCode::Io,
                         "Could not create the vault's lock file: " + std::string(std::strerror(errno)));
    if (::flock(lock.m_fd, LOCK_EX | LOCK_NB) != 0) {
        const int err = errno;
        lock.release();
        if (err == EWOULDBLOCK)
            return makeError(
                ErrorCode::AlreadyOpen,
                "This vault is already open in another Throughline window or program. Close it there "
                "first.");
        return makeError(ErrorCode::Io, "Could not lock the vault: " + std::string(std::strerror(err)));
    }
    const std::string pid = std::to_string(::getpid()) + "\n";
    if (::ftruncate(lock.m_fd, 0) == 0) {
        [[maybe_unused]] auto w = ::write(lock.m_fd, pid.data(), pid.size());
    }
    return lock;
}

FileLock::~FileLock() {
    release();
}
FileLock::FileLock(FileLock&& o) noexcept : m_fd(o.m_fd) {
    o.m_fd = -1;
}
FileLock& FileLock::operator=(FileLock&& o) noexcept {
    if (this != &o) {
        release();
        m_fd = o.m_fd;
        o.m_fd = -1;
    }
    return *this;
}
void FileLock::release() {
    if (m_fd >= 0) {
        ::flock(m_fd, LOCK_UN);
        ::close(m_fd);
        m_fd = -1;
    }
}

} // namespace throughline::core
