#include "DiagnosticsTable.h"

#include <QDateTime>
#include <QHeaderView>
#include <QJsonObject>

namespace clawtray {

namespace {

QString display(const QString& key, const QJsonValue& v)
{
    if (key.endsWith(QLatin1String("AtMs"))) {
        const qint64 ms = qint64(v.toDouble());
        return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) : QStringLiteral("—");
    }
    if (v.isBool())
        return v.toBool() ? QStringLiteral("yes") : QStringLiteral("no");
    if (v.isDouble()) {
        const double d = v.toDouble();
        return d == qint64(d) ? QString::number(qint64(d)) : QString::number(d, 'f', 1);
    }
    if (v.isString())
        return v.toString().isEmpty() ? QStringLiteral("—") : v.toString();
    return QString();
}

} // namespace

DiagnosticsTable::DiagnosticsTable(QWidget* parent)
    : QTableWidget(0, 2, parent)
{
    setHorizontalHeaderLabels({QStringLiteral("Name"), QStringLiteral("Value")});
    horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    horizontalHeader()->setStretchLastSection(true);
    verticalHeader()->hide();
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setAlternatingRowColors(true);
}

void DiagnosticsTable::render(const Diagnostics& diagnostics)
{
    const QJsonObject o = diagnostics.toJson();
    setRowCount(o.size());
    int row = 0;
    for (auto it = o.begin(); it != o.end(); ++it, ++row) {
        auto* name = item(row, 0);
        if (!name) {
            name = new QTableWidgetItem;
            setItem(row, 0, name);
        }
        name->setText(it.key());
        auto* value = item(row, 1);
        if (!value) {
            value = new QTableWidgetItem;
            setItem(row, 1, value);
        }
        value->setText(display(it.key(), it.value()));
    }
}

QString DiagnosticsTable::valueOf(const QString& name) const
{
    for (int row = 0; row < rowCount(); ++row) {
        if (item(row, 0) && item(row, 0)->text() == name)
            return item(row, 1) ? item(row, 1)->text() : QString();
    }
    return QString();
}

} // namespace clawtray
