#pragma once

#include "companion/PairingModel.h"

#include <QDialog>
#include <QPointer>
#include <QTimer>

class QLabel;
class QPushButton;

namespace clawtray {

// The pairing panel: a small always-on-top window for the oldest device or node that asks to be
// paired (or for more access) — its name, platform and client, the role and scopes or commands it
// asks for, where it connects from and how long ago — with Approve / Reject. Requests queue
// ("1 of 2"); one answered elsewhere or dropped by the gateway closes by itself. When ClawTray's
// device may not approve it (admin needed), Approve is off and the panel says what to do instead.
// Closing the window decides nothing; no button is a default.
class PairingPrompt final : public QDialog
{
    Q_OBJECT
public:
    explicit PairingPrompt(PairingModel* model, QWidget* parent = nullptr);

    void showPending(); // the oldest request, or hides when there is none
    QString currentId() const { return m_current; }
    // For tests: "title", "who", "asks", "from", "queue", "note", "error".
    QString fieldText(const QString& field) const;
    QPushButton* approveButton() const { return m_approve; }
    QPushButton* rejectButton() const { return m_reject; }

private:
    void render();
    void answer(bool approve);

    QPointer<PairingModel> m_model;
    QString m_current;
    QLabel* m_title = nullptr;
    QLabel* m_who = nullptr;
    QLabel* m_asks = nullptr;
    QLabel* m_from = nullptr;
    QLabel* m_queue = nullptr;
    QLabel* m_note = nullptr;
    QLabel* m_error = nullptr;
    QPushButton* m_approve = nullptr;
    QPushButton* m_reject = nullptr;
    QTimer m_tick; // "asked 3 min ago" moves on
    bool m_busy = false;
};

} // namespace clawtray
