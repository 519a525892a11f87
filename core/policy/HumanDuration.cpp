#include "policy/HumanDuration.h"

#include "policy/UserText.h"

namespace clawtray {

QString humanDuration(qint64 ms)
{
    return durationText(ms, DurationStyle::Wait);
}

QString elapsedText(qint64 ms)
{
    return durationText(ms, DurationStyle::Elapsed);
}

} // namespace clawtray
