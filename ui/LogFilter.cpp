#include "LogFilter.h"

#include <QDateTime>
#include <QRegularExpression>

namespace clawtray {

bool LogFilter::matches(const LogLine& line) const
{
    if (int(line.level) < int(minLevel))
        return false;
    if (text.isEmpty())
        return true;
    return line.text.contains(text, Qt::CaseInsensitive) || line.source.contains(text, Qt::CaseInsensitive);
}

QString LogFilter::format(const LogLine& line)
{
    // One timestamp per line: ClawTray's. The gateway starts its own lines with one of its own
    // ("2026-12-04T16:52:01.234Z …", "16:52:01 …"), which would only repeat it.
    static const QRegularExpression leadingTime(
        QStringLiteral("^\\[?(\\d{4}-\\d{2}-\\d{2}[T ])?\\d{2}:\\d{2}:\\d{2}([.,]\\d+)?(Z|[+-]\\d{2}:?\\d{2})?\\]?\\s+"));
    QString text = line.text;
    if (line.source != QLatin1String("clawtray"))
        text.remove(leadingTime);
    return QStringLiteral("%1 %2 [%3] %4")
        .arg(QDateTime::fromMSecsSinceEpoch(line.timeMs).toString(QStringLiteral("HH:mm:ss.zzz")),
             logLevelName(line.level).leftJustified(5), line.source, text);
}

} // namespace clawtray
