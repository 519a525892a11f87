#pragma once

#include "client/ClientTypes.h"

#include <QElapsedTimer>
#include <QHash>
#include <QMap>
#include <QString>
#include <QStringList>

#include <functional>

// Books every asynchronous request the chaos run makes (RPCs through the manager, safe restarts):
// when it was issued, its deadline, and how many times its callback ran. "Every call settled" means
// each callback runs exactly once, and no later than its own timeout plus a slack.
namespace chaos {

class CallLedger
{
public:
    struct Entry
    {
        QString what;
        qint64 issuedMs = 0;
        qint64 deadlineMs = 0; // issuedMs + timeout
        int settled = 0;
        bool reported = false; // an overdue/duplicate problem was already reported
    };

    CallLedger() { m_clock.start(); }

    // Returns a callback to hand to the API; it records the settlement, then runs `then`.
    clawtray::CallCallback track(const QString& what, int timeoutMs,
                                 std::function<void(const clawtray::CallResult&)> then = {});
    // For APIs whose callback has another signature: register, then call settle(id).
    quint64 open(const QString& what, int timeoutMs);
    void settle(quint64 id, const QString& outcome);

    // Problems found since the last call: callbacks that ran twice, calls past deadline + slack.
    QStringList takeProblems(qint64 slackMs);
    int outstanding() const;
    qint64 latestDeadlineMs() const;
    qint64 nowMs() const { return m_clock.elapsed(); }

    quint64 issued() const { return m_nextId; }
    quint64 settledCount() const { return m_settled; }
    quint64 duplicates() const { return m_duplicates; }
    quint64 overdue() const { return m_overdue; }
    const QMap<QString, int>& outcomes() const { return m_outcomes; }

private:
    QElapsedTimer m_clock;
    QHash<quint64, Entry> m_entries; // settled entries are dropped once checked
    quint64 m_nextId = 0;
    quint64 m_settled = 0;
    quint64 m_duplicates = 0;
    quint64 m_overdue = 0;
    QMap<QString, int> m_outcomes;
    QStringList m_problems;
    QHash<quint64, QString> m_done; // settled ids (to detect a second callback)
};

QString statusName(clawtray::CallResult::Status s);

} // namespace chaos
