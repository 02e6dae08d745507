#include "throughline/base/secret_file.hpp"

#include "throughline/base/secure_bytes.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace throughline::core {

namespace {

/// Closes the file on every way out.
struct Fd {
    int fd;
    ~Fd() {
        if (fd >= 0) close(fd);
    }
};

} // namespace

Result<SecretFile> readSecretFile(const std::string& path, std::string_view what) {
    const std::string kind(what);
    Fd file{open(path.c_str(), O_RDONLY | O_CLOEXEC)};
    if (file.fd < 0)
        return makeError(ErrorCode::NotFound, "Could not open the " + kind + " file '" + path +
                                                  "': " + std::strerror(errno) + ".");
    SecretFile out;
    struct stat st {};
    if (fstat(file.fd, &st) == 0) {
        if (!S_ISREG(st.st_mode))
            return makeError(ErrorCode::Invalid,
                             "The " + kind + " file '" + path + "' is not a regular file.");
        if (st.st_mode & (S_IRWXG | S_IRWXO))
            out.warning = "the " + kind + " file '" + path +
                          "' can be read by other users; restrict it with: chmod 600 " + path;
    }
    // One fixed buffer, read once: no reallocation leaves stray copies of the secret behind.
    SecureBytes buf(kMaxSecretLength + 2);
    std::size_t got = 0;
    while (got < buf.size()) {
        ssize_t n = read(file.fd, buf.data() + got, buf.size() - got);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        got += static_cast<std::size_t>(n);
    }
    std::size_t end = 0;
    while (end < got && buf.data()[end] != '\n')
        ++end;
    if (end >= kMaxSecretLength + 1)
        return makeError(ErrorCode::Invalid, "The first line of the " + kind + " file '" + path +
                                                 "' is too long (at most " +
                                                 std::to_string(kMaxSecretLength) + " characters).");
    std::size_t len = end;
    if (len > 0 && buf.data()[len - 1] == '\r') --len;
    if (len == 0) return makeError(ErrorCode::Invalid, "The " + kind + " file '" + path + "' is empty.");
    out.text.reserve(len);
    out.text.assign(reinterpret_cast<const char*>(buf.data()), len);
    return out;
}

} // namespace throughline::core
