// The page's side of test/browser/support/devtools-commands.mjs.
import { executeServerCommand } from '@web/test-runner-commands';

export interface Listener {
  type: string;
  useCapture: boolean;
  once: boolean;
  /** scriptId:line:column of the listener function. */
  at: string;
  handler: string;
}

export interface Memory {
  heapUsedBytes: number;
  /** Compiled code in that heap, when asked for (`memory({ code: true })`). */
  codeBytes?: number;
  nodes: number;
  jsEventListeners: number;
  documents: number;
  /**
   * When asked for (`memory({ peers: true })`): the RTCPeerConnections in the heap, and how many of them something
   * holds other than Chromium's own undelivered state changes (a closed peer connection Chromium keeps for as long as
   * the page lives: see `UNDELIVERED_STATE_CHANGE` in devtools-commands.mjs) or `keptPeerConnections()`. The others
   * are kept: how many of them by Chromium, the bytes they keep that nothing else does, and how many of them reach an
   * object of the SDK's call (its `RTCPeer` or call object) or an audio element.
   */
  peerConnections?: {
    inMemory: number; heldByPage: number; keptByChromium: number; keptBytes: number; reachingCall: number; reachingAudio: number;
  };
}

/** The listeners on what `expression` evaluates to in the page (a global expression: `window`, `document`…). */
export function listenersOn(expression: string, subtree = false): Promise<Listener[]> {
  return executeServerCommand('c2c-devtools', { read: 'listeners', expression, subtree });
}

/** The window property of `keptPeerConnections()`. */
const KEPT_STAND_IN = '__c2cKeptPeerConnections';

/**
 * Closed peer connections a test keeps for as long as the page lives, as Chromium keeps some of them (at random: see
 * `UNDELIVERED_STATE_CHANGE` in devtools-commands.mjs): `memory({ peers: true })` counts those as kept, as it counts
 * Chromium's, not as held by the page.
 */
export function keptPeerConnections(): RTCPeerConnection[] {
  const page = window as unknown as Record<string, RTCPeerConnection[] | undefined>;
  return (page[KEPT_STAND_IN] ??= []);
}

/**
 * Used JS heap after garbage collection, and the renderer's DOM counters; with `code`, the compiled code in it; with
 * `peers`, the peer connections in it and who holds them.
 */
export function memory({ code = false, peers = false } = {}): Promise<Memory> {
  return executeServerCommand('c2c-devtools', { read: 'memory', code, peers, keptStandIn: KEPT_STAND_IN });
}

const key = (l: Listener) => `${l.type}|${l.useCapture}|${l.at}`;

/** Listeners in `after` that were not in `before` (as a multiset: one added twice counts twice). */
export function addedListeners(before: Listener[], after: Listener[]): Listener[] {
  const left = new Map<string, number>();
  for (const l of before) left.set(key(l), (left.get(key(l)) ?? 0) + 1);
  return after.filter((l) => {
    const n = left.get(key(l)) ?? 0;
    if (n > 0) {
      left.set(key(l), n - 1);
      return false;
    }
    return true;
  });
}
