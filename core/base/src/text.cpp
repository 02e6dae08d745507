#include "throughline/base/text.hpp"

#include <sodium.h>

namespace throughline::core {

namespace {
constexpr std::string_view kCrockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
} // namespace

std::string lowerAscii(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::string_view trimmed(std::string_view s) {
    std::size_t b = 0, e = s.size();
    while (b < e && isSpace(s[b]))
        ++b;
    while (e > b && isSpace(s[e - 1]))
        --e;
    return s.substr(b, e - b);
}

std::string toHex(const std::uint8_t* data, std::size_t size) {
    std::string out(size * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), data, size);
    out.pop_back();
    return out;
}

bool fromHex(std::string_view hex, std::uint8_t* out, std::size_t size) {
    if (hex.size() != size * 2) return false;
    std::size_t len = 0;
    return sodium_hex2bin(out, size, hex.data(), hex.size(), nullptr, &len, nullptr) == 0 && len == size;
}

std::string crockfordGroups(const std::uint8_t* data, std::size_t size) {
    std::string out;
    const std::size_t chars = size * 8 / 5;
    out.reserve(chars + (chars > 0 ? (chars - 1) / 4 : 0));
    std::uint32_t buffer = 0;
    int bits = 0, emitted = 0;
    for (std::size_t i = 0; i < size; ++i) {
        buffer = (buffer << 8) | data[i];
        bits += 8;
        while (bits >= 5) {
            if (emitted > 0 && emitted % 4 == 0) out += '-';
            out += kCrockford[(buffer >> (bits - 5)) & 31];
            bits -= 5;
            ++emitted;
        }
    }
    sodium_memzero(&buffer, sizeof buffer);
    return out;
}

int crockfordValue(char c) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c == 'O') c = '0';
    if (c == 'I' || c == 'L') c = '1';
    const auto pos = kCrockford.find(c);
    return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

} // namespace throughline::core
