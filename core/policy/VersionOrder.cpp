#include "policy/VersionOrder.h"

#include <QVersionNumber>

namespace clawtray {

bool versionIsNewer(const QString& a, const QString& b)
{
    qsizetype ia = 0, ib = 0;
    const QVersionNumber va = QVersionNumber::fromString(a, &ia);
    const QVersionNumber vb = QVersionNumber::fromString(b, &ib);
    if (va != vb)
        return va > vb;
    const QString preA = a.mid(ia), preB = b.mid(ib);
    if (preA.isEmpty() != preB.isEmpty())
        return preA.isEmpty(); // the release is newer than its pre-release
    return QString::compare(preA, preB) > 0 && !preA.isEmpty();
}

} // namespace clawtray
