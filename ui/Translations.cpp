#include "Translations.h"

#include "logging/Logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QPointer>
#include <QTranslator>

namespace clawtray {

namespace {
QList<QPointer<QTranslator>>& installed()
{
    // QPointer: the translators belong to qApp and go with it.
    static QList<QPointer<QTranslator>> list;
    return list;
}
} // namespace

QStringList Translations::available()
{
    QStringList out;
    const QStringList files = QDir(QStringLiteral(":/i18n")).entryList({QStringLiteral("clawtray_*.qm")});
    for (QString f : files)
        out << f.remove(QStringLiteral("clawtray_")).remove(QStringLiteral(".qm"));
    return out;
}

QString Translations::resolve(UiLanguage choice, const QString& systemLocale)
{
    switch (choice) {
    case UiLanguage::English:
        return QStringLiteral("en");
    case UiLanguage::SimplifiedChinese:
        return QStringLiteral("zh_CN");
    case UiLanguage::System:
        break;
    }
    // zh_CN, zh_SG and plain zh read Simplified Chinese; zh_TW / zh_HK (Traditional) are not offered it.
    const QLocale locale(systemLocale);
    if (locale.language() == QLocale::Chinese && locale.script() != QLocale::TraditionalChineseScript &&
        locale.territory() != QLocale::Taiwan && locale.territory() != QLocale::HongKong &&
        locale.territory() != QLocale::Macao)
        return QStringLiteral("zh_CN");
    return QStringLiteral("en");
}

QString Translations::install(UiLanguage choice)
{
    const QString language = resolve(choice, QLocale::system().name());
    if (language == QLatin1String("en"))
        return language;
    auto* own = new QTranslator(qApp);
    if (!own->load(QStringLiteral(":/i18n/clawtray_%1.qm").arg(language))) {
        logWarn(
            QStringLiteral("no %1 translation of ClawTray is built in; the desktop stays in English").arg(language));
        delete own;
        return QStringLiteral("en");
    }
    QCoreApplication::installTranslator(own);
    installed() << own;
    // Qt's own words (Cancel, OK, the file dialog), from the Qt translations when installed.
    auto* qt = new QTranslator(qApp);
    if (qt->load(QLocale(language), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        installed() << qt;
    } else
        delete qt;
    logInfo(QStringLiteral("desktop language: %1").arg(language));
    return language;
}

void Translations::uninstall()
{
    for (const QPointer<QTranslator>& t : installed()) {
        if (!t)
            continue;
        QCoreApplication::removeTranslator(t);
        delete t.data();
    }
    installed().clear();
}

} // namespace clawtray
