// Step 7 of `npm run bench`: how many calls the emulator itself holds on this machine, with no browser. Each caller is
// Node, as test/node/ plays the SDK: a relay websocket of its own, a guest token, `signalwire.connect`, a verto.invite
// to /public/echo with a werift peer's offer (test/node/support/relay-client.ts), then a stream of numbered 20 ms RTP
// packets whose echoes it times (test/node/support/rtp-caller.ts). Calls are added `step` at a time and held. After
// each addition, over a window of WINDOW_MS: each held call's share of packets echoed, the echo's round trip, and the
// CPU time of the emulator's process (GET /__stats) and of the callers (this process) per second of call. A level
// holds when every call was placed, each had at least MIN_ECHOED of its packets echoed, and 95 % of the echoes came
// back within PROMPT_MS (past its CPU, the emulator does not drop packets: it answers later and later). The step stops
// at the first level that does not hold, or at `max`; then hangs every call up and reads that the emulator freed them.
// Figures only: the level that falls short is the result. The callers share the machine with the emulator, so their
// CPU is reported beside it.
//
//   node bench/emulator-load.mjs      this step alone (BENCH_EMULATOR_STEP, BENCH_EMULATOR_MAX), with a report
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

/** How long the held calls are measured after each addition. */
const WINDOW_MS = 5_000;
/** Packets sent this long before the window ends still have time to come back. */
const ECHO_GRACE_MS = 500;
/** A call holds when at least this share of its packets comes back. */
const MIN_ECHOED = 0.9;
/**
 * …and 95 % of the echoes come back within this (ITU-T G.114's 150 ms, there for one way of a call, here for a round
 * trip through the relay's media: a generous bound for a far end on the same machine).
 */
const PROMPT_MS = 150;
/** Tries per call: werift's DTLS between two of its own peers now and then never completes on a loaded machine. */
const ATTEMPTS = 2;
const SETUP_LIMIT_MS = 20_000;

const { RelayClient, dialogParams, inviteParams } = await tsImport('../test/node/support/relay-client.ts', import.meta.url);
const { RtpCaller } = await tsImport('../test/node/support/rtp-caller.ts', import.meta.url);
const { DEMO_C2C_TOKEN } = await tsImport('../emulator/index.ts', import.meta.url);

async function json(origin, path, init) {
  const response = await fetch(`${origin}${path}`, init);
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

const stats = (origin) => json(origin, '/__stats');

function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** One caller: its own socket and session, a call to /public/echo, packets streaming once the echo is heard. */
async function placeCall(origin) {
  let lastError;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const client = await RelayClient.open(origin);
    let caller;
    const callID = randomUUID();
    try {
      const { token } = await json(origin, '/api/fabric/embeds/tokens', {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: DEMO_C2C_TOKEN }),
      });
      const connected = await client.connect(token);
      if (!connected.result) throw new Error(`connect refused: ${JSON.stringify(connected.error)}`);
      caller = await RtpCaller.create();
      await client.request('webrtc.verto', inviteParams(callID, '/public/echo', caller.offerSdp));
      const answer = await client.waitForEvent('webrtc.message',
        (params) => params.method === 'verto.answer' && params.params.callID === callID, SETUP_LIMIT_MS);
      await caller.accept(answer.params.params.params.sdp);
      await caller.sendUntilEchoed(20, SETUP_LIMIT_MS);
      return { client, caller, callID, attempts: attempt, stop: caller.stream(20) };
    } catch (error) {
      lastError = error;
      // A call the relay placed is hung up, or the emulator would keep it until its session's orphan limit.
      await hangUp({ client, caller, callID, stop: () => undefined }).catch(() => undefined);
    }
  }
  throw lastError;
}

async function hangUp(call) {
  call.stop();
  await call.client.request('webrtc.verto', {
    message: { jsonrpc: '2.0', id: randomUUID(), method: 'verto.bye', params: { dialogParams: dialogParams(call.callID, '/public/echo') } },
    callID: call.callID,
  }).catch(() => undefined);
  await call.caller?.close().catch(() => undefined);
  call.client.close();
}

/** Every held call's echo over the window, and the CPU the emulator and the callers spent on the calls in it. */
async function measureWindow(origin, calls) {
  const before = { emulator: (await stats(origin)).processCpuMs, callers: process.cpuUsage(), at: performance.now() };
  await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
  const after = { emulator: (await stats(origin)).processCpuMs, callers: process.cpuUsage(before.callers), at: performance.now() };
  const from = before.at;
  const to = after.at - ECHO_GRACE_MS;
  const shares = [];
  const roundTrips = [];
  for (const { caller } of calls) {
    let sent = 0;
    let echoed = 0;
    for (const [id, sentAt] of caller.sentAt) {
      if (sentAt < from || sentAt > to) continue;
      sent++;
      const back = caller.echoedAt.get(id);
      if (back === undefined) continue;
      echoed++;
      roundTrips.push(back - sentAt);
    }
    shares.push(sent ? echoed / sent : 0);
  }
  const callSeconds = ((after.at - before.at) / 1000) * calls.length;
  return {
    echoedShare: { min: Math.min(...shares), median: percentile(shares, 50) },
    roundTripMs: { median: percentile(roundTrips, 50), p95: percentile(roundTrips, 95) },
    cpu: {
      emulatorMsPerCallSecond: Math.round(((after.emulator - before.emulator) / callSeconds) * 10) / 10,
      callersMsPerCallSecond: Math.round(((after.callers.user + after.callers.system) / 1000 / callSeconds) * 10) / 10,
    },
  };
}

/**
 * @param {{ emulatorOrigin: string, step: number, max: number, log: (line: string) => void }} options
 */
