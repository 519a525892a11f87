#include "logging/Redactor.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <functional>

#include <algorithm>

namespace clawtray {
namespace {

// Field names whose value is a secret wherever it appears (JSON, key=value, CLI flag).
const QString kSecretKeys = QStringLiteral(
    "token|password|passwd|secret|apikey|api_key|api-key|authorization|cookie|signature|privatekey|private_key");

const QRegularExpression& jsonFieldPattern()
{
    // "token": "value"  (also matches e.g. "gatewayToken" / "auth_token" via the suffix match)
    static const QRegularExpression re(
        QStringLiteral("(\"[A-Za-z_\\-]*(?:%1)\"\\s*:\\s*\")((?:[^\"\\\\]|\\\\.)*)(\")").arg(kSecretKeys),
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

const QRegularExpression& flagPattern()
{
    // --token value | --token=value | --password value
    static const QRegularExpression re(
        QStringLiteral("(--(?:token|password|secret|api-key)(?:=|\\s+))(\"[^\"]*\"|'[^']*'|\\S+)"),
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

const QRegularExpression& envPattern()
{
    // OPENCLAW_GATEWAY_TOKEN=value, FOO_PASSWORD=value, token=value
    static const QRegularExpression re(
        QStringLiteral("(\\b[A-Za-z_]*(?:TOKEN|PASSWORD|SECRET|API_KEY)\\s*=\\s*)(\\S+)"),
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

const QRegularExpression& bearerPattern()
{
    static const QRegularExpression re(QStringLiteral("(\\b(?:Bearer|Basic)\\s+)([A-Za-z0-9._~+/=\\-]{6,})"),
                                       QRegularExpression::CaseInsensitiveOption);
    return re;
}

const QRegularExpression& urlFragmentTokenPattern()
{
    // http://127.0.0.1:18789/#token=value or ?token=value
    static const QRegularExpression re(QStringLiteral("([#?&]token=)([^&\\s\"']+)"),
                                       QRegularExpression::CaseInsensitiveOption);
    return re;
}

QString maskGroup(const QString& text, const QRegularExpression& re, int prefixGroup, int valueGroup)
{
    QString out;
    out.reserve(text.size());
    qsizetype last = 0;
    auto it = re.globalMatch(text);
    bool any = false;
    while (it.hasNext()) {
        const auto m = it.next();
        any = true;
        out += QStringView(text).mid(last, m.capturedStart(valueGroup) - last);
        out += QLatin1String(Redactor::kMask);
        last = m.capturedEnd(valueGroup);
        Q_UNUSED(prefixGroup);
    }
    if (!any)
        return text;
    out += QStringView(text).mid(last);
    return out;
}

} // namespace

Redactor& Redactor::instance()
{
    static Redactor r;
    return r;
}

void Redactor::addSecret(const QString& secret)
{
    if (secret.size() < 6)
        return;
    std::lock_guard<std::mutex> lock(m_mutex);
    if (std::find(m_secrets.begin(), m_secrets.end(), secret) == m_secrets.end())
        m_secrets.push_back(secret);
    // Longest first, so a secret that contains another is masked whole.
    std::sort(m_secrets.begin(), m_secrets.end(),
              [](const QString& a, const QString& b) { return a.size() > b.size(); });
}

void Redactor::removeSecret(const QString& secret)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_secrets.erase(std::remove(m_secrets.begin(), m_secrets.end(), secret), m_secrets.end());
}

void Redactor::clearSecrets()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_secrets.clear();
}

QString Redactor::redact(const QString& text) const
{
    QString out = text;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        for (const QString& s : m_secrets)
            out.replace(s, QLatin1String(kMask));
    }
    // Cheap pre-check: most log lines contain none of the trigger words.
    static const QRegularExpression trigger(
        QStringLiteral("token|password|passwd|secret|api.?key|authorization|cookie|signature|private.?key|bearer|basic"),
        QRegularExpression::CaseInsensitiveOption);
    if (!trigger.match(out).hasMatch())
        return out;
    out = maskGroup(out, jsonFieldPattern(), 1, 2);
    out = maskGroup(out, flagPattern(), 1, 2);
    out = maskGroup(out, envPattern(), 1, 2);
    out = maskGroup(out, bearerPattern(), 1, 2);
    out = maskGroup(out, urlFragmentTokenPattern(), 1, 2);
    return out;
}

bool Redactor::isSecretKey(const QString& key)
{
    static const QRegularExpression re(QStringLiteral("(%1)$").arg(kSecretKeys), QRegularExpression::CaseInsensitiveOption);
    return re.match(key).hasMatch();
}

QJsonObject Redactor::redactJson(const QJsonObject& object) const
{
    std::function<QJsonValue(const QJsonValue&)> value = [&](const QJsonValue& v) -> QJsonValue {
        if (v.isString())
            return redact(v.toString());
        if (v.isObject())
            return redactJson(v.toObject());
        if (v.isArray()) {
            QJsonArray out;
            for (const QJsonValue& e : v.toArray())
                out.append(value(e));
            return out;
        }
        return v;
    };
    QJsonObject out;
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.value().isString() && isSecretKey(it.key()) && !it.value().toString().isEmpty())
            out.insert(it.key(), QLatin1String(kMask));
        else
            out.insert(it.key(), value(it.value()));
    }
    return out;
}

std::string Redactor::redact(const std::string& text) const
{
    return redact(QString::fromStdString(text)).toStdString();
}

QStringList Redactor::redactArguments(const QStringList& args)
{
    QStringList out;
    out.reserve(args.size());
    static const QRegularExpression secretFlag(QStringLiteral("^--(token|password|secret|api-key)$"),
                                               QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression secretFlagEq(QStringLiteral("^(--(?:token|password|secret|api-key)=).*$"),
                                                 QRegularExpression::CaseInsensitiveOption);
    bool maskNext = false;
    for (const QString& a : args) {
        if (maskNext) {
            out << QLatin1String(kMask);
            maskNext = false;
            continue;
        }
        if (secretFlag.match(a).hasMatch()) {
            out << a;
            maskNext = true;
            continue;
        }
        const auto m = secretFlagEq.match(a);
        if (m.hasMatch()) {
            out << m.captured(1) + QLatin1String(kMask);
            continue;
        }
        out << instance().redact(a);
    }
    return out;
}

} // namespace clawtray
