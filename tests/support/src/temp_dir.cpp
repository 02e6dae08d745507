#include "throughline/testing/temp_dir.hpp"

#include <unistd.h>

#include <atomic>
#include <random>
#include <stdexcept>
#include <string>

namespace throughline::testing {

namespace fs = std::filesystem;

namespace {

fs::path baseFor(TempDir::Where where) {
    std::error_code ec;
    const fs::path shm = "/dev/shm";
    if (where == TempDir::InMemory && fs::is_directory(shm, ec) && ::access(shm.c_str(), W_OK) == 0)
        return shm;
    return fs::temp_directory_path();
}

fs::path freshFolder(TempDir::Where where) {
    static std::atomic<unsigned> counter{0};
    std::random_device rd;
    const fs::path base = baseFor(where);
    for (int attempt = 0; attempt < 1000; ++attempt) {
        fs::path p = base / ("throughline-test-" + std::to_string(::getpid()) + "-" + std::to_string(rd()) +
                             "-" + std::to_string(counter++));
        std::error_code ec;
        if (fs::create_directory(p, ec)) return p;
    }
    throw std::runtime_error("cannot make a temporary folder in " + base.string());
}

} // namespace

TempDir::TempDir(Where where) : path(freshFolder(where)) {}

TempDir::~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
}

} // namespace throughline::testing
