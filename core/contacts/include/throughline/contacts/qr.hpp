#pragma once
// QR codes (libqrencode) as a plain matrix of modules that any front end can draw: used to show a vault's
// contact-card fingerprint so that two people can compare it side by side.
#include "throughline/base/result.hpp"

#include <string_view>
#include <vector>

namespace throughline::core {

/// A square QR symbol: `size` × `size` modules, row by row, true = dark. No quiet zone is included.
struct QrMatrix {
    int size = 0;
    std::vector<bool> dark;
    /// Whether the module at column `x`, row `y` is dark (false outside the symbol).
    bool at(int x, int y) const {
        return x >= 0 && y >= 0 && x < size && y < size && dark[static_cast<std::size_t>(y * size + x)];
    }
};

/// Encodes `text` (8-bit mode, error correction level M, the smallest version that fits). Invalid for
/// empty text or text longer than a QR code holds at level M.
Result<QrMatrix> makeQr(std::string_view text);

} // namespace throughline::core
