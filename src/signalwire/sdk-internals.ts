/**
 * What the adapter reaches inside @signalwire/js 3.30.0 for, where the SDK gives no public way: its session (the
 * websocket), to close it when the SDK would keep it; the speaker watch it adds to every call and never removes; and its
 * peers: a timer it loses track of, and the timers and track listeners it leaves behind when a call ends.
 * Each is read from the SDK's source, kept as narrow as it can be, and falls back to the SDK's own behaviour when the
 * SDK does not look as expected. `signalwire-sdk.ts` is the only user.
 */

/**
 * What the adapter uses of the SDK's session, the owner of the websocket (`BaseSession` in @signalwire/core 4.3.2,
 * the version @signalwire/js 3.30.0 depends on).
 */
interface SdkSession {
  readonly connected: boolean;
  _clearTimers(): void;
  _closeConnection(status: 'disconnected'): void;
}
interface SagaEffect {
  type?: string;
  payload?: { args?: unknown[] };
}
/** What a worker saga is started with (`BaseComponent._attachWorker`): the component it works for. */
interface WorkerArgs {
  instance?: object;
}

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
export function sessionCatcher(): { sagaMonitor: object; readonly connected: boolean; end(): void } {
  let session: SdkSession | undefined;
  return {
    sagaMonitor: {
      rootSagaStarted({ args }: { args?: unknown[] }) {
        const instance = (args?.[0] as WorkerArgs | undefined)?.instance;
        if (instance) adoptSpeakerWatch(instance);
      },
      effectTriggered({ effect }: { effect?: SagaEffect }) {
        if (session || effect?.type !== 'FORK') return;
        const found = (effect.payload?.args?.[0] as { session?: Partial<SdkSession> } | undefined)?.session;
        if (typeof found?._closeConnection === 'function') session = found as SdkSession;
      },
    },
    get connected() {
      return session?.connected ?? false;
    },
    end() {
      try {
        session?._clearTimers();
        session?._closeConnection('disconnected');
      } catch {
        // a different SDK build: its own disconnect is all there is
      }
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
  if (speakerWatchAdopted) return;
  let owner: object | null = component;
  while (owner && !Object.prototype.hasOwnProperty.call(owner, '_attachSpeakerTrackListener')) owner = Object.getPrototypeOf(owner);
  const original = (owner as { _attachSpeakerTrackListener?: unknown } | null)?._attachSpeakerTrackListener;
  if (!owner || typeof original !== 'function') return;
  speakerWatchAdopted = true;
  Object.defineProperty(owner, '_attachSpeakerTrackListener', {
    configurable: true,
    writable: true,
    value: function attachSpeakerTrackListener(this: { store?: object }, ...args: unknown[]): unknown {
      if (this.store && adapterStores.has(this.store)) return undefined; // the adapter watches its own calls
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    },
  });
}

/** What the adapter keeps of the peers a call builds (`guardPeers`). */
export interface CallPeers {
  /** Once the call is over: stops the SDK's timers on its peers, and takes its listeners off `tracks`. */
  release(tracks: readonly MediaStreamTrack[]): void;
}

interface SdkPeer {
  _onEndedTrackHandler?: unknown;
  clearTimers?: unknown;
}

/**
 * Three faults of @signalwire/js 3.30.0's `RTCPeer`, fixed for the peers this call builds (`_buildPeer`, wrapped on
 * this call object only), which are kept here because the SDK forgets them when the call ends:
 * - It gives a peer connection 3 s from `connecting` to `connected`, then restarts ICE with relay servers only. It
 *   keeps that timer in `_connectionStateTimer` and sets a new one on each `connecting` without clearing the one
 *   before; `connected` clears only the last. Chromium goes `connecting` → `new` → `connecting` when the answer
 *   bundles a video call's two transports into one, so the first timer still fires 3 s into a call that is connected:
 *   the ICE restart then finds no relay candidate and the SDK ends the call. Here a new timer replaces the one before.
 * - It listens for `ended` on every track it sends, with a function bound to the peer (`_onEndedTrackHandler`), and
 *   takes it off only when it swaps a device. Chromium keeps what getUserMedia resolved with for several seconds after
 *   the page has let go of it (held by the request's promise resolver; measured with heap snapshots: the streams of 28
 *   of 30 calls placed in the last ten seconds; twenty seconds on, the page held no more than without the listener),
 *   and through that listener each ended call stayed in memory as long: its peer connection, the far end's audio
 *   element, the SDK's call object. `release` takes it off.
 * - Its `stop()` leaves the connection-state timer (and the media resume timer) running: a call hung up before its
 *   media connected had its closed peer restart ICE 3 s later, and was kept in memory until then. `release` clears
 *   them with the peer's own `clearTimers()`.
 */
export function guardPeers(call: object): CallPeers {
  const peers: SdkPeer[] = [];
  const target = call as { _buildPeer?: (type: string) => object };
  const build = target._buildPeer;
  if (typeof build === 'function') {
    target._buildPeer = function buildPeer(this: unknown, type: string): object {
      const peer = build.call(this, type);
      let timer: ReturnType<typeof setTimeout> | undefined;
      Object.defineProperty(peer, '_connectionStateTimer', {
        configurable: true,
        get: () => timer,
        set: (next: ReturnType<typeof setTimeout> | undefined) => {
          clearTimeout(timer);
          timer = next;
        },
      });
      peers.push(peer);
      return peer;
    };
  }
  return {
    release(tracks) {
      for (const peer of peers) {
        try {
          if (typeof peer.clearTimers === 'function') peer.clearTimers();
        } catch {
          // a different SDK build: what it leaves, it leaves
        }
        const onEnded = peer._onEndedTrackHandler;
        if (typeof onEnded === 'function') for (const track of tracks) track.removeEventListener('ended', onEnded as EventListener);
      }
    },
  };
}
