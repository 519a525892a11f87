#pragma once

#include <QString>

namespace clawtray {

// The text without terminal escape sequences: CSI (colours, cursor movement), OSC (window titles,
// hyperlinks; ended by BEL or ST) and two-character escapes. The gateway's and the doctor's output
// pass through this before anyone reads or matches it.
QString stripAnsi(const QString& text);

} // namespace clawtray
