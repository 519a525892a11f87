#include "LogView.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QTimer>
#include <QVBoxLayout>

namespace clawtray {

LogView::LogView(LogRing* ring, QWidget* parent)
    : QWidget(parent)
    , m_ring(ring)
    , m_capacity(ring->capacity())
{
    auto* layout = new QVBoxLayout(this);
    auto* bar = new QHBoxLayout;
    m_level = new QComboBox(this);
    for (LogLevel l : {LogLevel::Trace, LogLevel::Debug, LogLevel::Info, LogLevel::Warn, LogLevel::Error})
        m_level->addItem(logLevelName(l), int(l));
    m_level->setCurrentIndex(m_level->findData(int(m_filter.minLevel)));
    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Search the log"));
    m_search->setAccessibleName(tr("Search the log"));
    m_search->setClearButtonEnabled(true);
    m_follow = new QCheckBox(tr("Follow"), this);
    m_follow->setChecked(true);
    m_follow->setToolTip(tr("Keep the newest line in view"));
    m_wrap = new QCheckBox(tr("Wrap"), this);
    m_wrap->setToolTip(tr("Wrap long lines instead of scrolling sideways"));
    m_copy = new QPushButton(tr("Copy"), this);
    bar->addWidget(new QLabel(tr("Level:"), this));
    bar->addWidget(m_level);
    bar->addWidget(m_search, 1);
    bar->addWidget(m_follow);
    bar->addWidget(m_wrap);
    bar->addWidget(m_copy);
    layout->addLayout(bar);

    m_text = new QPlainTextEdit(this);
    m_text->setAccessibleName(tr("Gateway and ClawTray log"));
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setMaximumBlockCount(int(m_capacity));
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    m_text->setFont(mono);
    layout->addWidget(m_text, 1);

    connect(m_level, &QComboBox::currentIndexChanged, this, &LogView::onFilterEdited);
    connect(m_search, &QLineEdit::textChanged, this, &LogView::onFilterEdited);
    connect(m_follow, &QCheckBox::toggled, this, &LogView::scrollToEndIfFollowing);
    connect(m_wrap, &QCheckBox::toggled, this, [this](bool wrap) {
        m_text->setLineWrapMode(wrap ? QPlainTextEdit::WidgetWidth : QPlainTextEdit::NoWrap);
        scrollToEndIfFollowing();
    });
    connect(m_copy, &QPushButton::clicked, this, &LogView::copyToClipboard);
    connect(m_ring, &LogRing::lineAdded, this, &LogView::onLineAdded);

    for (const LogLine& l : m_ring->lines())
        m_lines.push_back(l);
    rebuild();
}

void LogView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    scrollToEndIfFollowing();
    // The text's own layout finishes in the next turn of the event loop: look again then.
    QTimer::singleShot(0, this, &LogView::scrollToEndIfFollowing);
}

void LogView::setMinLevel(LogLevel level)
{
    m_level->setCurrentIndex(m_level->findData(int(level)));
}

void LogView::setSearchText(const QString& text)
{
    m_search->setText(text);
}

void LogView::setFollowTail(bool follow)
{
    m_follow->setChecked(follow);
}

bool LogView::followTail() const
{
    return m_follow->isChecked();
}

void LogView::onFilterEdited()
{
    m_filter.minLevel = LogLevel(m_level->currentData().toInt());
    m_filter.text = m_search->text();
    rebuild();
}

void LogView::onLineAdded(const LogLine& line)
{
    // The ring may have delivered this line already in the initial snapshot.
    if (!m_lines.empty() && line.seq <= m_lines.back().seq)
        return;
    m_lines.push_back(line);
    while (m_lines.size() > m_capacity)
        m_lines.pop_front();
    updatePlaceholder();
    if (!m_filter.matches(line))
        return;
    QScrollBar* bar = m_text->verticalScrollBar();
    const int keep = bar->value();
    m_text->appendPlainText(LogFilter::format(line));
    if (m_follow->isChecked())
        bar->setValue(bar->maximum());
    else
        bar->setValue(keep);
}

void LogView::rebuild()
{
    QStringList shown;
    for (const LogLine& l : m_lines) {
        if (m_filter.matches(l))
            shown << LogFilter::format(l);
    }
    m_text->setPlainText(shown.join(QLatin1Char('\n')));
    updatePlaceholder();
    scrollToEndIfFollowing();
}

void LogView::updatePlaceholder()
{
    // An empty view says why: nothing logged yet, or the filter hides every line.
    m_text->setPlaceholderText(m_lines.empty() ? tr("No log lines yet.")
                                               : tr("No line matches the level and the search (%1 hidden).").arg(m_lines.size()));
}

void LogView::scrollToEndIfFollowing()
{
    if (m_follow->isChecked())
        m_text->verticalScrollBar()->setValue(m_text->verticalScrollBar()->maximum());
}

QStringList LogView::visibleLines() const
{
    const QString all = m_text->toPlainText();
    return all.isEmpty() ? QStringList() : all.split(QLatin1Char('\n'));
}

void LogView::copyToClipboard() const
{
    QString selected = m_text->textCursor().selectedText();
    selected.replace(QChar::ParagraphSeparator, QLatin1Char('\n'));
    const QString text = selected.isEmpty() ? m_text->toPlainText() : selected;
    QApplication::clipboard()->setText(text);
}

} // namespace clawtray
