#pragma once
// Small helpers shared by the app and its features. Not a public API.
#include "throughline/base/secure_bytes.hpp"
#include "throughline/vault/vault.hpp"

#include <optional>

namespace throughline::app {

/// Overwrites a revealed location before letting it go.
inline void wipeLocation(std::optional<core::ConfidentialLocation>& loc) {
    if (!loc) return;
    core::wipeString(loc->address);
    core::wipeString(loc->name);
    loc.reset();
}

} // namespace throughline::app
