// The settings dialog: SettingsData::validate()'s messages next to their fields, invalid values
// refused, saving through the controller, the runtime check, and the token page (show, copy,
// regenerate, import, keychain-unavailable → explicit 0600 file). Offscreen.
#include "SettingsDialog.h"
#include "SettingsForm.h"
#include "TokenPanel.h"
#include "Translations.h"
#include "UiTestSupport.h"
#include "settings/SecretStore.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QLabel>
#include <QTabWidget>
#include <QDir>
#include <QTest>

using namespace clawtray;
namespace Key = clawtray::SettingsKey;

class TestUiSettings : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    static QString k(const char* key) { return QString::fromLatin1(key); }

    template <typename W> static W* editor(SettingsDialog& d, const char* key)
    {
        auto* w = qobject_cast<W*>(d.form()->editor(k(key)));
        Q_ASSERT(w);
        return w;
    }

    static void setLine(SettingsDialog& d, const char* key, const QString& text)
    {
        auto* line = editor<QLineEdit>(d, key);
        line->selectAll();
        QTest::keyClicks(line, text); // typed, like a user: textEdited fires
        if (text.isEmpty())
            QTest::keyClick(line, Qt::Key_Delete);
    }

    static QPushButton* saveButton(SettingsDialog& d)
    {
        return d.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Save);
    }

    // A stand-in Node that answers `--version` with `version`, and an openclaw dir.
    QString fakeNode(const QString& name, const QString& version)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        f.write(QStringLiteral("#!/bin/sh\necho %1\n").arg(version).toUtf8());
        f.close();
        f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QDir(m_dir.path()).mkpath(QStringLiteral("openclaw"));
        QFile mjs(m_dir.filePath(QStringLiteral("openclaw/openclaw.mjs")));
        QVERIFY(mjs.open(QIODevice::WriteOnly));
        QFile pkg(m_dir.filePath(QStringLiteral("openclaw/package.json")));
        QVERIFY(pkg.open(QIODevice::WriteOnly));
        pkg.write(R"({"name":"openclaw","version":"2026.1.2"})");
    }

    // Durations read as seconds and minutes, not as millisecond counts; what is typed with a unit
    // (or a bare number of seconds) is what is saved, in milliseconds.
    void durationsReadAsSecondsAndMinutes()
    {
        uitest::FakeSettingsController c;
        c.data.liveness.deadlineMs = 180000;
        c.data.liveness.pingIntervalMs = 30000;
        c.data.reload.debounceMs = 1200;
        SettingsDialog d(&c);
        auto* deadline = editor<QSpinBox>(d, Key::DeadlineMs);
        auto* ping = editor<QSpinBox>(d, Key::PingIntervalMs);
        QCOMPARE(deadline->text(), QStringLiteral("3 min"));
        QCOMPARE(ping->text(), QStringLiteral("30 s"));
        QCOMPARE(editor<QSpinBox>(d, Key::ReloadDebounceMs)->text(), QStringLiteral("1.2 s"));
        QVERIFY(!ping->text().contains(QStringLiteral("ms")));
        auto* field = ping->findChild<QLineEdit*>(); // what the user types into
        QVERIFY(field);
        const QVector<QPair<QString, int>> typed{{QStringLiteral("90 s"), 90000},  {QStringLiteral("2 min"), 120000},
                                                 {QStringLiteral("1500 ms"), 1500}, {QStringLiteral("45"), 45000},
                                                 {QStringLiteral("0.5 s"), 500},    {QStringLiteral("1 h"), 3600000}};
        for (const auto& [text, ms] : typed) {
            field->selectAll();
            QTest::keyClicks(field, text);
            ping->interpretText();
            QVERIFY2(ping->value() == ms, qPrintable(QStringLiteral("%1 -> %2").arg(text).arg(ping->value())));
        }
        // The arrows step by a second.
        ping->setValue(30000);
        ping->stepUp();
        QCOMPARE(ping->value(), 31000);
        // Nonsense is not taken: the value stays.
        field->selectAll();
        QTest::keyClicks(field, QStringLiteral("soon"));
        ping->interpretText();
        QCOMPARE(ping->value(), 31000);
        ping->setValue(15000);
        SettingsData saved = d.form()->read(c.data);
        QCOMPARE(saved.liveness.pingIntervalMs, 15000);
    }

    void loadsEveryField()
    {
        uitest::FakeSettingsController c;
        c.data.runtime.port = 23456;
        c.data.runtime.extraArgs = {QStringLiteral("--verbose"), QStringLiteral("two words")};
        c.data.liveness.deadlineMs = 90000;
        c.data.reload.policy = ReloadMode::Restart;
        c.data.foreignGatewayPolicy = ForeignGatewayPolicy::Takeover;
        c.data.behaviour.startMinimized = true;
        c.autostart = true;
        SettingsDialog d(&c);
        QCOMPARE(editor<QSpinBox>(d, Key::Port)->value(), 23456);
        QCOMPARE(editor<QLineEdit>(d, Key::ExtraArgs)->text(), QStringLiteral("--verbose \"two words\""));
        QCOMPARE(editor<QSpinBox>(d, Key::DeadlineMs)->value(), 90000);
        QCOMPARE(editor<QComboBox>(d, Key::ReloadPolicy)->currentText(), QStringLiteral("restart"));
        QCOMPARE(editor<QComboBox>(d, Key::ForeignGateway)->currentText(), QStringLiteral("takeover"));
        QVERIFY(editor<QCheckBox>(d, Key::StartMinimized)->isChecked());
        QVERIFY(editor<QCheckBox>(d, Key::LaunchAtLogin)->isChecked()); // the entry's real state
        // Unchanged, the form reads back exactly what was loaded.
        SettingsData expected = c.data;
        expected.behaviour.launchAtLogin = true;
        QCOMPARE(d.form()->read(c.data), expected);
        // Every persisted field except the token storage (an explicit action) has an editor.
        for (const char* key : {Key::NodePath, Key::OpenClawDir, Key::StateDir, Key::ConfigPath, Key::PingIntervalMs,
                                Key::ProbeTimeoutMs, Key::BackoffBaseMs, Key::BackoffCapMs, Key::BackoffMaxAttempts,
                                Key::BackoffJitter, Key::GovernorBudget, Key::GovernorWindowMs, Key::ReloadDebounceMs,
                                Key::StopGraceMs, Key::StartGatewayOnLaunch, Key::AllowAutoDoctor})
            QVERIFY2(d.form()->editor(k(key)), key);
        QVERIFY(!d.form()->editor(k(Key::TokenStorageMode)));
    }

    void whereAValueInEffectComesFromIsShown()
    {
        // --port on the command line wins over the saved port: the dialog says so under the field
        // instead of showing the saved port as if it were the one in use.
        uitest::FakeSettingsController c;
        c.notes.insert(k(Key::Port), UserText::verbatim(QStringLiteral("In effect: 28811 — set by --port on the command line.")));
        SettingsDialog d(&c);
        QCOMPARE(d.form()->noteText(k(Key::Port)), c.notes.value(k(Key::Port)).english());
        QCOMPARE(d.form()->noteText(k(Key::StateDir)), QString());
        c.notes.clear(); // saved another port: the override is gone
        d.reload();
        QCOMPARE(d.form()->noteText(k(Key::Port)), QString());
    }

    void invalidValuesShowMessagesAndAreRefused()
    {
        uitest::FakeSettingsController c;
        SettingsDialog d(&c);
        QVERIFY(d.currentErrors().isEmpty());
        QVERIFY(saveButton(d)->isEnabled());

        editor<QSpinBox>(d, Key::Port)->setValue(80);
        QVERIFY2(d.form()->errorText(k(Key::Port)).contains(QStringLiteral("below 1024")),
                 qPrintable(d.form()->errorText(k(Key::Port))));
        QVERIFY(!saveButton(d)->isEnabled());

        setLine(d, Key::ExtraArgs, QStringLiteral("--token secret123"));
        QVERIFY(d.form()->errorText(k(Key::ExtraArgs)).contains(QStringLiteral("--token")));

        editor<QSpinBox>(d, Key::PingIntervalMs)->setValue(200000); // longer than the 180 s deadline
        QVERIFY(d.form()->errorText(k(Key::DeadlineMs)).contains(QStringLiteral("longer than the ping interval")));

        setLine(d, Key::StateDir, QStringLiteral("relative/dir"));
        QVERIFY(d.form()->errorText(k(Key::StateDir)).contains(QStringLiteral("absolute path")));

        // The messages are exactly validate()'s, each next to its own field.
        const SettingsErrors errors = d.currentErrors();
        QCOMPARE(errors.size(), 4);
        for (auto it = errors.cbegin(); it != errors.cend(); ++it)
            QCOMPARE(d.form()->errorText(it.key()), it.value());
        QVERIFY(d.form()->errorText(k(Key::BackoffCapMs)).isEmpty());

        QVERIFY(!d.save());
        QCOMPARE(c.applyCalls, 0); // refused before anything is saved
        QVERIFY(d.generalError().contains(QStringLiteral("nothing was saved")));
        QCOMPARE(c.data.runtime.port, 18789);

        // Fixed values: the messages go, and saving goes through the controller.
        editor<QSpinBox>(d, Key::Port)->setValue(24680);
        setLine(d, Key::ExtraArgs, QStringLiteral("--verbose"));
        editor<QSpinBox>(d, Key::PingIntervalMs)->setValue(15000);
        setLine(d, Key::StateDir, m_dir.filePath(QStringLiteral("state")));
        QVERIFY(d.currentErrors().isEmpty());
        QVERIFY(d.form()->errorText(k(Key::Port)).isEmpty());
        QVERIFY(saveButton(d)->isEnabled());
        QVERIFY(d.save());
        QCOMPARE(c.applyCalls, 1);
        QCOMPARE(c.data.runtime.port, 24680);
        QCOMPARE(c.data.runtime.extraArgs, QStringList{QStringLiteral("--verbose")});
        QCOMPARE(c.data.liveness.pingIntervalMs, 15000);
        QCOMPARE(c.data.runtime.stateDir, m_dir.filePath(QStringLiteral("state")));
        QVERIFY(d.generalError().isEmpty());
    }

    void aRefusalSaysWhyInItsOwnWords()
    {
        uitest::FakeSettingsController c;
        c.refuseWith = UserText(QT_TRANSLATE_NOOP("UserText", "The settings were saved, but launch at login could not be changed: %1"))
                           .arg(QStringLiteral("Could not write /home/u/.config/autostart/clawtray.desktop: Permission denied"));
        SettingsDialog d(&c);
        editor<QSpinBox>(d, Key::Port)->setValue(25001);
        QVERIFY(!d.save());
        QCOMPARE(c.applyCalls, 1);
        // The controller's sentence as it is: no "could not be saved" put in front of "were saved".
        QCOMPARE(d.generalError(), c.refuseWith.english());
        if (const QString dir = qEnvironmentVariable("CLAWTRAY_SCREENSHOT_DIR"); !dir.isEmpty()) {
            d.show();
            QVERIFY(QTest::qWaitForWindowExposed(&d));
            d.grab().save(QDir(dir).filePath(QStringLiteral("settings-refused.png")));
        }
    }

    void savingKeepsWhatChangedElsewhere()
    {
        uitest::FakeSettingsController c;
        SettingsDialog d(&c);
        c.data.tokenStorage = TokenStorage::File; // the user switched the token storage meanwhile
        editor<QSpinBox>(d, Key::Port)->setValue(25000);
        QVERIFY(d.save());
        QVERIFY(c.data.tokenStorage == TokenStorage::File);
        QCOMPARE(c.data.runtime.port, 25000);
    }

    void runtimePathsAreChecked()
    {
        uitest::FakeSettingsController c;
        c.data.runtime.nodePath = m_dir.filePath(QStringLiteral("no-such-node"));
        c.data.runtime.openclawDir = m_dir.filePath(QStringLiteral("openclaw"));
        SettingsDialog d(&c);
        QSignalSpy checked(&d, &SettingsDialog::runtimeChecked);
        QVERIFY(checked.wait(10000));
        QCOMPARE(checked.last().at(0).toBool(), false);
        QVERIFY2(d.form()->runtimeStatus().contains(QStringLiteral("Node not found")),
                 qPrintable(d.form()->runtimeStatus()));

        setLine(d, Key::NodePath, fakeNode(QStringLiteral("old-node"), QStringLiteral("v20.11.0")));
        d.checkRuntime();
        QTRY_VERIFY(!checked.isEmpty() && d.form()->runtimeStatus().startsWith(QStringLiteral("✗")) &&
                    checked.size() >= 2);
        QVERIFY2(d.form()->runtimeStatus().contains(QStringLiteral("20.11")), qPrintable(d.form()->runtimeStatus()));

        setLine(d, Key::NodePath, fakeNode(QStringLiteral("good-node"), QStringLiteral("v24.16.0")));
        const int before = checked.size();
        d.checkRuntime();
        QTRY_VERIFY(checked.size() > before && checked.last().at(0).toBool());
        QVERIFY2(d.form()->runtimeStatus().contains(QStringLiteral("v24.16.0")), qPrintable(d.form()->runtimeStatus()));
        QVERIFY(d.form()->runtimeStatus().contains(QStringLiteral("2026.1.2")));
    }

    void pagesCanBeOpenedDirectly()
    {
        uitest::FakeSettingsController c;
        SettingsDialog d(&c);
        d.showPage(QStringLiteral("token"));
        QCOMPARE(d.currentPage(), QStringLiteral("token"));
        d.showPage(QStringLiteral("advanced"));
        QCOMPARE(d.currentPage(), QStringLiteral("advanced"));
        d.showPage(QStringLiteral("port"));
        QCOMPARE(d.currentPage(), QStringLiteral("runtime"));
    }

    void tokenShowCopyRegenerateImport()
    {
        uitest::FakeSettingsController c;
        SettingsDialog d(&c);
        TokenPanel* t = d.tokenPanel();
        QCOMPARE(t->tokenField()->text(), c.currentToken);
        QCOMPARE(t->tokenField()->echoMode(), QLineEdit::Password); // hidden until asked
        t->setRevealed(true);
        QCOMPARE(t->tokenField()->echoMode(), QLineEdit::Normal);
        t->setRevealed(false);
        QVERIFY(!t->isRevealed());
        QVERIFY(t->locationText().contains(QStringLiteral("keychain")));

        t->copyToken();
        QCOMPARE(QApplication::clipboard()->text(), c.currentToken);

        const QString old = c.currentToken;
        t->regenerateToken();
        QTRY_COMPARE(c.replacedTokens.size(), 1);
        const QString fresh = c.replacedTokens.first();
        QVERIFY(fresh != old);
        QVERIFY(QRegularExpression(QStringLiteral("^clawtray-[0-9a-f]{32}$")).match(fresh).hasMatch());
        QTRY_VERIFY(t->resultText().contains(QStringLiteral("New token stored")));
        QCOMPARE(t->tokenField()->text(), fresh);

        t->importToken(QStringLiteral("  not a token  "));
        QCOMPARE(c.replacedTokens.size(), 1); // refused: spaces
        QVERIFY(t->resultText().contains(QStringLiteral("not a token")));
        t->importToken(QStringLiteral("  gateway-token-from-its-config \n"));
        QTRY_COMPARE(c.replacedTokens.size(), 2);
        QCOMPARE(c.replacedTokens.last(), QStringLiteral("gateway-token-from-its-config"));
    }

    // Where the token is kept is a choice in Settings › Token (it used to be only "Store the token in
    // a file" inside the keychain's error box, and the ini by hand): the selector shows the choice
    // in effect, and picking another moves the token once.
    void theTokenStorageIsChosenInSettings()
    {
        uitest::FakeSettingsController c;
        c.data.tokenStorage = TokenStorage::Keychain;
        SettingsDialog d(&c);
        TokenPanel* t = d.tokenPanel();
        QComboBox* box = t->storageBox();
        QVERIFY(box->isVisibleTo(t));
        QVERIFY(!box->accessibleName().isEmpty());
        QCOMPARE(box->currentData().toInt(), int(TokenStorage::Keychain));
        const int file = box->findData(int(TokenStorage::File));
        QVERIFY(file >= 0);
        box->setCurrentIndex(file);
        Q_EMIT box->activated(file);
        QTRY_VERIFY(t->resultText().contains(QStringLiteral("moved")));
        QVERIFY(c.storageCalls == QList<TokenStorage>{TokenStorage::File});
        QCOMPARE(box->currentData().toInt(), int(TokenStorage::File));
        QVERIFY(t->locationText().contains(QStringLiteral("file")));
        // Picking what is already in effect does nothing.
        Q_EMIT box->activated(file);
        QCOMPARE(c.storageCalls.size(), 1);
    }

    // Seen in a walk-through: the Advanced page's help texts (the foreign-gateway one) were cut off
    // at the dialog's size. Every page shows every line of every text whole, in English and in the
    // longer Chinese, at the size the dialog opens with (a long page scrolls instead).
    void noTextOfAnyPageIsCutOff()
    {
        for (const UiLanguage language : {UiLanguage::English, UiLanguage::SimplifiedChinese}) {
            Translations::install(language);
            uitest::FakeSettingsController c;
            SettingsDialog d(&c);
            d.show();
            QVERIFY(QTest::qWaitForWindowExposed(&d));
            auto* tabs = d.findChild<QTabWidget*>();
            QVERIFY(tabs);
            for (int i = 0; i < tabs->count(); ++i) {
                tabs->setCurrentIndex(i);
                QApplication::processEvents();
                for (QLabel* label : tabs->widget(i)->findChildren<QLabel*>()) {
                    if (!label->isVisibleTo(tabs->widget(i)) || label->text().isEmpty() || !label->wordWrap())
                        continue;
                    // The runtime's status arrives from a check in the background: let the layout settle.
                    QTRY_VERIFY2(label->height() >= label->heightForWidth(label->width()),
                             qPrintable(QStringLiteral("%1 page, %2: %3 px shown of %4: \"%5\"")
                                            .arg(tabs->tabText(i), Translations::resolve(language, QString()))
                                            .arg(label->height())
                                            .arg(label->heightForWidth(label->width()))
                                            .arg(label->text())));
                }
                if (const QString dir = qEnvironmentVariable("CLAWTRAY_SCREENSHOT_DIR"); !dir.isEmpty())
                    d.grab().save(QDir(dir).filePath(QStringLiteral("settings-%1-%2.png").arg(i).arg(int(language))));
            }
        }
    }

    void cleanup() { Translations::uninstall(); }

    void keychainUnavailableOffersTheFileExplicitly()
    {
        uitest::FakeSettingsController c;
        c.currentToken.clear();
        c.problem = SecretStore::unavailableMessage(QStringLiteral("no Secret Service on the session bus"));
        SettingsDialog d(&c);
        TokenPanel* t = d.tokenPanel();
        QVERIFY(t->problemText().contains(QStringLiteral("keychain is not available")));
        QVERIFY(t->useFileButton()->isVisibleTo(t));
        QVERIFY(t->useFileButton()->text().contains(QStringLiteral("0600")));
        QCOMPARE(c.useFileCalls, 0); // never without being asked
        QVERIFY(c.data.tokenStorage != TokenStorage::File);

        t->retryKeychain();
        QTRY_VERIFY(t->resultText().contains(QStringLiteral("Still no keychain")));
        QCOMPARE(c.retryCalls, 1);

        QTest::mouseClick(t->useFileButton(), Qt::LeftButton);
        QTRY_COMPARE(c.useFileCalls, 1);
        QTRY_VERIFY(t->problemText().isEmpty());
        QVERIFY(t->locationText().contains(QStringLiteral("file")));
        QVERIFY(t->useFileButton()->isHidden());
    }
};

QTEST_MAIN(TestUiSettings)
#include "tst_ui_settings.moc"
