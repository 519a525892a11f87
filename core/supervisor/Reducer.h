#pragma once

#include "supervisor/ReducerTypes.h"

namespace clawtray {

// The supervisor's lifecycle as a pure function: next(run, facts, event) → (run, effects). No I/O,
// no clock (the time is a fact), no Qt event loop. GatewayManager feeds its signals and timers in
// as events and carries the effects out (docs/ARCHITECTURE.md, "The reducer");
// tst_supervisor_reducer walks every state, fact and event.
//
// It covers the user's start, stop and restart (intents:: decides their path); a start that
// reached the gateway; losing the gateway and getting it back (the socket closing, the gateway not
// answering, an exit nobody asked for, the restart handoff, the gateway's announced restart, the
// backoff, the governor, the move); a start that failed (show the problem, attach to the state
// dir's owner, back off a recovery, the next attempt, the doctor, the retry); what follows a stop;
// the error state; a reload, the safe restart, the user's doctor, and quitting. A policy that
// keeps its own state (the restart coordinator, the backoff, the governor, the start attempts) is
// asked through an effect, and its answer comes back as an event. Its vocabulary (the facts, the
// events, the step) is supervisor/ReducerTypes.h; its steps, one function an event, ReducerSteps.h.
namespace reducer {

Step next(LifecycleRun run, const Facts& facts, const Event& event);

} // namespace reducer
} // namespace clawtray
