#!/usr/bin/python3
# A hostile local listener for the security tests: run as ANOTHER user, it binds a loopback port
# and imitates an OpenClaw gateway as well as it can (GET /startupz, /readyz, /healthz answer 200
# "started"; a WebSocket upgrade gets a connect.challenge), and writes every byte a client sends
# after the upgrade, decoded, to a log file, so a test can assert that no token or device
# signature ever reached it. Usage: hostile_listener.py PORT LOGFILE
# Only the standard library: it must run as an unprivileged user (no pyenv shims).
import base64, hashlib, json, os, socket, struct, sys, threading, time

port = int(sys.argv[1])
log_path = sys.argv[2]
# "oversize": the first WebSocket frame is 8 MiB of text instead of a challenge.
mode = sys.argv[3] if len(sys.argv) > 3 else "imitate"
lock = threading.Lock()


def log(kind, data):
    with lock, open(log_path, "a") as f:
        f.write(json.dumps({"kind": kind, "data": data}) + "\n")


def read_frames(conn):
    buf = b""
    while True:
        chunk = conn.recv(65536)
        if not chunk:
            return
        buf += chunk
        while len(buf) >= 2:
            b1, b2 = buf[0], buf[1]
            length = b2 & 0x7F
            at = 2
            if length == 126:
                if len(buf) < 4:
                    break
                length = struct.unpack(">H", buf[2:4])[0]
                at = 4
            elif length == 127:
                if len(buf) < 10:
                    break
                length = struct.unpack(">Q", buf[2:10])[0]
                at = 10
            masked = b2 & 0x80
            mask = b""
            if masked:
                mask = buf[at:at + 4]
                at += 4
            if len(buf) < at + length:
                break
            payload = bytearray(buf[at:at + length])
            if masked:
                for i in range(length):
                    payload[i] ^= mask[i % 4]
            buf = buf[at + length:]
            log("frame", payload.decode("utf-8", "replace"))
            if b1 & 0x0F == 0x8:
                return


def serve(conn):
    try:
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = conn.recv(4096)
            if not chunk:
                return
            head += chunk
        text = head.decode("latin-1")
        lines = text.split("\r\n")
        log("request", lines[0])
        headers = {l.split(":", 1)[0].strip().lower(): l.split(":", 1)[1].strip() for l in lines[1:] if ":" in l}
        if headers.get("upgrade", "").lower() == "websocket":
            key = headers.get("sec-websocket-key", "")
            accept = base64.b64encode(hashlib.sha1((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").encode()).digest())
            conn.sendall(b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                         b"Sec-WebSocket-Accept: " + accept + b"\r\n\r\n")
            if mode == "oversize":
                data = b"x" * (8 * 1024 * 1024)
                try:
                    conn.sendall(bytes([0x81, 127]) + struct.pack(">Q", len(data)) + data)
                except OSError:
                    pass
                read_frames(conn)
                return
            challenge = json.dumps({"type": "event", "event": "connect.challenge",
                                    "payload": {"nonce": "hostile-nonce-0123456789", "ts": int(time.time() * 1000)}})
            data = challenge.encode()
            conn.sendall(bytes([0x81, len(data)]) + data if len(data) < 126
                         else bytes([0x81, 126]) + struct.pack(">H", len(data)) + data)
            read_frames(conn)
            return
        body = json.dumps({"ok": True, "status": "started", "ready": True, "failing": []}).encode()
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                     + str(len(body)).encode() + b"\r\nConnection: keep-alive\r\n\r\n" + body)
        while conn.recv(4096):
            pass
    except OSError:
        pass
    finally:
        conn.close()


servers = []
for family, host in ((socket.AF_INET, "127.0.0.1"), (socket.AF_INET6, "::1")):
    try:
        s = socket.socket(family, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind((host, port))
        s.listen(16)
        servers.append(s)
    except OSError:
        pass
if not servers:
    sys.exit(1)
print("listening", flush=True)


def accept_loop(s):
    while True:
        conn, _ = s.accept()
        threading.Thread(target=serve, args=(conn,), daemon=True).start()


for s in servers[1:]:
    threading.Thread(target=accept_loop, args=(s,), daemon=True).start()
accept_loop(servers[0])
