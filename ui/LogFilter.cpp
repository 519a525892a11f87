#include "LogFilter.h"

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
    return QStringLiteral("%1 %2 [%3] %4")
        .arg(QDateTime::fromMSecsSinceEpoch(line.timeMs).toString(QStringLiteral("HH:mm:ss.zzz")),
             logLevelName(line.level).leftJustified(5), line.source, line.text);
}

} // namespace clawtray
