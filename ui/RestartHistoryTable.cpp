#include "RestartHistoryTable.h"

#include "DisplayText.h"
#include "Tones.h"
#include "policy/HumanDuration.h"
#include "supervisor/GatewayStatus.h"

#include <QDateTime>
#include <QHeaderView>
#include <QPainter>

namespace clawtray {

RestartHistoryTable::RestartHistoryTable(QWidget* parent)
    : QTableWidget(0, 6, parent)
{
    setAccessibleName(tr("Restart history"));
    setHorizontalHeaderLabels({tr("Time"), tr("Reason"), tr("Requested by"),
                               tr("Kind"), tr("Result"), tr("Duration")});
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    horizontalHeader()->setStretchLastSection(true);
    verticalHeader()->hide();
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setAlternatingRowColors(true);
}

void RestartHistoryTable::setPlaceholderText(const QString& text)
{
    m_placeholder = text;
    viewport()->update();
}

void RestartHistoryTable::paintEvent(QPaintEvent* event)
{
    QTableWidget::paintEvent(event);
    if (rowCount() > 0 || m_placeholder.isEmpty())
        return;
    QPainter painter(viewport());
    painter.setPen(Tones::text(Tone::Muted, palette()));
    painter.drawText(viewport()->rect().adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
}

QString RestartHistoryTable::word(const QString& text)
{
    // The history's fixed words (who asked, which kind, how it ended) in the desktop's language; a
    // known prefix ("failed: ", "postponed: ") is translated and the gateway's own words after it
    // are kept as they are.
    static const char* const words[] = {
        QT_TR_NOOP("user"),          QT_TR_NOOP("settings"),        QT_TR_NOOP("gateway"),
        QT_TR_NOOP("supervisor"),    QT_TR_NOOP("in-process"),      QT_TR_NOOP("process"),
        QT_TR_NOOP("ok"),            QT_TR_NOOP("requested"),       QT_TR_NOOP("in progress"),
        QT_TR_NOOP("scheduled"),     QT_TR_NOOP("deferred"),        QT_TR_NOOP("coalesced"),
        QT_TR_NOOP("forced"),        QT_TR_NOOP("failed"),          QT_TR_NOOP("safe restart"),
        QT_TR_NOOP("settings changed"), QT_TR_NOOP("deferred restart"), QT_TR_NOOP("gateway never became ready"),
        QT_TR_NOOP("gateway restarting in-process"),
        QT_TR_NOOP("the gateway asked for a fresh process (restart handoff)"),
        QT_TR_NOOP("cancelled: the gateway was stopped"), QT_TR_NOOP("ended: the gateway stopped")};
    for (const char* w : words) {
        if (text == QLatin1String(w))
            return tr(w);
    }
    static const char* const prefixes[] = {QT_TR_NOOP("failed: "), QT_TR_NOOP("postponed: "), QT_TR_NOOP("unresponsive: ")};
    for (const char* p : prefixes) {
        if (text.startsWith(QLatin1String(p)))
            return tr(p) + text.mid(int(qstrlen(p)));
    }
    return text;
}

void RestartHistoryTable::render(const QVector<RestartRecord>& records)
{
    setRowCount(records.size());
    for (int i = 0; i < records.size(); ++i) {
        const RestartRecord& r = records.at(records.size() - 1 - i);
        const QStringList cells{
            QDateTime::fromMSecsSinceEpoch(r.atMs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
            word(r.reason),
            word(r.requestedBy),
            word(r.kind),
            word(r.result),
            // open: still under way
            r.open() ? QStringLiteral("—") : durationText(r.durationMs, DurationStyle::Elapsed, DisplayText::durationWords()),
        };
        for (int c = 0; c < cells.size(); ++c) {
            auto* cell = item(i, c);
            if (!cell) {
                cell = new QTableWidgetItem;
                setItem(i, c, cell);
            }
            cell->setText(cells.at(c));
        }
    }
}

} // namespace clawtray
