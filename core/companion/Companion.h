#pragma once

namespace clawtray {

class ActivityModel;
class ApprovalsModel;
class ChannelsModel;
class GatewayUpdater;
class PairingModel;
class UpdateChecker;

// The companion models built on ClawTray's operator connection, as one value to hand to the
// control server, the tray and the window. Any of them may be null (still starting, or a test
// that needs only one); the models belong to the AppContext.
struct Companion
{
    ApprovalsModel* approvals = nullptr;
    ChannelsModel* channels = nullptr;
    PairingModel* pairing = nullptr;
    ActivityModel* activity = nullptr;
    UpdateChecker* updateChecker = nullptr; // is a newer OpenClaw out?
    GatewayUpdater* updater = nullptr;       // update / roll back the gateway
};

} // namespace clawtray
