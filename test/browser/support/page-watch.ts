// What a page sees of a call, watched from the test's side for the reliability tests (faults, bad input, endurance):
// every websocket, microphone stream and peer connection made (held through WeakRefs: watching must not keep them
// alive, or the endurance test would measure its own hold); every timer set and by whom; and every error that would
// reach the host page (uncaught exceptions, unhandled rejections, console.error). Installed once per test file,
// before the SDK is loaded: the SDK reads the WebSocket and RTCPeerConnection globals when it connects.
// Test instrumentation only; the element has no hook for any of it.

import type { Listener } from './devtools.ts';
import { onEscape } from './escape-watch.ts';

export interface TimerRecord {
  id: number;
  kind: 'timeout' | 'interval';
  delayMs: number;
  /** The frame that called setTimeout/setInterval: `http://…/src/…:line:col`. */
  caller: string;
  /** Set by the element's own code (`/src/`), not the SDK's, Lit's or the test's. */
  element: boolean;
  stack: string;
}

/** How to refuse the microphone, as the browser would: the visitor said no, or there is none. */
export type MicrophoneRefusal = 'NotAllowedError' | 'NotFoundError';

/** How many of each the page has made so far: pass it to the `…Since` reads to look at what came after. */
export interface Made {
  sockets: number;
  streams: number;
  peers: number;
}

export interface PageWatch {
  /** Uncaught exceptions, unhandled rejections and console.error calls since the last `clearEscapes()`. */
  readonly escapes: string[];
  /** The URL of every websocket made, in order (kept as text: the sockets themselves are held weakly). */
  readonly socketUrls: string[];
  /** While set, getUserMedia rejects with a DOMException of this name. */
  refuseMicrophone: MicrophoneRefusal | null;
  clearEscapes(): void;
  made(): Made;
  /** The websockets made since `from` (`undefined` for one already garbage-collected, hence closed). */
  socketsSince(from?: number): (WebSocket | undefined)[];
  /** Websockets not closed (connecting, open or closing), of those made since `from`. */
  openSockets(from?: number): WebSocket[];
  liveTracks(from?: number): MediaStreamTrack[];
  openPeers(from?: number): RTCPeerConnection[];
  /** Peer connections the page still holds at all, closed or not (after a garbage collection: none but those held). */
  peersInMemory(): number;
  /** The last stream getUserMedia gave the page, if the page still holds it. */
  lastStream(): MediaStream | undefined;
  /** Timers the element's code set that have neither fired nor been cleared. */
  pendingElementTimers(): TimerRecord[];
  /** Every timer set (by the element, the SDK, Lit, the test) that has neither fired nor been cleared. */
  pendingTimers(): TimerRecord[];
  /**
   * The listeners on window or document added since the watch was installed and not taken off, as the page sees them:
   * for a browser whose listeners DevTools cannot read (Firefox). Set only with `watchPage({ listeners: true })`.
   */
  listeners(on: 'window' | 'document'): Listener[];
  /**
   * Resolves once no timer of the element's is pending, or after `limitMs`: a timer that fires by itself (a wait
   * with a bound) is not a leak; one still pending after the limit, or an interval, is.
   */
  elementTimersSettled(limitMs: number): Promise<TimerRecord[]>;
}

const SELF = '/test/browser/support/page-watch';

function callerOf(stack: string): string {
  const frames = stack.split('\n').slice(1).map((line) => line.trim());
  const frame = frames.find((line) => !line.includes(SELF)) ?? '';
  return frame.replace(/^at\s+/, '');
}

function isElementCode(caller: string): boolean {
  const url = /\(?(https?:\/\/[^)\s]+)\)?$/.exec(caller)?.[1];
  return url !== undefined && new URL(url).pathname.startsWith('/src/');
}

let installed: PageWatch | undefined;

interface AddedListener {
  target: EventTarget;
  type: string;
  capture: boolean;
  once: boolean;
  listener: EventListenerOrEventListenerObject;
  /** Takes the entry off when the browser takes the listener off by itself (`once`, `signal`). */
  forget?: () => void;
}

/**
 * Keeps `added` in step with the listeners on `targets`: EventTarget's add and remove are wrapped. Installed before
 * the element and the SDK are loaded, it sees every listener they add.
 */
function trackListeners(targets: EventTarget[], added: AddedListener[]): void {
  const nativeAdd = EventTarget.prototype.addEventListener;
  const nativeRemove = EventTarget.prototype.removeEventListener;
  const captureOf = (options?: boolean | EventListenerOptions) => (typeof options === 'boolean' ? options : Boolean(options?.capture));
  const find = (target: EventTarget, type: string, listener: EventListenerOrEventListenerObject, capture: boolean) =>
    added.findIndex((a) => a.target === target && a.type === type && a.listener === listener && a.capture === capture);
  EventTarget.prototype.addEventListener = function (this: EventTarget, type: string, listener: EventListenerOrEventListenerObject | null,
    options?: boolean | AddEventListenerOptions) {
    nativeAdd.call(this, type, listener, options);
    const capture = captureOf(options);
    if (!listener || !targets.includes(this) || find(this, type, listener, capture) >= 0) return; // a duplicate is ignored
    const options_ = typeof options === 'object' ? options : {};
    const entry: AddedListener = { target: this, type, capture, once: Boolean(options_.once), listener };
    added.push(entry);
    const drop = () => {
      const i = added.indexOf(entry);
      if (i >= 0) added.splice(i, 1);
    };
    if (options_.once) {
      const onFired = () => drop();
      nativeAdd.call(this, type, onFired, { once: true, capture });
      entry.forget = () => nativeRemove.call(this, type, onFired, { capture });
    }
    options_.signal?.addEventListener('abort', drop, { once: true });
  };
  EventTarget.prototype.removeEventListener = function (this: EventTarget, type: string, listener: EventListenerOrEventListenerObject | null,
    options?: boolean | EventListenerOptions) {
    nativeRemove.call(this, type, listener, options);
    if (!listener) return;
    const i = find(this, type, listener, captureOf(options));
    if (i >= 0) added.splice(i, 1)[0]!.forget?.();
  };
}

