// The contract of the adapter's seam: for the SDK under a root (node_modules/@signalwire, or `C2C_SDK_ROOT`), every
// target of `SEAM` is where the adapter expects it, with the shape it expects. The SDK's browser build is bundled as
// the browser takes it (test/support/sdk-scratch.ts) and run in Node against the local space emulator: a real client
// (`SignalWire()`, its saga monitor, its session and websocket), a real call object (`dial()`), a real peer built by
// the call (`_buildPeer`, wrapped by the adapter's own `guardPeers` as for its calls) whose own connection-state
// listener runs. What a browser would give the SDK and Node does not have (storage, `Audio`, `MediaStream`, tracks,
// the `RTCPeerConnection` the SDK listens on) are small stand-ins, listed in `installStandIns`; nothing of the SDK is
// replaced. Each check says how it looked: `object` (on the SDK's own objects, or what they did), or `source` (in the
// loaded code, where no object shows it without a real browser).
import { rmSync } from 'node:fs';
import { request } from 'node:http';
import { pathToFileURL } from 'node:url';
import WebSocket from 'ws';
import { guardPeers } from '../../../src/signalwire/sdk-internals.ts';
import { SEAM, type SeamTarget } from '../../../src/signalwire/sdk-seam.ts';
import { sdkStorageKeys } from '../../../src/signalwire/sdk-storage.ts';
import { moduleEntry, SDK_PACKAGES, writeSdkModule } from '../../support/sdk-scratch.ts';
import { DEMO_C2C_TOKEN } from '../../../emulator/index.ts';

export type How = 'object' | 'source';

export interface Finding {
  target: SeamTarget;
  /** `SEAM[target]`: the name in the SDK. */
  name: string;
  how: How;
  /** What is wrong; undefined when the target is as expected. */
  problem?: string;
}

export interface SeamReport {
  findings: Finding[];
  /** The targets that are not as expected, or could not be looked at (the reason says which). */
  problems: Finding[];
  /** The SDK files the bundle took, relative to the root: the browser build's. */
  files: string[];
}

/** How each target is looked at (the contract's own list: a target of `SEAM` without a check fails). */
export const HOW: Record<SeamTarget, How> = {
  sagaMonitor: 'object', forkedSession: 'object', sessionConnected: 'object', clearSessionTimers: 'object', closeConnection: 'object',
  workerInstance: 'object', attachSpeakerWatch: 'object', wsClient: 'object', store: 'object', audioElement: 'object',
  buildPeer: 'object', connectionStateTimer: 'object', clearPeerTimers: 'object', peer: 'object', peerConnection: 'object', peerListeners: 'object',
  localStreamOption: 'object', updateStream: 'object', leaveReason: 'object', reconnectTimeout: 'source', cause: 'object',
  causeCode: 'object', microphoneGone: 'object', cameraGone: 'object', trying: 'source', early: 'source',
  mediaReconnecting: 'object', mediaDisconnected: 'object', mediaConnected: 'object', storagePrefixes: 'object', logLevelKey: 'object',
};

/** The limit on each step that waits for the SDK (connect, dial, the session closing). */
const STEP_MS = 5_000;
/**
 * The peer's method that makes its peer connection (`new RTCPeerConnection()`: a stand-in here) and attaches its
 * listeners to it and to the tracks it sends, as start() does: the contract's way in.
 */
const PEER_SETUP = '_setupRTCPeerConnection';

type Bag = Record<string, any>;

/** sessionStorage and localStorage as a page has them: items are also properties (loglevel writes `storage[key] =`). */
class StandInStorage {
  readonly written = new Set<string>();
  readonly removed = new Set<string>();
  readonly items = new Map<string, string>();
  constructor() {
    return new Proxy(this, {
      get: (target, key, receiver) => (typeof key === 'string' && !(key in target) ? target.items.get(key) : Reflect.get(target, key, receiver)),
      set: (target, key, value) => {
        if (typeof key === 'string' && !(key in target)) target.setItem(key, String(value));
        else Reflect.set(target, key, value);
        return true;
      },
    });
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.written.add(key);
    this.items.set(key, String(value));
  }
  removeItem(key: string): void {
    this.removed.add(key);
    this.items.delete(key);
  }
  clear(): void {
    this.items.clear();
    this.written.clear();
    this.removed.clear();
  }
}

