#include "protocol/JsonFields.h"

#include <cmath>

namespace clawtray::json {

std::optional<qint64> toExactInteger(const QJsonValue& value)
{
    if (!value.isDouble())
        return std::nullopt;
    constexpr double kMaxExact = 9007199254740992.0; // 2^53
    const double d = value.toDouble();
    // The range check also keeps the cast below defined: converting an out-of-range double to an
    // integer is undefined behaviour, which the fuzzer's UBSan would (rightly) flag.
    if (!std::isfinite(d) || std::floor(d) != d || std::fabs(d) > kMaxExact)
        return std::nullopt;
    return static_cast<qint64>(d);
}

QString typeName(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("boolean");
    case QJsonValue::Double:
        return QStringLiteral("number");
    case QJsonValue::String:
        return QStringLiteral("string");
    case QJsonValue::Array:
        return QStringLiteral("array");
    case QJsonValue::Object:
        return QStringLiteral("object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

} // namespace clawtray::json
