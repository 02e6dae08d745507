#pragma once
// Enum tables: each enum value with a stable storage key and a plain-English display name.
// Declare a table in a header with TL_DECLARE_ENUM_TABLE(E) and define it in one .cpp with
// TL_DEFINE_ENUM_TABLE(E, {E::A, "a", "A"}, ...) (both inside namespace throughline::core).
#include <optional>
#include <span>
#include <string_view>

namespace throughline::core {

template <class E> struct EnumEntry {
    E value;
    std::string_view key;     // stable, stored in the vault and in files
    std::string_view display; // shown to people (UK English)
};

/// Specialised per enum: `static std::span<const EnumEntry<E>> entries();`
template <class E> struct EnumTable;

template <class E> std::span<const EnumEntry<E>> enumEntries() {
    return EnumTable<E>::entries();
}

template <class E> std::string_view enumKey(E v) {
    for (const auto& e : enumEntries<E>())
        if (e.value == v) return e.key;
    return "unknown";
}
template <class E> std::string_view enumDisplay(E v) {
    for (const auto& e : enumEntries<E>())
        if (e.value == v) return e.display;
    return "Unknown";
}
template <class E> std::optional<E> enumFromKey(std::string_view key) {
    for (const auto& e : enumEntries<E>())
        if (e.key == key) return e.value;
    return std::nullopt;
}

#define TL_DECLARE_ENUM_TABLE(E)                                                                             \
    template <> struct EnumTable<E> { static std::span<const EnumEntry<E>> entries(); }

#define TL_DEFINE_ENUM_TABLE(E, ...)                                                                         \
    std::span<const EnumEntry<E>> EnumTable<E>::entries() {                                                  \
        static const EnumEntry<E> table[] = {__VA_ARGS__};                                                   \
        return table;                                                                                        \
    }

} // namespace throughline::core
