#include "process/OwnExecutable.h"

#include "process/ProcessHost.h"

namespace clawtray {

std::string ownExecutableDir()
{
    return ProcessHost::current().ownExecutableDir();
}

} // namespace clawtray