export function watchPage({ listeners = false } = {}): PageWatch {
  if (installed) return installed;
  const sockets: WeakRef<WebSocket>[] = [];
  const socketUrls: string[] = [];
  const streams: WeakRef<MediaStream>[] = [];
  const peers: WeakRef<RTCPeerConnection>[] = [];
  const alive = <T extends object>(refs: WeakRef<T>[], from = 0) =>
    refs.slice(from).map((ref) => ref.deref()).filter((item): item is T => item !== undefined);
  const escapes: string[] = [];
  const pending = new Map<number, TimerRecord>();
  let changed: (() => void) | undefined;

  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      sockets.push(new WeakRef(this));
      socketUrls.push(String(url));
    }
  } as typeof WebSocket;

  const NativePeerConnection = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends NativePeerConnection {
    constructor(config?: RTCConfiguration) {
      super(config);
      peers.push(new WeakRef(this));
    }
  } as typeof RTCPeerConnection;

  const nativeGetUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = async (constraints?: MediaStreamConstraints) => {
    if (watch.refuseMicrophone) throw new DOMException('refused by the test', watch.refuseMicrophone);
    const stream = await nativeGetUserMedia(constraints);
    streams.push(new WeakRef(stream));
    return stream;
  };

  // Timers: who set each one, and whether it fired or was cleared.
  const nativeSetTimeout = window.setTimeout.bind(window);
  const nativeClearTimeout = window.clearTimeout.bind(window);
  const nativeSetInterval = window.setInterval.bind(window);
  const nativeClearInterval = window.clearInterval.bind(window);
  const forget = (id: number | undefined) => {
    if (id !== undefined && pending.delete(id)) changed?.();
  };
  const record = (kind: TimerRecord['kind'], delay: unknown): Omit<TimerRecord, 'id'> => {
    const stack = new Error().stack ?? '';
    const caller = callerOf(stack);
    return { kind, delayMs: Number(delay) || 0, caller, element: isElementCode(caller), stack };
  };
  window.setTimeout = ((handler: TimerHandler, delay?: number, ...args: unknown[]) => {
    const timer = record('timeout', delay);
    const id: number = nativeSetTimeout((...callArgs: unknown[]) => {
      forget(id);
      if (typeof handler === 'function') (handler as (...a: unknown[]) => void)(...callArgs);
    }, delay, ...args);
    pending.set(id, { id, ...timer });
    return id;
  }) as typeof setTimeout;
  window.clearTimeout = ((id?: number) => {
    forget(id);
    nativeClearTimeout(id);
  }) as typeof clearTimeout;
  window.setInterval = ((handler: TimerHandler, delay?: number, ...args: unknown[]) => {
    const id: number = nativeSetInterval(handler, delay, ...args);
    pending.set(id, { id, ...record('interval', delay) });
    return id;
  }) as typeof setInterval;
  window.clearInterval = ((id?: number) => {
    forget(id);
    nativeClearInterval(id);
  }) as typeof clearInterval;

  const added: AddedListener[] = [];
  if (listeners) trackListeners([window, document], added);
  const ids = new WeakMap<object, number>();
  let lastId = 0;
  const idOf = (listener: object) => {
    if (!ids.has(listener)) ids.set(listener, ++lastId);
    return ids.get(listener)!;
  };

  // What would reach the host page, as the test page's own watch sees it (escape-watch.ts).
  onEscape((escape) => escapes.push(escape));

  const watch: PageWatch = {
    escapes,
    socketUrls,
    refuseMicrophone: null,
    clearEscapes: () => void escapes.splice(0),
    made: () => ({ sockets: sockets.length, streams: streams.length, peers: peers.length }),
    socketsSince: (from = 0) => sockets.slice(from).map((ref) => ref.deref()),
    openSockets: (from) => alive(sockets, from).filter((socket) => socket.readyState !== WebSocket.CLOSED),
    liveTracks: (from) => alive(streams, from).flatMap((stream) => stream.getTracks()).filter((track) => track.readyState === 'live'),
    openPeers: (from) => alive(peers, from).filter((peer) => peer.signalingState !== 'closed'),
    peersInMemory: () => alive(peers).length,
    lastStream: () => streams.at(-1)?.deref(),
    listeners: (on) => added.filter((a) => a.target === (on === 'window' ? window : document)).map((a) => ({
      type: a.type,
      useCapture: a.capture,
      once: a.once,
      at: `listener ${idOf(a.listener)}`,
      handler: String(typeof a.listener === 'function' ? a.listener : a.listener.handleEvent).slice(0, 160),
    })),
    pendingElementTimers: () => [...pending.values()].filter((timer) => timer.element),
    pendingTimers: () => [...pending.values()],
    elementTimersSettled: (limitMs) =>
      new Promise((resolve) => {
        const done = () => {
          const left = watch.pendingElementTimers();
          if (left.length > 0 && performance.now() < until) return;
          changed = undefined;
          nativeClearTimeout(limit);
          resolve(left);
        };
        const until = performance.now() + limitMs;
        const limit = nativeSetTimeout(() => {
          changed = undefined;
          resolve(watch.pendingElementTimers());
        }, limitMs);
        changed = done;
        done();
      }),
  };
  installed = watch;
  return watch;
}
