#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QTcpServer>

// A loopback npm registry for one package (a test fixture): serves its packument and tarballs, so
// the product's real `npm view` / `npm install` run against versions a test made up, and nothing
// leaves the machine. Point npm at it with npm_config_registry=url().
namespace testsupport {

class FakeRegistry : public QObject
{
    Q_OBJECT
public:
    explicit FakeRegistry(QString packageName = QStringLiteral("openclaw"));
    bool listen();
    QString url() const; // http://127.0.0.1:<port>/
    // Adds a version from a directory laid out as the package (package.json inside): packed with tar.
    bool addVersion(const QString& version, const QString& packageDir);
    void setDistTags(const QJsonObject& tags) { m_tags = tags; }
    int requests() const { return m_requests; }

private:
    void answer(QTcpSocket* socket);
    QByteArray packument() const;

    QString m_name;
    QTcpServer m_server;
    QHash<QString, QByteArray> m_tarballs; // version -> .tgz
    QJsonObject m_tags;
    int m_requests = 0;
};

} // namespace testsupport