/** An EventTarget that tells which listeners are on it, and which `on…` handlers are set. */
class ListenedTo extends EventTarget {
  readonly #listeners: { type: string; listener: unknown; capture: boolean }[] = [];
  override addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void {
    const capture = typeof options === 'boolean' ? options : Boolean(options?.capture);
    if (listener && this.#find(type, listener, capture) < 0) this.#listeners.push({ type, listener, capture });
    super.addEventListener(type, listener, options);
  }
  override removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions): void {
    const capture = typeof options === 'boolean' ? options : Boolean(options?.capture);
    const at = this.#find(type, listener, capture);
    if (at >= 0) this.#listeners.splice(at, 1);
    super.removeEventListener(type, listener, options);
  }
  #find(type: string, listener: unknown, capture: boolean): number {
    return this.#listeners.findIndex((l) => l.type === type && l.listener === listener && l.capture === capture);
  }
  /** The types of the listeners on it, and `on…` for each handler set. */
  listening(): string[] {
    const handlers = Object.keys(this).filter((key) => key.startsWith('on') && typeof (this as Bag)[key] === 'function');
    return [...this.#listeners.map((l) => l.type), ...handlers];
  }
}

class StandInTrack extends ListenedTo {
  readonly id = `${this.kind}-track`;
  enabled = true;
  readyState = 'live';
  constructor(readonly kind: 'audio' | 'video', readonly label: string) {
    super();
  }
  stop(): void {
    this.readyState = 'ended';
  }
}

class StandInStream {
  readonly #tracks: StandInTrack[];
  constructor(tracks: StandInTrack[] = []) {
    this.#tracks = [...tracks];
  }
  getTracks() {
    return [...this.#tracks];
  }
  getAudioTracks() {
    return this.#tracks.filter((track) => track.kind === 'audio');
  }
  getVideoTracks() {
    return this.#tracks.filter((track) => track.kind === 'video');
  }
  addTrack(track: StandInTrack) {
    this.#tracks.push(track);
  }
  removeTrack(track: StandInTrack) {
    this.#tracks.splice(this.#tracks.indexOf(track), 1);
  }
}

/** What the SDK reads of a peer connection while its listeners run. */
class StandInPeerConnection extends ListenedTo {
  connectionState: RTCPeerConnectionState = 'new';
  signalingState: RTCSignalingState = 'stable';
  iceConnectionState = 'new';
  iceGatheringState = 'new';
  getSenders() {
    return [];
  }
  getReceivers() {
    return [];
  }
  getTransceivers() {
    return [];
  }
  restartIce() {}
  close() {}
  to(state: RTCPeerConnectionState) {
    this.connectionState = state;
    this.dispatchEvent(new Event('connectionstatechange'));
  }
}

const storages = { session: new StandInStorage(), local: new StandInStorage() };

/** The browser objects the SDK uses while it connects and builds a call, as Node has none. */
export function installStandIns(): void {
  const global = globalThis as Bag;
  global.window ??= globalThis;
  global.WebSocket ??= WebSocket;
  global.sessionStorage = storages.session;
  global.localStorage = storages.local;
  global.MediaStream ??= StandInStream;
  global.Audio ??= class Audio {};
  global.RTCPeerConnection ??= StandInPeerConnection;
}

/** A guest token from the emulator, on a connection closed after it (nothing of the exchange stays open). */
function guestToken(origin: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ token: DEMO_C2C_TOKEN });
    const sent = request(`${origin}/api/fabric/embeds/tokens`, {
      method: 'POST', agent: false, headers: { 'content-type': 'application/json', connection: 'close' },
    }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => void (text += chunk));
      response.on('end', () => (response.statusCode === 201 ? resolve((JSON.parse(text) as { token: string }).token) : reject(new Error(`exchange: ${response.statusCode} ${text}`))));
    });
    sent.on('error', reject);
    sent.end(body);
  });
}

const SILENT_LOGGER = Object.fromEntries(['fatal', 'error', 'warn', 'info', 'debug', 'trace'].map((level) => [level, () => undefined]));

async function within<T>(work: Promise<T>, what: string, ms = STEP_MS): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([work, new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms);
    })]);
  } finally {
    clearTimeout(timer);
  }
}

/** Whether `work` settles within `ms`; the wait leaves no timer behind. */
async function settles(work: Promise<unknown>, ms = STEP_MS): Promise<boolean> {
  return within(work.then(() => true, () => true), '', ms).catch(() => false);
}

