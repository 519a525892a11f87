#pragma once

// Helpers shared by the offscreen UI tests (tests/ui/tst_ui_*.cpp). Test code only.

#include "FakeGateway.h"
#include "SettingsController.h"
#include "TestSupport.h"
#include "protocol/DeviceIdentity.h"
#include "supervisor/GatewayManager.h"

#include <QDir>
#include <QTimer>

namespace uitest {

// A GatewayManager configuration that runs the fake gateway on a free port with short timeouts,
// as tests/integration/tst_supervisor_manager.cpp does.
inline clawtray::ManagerConfig fastConfig(const QString& dir, const QStringList& fakeArgs = {})
{
    clawtray::ManagerConfig c;
    c.launch = testsupport::fakeGatewayOptions(testsupport::freeTcpPort(), fakeArgs);
    c.leasePath = QDir(dir).filePath(QStringLiteral("lease-%1.json").arg(c.launch.port));
    c.readyPollMs = 20;
    c.readyTimeoutMs = 10000;
    c.process.stopGraceMs = 1000;
    c.client.challengeTimeoutMs = 2000;
    c.client.helloTimeoutMs = 2000;
    c.liveness = {5000, 60000, 2000, QStringLiteral("health")};
    c.backoff.baseDelayMs = 50;
    c.backoff.maxDelayMs = 400;
    c.backoff.maxAttempts = 10;
    c.governor.baseCooldownMs = 50;
    c.governor.maxCooldownMs = 500;
    c.startAttempts.retryDelayMs = 50;
    c.reload.debounceMs = 300;
    return c;
}

inline clawtray::DeviceIdentity identity()
{
    static const clawtray::DeviceIdentity id = *clawtray::DeviceIdentity::generate();
    return id;
}

inline clawtray::GatewayStatus statusIn(clawtray::GatewayState state, bool owned = true)
{
    clawtray::GatewayStatus s;
    s.state = state;
    s.owned = owned;
    s.port = 18789;
    if (state == clawtray::GatewayState::Running || state == clawtray::GatewayState::Reconnecting) {
        s.pid = owned ? 4242 : 0;
        s.startedAtMs = 1;
        s.healthy = state == clawtray::GatewayState::Running;
    }
    if (state == clawtray::GatewayState::Error) {
        s.lastError.kind = clawtray::ProblemKind::InvalidConfig;
        s.lastError.summary = clawtray::UserText::verbatim(QStringLiteral("The gateway's configuration is invalid"));
        s.lastError.action = clawtray::UserText::verbatim(QStringLiteral("Run openclaw doctor --fix"));
        s.lastError.actionId = clawtray::ProblemAction::DoctorFix;
    }
    return s;
}

// A SettingsController that keeps everything in memory and records what it was asked.
class FakeSettingsController final : public clawtray::SettingsController
{
public:
    clawtray::SettingsData data;
    QString currentToken = QStringLiteral("clawtray-00112233445566778899aabbccddeeff");
    clawtray::UserText problem;
    clawtray::UserText refuseWith; // set: apply() refuses valid values with this reason
    bool keychain = true;
    bool autostart = false;
    int applyCalls = 0;
    int useFileCalls = 0;
    int retryCalls = 0;
    QStringList replacedTokens;
    QList<clawtray::TokenStorage> storageCalls;

    clawtray::SettingsData settings() const override { return data; }
    clawtray::SettingsApplied apply(const clawtray::SettingsData& d) override
    {
        ++applyCalls;
        const auto errors = d.validate();
        if (!errors.isEmpty())
            return clawtray::SettingsApplied::failure({errors, {}});
        if (!refuseWith.isEmpty())
            return clawtray::SettingsApplied::failure({{}, refuseWith});
        data = d;
        return {};
    }
    QString token() const override { return currentToken; }
    clawtray::UserText tokenLocation() const override
    {
        return clawtray::UserText::verbatim(keychain ? QStringLiteral("the system keychain")
                                                     : QStringLiteral("a file only you can read"));
    }
    clawtray::UserText tokenProblem() const override { return problem; }
    bool usesKeychain() const override { return keychain; }
    void replaceToken(const QString& t, Reply done) override
    {
        replacedTokens << t;
        currentToken = t;
        QTimer::singleShot(0, this, [done] { done({}); });
    }
    void setTokenStorage(clawtray::TokenStorage storage, Reply done) override
    {
        if (storage == clawtray::TokenStorage::File)
            ++useFileCalls;
        storageCalls << storage;
        data.tokenStorage = storage;
        keychain = storage != clawtray::TokenStorage::File;
        problem = {};
        QTimer::singleShot(0, this, [done] { done({}); });
    }
    void retryTokenStorage(Reply done) override
    {
        ++retryCalls;
        QTimer::singleShot(0, this, [done] { done(clawtray::Done::failure(clawtray::UserText::verbatim(QStringLiteral("still unavailable")))); });
    }
    bool launchAtLogin() const override { return autostart; }
    clawtray::Done setLaunchAtLogin(bool enabled) override
    {
        autostart = enabled;
        Q_EMIT changed();
        return {};
    }
    QString launchAtLoginDescription() const override { return QStringLiteral("test"); }
    QMap<QString, clawtray::UserText> notes;
    QMap<QString, clawtray::UserText> effectiveNotes() const override { return notes; }
};

} // namespace uitest
