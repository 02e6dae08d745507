#pragma once
// Small text helpers shared by every module: ASCII case, UTF-8 code points, trimming, hex and Crockford
// base32.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace throughline::core {

/// Lower-cases ASCII letters only (other bytes, including UTF-8, are left as they are).
std::string lowerAscii(std::string_view s);

/// The number of Unicode code points ("characters", as a person counts them in a limit) in UTF-8 text:
/// every byte that is not a continuation byte. Length limits count these, never bytes.
std::size_t codePointCount(std::string_view s);

/// Decodes the code point at byte `i` of UTF-8 text and moves `i` past it. A malformed or cut-short
/// sequence decodes as U+FFFD and moves `i` by one byte, so a loop over any bytes always ends.
char32_t nextCodePoint(std::string_view s, std::size_t& i);

/// Appends the UTF-8 encoding of code point `c` (which the caller has checked is a valid scalar value).
void appendUtf8(std::string& out, char32_t c);

/// `s` without leading and trailing ASCII white space.
std::string_view trimmed(std::string_view s);

/// Lower-case hex of `size` bytes.
std::string toHex(const std::uint8_t* data, std::size_t size);

/// Decodes exactly `size` bytes of hex into `out`; false (and `out` unspecified) on anything else.
bool fromHex(std::string_view hex, std::uint8_t* out, std::size_t size);

/// Crockford base32 of `size` bytes (5 bits a character, leftover bits dropped), in groups of four
/// characters joined by '-'. The result is reserved up front so a secret never leaves a copy behind in
/// memory freed by a growing string.
std::string crockfordGroups(const std::uint8_t* data, std::size_t size);

/// Value 0–31 of a Crockford base32 character (upper or lower case; O reads as 0, I and L as 1), or -1.
int crockfordValue(char c);

} // namespace throughline::core
