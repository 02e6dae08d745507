#pragma once
// Database schema versions and forward migrations.
#include <vector>

namespace throughline::core {

class Database;

/// The schema version this build writes.
constexpr int kSchemaVersion = 8;

/// The schema version stored in the database (PRAGMA user_version).
int schemaVersion(Database& db);
/// Runs every migration from the current version up to `target` (default: latest), in one transaction.
/// Throws DbError; refuses (throws) a database newer than this build.
void migrate(Database& db, int target = kSchemaVersion);

} // namespace throughline::core
