#pragma once

#include <QObject>
#include <QTimer>

namespace clawtray {

// Notices when the user unlocks their keyring, so a token ClawTray could not read (keyring locked,
// unlock prompt dismissed or not answered in time) is read again without anyone clicking "Try
// again". Listens on the session bus to the Secret Service (org.freedesktop.secrets): its
// CollectionChanged signal and a collection's Locked property going false. Nothing is polled and
// no prompt is raised by watching. Without a session bus it does nothing.
class KeyringWatch final : public QObject
{
    Q_OBJECT
public:
    explicit KeyringWatch(QObject* parent = nullptr);

    // Watch while something waits for the keyring; stop when it no longer matters.
    void setActive(bool active);
    bool isActive() const { return m_active; }
    bool isListening() const { return m_listening; }

Q_SIGNALS:
    // A collection changed or was unlocked (coalesced: once per burst of signals).
    void mayBeUnlocked();

private Q_SLOTS:
    void onCollectionChanged();
    void onPropertiesChanged(const QString& interface, const QVariantMap& changed, const QStringList& invalidated);

private:
    void listen();
    void nudge();

    bool m_active = false;
    bool m_listening = false;
    QTimer m_coalesce;
};

} // namespace clawtray
