#include "settings/KeychainSecretBackend.h"

#include "settings/SecretStore.h"

#include <QPointer>
#include <QTimer>

#include <qt6keychain/keychain.h>

#include <memory>

namespace clawtray {
namespace {

SecretResult resultFromJob(QKeychain::Job* job)
{
    SecretResult r;
    const QString detail = job->errorString().isEmpty() ? QStringLiteral("no details") : job->errorString();
    switch (job->error()) {
    case QKeychain::NoError:
        r.status = SecretStatus::Ok;
        if (auto* read = qobject_cast<QKeychain::ReadPasswordJob*>(job))
            r.token = read->textData().trimmed();
        return r;
    case QKeychain::EntryNotFound:
        r.status = SecretStatus::NotFound;
        r.error = UserText(QT_TRANSLATE_NOOP("UserText", "No gateway token is stored in the system keychain yet"));
        return r;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        r.status = SecretStatus::AccessDenied;
        r.error = UserText(QT_TRANSLATE_NOOP("UserText", "Access to the system keychain was denied (%1)")).arg(UserText::verbatim(detail));
        return r;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::OtherError:
        r.status = SecretStatus::Unavailable;
        r.error = SecretStore::unavailableMessage(detail);
        r.detail = detail;
        return r;
    case QKeychain::CouldNotDeleteEntry:
        break;
    }
    r.status = SecretStatus::Failed;
    r.error = UserText(QT_TRANSLATE_NOOP("UserText", "The system keychain reported an error: %1")).arg(UserText::verbatim(detail));
    return r;
}

} // namespace

KeychainSecretBackend::KeychainSecretBackend(QString service, QString key, int timeoutMs, QObject* parent)
    : QObject(parent)
    , m_service(std::move(service))
    , m_key(std::move(key))
    , m_timeoutMs(timeoutMs)
{}

UserText KeychainSecretBackend::description() const
{
    return UserText(QT_TRANSLATE_NOOP("UserText", "the system keychain (service \"%1\", key \"%2\")"))
        .arg(UserText::verbatim(m_service))
        .arg(UserText::verbatim(m_key));
}

void KeychainSecretBackend::read(Callback done)
{
    auto* job = new QKeychain::ReadPasswordJob(m_service);
    job->setKey(m_key);
    run(job, std::move(done));
}

void KeychainSecretBackend::write(const QString& token, Callback done)
{
    auto* job = new QKeychain::WritePasswordJob(m_service);
    job->setKey(m_key);
    job->setTextData(token);
    run(job, [token, done = std::move(done)](const SecretResult& r) {
        SecretResult out = r;
        if (out.ok())
            out.token = token;
        done(out);
    });
}

void KeychainSecretBackend::remove(Callback done)
{
    auto* job = new QKeychain::DeletePasswordJob(m_service);
    job->setKey(m_key);
    run(job, std::move(done));
}

void KeychainSecretBackend::run(QKeychain::Job* job, Callback done)
{
    // The job deletes itself when it finishes. It has no parent on purpose: deleting it while the
    // keychain daemon still holds a callback into it (because we gave up or were destroyed) is
    // unsafe, so a late answer is simply ignored instead.
    job->setAutoDelete(true);
    job->setInsecureFallback(false);

    // Exactly one answer: the job's or the timeout's, whichever comes first.
    auto settled = std::make_shared<bool>(false);
    auto finish = [settled, done](const SecretResult& r) {
        if (*settled)
            return;
        *settled = true;
        done(r);
    };

    auto* timer = new QTimer(this);
    timer->setSingleShot(true);
    const int timeoutMs = m_timeoutMs;
    connect(timer, &QTimer::timeout, this, [finish, timer, timeoutMs] {
        timer->deleteLater();
        // Often not a missing keychain but one that waits for its password prompt: say so, and
        // the desktop notices the unlock when it comes (ui/KeyringWatch).
        SecretResult r = SecretResult::of(SecretStatus::Unavailable, {}, SecretStore::noAnswerMessage());
        r.detail = QStringLiteral("no answer within %1 ms").arg(timeoutMs);
        finish(r);
    });
    QPointer<QTimer> guard(timer);
    connect(job, &QKeychain::Job::finished, this, [finish, guard](QKeychain::Job* j) {
        if (guard) {
            guard->stop();
            guard->deleteLater();
        }
        finish(resultFromJob(j));
    });
    timer->start(m_timeoutMs);
    // QtKeychain starts jobs through a queued call, so `done` is never called before we return.
    job->start();
}

} // namespace clawtray