async function until(condition: () => boolean, ms = STEP_MS): Promise<boolean> {
  for (const deadline = Date.now() + ms; !condition();) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

/** Where on an object's prototype chain `name` is defined, and how. */
function lookUp(object: object, name: string): { owner: object; descriptor: PropertyDescriptor; own: boolean } | undefined {
  for (let owner: object | null = object; owner; owner = Object.getPrototypeOf(owner)) {
    const descriptor = Object.getOwnPropertyDescriptor(owner, name);
    if (descriptor) return { owner, descriptor, own: owner === object };
  }
  return undefined;
}

const isMethod = (object: object, name: string) => {
  const found = lookUp(object, name);
  return found !== undefined && typeof found.descriptor.value === 'function';
};

/**
 * Checks every target of `SEAM` against the SDK at `root`, with a client and a call on the emulator at `origin`.
 * `scratch` is a directory for the bundled module.
 */
export async function checkSdkSeam(root: string, origin: string, scratch: string): Promise<SeamReport> {
  installStandIns();
  const findings = new Map<SeamTarget, Finding>();
  const pass = (target: SeamTarget) => {
    if (!findings.has(target)) findings.set(target, { target, name: SEAM[target], how: HOW[target] });
  };
  const fail = (target: SeamTarget, problem: string) => {
    const found = findings.get(target);
    if (!found?.problem) findings.set(target, { target, name: SEAM[target], how: HOW[target], problem });
  };
  const check = (target: SeamTarget, ok: boolean, problem: string) => (ok ? pass(target) : fail(target, problem));
  const notReached = (targets: SeamTarget[], why: string) => targets.forEach((target) => findings.has(target) || fail(target, `not checked: ${why}`));

  // The SDK as the browser build takes it; evaluating it writes loglevel's item.
  storages.local.clear();
  storages.session.clear();
  const { file, bundle } = await writeSdkModule(root, scratch);
  const expected = SDK_PACKAGES.map((pkg) => moduleEntry(root, pkg).slice(root.length + 1));
  const missing = expected.filter((entry) => !bundle.files.includes(entry));
  if (missing.length > 0) throw new Error(`the bundle did not take the browser build's files: ${missing.join(', ')} (took ${bundle.files.join(', ')})`);
  const sdk = (await import(pathToFileURL(file).href)) as { SignalWire: (options: Bag) => Promise<Bag> };
  check('logLevelKey', storages.local.written.has(SEAM.logLevelKey),
    `evaluating the SDK wrote ${JSON.stringify([...storages.local.written])} to localStorage, not ${SEAM.logLevelKey}`);

  // A client, with a saga monitor that notes what the adapter's does: forked sessions and the components of workers.
  const sagaCalls: string[] = [];
  const sessions: Bag[] = [];
  const components: { instance: Bag; audioElementBefore: unknown }[] = [];
  const speakerWatchCalls: { audioElement: unknown }[] = [];
  const monitor = {
    rootSagaStarted({ args }: { args?: Bag[] }) {
      sagaCalls.push('rootSagaStarted');
      const instance = args?.[0]?.[SEAM.workerInstance] as Bag | undefined;
      if (!instance || typeof instance !== 'object') return;
      components.push({ instance, audioElementBefore: instance[SEAM.audioElement] });
      // The adapter takes the speaker watch over on the call's prototype; here the call's own property notes each use.
      if (isMethod(instance, SEAM.attachSpeakerWatch) && !Object.hasOwn(instance, SEAM.attachSpeakerWatch)) {
        Object.defineProperty(instance, SEAM.attachSpeakerWatch, {
          configurable: true,
          value: function noted(this: Bag) {
            speakerWatchCalls.push({ audioElement: this[SEAM.audioElement] });
          },
        });
      }
    },
    effectTriggered({ effect }: { effect?: { type?: string; payload?: { args?: Bag[] } } }) {
      sagaCalls.push('effectTriggered');
      const session = effect?.type === 'FORK' ? effect.payload?.args?.[0]?.[SEAM.forkedSession] : undefined;
      if (session && typeof session === 'object' && !sessions.includes(session)) sessions.push(session);
    },
  };
  const token = await guestToken(origin);
  let client: Bag;
  try {
    client = await within(sdk.SignalWire({
      token, host: origin.replace(/^http/, 'ws'), logger: SILENT_LOGGER, logLevel: 'silent', [SEAM.sagaMonitor]: monitor,
    }), 'SignalWire()');
  } catch (error) {
    // Refused, as a connect can be: what the monitor found is checked, and the session closed as the adapter closes it.
    const session = checkSession(sagaCalls, sessions, false, { check, notReached });
    if (session && isMethod(session, SEAM.clearSessionTimers) && isMethod(session, SEAM.closeConnection)) {
      session[SEAM.clearSessionTimers]();
      session[SEAM.closeConnection]('disconnected');
    }
    notReached(Object.keys(SEAM) as SeamTarget[], `SignalWire() failed: ${(error as Error).message}`);
    return report(findings, bundle.files);
  }
  const session = checkSession(sagaCalls, sessions, true, { check, notReached });
  const wsClient = client[SEAM.wsClient] as Bag | undefined;
  check('wsClient', typeof wsClient === 'object' && wsClient !== null, `the client has no ${SEAM.wsClient}`);
  const store = wsClient?.[SEAM.store];
  if (wsClient) check('store', typeof store === 'object' && store !== null, `the client's ${SEAM.wsClient} has no ${SEAM.store}`);

  // A call, as the adapter dials it (without a root element: Node has no DOM).
  let call: Bag;
  try {
    call = await within(client.dial({
      to: '/public/echo', audio: true, video: false, negotiateVideo: false, stopMicrophoneWhileMuted: false, stopCameraWhileMuted: false,
    }) as Promise<Bag>, 'dial()');
  } catch (error) {
    notReached(Object.keys(SEAM) as SeamTarget[], `dial() failed: ${(error as Error).message}`);
    await endSession(client, session);
    return report(findings, bundle.files);
  }
  const component = components.find(({ instance }) => instance.id === call.id);
  check('workerInstance', component !== undefined, `no worker of the call was started with the call as its ${SEAM.workerInstance}`);
  if (component) {
    check('workerInstance', component.audioElementBefore === undefined, "the call's first worker started after its audio element was made");
    const instance = component.instance;
    check('store', store !== undefined && instance[SEAM.store] === store, `the call's ${SEAM.store} is not its client's`);
    const watch = lookUp(instance, SEAM.attachSpeakerWatch);
    check('attachSpeakerWatch', isMethod(Object.getPrototypeOf(instance) as object, SEAM.attachSpeakerWatch),
      `${SEAM.attachSpeakerWatch} is ${watch ? 'not a method of the call\'s class' : 'nowhere on the call'}`);
    if (watch) check('attachSpeakerWatch', speakerWatchCalls.length === 1, `the SDK called ${SEAM.attachSpeakerWatch} ${speakerWatchCalls.length} times while it built the call`);
    const audio = instance[SEAM.audioElement];
    check('audioElement', audio instanceof (globalThis as Bag).Audio, `the call's ${SEAM.audioElement} is ${audio === undefined ? 'not set' : typeof audio} once dial() resolved`);
    if (watch && speakerWatchCalls.length > 0) {
      check('audioElement', speakerWatchCalls[0]!.audioElement === audio, `${SEAM.audioElement} was not set when the SDK started its speaker watch`);
    }
    check('leaveReason', Object.hasOwn(instance, SEAM.leaveReason), `the call has no own field ${SEAM.leaveReason}`);
    check('updateStream', isMethod(instance, SEAM.updateStream), `the call has no method ${SEAM.updateStream}`);
    // The cause of a far end's hang-up, through the SDK's own verto.bye handler.
    const onBye = instance.onVertoBye as ((params: Bag) => void) | undefined;
    if (typeof onBye === 'function') {
      onBye({ rtcPeerId: 'no-such-peer', byeCause: 'USER_BUSY', byeCauseCode: '17' });
      check('cause', instance[SEAM.cause] === 'USER_BUSY', `a verto.bye left the call's ${SEAM.cause} at ${instance[SEAM.cause]}`);
      check('causeCode', instance[SEAM.causeCode] === '17', `a verto.bye left the call's ${SEAM.causeCode} at ${instance[SEAM.causeCode]}`);
    } else {
      notReached(['cause', 'causeCode'], 'the call has no onVertoBye to hand a bye to');
    }
  } else {
    notReached(['store', 'attachSpeakerWatch', 'audioElement', 'leaveReason', 'updateStream', 'cause', 'causeCode'], "the call's component was not seen");
  }

  // A peer, built by the call as start() builds it, with our stream handed over as the adapter hands it.
  const microphone = new StandInTrack('audio', 'Stand-in microphone');
  const camera = new StandInTrack('video', 'Stand-in camera');
  const stream = new StandInStream([microphone, camera]);
  (call.options as Bag)[SEAM.localStreamOption] = stream;
  // The adapter's own watch on the peers the call builds: what it notes of their connections is checked below.
  const peers = guardPeers(call);
  const build = call[SEAM.buildPeer] as ((type: string) => Bag) | undefined;
  let peer: Bag | undefined;
  if (typeof build === 'function') {
    peer = build.call(call, 'offer');
    check('buildPeer', typeof peer === 'object' && peer !== null, `${SEAM.buildPeer}('offer') gave ${peer}`);
  } else {
    fail('buildPeer', `the call has no method ${SEAM.buildPeer}`);
  }
  const peerTargets: SeamTarget[] = ['peer', 'localStreamOption', 'clearPeerTimers', 'peerConnection', 'peerListeners', 'connectionStateTimer',
    'reconnectTimeout', 'mediaConnected', 'mediaDisconnected', 'mediaReconnecting', 'microphoneGone', 'cameraGone'];
  if (peer) {
    const accessor = lookUp(call, SEAM.peer)?.descriptor;
    check('peer', typeof accessor?.get === 'function' && typeof accessor.set === 'function', `the call has no ${SEAM.peer} getter and setter`);
    call[SEAM.peer] = peer; // as start() makes it the call's active peer
    check('peer', call.localStream === stream, `the call's active ${SEAM.peer} is not the one set (its localStream is not the peer's)`);
    check('localStreamOption', peer.localStream === stream, `the peer does not send options.${SEAM.localStreamOption}`);
    check('clearPeerTimers', isMethod(peer, SEAM.clearPeerTimers), `the peer has no method ${SEAM.clearPeerTimers}`);
    // Set once built, it could have been listened to before the adapter could see it set and note the listeners.
    check('peerListeners', peer[SEAM.peerListeners] === undefined, `the peer has its ${SEAM.peerListeners} once built, before start()`);
    const source = String(peer.constructor);
    check('reconnectTimeout', new RegExp(`\\.${SEAM.leaveReason}\\s*=\\s*['"]${SEAM.reconnectTimeout}['"]`).test(source),
      `the peer's class never sets the call's ${SEAM.leaveReason} to '${SEAM.reconnectTimeout}'`);
  } else {
    notReached(peerTargets, 'no peer was built');
  }
  const listening = peer ? peerListening(call, peer, stream, { check, notReached }) : undefined;

  // States the SDK sets as the call is placed, which only a real call would show: looked for in the loaded code.
  check('trying', /setState\(\s*['"]trying['"]\s*\)/.test(bundle.code), "the SDK never sets the state 'trying'");
  check('early', /['"]verto\.media['"]\s*\?\s*['"]early['"]/.test(bundle.code), "the SDK's verto.media no longer sets the state 'early'");

  // A failed peer connection makes the SDK close its socket to reconnect: the state in which only ending the session
  // (below) lets a pending disconnect() finish. Without what that takes, the client is disconnected with its socket.
  const endable = session !== undefined && isMethod(session, SEAM.clearSessionTimers) && isMethod(session, SEAM.closeConnection);
  if (endable) listening?.fail();
  else notReached(['mediaDisconnected', 'mediaReconnecting', 'clearPeerTimers'], 'a failed connection needs the session ended after it');
  await endSession(client, session, { check, notReached });
  if (!endable) listening?.clear();
  // Once the call is over, the adapter takes off what the SDK added to the peer's connection and to a track it received.
  peers.release();
  if (listening) {
    const left = [...listening.connection.listening(), ...listening.received.listening().map((type) => `${type} (received track)`)];
    check('peerListeners', left.length === 0, `the SDK's listeners stayed on its ${SEAM.peerListeners} once the adapter released the call's peers: ${left.join(', ')}`);
  }
  // Every key the SDK wrote or removed for this token is one the adapter removes after a call.
  const expectedKeys = sdkStorageKeys(token);
  const used = [...new Set([...storages.session.written, ...storages.session.removed])].sort();
  check('storagePrefixes', used.length > 0 && used.every((key) => expectedKeys.includes(key)),
    `the SDK wrote and removed ${JSON.stringify(used)} in sessionStorage; sdkStorageKeys gives ${JSON.stringify(expectedKeys)}`);
  rmSync(file, { force: true }); // the module stays loaded; its file is not needed
  return report(findings, bundle.files);
}

/** The session the monitor found, checked as the adapter uses it (`connected` is true on a connected client). */
function checkSession(sagaCalls: string[], sessions: Bag[], connected: boolean, { check, notReached }: Checks): Bag | undefined {
  check('sagaMonitor', sagaCalls.length > 0, 'the saga monitor passed to SignalWire() was never called');
  check('forkedSession', sessions.length > 0, `no FORK effect's first argument had a ${SEAM.forkedSession}`);
  const session = sessions.find((candidate) => isMethod(candidate, SEAM.closeConnection)) ?? sessions[0];
  if (!session) {
    notReached(['sessionConnected', 'clearSessionTimers', 'closeConnection'], 'no session found');
    return undefined;
  }
  const state = session[SEAM.sessionConnected];
  check('sessionConnected', connected ? state === true : typeof state === 'boolean',
    `the session's ${SEAM.sessionConnected} is ${state}${connected ? ' while the client is connected' : ''}`);
  check('clearSessionTimers', isMethod(session, SEAM.clearSessionTimers), `the session has no method ${SEAM.clearSessionTimers}`);
  check('closeConnection', isMethod(session, SEAM.closeConnection), `the session has no method ${SEAM.closeConnection}`);
  return session;
}

type Checks = {
  check: (target: SeamTarget, ok: boolean, problem: string) => void;
  notReached: (targets: SeamTarget[], why: string) => void;
};

/**
 * Has the peer make its peer connection (a stand-in) and listen to it, as start() does, and runs its listeners: its
 * connection goes connecting → connected (the timer the adapter guards is set, then read to clear it; the call says
 * its media connected), the stream's tracks end (the call says which device went), and a track arrives from the far
 * end (the call plays it in its audio element). `fail()` then fails the connection (the call says its media is lost
 * and reconnecting), and clears the peer's timers as the adapter clears them.
 */
function peerListening(call: Bag, peer: Bag, stream: StandInStream, { check, notReached }: Checks):
  { fail(): void; clear(): void; connection: StandInPeerConnection; received: StandInTrack } | undefined {
  const targets: SeamTarget[] = ['peerConnection', 'peerListeners', 'connectionStateTimer', 'mediaConnected', 'mediaDisconnected', 'mediaReconnecting',
    'microphoneGone', 'cameraGone'];
  if (typeof peer[PEER_SETUP] !== 'function') {
    notReached(targets, `the peer has no ${PEER_SETUP} to make its connection with`);
    return undefined;
  }
  const heard: { event: string; payload: Bag }[] = [];
  const events = [SEAM.mediaConnected, SEAM.mediaDisconnected, SEAM.mediaReconnecting, SEAM.microphoneGone, SEAM.cameraGone];
  for (const event of events) call.on(event, (payload: Bag) => heard.push({ event, payload }));
  const timer: { set: unknown[]; reads: number; value: unknown } = { set: [], reads: 0, value: undefined };
  Object.defineProperty(peer, SEAM.connectionStateTimer, {
    configurable: true,
    get: () => {
      timer.reads++;
      return timer.value;
    },
    set: (value: unknown) => {
      timer.set.push(value);
      timer.value = value;
    },
  });
  try {
    peer[PEER_SETUP]();
  } catch (error) {
    check('peerConnection', false, `the peer's listeners do not attach to its ${SEAM.peerConnection}: ${(error as Error).message}`);
    notReached(targets, `the peer's listeners could not run: ${(error as Error).message}`);
    return undefined;
  }
  const connection = peer[SEAM.peerConnection] as unknown;
  if (!(connection instanceof StandInPeerConnection)) {
    check('peerConnection', false, `the peer's ${PEER_SETUP}() left no peer connection in its ${SEAM.peerConnection}`);
    notReached(targets, `no peer connection in the peer's ${SEAM.peerConnection}`);
    return undefined;
  }
  connection.to('connecting');
  check('connectionStateTimer', timer.set.length === 1 && timer.value !== undefined,
    `'connecting' did not set the peer's ${SEAM.connectionStateTimer} (set ${timer.set.length} times)`);
  const readsBefore = timer.reads;
  connection.to('connected');
  check('connectionStateTimer', timer.reads > readsBefore, `'connected' did not read the peer's ${SEAM.connectionStateTimer} to clear it`);
  check('mediaConnected', heard.some(({ event }) => event === SEAM.mediaConnected), `'connected' did not make the call emit ${SEAM.mediaConnected}`);
  check('peerConnection', timer.set.length > 0 && heard.length > 0, `the peer does not listen on its ${SEAM.peerConnection}`);

  const [microphone, camera] = stream.getTracks() as StandInTrack[];
  microphone!.dispatchEvent(new Event('ended'));
  camera!.dispatchEvent(new Event('ended'));
  const said = (event: string) => heard.find((entry) => entry.event === event)?.payload;
  check('microphoneGone', said(SEAM.microphoneGone)?.label === microphone!.label, `an ended microphone track did not make the call emit ${SEAM.microphoneGone} with its label`);
  check('cameraGone', said(SEAM.cameraGone)?.label === camera!.label, `an ended camera track did not make the call emit ${SEAM.cameraGone} with its label`);

  // A track from the far end: the SDK plays it in the call's audio element, and listens for its end.
  const received = new StandInTrack('audio', 'Stand-in far end');
  connection.dispatchEvent(Object.assign(new Event('track'), { track: received, streams: [new StandInStream([received])] }));

  const clear = () => {
    // Whatever the peer's timers are called now, none outlives the check (the resume timer would run 12 s).
    for (const key of ['_resumeTimer', '_iceTimeout', '_watchMediaPacketsTimer']) clearTimeout(peer[key] as ReturnType<typeof setTimeout>);
    clearTimeout(timer.value as ReturnType<typeof setTimeout>);
  };
  return {
    connection,
    received,
    clear,
    fail() {
      const emitted = (event: string) => heard.some((entry) => entry.event === event);
      connection.to('failed');
      check('mediaDisconnected', emitted(SEAM.mediaDisconnected), `a failed connection did not make the call emit ${SEAM.mediaDisconnected}`);
      check('mediaReconnecting', emitted(SEAM.mediaReconnecting), `a failed connection did not make the call emit ${SEAM.mediaReconnecting}`);
      const readsBeforeClear = timer.reads;
      (peer[SEAM.clearPeerTimers] as (() => void) | undefined)?.call(peer);
      check('clearPeerTimers', timer.reads > readsBeforeClear, `the peer's ${SEAM.clearPeerTimers}() does not clear its ${SEAM.connectionStateTimer}`);
      clear();
    },
  };
}

/**
 * Ends the client as the adapter does when the SDK cannot (its socket lost): `disconnect()` is pending, then the
 * session's timers are cleared and its connection closed for good; the socket closes, `connected` turns false and
 * `disconnect()` resolves. Without a session (a broken SDK), the client is disconnected as well as it can be.
 */
async function endSession(client: Bag, session: Bag | undefined, checks?: Checks): Promise<void> {
  const disconnected = client.disconnect() as Promise<unknown>;
  const clear = session?.[SEAM.clearSessionTimers];
  const close = session?.[SEAM.closeConnection];
  if (typeof clear !== 'function' || typeof close !== 'function') {
    checks?.notReached(['clearSessionTimers', 'closeConnection'], 'the session could not be ended');
    await settles(disconnected);
    return;
  }
  clear.call(session);
  close.call(session, 'disconnected');
  const closed = await until(() => session![SEAM.sessionConnected] !== true);
  checks?.check('closeConnection', closed, `${SEAM.closeConnection}('disconnected') left the session ${SEAM.sessionConnected}`);
  const resolved = await settles(disconnected);
  checks?.check('closeConnection', resolved, `a pending disconnect() did not resolve once ${SEAM.closeConnection}('disconnected') closed the session`);
}

function report(findings: Map<SeamTarget, Finding>, files: string[]): SeamReport {
  for (const target of Object.keys(SEAM) as SeamTarget[]) {
    if (!findings.has(target)) findings.set(target, { target, name: SEAM[target], how: HOW[target], problem: 'not checked: the contract never got to it' });
  }
  const all = [...findings.values()];
  return { findings: all, problems: all.filter((finding) => finding.problem !== undefined), files };
}

/** One line per problem, e.g. `_attachSpeakerTrackListener (attachSpeakerWatch, object): is nowhere on the call`. */
export function describeProblems(problems: readonly Finding[]): string {
  return problems.map(({ name, target, how, problem }) => `${name} (${target}, ${how}): ${problem}`).join('\n');
}
