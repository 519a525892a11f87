#pragma once

#include <QStringList>

#include <optional>

// The OpenClaw CLI commands ClawTray runs against a gateway's state (`openclaw.mjs <command>`),
// played by the fake: `dashboard --json` answers like OpenClaw 2026.9.6 (a shared-token `url` and
// a one-time `browserUrl`), using OPENCLAW_GATEWAY_PORT and OPENCLAW_GATEWAY_TOKEN.
// Returns the exit code, or nothing when `args` is not a CLI command (then it is `gateway run`).
std::optional<int> runFakeCli(const QStringList& args);

// Where the fake gateway on `port` leaves its restart handoff and the fake CLI consumes it.
QString fakeHandoffPath(int port);
