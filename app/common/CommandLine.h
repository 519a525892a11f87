#pragma once

#include "AppContext.h"

#include <QStringList>

namespace clawtray {

// Parses the options every mode shares (QCommandLineParser). On --help/--version or a usage error
// it prints and returns an exit code in `exitCode`; otherwise `exitCode` stays empty.
struct ParsedCommandLine
{
    AppOptions options;
    std::optional<int> exitCode;
};

ParsedCommandLine parseCommandLine(const QStringList& arguments, const QString& description);

} // namespace clawtray
