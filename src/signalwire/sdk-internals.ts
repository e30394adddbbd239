/**
 * What the adapter reaches inside @signalwire/js 3.30.0 for, where the SDK gives no public way: its session (the
 * websocket), to close it when the SDK would keep it; the speaker watch it adds to every call and never removes; and its
 * peers: a timer it loses track of, and the timers and the peer connection's listeners it leaves when a call ends.
 * Each is read from the SDK's source and kept as narrow as it can be; the names come from `SEAM`. Where the SDK does
 * not look as expected, the patch is off, the SDK's own behaviour applies, and `seamGap` says so once per page.
 * `signalwire-sdk.ts` is the only user.
 */
import { NotedListeners } from './noted-listeners.js';
import { SEAM, seamGap } from './sdk-seam.js';

/**
 * What the adapter uses of the SDK's session, the owner of the websocket (`BaseSession` in @signalwire/core 4.3.2,
 * the version @signalwire/js 3.30.0 depends on), by the names in `SEAM`.
 */
type SdkSession = Record<string, unknown>;
interface SagaEffect {
  type?: string;
  payload?: { args?: unknown[] };
}

const firstArg = (args: unknown[] | undefined, key: string): unknown => (args?.[0] as Record<string, unknown> | undefined)?.[key];
const method = (owner: unknown, name: string) => {
  const value = (owner as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(owner) : undefined;
};

const SESSION_LEFT_OPEN = 'a lost connection may reconnect forever';
const VIDEO_DROPS = 'video calls may drop at 3 s';
/** What the speaker watch costs, when the adapter cannot take it over. */
export const SPEAKER_WATCH_KEPT = 'calls stay in memory';
/** What the SDK's listeners on a call's peer connection cost, when the adapter cannot take them off. */
export const PEER_LISTENERS_KEPT = 'ended calls stay in memory with the peer connections Chromium keeps';

/** Set once the saga monitor has heard from the SDK at all, and once it has been handed a component. */
const heard = { monitor: false, instance: false };

/**
 * The SDK's session for one `SignalWire()` call, found among the effects its sagas start (the SDK's own per-client
 * `sagaMonitor` option; it only watches). The SDK gives no other handle on it, and two of its states need one:
 * - a refused connect: `SignalWire()` rejects, gives no client, and keeps the socket open (docs/protocol.md §3a);
 * - a socket lost for good (the relay refuses the session's reconnects): `disconnect()` then never finishes, the
 *   SDK reconnects every 1–4 s forever and hands its dead client to every later `SignalWire()` of the page.
 * `end()` closes the session for good, as its own disconnect does once the socket is closed: no socket, no
 * reconnect timer, and a pending `disconnect()` resolves.
 * The same monitor sees each worker saga of a call start, with the call it works for, before the worker runs: the
 * first one is where the speaker watch is adopted (`adoptSpeakerWatch`), before the call's audio element is made.
 */
export function sessionCatcher(): { sagaMonitor: object; readonly connected: boolean; check(): void; end(): void } {
  let session: SdkSession | undefined;
  return {
    sagaMonitor: {
      rootSagaStarted({ args }: { args?: unknown[] }) {
        heard.monitor = true;
        const instance = firstArg(args, SEAM.workerInstance);
        if (instance && typeof instance === 'object') adoptSpeakerWatch(instance);
      },
      effectTriggered({ effect }: { effect?: SagaEffect }) {
        heard.monitor = true;
        if (session || effect?.type !== 'FORK') return;
        const found = firstArg(effect.payload?.args, SEAM.forkedSession);
        if (found && typeof found === 'object') session = found as SdkSession;
      },
    },
    get connected() {
      return session?.[SEAM.sessionConnected] === true;
    },
    /** Reports what of the session is not where `end()` needs it (once the SDK has started its client). */
    check() {
      if (!heard.monitor) seamGap('sagaMonitor', SESSION_LEFT_OPEN);
      else if (!session) seamGap('forkedSession', SESSION_LEFT_OPEN);
      else {
        if (typeof session[SEAM.sessionConnected] !== 'boolean') seamGap('sessionConnected', SESSION_LEFT_OPEN);
        if (!method(session, SEAM.clearSessionTimers)) seamGap('clearSessionTimers', SESSION_LEFT_OPEN);
        if (!method(session, SEAM.closeConnection)) seamGap('closeConnection', SESSION_LEFT_OPEN);
      }
    },
    end() {
      this.check();
      const clearTimers = method(session, SEAM.clearSessionTimers);
      const close = method(session, SEAM.closeConnection);
      if (!clearTimers || !close) return; // reported: the SDK's own disconnect is all there is
      clearTimers();
      close('disconnected');
    },
  };
}

export type SessionCatcher = ReturnType<typeof sessionCatcher>;

/** The stores of this adapter's clients (one per `SignalWire()` client, shared with the calls it makes). */
export const adapterStores = new WeakSet<object>();
let speakerWatchAdopted = false;

/**
 * @signalwire/js 3.30.0 watches the speaker of every call with a `devicechange` listener on `navigator.mediaDevices`
 * that it never removes, and that holds the call: every call would stay in memory, media objects and all, for as long
 * as the page. Starting that watch also rejects, with nobody to catch it, where the page may not list speakers: in
 * Firefox always (it lists none until `selectAudioOutput()`), in Chromium when the microphone was refused. That
 * rejection reached the host page as an unhandled rejection on every first call.
 * The method that adds it (`_attachSpeakerTrackListener`, run while the call is built) is reachable only through a
 * call; `sessionCatcher`'s monitor hands over the first component a worker starts for, before the call's audio element
 * is made. From then on, calls made by this adapter's clients (recognised by their store) skip it, the first one
 * included, and `SignalWireCall` watches the speaker itself and stops when the call ends. Every other use of the SDK
 * on the page keeps the SDK's own behaviour.
 */
export function adoptSpeakerWatch(component: object): void {
  heard.instance = true;
  if (speakerWatchAdopted) return;
  const name = SEAM.attachSpeakerWatch;
  let owner: object | null = component;
  while (owner && !Object.prototype.hasOwnProperty.call(owner, name)) owner = Object.getPrototypeOf(owner);
  const original = (owner as Record<string, unknown> | null)?.[name];
  if (!owner || typeof original !== 'function') return; // not a call (the client's own workers come first)
  speakerWatchAdopted = true;
  Object.defineProperty(owner, name, {
    configurable: true,
    writable: true,
    value: function attachSpeakerTrackListener(this: Record<string, unknown>, ...args: unknown[]): unknown {
      const store = this[SEAM.store];
      if (store && typeof store === 'object' && adapterStores.has(store)) return undefined; // the adapter watches its own calls
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    },
  });
}

/** Once a call is built: reports it when the speaker watch could not be adopted, naming what was not found. */
export function checkSpeakerWatch(): void {
  if (speakerWatchAdopted) return;
  seamGap(heard.instance ? 'attachSpeakerWatch' : heard.monitor ? 'workerInstance' : 'sagaMonitor', SPEAKER_WATCH_KEPT);
}

/** What the adapter keeps of the peers a call builds (`guardPeers`). */
export interface CallPeers {
  /** The SDK says the call's media connected: by then it has set and cleared its connection-state timer. */
  mediaConnected(): void;
  /**
   * Once the call is over: stops the SDK's timers on its peers, takes the SDK's listeners off their peer connections
   * and the tracks those received, and lets go of them all.
   */
  release(): void;
}

/**
 * Two faults of @signalwire/js 3.30.0's `RTCPeer`, fixed for the peers this call builds (`_buildPeer`, wrapped on
 * this call object only), which are kept here until the call is released because the SDK forgets them when it ends:
 * - It gives a peer connection 3 s from `connecting` to `connected`, then restarts ICE with relay servers only. It
 *   keeps that timer in `_connectionStateTimer` and sets a new one on each `connecting` without clearing the one
 *   before; `connected` clears only the last. Chromium goes `connecting` → `new` → `connecting` when the answer
 *   bundles a video call's two transports into one, so the first timer still fires 3 s into a call that is connected:
 *   the ICE restart then finds no relay candidate and the SDK ends the call. Here a new timer replaces the one before.
 * - Its `stop()` leaves the connection-state timer (and the media resume timer) running: a call hung up before its
 *   media connected had its closed peer restart ICE 3 s later, and was kept in memory until then. `release` clears
 *   them with the peer's own `clearTimers()`, then forgets the peers: the element keeps its last call until the
 *   next one starts, and a peer kept here kept that call's closed RTCPeerConnection in memory as long (measured with
 *   heap snapshots: element → CallEngine → CallSession → SignalWireCall → this list → RTCPeer → RTCPeerConnection).
 * - It never takes its listeners off the peer connection (`connectionstatechange`, `icecandidate`, `track`…:
 *   functions over the peer), nor the `ended` listener it adds to each track the connection receives (over the far
 *   end's `<audio>` element). Chromium (156) keeps some closed peer connections for as long as the page lives (a state
 *   change scheduled but not yet delivered when close() is called: 0 to 6 of 15 calls hung up as soon as they are
 *   answered), and through those listeners each one kept the call's peer, the call object and its audio element
 *   (about 30 KB a call, measured with heap snapshots). The SDK makes the peer connection after the peer is built (in
 *   `start()`: it sets `instance`, then adds its listeners), so the peer gets an accessor for `instance`: a connection
 *   set through it notes the listeners added to it from then on (`NotedListeners`), the first of them a `track`
 *   listener of the adapter's that does the same for each track received. `release` takes them all off.
 * (Its fourth, the `ended` listener it leaves on every track it sends, needs no reach inside: see `local-media.ts`.)
 */
export function guardPeers(call: object): CallPeers {
  const peers: Record<string, unknown>[] = [];
  let timerSeen = false;
  /** The peer connections of those peers, as the adapter saw them set, and the listeners added to them since. */
  const connections = new Set<unknown>();
  const listeners = new NotedListeners();
  const noteConnection = (connection: unknown) => {
    if (!connection || typeof connection !== 'object' || connections.has(connection)) return;
    connections.add(connection);
    const target = connection as EventTarget;
    listeners.note(target);
    // Before the SDK's own `track` listener, which hands the track to the far end's audio element.
    target.addEventListener('track', (event) => {
      const track = (event as RTCTrackEvent).track;
      if (track) listeners.note(track);
    });
  };
  /** A peer connection the SDK set some other way than the adapter expects: its listeners were not noted. */
  const unseen = () => peers.some((peer) => {
    const connection = peer[SEAM.peerListeners];
    return connection !== undefined && connection !== null && !connections.has(connection);
  });
  const target = call as Record<string, unknown>;
  const build = target[SEAM.buildPeer];
  if (typeof build === 'function') {
    target[SEAM.buildPeer] = function buildPeer(this: unknown, ...args: unknown[]): unknown {
      const peer = build.apply(this, args) as Record<string, unknown>;
      if (typeof peer[SEAM.clearPeerTimers] !== 'function') seamGap('clearPeerTimers', 'ended calls keep timers');
      let timer: ReturnType<typeof setTimeout> | undefined;
      Object.defineProperty(peer, SEAM.connectionStateTimer, {
        configurable: true,
        get: () => {
          timerSeen = true;
          return timer;
        },
        set: (next: ReturnType<typeof setTimeout> | undefined) => {
          timerSeen = true;
          clearTimeout(timer);
          timer = next;
        },
      });
      // The connection is made later, in start(); one the peer was built with was listened to before it was noted.
      let connection = peer[SEAM.peerListeners];
      if (connection !== undefined) seamGap('peerListeners', PEER_LISTENERS_KEPT);
      noteConnection(connection);
      Object.defineProperty(peer, SEAM.peerListeners, {
        configurable: true,
        enumerable: true,
        get: () => connection,
        set: (next: unknown) => {
          connection = next;
          noteConnection(next);
        },
      });
      peers.push(peer);
      return peer;
    };
  } else {
    seamGap('buildPeer', `${VIDEO_DROPS}; ended calls keep timers`);
  }
  return {
    mediaConnected() {
      if (peers.length > 0 && !timerSeen) seamGap('connectionStateTimer', VIDEO_DROPS);
      if (unseen()) seamGap('peerListeners', PEER_LISTENERS_KEPT);
    },
    release() {
      if (unseen()) seamGap('peerListeners', PEER_LISTENERS_KEPT);
      for (const peer of peers.splice(0)) method(peer, SEAM.clearPeerTimers)?.();
      listeners.takeOff();
      connections.clear();
    },
  };
}
