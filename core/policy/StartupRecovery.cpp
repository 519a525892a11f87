#include "policy/StartupRecovery.h"

#include "policy/AnsiText.h"

#include <QRegularExpression>

namespace clawtray {

namespace {

// EX_CONFIG. The real gateway also uses it when another instance holds the state dir lock.
constexpr int kExitConfig = 78;

struct Rule
{
    StartupRecovery::Kind kind;
    const char* pattern; // a regular expression, matched case-insensitively; nullptr = any text
    bool needsExit78;
};

// First match wins, so specific texts come before generic ones: "exited before becoming ready"
// appears with almost every failure and must not hide the invalid-config lines next to it.
const Rule kRules[] = {
    {StartupRecovery::Kind::MigrationLock, "startup migration is already running", false},
    // The gateway's message for a locked state dir wrongly says "requires state migration".
    {StartupRecovery::Kind::OtherInstanceOwnsStateDir,
     "another (gateway )?instance|already running|requires state migration|state dir|lock ?file|\\block(ed)?\\b", true},
    {StartupRecovery::Kind::NodeTooOld,
     "requires node|outside the supported range|unsupported node|node(\\.js)? (version )?v?\\d+(\\.\\d+)* is not "
     "supported",
     false},
    {StartupRecovery::Kind::PortInUse,
     "another gateway instance is already listening|eaddrinuse|address already in use|port \\d+ still occupied", false},
    {StartupRecovery::Kind::InvalidConfig, "invalid config|config invalid|unrecognized key|run: openclaw doctor --fix",
     false},
    // A damaged database does not heal by retrying.
    {StartupRecovery::Kind::Fatal, "sqlite_(corrupt|notadb)|database disk image is malformed", false},
    // EX_CONFIG without any more specific text means what it says.
    {StartupRecovery::Kind::InvalidConfig, nullptr, true},
    {StartupRecovery::Kind::Transient,
     "closed before handshake|econnrefused|exited before becoming ready|handshake timeout|challenge timeout|"
     "gateway starting",
     false},
};

StartupRecovery::Classification make(StartupRecovery::Kind kind, const QString& pattern, const StartupFailure& f)
{
    using Kind = StartupRecovery::Kind;
    StartupRecovery::Classification c;
    c.kind = kind;
    c.matchedPattern = pattern;
    switch (kind) {
    case Kind::Transient:
        c.explanation = UserText(QT_TRANSLATE_NOOP("UserText", "The gateway did not become ready in time."));
        c.suggestedAction = UserText(QT_TRANSLATE_NOOP("UserText", "Retrying automatically"));
        break;
    case Kind::PortInUse:
        c.explanation = UserText(QT_TRANSLATE_NOOP("UserText", "The gateway's port is already in use by another program or gateway."));
        c.suggestedAction = UserText(QT_TRANSLATE_NOOP("UserText", "Use another port, or stop the program that holds it"));
        break;
    case Kind::InvalidConfig:
        c.explanation = UserText(QT_TRANSLATE_NOOP("UserText", "The gateway rejected its configuration."));
        c.suggestedAction = UserText(QT_TRANSLATE_NOOP("UserText", "Run doctor --fix"));
        break;
    case Kind::OtherInstanceOwnsStateDir:
        c.explanation = UserText(QT_TRANSLATE_NOOP("UserText", "Another gateway instance already uses this state directory "
                                       "(the gateway may misleadingly report that it \"requires state migration\")."));
        c.suggestedAction = UserText(QT_TRANSLATE_NOOP("UserText", "Stop the other gateway or choose another state dir"));
        break;
    case Kind::NodeTooOld:
        c.explanation = UserText(QT_TRANSLATE_NOOP("UserText", "The Node.js runtime is too old for this gateway (it needs Node 24)."));
        c.suggestedAction = UserText(QT_TRANSLATE_NOOP("UserText", "Install Node 24 with scripts/setup.sh"));
        break;
    case Kind::MigrationLock:
        c.explanation = UserText(QT_TRANSLATE_NOOP("UserText", "Another gateway is running its startup migration on this state."));
        c.suggestedAction = UserText(QT_TRANSLATE_NOOP("UserText", "Wait for the other gateway to finish, or stop it"));
        break;
    case Kind::Fatal:
        if (!pattern.isEmpty()) {
            c.explanation = UserText(QT_TRANSLATE_NOOP("UserText", "The gateway's database is damaged (%1).")).arg(pattern);
            c.suggestedAction = UserText(QT_TRANSLATE_NOOP("UserText", "See the gateway log; restore the database from a backup"));
            break;
        }
        c.explanation = f.signal ? UserText(QT_TRANSLATE_NOOP("UserText", "The gateway was killed by signal %1 while starting.")).arg(*f.signal)
                        : f.exitCode
                            ? UserText(QT_TRANSLATE_NOOP("UserText", "The gateway exited with code %1 while starting.")).arg(*f.exitCode)
                            : UserText(QT_TRANSLATE_NOOP("UserText", "The gateway failed to start."));
        c.suggestedAction = UserText(QT_TRANSLATE_NOOP("UserText", "See the gateway log"));
        break;
    }
    return c;
}

} // namespace

namespace {

// The gateway's own words for a configuration it refused: the line that matched, or for a bare
// exit 78 the line that says why ("Gateway failed to start: ...", "Invalid config ...").
QString gatewayReason(const QString& text, qsizetype at)
{
    if (at >= 0) {
        const qsizetype begin = text.lastIndexOf(QLatin1Char('\n'), at) + 1;
        qsizetype end = text.indexOf(QLatin1Char('\n'), at);
        if (end < 0)
            end = text.size();
        return text.mid(begin, end - begin).trimmed().left(300);
    }
    static const QRegularExpression why(QStringLiteral("invalid|failed to start|missing|must|expected|requires"),
                                        QRegularExpression::CaseInsensitiveOption);
    const QStringList lines = text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString& l : lines)
        if (why.match(l).hasMatch())
            return l.trimmed().left(300);
    return lines.isEmpty() ? QString() : lines.last().trimmed().left(300);
}

StartupRecovery::Classification withReason(StartupRecovery::Classification c, const QString& reason)
{
    if (c.kind == StartupRecovery::Kind::InvalidConfig)
        c.gatewayReason = reason;
    return c;
}

} // namespace

