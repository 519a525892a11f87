#pragma once

#include "supervisor/Diagnostics.h"

#include <QTableWidget>

namespace clawtray {

// The last restarts, newest first: when, why, who asked, how, and how it ended.
class RestartHistoryTable final : public QTableWidget
{
    Q_OBJECT
public:
    explicit RestartHistoryTable(QWidget* parent = nullptr);

    void render(const QVector<RestartRecord>& records);
    // What an empty table says in its middle (muted); empty: nothing.
    QString placeholderText() const { return m_placeholder; }
    void setPlaceholderText(const QString& text);

protected:
    void paintEvent(QPaintEvent* event) override;

    // A fixed word of the history in the desktop's language (other text as it is).
    static QString word(const QString& text);

private:
    QString m_placeholder = tr("No restarts yet. Each restart is listed here: when, why, who asked "
                               "for it and how it ended.");
};

} // namespace clawtray
