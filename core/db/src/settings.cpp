#include "throughline/db/settings.hpp"

#include "throughline/db/database.hpp"

namespace throughline::core {

std::optional<std::string> readSetting(Database& db, std::string_view key) {
    auto s = db.prepare("SELECT value FROM setting WHERE key = ?");
    s.bind(1, key);
    if (!s.step()) return std::nullopt;
    return s.text(0);
}

void writeSetting(Database& db, std::string_view key, std::string_view value) {
    db.prepare("INSERT OR REPLACE INTO setting (key, value) VALUES (?,?)").bind(1, key).bind(2, value).step();
}

} // namespace throughline::core
