#pragma once
// The vault's settings table: small named texts kept inside the encrypted database (preferences of the
// vault, sync bookkeeping, witnesses of audit heads). Like every Database call, these throw DbError.
#include <optional>
#include <string>
#include <string_view>

namespace throughline::core {

class Database;

/// The setting's value, or nullopt when it was never set.
std::optional<std::string> readSetting(Database& db, std::string_view key);
/// Sets (or replaces) the setting, inside the caller's transaction if there is one.
void writeSetting(Database& db, std::string_view key, std::string_view value);

} // namespace throughline::core
