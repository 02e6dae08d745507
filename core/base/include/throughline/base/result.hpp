#pragma once
// Expected failures as values: every public core call that can fail for a
// reason a key worker should hear about returns Result<T> or Status.
#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace throughline::core {

enum class ErrorCode {
    WrongPassphrase, // key slot did not open: nothing was touched
    HeaderMissing,   // no key file in the vault folder
    HeaderDamaged,   // key file (and its backup) unreadable or failing its checksum
    DatabaseDamaged, // database file corrupt, truncated or tampered with
    AlreadyOpen,     // another Throughline process holds the vault
    DiskFull,        // the disk ran out of space; nothing was written
    VaultExists,     // create refused: a vault is already there
    NotFound,        // no record / file with that id
    Invalid,         // validation failed; `field` names the field
    Io,              // another file-system error
    Unsupported,     // newer format / schema than this build understands
    Internal,        // a bug: reported, never silently swallowed
};

/// A failure a person can read: what happened and, where it applies, which field.
struct Error {
    ErrorCode code;
    std::string message;
    std::string field; // for ErrorCode::Invalid: the field at fault
};

/// Short stable name of an error code (for logs, JSON and tests).
const char* errorCodeName(ErrorCode code);

/// A value or an Error.
template <class T> class [[nodiscard]] Result {
  public:
    Result(T value) : m_v(std::move(value)) {}
    Result(Error error) : m_v(std::move(error)) {}
    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }
    T& value() & {
        assert(ok());
        return std::get<0>(m_v);
    }
    const T& value() const& {
        assert(ok());
        return std::get<0>(m_v);
    }
    /// From a temporary, the value itself (moved out), never a reference into the dying Result: so
    /// `for (auto& x : f().value())` is safe.
    T value() && {
        assert(ok());
        return std::get<0>(std::move(m_v));
    }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    /// From a temporary, the value itself (see value() &&).
    T operator*() && { return std::move(*this).value(); }
    const Error& error() const {
        assert(!ok());
        return std::get<1>(m_v);
    }

  private:
    std::variant<T, Error> m_v;
};

/// Success or an Error.
class [[nodiscard]] Status {
  public:
    Status() = default;
    Status(Error error) : m_error(std::move(error)) {}
    static Status success() { return {}; }
    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error& error() const {
        assert(!ok());
        return *m_error;
    }

  private:
    std::optional<Error> m_error;
};

inline Error makeError(ErrorCode code, std::string message, std::string field = {}) {
    return Error{code, std::move(message), std::move(field)};
}

} // namespace throughline::core
