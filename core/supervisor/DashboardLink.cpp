#include "supervisor/DashboardLink.h"

#include "logging/Logging.h"
#include "logging/Redactor.h"
#include "settings/AppPaths.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>
#include <QUrlQuery>
#include <QUuid>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace clawtray {
namespace {

QString htmlAttribute(const QString& s)
{
    QString out = s.toHtmlEscaped();
    out.replace(QLatin1Char('\''), QLatin1String("&#39;"));
    return out;
}

// A JavaScript string literal (JSON's rules are a subset), with '<' escaped so "</script>" cannot end the block.
QString jsString(const QString& s)
{
    QString json = QString::fromUtf8(QJsonDocument(QJsonArray{s}).toJson(QJsonDocument::Compact));
    json = json.mid(1, json.size() - 2);
    json.replace(QLatin1Char('<'), QLatin1String("\\u003c"));
    return json;
}

// The directory must be a real directory of ours that nobody else can enter.
QString privateDirectoryProblem(const QString& dir)
{
    struct stat st{};
    const QByteArray path = QFile::encodeName(dir);
    if (::lstat(path.constData(), &st) != 0) {
        if (errno != ENOENT)
            return QString::fromLocal8Bit(std::strerror(errno));
        if (::mkdir(path.constData(), 0700) != 0 || ::lstat(path.constData(), &st) != 0)
            return QString::fromLocal8Bit(std::strerror(errno));
    }
    if (!S_ISDIR(st.st_mode))
        return QStringLiteral("%1 is not a directory").arg(dir);
    if (st.st_uid != ::getuid())
        return QStringLiteral("%1 belongs to another user").arg(dir);
    if ((st.st_mode & 077) != 0 && ::chmod(path.constData(), 0700) != 0)
        return QStringLiteral("%1 is open to other users and cannot be restricted").arg(dir);
    return {};
}

} // namespace

QJsonObject DashboardLink::toJson() const
{
    QJsonObject o{{QStringLiteral("ok"), ok}};
    if (ok) {
        o.insert(QLatin1String("httpUrl"), httpUrl);
        o.insert(QLatin1String("expiresAtMs"), double(expiresAtMs));
        o.insert(QLatin1String("launcher"), launcherPath);
    } else {
        o.insert(QLatin1String("error"), error);
        o.insert(QLatin1String("action"), action);
    }
    return o;
}

DashboardOpener::DashboardOpener(QObject* parent)
    : QObject(parent)
{
    m_cleanup.setSingleShot(true);
    connect(&m_cleanup, &QTimer::timeout, this, &DashboardOpener::removeLauncher);
}

DashboardOpener::~DashboardOpener()
{
    removeLauncher();
}

void DashboardOpener::removeLauncher()
{
    if (!m_launcher.isEmpty())
        QFile::remove(m_launcher);
    m_launcher.clear();
}

QString DashboardOpener::checkBrowserUrl(const QString& browserUrl, quint16 port, const QString& sharedToken)
{
    const QUrl url(browserUrl, QUrl::StrictMode);
    if (browserUrl.isEmpty() || !url.isValid())
        return QStringLiteral("OpenClaw returned no browser link (this OpenClaw version may not support one-time dashboard links)");
    if ((url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
        || (url.host() != QLatin1String("127.0.0.1") && url.host() != QLatin1String("localhost") && url.host() != QLatin1String("[::1]")
            && url.host() != QLatin1String("::1"))
        || url.port(url.scheme() == QLatin1String("https") ? 443 : 80) != port)
        return QStringLiteral("OpenClaw's browser link does not point at this gateway on 127.0.0.1:%1").arg(port);
    const QUrlQuery fragment(url.fragment(QUrl::FullyEncoded));
    const QUrlQuery query(url.query(QUrl::FullyEncoded));
    if (fragment.hasQueryItem(QStringLiteral("token")) || query.hasQueryItem(QStringLiteral("token"))
        || (!sharedToken.isEmpty() && browserUrl.contains(sharedToken)))
        return QStringLiteral("OpenClaw's browser link carries the gateway's shared token; ClawTray does not open such links");
    if (fragment.queryItemValue(QStringLiteral("bootstrapToken")).isEmpty())
        return QStringLiteral("OpenClaw's browser link has no one-time pairing bootstrap");
    return {};
}

Result<QString> DashboardOpener::writeLauncher(const QString& dir, const QString& browserUrl)
{
    if (const QString problem = privateDirectoryProblem(dir); !problem.isEmpty())
        return Result<QString>::failure(UserText::verbatim(problem));
    const QString path = QDir(dir).filePath(QStringLiteral("control-ui-%1.html").arg(QUuid::createUuid().toString(QUuid::Id128)));
    const QByteArray page = QStringLiteral("<!doctype html>\n<html><head><meta charset=\"utf-8\">"
                                           "<meta name=\"referrer\" content=\"no-referrer\">"
                                           "<meta http-equiv=\"refresh\" content=\"0;url=%1\">"
                                           "<title>Opening the OpenClaw Control UI</title></head>"
                                           "<body><script>location.replace(%2);</script>"
                                           "<p>Opening the OpenClaw Control UI…</p></body></html>\n")
                                .arg(htmlAttribute(browserUrl), jsString(browserUrl))
                                .toUtf8();
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0)
        return Result<QString>::failure(UserText::verbatim(QString::fromLocal8Bit(std::strerror(errno))));
    const bool written = ::write(fd, page.constData(), size_t(page.size())) == page.size();
    ::close(fd);
    if (!written) {
        QFile::remove(path);
        return Result<QString>::failure(UserText(QT_TRANSLATE_NOOP("UserText", "cannot write %1")).arg(path));
    }
    return path;
}

