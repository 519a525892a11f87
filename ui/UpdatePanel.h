#pragma once

#include <QGroupBox>
#include <QPointer>

#include <functional>

class QLabel;
class QProgressBar;
class QPushButton;

namespace clawtray {

class GatewayUpdater;
class UpdateChecker;

// The Overview's "OpenClaw updates" box: which version runs and whether a newer one is out (or
// why that is not known: offline is a quiet note), the update in progress as a step bar, how the
// last one ended, and the buttons — check now, update, roll back to the version kept. Every line
// renders the checker's and the updater's state as it is now.
class UpdatePanel final : public QGroupBox
{
    Q_OBJECT
public:
    explicit UpdatePanel(QWidget* parent = nullptr);

    void setUpdates(UpdateChecker* checker, GatewayUpdater* updater);
    // A yes/no question before an update or a roll-back (replaceable for tests).
    using Confirm = std::function<bool(const QString& title, const QString& text)>;
    void setConfirm(Confirm c) { m_confirm = std::move(c); }

    // For tests: "offer" (a newer version, else ""), "availability", "progress", "outcome";
    // buttons "check", "update", "rollback".
    QString text(const QString& field) const;
    QPushButton* button(const QString& name) const;
    QProgressBar* progressBar() const { return m_bar; }

public Q_SLOTS:
    void render();

private:
    void startUpdate(bool rollback);

    QPointer<UpdateChecker> m_checker;
    QPointer<GatewayUpdater> m_updater;
    Confirm m_confirm;
    QLabel* m_availability = nullptr;
    QLabel* m_progress = nullptr;
    QProgressBar* m_bar = nullptr;
    QLabel* m_outcome = nullptr;
    QPushButton* m_check = nullptr;
    QPushButton* m_update = nullptr;
    QPushButton* m_rollback = nullptr;
    bool m_checking = false;
    QString m_refusal; // why the last click started nothing (until something else happens)
};

} // namespace clawtray
