#pragma once

#include "policy/UserText.h"

#include <optional>
#include <utility>

namespace clawtray {

// How an expected failure travels (docs/ARCHITECTURE.md, "How errors travel"): a value, or why
// there is none. No out-parameter, no empty string that means success.
//
//   Result<QString> r = RuntimeLocator::readPackageVersion(dir);
//   if (!r)
//       logWarn(r.error().english());
//
// Why is a sentence for a person (UserText) unless a caller must tell failures apart: then `E` is
// a small value that says which failure and carries its sentence (ControlClient's ConnectFailure,
// the settings' SettingsRefusal).
template <class T, class E = UserText>
class [[nodiscard]] Result
{
public:
    Result(T value) // NOLINT(google-explicit-constructor): a value is a success
        : m_value(std::move(value))
    {}
    static Result failure(E why)
    {
        Result r;
        r.m_error = std::move(why);
        return r;
    }

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    const T& value() const { return *m_value; }
    T valueOr(T fallback) const { return m_value ? *m_value : std::move(fallback); }
    T take() { return std::move(*m_value); } // a value that only moves (a unique_ptr)
    const E& error() const { return m_error; }

private:
    Result() = default;
    std::optional<T> m_value;
    E m_error{};
};

// A step with nothing to give back: done, or why not.
template <class E>
class [[nodiscard]] Result<void, E>
{
public:
    Result() = default; // done
    static Result failure(E why)
    {
        Result r;
        r.m_failed = true;
        r.m_error = std::move(why);
        return r;
    }

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const E& error() const { return m_error; }

private:
    bool m_failed = false;
    E m_error{};
};

using Done = Result<void>;

} // namespace clawtray
