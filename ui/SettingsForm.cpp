#include "SettingsForm.h"

#include "DisplayText.h"
#include "DurationSpinBox.h"
#include "Tones.h"

#include "settings/SettingsSchema.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <climits>

namespace clawtray {

namespace {

using namespace SettingsKey;

QString key(const char* k)
{
    return QString::fromLatin1(k);
}

// Extra arguments are edited as one line; quotes keep an argument with spaces together.
QString joinArguments(const QStringList& args)
{
    QStringList out;
    for (const QString& a : args)
        out << (a.contains(QLatin1Char(' ')) || a.isEmpty() ? QLatin1Char('"') + a + QLatin1Char('"') : a);
    return out.join(QLatin1Char(' '));
}

bool isPathKey(const QString& k)
{
    return k == key(NodePath) || k == key(OpenClawDir) || k == key(StateDir) || k == key(ConfigPath);
}

bool isDirKey(const QString& k)
{
    return k == key(OpenClawDir) || k == key(StateDir);
}

} // namespace

SettingsForm::SettingsForm(QObject* parent)
    : QObject(parent)
{}

QMap<QString, QWidget*> SettingsForm::buildPages(QWidget* parent)
{
    QMap<QString, QWidget*> pages;
    pages.insert(
        QStringLiteral("runtime"),
        buildPage(parent,
                  {{NodePath, QT_TR_NOOP("Node"), QT_TR_NOOP("Empty: the Node 24 installed by the setup script.")},
                   {OpenClawDir, QT_TR_NOOP("OpenClaw package"), QT_TR_NOOP("The directory holding openclaw.mjs. Empty: auto-detect.")},
                   {Port, QT_TR_NOOP("Port"), QT_TR_NOOP("The gateway listens on 127.0.0.1 at this port.")},
                   {StateDir, QT_TR_NOOP("State directory"), QT_TR_NOOP("Empty: OpenClaw's default.")},
                   {ConfigPath, QT_TR_NOOP("Config file"), QT_TR_NOOP("Empty: OpenClaw's default.")},
                   {ExtraArgs, QT_TR_NOOP("Extra arguments"), QT_TR_NOOP("Passed to `openclaw gateway run`.")},
                   {AllowNetworkExposure, QT_TR_NOOP("Allow listening beyond this computer"),
                    QT_TR_NOOP("Off: loopback only; extra arguments may not use --bind, --tailscale or change authentication.")}},
                  true));
    pages.insert(
        QStringLiteral("advanced"),
        buildPage(parent,
                  {{PingIntervalMs, QT_TR_NOOP("Ping interval"), nullptr},
                   {DeadlineMs, QT_TR_NOOP("Liveness deadline"), QT_TR_NOOP("Silence this long is verified with one call before a restart.")},
                   {ProbeTimeoutMs, QT_TR_NOOP("Probe timeout"), nullptr},
                   {BackoffBaseMs, QT_TR_NOOP("Backoff base"), nullptr},
                   {BackoffCapMs, QT_TR_NOOP("Backoff cap"), nullptr},
                   {BackoffMaxAttempts, QT_TR_NOOP("Reconnect attempts"), nullptr},
                   {BackoffJitter, QT_TR_NOOP("Randomise backoff (jitter)"), nullptr},
                   {GovernorBudget, QT_TR_NOOP("Restart budget"), QT_TR_NOOP("Automatic restarts allowed per window before they pause.")},
                   {GovernorWindowMs, QT_TR_NOOP("Restart window"), nullptr},
                   {SettingsKey::ReloadPolicy, QT_TR_NOOP("Reload policy"),
                    QT_TR_NOOP("hot: apply in the running gateway when possible; restart; off.")},
                   {ReloadDebounceMs, QT_TR_NOOP("Reload debounce"), nullptr},
                   {ForeignGateway, QT_TR_NOOP("Foreign gateway"),
                    QT_TR_NOOP("When another gateway already serves the port: attach to it, take the port over, or fail.")},
                   {StopGraceMs, QT_TR_NOOP("Stop grace period"), nullptr},
                   {AllowAutoDoctor, QT_TR_NOOP("Run `openclaw doctor --fix` by itself on an invalid config"), nullptr}},
                  false));
    pages.insert(QStringLiteral("behaviour"),
                 buildPage(parent,
                           {{LaunchAtLogin, QT_TR_NOOP("Launch ClawTray at login"), QT_TR_NOOP("Starts minimized to the tray.")},
                            {StartMinimized, QT_TR_NOOP("Start minimized to the tray"), nullptr},
                            {StartGatewayOnLaunch, QT_TR_NOOP("Start the gateway when ClawTray starts"), nullptr},
                            {ConfirmQuit, QT_TR_NOOP("Ask before quitting while ClawTray's gateway runs"), nullptr},
                            {Language, QT_TR_NOOP("Language"),
                             QT_TR_NOOP("system: the desktop's language when ClawTray has it (English, 简体中文); takes effect "
                             "when ClawTray starts again.")},
                            {SettingsKey::TrayIcon, QT_TR_NOOP("Tray icon"),
                             QT_TR_NOOP("colour; light: white shapes for a dark panel; dark: black shapes for a light panel.")},
                            {UpdateCheck, QT_TR_NOOP("Check for OpenClaw updates once a day"),
                             QT_TR_NOOP("Asks the npm registry with npm (your .npmrc applies). Off: only when you ask.")},
                            {UpdateChannelKey, QT_TR_NOOP("Update channel"), QT_TR_NOOP("stable; beta: pre-releases too.")},
                            {UpdateAutoWhenIdle, QT_TR_NOOP("Update automatically while the gateway is idle"),
                             QT_TR_NOOP("Installs, checks and switches by itself when no run is active; a failed update "
                             "goes back to the version before.")}},
                           false));
    return pages;
}

QWidget* SettingsForm::buildPage(QWidget* parent, const QVector<Row>& rows, bool withRuntimeStatus)
{
    auto* page = new QWidget(parent);
    auto* form = new QFormLayout(page);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    for (const Row& row : rows) {
        const QString k = key(row.key);
        auto* cell = new QWidget(page);
        auto* v = new QVBoxLayout(cell);
        v->setContentsMargins(0, 0, 0, 0);
        v->setSpacing(2);
        QWidget* editor = createEditor(k, cell);
        // The row's label is not the editor's buddy (the row holds a cell around it): name it here.
        editor->setAccessibleName(tr(row.label));
        if (row.help)
            editor->setAccessibleDescription(tr(row.help));
        v->addWidget(isPathKey(k) ? wrapWithBrowse(editor, k, cell) : editor);
        if (row.help) {
            auto* help = new QLabel(tr(row.help), cell);
            help->setWordWrap(true);
            Tones::paint(help, Tone::Muted);
            v->addWidget(help);
        }
        auto* note = new QLabel(cell);
        note->setObjectName(QStringLiteral("note:") + k);
        note->setWordWrap(true);
        note->setVisible(false);
        v->addWidget(note);
        m_notes.insert(k, note);
        auto* error = new QLabel(cell);
        error->setObjectName(QStringLiteral("error:") + k);
        error->setWordWrap(true);
        Tones::paint(error, Tone::Bad);
        error->setVisible(false);
        v->addWidget(error);
        m_errors.insert(k, error);
        const bool isCheck = qobject_cast<QCheckBox*>(editor) != nullptr;
        form->addRow(isCheck ? QString() : tr(row.label) + QLatin1Char(':'), cell);
        if (isCheck)
            static_cast<QCheckBox*>(editor)->setText(tr(row.label));
        if (withRuntimeStatus && k == key(OpenClawDir)) {
            m_runtimeStatus = new QLabel(page);
            m_runtimeStatus->setWordWrap(true);
            m_runtimeStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
            form->addRow(QString(), m_runtimeStatus);
        }
    }
    return page;
}

QString SettingsForm::choiceLabel(const QString& value)
{
    // Languages by their own names; every other choice is a word the help texts use, translated.
    if (value == QLatin1String("en"))
        return QStringLiteral("English");
    if (value == QLatin1String("zh_CN"))
        return QStringLiteral("简体中文");
    static const char* const words[] = {QT_TR_NOOP("hot"),      QT_TR_NOOP("restart"), QT_TR_NOOP("off"),
                                        QT_TR_NOOP("attach"),   QT_TR_NOOP("takeover"), QT_TR_NOOP("fail"),
                                        QT_TR_NOOP("auto"),     QT_TR_NOOP("keychain"), QT_TR_NOOP("file"),
                                        QT_TR_NOOP("colour"),   QT_TR_NOOP("light"),    QT_TR_NOOP("dark"),
                                        QT_TR_NOOP("system"),   QT_TR_NOOP("stable"),   QT_TR_NOOP("beta")};
    for (const char* w : words)
        if (value == QLatin1String(w))
            return tr(w);
    return value;
}

QWidget* SettingsForm::createEditor(const QString& k, QWidget* parent)
{
    const SettingsField* field = findSettingsField(k);
    Q_ASSERT(field);
    QWidget* editor = nullptr;
    switch (field->type) {
    case SettingsField::Type::String:
    case SettingsField::Type::StringList: {
        auto* line = new QLineEdit(parent);
        connect(line, &QLineEdit::textEdited, this, &SettingsForm::edited);
        if (k == key(NodePath) || k == key(OpenClawDir))
            connect(line, &QLineEdit::editingFinished, this, &SettingsForm::runtimePathEdited);
        editor = line;
        break;
    }
    case SettingsField::Type::Int: {
        // Durations are shown and typed in seconds and minutes; the value stays in milliseconds.
        auto* spin = k.endsWith(QLatin1String("Ms")) ? new DurationSpinBox(parent) : new QSpinBox(parent);
        // Wide ranges on purpose: validate() explains what is wrong with a value, a clamped spin box
        // would silently change it.
        spin->setRange(0, k == key(Port) ? 65535 : INT_MAX);
        spin->setKeyboardTracking(true);
        connect(spin, &QSpinBox::valueChanged, this, &SettingsForm::edited);
        editor = spin;
        break;
    }
    case SettingsField::Type::Bool: {
        auto* check = new QCheckBox(parent);
        connect(check, &QCheckBox::toggled, this, &SettingsForm::edited);
        editor = check;
        break;
    }
    case SettingsField::Type::Choice: {
        auto* combo = new QComboBox(parent);
        for (const QString& choice : field->choices) // shown in the desktop's language, kept as the value
            combo->addItem(choiceLabel(choice), choice);
        connect(combo, &QComboBox::currentIndexChanged, this, &SettingsForm::edited);
        editor = combo;
        break;
    }
    }
    editor->setObjectName(k);
    m_editors.insert(k, editor);
    return editor;
}

QWidget* SettingsForm::wrapWithBrowse(QWidget* editor, const QString& k, QWidget* parent)
{
    auto* row = new QWidget(parent);
    auto* h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    editor->setParent(row);
    h->addWidget(editor, 1);
    auto* browse = new QPushButton(tr("Browse…"), row);
    h->addWidget(browse);
    auto* line = static_cast<QLineEdit*>(editor);
    connect(browse, &QPushButton::clicked, this, [this, line, k, row] {
        const QString start = line->text().isEmpty() ? QDir::homePath() : line->text();
        const QString path = isDirKey(k)
                                 ? QFileDialog::getExistingDirectory(row, tr("Choose a directory"), start)
                                 : QFileDialog::getOpenFileName(row, tr("Choose a file"), start);
        if (path.isEmpty())
            return;
        line->setText(path);
        Q_EMIT edited();
        if (k == key(NodePath) || k == key(OpenClawDir))
            Q_EMIT runtimePathEdited();
    });
    return row;
}

void SettingsForm::load(const SettingsData& data)
{
    for (auto it = m_editors.cbegin(); it != m_editors.cend(); ++it) {
        const SettingsField* field = findSettingsField(it.key());
        const QVariant v = field->get(data);
        QWidget* w = it.value();
        const QSignalBlocker block(w);
        if (auto* line = qobject_cast<QLineEdit*>(w))
            line->setText(field->type == SettingsField::Type::StringList ? joinArguments(v.toStringList())
                                                                         : v.toString());
        else if (auto* spin = qobject_cast<QSpinBox*>(w))
            spin->setValue(v.toInt());
        else if (auto* check = qobject_cast<QCheckBox*>(w))
            check->setChecked(v.toBool());
        else if (auto* combo = qobject_cast<QComboBox*>(w))
            combo->setCurrentIndex(qMax(0, combo->findData(v.toString())));
    }
}

SettingsData SettingsForm::read(const SettingsData& base) const
{
    SettingsData data = base;
    for (auto it = m_editors.cbegin(); it != m_editors.cend(); ++it) {
        const SettingsField* field = findSettingsField(it.key());
        const QWidget* w = it.value();
        QVariant v;
        if (auto* line = qobject_cast<const QLineEdit*>(w)) {
            v = field->type == SettingsField::Type::StringList ? QVariant(QProcess::splitCommand(line->text()))
                                                               : QVariant(line->text().trimmed());
        } else if (auto* spin = qobject_cast<const QSpinBox*>(w)) {
            v = spin->value();
        } else if (auto* check = qobject_cast<const QCheckBox*>(w)) {
            v = check->isChecked();
        } else if (auto* combo = qobject_cast<const QComboBox*>(w)) {
            v = combo->currentData().toString();
        }
        field->set(data, v);
    }
    return data;
}

void SettingsForm::showErrors(const SettingsErrors& errors)
{
    for (auto it = m_errors.cbegin(); it != m_errors.cend(); ++it) {
        const QString message = errors.value(it.key());
        it.value()->setText(message);
        it.value()->setVisible(!message.isEmpty());
    }
}

QString SettingsForm::errorText(const QString& k) const
{
    const QLabel* l = m_errors.value(k);
    return l && !l->isHidden() ? l->text() : QString();
}

void SettingsForm::setNotes(const QMap<QString, UserText>& notes)
{
    for (auto it = m_notes.cbegin(); it != m_notes.cend(); ++it) {
        const QString text = DisplayText::text(notes.value(it.key()));
        it.value()->setText(text);
        it.value()->setVisible(!text.isEmpty());
    }
}

QString SettingsForm::noteText(const QString& k) const
{
    const QLabel* l = m_notes.value(k);
    return l && !l->isHidden() ? l->text() : QString();
}

void SettingsForm::setPlaceholder(const QString& k, const QString& text)
{
    if (auto* line = qobject_cast<QLineEdit*>(m_editors.value(k)))
        line->setPlaceholderText(text);
}

void SettingsForm::setRuntimeStatus(const QString& text, bool ok)
{
    if (!m_runtimeStatus)
        return;
    m_runtimeStatus->setText(text);
    Tones::paint(m_runtimeStatus, ok ? Tone::Good : Tone::Bad);
}

QString SettingsForm::runtimeStatus() const
{
    return m_runtimeStatus ? m_runtimeStatus->text() : QString();
}

} // namespace clawtray
