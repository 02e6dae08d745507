// QR codes of contact-card fingerprints: sizes and the three finder patterns.
#include <doctest/doctest.h>

#include "throughline/contacts/qr.hpp"

#include <string>

using namespace throughline::core;

namespace {

// The 7×7 finder pattern with its top-left module at (x, y): a dark ring, a light ring, a dark 3×3 centre.
bool finderAt(const QrMatrix& m, int x, int y) {
    for (int dy = 0; dy < 7; ++dy)
        for (int dx = 0; dx < 7; ++dx) {
            const bool ring = dx == 0 || dy == 0 || dx == 6 || dy == 6;
            const bool centre = dx >= 2 && dx <= 4 && dy >= 2 && dy <= 4;
            if (m.at(x + dx, y + dy) != (ring || centre)) return false;
        }
    return true;
}

// The light separator along the inner edges of a finder pattern.
bool lightSeparator(const QrMatrix& m, int x0, int y0, int x1, int y1) {
    for (int y = y0; y <= y1; ++y)
        for (int x = x0; x <= x1; ++x)
            if (m.at(x, y)) return false;
    return true;
}

} // namespace

TEST_SUITE("qr") {
    TEST_CASE("a fingerprint becomes a QR code with its three finder patterns") {
        const std::string words = "7MQD-4KXR-A2ZE-91TF-QW3H-C8VN-05PJ-GRBY";
        auto r = makeQr(words);
        REQUIRE(r.ok());
        const QrMatrix& m = *r;
        // 39 bytes at level M fit version 3: 21 + 4 × (3 − 1) modules a side.
        CHECK(m.size == 29);
        CHECK(m.dark.size() == static_cast<std::size_t>(m.size * m.size));
        CHECK(finderAt(m, 0, 0));
        CHECK(finderAt(m, m.size - 7, 0));
        CHECK(finderAt(m, 0, m.size - 7));
        CHECK_FALSE(finderAt(m, m.size - 7, m.size - 7)); // no finder in the bottom-right corner
        CHECK(lightSeparator(m, 7, 0, 7, 7));
        CHECK(lightSeparator(m, 0, 7, 7, 7));
        CHECK(lightSeparator(m, m.size - 8, 0, m.size - 8, 7));
        CHECK(lightSeparator(m, 0, m.size - 8, 7, m.size - 8));
        // The timing pattern alternates between the finders on row 6 and column 6.
        for (int i = 8; i < m.size - 8; ++i) {
            CHECK(m.at(i, 6) == (i % 2 == 0));
            CHECK(m.at(6, i) == (i % 2 == 0));
        }
        // The same text always gives the same symbol.
        auto again = makeQr(words);
        REQUIRE(again.ok());
        CHECK(again->dark == m.dark);
    }

    TEST_CASE("sizes grow with the text; empty and too long are refused") {
        auto small = makeQr("A");
        REQUIRE(small.ok());
        CHECK(small->size == 21); // version 1
        auto hex = makeQr(std::string(64, 'a'));
        REQUIRE(hex.ok());
        CHECK(hex->size > 21);
        CHECK((hex->size - 21) % 4 == 0);
        CHECK(finderAt(*hex, 0, 0));
        CHECK(finderAt(*hex, hex->size - 7, 0));
        CHECK(finderAt(*hex, 0, hex->size - 7));
        CHECK_FALSE(small->at(-1, 0));
        CHECK_FALSE(small->at(0, 21));

        auto empty = makeQr("");
        REQUIRE_FALSE(empty.ok());
        CHECK(empty.error().code == ErrorCode::Invalid);
        auto huge = makeQr(std::string(3000, 'x'));
        REQUIRE_FALSE(huge.ok());
        CHECK(huge.error().code == ErrorCode::Invalid);
    }
}
