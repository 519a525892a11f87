#pragma once

#include <QDateTime>
#include <QObject>
#include <QString>
#include <QVector>

#include <cstdint>
#include <deque>
#include <mutex>

namespace clawtray {

enum class LogLevel { Trace, Debug, Info, Warn, Error, Critical };

QString logLevelName(LogLevel level);
LogLevel logLevelFromName(const QString& name, LogLevel fallback = LogLevel::Info);

struct LogLine
{
    quint64 seq = 0;        // monotonically increasing, never reused within a run
    qint64 timeMs = 0;      // ms since epoch
    LogLevel level = LogLevel::Info;
    QString source;         // logger name: "clawtray", "gateway", "qt", ...
    QString text;           // already redacted
};

// The last N log lines, kept in memory for the UI's log view, `clawtray ctl logs` and diagnostics.
// Thread-safe: spdlog sinks may append from any thread. `lineAdded` is delivered queued to the
// ring's thread so receivers never run inside a logging call.
class LogRing final : public QObject
{
    Q_OBJECT
public:
    explicit LogRing(std::size_t capacity = 2000, QObject* parent = nullptr);

    void append(LogLevel level, const QString& source, const QString& text, qint64 timeMs);
    QVector<LogLine> lines(int lastN = -1, LogLevel minLevel = LogLevel::Trace) const;
    QVector<LogLine> linesAfter(quint64 seq) const;
    std::size_t capacity() const;
    void setCapacity(std::size_t capacity); // keeps the newest lines
    std::size_t size() const;
    void clear();

Q_SIGNALS:
    void lineAdded(const clawtray::LogLine& line);

private:
    std::size_t m_capacity;
    mutable std::mutex m_mutex;
    std::deque<LogLine> m_lines;
    quint64 m_nextSeq = 1;
};

} // namespace clawtray

Q_DECLARE_METATYPE(clawtray::LogLine)
