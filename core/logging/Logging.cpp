#include "logging/Logging.h"

#include "logging/Redactor.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QtGlobal>

#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <spdlog/details/periodic_worker.h>

#include <chrono>
#include <map>
#include <mutex>

namespace clawtray {
namespace {

spdlog::level::level_enum toSpd(LogLevel l)
{
    switch (l) {
    case LogLevel::Trace: return spdlog::level::trace;
    case LogLevel::Debug: return spdlog::level::debug;
    case LogLevel::Info: return spdlog::level::info;
    case LogLevel::Warn: return spdlog::level::warn;
    case LogLevel::Error: return spdlog::level::err;
    case LogLevel::Critical: return spdlog::level::critical;
    }
    return spdlog::level::info;
}

LogLevel fromSpd(spdlog::level::level_enum l)
{
    switch (l) {
    case spdlog::level::trace: return LogLevel::Trace;
    case spdlog::level::debug: return LogLevel::Debug;
    case spdlog::level::info: return LogLevel::Info;
    case spdlog::level::warn: return LogLevel::Warn;
    case spdlog::level::err: return LogLevel::Error;
    case spdlog::level::critical: return LogLevel::Critical;
    default: return LogLevel::Info;
    }
}

// Feeds the in-memory ring.
class RingSink final : public spdlog::sinks::base_sink<std::mutex>
{
public:
    explicit RingSink(LogRing* ring) : m_ring(ring) {}

protected:
    void sink_it_(const spdlog::details::log_msg& msg) override
    {
        const qint64 ms = std::chrono::duration_cast<std::chrono::milliseconds>(msg.time.time_since_epoch()).count();
        m_ring->append(fromSpd(msg.level),
                       QString::fromUtf8(msg.logger_name.data(), int(msg.logger_name.size())),
                       QString::fromUtf8(msg.payload.data(), int(msg.payload.size())), ms);
    }
    void flush_() override {}

private:
    LogRing* m_ring;
};

// The single entry point of every logger: redacts the payload, then hands the message to the
// real sinks. Because every sink sits behind it, no sink can ever see an unredacted secret.
class RedactingSink final : public spdlog::sinks::base_sink<std::mutex>
{
public:
    void setSinks(std::vector<spdlog::sink_ptr> sinks)
    {
        std::lock_guard<std::mutex> lock(mutex_);
        m_sinks = std::move(sinks);
    }

protected:
    void sink_it_(const spdlog::details::log_msg& msg) override
    {
        const std::string clean = Redactor::instance().redact(std::string(msg.payload.data(), msg.payload.size()));
        spdlog::details::log_msg copy(msg.time, msg.source, msg.logger_name, msg.level,
                                      spdlog::string_view_t(clean.data(), clean.size()));
        copy.thread_id = msg.thread_id;
        for (auto& s : m_sinks)
            if (s->should_log(copy.level))
                s->log(copy);
    }
    void flush_() override
    {
        for (auto& s : m_sinks)
            s->flush();
    }

private:
    std::vector<spdlog::sink_ptr> m_sinks;
};

struct State
{
    std::mutex mutex;
    std::unique_ptr<LogRing> ring = std::make_unique<LogRing>(2000);
    std::shared_ptr<RedactingSink> root = std::make_shared<RedactingSink>();
    std::map<QString, std::shared_ptr<spdlog::logger>> loggers;
    LogLevel level = LogLevel::Info;
    QString filePath;
    bool qtBridged = false;
};

State& state()
{
    static State s;
    return s;
}

void qtMessageHandler(QtMsgType type, const QMessageLogContext& ctx, const QString& msg)
{
    LogLevel l = LogLevel::Info;
    switch (type) {
    case QtDebugMsg: l = LogLevel::Debug; break;
    case QtInfoMsg: l = LogLevel::Info; break;
    case QtWarningMsg: l = LogLevel::Warn; break;
    case QtCriticalMsg: l = LogLevel::Error; break;
    case QtFatalMsg: l = LogLevel::Critical; break;
    }
    QString source = QStringLiteral("qt");
    if (ctx.category && qstrcmp(ctx.category, "default") != 0)
        source = QString::fromLatin1(ctx.category);
    logging::log(l, source, msg);
    if (type == QtFatalMsg) {
        logging::logger()->flush();
        abort();
    }
}

} // namespace

namespace logging {

void init(const LoggingOptions& options)
{
    State& s = state();
    std::lock_guard<std::mutex> lock(s.mutex);
    // The ring is never replaced: the UI and the control channel hold references to it.
    s.ring->setCapacity(options.ringCapacity);

    std::vector<spdlog::sink_ptr> sinks;
    auto ringSink = std::make_shared<RingSink>(s.ring.get());
    ringSink->set_pattern("%v");
    sinks.push_back(ringSink);

    if (options.toStderr) {
        auto err = std::make_shared<spdlog::sinks::stderr_sink_mt>();
        err->set_pattern("%Y-%m-%d %H:%M:%S.%e %^%-5l%$ [%n] %v");
        sinks.push_back(err);
    }
    s.filePath.clear();
    if (!options.logDir.isEmpty()) {
        QDir().mkpath(options.logDir);
        QFile::setPermissions(options.logDir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        const QString path = QDir(options.logDir).filePath(options.fileName);
        try {
            auto file = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
                path.toStdString(), options.maxFileBytes, options.maxFiles);
            file->set_pattern("%Y-%m-%d %H:%M:%S.%e %-5l [%n] %v");
            sinks.push_back(file);
            s.filePath = path;
        } catch (const spdlog::spdlog_ex& e) {
            // Logging must never take the app down; stderr and the ring still work.
            fprintf(stderr, "clawtray: cannot open log file %s: %s\n", qPrintable(path), e.what());
        }
    }
    s.root->setSinks(std::move(sinks));
    s.level = options.level;
    // Every line that is logged is flushed at once (a reader of the file or of `| head` sees it,
    // and nothing is lost to a crash). A periodic flush thread would instead wake the process
    // every second for nothing on an idle supervisor.
    for (auto& [name, lg] : s.loggers) {
        lg->set_level(toSpd(s.level));
        lg->flush_on(toSpd(s.level));
    }
    if (options.bridgeQtMessages && !s.qtBridged) {
        qInstallMessageHandler(qtMessageHandler);
        s.qtBridged = true;
    }
}

void shutdown()
{
    State& s = state();
    std::lock_guard<std::mutex> lock(s.mutex);
    for (auto& [name, lg] : s.loggers)
        lg->flush();
    if (s.qtBridged) {
        qInstallMessageHandler(nullptr);
        s.qtBridged = false;
    }
    s.root->setSinks({});
    s.filePath.clear();
}

void setLevel(LogLevel level)
{
    State& s = state();
    std::lock_guard<std::mutex> lock(s.mutex);
    s.level = level;
    for (auto& [name, lg] : s.loggers)
        lg->set_level(toSpd(level));
}

LogLevel level()
{
    State& s = state();
    std::lock_guard<std::mutex> lock(s.mutex);
    return s.level;
}

QString logFilePath()
{
    State& s = state();
    std::lock_guard<std::mutex> lock(s.mutex);
    return s.filePath;
}

LogRing& ring()
{
    return *state().ring;
}

std::shared_ptr<spdlog::logger> logger(const QString& name)
{
    State& s = state();
    std::lock_guard<std::mutex> lock(s.mutex);
    auto it = s.loggers.find(name);
    if (it != s.loggers.end())
        return it->second;
    auto lg = std::make_shared<spdlog::logger>(name.toStdString(), s.root);
    lg->set_level(toSpd(s.level));
    lg->flush_on(toSpd(s.level));
    s.loggers.emplace(name, lg);
    return lg;
}

void log(LogLevel level, const QString& source, const QString& text)
{
    auto lg = logger(source);
    if (!lg->should_log(toSpd(level)))
        return;
    const QByteArray utf8 = text.toUtf8();
    lg->log(toSpd(level), spdlog::string_view_t(utf8.constData(), size_t(utf8.size())));
}

void flush()
{
    State& s = state();
    std::lock_guard<std::mutex> lock(s.mutex);
    s.root->flush();
}

} // namespace logging
} // namespace clawtray
