#pragma once

#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <cstdio>

// Writing to the terminal for the command-line verbs (`clawtray ctl`, `clawtray service`).
namespace clawtray::console {

inline void print(FILE* f, const QString& text)
{
    const QByteArray bytes = text.toUtf8() + '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), f);
    std::fflush(f);
}

inline void printJson(const QJsonObject& o, bool compact = false)
{
    print(stdout, QString::fromUtf8(QJsonDocument(o).toJson(compact ? QJsonDocument::Compact : QJsonDocument::Indented))
                      .trimmed());
}

} // namespace clawtray::console
