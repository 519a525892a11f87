#pragma once

#include <string>

namespace clawtray {

// The directory of the running executable, with a trailing '/', or "" when the system cannot say.
// Plain C++ (no Qt): the entry points ask before a QCoreApplication exists, to find their sibling
// binary (clawtray-desktop --headless runs clawtray).
std::string ownExecutableDir();

} // namespace clawtray
