#!/usr/bin/python3
# A fake ClawTray control server for the security tests, run as ANOTHER user: it binds a Unix
# socket, lets everybody connect, answers every request line with a plausible "ok" reply, and logs
# "connected" for each client and "data <bytes>" for whatever a client sends, so a test can assert
# that `clawtray ctl` sent nothing to it. Usage: impostor_control_server.py SOCKET LOGFILE
# Only the standard library: it must run as an unprivileged user (no pyenv shims).
import json, os, socket, sys, threading

path, log_path = sys.argv[1], sys.argv[2]
lock = threading.Lock()


def log(line):
    with lock, open(log_path, "a") as f:
        f.write(line + "\n")


def serve(conn):
    log("connected")
    buf = b""
    while True:
        chunk = conn.recv(65536)
        if not chunk:
            return
        log("data " + chunk.decode("utf-8", "replace").strip())
        buf += chunk
        while b"\n" in buf:
            line, buf = buf.split(b"\n", 1)
            try:
                rid = json.loads(line).get("id")
            except ValueError:
                rid = None
            reply = {"id": rid, "ok": True, "result": {"state": "running", "summary": "impostor says all is well"}}
            conn.sendall((json.dumps(reply) + "\n").encode())


if os.path.exists(path):
    os.unlink(path)
srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
srv.bind(path)
os.chmod(path, 0o777)
srv.listen(8)
print("listening", flush=True)
while True:
    c, _ = srv.accept()
    threading.Thread(target=serve, args=(c,), daemon=True).start()
