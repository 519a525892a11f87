#include "RestartHistoryTable.h"

#include "supervisor/GatewayStatus.h"

#include <QDateTime>
#include <QHeaderView>

namespace clawtray {

RestartHistoryTable::RestartHistoryTable(QWidget* parent)
    : QTableWidget(0, 6, parent)
{
    setHorizontalHeaderLabels({QStringLiteral("Time"), QStringLiteral("Reason"), QStringLiteral("Requested by"),
                               QStringLiteral("Kind"), QStringLiteral("Result"), QStringLiteral("Duration")});
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    horizontalHeader()->setStretchLastSection(true);
    verticalHeader()->hide();
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setAlternatingRowColors(true);
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
            // Open: still under way, so no duration yet. Short ones to a tenth of a second.
            r.open()              ? QStringLiteral("—")
            : r.durationMs < 10000 ? QStringLiteral("%1 s").arg(double(r.durationMs) / 1000.0, 0, 'f', 1)
                                   : formatDuration(r.durationMs),
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
