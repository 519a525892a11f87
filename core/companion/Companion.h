#pragma once

namespace clawtray {

class ActivityModel;
class ApprovalsModel;
class ChannelsModel;
class PairingModel;

// The companion models built on ClawTray's operator connection, as one value to hand to the
// control server, the tray and the window. Any of them may be null (still starting, or a test
// that needs only one); the models belong to the AppContext.
struct Companion
{
    ApprovalsModel* approvals = nullptr;
    ChannelsModel* channels = nullptr;
    PairingModel* pairing = nullptr;
    ActivityModel* activity = nullptr;
};

} // namespace clawtray
