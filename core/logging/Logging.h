#pragma once

#include "logging/LogRing.h"

#include <QString>

#include <memory>

namespace spdlog { class logger; }

namespace clawtray {

struct LoggingOptions
{
    QString logDir;                    // empty: no file sink
    QString fileName = QStringLiteral("clawtray.log");
    LogLevel level = LogLevel::Info;
    bool toStderr = true;
    std::size_t ringCapacity = 2000;
    std::size_t maxFileBytes = 5 * 1024 * 1024;
    std::size_t maxFiles = 3;
    bool bridgeQtMessages = true;
};

// Process-wide logging: spdlog with a rotating file, stderr and an in-memory ring, every sink
// behind one redaction step so a secret never reaches any of them. Safe to call init() again
// (tests do) — it replaces the previous configuration.
namespace logging {

void init(const LoggingOptions& options);
void shutdown();
void setLevel(LogLevel level);
LogLevel level();
QString logFilePath();           // empty when there is no file sink
LogRing& ring();                 // always valid (a default ring exists before init)
std::shared_ptr<spdlog::logger> logger(const QString& name = QStringLiteral("clawtray"));

void log(LogLevel level, const QString& source, const QString& text);
void flush();                    // every logger's sinks (the file sink buffers below warn level)

} // namespace logging

// Short helpers used across core/.
inline void logTrace(const QString& t) { logging::log(LogLevel::Trace, QStringLiteral("clawtray"), t); }
inline void logDebug(const QString& t) { logging::log(LogLevel::Debug, QStringLiteral("clawtray"), t); }
inline void logInfo(const QString& t) { logging::log(LogLevel::Info, QStringLiteral("clawtray"), t); }
inline void logWarn(const QString& t) { logging::log(LogLevel::Warn, QStringLiteral("clawtray"), t); }
inline void logError(const QString& t) { logging::log(LogLevel::Error, QStringLiteral("clawtray"), t); }

} // namespace clawtray
