#pragma once

#include "client/ClientTypes.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QTimer>

#include <map>

namespace clawtray {

// Calls in flight, by id. Each settles exactly once: by its response, its deadline, or a
// disconnect — whichever comes first removes it, so a late response finds nothing. One timer
// serves all deadlines (armed for the earliest), so thousands of calls cost no timers each.
class PendingCalls final : public QObject
{
    Q_OBJECT
public:
    explicit PendingCalls(QObject* parent = nullptr);
    ~PendingCalls() override;

    void add(const QString& id, const QString& method, int timeoutMs, CallCallback callback);
    // Settles the call with this id; false if there is none (late or unknown response).
    bool settle(const QString& id, CallResult result);
    // Settles every pending call with the same failure (disconnect, stop).
    void failAll(CallResult::Status status, const QString& message);
    int size() const { return int(m_calls.size()); }
    bool contains(const QString& id) const { return m_calls.contains(id); }

private:
    struct Entry
    {
        QString method;
        CallCallback callback;
        qint64 deadlineMs;
        qint64 startedUs;
    };
    void expire();
    void rearm();

    QHash<QString, Entry> m_calls;
    std::multimap<qint64, QString> m_deadlines;
    QElapsedTimer m_clock;
    QTimer m_timer;
};

} // namespace clawtray
