#pragma once

#include "supervisor/Diagnostics.h"

#include <QTableWidget>

namespace clawtray {

// The last restarts, newest first: when, why, who asked, how, and how it ended.
class RestartHistoryTable final : public QTableWidget
{
    Q_OBJECT
public:
    explicit RestartHistoryTable(QWidget* parent = nullptr);

    void render(const QVector<RestartRecord>& records);
};

} // namespace clawtray
