#include "settings/XdgAutostart.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace clawtray {
namespace {

const QString kFileName = QStringLiteral("clawtray.desktop");
const QString kGroup = QStringLiteral("[Desktop Entry]");

QString configHome()
{
    const QString xdg = qEnvironmentVariable("XDG_CONFIG_HOME");
    if (!xdg.isEmpty() && QDir::isAbsolutePath(xdg)) // a relative value is invalid per the XDG spec
        return QDir::cleanPath(xdg);
    return QDir::homePath() + QStringLiteral("/.config");
}

bool isTrue(const QString& v)
{
    return v.trimmed().compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
}

bool isFalse(const QString& v)
{
    return v.trimmed().compare(QLatin1String("false"), Qt::CaseInsensitive) == 0;
}

} // namespace

XdgAutostart::XdgAutostart(QString appPath)
    : m_appPath(QFileInfo(appPath).absoluteFilePath())
{}

QString XdgAutostart::filePath() const
{
    return configHome() + QStringLiteral("/autostart/") + kFileName;
}

QStringList XdgAutostart::systemFilePaths() const
{
    QString dirs = qEnvironmentVariable("XDG_CONFIG_DIRS");
    if (dirs.isEmpty())
        dirs = QStringLiteral("/etc/xdg");
    QStringList out;
    for (const QString& dir : dirs.split(QLatin1Char(':'), Qt::SkipEmptyParts)) {
        if (QDir::isAbsolutePath(dir))
            out << QDir::cleanPath(dir) + QStringLiteral("/autostart/") + kFileName;
    }
    return out;
}

QString XdgAutostart::description() const
{
    return QStringLiteral("XDG autostart entry %1").arg(filePath());
}

QString XdgAutostart::quoteExecArgument(const QString& argument)
{
    // "Reserved characters are space, tab, newline, double quote, single quote, backslash, greater
    // than, less than, tilde, vertical bar, ampersand, semicolon, dollar sign, asterisk, question
    // mark, hash mark, parenthesis, and backtick"; inside quotes ", `, $ and \ need a backslash.
    static const QString reserved = QStringLiteral(" \t\n\"'\\><~|&;$*?#()`");
    QString quoted;
    bool needsQuotes = argument.isEmpty();
    for (const QChar c : argument) {
        if (reserved.contains(c))
            needsQuotes = true;
        if (c == QLatin1Char('"') || c == QLatin1Char('`') || c == QLatin1Char('$') || c == QLatin1Char('\\'))
            quoted += QLatin1Char('\\');
        quoted += c;
    }
    if (needsQuotes)
        quoted = QLatin1Char('"') + quoted + QLatin1Char('"');
    // The string-value escape rule applies on top of the quoting rule (hence "\\\\" for one
    // literal backslash), and a literal % must be doubled so it is not a field code.
    quoted.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    quoted.replace(QLatin1Char('%'), QStringLiteral("%%"));
    quoted.replace(QLatin1Char('\n'), QStringLiteral("\\n"));
    quoted.replace(QLatin1Char('\t'), QStringLiteral("\\t"));
    return quoted;
}

QString XdgAutostart::execProgram(const QString& execValue)
{
    // Undo the string-value escapes first, then the quoting rule.
    QString value;
    for (int i = 0; i < execValue.size(); ++i) {
        const QChar c = execValue.at(i);
        if (c == QLatin1Char('\\') && i + 1 < execValue.size()) {
            const QChar n = execValue.at(++i);
            value += n == QLatin1Char('s') ? QChar(u' ') : n == QLatin1Char('t') ? QChar(u'\t') : n;
            continue;
        }
        value += c;
    }
    value = value.trimmed();
    QString program;
    if (value.startsWith(QLatin1Char('"'))) {
        for (int i = 1; i < value.size(); ++i) {
            const QChar c = value.at(i);
            if (c == QLatin1Char('\\') && i + 1 < value.size()) {
                program += value.at(++i);
                continue;
            }
            if (c == QLatin1Char('"'))
                break;
            program += c;
        }
    } else {
        program = value.section(QLatin1Char(' '), 0, 0, QString::SectionSkipEmpty);
    }
    return program.replace(QStringLiteral("%%"), QStringLiteral("%"));
}

QString XdgAutostart::desktopEntry() const
{
    // No Version key: it is optional, and claiming a spec version we do not check buys nothing.
    return QStringLiteral("[Desktop Entry]\n"
                          "Type=Application\n"
                          "Name=ClawTray\n"
                          "Comment=Keeps the OpenClaw gateway running from the system tray\n"
                          "Exec=%1\n"
                          "Icon=clawtray\n"
                          "Terminal=false\n"
                          "Categories=Utility;\n"
                          "X-GNOME-Autostart-enabled=true\n")
        .arg(execLine());
}

