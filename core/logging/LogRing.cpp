#include "logging/LogRing.h"

#include <QMetaObject>

namespace clawtray {

QString logLevelName(LogLevel level)
{
    switch (level) {
    case LogLevel::Trace: return QStringLiteral("trace");
    case LogLevel::Debug: return QStringLiteral("debug");
    case LogLevel::Info: return QStringLiteral("info");
    case LogLevel::Warn: return QStringLiteral("warn");
    case LogLevel::Error: return QStringLiteral("error");
    case LogLevel::Critical: return QStringLiteral("critical");
    }
    return QStringLiteral("info");
}

LogLevel logLevelFromName(const QString& name, LogLevel fallback)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("trace")) return LogLevel::Trace;
    if (n == QLatin1String("debug")) return LogLevel::Debug;
    if (n == QLatin1String("info")) return LogLevel::Info;
    if (n == QLatin1String("warn") || n == QLatin1String("warning")) return LogLevel::Warn;
    if (n == QLatin1String("error") || n == QLatin1String("err")) return LogLevel::Error;
    if (n == QLatin1String("critical") || n == QLatin1String("fatal")) return LogLevel::Critical;
    return fallback;
}

LogRing::LogRing(std::size_t capacity, QObject* parent)
    : QObject(parent)
    , m_capacity(capacity == 0 ? 1 : capacity)
{
    qRegisterMetaType<clawtray::LogLine>();
}

void LogRing::append(LogLevel level, const QString& source, const QString& text, qint64 timeMs)
{
    LogLine line;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        line.seq = m_nextSeq++;
        line.timeMs = timeMs;
        line.level = level;
        line.source = source;
        line.text = text;
        m_lines.push_back(line);
        while (m_lines.size() > m_capacity)
            m_lines.pop_front();
    }
    QMetaObject::invokeMethod(this, [this, line] { Q_EMIT lineAdded(line); }, Qt::QueuedConnection);
}

QVector<LogLine> LogRing::lines(int lastN, LogLevel minLevel) const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    QVector<LogLine> out;
    for (auto it = m_lines.rbegin(); it != m_lines.rend(); ++it) {
        if (lastN >= 0 && out.size() >= lastN)
            break;
        if (it->level >= minLevel)
            out.push_back(*it);
    }
    std::reverse(out.begin(), out.end());
    return out;
}

QVector<LogLine> LogRing::linesAfter(quint64 seq) const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    QVector<LogLine> out;
    for (const LogLine& l : m_lines)
        if (l.seq > seq)
            out.push_back(l);
    return out;
}

std::size_t LogRing::capacity() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_capacity;
}

void LogRing::setCapacity(std::size_t capacity)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_capacity = capacity == 0 ? 1 : capacity;
    while (m_lines.size() > m_capacity)
        m_lines.pop_front();
}

std::size_t LogRing::size() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_lines.size();
}

void LogRing::clear()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_lines.clear();
}

} // namespace clawtray
