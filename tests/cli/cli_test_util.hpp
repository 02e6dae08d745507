#pragma once
// Helpers for the CLI's unit tests: a temporary folder and a fast-KDF vault in it.
#include "throughline/vault/vault.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <memory>
#include <random>
#include <string>

namespace clitest {

/// A fresh folder under the system temp directory, removed with everything in it.
class TempDir {
  public:
    TempDir() {
        std::random_device rd;
        const auto base = std::filesystem::temp_directory_path();
        for (;;) {
            m_path = base / ("throughline-cli-unit-" + std::to_string(rd()) + std::to_string(rd()));
            if (std::filesystem::create_directory(m_path)) break;
        }
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }

  private:
    std::filesystem::path m_path;
};

/// A new vault with the cheapest KDF (tests only).
inline std::unique_ptr<throughline::core::Vault> makeVault(const std::filesystem::path& dir) {
    throughline::core::CreateOptions opt;
    opt.owner = {"Jo Marsh", "Residential key worker", "Harlow Vale Council"};
    opt.kdf = throughline::core::KdfParams::minimumForTests();
    auto created = throughline::core::Vault::create(dir, "correct horse battery staple", opt);
    REQUIRE_MESSAGE(created.ok(), (created.ok() ? "" : created.error().message));
    return std::move(created.value().vault);
}

} // namespace clitest
