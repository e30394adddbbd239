/**
 * What the adapter reaches inside @signalwire/js 3.30.0 for, where the SDK gives no public way: its session (the
 * websocket), to close it when the SDK would keep it; the speaker watch it adds to every call and never removes; and
 * a timer of its peer connection that it loses track of.
 * Each is read from the SDK's source, kept as narrow as it can be, and falls back to the SDK's own behaviour when the
 * SDK does not look as expected. `signalwire-sdk.ts` is the only user.
 */

/** What the adapter uses of the SDK's session, the owner of the websocket (`BaseSession` in @signalwire/core 3.30.0). */
interface SdkSession {
  readonly connected: boolean;
  _clearTimers(): void;
  _closeConnection(status: 'disconnected'): void;
}
interface SagaEffect {
  type?: string;
  payload?: { args?: unknown[] };
}

/**
 * The SDK's session for one `SignalWire()` call, found among the effects its sagas start (the SDK's own per-client
 * `sagaMonitor` option; it only watches). The SDK gives no other handle on it, and two of its states need one:
 * - a refused connect: `SignalWire()` rejects, gives no client, and keeps the socket open (sdk-protocol.md §3a);
 * - a socket lost for good (the relay refuses the session's reconnects): `disconnect()` then never finishes, the
 *   SDK reconnects every 1–4 s forever and hands its dead client to every later `SignalWire()` of the page.
 * `end()` closes the session for good, as its own disconnect does once the socket is closed: no socket, no
 * reconnect timer, and a pending `disconnect()` resolves.
 */
export function sessionCatcher(): { sagaMonitor: object; readonly connected: boolean; end(): void } {
  let session: SdkSession | undefined;
  return {
    sagaMonitor: {
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
 * as the page. The method that adds it (`_attachSpeakerTrackListener`, run while the call is built) is reachable only
 * through a call, so the first call shows where it is; from then on, calls made by this adapter's clients
 * (recognised by their store) skip it, and `SignalWireCall` watches the speaker itself and stops when the call ends.
 * Every other use of the SDK on the page keeps the SDK's own behaviour.
 */
export function adoptSpeakerWatch(call: object): void {
  if (speakerWatchAdopted) return;
  let owner: object | null = call;
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

/**
 * @signalwire/js 3.30.0 gives a peer connection 3 s from `connecting` to `connected`, then restarts ICE with relay
 * servers only. It keeps that timer in `_connectionStateTimer` and sets a new one on each `connecting` without
 * clearing the one before; `connected` clears only the last. Chromium goes `connecting` → `new` → `connecting` when the
 * answer bundles a video call's two transports into one, so the first timer still fires 3 s into a call that is
 * connected: the ICE restart then finds no relay candidate and the SDK ends the call. For the peers this call builds
 * (`_buildPeer`, on this call object only), a new timer replaces the one before it.
 */
export function guardConnectionStateTimer(call: object): void {
  const target = call as { _buildPeer?: (type: string) => object };
  const build = target._buildPeer;
  if (typeof build !== 'function') return;
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
    return peer;
  };
}
