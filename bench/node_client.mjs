// The Node side of benchmark 4: a gateway client written the way an Electron/Node supervisor would
// write it — the `ws` package from the ClawTray runtime dir, JSON.stringify/parse — doing the same
// protocol v4 handshake as ClawTray (challenge → connect signed with a v3 Ed25519 device identity
// → hello-ok) and then the same calls. Prints one JSON object on stdout.
//
//   node node_client.mjs --port P --token T [--runtime-dir D] [--seq N] [--total M] [--window W]
//                        [--warmup K] [--method fake.echo]
import { createRequire } from 'node:module';
import crypto from 'node:crypto';
import path from 'node:path';
import os from 'node:os';

function arg(name, def) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : def;
}

const port = Number(arg('port', '0'));
const token = arg('token', '');
const runtimeDir = arg('runtime-dir', process.env.CLAWTRAY_RUNTIME_DIR
  || path.join(os.homedir(), '.local/share/clawtray/runtime'));
const seqCount = Number(arg('seq', '10000'));
const total = Number(arg('total', '20000'));
const windowSize = Number(arg('window', '1000'));
const warmup = Number(arg('warmup', '500'));
const method = arg('method', 'fake.echo');

const require = createRequire(path.join(runtimeDir, 'node_modules', 'clawtray-bench.js'));
const WebSocket = require('ws');
function wsVersion() {
  try { return require('ws/package.json').version; } catch { return 'unknown'; }
}

// Same constants as core/protocol/ConnectParams.
const CLIENT_ID = 'gateway-client';
const CLIENT_MODE = 'backend';
const ROLE = 'operator';
const SCOPES = ['operator.read', 'operator.write', 'operator.admin'];
const PLATFORM = process.platform === 'win32' ? 'win32' : os.type().toLowerCase();

const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
const rawPublic = Buffer.from(publicKey.export({ format: 'jwk' }).x, 'base64url');
const deviceId = crypto.createHash('sha256').update(rawPublic).digest('hex');

const hrMs = () => Number(process.hrtime.bigint()) / 1e6;
let nextId = 0;
const pending = new Map();

// stdout to a pipe is asynchronous in Node: exit only once the document is flushed.
function finish(doc, code) {
  process.stdout.write(JSON.stringify(doc) + '\n', () => process.exit(code));
}

function fail(message) {
  finish({ ok: false, error: message }, 1);
}

const ws = new WebSocket(`ws://127.0.0.1:${port}`, { perMessageDeflate: false, maxPayload: 64 * 1024 * 1024 });
let connectSettle;
const connected = new Promise((resolve, reject) => { connectSettle = { resolve, reject }; });

ws.on('error', (e) => fail(`socket error: ${e.message}`));
ws.on('close', (code) => { if (connectSettle) connectSettle.reject(new Error(`closed ${code}`)); });
ws.on('message', (data) => {
  const frame = JSON.parse(data.toString());
  if (frame.type === 'event') {
    if (frame.event === 'connect.challenge') sendConnect(frame.payload);
    return;
  }
  if (frame.type !== 'res') return;
  const p = pending.get(frame.id);
  if (!p) return;
  pending.delete(frame.id);
  p(frame);
});

function sendConnect(challenge) {
  const signedAt = challenge.ts;
  const payload = ['v3', deviceId, CLIENT_ID, CLIENT_MODE, ROLE, SCOPES.join(','), String(signedAt), token,
    challenge.nonce, PLATFORM.trim().toLowerCase(), ''].join('|');
  const signature = crypto.sign(null, Buffer.from(payload, 'utf8'), privateKey).toString('base64url');
  const id = `connect-${++nextId}`;
  pending.set(id, (frame) => {
    if (frame.ok) connectSettle.resolve(frame.payload);
    else connectSettle.reject(new Error(JSON.stringify(frame.error)));
    connectSettle = null;
  });
  ws.send(JSON.stringify({
    type: 'req', id, method: 'connect',
    params: {
      minProtocol: 4, maxProtocol: 4,
      client: { id: CLIENT_ID, version: 'bench', platform: PLATFORM, mode: CLIENT_MODE, displayName: 'Node bench' },
      role: ROLE, scopes: SCOPES, caps: [],
      device: { id: deviceId, publicKey: rawPublic.toString('base64url'), signature, signedAt, nonce: challenge.nonce },
      auth: { token },
    },
  }));
}

// One RPC: resolves with the latency in ms; a gateway error rejects.
function call(params) {
  return new Promise((resolve, reject) => {
    const id = String(++nextId);
    const t0 = hrMs();
    pending.set(id, (frame) => (frame.ok ? resolve(hrMs() - t0) : reject(new Error(JSON.stringify(frame.error)))));
    ws.send(JSON.stringify({ type: 'req', id, method, params }));
  });
}

const cpuMs = (c) => (c.user + c.system) / 1000;

async function sequential(n, tag) {
  const lat = new Array(n);
  const c0 = process.cpuUsage();
  const t0 = hrMs();
  for (let i = 0; i < n; ++i) lat[i] = await call({ i, tag });
  return { lat, wallMs: hrMs() - t0, cpuMs: cpuMs(process.cpuUsage(c0)) };
}

function pipelined(n, window, tag) {
  return new Promise((resolve, reject) => {
    const lat = [];
    let issued = 0;
    let done = 0;
    const c0 = process.cpuUsage();
    const t0 = hrMs();
    const issue = () => {
      const i = issued++;
      call({ i, tag }).then((ms) => {
        lat.push(ms);
        if (++done === n) resolve({ lat, wallMs: hrMs() - t0, cpuMs: cpuMs(process.cpuUsage(c0)) });
        else if (issued < n) issue();
      }, reject);
    };
    for (let k = 0; k < Math.min(window, n); ++k) issue();
  });
}

try {
  const tc = hrMs();
  await connected;
  const handshakeMs = hrMs() - tc;
  await sequential(warmup, 'warmup');
  const seq = await sequential(seqCount, 'seq');
  await pipelined(Math.min(warmup * 4, total), windowSize, 'warmup');
  const pipe = await pipelined(total, windowSize, 'pipe');
  ws.close();
  finish({
    ok: true,
    node: process.version,
    ws: wsVersion(),
    handshakeMs,
    sequential: { calls: seqCount, wallMs: seq.wallMs, cpuMs: seq.cpuMs, latenciesMs: seq.lat },
    pipelined: { calls: total, window: windowSize, wallMs: pipe.wallMs, cpuMs: pipe.cpuMs, latenciesMs: pipe.lat },
  }, 0);
} catch (e) {
  fail(String(e && e.message ? e.message : e));
}
