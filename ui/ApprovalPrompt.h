#pragma once

#include "companion/ApprovalsModel.h"

#include <QDialog>
#include <QPointer>
#include <QTimer>

class QLabel;
class QPushButton;

namespace clawtray {

// The native exec-approval prompt: a small always-on-top window (raised even while the main
// window is hidden) for the oldest request the gateway waits on — the command, where and for whom
// it runs, a countdown to its expiry — with Allow once / Allow always / Deny. Several requests
// queue ("1 of 3"); one resolved elsewhere or expired closes by itself. Closing the window decides
// nothing: the request stays pending (the tray offers it again). No button is a default.
class ApprovalPrompt final : public QDialog
{
    Q_OBJECT
public:
    explicit ApprovalPrompt(ApprovalsModel* model, QWidget* parent = nullptr);

    // Shows the oldest pending request, or hides when there is none.
    void showPending();
    QString currentId() const { return m_current; }
    // For tests: the visible texts ("command", "where", "countdown", "queue", "error").
    QString fieldText(const QString& field) const;
    QPushButton* button(const QString& decision) const; // "allow-once", "allow-always", "deny"

private:
    void render();
    void decide(const QString& decision);
    void tick();

    QPointer<ApprovalsModel> m_model;
    QString m_current;
    QLabel* m_command = nullptr;
    QLabel* m_where = nullptr;
    QLabel* m_warning = nullptr;
    QLabel* m_countdown = nullptr;
    QLabel* m_queue = nullptr;
    QLabel* m_error = nullptr;
    QPushButton* m_allowOnce = nullptr;
    QPushButton* m_allowAlways = nullptr;
    QPushButton* m_deny = nullptr;
    QTimer m_tick;
    bool m_busy = false;
};

} // namespace clawtray
