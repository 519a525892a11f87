#pragma once

#include <QSpinBox>

namespace clawtray {

// A duration setting as a person reads it: "180 s", "10 min", "0.25 s" — while value() stays in
// milliseconds, the unit the settings keep. Typing accepts "90", "90 s", "1.5 s", "2 min", "1 h" or
// "500 ms" (a bare number is seconds); the arrows step by one second.
class DurationSpinBox final : public QSpinBox
{
    Q_OBJECT
public:
    explicit DurationSpinBox(QWidget* parent = nullptr);

    // Milliseconds for `text`, or -1 when it is not a duration.
    static qint64 parse(const QString& text);
    static QString format(qint64 ms);

protected:
    QString textFromValue(int value) const override;
    int valueFromText(const QString& text) const override;
    QValidator::State validate(QString& text, int& pos) const override;
};

} // namespace clawtray
