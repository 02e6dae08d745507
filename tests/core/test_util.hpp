#pragma once
// Shared helpers for core tests: temporary folders and quick vaults.
#include <filesystem>
#include <memory>
#include <string>

#include "throughline/records/records.hpp"
#include "throughline/records/store.hpp"
#include "throughline/vault/vault.hpp"

namespace tltest {

/// A fresh directory under the system temp dir, removed (with its contents) on destruction.
class TempDir {
  public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }
    std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

  private:
    std::filesystem::path m_path;
};

inline const char* kPass = "correct horse battery";

/// Creates a vault with the cheapest KDF parameters (tests only).
throughline::core::CreatedVault makeVault(const std::filesystem::path& dir, const std::string& pass = kPass);

/// A young person with a placement, two network members and one contact; returns the young person id.
std::string seedSmall(throughline::core::Store& store);

std::string readFile(const std::filesystem::path& p);
void writeFile(const std::filesystem::path& p, const std::string& bytes);

} // namespace tltest
