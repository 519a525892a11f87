#include "AboutDialog.h"

#include "DisplayText.h"
#include "SettingsController.h"
#include "StatusVisual.h"
#include "settings/AppPaths.h"

#include <QCoreApplication>
#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

namespace clawtray {

namespace {
QString gatewayText(const GatewayStatus& s)
{
    if (s.gatewayVersion.isEmpty())
        return s.state == GatewayState::Running ? QCoreApplication::translate("AboutDialog", "OpenClaw (version not reported)")
                                                : QCoreApplication::translate("AboutDialog", "not connected");
    return QCoreApplication::translate("AboutDialog", "OpenClaw %1").arg(s.gatewayVersion);
}
} // namespace

AboutDialog::AboutDialog(const GatewayStatus& status, SettingsController* settings, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(tr("About ClawTray"));
    setWindowIcon(StatusVisual::appIcon());
    auto* layout = new QVBoxLayout(this);
    auto* head =
        new QLabel(tr("<b>ClawTray %1</b><br>A native supervisor for the OpenClaw gateway: it runs "
                                  "the gateway, keeps it healthy and shows what it does.")
                       .arg(QStringLiteral(CLAWTRAY_VERSION)),
                   this);
    head->setWordWrap(true);
    layout->addWidget(head);

    auto* form = new QFormLayout;
    layout->addLayout(form);
    m_lines << QStringLiteral("ClawTray %1").arg(QStringLiteral(CLAWTRAY_VERSION));
    const auto row = [&](const QString& key, const QString& label, const QString& value) {
        auto* v = new QLabel(value, this);
        v->setObjectName(QStringLiteral("about:") + key);
        v->setTextInteractionFlags(Qt::TextSelectableByMouse);
        v->setWordWrap(true);
        form->addRow(label + QLatin1Char(':'), v);
        m_fields.insert(key, v);
        m_lines << QStringLiteral("%1: %2").arg(label, value);
    };
    row(QStringLiteral("clawtray"), tr("ClawTray"), QStringLiteral(CLAWTRAY_VERSION));
    row(QStringLiteral("gateway"), tr("Gateway"), gatewayText(status));
    row(QStringLiteral("qt"), tr("Qt"), QString::fromLatin1(qVersion()));
    row(QStringLiteral("settings"), tr("Settings"), AppPaths::settingsFile());
    row(QStringLiteral("logs"), tr("Logs"), AppPaths::logDir());
    row(QStringLiteral("token"), tr("Gateway token"),
        settings ? DisplayText::text(settings->tokenLocation()) : tr("not loaded"));
    // The runtime in use: the paths the settings name, else ClawTray's own runtime directory.
    const RuntimeSettings rt = settings ? settings->settings().runtime : RuntimeSettings{};
    QStringList runtime;
    if (!rt.nodePath.isEmpty())
        runtime << tr("Node %1").arg(rt.nodePath);
    if (!rt.openclawDir.isEmpty())
        runtime << tr("OpenClaw %1").arg(rt.openclawDir);
    if (runtime.size() < 2)
        runtime << AppPaths::runtimeDir();
    row(QStringLiteral("runtime"), tr("Gateway runtime"), runtime.join(QStringLiteral(", ")));

    auto* licences = new QLabel(
        tr("Built on Qt 6 (LGPL-3.0), QtKeychain (BSD-3-Clause), spdlog (MIT) and OpenSSL (Apache-2.0). "
                       "OpenClaw and Node.js are MIT-licensed."),
        this);
    licences->setWordWrap(true);
    layout->addWidget(licences);
    auto* links = new QLabel(tr("<a href=\"https://github.com/openclaw/openclaw#readme\">OpenClaw</a> · "
                                            "<a href=\"https://github.com/openclaw/openclaw/issues\">Report a gateway "
                                            "problem</a>"),
                             this);
    links->setObjectName(QStringLiteral("about:links"));
    links->setOpenExternalLinks(true);
    layout->addWidget(links);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* logs = buttons->addButton(tr("Open log folder"), QDialogButtonBox::ActionRole);
    QPushButton* copy = buttons->addButton(tr("Copy"), QDialogButtonBox::ActionRole);
    logs->setObjectName(QStringLiteral("about:openLogs"));
    copy->setObjectName(QStringLiteral("about:copy"));
    connect(logs, &QPushButton::clicked, this,
            [] { QDesktopServices::openUrl(QUrl::fromLocalFile(AppPaths::logDir())); });
    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(plainText()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

QString AboutDialog::field(const QString& key) const
{
    const QLabel* l = m_fields.value(key);
    return l ? l->text() : QString();
}

QString AboutDialog::plainText() const
{
    return m_lines.join(QLatin1Char('\n'));
}

} // namespace clawtray
