#pragma once

#include <QString>
#include <QtGlobal>

#include <functional>
#include <vector>

namespace clawtray {

// How a duration is said.
enum class DurationStyle {
    Span,    // a time span, whole seconds rounded down: "5 s", "1 min 34 s", "2 h 5 min", "3 d 4 h"
    Wait,    // a wait still to come, rounded *up* so "in 0 s" never hides a real wait: "1 s", "1 h"
    Elapsed, // how long something took: tenths below 10 s ("0.4 s"), then as Span; never made longer
};

// The words a duration is said with. English unless the desktop passes its translated words.
struct DurationWords
{
    QString seconds = QStringLiteral("%1 s");
    QString minutes = QStringLiteral("%1 min");
    QString minutesSeconds = QStringLiteral("%1 min %2 s");
    QString hours = QStringLiteral("%1 h");
    QString hoursMinutes = QStringLiteral("%1 h %2 min");
    QString days = QStringLiteral("%1 d");
    QString daysHours = QStringLiteral("%1 d %2 h");
};

// The one duration formatter of ClawTray (core's English, the desktop's translated words).
QString durationText(qint64 ms, DurationStyle style, const DurationWords& words = DurationWords());

// A sentence for a person, kept as what it is made of: an English source text (a string literal
// marked with QT_TRANSLATE_NOOP("UserText", …), which is also the key the desktop translates it by)
// and its arguments (plain words, numbers, durations or nested sentences). Logs, `ctl` and exports
// use english(); the desktop renders it in its language (ui/DisplayText). Words that are not ours —
// the gateway's own reason, a path, a command — go in as verbatim text and are never translated.
// See docs/ARCHITECTURE.md, "How errors travel".
class UserText
{
public:
    UserText() = default;
    explicit UserText(const char* source);
    static UserText verbatim(const QString& text);

    UserText& arg(const QString& text);
    UserText& arg(qint64 number);
    UserText& arg(const UserText& nested);
    UserText& duration(qint64 ms, DurationStyle style = DurationStyle::Span);

    // The same sentence with `fn` applied to every argument given as text (verbatim words too):
    // the Redactor runs over what is not ours before it is shown or logged.
    UserText mapped(const std::function<QString(const QString&)>& fn) const;

    // This sentence followed by another, separated by a space.
    UserText then(const UserText& next) const;

    bool isEmpty() const;
    // True when this is (or begins with) the sentence with this source text.
    bool is(const char* source) const;

    QString english() const;
    // Renders with `translate` applied to every source text and `words` to every duration.
    QString render(const std::function<QString(const char*)>& translate, const DurationWords& words) const;

    bool operator==(const UserText& other) const { return english() == other.english(); }
    bool operator!=(const UserText& other) const { return !(*this == other); }

private:
    struct Arg
    {
        enum class Type { Text, Duration, Nested } type = Type::Text;
        QString text;
        qint64 ms = 0;
        DurationStyle style = DurationStyle::Span;
        std::vector<UserText> nested; // one element for Type::Nested
    };
    struct Part
    {
        QByteArray source; // empty: verbatim (the text is args[0])
        std::vector<Arg> args;
    };
    std::vector<Part> m_parts;
};

} // namespace clawtray
