#pragma once

#include <QObject>
#include <QString>

#include <functional>

namespace clawtray {

// Opens a local file (the Control UI's launcher page) in the user's browser and says whether that
// worked. QDesktopServices only tells whether xdg-open *started*; xdg-open itself fails (exit 3,
// "no method available for opening …") on a machine without a browser, and the user would never
// hear of it. So where xdg-open exists it is run and watched: an exit other than 0 is a failure
// with xdg-open's own words; an exit 0, or still running after kVerdictMs (a browser started in
// the foreground keeps xdg-open waiting), means a browser took the page. Elsewhere (macOS,
// Windows) QDesktopServices decides.
class BrowserOpener final : public QObject
{
    Q_OBJECT
public:
    using Opened = std::function<void(bool opened, const QString& why)>;

    explicit BrowserOpener(QObject* parent = nullptr);

    void open(const QString& file, Opened done);

    static constexpr int kVerdictMs = 4000;
};

} // namespace clawtray