StartupRecovery::Classification StartupRecovery::classify(const StartupFailure& failure)
{
    const QString text = stripAnsi(failure.stderrLines.join(QLatin1Char('\n')) + QLatin1Char('\n') + failure.errorText);
    const bool exit78 = failure.exitCode == kExitConfig;
    for (const Rule& rule : kRules) {
        if (rule.needsExit78 && !exit78) {
            continue;
        }
        if (!rule.pattern) {
            return withReason(make(rule.kind, QStringLiteral("exit code %1").arg(kExitConfig), failure),
                              gatewayReason(text, -1));
        }
        const QRegularExpression re(QString::fromLatin1(rule.pattern), QRegularExpression::CaseInsensitiveOption);
        const QRegularExpressionMatch m = re.match(text);
        if (m.hasMatch()) {
            return withReason(make(rule.kind, m.captured(0).toLower(), failure), gatewayReason(text, m.capturedStart()));
        }
    }
    // A crash or kill with no other evidence (OOM killer, a signal from outside) may not recur.
    if (failure.signal) {
        return make(Kind::Transient, QStringLiteral("signal"), failure);
    }
    return make(Kind::Fatal, QString(), failure);
}

QString StartupRecovery::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Transient:
        return QStringLiteral("transient");
    case Kind::PortInUse:
        return QStringLiteral("port-in-use");
    case Kind::InvalidConfig:
        return QStringLiteral("invalid-config");
    case Kind::OtherInstanceOwnsStateDir:
        return QStringLiteral("other-instance-owns-state-dir");
    case Kind::NodeTooOld:
        return QStringLiteral("node-too-old");
    case Kind::MigrationLock:
        return QStringLiteral("migration-lock");
    case Kind::Fatal:
        return QStringLiteral("fatal");
    }
    return QStringLiteral("fatal");
}

QStringList StartupRecovery::doctorArguments()
{
    return {QStringLiteral("doctor"), QStringLiteral("--fix"), QStringLiteral("--yes"),
            QStringLiteral("--non-interactive")};
}

} // namespace clawtray
