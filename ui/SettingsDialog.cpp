#include "SettingsDialog.h"

#include "DisplayText.h"
#include "Tones.h"

#include "SettingsController.h"
#include "SettingsForm.h"
#include "StatusVisual.h"
#include "TokenPanel.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QTabWidget>
#include <QThread>
#include <QVBoxLayout>

namespace clawtray {

namespace {
const QStringList kPages{QStringLiteral("runtime"), QStringLiteral("token"), QStringLiteral("advanced"),
                         QStringLiteral("behaviour")};
}

SettingsDialog::SettingsDialog(SettingsController* controller, QWidget* parent)
    : QDialog(parent)
    , m_controller(controller)
{
    setWindowTitle(tr("ClawTray settings"));
    setWindowIcon(StatusVisual::appIcon());
    auto* layout = new QVBoxLayout(this);
    m_form = new SettingsForm(this);
    m_tabs = new QTabWidget(this);
    m_tabs->setAccessibleName(tr("Settings pages"));
    const QMap<QString, QWidget*> pages = m_form->buildPages(m_tabs);
    m_token = new TokenPanel(m_controller, m_tabs);
    // Each page scrolls when its texts need more room than the dialog has: a help text or the
    // runtime's status is never cut off (long paths, the longer Chinese).
    auto scrolled = [this](QWidget* page) {
        auto* area = new QScrollArea(m_tabs);
        area->setWidgetResizable(true);
        area->setFrameShape(QFrame::NoFrame);
        area->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        area->setWidget(page);
        return area;
    };
    m_tabs->addTab(scrolled(pages.value(QStringLiteral("runtime"))), tr("Runtime"));
    m_tabs->addTab(scrolled(m_token), tr("Token"));
    m_tabs->addTab(scrolled(pages.value(QStringLiteral("advanced"))), tr("Advanced"));
    m_tabs->addTab(scrolled(pages.value(QStringLiteral("behaviour"))), tr("Behaviour"));
    layout->addWidget(m_tabs, 1);
    m_general = new QLabel(this);
    m_general->setWordWrap(true);
    Tones::paint(m_general, Tone::Bad);
    m_general->setVisible(false);
    layout->addWidget(m_general);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (save())
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_form, &SettingsForm::edited, this, &SettingsDialog::onEdited);
    connect(m_form, &SettingsForm::runtimePathEdited, this, &SettingsDialog::checkRuntime);
    resize(640, 560);
    reload();
}

SettingsDialog::~SettingsDialog()
{
    // A runtime check runs `node --version` (bounded): let it finish before the dialog goes.
    for (const QPointer<QThread>& t : std::as_const(m_threads)) {
        if (t)
            t->wait();
    }
}

void SettingsDialog::reload()
{
    m_base = m_controller->settings();
    // Launch at login shows the entry's real state: the user may have removed it by hand.
    m_base.behaviour.launchAtLogin = m_controller->launchAtLogin();
    m_form->load(m_base);
    m_form->setNotes(m_controller->effectiveNotes());
    updateRuntimePlaceholders();
    m_general->setVisible(false);
    onEdited();
    checkRuntime();
}

void SettingsDialog::updateRuntimePlaceholders()
{
    const RuntimeLocator locator;
    m_form->setPlaceholder(QLatin1String(SettingsKey::NodePath),
                           tr("auto-detect: %1").arg(QDir::toNativeSeparators(locator.detectNodePath())));
    m_form->setPlaceholder(
        QLatin1String(SettingsKey::OpenClawDir),
        tr("auto-detect: %1").arg(QDir::toNativeSeparators(locator.detectOpenClawDir())));
    m_form->setPlaceholder(QLatin1String(SettingsKey::StateDir), tr("OpenClaw's default"));
    m_form->setPlaceholder(QLatin1String(SettingsKey::ConfigPath), tr("OpenClaw's default"));
}

SettingsErrors SettingsDialog::currentErrors() const
{
    return m_form->read(m_base).validate();
}

