#include "TokenPanel.h"
#include "Tones.h"

#include "DisplayText.h"
#include "SettingsController.h"
#include "settings/SecretStore.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

namespace clawtray {

TokenPanel::TokenPanel(SettingsController* controller, QWidget* parent)
    : QWidget(parent)
    , m_controller(controller)
{
    auto* layout = new QVBoxLayout(this);
    auto* intro =
        new QLabel(tr("ClawTray and the gateway share this token. ClawTray keeps it in the system "
                                  "keychain, or — if you choose so — in a file only you can read."),
                   this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto* where = new QFormLayout;
    m_storage = new QComboBox(this);
    m_storage->setObjectName(QStringLiteral("tokenStorage"));
    m_storage->addItem(tr("Automatic: the system keychain if one answers, otherwise a file"), int(TokenStorage::Auto));
    m_storage->addItem(tr("The system keychain"), int(TokenStorage::Keychain));
    m_storage->addItem(tr("A file only you can read (0600)"), int(TokenStorage::File));
    m_storage->setAccessibleName(tr("Keep the token in"));
    m_storage->setToolTip(tr("Changing this moves the token the gateway uses; no new token is made."));
    where->addRow(tr("Keep the token in:"), m_storage);
    layout->addLayout(where);
    m_location = new QLabel(this);
    m_location->setWordWrap(true);
    m_location->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_location);

    m_problemBox = new QFrame(this);
    m_problemBox->setObjectName(QStringLiteral("tokenProblem"));
    Tones::paintAlertBox(m_problemBox);
    auto* pb = new QVBoxLayout(m_problemBox);
    m_problem = new QLabel(m_problemBox);
    m_problem->setWordWrap(true);
    pb->addWidget(m_problem);
    auto* pbButtons = new QHBoxLayout;
    m_useFile = new QPushButton(tr("Store the token in a file only I can read (0600)"), m_problemBox);
    m_retry = new QPushButton(tr("Try the keychain again"), m_problemBox);
    pbButtons->addWidget(m_useFile);
    pbButtons->addWidget(m_retry);
    pbButtons->addStretch(1);
    pb->addLayout(pbButtons);
    layout->addWidget(m_problemBox);

    auto* row = new QHBoxLayout;
    m_token = new QLineEdit(this);
    m_token->setReadOnly(true);
    m_token->setEchoMode(QLineEdit::Password);
    m_show = new QPushButton(tr("Show"), this);
    m_show->setCheckable(true);
    m_copy = new QPushButton(tr("Copy"), this);
    row->addWidget(m_token, 1);
    row->addWidget(m_show);
    row->addWidget(m_copy);
    layout->addLayout(row);
    auto* row2 = new QHBoxLayout;
    m_regenerate = new QPushButton(tr("Regenerate…"), this);
    m_import = new QPushButton(tr("Import the gateway's token…"), this);
    row2->addWidget(m_regenerate);
    row2->addWidget(m_import);
    row2->addStretch(1);
    layout->addLayout(row2);
    m_result = new QLabel(this);
    m_result->setWordWrap(true);
    layout->addWidget(m_result);
    layout->addStretch(1);

    connect(m_show, &QPushButton::toggled, this, &TokenPanel::setRevealed);
    connect(m_copy, &QPushButton::clicked, this, &TokenPanel::copyToken);
    connect(m_regenerate, &QPushButton::clicked, this, &TokenPanel::confirmRegenerate);
    connect(m_import, &QPushButton::clicked, this, &TokenPanel::askImport);
    connect(m_useFile, &QPushButton::clicked, this, &TokenPanel::switchToFile);
    connect(m_retry, &QPushButton::clicked, this, &TokenPanel::retryKeychain);
    connect(m_storage, QOverload<int>::of(&QComboBox::activated), this,
            [this](int index) { switchStorage(m_storage->itemData(index).toInt()); });
    connect(m_controller, &SettingsController::changed, this, &TokenPanel::refresh);
    refresh();
}

void TokenPanel::refresh()
{
    m_location->setText(tr("Stored in: %1").arg(DisplayText::text(m_controller->tokenLocation())));
    m_storage->setCurrentIndex(m_storage->findData(int(m_controller->settings().tokenStorage)));
    const QString problem = DisplayText::text(m_controller->tokenProblem());
    m_problem->setText(problem);
    m_problemBox->setVisible(!problem.isEmpty());
    m_useFile->setVisible(m_controller->usesKeychain());
    m_retry->setVisible(m_controller->usesKeychain());
    const QString token = m_controller->token();
    m_token->setText(token);
    m_token->setPlaceholderText(token.isEmpty() ? tr("(not loaded)") : QString());
    // Nothing to show, and nowhere to store a new one, until the token storage works.
    for (QPushButton* b : {m_show, m_copy, m_regenerate, m_import})
        b->setEnabled(!token.isEmpty());
}

void TokenPanel::setRevealed(bool revealed)
{
    m_token->setEchoMode(revealed ? QLineEdit::Normal : QLineEdit::Password);
    if (m_show->isChecked() != revealed)
        m_show->setChecked(revealed);
    m_show->setText(revealed ? tr("Hide") : tr("Show"));
}

bool TokenPanel::isRevealed() const
{
    return m_token->echoMode() == QLineEdit::Normal;
}

void TokenPanel::copyToken()
{
    const QString token = m_controller->token();
    if (token.isEmpty())
        return;
    QApplication::clipboard()->setText(token);
    setResult(tr("Token copied to the clipboard."), true);
}

void TokenPanel::confirmRegenerate()
{
    const auto answer = QMessageBox::question(
        this, tr("Regenerate the token"),
        tr("ClawTray will store a new token and restart the gateway with it. Clients paired with the old "
                       "token will need the new one.\n\nRegenerate the token?"));
    if (answer == QMessageBox::Yes)
        regenerateToken();
}

void TokenPanel::askImport()
{
    bool ok = false;
    const QString token = QInputDialog::getText(this, tr("Import the gateway's token"),
                                                tr("Paste the token the gateway expects (for example from "
                                                   "its configuration). ClawTray stores it at once and restarts "
                                                   "the gateway with it; Cancel changes nothing:"),
                                                QLineEdit::Password, QString(), &ok);
    if (ok)
        importToken(token);
}

void TokenPanel::regenerateToken()
{
    importToken(SecretStore::generateToken());
}

void TokenPanel::importToken(const QString& raw)
{
    const QString token = raw.trimmed();
    if (token.isEmpty() || token.contains(QLatin1Char(' ')) || token.contains(QLatin1Char('\n'))) {
        setResult(tr("That is not a token: it is empty or contains spaces."), false);
        return;
    }
    setWorking(true);
    QPointer<TokenPanel> self(this);
    m_controller->replaceToken(token, [self](const Done& r) {
        if (!self)
            return;
        self->setWorking(false);
        self->refresh();
        self->setResult(r ? tr("New token stored; the gateway restarts with it.")
                                        : tr("The token could not be stored: %1").arg(DisplayText::text(r.error())),
                        r.ok());
    });
}

void TokenPanel::switchToFile()
{
    setWorking(true);
    QPointer<TokenPanel> self(this);
    m_controller->useTokenFile([self](const Done& r) {
        if (!self)
            return;
        self->setWorking(false);
        self->refresh();
        self->setResult(r ? tr("The token is now kept in a file only you can read.")
                                        : tr("Could not switch to the file: %1").arg(DisplayText::text(r.error())),
                        r.ok());
    });
}

void TokenPanel::switchStorage(int storage)
{
    const auto chosen = TokenStorage(storage);
    if (chosen == m_controller->settings().tokenStorage)
        return;
    setWorking(true);
    QPointer<TokenPanel> self(this);
    m_controller->setTokenStorage(chosen, [self](const Done& r) {
        if (!self)
            return;
        self->setWorking(false);
        self->refresh(); // the selector shows what is in effect, also after a refusal
        self->setResult(r
                            ? tr("The token was moved; it is now kept in %1.")
                                  .arg(DisplayText::text(self->m_controller->tokenLocation()))
                            : tr("The token stays where it was: %1").arg(DisplayText::text(r.error())),
                        r.ok());
    });
}

void TokenPanel::retryKeychain()
{
    setWorking(true);
    QPointer<TokenPanel> self(this);
    m_controller->retryTokenStorage([self](const Done& r) {
        if (!self)
            return;
        self->setWorking(false);
        self->refresh();
        self->setResult(r ? tr("The keychain answered; the token is loaded.")
                                        : tr("Still no keychain: %1").arg(DisplayText::text(r.error())),
                        r.ok());
    });
}

void TokenPanel::setResult(const QString& text, bool ok)
{
    m_result->setText(text);
    Tones::paint(m_result, ok ? Tone::Good : Tone::Bad);
}

QString TokenPanel::locationText() const
{
    return m_location->text();
}

QString TokenPanel::problemText() const
{
    return m_problemBox->isHidden() ? QString() : m_problem->text();
}

QString TokenPanel::resultText() const
{
    return m_result->text();
}

void TokenPanel::setWorking(bool working)
{
    const bool haveToken = !m_controller->token().isEmpty();
    for (QPushButton* b : {m_regenerate, m_import})
        b->setEnabled(!working && haveToken);
    for (QPushButton* b : {m_useFile, m_retry})
        b->setEnabled(!working);
    m_storage->setEnabled(!working);
}

} // namespace clawtray
