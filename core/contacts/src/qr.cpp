#include "throughline/contacts/qr.hpp"

#include <qrencode.h>

#include <memory>
#include <string>

namespace throughline::core {

Result<QrMatrix> makeQr(std::string_view text) {
    if (text.empty()) return makeError(ErrorCode::Invalid, "There is nothing to put in the QR code.", "text");
    // Level M holds at most 2,331 bytes (version 40); refuse before asking libqrencode.
    if (text.size() > 2331)
        return makeError(ErrorCode::Invalid, "The text is too long for a QR code.", "text");
    const std::string copy(text); // QRcode_encodeData wants its own buffer
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeData(static_cast<int>(copy.size()), reinterpret_cast<const unsigned char*>(copy.data()),
                          0, QR_ECLEVEL_M),
        &QRcode_free);
    if (!code) return makeError(ErrorCode::Invalid, "The QR code could not be made from this text.", "text");
    QrMatrix m;
    m.size = code->width;
    m.dark.resize(static_cast<std::size_t>(m.size) * static_cast<std::size_t>(m.size));
    for (std::size_t i = 0; i < m.dark.size(); ++i)
        m.dark[i] = (code->data[i] & 1) != 0; // bit 0: dark module; the other bits describe its role
    return m;
}

} // namespace throughline::core