QString XdgAutostart::execLine() const
{
    QStringList parts{quoteExecArgument(m_appPath), QStringLiteral("--minimized")};
    for (const QString& a : m_arguments)
        parts << quoteExecArgument(a);
    return parts.join(QLatin1Char(' '));
}

bool XdgAutostart::argumentsInEntry() const
{
    const Entry user = readEntry(filePath());
    return user.exists && user.values.value(QStringLiteral("Exec")) == execLine();
}

XdgAutostart::Entry XdgAutostart::readEntry(const QString& path)
{
    Entry entry;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return entry;
    entry.exists = true;
    // Hand-parsed: QSettings' INI dialect treats ';' as a comment and would mangle list values.
    entry.lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
    bool inGroup = false;
    for (const QString& raw : std::as_const(entry.lines)) {
        const QString line = raw.trimmed();
        if (line.startsWith(QLatin1Char('['))) {
            inGroup = line == kGroup;
            continue;
        }
        const int eq = line.indexOf(QLatin1Char('='));
        if (!inGroup || eq <= 0 || line.startsWith(QLatin1Char('#')))
            continue;
        entry.values.insert(line.left(eq).trimmed(), line.mid(eq + 1).trimmed());
    }
    return entry;
}

bool XdgAutostart::isEntryEnabled(const Entry& entry)
{
    return entry.exists && !isTrue(entry.values.value(QStringLiteral("Hidden"))) &&
           !isFalse(entry.values.value(QStringLiteral("X-GNOME-Autostart-enabled")));
}

bool XdgAutostart::isOurs(const Entry& entry) const
{
    const QString program = execProgram(entry.values.value(QStringLiteral("Exec")));
    return program == m_appPath ||
           QFileInfo(program).fileName().contains(QLatin1String("clawtray"), Qt::CaseInsensitive);
}

bool XdgAutostart::isEnabled() const
{
    // The user entry, if any, overrides the system-wide ones; the first system dir wins.
    const Entry user = readEntry(filePath());
    if (user.exists)
        return isEntryEnabled(user);
    for (const QString& path : systemFilePaths()) {
        const Entry system = readEntry(path);
        if (system.exists)
            return isEntryEnabled(system);
    }
    return false;
}

Done XdgAutostart::writeFile(const QString& content) const
{
    const QString path = filePath();
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return Done::failure(UserText(QT_TRANSLATE_NOOP("UserText", "Could not create the directory %1")).arg(QFileInfo(path).absolutePath()));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Done::failure(UserText(QT_TRANSLATE_NOOP("UserText", "Could not write %1: %2")).arg(path).arg(file.errorString()));
    file.write(content.toUtf8());
    if (!file.commit())
        return Done::failure(UserText(QT_TRANSLATE_NOOP("UserText", "Could not write %1: %2")).arg(path).arg(file.errorString()));
    return {};
}

QString XdgAutostart::withHiddenTrue(const Entry& entry)
{
    QStringList lines;
    bool inGroup = false;
    bool written = false;
    for (const QString& line : entry.lines) {
        const QString t = line.trimmed();
        if (t.startsWith(QLatin1Char('['))) {
            if (inGroup && !written) {
                lines << QStringLiteral("Hidden=true");
                written = true;
            }
            inGroup = t == kGroup;
        } else if (inGroup && t.section(QLatin1Char('='), 0, 0).trimmed() == QLatin1String("Hidden")) {
            if (!written)
                lines << QStringLiteral("Hidden=true");
            written = true;
            continue;
        }
        lines << line;
    }
    if (!written) {
        while (!lines.isEmpty() && lines.constLast().trimmed().isEmpty())
            lines.removeLast();
        if (!inGroup)
            lines << kGroup; // no [Desktop Entry] group at all: add one that hides the entry
        lines << QStringLiteral("Hidden=true") << QString();
    }
    return lines.join(QLatin1Char('\n'));
}

Done XdgAutostart::setEnabled(bool enabled)
{
    if (enabled)
        return writeFile(desktopEntry()); // an explicit "enable" replaces whatever was there
    if (!isEnabled())
        return {};

    const QString path = filePath();
    const Entry user = readEntry(path);
    bool systemEntry = false;
    for (const QString& p : systemFilePaths())
        systemEntry = systemEntry || QFileInfo::exists(p);

    if (user.exists && isOurs(user) && !systemEntry) {
        if (!QFile::remove(path))
            return Done::failure(UserText(QT_TRANSLATE_NOOP("UserText", "Could not remove %1")).arg(path));
        return {};
    }
    // A system-wide entry (deleting ours would re-enable it) or a user file that is not ours
    // (the user's own wrapper, keep it): hide instead of delete.
    if (!user.exists)
        return writeFile(desktopEntry() + QStringLiteral("Hidden=true\n"));
    return writeFile(withHiddenTrue(user));
}

} // namespace clawtray
