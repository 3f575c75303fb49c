#pragma once

#include <QString>
#include <utility>
#include <variant>

namespace concord {

// What kind of failure an Error is, for the callers that act on it: they test the code, never the message, which is
// written for people.
enum class ErrorCode
{
    InvalidInput, // the content of a file, a row or an argument is wrong (the default)
    Io,           // a file cannot be found, read, written, created or renamed
    NotAStudy,    // the file is not a Concord study
    NewerVersion, // the study was written by a newer version of Concord
    NeedsUpgrade, // the study has an older schema and was opened read-only
    Duplicate,    // the study already holds a row with this key (SQLite UNIQUE or PRIMARY KEY)
    Constraint,   // the study refused the row otherwise (CHECK, FOREIGN KEY, NOT NULL, an append-only trigger)
    Busy,         // another connection holds the study's write lock for longer than the wait
    Database,     // any other SQLite error
};

// A user-facing failure: one line that names the file, line and field where it applies.
struct Error
{
    QString message;
    ErrorCode code = ErrorCode::InvalidInput;
};

// Value-or-error returned across the model boundary (no exceptions, no message boxes below ui/).
template <typename T> class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_state(std::move(value))
    {}
    Result(Error error)
        : m_state(std::move(error))
    {}

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    T &value() & { return std::get<T>(m_state); }
    const T &value() const & { return std::get<T>(m_state); }
    // By value, so `for (x : f().value())` does not dangle once the temporary Result dies.
    T value() && { return std::get<T>(std::move(m_state)); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }

    const Error &error() const { return std::get<Error>(m_state); }
    QString errorMessage() const { return ok() ? QString() : error().message; }

private:
    std::variant<T, Error> m_state;
};

template <> class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error)
        : m_error(std::move(error))
        , m_failed(true)
    {}

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return m_error; }
    QString errorMessage() const { return m_error.message; }

private:
    Error m_error;
    bool m_failed = false;
};

using Status = Result<void>;

} // namespace concord
