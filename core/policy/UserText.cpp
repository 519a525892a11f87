#include "policy/UserText.h"

#include <QStringList>

namespace clawtray {

namespace {

QString fill(const QString& pattern, const QString& a, const QString& b = QString())
{
    // One pass: an argument that itself contains "%2" is not substituted again.
    return b.isNull() ? pattern.arg(a) : pattern.arg(a, b);
}

QString num(qint64 n)
{
    return QString::number(n);
}

// "%1 min %2 s" and the like, for whole seconds (s >= 0), days included.
QString wholeSeconds(qint64 s, const DurationWords& w)
{
    if (s < 60)
        return fill(w.seconds, num(s));
    if (s < 3600)
        return s % 60 ? fill(w.minutesSeconds, num(s / 60), num(s % 60)) : fill(w.minutes, num(s / 60));
    if (s < 86400) {
        const qint64 minutes = (s % 3600) / 60;
        return minutes ? fill(w.hoursMinutes, num(s / 3600), num(minutes)) : fill(w.hours, num(s / 3600));
    }
    const qint64 hours = (s % 86400) / 3600;
    return hours ? fill(w.daysHours, num(s / 86400), num(hours)) : fill(w.days, num(s / 86400));
}

} // namespace

QString durationText(qint64 ms, DurationStyle style, const DurationWords& words)
{
    ms = qMax<qint64>(0, ms);
    switch (style) {
    case DurationStyle::Span:
        return wholeSeconds(ms / 1000, words);
    case DurationStyle::Elapsed:
        if (ms < 10000)
            return fill(words.seconds, QString::number(double(ms) / 1000.0, 'f', 1));
        return wholeSeconds(ms / 1000, words);
    case DurationStyle::Wait: {
        const qint64 s = (ms + 999) / 1000;
        if (s < 3600)
            return wholeSeconds(s, words);
        // Beyond an hour a wait is said in whole minutes, rounded up as well.
        return wholeSeconds(((s + 59) / 60) * 60, words);
    }
    }
    return QString();
}

UserText::UserText(const char* source)
{
    Part p;
    p.source = QByteArray(source);
    m_parts.push_back(std::move(p));
}

UserText UserText::verbatim(const QString& text)
{
    UserText t;
    Part p;
    Arg a;
    a.text = text;
    p.args.push_back(std::move(a));
    t.m_parts.push_back(std::move(p));
    return t;
}

UserText& UserText::arg(const QString& text)
{
    Q_ASSERT(!m_parts.empty());
    Arg a;
    a.text = text;
    m_parts.back().args.push_back(std::move(a));
    return *this;
}

UserText& UserText::arg(qint64 number)
{
    return arg(QString::number(number));
}

UserText& UserText::arg(const UserText& nested)
{
    Q_ASSERT(!m_parts.empty());
    Arg a;
    a.type = Arg::Type::Nested;
    a.nested.push_back(nested);
    m_parts.back().args.push_back(std::move(a));
    return *this;
}

UserText& UserText::duration(qint64 ms, DurationStyle style)
{
    Q_ASSERT(!m_parts.empty());
    Arg a;
    a.type = Arg::Type::Duration;
    a.ms = ms;
    a.style = style;
    m_parts.back().args.push_back(std::move(a));
    return *this;
}

UserText UserText::mapped(const std::function<QString(const QString&)>& fn) const
{
    UserText out = *this;
    for (Part& p : out.m_parts) {
        for (Arg& a : p.args) {
            if (a.type == Arg::Type::Text)
                a.text = fn(a.text);
            else if (a.type == Arg::Type::Nested)
                a.nested.front() = a.nested.front().mapped(fn);
        }
    }
    return out;
}

UserText UserText::then(const UserText& next) const
{
    if (isEmpty())
        return next;
    UserText out = *this;
    for (const Part& p : next.m_parts)
        out.m_parts.push_back(p);
    return out;
}

bool UserText::isEmpty() const
{
    for (const Part& p : m_parts) {
        if (!p.source.isEmpty())
            return false;
        for (const Arg& a : p.args)
            if (a.type != Arg::Type::Text || !a.text.isEmpty())
                return false;
    }
    return true;
}

bool UserText::is(const char* source) const
{
    return !m_parts.empty() && m_parts.front().source == QByteArray(source);
}

QString UserText::english() const
{
    return render([](const char* s) { return QString::fromUtf8(s); }, DurationWords());
}

QString UserText::render(const std::function<QString(const char*)>& translate, const DurationWords& words) const
{
    QStringList sentences;
    for (const Part& p : m_parts) {
        QStringList args;
        for (const Arg& a : p.args) {
            switch (a.type) {
            case Arg::Type::Text:
                args << a.text;
                break;
            case Arg::Type::Duration:
                args << durationText(a.ms, a.style, words);
                break;
            case Arg::Type::Nested:
                args << a.nested.front().render(translate, words);
                break;
            }
        }
        if (p.source.isEmpty()) {
            sentences << args.value(0);
            continue;
        }
        // %1…%9 replaced in one pass, so an argument holding "%2" stays as it is.
        const QString pattern = translate(p.source.constData());
        QString out;
        out.reserve(pattern.size() + 32);
        for (int i = 0; i < pattern.size(); ++i) {
            const QChar c = pattern.at(i);
            if (c == QLatin1Char('%') && i + 1 < pattern.size() && pattern.at(i + 1) >= QLatin1Char('1')
                && pattern.at(i + 1) <= QLatin1Char('9')) {
                const int n = pattern.at(i + 1).digitValue();
                if (n <= args.size()) {
                    out += args.at(n - 1);
                    ++i;
                    continue;
                }
            }
            out += c;
        }
        sentences << out;
    }
    sentences.removeAll(QString());
    return sentences.join(QLatin1Char(' '));
}

} // namespace clawtray
