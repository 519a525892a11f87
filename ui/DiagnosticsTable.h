#pragma once

#include "supervisor/Diagnostics.h"

#include <QTableWidget>

namespace clawtray {

// The supervisor's diagnostics as a two-column table (name, value); timestamps as local times.
class DiagnosticsTable final : public QTableWidget
{
    Q_OBJECT
public:
    explicit DiagnosticsTable(QWidget* parent = nullptr);

    void render(const Diagnostics& diagnostics);
    QString valueOf(const QString& name) const; // for tests
};

} // namespace clawtray
