#include "throughline/db/database.hpp"

#include <sqlite3.h>
#include <sodium.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>

#include "throughline/base/secure_bytes.hpp"

namespace throughline::core {

namespace {
[[noreturn]] void fail(sqlite3* db, int rc, std::string_view context) {
    const char* msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    throw DbError(rc, std::string(context) + ": " + (msg ? msg : "unknown error"),
                  db ? sqlite3_system_errno(db) : 0);
}
} // namespace

Error DbError::toError() const {
    if (m_errno == ENOSPC || m_errno == EDQUOT)
        return makeError(ErrorCode::DiskFull,
                         "The disk is full. Nothing was saved; free some space and try again.");
    switch (m_code & 0xFF) {
    case SQLITE_FULL:
        return makeError(ErrorCode::DiskFull,
                         "The disk is full. Nothing was saved; free some space and try again.");
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return makeError(
            ErrorCode::DatabaseDamaged,
            "The vault's database is damaged or has been tampered with. Restore it from a backup.");
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return makeError(ErrorCode::AlreadyOpen,
                         "The vault is busy in another program. Close it there first.");
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_READONLY:
    case SQLITE_PERM:
        return makeError(ErrorCode::Io,
                         std::string("The vault's files could not be read or written (") + what() + ").");
    default:
        return makeError(ErrorCode::Internal, std::string("Unexpected database error: ") + what());
    }
}

Statement::Statement(sqlite3* db, std::string_view sql) : m_db(db) {
    const int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &m_stmt, nullptr);
    if (rc != SQLITE_OK) fail(db, rc, "prepare");
}

Statement::~Statement() {
    if (m_stmt) sqlite3_finalize(m_stmt);
}

Statement::Statement(Statement&& o) noexcept : m_db(o.m_db), m_stmt(o.m_stmt) {
    o.m_stmt = nullptr;
}

Statement& Statement::bind(int i, std::string_view t) {
    const int rc = sqlite3_bind_text(m_stmt, i, t.data(), static_cast<int>(t.size()), SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) fail(m_db, rc, "bind");
    return *this;
}
Statement& Statement::bind(int i, std::int64_t v) {
    const int rc = sqlite3_bind_int64(m_stmt, i, v);
    if (rc != SQLITE_OK) fail(m_db, rc, "bind");
    return *this;
}
Statement& Statement::bindNull(int i) {
    const int rc = sqlite3_bind_null(m_stmt, i);
    if (rc != SQLITE_OK) fail(m_db, rc, "bind");
    return *this;
}
Statement& Statement::bindBlob(int i, const void* data, std::size_t size) {
    const int rc = sqlite3_bind_blob(m_stmt, i, data, static_cast<int>(size), SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) fail(m_db, rc, "bind");
    return *this;
}

bool Statement::step() {
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    // Our statements are fixed and prepared without error, so a plain SQLITE_ERROR while stepping means
    // SQLCipher could not decrypt or authenticate a page (3.x reports a failed page MAC this way).
    if ((rc & 0xFF) == SQLITE_ERROR) fail(m_db, SQLITE_CORRUPT, "step (page failed authentication)");
    fail(m_db, rc, "step");
}

void Statement::reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

std::string Statement::text(int col) const {
    const auto* p = sqlite3_column_text(m_stmt, col);
    const int n = sqlite3_column_bytes(m_stmt, col);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n)) : std::string();
}
std::int64_t Statement::integer(int col) const {
    return sqlite3_column_int64(m_stmt, col);
}
bool Statement::isNull(int col) const {
    return sqlite3_column_type(m_stmt, col) == SQLITE_NULL;
}
std::string Statement::blob(int col) const {
    const void* p = sqlite3_column_blob(m_stmt, col);
    const int n = sqlite3_column_bytes(m_stmt, col);
    return p ? std::string(static_cast<const char*>(p), static_cast<std::size_t>(n)) : std::string();
}

