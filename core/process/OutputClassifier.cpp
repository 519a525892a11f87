#include "process/OutputClassifier.h"

#include <QRegularExpression>

namespace clawtray {

QStringList LineAssembler::feed(const QByteArray& bytes)
{
    QStringList out;
    m_pending.append(bytes);
    qsizetype start = 0;
    for (;;) {
        const qsizetype nl = m_pending.indexOf('\n', start);
        if (nl < 0)
            break;
        qsizetype end = nl;
        if (end > start && m_pending.at(end - 1) == '\r')
            --end;
        out << QString::fromUtf8(m_pending.constData() + start, int(qMin<qsizetype>(end - start, kMaxLine)));
        start = nl + 1;
    }
    m_pending.remove(0, start);
    if (m_pending.size() > kMaxLine) {
        out << QString::fromUtf8(m_pending.constData(), kMaxLine);
        m_pending.clear();
    }
    return out;
}

QStringList LineAssembler::flush()
{
    QStringList out;
    if (!m_pending.isEmpty())
        out << QString::fromUtf8(m_pending.left(kMaxLine));
    m_pending.clear();
    return out;
}

OutputClass OutputClassifier::classify(const QString& line)
{
    const QString t = line.trimmed();
    if (t.isEmpty())
        return OutputClass::Drop;
    // The Control UI retries with a stale token in a loop; each attempt logs a mismatch line that
    // says nothing about our own connection (ours is reported by the client with its close code).
    static const QRegularExpression controlUiMismatch(
        QStringLiteral("token_mismatch|unauthorized: gateway token mismatch"), QRegularExpression::CaseInsensitiveOption);
    if (controlUiMismatch.match(t).hasMatch() && t.contains(QLatin1String("control"), Qt::CaseInsensitive))
        return OutputClass::Drop;
    if (t.contains(QLatin1String("startup trace:")))
        return OutputClass::Info;
    static const QRegularExpression noise(
        QStringLiteral("\\[ws\\] closed before connect.*code=100[56]|ExperimentalWarning|DeprecationWarning|"
                       "\\(Use `node --trace-|Config warnings:|--trace-warnings"),
        QRegularExpression::CaseInsensitiveOption);
    if (noise.match(t).hasMatch())
        return OutputClass::Debug;
    static const QRegularExpression problem(
        QStringLiteral("\\b(error|fatal|exception|failed|failure|panic|invalid|refused|denied|EADDRINUSE|"
                       "ECONNREFUSED|unhandled|crash|cannot|can't|unable)\\b|\\bwarn(ing)?\\b"),
        QRegularExpression::CaseInsensitiveOption);
    if (problem.match(t).hasMatch())
        return OutputClass::Warn;
    return OutputClass::Info;
}

std::optional<StartupTrace> OutputClassifier::parseStartupTrace(const QString& line)
{
    static const QRegularExpression re(
        QStringLiteral("startup trace:\\s*(\\S+)\\s+(\\d+(?:\\.\\d+)?)\\s*ms(?:\\s*\\[total=(\\d+(?:\\.\\d+)?)\\s*ms\\])?"));
    const auto m = re.match(line);
    if (!m.hasMatch())
        return std::nullopt;
    StartupTrace t;
    t.stage = m.captured(1);
    t.ms = m.captured(2).toDouble();
    if (m.capturedLength(3) > 0)
        t.totalMs = m.captured(3).toDouble();
    return t;
}

OutputDeduplicator::OutputDeduplicator(int every, int maxDistinct)
    : m_every(every < 1 ? 1 : every)
    , m_maxDistinct(maxDistinct < 1 ? 1 : maxDistinct)
{
}

std::optional<QString> OutputDeduplicator::admit(const QString& line)
{
    auto it = m_seen.find(line);
    if (it == m_seen.end()) {
        // Bounded memory: a child printing endless unique lines just resets the table.
        if (m_seen.size() >= m_maxDistinct)
            m_seen.clear();
        m_seen.insert(line, 0);
        return line;
    }
    const int repeats = ++it.value();
    ++m_suppressedTotal;
    if (repeats % m_every == 0)
        return QStringLiteral("(suppressed %1 repeats) %2").arg(repeats).arg(line);
    return std::nullopt;
}

void OutputDeduplicator::reset()
{
    m_seen.clear();
    m_suppressedTotal = 0;
}

void OutputTail::add(const QString& line)
{
    if (line.trimmed().isEmpty())
        return;
    m_lines.push_back(line);
    while (int(m_lines.size()) > m_capacity)
        m_lines.pop_front();
}

QStringList OutputTail::lines() const
{
    QStringList out;
    out.reserve(int(m_lines.size()));
    for (const QString& l : m_lines)
        out << l;
    return out;
}

void StartupTraceSummary::add(const StartupTrace& t)
{
    ++count;
    if (count == 1 || t.ms > slowestStageMs) {
        slowestStageMs = t.ms;
        slowestStage = t.stage;
    }
    if (t.totalMs && *t.totalMs > maxTotalMs)
        maxTotalMs = *t.totalMs;
}

} // namespace clawtray
