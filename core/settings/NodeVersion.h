#pragma once

#include <QString>

#include <optional>

namespace clawtray {

// A Node.js version ("v24.21.0") and the rule for which ones OpenClaw runs on. Kept apart from
// RuntimeLocator so the rule is a pure function, testable without starting any process.
struct NodeVersion
{
    int major = 0;
    int minor = 0;
    int patch = 0;

    // Accepts what `node --version` prints: "v24.21.0", surrounding whitespace, a missing "v",
    // and a pre-release/build suffix ("v26.1.0-nightly2026..."). nullopt when it is not a version.
    static std::optional<NodeVersion> parse(const QString& text);

    QString toString() const; // "v24.21.0"

    // openclaw's package.json: "engines": { "node": ">=24.16.0 <25 || >=26.1.0" }.
    bool isSupportedByOpenClaw() const;
    // Why this version is refused, in words a user can act on; empty when supported.
    QString unsupportedReason() const;

    friend bool operator<(const NodeVersion& a, const NodeVersion& b);
    friend bool operator==(const NodeVersion& a, const NodeVersion& b);
    friend bool operator>=(const NodeVersion& a, const NodeVersion& b) { return !(a < b); }
};

} // namespace clawtray