Database Database::open(const std::filesystem::path& file, const SecureBytes& key) {
    if (key.size() != 32) throw DbError(SQLITE_MISUSE, "data key must be 32 bytes");
    sqlite3* db = nullptr;
    int rc = sqlite3_open_v2(file.string().c_str(), &db,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        std::string msg = db ? sqlite3_errmsg(db) : "cannot open";
        sqlite3_close_v2(db);
        throw DbError(rc, "open: " + msg);
    }
    Database result(db);
    sqlite3_extended_result_codes(db, 1);
    // The raw-key form x'<64 hex>' must be exact: any other length is silently run through PBKDF2.
    SecureBytes keyText(2 + 64 + 1 + 1);
    char* k = reinterpret_cast<char*>(keyText.data());
    k[0] = 'x';
    k[1] = '\'';
    sodium_bin2hex(k + 2, 65, key.data(), 32);
    k[66] = '\'';
    rc = sqlite3_key(db, k, 67);
    if (rc != SQLITE_OK) fail(db, rc, "key");
    // A build without the codec would ignore the key: refuse to go on.
    std::string version;
    {
        Statement s(db, "PRAGMA cipher_version");
        if (s.step()) version = s.text(0);
    }
    if (version.empty())
        throw DbError(SQLITE_MISUSE, "SQLCipher is not active (PRAGMA cipher_version gave no answer)");
    result.exec("PRAGMA cipher_page_size = 4096");
    // Wrong key or tampering shows up on the first real read.
    result.scalar("SELECT count(*) FROM sqlite_master");
    result.exec("PRAGMA journal_mode = WAL");
    result.exec("PRAGMA synchronous = FULL");
    result.exec("PRAGMA temp_store = MEMORY");
    result.exec("PRAGMA cache_size = -65536"); // 64 MiB
    result.exec("PRAGMA foreign_keys = ON");
    result.exec("PRAGMA secure_delete = ON");
    sqlite3_busy_timeout(db, 2000);
    return result;
}

Database Database::openUnencrypted(const std::filesystem::path& file) {
    sqlite3* db = nullptr;
    const int rc = sqlite3_open_v2(file.string().c_str(), &db,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_close_v2(db);
        throw DbError(rc, "open");
    }
    Database result(db);
    result.exec("PRAGMA journal_mode = WAL");
    result.exec("PRAGMA synchronous = FULL");
    result.exec("PRAGMA temp_store = MEMORY");
    result.exec("PRAGMA cache_size = -65536");
    return result;
}

Database::~Database() {
    close();
}

Database::Database(Database&& o) noexcept : m_db(o.m_db), m_afterCommit(std::move(o.m_afterCommit)) {
    o.m_db = nullptr;
}

bool Database::inTransaction() const {
    return m_db && sqlite3_get_autocommit(m_db) == 0;
}

Database& Database::operator=(Database&& o) noexcept {
    if (this != &o) {
        close();
        m_db = o.m_db;
        m_afterCommit = std::move(o.m_afterCommit);
        o.m_db = nullptr;
    }
    return *this;
}

void Database::close() {
    m_afterCommit = nullptr;
    if (m_db) {
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
}

void Database::exec(std::string_view sql) {
    char* err = nullptr;
    const std::string s(sql);
    const int rc = sqlite3_exec(m_db, s.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string msg = err ? err : sqlite3_errmsg(m_db);
        sqlite3_free(err);
        throw DbError(sqlite3_extended_errcode(m_db) ? sqlite3_extended_errcode(m_db) : rc, "exec: " + msg,
                      sqlite3_system_errno(m_db));
    }
}

std::int64_t Database::scalar(std::string_view sql) {
    Statement s(m_db, sql);
    return s.step() ? s.integer(0) : 0;
}

std::string Database::scalarText(std::string_view sql) {
    Statement s(m_db, sql);
    return s.step() ? s.text(0) : std::string();
}

int Database::changes() const {
    return sqlite3_changes(m_db);
}

// The outermost transaction is a plain BEGIN ... COMMIT; nested ones are savepoints. (An outermost SAVEPOINT
// would make SQLite copy every page it changes into the statement journal, which SQLCipher encrypts too:
// a third of the time of a large import.)
Transaction::Transaction(Database& db) : m_db(db) {
    if (sqlite3_get_autocommit(m_db.handle()) != 0) {
        m_db.exec("BEGIN");
        return; // m_name stays empty: the outermost transaction
    }
    static std::atomic<unsigned> counter{0};
    m_name = "tl_sp_" + std::to_string(counter.fetch_add(1));
    m_db.exec("SAVEPOINT " + m_name);
}

Transaction::~Transaction() {
    if (m_done || !m_db.isOpen()) return;
    // Never throws: a failed rollback leaves SQLite to roll back on close.
    const std::string sql =
        m_name.empty() ? std::string("ROLLBACK") : "ROLLBACK TO " + m_name + "; RELEASE " + m_name;
    sqlite3_exec(m_db.handle(), sql.c_str(), nullptr, nullptr, nullptr);
}

void Transaction::commit() {
    m_db.exec(m_name.empty() ? std::string("COMMIT") : "RELEASE " + m_name);
    m_done = true;
    if (m_name.empty() && m_db.m_afterCommit) m_db.m_afterCommit();
}

} // namespace throughline::core
