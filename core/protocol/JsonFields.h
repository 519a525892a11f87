#pragma once

#include <QJsonValue>
#include <QString>

#include <optional>

namespace clawtray::json {

// Small helpers shared by the protocol parsers. JSON numbers are doubles; ids, timestamps and
// limits must be exact integers, so anything fractional, non-finite or beyond 2^53 (where a
// double stops counting in ones) is treated as "not an integer" instead of being rounded.
std::optional<qint64> toExactInteger(const QJsonValue& value);

// Name of the JSON type of a value, for rejection reasons ("expected string, got number").
// Reasons name types, never values: a value may be a token.
QString typeName(const QJsonValue& value);

} // namespace clawtray::json
