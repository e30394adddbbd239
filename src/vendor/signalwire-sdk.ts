/**
 * Connecting over the real `@signalwire/js`: the only file that imports it. It is itself reached only through
 * `import()` (see `signalwire-loader.ts`), so the adapter and the SDK form one chunk that loads when a visitor
 * shows intent, never with the page.
 */
// First: it remembers the page's storage before the SDK below is evaluated.
import { restoreSdkLogLevel } from './sdk-log-level-guard.js';
import { SignalWire } from '@signalwire/js';
import type { SdkCall, SdkCallEvent, SdkClient, SdkConnectOptions, SdkDialOptions } from '../call/call-sdk.js';
import { C2cError } from '../errors.js';
import { connectError, startError } from './sdk-errors.js';
import { sdkStorageKeys } from './sdk-storage.js';

restoreSdkLogLevel();

type SignalWireClient = Awaited<ReturnType<typeof SignalWire>>;
type FabricCall = Awaited<ReturnType<SignalWireClient['dial']>>;

/**
 * `SignalWire()` returns one client per page (even one still connecting) until that client is
 * disconnected: a new call must wait until the previous client is gone, or it would be handed the old
 * one, which the previous call's clean-up then closes under it. This settles when the last client
 * asked for is disconnected, or when its `SignalWire()` failed (the SDK then forgets it too). A session
 * gives its client back (`disconnect()`) only after hanging up, which is after it frees the page lock,
 * so waiting for the `disconnect()` call alone is not enough.
 */
let previousClientGone: Promise<void> = Promise.resolve();

const DISCONNECT_WAIT_MS = 3_000;

const ignore = (): void => undefined;
/**
 * The SDK's own logger logs the token in places (in development builds, a token it cannot decode), and
 * `logLevel: 'silent'` alone is not enough: the SDK applies it with loglevel's `setLevel`, which writes
 * `loglevel:signalwire` to localStorage and silences the SDK for every later page load. A logger of our
 * own has no `setLevel`, so nothing is persisted, and every line after the SDK's first is dropped.
 */
const SILENT_LOGGER = { fatal: ignore, error: ignore, warn: ignore, info: ignore, debug: ignore, trace: ignore };

class SignalWireCall implements SdkCall {
  private readonly listeners = new Set<(event: SdkCallEvent) => void>();
  private joined = false;
  private answeredId?: string;
  private over = false;

  private peer?: RTCPeerConnection;
  private readonly onPeerState = () => this.peerStateChanged();
  private readonly emit = (event: SdkCallEvent) => this.listeners.forEach((listener) => listener(event));

  constructor(private readonly call: FabricCall) {
    const emit = this.emit;
    call.on('trying' as never, () => emit({ type: 'ringing' }));
    call.on('early' as never, () => emit({ type: 'ringing' }));
    call.on('media.reconnecting' as never, () => emit({ type: 'media-lost' }));
    call.on('media.disconnected' as never, () => {
      if (!this.over) emit({ type: 'media-lost' });
    });
    call.on('media.connected' as never, () => emit({ type: 'media-restored' }));
    call.on('destroy', () => {
      if (this.over || !this.joined) return;
      this.over = true;
      this.stopLocalTracks();
      this.unwatchPeer();
      // The SDK gives up restoring media after 12 s and says why in leaveReason; any other end is the far end's.
      const lost = (call as unknown as { leaveReason?: string }).leaveReason === 'RECONNECTION_ATTEMPT_TIMEOUT';
      emit({ type: 'ended', cause: lost ? 'connection-lost' : 'remote' });
    });
  }

  /**
   * The call's id as the relay knows it (the invite's `callID`). The SDK reads it from the peer connection, which is
   * gone once the call ends, so it is kept from the answer on: `c2c-call-end` carries the id `c2c-call-start` had.
   */
  get id(): string {
    return this.answeredId ?? (this.call.callId || this.call.id);
  }

  async start(): Promise<void> {
    // A far end that hangs up while early media plays (no answer) destroys the call without rejecting
    // start(): that bye is turned into the rejection the SDK gives for a busy line, {code, message}.
    // Without a bye (cause unset: a local failure such as a refused microphone) start() rejects by itself.
    let endedEarly: (() => void) | undefined;
    const destroyed = new Promise<never>((_resolve, reject) => {
      endedEarly = () => {
        const { cause, causeCode } = this.call as unknown as { cause?: string; causeCode?: string };
        if (causeCode !== undefined) reject({ code: causeCode, message: cause ?? 'The far end ended the call.' });
      };
      this.call.on('destroy', endedEarly);
    });
    try {
      await Promise.race([this.call.start(), destroyed]);
      this.joined = true;
      this.answeredId = this.id;
      this.watchPeer();
    } catch (error) {
      this.stopLocalTracks();
      throw startError(error);
    } finally {
      this.call.off('destroy', endedEarly);
    }
  }

