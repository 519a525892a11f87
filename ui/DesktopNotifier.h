#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QVariantMap>
#include <QVector>

namespace clawtray {

// Desktop notifications through the freedesktop notification service (org.freedesktop.Notifications
// on the session bus), with action buttons ("Show ClawTray", "Start now", "Review…") that come back
// as actionInvoked(kind, key). A newer notification of a kind replaces the one still on screen. Where
// the service is missing (no D-Bus, no notification daemon) send() returns false and the caller
// falls back to the tray icon's own balloon.
class DesktopNotifier final : public QObject
{
    Q_OBJECT
public:
    struct Action
    {
        QString key;   // "show", "start", "approvals", "pairing"
        QString label; // the button text
    };

    explicit DesktopNotifier(QObject* parent = nullptr);
    ~DesktopNotifier() override;

    // Whether a notification service answers on the session bus (asked once, then on every send
    // that finds it gone).
    bool available();
    // Sends; `urgent` maps to the critical urgency. False when no service is there.
    bool send(const QString& kind, const QString& title, const QString& text, const QVector<Action>& actions,
              bool urgent);

Q_SIGNALS:
    // The user pressed `key` on the notification of `kind` ("default": the notification itself).
    void actionInvoked(const QString& kind, const QString& key);

private Q_SLOTS:
    // Slots by name: QDBusConnection::connect takes no functor.
    void onActionInvoked(uint id, const QString& key);
    void onClosed(uint id, uint reason);

private:
    bool m_connected = false;
    int m_known = -1;           // -1 not asked yet, 0 absent, 1 present
    qint64 m_absentSinceMs = 0; // when it was last found absent: asked again after kRecheckMs
    bool m_markup = false;      // the daemon renders body markup: the text is escaped
    enum class Capabilities { Unknown, Asking, Known };
    Capabilities m_capabilities = Capabilities::Unknown;
    struct Pending
    {
        QString kind, title, text;
        QStringList actions;
        QVariantMap hints;
    };
    QVector<Pending> m_pending; // sent once the daemon's capabilities are known
    void notify(const Pending& p);
    static constexpr qint64 kRecheckMs = 30000;
    QHash<uint, QString> m_kindOfId; // notifications on screen -> their kind
    QHash<QString, uint> m_idOfKind; // the other way, for replaces_id
    QElapsedTimer m_clock;
};

} // namespace clawtray
