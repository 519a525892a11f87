// `clawtray`: the headless supervisor and the command-line control (`clawtray ctl ...`). This
// binary links only the core (no QtGui/QtWidgets); the desktop app is `clawtray-desktop`, which
// `clawtray` hands over to (exec, same pid) when a display is available and --headless is absent.
#include "CommandLine.h"
#include "CtlCommand.h"
#include "ServiceCommand.h"
#include "HeadlessApp.h"
#include "process/OwnExecutable.h"

#include <QByteArray>
#include <QStringList>

#include <csignal>
#include <cstdlib>
#include <cstring>
#include <string>
#include <unistd.h>


namespace {

std::string siblingBinary(const char* name)
{
    const std::string dir = clawtray::ownExecutableDir();
    return dir.empty() ? std::string() : dir + name;
}

bool hasDisplay()
{
    const char* x = std::getenv("DISPLAY");
    const char* w = std::getenv("WAYLAND_DISPLAY");
    return (x && *x) || (w && *w);
}

} // namespace

int main(int argc, char** argv)
{
    // `clawtray --headless | head -2`: a closed stdout/stderr must fail a write, not kill the
    // supervisor (and with it, through PDEATHSIG, the gateway it would otherwise stop gracefully).
    ::signal(SIGPIPE, SIG_IGN);
    if (argc >= 2 && std::strcmp(argv[1], "ctl") == 0)
        return clawtray::runCtl(argc, argv);
    if (argc >= 2 && std::strcmp(argv[1], "service") == 0)
        return clawtray::runService(argc, argv);
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    const auto parsed = clawtray::parseCommandLine(args, QStringLiteral("ClawTray supervises a local OpenClaw gateway."));
    if (parsed.exitCode)
        return *parsed.exitCode;
    if (!parsed.options.headless && hasDisplay()) {
        const std::string desktop = siblingBinary("clawtray-desktop");
        if (!desktop.empty() && ::access(desktop.c_str(), X_OK) == 0) {
            ::execv(desktop.c_str(), argv);
            perror("clawtray: cannot start clawtray-desktop");
        }
        fprintf(stderr, "clawtray: the desktop app is not installed; running headless\n");
    }
    return clawtray::runHeadless(argc, argv, parsed.options);
}
