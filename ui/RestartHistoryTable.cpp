#include "RestartHistoryTable.h"

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

void RestartHistoryTable::render(const QVector<RestartRecord>& records)
{
    setRowCount(records.size());
    for (int i = 0; i < records.size(); ++i) {
        const RestartRecord& r = records.at(records.size() - 1 - i);
        const QStringList cells{
            QDateTime::fromMSecsSinceEpoch(r.atMs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
            r.reason,
            r.requestedBy,
            r.kind,
            r.result,
            r.open() ? QStringLiteral("—") : elapsedText(r.durationMs), // open: still under way
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
