// Test fixture: plays a ClawTray that starts a gateway, writes its ownership lease and is then
// SIGKILLed by the test. Usage:
//   lease_driver <lease-path> <port> [--no-pdeathsig] -- <program> <args...>
// Prints "gateway pid=<pid> tag=<tag>" once the gateway runs and the lease is written.
#include "process/GatewayProcess.h"
#include "process/OwnershipLease.h"

#include <QCoreApplication>
#include <QTextStream>
#include <QUuid>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    const int sep = args.indexOf(QStringLiteral("--"));
    if (args.size() < 3 || sep < 2 || sep + 1 >= args.size())
        return 2;
    const QString leasePath = args.at(0);
    const quint16 port = quint16(args.at(1).toUInt());
    const bool noPdeathsig = args.mid(2, sep - 2).contains(QStringLiteral("--no-pdeathsig"));

    clawtray::LaunchSpec spec;
    spec.program = args.at(sep + 1);
    spec.arguments = args.mid(sep + 2);
    spec.environment = QProcessEnvironment::systemEnvironment();
    spec.leaseTag = QUuid::createUuid().toString(QUuid::WithoutBraces);
    spec.environment.insert(QString::fromLatin1(clawtray::LaunchSpec::kLeaseTagVariable), spec.leaseTag);

    clawtray::GatewayProcess process;
    auto cfg = process.config();
    cfg.dieWithParent = !noPdeathsig;
    process.setConfig(cfg);
    QObject::connect(&process, &clawtray::GatewayProcess::started, [&](qint64 pid) {
        const auto lease = clawtray::OwnershipLease::forChild(QStringLiteral("driver"), pid, process.startTime(), port,
                                                              spec.leaseTag);
        if (!lease.write(leasePath))
            QCoreApplication::exit(3);
        QTextStream(stdout) << "gateway pid=" << pid << " tag=" << spec.leaseTag << Qt::endl;
    });
    QObject::connect(&process, &clawtray::GatewayProcess::outputLine, [](const QString& line, clawtray::OutputClass) {
        QTextStream(stdout) << "out: " << line << Qt::endl;
    });
    QObject::connect(&process, &clawtray::GatewayProcess::finished, [] { QCoreApplication::exit(4); });
    process.start(spec);
    return app.exec();
}
