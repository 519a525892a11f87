#include "settings/Settings.h"

#include "logging/Logging.h"
#include "settings/AppPaths.h"
#include "settings/SettingsSchema.h"

#include <algorithm>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSettings>
#include <QStringDecoder>

namespace clawtray {
namespace {

using Type = SettingsField::Type;

QString describe(const QVariant& v)
{
    if (v.typeId() == QMetaType::QStringList)
        return v.toStringList().join(QStringLiteral(", "));
    return v.toString();
}

QString describeDefault(const SettingsField& field)
{
    const QString text = describe(field.get(SettingsData{}));
    return text.isEmpty() ? QStringLiteral("empty") : text;
}

// Converts a raw QSettings value to the field's type. Returns an explanation when it does not fit.
QString convert(const SettingsField& field, const QVariant& raw, QVariant* out)
{
    const bool isText = raw.typeId() == QMetaType::QString;
    const QString text = raw.toString().trimmed();
    switch (field.type) {
    case Type::String:
        if (raw.typeId() == QMetaType::QStringList)
            return QStringLiteral("contains an unquoted comma (put the value in double quotes)");
        if (!isText)
            return QStringLiteral("is not text");
        *out = raw.toString();
        return {};
    case Type::Int: {
        bool ok = false;
        const int value = isText ? text.toInt(&ok) : raw.toInt(&ok);
        if (!ok || (!isText && raw.typeId() != QMetaType::Int && raw.typeId() != QMetaType::LongLong))
            return QStringLiteral("\"%1\" is not a whole number").arg(describe(raw).left(60));
        *out = value;
        return {};
    }
    case Type::Bool: {
        // QVariant::toBool() calls every non-empty string except "false"/"0" true; be strict.
        static const QStringList yes{QStringLiteral("true"), QStringLiteral("1"), QStringLiteral("yes"),
                                     QStringLiteral("on")};
        static const QStringList no{QStringLiteral("false"), QStringLiteral("0"), QStringLiteral("no"),
                                    QStringLiteral("off")};
        if (raw.typeId() == QMetaType::Bool)
            *out = raw.toBool();
        else if (isText && yes.contains(text.toLower()))
            *out = true;
        else if (isText && no.contains(text.toLower()))
            *out = false;
        else
            return QStringLiteral("\"%1\" is not true or false").arg(describe(raw).left(60));
        return {};
    }
    case Type::StringList:
        if (!raw.isValid()) // QSettings writes an empty list as @Invalid()
            *out = QStringList{};
        else if (raw.typeId() == QMetaType::QStringList)
            *out = raw.toStringList();
        else if (isText)
            *out = raw.toString().isEmpty() ? QStringList{} : QStringList{raw.toString()};
        else
            return QStringLiteral("is not a list of arguments");
        return {};
    case Type::Choice: {
        // Any case ("HOT", "zh_cn"); stored in the choice's own spelling ("zh_CN" has capitals).
        const auto it = std::find_if(field.choices.cbegin(), field.choices.cend(), [&](const QString& c) {
            return c.compare(text.trimmed(), Qt::CaseInsensitive) == 0;
        });
        if (!isText || it == field.choices.cend())
            return QStringLiteral("\"%1\" is not one of %2")
                .arg(describe(raw).left(60), field.choices.join(QStringLiteral(", ")));
        *out = *it;
        return {};
    }
    }
    return QStringLiteral("has an unknown type");
}

// Binary garbage (a crashed write, a file overwritten by something else) parses "successfully" as
// INI with nonsense keys; recognise it before QSettings gets a say.
bool looksLikeText(const QByteArray& bytes)
{
    for (const char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\n' && c != '\r' && c != '\t') || u == 0x7f)
            return false;
    }
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString decoded = decoder(bytes);
    Q_UNUSED(decoded);
    return !decoder.hasError();
}

// Lines QSettings silently ignores (no '=', not a section, not a comment): worth a warning and a
// backup, because they are usually a setting the user meant to make.
QStringList strayLines(const QByteArray& bytes)
{
    QStringList out;
    const QList<QByteArray> lines = bytes.split('\n');
    bool continuation = false;
    for (int i = 0; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const bool wasContinuation = continuation;
        continuation = line.endsWith('\\');
        if (wasContinuation || line.isEmpty() || line.startsWith(';') || line.startsWith('#') ||
            (line.startsWith('[') && line.endsWith(']')) || line.contains('='))
            continue;
        out << QStringLiteral("line %1 (\"%2\") is not a setting and was ignored")
                   .arg(i + 1)
                   .arg(QString::fromUtf8(line.left(60)));
    }
    return out;
}

bool looksSecret(const QString& key)
{
    static const QRegularExpression re(QStringLiteral("token|password|secret"),
                                       QRegularExpression::CaseInsensitiveOption);
    return re.match(key).hasMatch() && key != QLatin1String(SettingsKey::TokenStorageMode);
}

} // namespace

Settings::Settings()
    : m_filePath(AppPaths::settingsFile())
{}

Settings::Settings(QString filePath)
    : m_filePath(std::move(filePath))
{}

Result<QString> Settings::backupOriginal() const
{
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    QString target = QStringLiteral("%1.bad-%2").arg(m_filePath, stamp);
    for (int n = 2; QFile::exists(target); ++n)
        target = QStringLiteral("%1.bad-%2-%3").arg(m_filePath, stamp).arg(n);
    QFile source(m_filePath);
    if (!source.copy(target))
        return Result<QString>::failure(UserText(QT_TRANSLATE_NOOP("UserText", "could not copy %1 to %2: %3"))
                                            .arg(m_filePath)
                                            .arg(target)
                                            .arg(UserText::verbatim(source.errorString())));
    return target;
}

void Settings::repairInvalidCombinations(SettingsLoadResult& result) const
{
    const SettingsData defaults;
    // Each round resets at least one field or ends; defaults are valid, so this terminates.
    for (int round = 0; round < 8; ++round) {
        const SettingsErrors errors = result.data.validate();
        if (errors.isEmpty())
            return;
        bool changed = false;
        for (auto it = errors.cbegin(); it != errors.cend(); ++it) {
            const SettingsField* field = findSettingsField(it.key());
            if (!field || field->get(result.data) == field->get(defaults))
                continue;
            result.warnings << QStringLiteral("%1: %2; reset to %3").arg(it.key(), it.value(), describeDefault(*field));
            field->resetToDefault(result.data);
            result.resetKeys << it.key();
            changed = true;
        }
        if (changed)
            continue;
        // The flagged field is already at its default, so a sibling it is compared with is the
        // culprit (e.g. a ping interval longer than the default deadline): reset its group.
        for (auto it = errors.cbegin(); it != errors.cend(); ++it) {
            const QString group = it.key().section(QLatin1Char('/'), 0, 0) + QLatin1Char('/');
            for (const SettingsField& field : settingsSchema()) {
                if (!field.key.startsWith(group) || field.get(result.data) == field.get(defaults))
                    continue;
                result.warnings
                    << QStringLiteral("%1: reset to %2 because %3").arg(field.key, describeDefault(field), it.value());
                field.resetToDefault(result.data);
                result.resetKeys << field.key;
                changed = true;
            }
        }
        if (!changed)
            break;
    }
    if (!result.data.validate().isEmpty()) {
        result.warnings << QStringLiteral("the settings could not be made consistent; all were reset to defaults");
        result.data = defaults;
    }
}

SettingsLoadResult Settings::load() const
{
    SettingsLoadResult result;
    QFile file(m_filePath);
    result.fileExisted = file.exists();
    if (!result.fileExisted)
        return result;
    if (!file.open(QIODevice::ReadOnly)) {
        // Unreadable is not corrupt: leave the file alone (no backup, no rewrite) and run on defaults.
        result.warnings
            << QStringLiteral("Could not read %1 (%2); using default settings").arg(m_filePath, file.errorString());
        logWarn(result.warnings.constLast());
        return result;
    }
    const QByteArray bytes = file.readAll();
    file.close();

    QStringList problems;
    if (!looksLikeText(bytes)) {
        result.unparseable = true;
        problems << QStringLiteral("the file is not text (binary data or invalid UTF-8)");
    } else {
        QSettings ini(m_filePath, QSettings::IniFormat);
        if (ini.status() == QSettings::FormatError) {
            result.unparseable = true;
            problems << QStringLiteral("the file is not valid INI");
        } else {
            problems << strayLines(bytes);
            const QVariant version = ini.value(QLatin1String(SettingsKey::SchemaVersion));
            bool ok = true;
            const int schema = version.isValid() ? version.toString().toInt(&ok) : kSchemaVersion;
            if (!ok)
                problems << QStringLiteral("%1: \"%2\" is not a version number")
                                .arg(QLatin1String(SettingsKey::SchemaVersion), describe(version));
            else if (schema > kSchemaVersion)
                result.warnings << QStringLiteral("%1 was written by a newer ClawTray (schema %2, this one knows %3): "
                                                  "settings it added are kept but ignored")
                                       .arg(m_filePath)
                                       .arg(schema)
                                       .arg(kSchemaVersion);
            // Schema 1 is the first one: nothing to migrate yet. A future version converts
            // older keys here, before the fields are read.
            for (const SettingsField& field : settingsSchema()) {
                if (!ini.contains(field.key))
                    continue;
                QVariant value;
                const QString why = convert(field, ini.value(field.key), &value);
                if (why.isEmpty() && field.set(result.data, value))
                    continue;
                problems << QStringLiteral("%1: %2; reset to %3")
                                .arg(field.key, why.isEmpty() ? QStringLiteral("unknown value") : why,
                                     describeDefault(field));
                field.resetToDefault(result.data);
                result.resetKeys << field.key;
            }
        }
    }
    if (result.unparseable) {
        result.data = SettingsData{};
        problems << QStringLiteral("all settings were reset to defaults");
    }
    result.warnings << problems;
    const int before = result.warnings.size();
    repairInvalidCombinations(result);
    const bool damaged = !problems.isEmpty() || result.warnings.size() != before;
    if (!damaged) {
        for (const QString& w : std::as_const(result.warnings))
            logWarn(QStringLiteral("Settings: ") + w);
        return result;
    }

    // Keep the original bytes before anything touches the file.
    const Result<QString> backup = backupOriginal();
    result.backupPath = backup.valueOr(QString());
    if (!backup) {
        result.warnings << QStringLiteral("The damaged settings file was left as it is because %1").arg(backup.error().english());
    } else {
        if (result.unparseable)
            QFile::remove(m_filePath); // nothing in it is worth keeping next to the backup
        if (const Done saved = save(result.data); !saved)
            result.warnings << QStringLiteral("The repaired settings could not be written: %1").arg(saved.error().english());
    }
    logWarn(QStringLiteral("Settings file %1 had problems: %2.%3")
                .arg(m_filePath, result.warnings.join(QStringLiteral("; ")),
                     result.backupPath.isEmpty()
                         ? QString()
                         : QStringLiteral(" The original was kept as %1.").arg(result.backupPath)));
    return result;
}

Done Settings::save(const SettingsData& data) const
{
    const SettingsErrors errors = data.validate();
    if (!errors.isEmpty())
        return Done::failure(UserText(QT_TRANSLATE_NOOP("UserText", "Settings not saved: %1"))
                                 .arg(QStringList(errors.values()).join(QStringLiteral("; "))));
    if (Done dir = AppPaths::ensureDir(QFileInfo(m_filePath).absolutePath()); !dir)
        return dir;

    QSettings ini(m_filePath, QSettings::IniFormat);
    ini.setAtomicSyncRequired(true); // the default; stated because a half-written file is what we guard against
    const QStringList existing = ini.allKeys();
    for (const QString& key : existing) {
        if (!findSettingsField(key) && looksSecret(key)) {
            ini.remove(key);
            logWarn(QStringLiteral("Settings: removed the key %1 from %2: secrets are kept in the keychain, not in "
                                   "the settings file")
                        .arg(key, m_filePath));
        }
    }
    ini.setValue(QLatin1String(SettingsKey::SchemaVersion), kSchemaVersion);
    for (const SettingsField& field : settingsSchema())
        ini.setValue(field.key, field.get(data));
    ini.sync();
    if (ini.status() != QSettings::NoError)
        return Done::failure(UserText(QT_TRANSLATE_NOOP("UserText", "Could not write the settings to %1")).arg(m_filePath));
    return {};
}

} // namespace clawtray
