#include "DurationSpinBox.h"

#include <QLocale>
#include <QRegularExpression>

#include <climits>

namespace clawtray {

DurationSpinBox::DurationSpinBox(QWidget* parent)
    : QSpinBox(parent)
{
    setRange(0, INT_MAX);
    setSingleStep(1000);
}

QString DurationSpinBox::format(qint64 ms)
{
    if (ms >= 120000 && ms % 60000 == 0)
        return tr("%1 min").arg(ms / 60000);
    if (ms % 1000 == 0)
        return tr("%1 s").arg(ms / 1000);
    // Below a second or not whole: up to three decimals, no trailing zeros ("0.25 s").
    return tr("%1 s").arg(
        QLocale::c().toString(double(ms) / 1000.0, 'f', 3).remove(QRegularExpression(QStringLiteral("\\.?0+$"))));
}

qint64 DurationSpinBox::parse(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("^\\s*(\\d+(?:[.,]\\d+)?)\\s*([^\\d\\s.,]*)\\s*$"));
    const QRegularExpressionMatch m = re.match(text);
    if (!m.hasMatch())
        return -1;
    bool ok = false;
    const double n = QString(m.captured(1)).replace(QLatin1Char(','), QLatin1Char('.')).toDouble(&ok);
    if (!ok)
        return -1;
    const QString unit = m.captured(2).toLower();
    double factor = -1;
    if (unit.isEmpty() || unit == QLatin1String("s") || unit == QLatin1String("sec") || unit == tr("s"))
        factor = 1000;
    else if (unit == QLatin1String("ms") || unit == tr("ms"))
        factor = 1;
    else if (unit == QLatin1String("min") || unit == QLatin1String("m") || unit == tr("min"))
        factor = 60000;
    else if (unit == QLatin1String("h") || unit == tr("h"))
        factor = 3600000;
    if (factor < 0)
        return -1;
    const double ms = n * factor;
    return ms > double(INT_MAX) ? -1 : qint64(ms + 0.5);
}

QString DurationSpinBox::textFromValue(int value) const
{
    return format(value);
}

int DurationSpinBox::valueFromText(const QString& text) const
{
    const qint64 ms = parse(text);
    return ms < 0 ? value() : int(ms);
}

QValidator::State DurationSpinBox::validate(QString& text, int& pos) const
{
    Q_UNUSED(pos);
    if (parse(text) >= 0)
        return QValidator::Acceptable;
    // Half-typed ("1.", "2 mi"): let the user go on typing.
    static const QRegularExpression partial(QStringLiteral("^\\s*\\d*(?:[.,]\\d*)?\\s*\\S*$"));
    return partial.match(text).hasMatch() ? QValidator::Intermediate : QValidator::Invalid;
}

} // namespace clawtray
