#include "OverviewTab.h"

#include "UpdatePanel.h"
#include "DisplayText.h"
#include "Tones.h"

#include "companion/ActivityModel.h"
#include "companion/ApprovalsModel.h"
#include "companion/ChannelsModel.h"
#include "companion/PairingModel.h"
#include "supervisor/GatewayStatus.h"

#include <QDateTime>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QTableWidget>
#include <QVBoxLayout>

namespace clawtray {

namespace {

QLabel* wrapped(QWidget* parent)
{
    auto* l = new QLabel(parent);
    l->setTextFormat(Qt::PlainText); // the gateway's and other devices' text, never markup
    l->setWordWrap(true);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return l;
}

QTableWidget* table(const QStringList& headers, QWidget* parent)
{
    auto* t = new QTableWidget(0, int(headers.size()), parent);
    t->setHorizontalHeaderLabels(headers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setSelectionMode(QAbstractItemView::SingleSelection);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->verticalHeader()->setVisible(false);
    t->horizontalHeader()->setStretchLastSection(true);
    // Room for four rows before it scrolls; the tab itself scrolls, so the window never grows.
    t->setMinimumHeight(t->horizontalHeader()->sizeHint().height() + 4 * t->verticalHeader()->defaultSectionSize() + 4);
    t->setMaximumHeight(t->minimumHeight() + 2 * t->verticalHeader()->defaultSectionSize());
    return t;
}

QTableWidgetItem* cell(const QString& text, const QString& key = QString())
{
    auto* item = new QTableWidgetItem(text);
    if (!key.isEmpty())
        item->setData(Qt::UserRole, key);
    return item;
}

// Keeps the row whose key was selected selected after the table is filled again.
QString selectedKey(const QTableWidget* t)
{
    const QList<QTableWidgetItem*> items = t->selectedItems();
    return items.isEmpty() ? QString() : t->item(items.first()->row(), 0)->data(Qt::UserRole).toString();
}

void reselect(QTableWidget* t, const QString& key)
{
    for (int row = 0; row < t->rowCount(); ++row)
        if (!key.isEmpty() && t->item(row, 0)->data(Qt::UserRole).toString() == key)
            t->selectRow(row);
}

} // namespace

OverviewTab::OverviewTab(QWidget* parent)
    : QWidget(parent)
{
    m_confirm = [this](const QString& title, const QString& text) {
        return QMessageBox::question(this, title, text, QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
               == QMessageBox::Yes;
    };
    m_askName = [this](const QString& title, const QString& current) -> std::optional<QString> {
        bool ok = false;
        const QString name = QInputDialog::getText(this, title, tr("Name (1 to 64 characters):"), QLineEdit::Normal, current, &ok);
        return ok ? std::optional<QString>(name) : std::nullopt;
    };
    // The boxes sit in a scroll area: what they show (more devices, a result line) never makes the
    // window grow on its own.
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* content = new QWidget(scroll);
    scroll->setWidget(content);
    outer->addWidget(scroll);
    auto* layout = new QVBoxLayout(content);
    layout->addWidget(buildActivity());
    m_updates = new UpdatePanel(content);
    layout->addWidget(m_updates);
    layout->addWidget(buildChannels());
    layout->addWidget(buildApprovals());
    layout->addWidget(buildPairing());
    m_message = wrapped(content);
    m_message->setVisible(false);
    layout->insertWidget(0, m_message); // on top, where it is seen; it goes after a while
    layout->addStretch(1);
    m_messageTimer.setSingleShot(true);
    m_messageTimer.setInterval(kMessageMs);
    connect(&m_messageTimer, &QTimer::timeout, this, [this] { showResult(QString(), QString()); });
    setCompanion({});
}

QGroupBox* OverviewTab::buildActivity()
{
    auto* box = new QGroupBox(tr("Gateway"), this);
    auto* v = new QVBoxLayout(box);
    m_version = wrapped(box);
    m_sessions = wrapped(box);
    m_recent = wrapped(box);
    Tones::paint(m_recent, Tone::Muted);
    m_usage = wrapped(box);
    for (QLabel* l : {m_version, m_sessions, m_recent, m_usage})
        v->addWidget(l);
    return box;
}

void OverviewTab::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_activity)
        m_activity->refreshIfStale();
}

void OverviewTab::renderActivity()
{
    const bool known = m_activity && !m_activity->version().isEmpty();
    m_version->setText(known ? tr("OpenClaw %1").arg(m_activity->version())
                             : tr("The gateway is not connected: nothing to show."));
    const bool loaded = m_activity && m_activity->loaded();
    // Connected but not read yet (they are asked when the Overview opens): say so instead of a
    // box that looks as if there were nothing to tell; a failed read says why.
    QString sessionsLine;
    if (loaded)
        sessionsLine = DisplayText::sessions(*m_activity);
    else if (known && !m_activity->error().isEmpty())
        sessionsLine = tr("Sessions and usage unavailable: %1").arg(m_activity->error());
    else if (known)
        sessionsLine = tr("Sessions and usage: asking the gateway…");
    m_sessions->setText(sessionsLine);
    m_usage->setText(loaded ? DisplayText::usage(*m_activity) : QString());
    QStringList recent;
    if (loaded) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (const SessionSummary& s : m_activity->recentSessions())
            recent << QStringLiteral("%1%2%3")
                          .arg(s.name, s.running ? tr(" — running") : QString(),
                               s.updatedAtMs > 0 ? tr(" (%1 ago)").arg(DisplayText::duration(std::max<qint64>(0, now - s.updatedAtMs)))
                                                 : QString());
    }
    m_recent->setText(recent.join(QLatin1Char('\n')));
    m_sessions->setVisible(!sessionsLine.isEmpty());
    m_usage->setVisible(loaded);
    m_recent->setVisible(!recent.isEmpty());
}

