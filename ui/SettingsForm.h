#pragma once

#include "policy/UserText.h"
#include "settings/SettingsData.h"

#include <QMap>
#include <QObject>

class QLabel;
class QTabWidget;
class QWidget;

namespace clawtray {

// The editable fields of SettingsData, built from the settings schema (core/settings/
// SettingsSchema) so every persisted field has an editor and they can never drift apart. Each
// field has an error label right under its editor for SettingsData::validate()'s message.
// The token storage is not edited here: switching it is an explicit action (TokenPanel).
class SettingsForm final : public QObject
{
    Q_OBJECT
public:
    explicit SettingsForm(QObject* parent = nullptr);

    // Builds the pages "runtime", "advanced" and "behaviour"; returns them by name.
    QMap<QString, QWidget*> buildPages(QWidget* parent);

    void load(const SettingsData& data);
    // The edited values on top of `base` (fields without an editor keep their value).
    SettingsData read(const SettingsData& base) const;

    void showErrors(const SettingsErrors& errors);
    QString errorText(const QString& key) const;
    QWidget* editor(const QString& key) const { return m_editors.value(key); }
    void setPlaceholder(const QString& key, const QString& text);
    // Where a field's value in effect comes from, shown under it (see SettingsController).
    void setNotes(const QMap<QString, UserText>& notes);
    QString noteText(const QString& key) const;

    // The runtime check's verdict, shown under the runtime paths.
    void setRuntimeStatus(const QString& text, bool ok);
    QString runtimeStatus() const;

Q_SIGNALS:
    void edited();
    void runtimePathEdited();

private:
    struct Row
    {
        const char* key;
        const char* label;
        const char* help;
    };
    QWidget* buildPage(QWidget* parent, const QVector<Row>& rows, bool withRuntimeStatus);
    // A choice as shown: "English", "简体中文", or the word translated ("restart").
    static QString choiceLabel(const QString& value);
    QWidget* createEditor(const QString& key, QWidget* parent);
    QWidget* wrapWithBrowse(QWidget* editor, const QString& key, QWidget* parent);

    QMap<QString, QWidget*> m_editors;
    QMap<QString, QLabel*> m_errors;
    QMap<QString, QLabel*> m_notes;
    QLabel* m_runtimeStatus = nullptr;
};

} // namespace clawtray
