#pragma once
// Thin RAII layer over a SQLCipher connection. Internal to core and its tests:
// screens and the CLI never see SQL.
#include "throughline/base/result.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace throughline::core {

class SecureBytes;

/// Thrown inside core for SQL failures; converted to an Error at the public boundary.
class DbError : public std::runtime_error {
  public:
    DbError(int sqliteCode, const std::string& what, int systemErrno = 0)
        : std::runtime_error(what), m_code(sqliteCode), m_errno(systemErrno) {}
    int sqliteCode() const { return m_code; }
    /// The OS error behind an I/O failure (e.g. ENOSPC), when SQLite knows it.
    int systemErrno() const { return m_errno; }
    /// The plain-English Error this failure means for a user.
    Error toError() const;

  private:
    int m_code;
    int m_errno;
};

/// A prepared statement; bind with 1-based indexes, read columns 0-based.
class Statement {
  public:
    Statement(sqlite3* db, std::string_view sql);
    ~Statement();
    Statement(Statement&& o) noexcept;
    Statement& operator=(Statement&&) = delete;
    Statement(const Statement&) = delete;

    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bindNull(int index);
    Statement& bindBlob(int index, const void* data, std::size_t size);
    /// True while a row is available.
    bool step();
    void reset();
    std::string text(int col) const;
    std::int64_t integer(int col) const;
    bool isNull(int col) const;
    std::string blob(int col) const;

  private:
    sqlite3* m_db;
    sqlite3_stmt* m_stmt = nullptr;
};

/// One SQLCipher connection. Move-only; closes in its destructor.
class Database {
  public:
    /// Opens (creating if needed) an encrypted database with a 32-byte raw key.
    /// Throws DbError; the key text never leaves secure memory.
    static Database open(const std::filesystem::path& file, const SecureBytes& key);
    /// Opens without any key (plain SQLite, for the encrypted-vs-plain benchmark only).
    static Database openUnencrypted(const std::filesystem::path& file);
    Database() = default;
    ~Database();
    Database(Database&& o) noexcept;
    Database& operator=(Database&& o) noexcept;
    Database(const Database&) = delete;

    void exec(std::string_view sql);
    Statement prepare(std::string_view sql) { return Statement(m_db, sql); }
    std::int64_t scalar(std::string_view sql);
    std::string scalarText(std::string_view sql);
    int changes() const;
    bool isOpen() const { return m_db != nullptr; }
    void close();
    sqlite3* handle() { return m_db; }
    /// Called after each outermost transaction commits: the audit trail publishes its signed head there, once
    /// the entries it names are durable (never for a transaction that rolls back). One hook; empty to clear.
    void setAfterCommit(std::function<void()> hook) { m_afterCommit = std::move(hook); }
    /// Whether a transaction is open on this connection.
    bool inTransaction() const;

  private:
    friend class Transaction;
    explicit Database(sqlite3* db) : m_db(db) {}
    sqlite3* m_db = nullptr;
    std::function<void()> m_afterCommit;
};

/// A savepoint-based transaction: nests, rolls back in its destructor unless committed, never throws there.
class Transaction {
  public:
    explicit Transaction(Database& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

  private:
    Database& m_db;
    std::string m_name;
    bool m_done = false;
};

} // namespace throughline::core
