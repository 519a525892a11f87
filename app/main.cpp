#include "logging/Logging.h"

#include <QCoreApplication>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    clawtray::logging::init({});
    clawtray::logInfo(QStringLiteral("ClawTray %1").arg(QStringLiteral(CLAWTRAY_VERSION)));
    return 0;
}