QGroupBox* OverviewTab::buildChannels()
{
    auto* box = new QGroupBox(tr("Channels"), this);
    auto* v = new QVBoxLayout(box);
    m_channelsSummary = wrapped(box);
    m_channelsTable = table({tr("Channel"), tr("Account"), tr("State")}, box);
    m_channelsTable->setAccessibleName(tr("Channel accounts"));
    m_issues = wrapped(box);
    Tones::paint(m_issues, Tone::Warning);
    auto* buttons = new QHBoxLayout;
    m_start = new QPushButton(tr("Start"), box);
    m_stop = new QPushButton(tr("Stop"), box);
    m_logout = new QPushButton(tr("Log out…"), box);
    m_refresh = new QPushButton(tr("Refresh"), box);
    for (QPushButton* b : {m_start, m_stop, m_logout})
        buttons->addWidget(b);
    buttons->addStretch(1);
    buttons->addWidget(m_refresh);
    v->addWidget(m_channelsSummary);
    v->addWidget(m_channelsTable);
    v->addWidget(m_issues);
    v->addLayout(buttons);
    connect(m_channelsTable, &QTableWidget::itemSelectionChanged, this, &OverviewTab::updateChannelButtons);
    connect(m_start, &QPushButton::clicked, this, [this] { controlChannel(QStringLiteral("start")); });
    connect(m_stop, &QPushButton::clicked, this, [this] { controlChannel(QStringLiteral("stop")); });
    connect(m_logout, &QPushButton::clicked, this, [this] { controlChannel(QStringLiteral("logout")); });
    connect(m_refresh, &QPushButton::clicked, this, [this] {
        if (m_channels)
            m_channels->refresh([this](const QString& e) { showResult(e, QString()); });
        if (m_pairing)
            m_pairing->refresh();
    });
    return box;
}

QGroupBox* OverviewTab::buildApprovals()
{
    auto* box = new QGroupBox(tr("Exec approvals"), this);
    auto* h = new QHBoxLayout(box);
    m_approvalsText = wrapped(box);
    m_reviewApprovals = new QPushButton(tr("Review…"), box);
    h->addWidget(m_approvalsText, 1);
    h->addWidget(m_reviewApprovals);
    connect(m_reviewApprovals, &QPushButton::clicked, this, &OverviewTab::approvalsRequested);
    return box;
}

