#include "supervisor/OpenClawService.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

namespace clawtray {

bool ServiceState::active() const
{
    return activeState == QLatin1String("active") || activeState == QLatin1String("activating")
           || activeState == QLatin1String("reloading");
}

bool ServiceState::enabled() const
{
    return unitFileState.startsWith(QLatin1String("enabled")) || unitFileState == QLatin1String("linked")
           || unitFileState == QLatin1String("alias");
}

QString ServiceState::changeFrom(const ServiceState& before) const
{
    if (unit == before.unit && ownsGateway() == before.ownsGateway() && canHandBack() == before.canHandBack())
        return {};
    if (ownsGateway())
        return QStringLiteral("OpenClaw's service %1 manages this gateway: ClawTray attaches to it and starts, stops and "
                              "restarts it through systemd (`clawtray ctl takeover` lets ClawTray manage it instead)")
            .arg(describe());
    if (canHandBack())
        return QStringLiteral("OpenClaw's service %1 is installed but switched off: ClawTray manages the gateway "
                              "(`clawtray ctl handback` gives it back)")
            .arg(describe());
    return {};
}

QString ServiceState::describe() const
{
    if (!queried)
        return QStringLiteral("%1 (no user service manager: %2)").arg(unit, error.isEmpty() ? QStringLiteral("no answer") : error);
    if (!installed())
        return QStringLiteral("%1 (%2)").arg(unit, loadState.isEmpty() ? QStringLiteral("not installed") : loadState);
    return QStringLiteral("%1 (%2, %3)").arg(unit, activeState, unitFileState.isEmpty() ? QStringLiteral("unknown") : unitFileState);
}

ServiceState ServiceState::fromShow(const QString& unit, const QByteArray& text)
{
    ServiceState s;
    s.unit = unit;
    for (const QByteArray& raw : text.split('\n')) {
        const QByteArray line = raw.trimmed();
        const qsizetype eq = line.indexOf('=');
        if (eq <= 0)
            continue;
        const QByteArray key = line.left(eq);
        const QString value = QString::fromUtf8(line.mid(eq + 1)).trimmed();
        if (key == "LoadState")
            s.loadState = value;
        else if (key == "ActiveState")
            s.activeState = value;
        else if (key == "UnitFileState")
            s.unitFileState = value;
        else if (key == "MainPID")
            s.mainPid = value.toLongLong();
        else
            continue;
        s.queried = true;
    }
    return s;
}

OpenClawService::OpenClawService(QObject* parent)
    : QObject(parent)
{
}

QString OpenClawService::unitFor(const QString& stateDir, const QString& homeDir)
{
    if (homeDir.isEmpty())
        return {};
    const QString home = QDir::cleanPath(QFileInfo(homeDir).absoluteFilePath());
    const QString dir = stateDir.isEmpty() ? home + QStringLiteral("/.openclaw")
                                           : QDir::cleanPath(QFileInfo(stateDir).absoluteFilePath());
    if (dir == home + QStringLiteral("/.openclaw"))
        return QStringLiteral("openclaw-gateway.service");
    // OpenClaw's profiles: ~/.openclaw-<profile> is served by openclaw-gateway-<profile>.service
    // ("default" is the plain one).
    static const QRegularExpression profile(QStringLiteral("^\\.openclaw-([A-Za-z0-9_.-]+)$"));
    if (QFileInfo(dir).absolutePath() != home)
        return {};
    const auto m = profile.match(QFileInfo(dir).fileName());
    if (!m.hasMatch())
        return {};
    const QString name = m.captured(1);
    if (name.compare(QLatin1String("default"), Qt::CaseInsensitive) == 0)
        return QStringLiteral("openclaw-gateway.service");
    return QStringLiteral("openclaw-gateway-%1.service").arg(name);
}

QString OpenClawService::actionName(Action a)
{
    switch (a) {
    case Action::Start: return QStringLiteral("start");
    case Action::Stop: return QStringLiteral("stop");
    case Action::Restart: return QStringLiteral("restart");
    case Action::TakeOver: return QStringLiteral("take over");
    case Action::HandBack: return QStringLiteral("hand back");
    }
    return {};
}

void OpenClawService::run(const QStringList& args, const QString& label, std::function<void(const CliResult&)> done)
{
    // One runner per command: a probe may be asked for while a slow stop still runs.
    auto* cli = new OpenClawCli(this);
    LaunchSpec spec;
    spec.program = m_systemctl;
    spec.arguments = QStringList{QStringLiteral("--user")} + args;
    spec.environment = QProcessEnvironment::systemEnvironment();
    spec.workingDirectory = QDir::homePath();
    OpenClawCli::Options o;
    o.timeoutMs = m_timeoutMs;
    o.maxOutputBytes = 64 * 1024;
    o.mergeChannels = true;
    o.logLabel = label;
    cli->run(spec, o, [cli, done = std::move(done)](const CliResult& r) {
        cli->deleteLater();
        done(r);
    });
}

void OpenClawService::probe(const QString& unit, std::function<void(const ServiceState&)> done)
{
    run({QStringLiteral("show"), unit, QStringLiteral("--property=LoadState,ActiveState,UnitFileState,MainPID")},
        QStringLiteral("OpenClaw's service check"), [unit, done = std::move(done)](const CliResult& r) {
            ServiceState s = r.ok() ? ServiceState::fromShow(unit, r.output) : ServiceState{};
            s.unit = unit;
            if (!r.ok() || !s.queried) {
                s.queried = false;
                const QString said = QString::fromUtf8(r.output).trimmed().section(QLatin1Char('\n'), 0, 0);
                s.error = said.isEmpty() ? r.describe() : said;
            }
            done(s);
        });
}

void OpenClawService::control(const QString& unit, Action action, std::function<void(const Done&)> done)
{
    QStringList args;
    switch (action) {
    case Action::Start: args = {QStringLiteral("start"), unit}; break;
    case Action::Stop: args = {QStringLiteral("stop"), unit}; break;
    case Action::Restart: args = {QStringLiteral("restart"), unit}; break;
    case Action::TakeOver: args = {QStringLiteral("disable"), QStringLiteral("--now"), unit}; break;
    case Action::HandBack: args = {QStringLiteral("enable"), QStringLiteral("--now"), unit}; break;
    }
    run(args, QStringLiteral("OpenClaw's service control"),
        [unit, action, done = std::move(done)](const CliResult& r) {
            if (r.ok()) {
                done({});
                return;
            }
            const QString said = QString::fromUtf8(r.output).trimmed().section(QLatin1Char('\n'), 0, 1);
            done(Done::failure(UserText(QT_TRANSLATE_NOOP("UserText", "systemctl could not %1 %2 (%3)%4"))
                                   .arg(actionName(action))
                                   .arg(unit)
                                   .arg(r.describe())
                                   .arg(said.isEmpty() ? QString() : QStringLiteral(": ") + said)));
        });
}

} // namespace clawtray
