#pragma once
// Pieces shared by the sync screens: a fingerprint shown as word groups, a QR code drawn with squares.
#include "app/widgets.hpp"

#include "throughline/contacts/qr.hpp"

#include <string>

namespace throughline::app {

/// The fingerprint's eight groups on two lines of four, large and spaced for reading aloud.
void fingerprintWords(const std::string& words, const char* tagName);
/// A QR code drawn with the draw list: dark squares on a white tile with a quiet zone (always dark on
/// white, also in the dark theme, so that a phone camera reads it). Centred; `side` in design pixels.
void qrCode(const core::QrMatrix& qr, float side, const char* tagName);
/// Fingerprint words and QR code: side by side when there is room (wide layout), else one above the other.
void fingerprintBlock(const std::string& words, const core::QrMatrix* qr, float qrSide, const char* wordsTag,
                      const char* qrTag);
/// "Verified" or "Not verified" as a badge.
void verifiedBadge(bool verified);

} // namespace throughline::app