QGroupBox* OverviewTab::buildPairing()
{
    auto* box = new QGroupBox(tr("Devices"), this);
    auto* v = new QVBoxLayout(box);
    auto* top = new QHBoxLayout;
    m_pairingText = wrapped(box);
    m_reviewPairing = new QPushButton(tr("Review…"), box);
    top->addWidget(m_pairingText, 1);
    top->addWidget(m_reviewPairing);
    m_devicesTable = table({tr("Name"), tr("Device"), tr("Platform"), tr("Role"),
                            tr("Seen")}, box);
    m_devicesTable->setAccessibleName(tr("Paired devices"));
    auto* buttons = new QHBoxLayout;
    m_rename = new QPushButton(tr("Rename…"), box);
    m_remove = new QPushButton(tr("Remove…"), box);
    buttons->addWidget(m_rename);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    v->addLayout(top);
    v->addWidget(m_devicesTable);
    v->addLayout(buttons);
    connect(m_reviewPairing, &QPushButton::clicked, this, &OverviewTab::pairingRequested);
    connect(m_devicesTable, &QTableWidget::itemSelectionChanged, this, &OverviewTab::updateDeviceButtons);
    connect(m_rename, &QPushButton::clicked, this, &OverviewTab::renameDevice);
    connect(m_remove, &QPushButton::clicked, this, &OverviewTab::removeDevice);
    return box;
}

void OverviewTab::setCompanion(const Companion& companion)
{
    for (QObject* old : {static_cast<QObject*>(m_approvals.data()), static_cast<QObject*>(m_channels.data()),
                         static_cast<QObject*>(m_pairing.data()), static_cast<QObject*>(m_activity.data())})
        if (old)
            disconnect(old, nullptr, this, nullptr);
    m_approvals = companion.approvals;
    m_channels = companion.channels;
    m_pairing = companion.pairing;
    m_activity = companion.activity;
    m_updates->setUpdates(companion.updateChecker, companion.updater);
    if (m_activity) {
        connect(m_activity, &ActivityModel::changed, this, [this] {
            renderActivity();
            // Connected (again) while the tab is on screen: read what it shows.
            if (isVisible() && m_activity && !m_activity->version().isEmpty())
                m_activity->refreshIfStale();
        });
        if (isVisible())
            m_activity->refreshIfStale();
    }
    if (m_approvals)
        connect(m_approvals, &ApprovalsModel::changed, this, &OverviewTab::renderApprovals);
    if (m_channels)
        connect(m_channels, &ChannelsModel::changed, this, &OverviewTab::renderChannels);
    if (m_pairing)
        connect(m_pairing, &PairingModel::changed, this, &OverviewTab::renderPairing);
    showResult(QString(), QString());
    renderActivity();
    renderChannels();
    renderApprovals();
    renderPairing();
}

void OverviewTab::renderChannels()
{
    const QString keep = selectedKey(m_channelsTable);
    m_channelsTable->setRowCount(0);
    const bool loaded = m_channels && m_channels->loaded();
    if (!m_channels)
        m_channelsSummary->setText(tr("Channels appear here once ClawTray is connected to the gateway."));
    else if (!loaded)
        m_channelsSummary->setText(m_channels->error().isEmpty()
                                       ? tr("No channel status: the gateway is not running.")
                                       : tr("No channel status: %1").arg(m_channels->error()));
    else
        m_channelsSummary->setText(DisplayText::channelsSummary(*m_channels));
    QStringList issues;
    if (loaded) {
        for (const ChannelAccount& a : m_channels->accounts()) {
            const int row = m_channelsTable->rowCount();
            m_channelsTable->insertRow(row);
            m_channelsTable->setItem(row, 0, cell(a.channelLabel, a.channel + QLatin1Char('\n') + a.accountId));
            m_channelsTable->setItem(row, 1, cell(a.name.isEmpty() ? a.accountId : QStringLiteral("%1 (%2)").arg(a.name, a.accountId)));
            auto* state = cell(DisplayText::text(a.state()));
            if (a.needsAttention())
                state->setForeground(Tones::text(Tone::Warning, m_channelsTable->palette()));
            m_channelsTable->setItem(row, 2, state);
        }
        for (const ChannelIssue& i : m_channels->issues())
            issues << (i.fix.isEmpty() ? QStringLiteral("%1 (%2): %3").arg(i.channel, i.accountId, i.message)
                                       : tr("%1 (%2): %3 — fix: %4").arg(i.channel, i.accountId, i.message, i.fix));
    }
    m_channelsTable->setVisible(m_channelsTable->rowCount() > 0);
    m_issues->setText(issues.join(QLatin1Char('\n')));
    m_issues->setVisible(!issues.isEmpty());
    reselect(m_channelsTable, keep);
    updateChannelButtons();
}

