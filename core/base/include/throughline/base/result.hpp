#pragma once
// Expected failures as values: every public core call that can fail for a
// reason a key worker should hear about returns Result<T> or Status.
#include "throughline/base/enum_table.hpp"

#include <cassert>
#include <cstdint>
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

/// Why, for a program: the typed reason of a failure that a front end or a caller acts on, beyond its code.
/// Each has a stable key (enumKey: docs/bundle-format.md §4 lists the bundle ones) for logs, files and JSON.
/// Front ends decide on the reason, never on the message, which is for people and may change.
enum class ErrorReason : std::uint8_t {
    None,
    BundleSize,
    BundleHeader,
    BundleRecipient,
    BundleHeaderMac,
    BundleDamaged,
    BundleTruncated,
    BundleTrailing,
    BundlePayload,
    BundleSignature,
    UnknownSender,
    UnverifiedSender,
    BundleBody,
    BundleReplay,
    BundleNothingNew,
    BundleClock,
    BundleOrigin,
    BundleRelayed,
    BundleConfidential,
    BundleImmutable,
    BundleScope,
    BundleRecord,
    BundleSchema,
    Cancelled,
    NotAFile,
    ReadFailed,
    ContactNotFound,
    ContactAmbiguous,
};
TL_DECLARE_ENUM_TABLE(ErrorReason);

/// A failure a person can read: what happened and, where it applies, which field; and for a program, the
/// typed reason with its structured detail.
struct Error {
    ErrorCode code;
    std::string message; // plain English for people; never names a front end's command or screen
    std::string field; // for ErrorCode::Invalid: the input field at fault (a record field, a file, an option)
    ErrorReason reason = ErrorReason::None;
    std::string subject; // structured detail of the reason, e.g. the sender's name for UnverifiedSender
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
    return Error{code, std::move(message), std::move(field), ErrorReason::None, {}};
}
/// An error with a typed reason (and its subject, where the reason has one).
inline Error makeError(ErrorCode code, ErrorReason reason, std::string message, std::string subject = {}) {
    return Error{code, std::move(message), {}, reason, std::move(subject)};
}

} // namespace throughline::core
