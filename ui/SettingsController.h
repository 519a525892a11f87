#pragma once

#include "policy/Result.h"
#include "policy/UserText.h"
#include "settings/SettingsData.h"

#include <QObject>
#include <QString>

#include <functional>

namespace clawtray {

// What the settings dialog and the tray need from the application beyond the gateway manager:
// the settings, the token and launch at login. ui/ cannot reach the composition root (app/ links
// ui/, never the reverse), so the app implements this over its AppContext, and tests with a fake.
// Every method forwards to the core; none of them decides anything the core should decide.
class SettingsController : public QObject
{
    Q_OBJECT
public:
    using Reply = std::function<void(const clawtray::Done&)>; // done, or why not

    explicit SettingsController(QObject* parent = nullptr)
        : QObject(parent)
    {}
    ~SettingsController() override = default;

    virtual SettingsData settings() const = 0;
    // Validates, saves and applies (through the manager's debounced reload). Refused: the fields
    // that are wrong (SettingsData::validate()), or why valid values could not be taken.
    virtual SettingsApplied apply(const SettingsData& data) = 0;

    virtual QString token() const = 0;         // empty while it is not loaded
    virtual UserText tokenLocation() const = 0; // "the system keychain", "<file> (readable only by you)"
    // Why the token cannot be loaded or stored (e.g. the keychain is unavailable); empty when fine.
    virtual UserText tokenProblem() const = 0;
    virtual bool usesKeychain() const = 0;
    // Stores a new token (regenerated or imported) and restarts the gateway with it.
    virtual void replaceToken(const QString& token, Reply done) = 0;
    // Where the token is kept (the user's choice in Settings › Token, or "Store the token in a
    // file" when the keychain fails): the token the gateway runs with moves there — never a new one
    // — and the copy in the old place goes once the new one is written. Never done without being asked.
    virtual void setTokenStorage(TokenStorage storage, Reply done) = 0;
    void useTokenFile(Reply done) { setTokenStorage(TokenStorage::File, std::move(done)); }
    // Tries the keychain again (after it was unavailable).
    virtual void retryTokenStorage(Reply done) = 0;

    virtual bool launchAtLogin() const = 0;             // the real state of the autostart entry
    virtual clawtray::Done setLaunchAtLogin(bool enabled) = 0;
    virtual QString launchAtLoginDescription() const = 0;

    // Per settings key, where the value in effect comes from when it is not the one saved here
    // ("In effect: 28811 — set by --port on the command line …"). Empty: the saved values rule.
    virtual QMap<QString, UserText> effectiveNotes() const { return {}; }

Q_SIGNALS:
    // The settings, the token or its storage changed (from anywhere): views re-read them.
    void changed();
};

} // namespace clawtray
