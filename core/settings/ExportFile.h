#pragma once

#include "policy/Result.h"

#include <QByteArray>
#include <QString>

namespace clawtray {

// Writes a file the user asked for (a diagnostics export) so that nothing planted at the path can
// redirect the write: an existing symlink, FIFO, device, directory, another user's file or a file
// with other hard links is refused with the reason; otherwise the bytes go to a fresh temporary
// file created exclusively next to the target (never following a link), are synced, and replace
// the target atomically (rename replaces a link that appears meanwhile, never its target). The
// result is owner-only (0600). Gives the bytes really written, or why nothing was.
Result<qint64> writeExportFile(const QString& path, const QByteArray& bytes);

} // namespace clawtray
