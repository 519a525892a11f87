#include "client/HealthDigest.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QStringList>

namespace clawtray {
namespace {

bool readinessKey(const QString& key)
{
    static const QStringList keys{QStringLiteral("ok"),        QStringLiteral("configured"),
                                  QStringLiteral("enabled"),   QStringLiteral("running"),
                                  QStringLiteral("connected"), QStringLiteral("linked"),
                                  QStringLiteral("lastError"), QStringLiteral("restartPending"),
                                  QStringLiteral("degraded"),  QStringLiteral("hotReloadStatus")};
    return keys.contains(key);
}

void fold(const QJsonValue& v, const QString& key, QByteArray* out);

void foldObject(const QJsonObject& o, QByteArray* out)
{
    out->append('{');
    for (auto it = o.begin(); it != o.end(); ++it) { // QJsonObject keeps its keys sorted
        const QJsonValue& v = it.value();
        if (!v.isObject() && !v.isArray() && !readinessKey(it.key()))
            continue;
        fold(v, it.key(), out);
    }
    out->append('}');
}

void fold(const QJsonValue& v, const QString& key, QByteArray* out)
{
    out->append(key.toUtf8()).append('=');
    switch (v.type()) {
    case QJsonValue::Object: foldObject(v.toObject(), out); break;
    case QJsonValue::Array: {
        out->append('[');
        for (const QJsonValue& e : v.toArray()) {
            if (e.isObject())
                foldObject(e.toObject(), out);
            else if (e.isString())
                out->append(e.toString().toUtf8());
            out->append(',');
        }
        out->append(']');
        break;
    }
    case QJsonValue::Bool: out->append(v.toBool() ? "1" : "0"); break;
    case QJsonValue::String: out->append(v.toString().toUtf8()); break;
    case QJsonValue::Double: out->append(QByteArray::number(v.toDouble())); break;
    default: break;
    }
    out->append(';');
}

} // namespace

QByteArray healthReadinessDigest(const QJsonObject& health)
{
    if (health.isEmpty())
        return {};
    QByteArray folded;
    for (const char* part : {"ok", "channels", "plugins", "configReload", "modelRuntime"}) {
        const QString key = QLatin1String(part);
        if (health.contains(key))
            fold(health.value(key), key, &folded);
    }
    return QCryptographicHash::hash(folded, QCryptographicHash::Sha256);
}

} // namespace clawtray
