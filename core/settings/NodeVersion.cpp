#include "settings/NodeVersion.h"

#include <QRegularExpression>

#include <tuple>

namespace clawtray {

std::optional<NodeVersion> NodeVersion::parse(const QString& text)
{
    static const QRegularExpression re(
        QStringLiteral("^v?(\\d{1,4})\\.(\\d{1,4})\\.(\\d{1,6})(?:[-+][0-9A-Za-z.+-]*)?$"));
    const auto m = re.match(text.trimmed());
    if (!m.hasMatch())
        return std::nullopt;
    return NodeVersion{m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt()};
}

QString NodeVersion::toString() const
{
    return QStringLiteral("v%1.%2.%3").arg(major).arg(minor).arg(patch);
}

bool operator<(const NodeVersion& a, const NodeVersion& b)
{
    return std::tie(a.major, a.minor, a.patch) < std::tie(b.major, b.minor, b.patch);
}

bool operator==(const NodeVersion& a, const NodeVersion& b)
{
    return std::tie(a.major, a.minor, a.patch) == std::tie(b.major, b.minor, b.patch);
}

bool NodeVersion::isSupportedByOpenClaw() const
{
    return unsupportedReason().isEmpty();
}

QString NodeVersion::unsupportedReason() const
{
    const NodeVersion min24{24, 16, 0};
    const NodeVersion min26{26, 1, 0};
    if (*this < min24)
        return QStringLiteral("Node %1 is too old: OpenClaw needs 24.16 or newer").arg(toString());
    // 25.x and 26.0.x sit in the gap the engines range leaves out.
    if (major == 25 || (major == 26 && *this < min26))
        return QStringLiteral("Node %1 is not supported: OpenClaw needs Node 24 (24.16 or newer) or 26.1 or newer")
            .arg(toString());
    return {};
}

} // namespace clawtray
