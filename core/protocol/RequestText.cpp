// The request envelope written directly as text: the hot path of every call (no intermediate JSON
// object for the envelope, one UTF-8 conversion when Qt sends it).
#include "protocol/Frame.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace clawtray {

namespace {

void appendJsonString(QString& out, const QString& s)
{
    static const char hex[] = "0123456789abcdef";
    out += QLatin1Char('"');
    for (const QChar c : s) {
        const char16_t u = c.unicode();
        if (u == u'"' || u == u'\\') {
            out += QLatin1Char('\\');
            out += c;
        } else if (u < 0x20) {
            switch (u) {
            case u'\n': out += QLatin1String("\\n"); break;
            case u'\r': out += QLatin1String("\\r"); break;
            case u'\t': out += QLatin1String("\\t"); break;
            case u'\b': out += QLatin1String("\\b"); break;
            case u'\f': out += QLatin1String("\\f"); break;
            default:
                out += QLatin1String("\\u00");
                out += QLatin1Char(hex[u >> 4]);
                out += QLatin1Char(hex[u & 0xf]);
            }
        } else {
            out += c;
        }
    }
    out += QLatin1Char('"');
}

// Any JSON value as compact text (QJsonDocument only writes objects and arrays).
QByteArray compactJson(const QJsonValue& v)
{
    if (v.isObject())
        return QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact);
    if (v.isArray())
        return QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact);
    const QByteArray wrapped = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

} // namespace

QString buildRequestText(const QString& id, const QString& method, const QJsonValue& params)
{
    const QByteArray p = params.isUndefined() ? QByteArray() : compactJson(params);
    QString out;
    out.reserve(48 + id.size() + method.size() + p.size());
    out += QLatin1String(R"({"type":"req","id":)");
    appendJsonString(out, id);
    out += QLatin1String(R"(,"method":)");
    appendJsonString(out, method);
    if (!params.isUndefined()) {
        out += QLatin1String(R"(,"params":)");
        out += QString::fromUtf8(p);
    }
    out += QLatin1Char('}');
    return out;
}

} // namespace clawtray
