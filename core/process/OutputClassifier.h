#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

#include <deque>
#include <optional>

namespace clawtray {

// Turns the gateway's stdout/stderr byte stream into classified, de-duplicated log lines.
// Pure (no I/O, no timers) so each piece is unit-testable.

// Splits a byte stream into lines; a partial last line waits for more bytes. Over-long lines are
// cut at kMaxLine so a child writing without newlines cannot grow memory without bound.
class LineAssembler
{
public:
    static constexpr int kMaxLine = 16 * 1024;
    QStringList feed(const QByteArray& bytes);
    QStringList flush(); // the pending partial line, at end of stream
private:
    QByteArray m_pending;
};

enum class OutputClass { Drop, Debug, Info, Warn };

struct StartupTrace
{
    QString stage;
    double ms = 0;
    std::optional<double> totalMs;
};

class OutputClassifier
{
public:
    static OutputClass classify(const QString& strippedLine);
    static std::optional<StartupTrace> parseStartupTrace(const QString& strippedLine);
};

// Per spawn: an identical line is logged once; every `every`-th repeat logs a
// "(suppressed N repeats)" reminder instead of the line itself.
class OutputDeduplicator
{
public:
    explicit OutputDeduplicator(int every = 50, int maxDistinct = 4096);
    // Returns the text to log, or nothing if this occurrence is suppressed.
    std::optional<QString> admit(const QString& line);
    void reset();
    qint64 suppressedTotal() const { return m_suppressedTotal; }
private:
    int m_every;
    int m_maxDistinct;
    QHash<QString, int> m_seen;
    qint64 m_suppressedTotal = 0;
};

// The last N non-empty lines, for error reports ("exited before becoming ready: <last lines>")
// and for recognising fatal startup errors.
class OutputTail
{
public:
    explicit OutputTail(int capacity = 120) : m_capacity(capacity) {}
    void add(const QString& line);
    QStringList lines() const;
    void clear() { m_lines.clear(); }
private:
    int m_capacity;
    std::deque<QString> m_lines;
};

// Keeps the slowest startup stage and the longest total seen for one spawn.
struct StartupTraceSummary
{
    QString slowestStage;
    double slowestStageMs = 0;
    double maxTotalMs = 0;
    int count = 0;
    void add(const StartupTrace& t);
    static constexpr double kSlowStageMs = 10000;
    static constexpr double kSlowTotalMs = 30000;
};

} // namespace clawtray