void DashboardOpener::openFor(GatewayState state, const GatewayLaunchOptions& launch, int timeoutMs, Callback done)
{
    if (state != GatewayState::Running) {
        DashboardLink l;
        l.error = QStringLiteral("The gateway is %1, so there is no Control UI to open").arg(gatewayStateName(state));
        l.action = state == GatewayState::Stopped ? QStringLiteral("Start the gateway first.")
                                                  : QStringLiteral("Try again once the gateway is running.");
        if (done)
            done(l);
        return;
    }
    const QString runDir = AppPaths::userRuntimeDir();
    if (!QFileInfo::exists(runDir))
        (void)AppPaths::ensureDir(runDir); // the fallback under /tmp may not exist yet (a failure shows when the file is written)
    request(launch, QDir(runDir).filePath(QStringLiteral("clawtray-dashboard")), timeoutMs, std::move(done));
}

void DashboardOpener::request(const GatewayLaunchOptions& launch, const QString& launcherDir, int timeoutMs, Callback done)
{
    if (isRunning()) {
        DashboardLink l;
        l.error = QStringLiteral("ClawTray is already asking OpenClaw for a dashboard link");
        l.action = QStringLiteral("Wait a moment; the browser opens when it is ready.");
        if (done)
            done(l);
        return;
    }
    OpenClawCli::Options o;
    o.timeoutMs = timeoutMs;
    o.maxOutputBytes = 64 * 1024;
    o.logLabel = QStringLiteral("`openclaw dashboard --json` (a one-time Control UI link)");
    const quint16 port = launch.port;
    const QString sharedToken = launch.token;
    m_cli.run(launch, {QStringLiteral("dashboard"), QStringLiteral("--json")}, o,
              [this, port, sharedToken, launcherDir, done = std::move(done)](const CliResult& r) {
        DashboardLink l;
        const QJsonObject answer = r.json();
        // Whatever `url` holds is not ours to keep: it may be the shared token.
        const QString browserUrl = answer.value(QLatin1String("browserUrl")).toString();
        const QString bootstrap = QUrlQuery(QUrl(browserUrl).fragment(QUrl::FullyEncoded)).queryItemValue(QStringLiteral("bootstrapToken"));
        if (!bootstrap.isEmpty())
            Redactor::instance().addSecret(bootstrap);
        if (!r.ok() || !answer.value(QLatin1String("ok")).toBool(false)) {
            const QString reason = Redactor::instance().redact(answer.value(QLatin1String("reason")).toString());
            l.error = reason.isEmpty() ? QStringLiteral("`openclaw dashboard --json` failed (%1)").arg(r.describe())
                                       : QStringLiteral("OpenClaw could not issue a dashboard link: %1").arg(reason);
            l.action = r.timedOut ? QStringLiteral("The OpenClaw CLI is slow to start on this machine; try again.")
                                  : QStringLiteral("Check that the gateway is running (ClawTray's status), then try again.");
        } else if (const QString why = checkBrowserUrl(browserUrl, port, sharedToken); !why.isEmpty()) {
            l.error = why;
            l.action = QStringLiteral("Open %1 yourself and pair the browser from the Control UI.")
                           .arg(QStringLiteral("http://127.0.0.1:%1/").arg(port));
        } else {
            removeLauncher();
            const Result<QString> launcher = writeLauncher(launcherDir, browserUrl);
            l.launcherPath = launcher.valueOr(QString());
            if (!launcher) {
                l.error = QStringLiteral("cannot write the dashboard launcher in %1: %2").arg(launcherDir, launcher.error().english());
                l.action = QStringLiteral("Check the permissions of that directory.");
            } else {
                m_launcher = l.launcherPath;
                m_cleanup.start(kLauncherLifetimeMs);
                l.ok = true;
                l.httpUrl = QStringLiteral("%1://127.0.0.1:%2/").arg(QUrl(browserUrl).scheme()).arg(port);
                l.expiresAtMs = qint64(answer.value(QLatin1String("browserBootstrapExpiresAtMs")).toDouble());
                logInfo(QStringLiteral("dashboard link issued for %1 (one-time, until %2)")
                            .arg(l.httpUrl, QDateTime::fromMSecsSinceEpoch(l.expiresAtMs).toString(Qt::ISODate)));
            }
        }
        if (!l.ok)
            logWarn(QStringLiteral("dashboard: %1").arg(l.error));
        if (done)
            done(l);
    });
}

} // namespace clawtray
