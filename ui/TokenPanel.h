#pragma once

#include <QWidget>

class QComboBox;
class QFrame;
class QLabel;
class QLineEdit;
class QPushButton;

namespace clawtray {

class SettingsController;

// The gateway token: where it is kept (automatic, the keychain, or a 0600 file — the token moves
// when that changes), show / copy / regenerate / import, and — when the keychain cannot be used —
// the reason and an explicit switch to a file only the user can read. The token is never written
// to the settings file and never logged.
class TokenPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit TokenPanel(SettingsController* controller, QWidget* parent = nullptr);

    void refresh();
    void setRevealed(bool revealed);
    bool isRevealed() const;
    void copyToken();
    // Without confirmation (the button asks first).
    void regenerateToken();
    void importToken(const QString& token);
    void switchToFile();
    void retryKeychain();
    // Keeps the token in another place (the selector does this when the user picks one).
    void switchStorage(int storage); // a TokenStorage value

    QString locationText() const;
    QString problemText() const; // empty when the problem box is hidden
    QString resultText() const;
    QLineEdit* tokenField() const { return m_token; }
    QPushButton* useFileButton() const { return m_useFile; }
    QComboBox* storageBox() const { return m_storage; }

private:
    void confirmRegenerate();
    void askImport();
    void setResult(const QString& text, bool ok);
    void setWorking(bool working);

    SettingsController* m_controller;
    QComboBox* m_storage = nullptr;
    QLabel* m_location = nullptr;
    QFrame* m_problemBox = nullptr;
    QLabel* m_problem = nullptr;
    QPushButton* m_useFile = nullptr;
    QPushButton* m_retry = nullptr;
    QLineEdit* m_token = nullptr;
    QPushButton* m_show = nullptr;
    QPushButton* m_copy = nullptr;
    QPushButton* m_regenerate = nullptr;
    QPushButton* m_import = nullptr;
    QLabel* m_result = nullptr;
};

} // namespace clawtray
