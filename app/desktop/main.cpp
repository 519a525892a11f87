// `clawtray-desktop`: the tray, the main window and the settings on top of the same core as the
// headless `clawtray`, which hands over to this binary when a display is available.
#include "CommandLine.h"
#include "DesktopApp.h"
#include "process/OwnExecutable.h"

#include <QApplication>

#include <csignal>
#include <cstdlib>
#include <cstring>
#include <string>
#include <unistd.h>

namespace {

bool hasDisplay()
{
    for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}) {
        const char* v = std::getenv(name);
        if (v && *v)
            return true;
    }
    return false;
}

// `clawtray-desktop --headless` is `clawtray --headless`: the core without QtGui/QtWidgets.
int execHeadless(char** argv)
{
    const std::string dir = clawtray::ownExecutableDir();
    if (!dir.empty()) {
        const std::string path = dir + "clawtray";
        ::execv(path.c_str(), argv);
    }
    perror("clawtray-desktop: cannot start clawtray --headless");
    return 1;
}

} // namespace

int main(int argc, char** argv)
{
    ::signal(SIGPIPE, SIG_IGN); // a closed stdout must not kill the supervisor (see app/main.cpp)
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    const auto parsed =
        clawtray::parseCommandLine(args, QStringLiteral("ClawTray: a tray supervisor for a local OpenClaw gateway."));
    if (parsed.exitCode)
        return *parsed.exitCode;
    if (parsed.options.headless)
        return execHeadless(argv);
    if (!hasDisplay()) {
        fprintf(stderr, "clawtray-desktop: no display (DISPLAY / WAYLAND_DISPLAY unset); use `clawtray --headless`\n");
        return 2;
    }
    QApplication app(argc, argv);
    clawtray::DesktopApp desktop(parsed.options);
    return desktop.run();
}