void SettingsDialog::onEdited()
{
    const SettingsErrors errors = currentErrors();
    m_form->showErrors(errors);
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(errors.isEmpty());
}

bool SettingsDialog::save()
{
    // On top of the current settings, not the ones the dialog opened with: what is not edited here
    // (the token storage) may have changed meanwhile and must not be reverted.
    const SettingsData data = m_form->read(m_controller->settings());
    SettingsErrors errors = data.validate();
    UserText error;
    if (errors.isEmpty()) {
        if (const SettingsApplied applied = m_controller->apply(data); !applied) {
            errors = applied.error().fields;
            error = applied.error().why;
        }
    }
    m_form->showErrors(errors);
    if (!errors.isEmpty()) {
        // Show the first page with a problem, so the message is not hidden on another tab.
        const QString first = errors.firstKey();
        for (int i = 0; i < m_tabs->count(); ++i) {
            if (m_tabs->widget(i)->findChild<QWidget*>(first)) {
                m_tabs->setCurrentIndex(i);
                break;
            }
        }
        m_general->setText(tr("Some values are not valid; nothing was saved."));
        m_general->setVisible(true);
        return false;
    }
    if (!error.isEmpty()) {
        m_general->setText(DisplayText::text(error));
        m_general->setVisible(true);
        return false;
    }
    m_general->setVisible(false);
    m_base = data;
    return true;
}

QString SettingsDialog::generalError() const
{
    return m_general->isHidden() ? QString() : m_general->text();
}

void SettingsDialog::showPage(const QString& page)
{
    const QString name = page == QLatin1String("port") ? QStringLiteral("runtime") : page;
    const int index = kPages.indexOf(name);
    if (index >= 0)
        m_tabs->setCurrentIndex(index);
    if (page == QLatin1String("port")) {
        if (QWidget* w = m_form->editor(QLatin1String(SettingsKey::Port)))
            w->setFocus();
    }
}

QString SettingsDialog::currentPage() const
{
    return kPages.value(m_tabs->currentIndex());
}

void SettingsDialog::checkRuntime()
{
    const SettingsData data = m_form->read(m_base);
    const RuntimeLocator locator;
    const QString node = data.runtime.nodePath.isEmpty() ? locator.detectNodePath() : data.runtime.nodePath;
    const QString dir = data.runtime.openclawDir.isEmpty() ? locator.detectOpenClawDir() : data.runtime.openclawDir;
    const int generation = ++m_runtimeGeneration;
    m_form->setRuntimeStatus(tr("Checking the runtime…"), true);
    QPointer<SettingsDialog> self(this);
    QThread* thread = QThread::create([self, node, dir, generation] {
        const RuntimeCheck check = RuntimeLocator::validate(node, dir);
        QMetaObject::invokeMethod(
            qApp,
            [self, check, generation] {
                if (self)
                    self->onRuntimeChecked(check, generation);
            },
            Qt::QueuedConnection);
    });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    m_threads.removeAll(QPointer<QThread>());
    m_threads << thread;
    thread->start();
}

void SettingsDialog::onRuntimeChecked(const RuntimeCheck& check, int generation)
{
    if (generation != m_runtimeGeneration)
        return; // an older check; the paths changed since
    QString text;
    if (check.ok) {
        text = tr("✓ Node %1 (%2) · openclaw %3 (%4)")
                   .arg(check.info.nodeVersion.toString(), QDir::toNativeSeparators(check.info.nodePath),
                        check.info.openclawVersion.isEmpty() ? QStringLiteral("?") : check.info.openclawVersion,
                        QDir::toNativeSeparators(check.info.openclawDir));
        if (!check.warnings.isEmpty())
            text += QStringLiteral("\n") + check.warnings.join(QLatin1Char('\n'));
    } else {
        text = QStringLiteral("✗ %1").arg(check.error);
    }
    m_form->setRuntimeStatus(text, check.ok);
    Q_EMIT runtimeChecked(check.ok, text);
}

} // namespace clawtray
