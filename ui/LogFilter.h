#pragma once

#include "logging/LogRing.h"

#include <QString>

namespace clawtray {

// Which log lines the log view shows: a minimum level and a case-insensitive text search over the
// source and the message. Pure.
struct LogFilter
{
    LogLevel minLevel = LogLevel::Info;
    QString text;

    bool matches(const LogLine& line) const;
    // "12:34:56.789 warn  [gateway] message"
    static QString format(const LogLine& line);
};

} // namespace clawtray