export async function measureEmulatorLoad({ emulatorOrigin, step, max, log }) {
  await fetch(`${emulatorOrigin}/__faults`, { method: 'DELETE' });
  const held = [];
  const levels = [];
  try {
    for (let target = step; target <= max; target += step) {
      const started = performance.now();
      const placed = await Promise.allSettled(Array.from({ length: target - held.length }, () => placeCall(emulatorOrigin)));
      const failed = placed.filter((p) => p.status === 'rejected').map((p) => String(p.reason?.message ?? p.reason));
      held.push(...placed.filter((p) => p.status === 'fulfilled').map((p) => p.value));
      const setupMs = Math.round(performance.now() - started);
      const window = held.length ? await measureWindow(emulatorOrigin, held) : null;
      const emulator = await stats(emulatorOrigin);
      const level = {
        calls: target,
        held: held.length,
        failed,
        retried: placed.filter((p) => p.status === 'fulfilled' && p.value.attempts > 1).length,
        setupMs,
        emulatorHeld: { calls: emulator.activeCalls, sockets: emulator.sockets, mediaPeers: emulator.mediaPeers },
        ...window,
      };
      level.echoing = failed.length === 0 && window !== null && window.echoedShare.min >= MIN_ECHOED;
      level.holds = level.echoing && window.roundTripMs.p95 !== null && window.roundTripMs.p95 <= PROMPT_MS;
      levels.push(level);
      log(`  ${target} calls: ${held.length} placed${failed.length ? ` (${failed.length} failed)` : ''} in ${setupMs} ms; echoed share min ` +
        `${window ? window.echoedShare.min.toFixed(3) : '—'}, round trip median ${window?.roundTripMs.median?.toFixed(1) ?? '—'} ms ` +
        `(p95 ${window?.roundTripMs.p95?.toFixed(1) ?? '—'}); CPU per call: emulator ${window?.cpu.emulatorMsPerCallSecond ?? '—'} ms/s, ` +
        `callers ${window?.cpu.callersMsPerCallSecond ?? '—'} ms/s`);
      if (!level.holds) break;
    }
  } finally {
    await Promise.all(held.map(hangUp));
  }
  const deadline = Date.now() + 20_000;
  let after = await stats(emulatorOrigin);
  while ((after.activeCalls > 0 || after.mediaPeers > 0) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    after = await stats(emulatorOrigin);
  }
  return {
    levels,
    mostHeld: Math.max(0, ...levels.filter((level) => level.holds).map((level) => level.calls)),
    promptMs: PROMPT_MS,
    peakCalls: after.peakCalls,
    afterHangup: { calls: after.activeCalls, mediaPeers: after.mediaPeers, sockets: after.sockets },
    windowMs: WINDOW_MS,
    minEchoed: MIN_ECHOED,
  };
}

/** The report lines of this step (also the README table's notes; see tables.mjs). */
export function describeEmulatorLoad(result) {
  const lines = result.levels.map((l) => `${l.calls} calls: ${l.held} held${l.failed.length ? `, ${l.failed.length} not placed (${[...new Set(l.failed)].join('; ')})` : ''}` +
    `${l.retried ? `, ${l.retried} placed on a second try` : ''}; echoed share min ${l.echoedShare?.min?.toFixed(3) ?? '—'}, median ${l.echoedShare?.median?.toFixed(3) ?? '—'}; ` +
    `round trip median ${l.roundTripMs?.median?.toFixed(1) ?? '—'} ms, p95 ${l.roundTripMs?.p95?.toFixed(1) ?? '—'} ms; ` +
    `CPU ms per second of call: emulator ${l.cpu?.emulatorMsPerCallSecond ?? '—'}, callers ${l.cpu?.callersMsPerCallSecond ?? '—'}`);
  return [
    `The emulator alone (Node callers, no browser) held ${result.mostHeld} calls at once, each echoing at least ${result.minEchoed * 100} % of its packets ` +
      `and 95 % of all echoes back within ${result.promptMs} ms; ` +
      `the most it held at once: ${result.peakCalls}; after the hang-ups: ${result.afterHangup.calls} calls, ${result.afterHangup.mediaPeers} echo peers.`,
    ...lines,
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { startEmulatorProcess } = await tsImport('../emulator/index.ts', import.meta.url);
  const { readSettings } = await import('./settings.mjs');
  const { describeMachine, loadAverage } = await import('./machine.mjs');
  const settings = readSettings();
  const emulator = await startEmulatorProcess();
  const loadAverageAtStart = loadAverage();
  let exitCode = 0;
  try {
    const log = (line) => console.error(line);
    log(`emulator alone: up to ${settings.emulatorLoadMax} calls, ${settings.emulatorLoadStep} more each level`);
    const result = await measureEmulatorLoad({ emulatorOrigin: emulator.origin, step: settings.emulatorLoadStep, max: settings.emulatorLoadMax, log });
    const machine = { ...(await describeMachine()), loadAverageAtStart, loadAverageAtEnd: loadAverage() };
    const path = fileURLToPath(new URL('../.scratch/bench/emulator-load.json', import.meta.url));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, `${JSON.stringify({ date: new Date().toISOString(), machine, settings, emulatorLoad: result }, null, 2)}\n`);
    console.log(['', `emulator alone — ${machine.cpuModel}, ${machine.cores} cores, load average ${machine.loadAverageAtStart} → ${machine.loadAverageAtEnd}`,
      ...describeEmulatorLoad(result).map((line) => `  · ${line}`), '', `results in ${path}`].join('\n'));
  } catch (error) {
    console.error('emulator load failed:', error.stack ?? error);
    exitCode = 1;
  } finally {
    await emulator.close();
  }
  // The callers' werift peers retransmit DTLS flights for a while after a call that never connected; nothing is waited for.
  process.exit(exitCode);
}
