#pragma once

#include "LogFilter.h"

#include <QWidget>

#include <deque>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace clawtray {

// The live log: ClawTray's and the gateway's lines from the in-memory log ring (already
// redacted), with a level filter, a text search, "follow tail" and copy.
class LogView final : public QWidget
{
    Q_OBJECT
public:
    explicit LogView(LogRing* ring, QWidget* parent = nullptr);

    void setMinLevel(LogLevel level);
    void setSearchText(const QString& text);
    void setFollowTail(bool follow);
    bool followTail() const;
    LogFilter filter() const { return m_filter; }

    QStringList visibleLines() const; // what the view shows now, oldest first
    void copyToClipboard() const;     // the selection, or every visible line

    QComboBox* levelBox() const { return m_level; }
    QLineEdit* searchBox() const { return m_search; }
    QPlainTextEdit* textView() const { return m_text; }
    QCheckBox* wrapBox() const { return m_wrap; }

protected:
    // Opened with Follow on, it shows the newest lines: the end is only known once it is laid out.
    void showEvent(QShowEvent* event) override;

private:
    void onLineAdded(const LogLine& line);
    void onFilterEdited();
    void rebuild();
    void scrollToEndIfFollowing();
    void updatePlaceholder();

    LogRing* m_ring;
    std::size_t m_capacity;
    std::deque<LogLine> m_lines; // everything received, filtered or not
    LogFilter m_filter;
    QComboBox* m_level = nullptr;
    QLineEdit* m_search = nullptr;
    QCheckBox* m_follow = nullptr;
    QCheckBox* m_wrap = nullptr;
    QPushButton* m_copy = nullptr;
    QPlainTextEdit* m_text = nullptr;
};

} // namespace clawtray
