// `clawtray-desktop`: the tray, the main window and the settings on top of the same core as the
// headless `clawtray`, which hands over to this binary when a display is available.
#include "CommandLine.h"
#include "DesktopApp.h"

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
    char buf[4096];
    const ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n > 0) {
        buf[n] = '\0';
        std::string path(buf);
        path = path.substr(0, path.rfind('/') + 1) + "clawtray";
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
