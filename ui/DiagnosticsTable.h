#pragma once

#include "supervisor/Diagnostics.h"
#include "supervisor/GatewayStatus.h"

#include <QTableWidget>

namespace clawtray {

// The supervisor's diagnostics as a two-column table (name, value); timestamps as local times.
class DiagnosticsTable final : public QTableWidget
{
    Q_OBJECT
public:
    explicit DiagnosticsTable(QWidget* parent = nullptr);

    // The gateway process first (process.pid, process.bootId, process.port, process.owned), then
    // the supervisor's diagnostics.
    void render(const Diagnostics& diagnostics, const GatewayStatus& status);
    QString valueOf(const QString& name) const; // for tests
};

} // namespace clawtray
