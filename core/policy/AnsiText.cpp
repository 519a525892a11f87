#include "policy/AnsiText.h"

#include <QRegularExpression>

namespace clawtray {

QString stripAnsi(const QString& text)
{
    static const QRegularExpression ansi(
        QStringLiteral("\\x1B(?:\\[[0-?]*[ -/]*[@-~]|\\][^\\x07\\x1B]*(?:\\x07|\\x1B\\\\)|[@-Z\\\\-_])"));
    if (!text.contains(QChar(0x1B)))
        return text;
    QString out = text;
    out.remove(ansi);
    return out;
}

} // namespace clawtray