void OverviewTab::updateChannelButtons()
{
    const bool selected = !selectedKey(m_channelsTable).isEmpty();
    const bool can = m_channels && m_channels->canControl();
    const QString why = !m_channels ? QString() : !can ? m_channels->controlUnavailableReason()
                                                 : !selected ? tr("Select a channel account first")
                                                             : QString();
    for (QPushButton* b : {m_start, m_stop, m_logout}) {
        b->setEnabled(!m_busy && can && selected);
        b->setToolTip(why);
    }
    m_start->setVisible(m_channelsTable->rowCount() > 0);
    m_stop->setVisible(m_channelsTable->rowCount() > 0);
    m_logout->setVisible(m_channelsTable->rowCount() > 0);
    m_refresh->setEnabled(m_channels && m_channels->loaded());
}

void OverviewTab::controlChannel(const QString& action)
{
    const QStringList key = selectedKey(m_channelsTable).split(QLatin1Char('\n'));
    if (!m_channels || key.size() != 2)
        return;
    const QString what = QStringLiteral("%1 (%2)").arg(key.at(0), key.at(1));
    if (action == QLatin1String("logout")
        && !m_confirm(tr("Log out %1?").arg(what),
                      tr("The gateway ends this account's session with its service; to use it again it has to "
                                     "be linked again (for example `openclaw channels login %1`).")
                          .arg(key.at(0))))
        return;
    m_busy = true;
    updateChannelButtons();
    QPointer<OverviewTab> self(this);
    m_channels->control(action, key.at(0), key.at(1), [self, action, what](const QString& error) {
        if (!self)
            return;
        self->m_busy = false;
        self->updateChannelButtons();
        self->showResult(error, tr("%1: %2 done").arg(what, action));
    });
}

void OverviewTab::renderApprovals()
{
    const int waiting = m_approvals ? int(m_approvals->pending().size()) : 0;
    if (!m_approvals)
        m_approvalsText->setText(tr("Approvals appear here once ClawTray is connected to the gateway."));
    else if (!m_approvals->connected()) {
        m_approvalsText->setText(tr("No approvals: the gateway is not connected."));
        showResult(QString(), QString()); // a result of before belongs to a connection that is gone
    }
    else if (!m_approvals->permitted())
        m_approvalsText->setText(m_approvals->unavailableReason());
    else if (waiting == 0)
        m_approvalsText->setText(tr("No command waits for approval."));
    else
        m_approvalsText->setText(waiting == 1 ? tr("1 command waits for your approval.")
                                              : tr("%1 commands wait for your approval.").arg(waiting));
    m_reviewApprovals->setVisible(waiting > 0);
}

void OverviewTab::renderPairing()
{
    const int waiting = m_pairing ? int(m_pairing->pending().size()) : 0;
    if (!m_pairing)
        m_pairingText->setText(tr("Devices appear here once ClawTray is connected to the gateway."));
    else if (!m_pairing->permitted())
        m_pairingText->setText(m_pairing->unavailableReason());
    else if (!m_pairing->loaded())
        m_pairingText->setText(tr("No device list: the gateway is not running."));
    else if (waiting == 0)
        m_pairingText->setText(m_pairing->paired().isEmpty() ? tr("No paired devices; none waits to be paired.")
                                                             : tr("No device waits to be paired."));
    else
        m_pairingText->setText(waiting == 1 ? tr("1 device waits to be paired.")
                                            : tr("%1 devices wait to be paired.").arg(waiting));
    m_reviewPairing->setVisible(waiting > 0);
    const QString keep = selectedKey(m_devicesTable);
    m_devicesTable->setRowCount(0);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (m_pairing) {
        for (const PairedDevice& d : m_pairing->paired()) {
            const int row = m_devicesTable->rowCount();
            m_devicesTable->insertRow(row);
            m_devicesTable->setItem(row, 0, cell(d.name(), d.id));
            // The id tells two devices of the same name apart.
            auto* id = cell(d.id.left(12));
            id->setToolTip(d.id);
            m_devicesTable->setItem(row, 1, id);
            m_devicesTable->setItem(row, 2, cell(d.platform));
            m_devicesTable->setItem(row, 3, cell(d.role));
            m_devicesTable->setItem(row, 4, cell(d.connected ? QStringLiteral("connected")
                                                 : d.lastSeenAtMs > 0
                                                     ? tr("%1 ago").arg(DisplayText::duration(std::max<qint64>(0, now - d.lastSeenAtMs)))
                                                     : tr("never")));
        }
    }
    m_devicesTable->setVisible(m_devicesTable->rowCount() > 0);
    reselect(m_devicesTable, keep);
    updateDeviceButtons();
}

