#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <mutex>
#include <string>
#include <vector>

namespace clawtray {

// Removes secrets from text before it reaches any log sink, diagnostics export or UI.
// Two layers: exact values registered at run time (the gateway token, once loaded), and
// patterns that catch secret-looking fields whose value we never saw (`--token x`,
// `"token":"x"`, `OPENCLAW_GATEWAY_TOKEN=x`, `Authorization: Bearer x`, ...).
class Redactor final
{
public:
    static constexpr const char* kMask = "***";

    static Redactor& instance();

    // Registers a secret value so any later occurrence is masked. Short values (< 6 chars) are
    // ignored: masking every "abc" in a log would destroy it and such a value is not a secret.
    void addSecret(const QString& secret);
    void removeSecret(const QString& secret);
    void clearSecrets();

    QString redact(const QString& text) const;
    // Redacts a JSON document value by value (keys that name a secret are masked whole, every
    // string is redacted), so the result is always valid JSON — unlike redacting serialized text.
    QJsonObject redactJson(const QJsonObject& object) const;
    static bool isSecretKey(const QString& key);
    std::string redact(const std::string& text) const;

    // Redacts an argument vector: the value after `--token`/`--password` and `--token=x` forms.
    static QStringList redactArguments(const QStringList& args);

private:
    Redactor() = default;
    mutable std::mutex m_mutex;
    std::vector<QString> m_secrets;
};

// Convenience for the common case.
inline QString redacted(const QString& text) { return Redactor::instance().redact(text); }

} // namespace clawtray
