#pragma once

#include "policy/UserText.h"

#include <QString>

#include <functional>

namespace clawtray {

enum class SecretStatus {
    Ok,
    NotFound,     // nothing stored yet: loadOrCreate() generates a token
    Unavailable,  // no keychain backend, keychain daemon not answering, timeout
    AccessDenied, // the user (or the keychain) refused access
    Failed,       // anything else (I/O error on the token file, ...)
};

struct SecretResult
{
    SecretStatus status = SecretStatus::Failed;
    QString token;        // set when status == Ok (read, write, loadOrCreate)
    UserText error;       // a sentence for the user; empty when Ok
    bool created = false; // loadOrCreate(): the token was generated just now
    QString detail;       // the backend's own words (e.g. the keychain's error), for the log

    bool ok() const { return status == SecretStatus::Ok; }
    // A result with what most answers carry (the rest stays at its default).
    static SecretResult of(SecretStatus status, const QString& token = {}, const UserText& error = {})
    {
        SecretResult r;
        r.status = status;
        r.token = token;
        r.error = error;
        return r;
    }
};

// Where the gateway token physically lives. One interface, one class per storage, so SecretStore's
// policy (load-or-create, retry, no silent fallback) is the same whatever the storage, and tests
// can drive that policy with a scripted backend.
//
// Contract: each call invokes `done` exactly once, always asynchronously (never before the call
// returns), on the thread that made the call.
class SecretBackend
{
public:
    using Callback = std::function<void(const SecretResult&)>;

    virtual ~SecretBackend() = default;

    virtual UserText description() const = 0; // for logs (english()) and the UI, e.g. "the system keychain"
    virtual void read(Callback done) = 0;
    virtual void write(const QString& token, Callback done) = 0;
    virtual void remove(Callback done) = 0;
    // The system keychain (whose "not found" may mean "locked", see SecretStore::loadOrCreate).
    virtual bool isKeychain() const { return false; }
};

} // namespace clawtray
