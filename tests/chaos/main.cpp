// chaos_run — the seeded chaos run of ClawTray's supervisor (see ChaosRunner.h for what it checks).
//
//   chaos_run [--seed N] [--steps M] [--faults a,b,...] [--verbose] [--keep]
//
// Prints "chaos_run: seed=N steps=M" first and a one-line JSON summary last; exit status 0 when no
// invariant was violated, 1 otherwise (2: usage/set-up error). The same seed replays the same
// sequence of faults and choices (timing on a busy machine can still differ).
// Environment (so CTest can lengthen or pin a run without reconfiguring):
//   CLAWTRAY_CHAOS_SEED, CLAWTRAY_CHAOS_STEPS   override --seed / --steps
//   CLAWTRAY_FAKE_GATEWAY, CLAWTRAY_PORT_HOLDER, CLAWTRAY_LEASE_DRIVER, CLAWTRAY_HEADLESS_BIN
//                                               fixtures (default: the paths this build produced)
#include "ChaosRunner.h"

#include "logging/Logging.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRandomGenerator>

#include <atomic>
#include <cstdio>

namespace {

std::atomic<int> g_qtWarnings{0};

void messageHandler(QtMsgType type, const QMessageLogContext&, const QString& msg)
{
    switch (type) {
    case QtFatalMsg:
        fprintf(stderr, "chaos: FATAL (assertion or qFatal): %s\n", qPrintable(msg));
        fflush(stderr);
        clawtray::logging::log(clawtray::LogLevel::Error, QStringLiteral("qt"), QStringLiteral("FATAL: ") + msg);
        clawtray::logging::flush();
        abort();
    case QtCriticalMsg:
    case QtWarningMsg:
        ++g_qtWarnings;
        clawtray::logging::log(clawtray::LogLevel::Warn, QStringLiteral("qt"), msg);
        return;
    default:
        clawtray::logging::log(clawtray::LogLevel::Debug, QStringLiteral("qt"), msg);
        return;
    }
}

QString fixture(const char* env, const char* builtIn)
{
    const QString v = qEnvironmentVariable(env);
    return v.isEmpty() ? QString::fromLocal8Bit(builtIn) : v;
}

} // namespace

namespace chaos {
int qtWarningCount()
{
    return g_qtWarnings.load();
}
} // namespace chaos

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    qInstallMessageHandler(messageHandler);
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Seeded chaos run of the ClawTray supervisor against the fake gateway."));
    p.addHelpOption();
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Random seed (default: from the clock)."), QStringLiteral("N"));
    const QCommandLineOption steps(QStringLiteral("steps"), QStringLiteral("Number of steps (default 200)."), QStringLiteral("M"), QStringLiteral("200"));
    const QCommandLineOption faults(QStringLiteral("faults"),
                                    QStringLiteral("Only these fault kinds, comma-separated: %1.").arg(chaos::ChaosRunner::faultKinds().join(QStringLiteral(", "))),
                                    QStringLiteral("list"));
    const QCommandLineOption verbose(QStringLiteral("verbose"), QStringLiteral("Log every step and the manager's log on stderr."));
    const QCommandLineOption keep(QStringLiteral("keep"), QStringLiteral("Keep the work dir (logs) even after a clean run."));
    for (const auto& o : {seed, steps, faults, verbose, keep})
        p.addOption(o);
    p.process(app);

    chaos::Options o;
    bool ok = true;
    const QString seedText = qEnvironmentVariable("CLAWTRAY_CHAOS_SEED", p.value(seed));
    o.seed = seedText.isEmpty() ? QRandomGenerator::system()->generate64() % 1000000000ULL : seedText.toULongLong(&ok);
    if (!ok) {
        fprintf(stderr, "chaos_run: --seed must be a number\n");
        return 2;
    }
    o.steps = qEnvironmentVariable("CLAWTRAY_CHAOS_STEPS", p.value(steps)).toInt(&ok);
    if (!ok || o.steps < 0) {
        fprintf(stderr, "chaos_run: --steps must be a number >= 0\n");
        return 2;
    }
    if (p.isSet(faults)) {
        o.faults = p.value(faults).split(QLatin1Char(','), Qt::SkipEmptyParts);
        for (const QString& f : o.faults)
            if (!chaos::ChaosRunner::faultKinds().contains(f)) {
                fprintf(stderr, "chaos_run: unknown fault kind '%s'\n", qPrintable(f));
                return 2;
            }
    }
    o.verbose = p.isSet(verbose);
    o.keepWorkDir = p.isSet(keep);
    o.fakeGateway = fixture("CLAWTRAY_FAKE_GATEWAY", CHAOS_FAKE_GATEWAY);
    o.portHolder = fixture("CLAWTRAY_PORT_HOLDER", CHAOS_PORT_HOLDER);
    o.leaseDriver = fixture("CLAWTRAY_LEASE_DRIVER", CHAOS_LEASE_DRIVER);
    o.clawtray = fixture("CLAWTRAY_HEADLESS_BIN", CHAOS_HEADLESS_BIN);
    for (QString* path : {&o.fakeGateway, &o.portHolder, &o.leaseDriver}) {
        if (!QFileInfo(*path).isExecutable()) {
            fprintf(stderr, "chaos_run: fixture not found: %s (build fake_gateway, port_holder and lease_driver)\n", qPrintable(*path));
            return 2;
        }
    }
    if (!QFileInfo(o.clawtray).isExecutable()) {
        fprintf(stderr, "chaos_run: the headless clawtray (%s) is not built; \"ClawTray killed\" uses lease_driver only\n",
                qPrintable(o.clawtray.isEmpty() ? QStringLiteral("no target") : o.clawtray));
        o.clawtray.clear();
    }

    printf("chaos_run: seed=%llu steps=%d (replay: chaos_run --seed %llu --steps %d)\n", static_cast<unsigned long long>(o.seed), o.steps,
           static_cast<unsigned long long>(o.seed), o.steps);
    fflush(stdout);
    chaos::ChaosRunner runner(o);
    const int rc = runner.run();
    printf("%s\n", QJsonDocument(runner.summary()).toJson(QJsonDocument::Compact).constData());
    fflush(stdout);
    return rc;
}
