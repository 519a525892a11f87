// libFuzzer target for everything ClawTray parses from the network: frames (both dialects), the
// gateway's error objects, connect.challenge and hello-ok. Besides "no crash, no UB, no leak"
// (the sanitizers' job), it checks invariants a parser must keep on any input and traps when one
// breaks, so the fuzzer reports it like a crash.
#include "protocol/ConnectChallenge.h"
#include "protocol/Frame.h"
#include "protocol/GatewayError.h"
#include "protocol/HelloOk.h"

#include <cstddef>
#include <cstdint>

using namespace clawtray;

namespace {

void require(bool condition)
{
    if (!condition)
        __builtin_trap();
}

// A verdict is either "accepted, no reason" or "rejected, with a kind and a reason".
void requireConsistent(const FrameParseResult& r)
{
    require(r.ok == static_cast<bool>(r));
    if (r.ok)
        require(r.error.isEmpty() && r.rejection == FrameRejection::None);
    else
        require(!r.error.isEmpty() && r.rejection != FrameRejection::None);
}

void exerciseError(const GatewayError& e)
{
    require(!e.code.isEmpty());
    const ErrorExplanation why = e.explain();
    require(!why.summary.isEmpty());
    // Classification helpers must agree with kind().
    const GatewayError::Kind kind = e.kind();
    require(e.isProtocolMismatch() == (kind == GatewayError::Kind::ProtocolMismatch));
    if (e.isAuthFailure())
        require(!e.isProtocolMismatch());
    // Serialising and parsing again keeps what decides anything.
    const GatewayError back = GatewayError::fromJson(e.toJson());
    require(back.code == e.code && back.detailsCode == e.detailsCode && back.retryable == e.retryable);
    require(back.kind() == kind);
}

void exercisePayload(const QJsonValue& payload)
{
    const ConnectChallengeResult challenge = parseConnectChallenge(payload);
    require(challenge.ok == challenge.error.isEmpty());
    if (challenge.ok)
        require(!challenge.challenge.nonce.isEmpty() && challenge.challenge.ts > 0);

    const HelloOkResult hello = parseHelloOk(payload);
    require(hello.ok == hello.error.isEmpty());
    if (hello.ok)
        require(hello.hello.protocol > 0 && hello.hello.maxPayload > 0 && hello.hello.tickIntervalMs > 0);

    if (payload.isObject()) {
        exerciseError(GatewayError::fromJson(payload.toObject()));
        exerciseError(GatewayError::fromJsonRpc(payload.toObject()));
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));

    const FrameParseResult r = parseFrame(bytes);
    requireConsistent(r);
    // The pre-handshake limit refuses by size alone, before any parsing.
    if (bytes.size() > kPreHandshakeMaxFrameBytes)
        require(parseFrame(bytes, kPreHandshakeMaxFrameBytes).rejection == FrameRejection::Oversized);

    if (!r.ok)
        return 0;
    const Frame& f = r.frame;
    require(f.isEvent() ? !f.event.isEmpty() : !f.id.isEmpty());

    // Whatever was accepted can be rebuilt, and the rebuilt bytes parse to the same frame.
    const FrameParseResult again = parseFrame(f.toBytes(), 0);
    requireConsistent(again);
    require(again.ok);
    require(again.frame.kind == f.kind && again.frame.id == f.id && again.frame.event == f.event &&
            again.frame.method == f.method && again.frame.ok == f.ok && again.frame.seq == f.seq);

    if (const auto e = GatewayError::fromFrame(f))
        exerciseError(*e);
    if (f.isEvent()) {
        const ConnectChallengeResult c = parseConnectChallengeFrame(f);
        require(c.ok == c.error.isEmpty());
    }
    if (f.isResponse()) {
        const HelloOkResult h = parseHelloOkFrame(f);
        require(h.ok == h.error.isEmpty());
        require(h.gatewayError.has_value() == !f.ok);
    }
    exercisePayload(f.payload);
    exercisePayload(f.params);

    const int closeCode = size >= 2 ? (data[0] << 8 | data[1]) : 1000;
    require(!classifyCloseCode(closeCode).name.isEmpty());
    return 0;
}
