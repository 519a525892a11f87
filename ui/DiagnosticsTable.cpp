#include "DiagnosticsTable.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>

#include <functional>

namespace clawtray {

namespace {

QString display(const QString& key, const QJsonValue& v)
{
    if (key.endsWith(QLatin1String("AtMs"))) {
        const qint64 ms = qint64(v.toDouble());
        return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                      : QStringLiteral("—");
    }
    if (v.isBool())
        return v.toBool() ? QCoreApplication::translate("DiagnosticsTable", "yes")
                          : QCoreApplication::translate("DiagnosticsTable", "no");
    if (v.isDouble()) {
        const double d = v.toDouble();
        return d == qint64(d) ? QString::number(qint64(d)) : QString::number(d, 'f', 1);
    }
    if (v.isString())
        return v.toString().isEmpty() ? QStringLiteral("—") : v.toString();
    if (v.isArray()) {
        QStringList items;
        for (const QJsonValue& item : v.toArray())
            items << (item.isString() ? item.toString() : QString::number(item.toDouble()));
        return items.isEmpty() ? QStringLiteral("—") : items.join(QStringLiteral(", "));
    }
    return QString();
}

} // namespace

DiagnosticsTable::DiagnosticsTable(QWidget* parent)
    : QTableWidget(0, 2, parent)
{
    setHorizontalHeaderLabels({tr("Name"), tr("Value")});
    setAccessibleName(tr("Diagnostics"));
    horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    horizontalHeader()->setStretchLastSection(true);
    verticalHeader()->hide();
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setAlternatingRowColors(true);
}

void DiagnosticsTable::render(const Diagnostics& diagnostics, const GatewayStatus& status)
{
    // Nested groups ("counters", "circuit", ...) become "group.name" rows.
    QList<QPair<QString, QString>> rows;
    std::function<void(const QString&, const QJsonObject&)> flatten = [&](const QString& prefix, const QJsonObject& o) {
        for (auto it = o.begin(); it != o.end(); ++it) {
            const QString name = prefix.isEmpty() ? it.key() : prefix + QLatin1Char('.') + it.key();
            if (it.value().isObject())
                flatten(name, it.value().toObject());
            else
                rows.append({name, display(it.key(), it.value())});
        }
    };
    // Values of the current status only: a stopped gateway has no pid or boot id left to show.
    const bool up = status.pid > 0;
    flatten(QString(), QJsonObject{{QStringLiteral("process"),
                                    QJsonObject{{QStringLiteral("pid"), up ? QJsonValue(status.pid) : QJsonValue(QString())},
                                                {QStringLiteral("bootId"), status.bootId},
                                                {QStringLiteral("port"), int(status.port)},
                                                {QStringLiteral("owned"), status.owned}}}});
    flatten(QString(), diagnostics.toJson());
    setRowCount(rows.size());
    for (int row = 0; row < rows.size(); ++row) {
        for (int column = 0; column < 2; ++column) {
            auto* cell = item(row, column);
            if (!cell) {
                cell = new QTableWidgetItem;
                setItem(row, column, cell);
            }
            cell->setText(column == 0 ? rows.at(row).first : rows.at(row).second);
        }
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