  /**
   * The peer connection tells of a broken media path seconds before the SDK does (it waits for
   * `failed`): `disconnected` is shown as reconnecting at once, and `connected` again as restored.
   */
  private watchPeer(): void {
    const peer = (this.call as unknown as { peer?: { instance?: RTCPeerConnection } }).peer?.instance;
    if (!peer || typeof peer.addEventListener !== 'function') return;
    this.peer = peer;
    peer.addEventListener('connectionstatechange', this.onPeerState);
  }

  private unwatchPeer(): void {
    this.peer?.removeEventListener('connectionstatechange', this.onPeerState);
    this.peer = undefined;
  }

  private peerStateChanged(): void {
    if (this.over || !this.peer) return;
    const state = this.peer.connectionState;
    if (state === 'disconnected' || state === 'failed') this.emit({ type: 'media-lost' });
    else if (state === 'connected') this.emit({ type: 'media-restored' });
  }

  subscribe(listener: (event: SdkCallEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async hangup(): Promise<void> {
    this.over = true;
    this.unwatchPeer();
    try {
      await this.call.hangup();
    } finally {
      this.stopLocalTracks();
    }
  }

  async sendDigits(digits: string): Promise<void> {
    await this.call.sendDigits(digits);
  }

  async setMuted(muted: boolean): Promise<void> {
    // The SDK resolves with undefined when the relay never answered (and recycles the socket): not a success.
    const result: unknown = muted ? await this.call.audioMute() : await this.call.audioUnmute();
    if (result === undefined) {
      throw new C2cError('network', `The relay did not confirm the ${muted ? 'mute' : 'unmute'}.`);
    }
  }

  /** Stops watching the call and frees its devices. */
  release(): void {
    this.over = true;
    this.unwatchPeer();
    this.stopLocalTracks();
  }

  /** Whatever the SDK did, the microphone (and camera) must be off once the call is over. */
  stopLocalTracks(): void {
    try {
      this.call.localStream?.getTracks().forEach((track) => track.stop());
    } catch {
      // the peer is already gone
    }
  }
}

class SignalWireClientAdapter implements SdkClient {
  private readonly calls: SignalWireCall[] = [];
  private disconnecting?: Promise<void>;
  private gone!: () => void;
  /** Settles once this client is disconnected. */
  readonly closed = new Promise<void>((resolve) => {
    this.gone = resolve;
  });

  constructor(
    private readonly client: SignalWireClient,
    private readonly token: string,
  ) {}

  async dial({ destination, video, videoContainer }: SdkDialOptions): Promise<SdkCall> {
    try {
      const call = await this.client.dial({
        to: destination,
        audio: true,
        video,
        negotiateVideo: video,
        ...(videoContainer ? { rootElement: videoContainer } : {}),
      });
      const adapted = new SignalWireCall(call);
      this.calls.push(adapted);
      return adapted;
    } catch (error) {
      throw startError(error);
    }
  }

  disconnect(): Promise<void> {
    this.disconnecting ??= this.closeEverything().finally(() => this.gone());
    return this.disconnecting;
  }

  private async closeEverything(): Promise<void> {
    this.calls.forEach((call) => call.release());
    await Promise.race([
      this.client.disconnect().catch(() => undefined),
      new Promise((resolve) => setTimeout(resolve, DISCONNECT_WAIT_MS)),
    ]);
    for (const key of sdkStorageKeys(this.token)) {
      try {
        sessionStorage.removeItem(key);
      } catch {
        // storage blocked (sandboxed iframe): nothing was written either
      }
    }
  }
}

/** Opens an authorized relay connection; one client at a time, as the SDK allows. */
export async function connect({ token, host, signal }: SdkConnectOptions): Promise<SdkClient> {
  // Callers wait one at a time: each takes its turn after the client before it is gone.
  let previous: Promise<void>;
  do {
    previous = previousClientGone;
    await previous;
    signal.throwIfAborted();
  } while (previous !== previousClientGone);
  const connecting = SignalWire({ token, logger: SILENT_LOGGER, logLevel: 'silent', ...(host ? { host } : {}) })
    .then((client) => new SignalWireClientAdapter(client, token));
  // If this connect is given up (timeout, hang-up), the caller disconnects the late client; until
  // then the SDK would hand the same pending client to anyone else.
  previousClientGone = connecting.then((adapter) => adapter.closed, () => undefined);
  try {
    return await connecting;
  } catch (error) {
    throw connectError(error);
  }
}
