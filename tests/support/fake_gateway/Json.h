#pragma once

// Small JSON and identity helpers shared by the fake gateway's files.

#include <QByteArray>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>
#include <QUuid>

namespace fakegw {

inline qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

inline QString newUuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

inline QByteArray compactJson(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

inline QJsonArray stringArray(const QStringList& list)
{
    return QJsonArray::fromStringList(list);
}

// The gateway's error shape: {code, message, details?, retryable?, retryAfterMs?}.
inline QJsonObject errorShape(const QString& code, const QString& message, const QJsonObject& details = {})
{
    QJsonObject error{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}};
    if (!details.isEmpty())
        error.insert(QStringLiteral("details"), details);
    return error;
}

inline QJsonObject invalidRequest(const QString& message, const QJsonObject& details = {})
{
    return errorShape(QStringLiteral("INVALID_REQUEST"), message, details);
}

inline QJsonObject responseFrame(const QJsonValue& id, bool ok, const QJsonValue& payload, const QJsonObject& error)
{
    QJsonObject frame{
        {QStringLiteral("type"), QStringLiteral("res")}, {QStringLiteral("id"), id}, {QStringLiteral("ok"), ok}};
    if (ok) {
        if (!payload.isUndefined())
            frame.insert(QStringLiteral("payload"), payload);
    } else {
        frame.insert(QStringLiteral("error"), error);
    }
    return frame;
}

} // namespace fakegw