void OverviewTab::updateDeviceButtons()
{
    const bool selected = !selectedKey(m_devicesTable).isEmpty();
    m_rename->setEnabled(!m_busy && selected && m_pairing);
    m_remove->setEnabled(!m_busy && selected && m_pairing);
    m_rename->setVisible(m_devicesTable->rowCount() > 0);
    m_remove->setVisible(m_devicesTable->rowCount() > 0);
}

void OverviewTab::renameDevice()
{
    const QString id = selectedKey(m_devicesTable);
    const auto d = m_pairing ? m_pairing->findPaired(id) : std::nullopt;
    if (!d)
        return;
    const auto name = m_askName(tr("Rename %1").arg(d->name()), d->name());
    if (!name || name->trimmed() == d->name())
        return;
    m_busy = true;
    updateDeviceButtons();
    QPointer<OverviewTab> self(this);
    const QString newName = name->trimmed();
    m_pairing->rename(id, newName, [self, newName](const QString& error) {
        if (!self)
            return;
        self->m_busy = false;
        self->updateDeviceButtons();
        self->showResult(error, tr("Renamed to %1").arg(newName));
    });
}

void OverviewTab::removeDevice()
{
    const QString id = selectedKey(m_devicesTable);
    const auto d = m_pairing ? m_pairing->findPaired(id) : std::nullopt;
    if (!d)
        return;
    if (!m_confirm(tr("Remove %1?").arg(d->name()),
                   tr("%1 (device %2) will be unpaired and disconnected. To connect again it will have to pair "
                                  "again.")
                       .arg(d->name(), d->id.left(12))))
        return;
    m_busy = true;
    updateDeviceButtons();
    QPointer<OverviewTab> self(this);
    const QString name = d->name();
    m_pairing->remove(id, [self, name](const QString& error) {
        if (!self)
            return;
        self->m_busy = false;
        self->updateDeviceButtons();
        self->showResult(error, tr("Removed %1").arg(name));
    });
}

void OverviewTab::showResult(const QString& error, const QString& success)
{
    const QString text = error.isEmpty() ? success : error;
    m_message->setText(text);
    Tones::paint(m_message, error.isEmpty() ? Tone::Normal : Tone::Bad);
    m_message->setVisible(!text.isEmpty());
    if (text.isEmpty())
        m_messageTimer.stop();
    else
        m_messageTimer.start();
}

QString OverviewTab::text(const QString& field) const
{
    if (field == QLatin1String("update")) // a newer OpenClaw (the updates box's first line)
        return m_updates->text(QStringLiteral("offer"));
    const QHash<QString, QLabel*> activity{{QStringLiteral("version"), m_version},
                                           {QStringLiteral("sessions"), m_sessions}, {QStringLiteral("usage"), m_usage},
                                           {QStringLiteral("recent"), m_recent}};
    if (QLabel* l = activity.value(field))
        return l->text();
    if (field == QLatin1String("channels"))
        return m_channelsSummary->text();
    if (field == QLatin1String("issues"))
        return m_issues->text();
    if (field == QLatin1String("approvals"))
        return m_approvalsText->text();
    if (field == QLatin1String("pairing"))
        return m_pairingText->text();
    if (field == QLatin1String("message"))
        return m_message->text();
    return {};
}

QPushButton* OverviewTab::button(const QString& name) const
{
    const QHash<QString, QPushButton*> buttons{{QStringLiteral("start"), m_start},       {QStringLiteral("stop"), m_stop},
                                               {QStringLiteral("logout"), m_logout},     {QStringLiteral("refresh"), m_refresh},
                                               {QStringLiteral("approvals"), m_reviewApprovals},
                                               {QStringLiteral("pairing"), m_reviewPairing},
                                               {QStringLiteral("rename"), m_rename},     {QStringLiteral("remove"), m_remove}};
    return buttons.value(name);
}

} // namespace clawtray
