#include "settings/MacLaunchAgent.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QXmlStreamReader>

namespace clawtray {

MacLaunchAgent::MacLaunchAgent(QString appPath, QString homeDir, QString label)
    : m_appPath(std::move(appPath))
    , m_homeDir(homeDir.isEmpty() ? QDir::homePath() : std::move(homeDir))
    , m_label(std::move(label))
{}

QString MacLaunchAgent::filePath() const
{
    return QStringLiteral("%1/Library/LaunchAgents/%2.plist").arg(m_homeDir, m_label);
}

QString MacLaunchAgent::description() const
{
    return QStringLiteral("Login item (LaunchAgent %1)").arg(filePath());
}

QString MacLaunchAgent::plistContent() const
{
    const auto esc = [](const QString& s) { return s.toHtmlEscaped(); };
    // ProcessType Interactive: a UI app, not throttled like a background daemon.
    // LimitLoadToSessionType Aqua: only in a graphical login, never for an ssh session.
    return QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" "
                          "\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
                          "<plist version=\"1.0\">\n"
                          "<dict>\n"
                          "    <key>Label</key>\n"
                          "    <string>%1</string>\n"
                          "    <key>ProgramArguments</key>\n"
                          "    <array>\n"
                          "        <string>%2</string>\n"
                          "        <string>--minimized</string>\n"
                          "    </array>\n"
                          "    <key>RunAtLoad</key>\n"
                          "    <true/>\n"
                          "    <key>ProcessType</key>\n"
                          "    <string>Interactive</string>\n"
                          "    <key>LimitLoadToSessionType</key>\n"
                          "    <string>Aqua</string>\n"
                          "</dict>\n"
                          "</plist>\n")
        .arg(esc(m_label), esc(m_appPath));
}

bool MacLaunchAgent::isEnabled() const
{
    QFile file(filePath());
    if (!file.open(QIODevice::ReadOnly))
        return false;
    // launchd honours <key>Disabled</key><true/> in the plist; a user may have set it by hand.
    QXmlStreamReader xml(&file);
    QString lastKey;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("key"))
            lastKey = xml.readElementText();
        else if (lastKey == QLatin1String("Disabled") && xml.name() == QLatin1String("true"))
            return false;
        else
            lastKey.clear();
    }
    return !xml.hasError();
}

Done MacLaunchAgent::setEnabled(bool enabled)
{
    const QString path = filePath();
    if (!enabled) {
        if (QFile::exists(path) && !QFile::remove(path))
            return Done::failure(UserText(QT_TRANSLATE_NOOP("UserText", "Could not remove %1")).arg(path));
        return {};
    }
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return Done::failure(UserText(QT_TRANSLATE_NOOP("UserText", "Could not create %1")).arg(QFileInfo(path).absolutePath()));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Done::failure(UserText(QT_TRANSLATE_NOOP("UserText", "Could not write %1: %2")).arg(path).arg(file.errorString()));
    file.write(plistContent().toUtf8());
    if (!file.commit())
        return Done::failure(UserText(QT_TRANSLATE_NOOP("UserText", "Could not write %1: %2")).arg(path).arg(file.errorString()));
    return {};
}

} // namespace clawtray
