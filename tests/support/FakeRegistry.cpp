#include "FakeRegistry.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QProcess>
#include <QTcpSocket>
#include <QTemporaryDir>

namespace testsupport {

FakeRegistry::FakeRegistry(QString packageName)
    : m_name(std::move(packageName))
{
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket* s = m_server.nextPendingConnection()) {
            connect(s, &QTcpSocket::readyRead, this, [this, s] { answer(s); });
            connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
        }
    });
}

bool FakeRegistry::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QString FakeRegistry::url() const
{
    return QStringLiteral("http://127.0.0.1:%1/").arg(m_server.serverPort());
}

bool FakeRegistry::addVersion(const QString& version, const QString& packageDir)
{
    // npm's tarballs hold the package under "package/".
    QTemporaryDir stage;
    const QString staged = QDir(stage.path()).filePath(QStringLiteral("package"));
    if (QProcess::execute(QStringLiteral("cp"), {QStringLiteral("-r"), packageDir, staged}) != 0)
        return false;
    const QString tgz = QDir(stage.path()).filePath(QStringLiteral("p.tgz"));
    if (QProcess::execute(QStringLiteral("tar"), {QStringLiteral("-czf"), tgz, QStringLiteral("-C"), stage.path(), QStringLiteral("package")}) != 0)
        return false;
    QFile f(tgz);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    m_tarballs.insert(version, f.readAll());
    return true;
}

QByteArray FakeRegistry::packument() const
{
    QJsonObject versions;
    for (auto it = m_tarballs.cbegin(); it != m_tarballs.cend(); ++it) {
        const QByteArray& tgz = it.value();
        const QJsonObject dist{
            {QStringLiteral("tarball"), QStringLiteral("%1%2/-/%2-%3.tgz").arg(url(), m_name, it.key())},
            {QStringLiteral("shasum"), QString::fromLatin1(QCryptographicHash::hash(tgz, QCryptographicHash::Sha1).toHex())},
            {QStringLiteral("integrity"),
             QStringLiteral("sha512-") + QString::fromLatin1(QCryptographicHash::hash(tgz, QCryptographicHash::Sha512).toBase64())}};
        versions.insert(it.key(), QJsonObject{{QStringLiteral("name"), m_name}, {QStringLiteral("version"), it.key()},
                                              {QStringLiteral("dist"), dist}});
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("name"), m_name},
                                     {QStringLiteral("dist-tags"), m_tags},
                                     {QStringLiteral("versions"), versions}})
        .toJson(QJsonDocument::Compact);
}

void FakeRegistry::answer(QTcpSocket* socket)
{
    const QByteArray buffered = socket->property("request").toByteArray() + socket->readAll();
    socket->setProperty("request", buffered);
    if (!buffered.contains("\r\n\r\n"))
        return;
    const QList<QByteArray> requestLine = buffered.left(buffered.indexOf("\r\n")).split(' ');
    socket->setProperty("request", QByteArray());
    ++m_requests;
    const QString path = requestLine.size() > 1 ? QString::fromLatin1(requestLine.at(1)) : QString();
    QByteArray body;
    QByteArray type = "application/json";
    int status = 404;
    const QString prefix = QStringLiteral("/%1/-/%1-").arg(m_name);
    if (path == QLatin1Char('/') + m_name || path.startsWith(QLatin1Char('/') + m_name + QLatin1Char('?'))) {
        status = 200;
        body = packument();
    } else if (path.startsWith(prefix) && path.endsWith(QLatin1String(".tgz"))) {
        const QString version = path.mid(prefix.size()).chopped(4);
        if (m_tarballs.contains(version)) {
            status = 200;
            body = m_tarballs.value(version);
            type = "application/octet-stream";
        }
    }
    if (status == 404)
        body = R"({"error":"not found"})";
    socket->write(QByteArray("HTTP/1.1 ") + QByteArray::number(status) + (status == 200 ? " OK" : " Not Found")
                  + "\r\nContent-Type: " + type + "\r\nContent-Length: " + QByteArray::number(body.size())
                  + "\r\nConnection: close\r\n\r\n" + body);
    socket->disconnectFromHost();
}

} // namespace testsupport
