#include "process/ProcessHost.h"

#include <atomic>

namespace clawtray {
namespace {
std::atomic<const ProcessHost*> g_override{nullptr};
}

const ProcessHost& ProcessHost::current()
{
    if (const ProcessHost* h = g_override.load(std::memory_order_acquire))
        return *h;
    return currentSystem();
}

void ProcessHost::setCurrentForTesting(const ProcessHost* host)
{
    g_override.store(host, std::memory_order_release);
}

} // namespace clawtray
