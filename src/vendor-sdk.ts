/**
 * The `CallSdk` interface over the real `@signalwire/js`: the only file that imports it, and only with a
 * dynamic `import()`, so the SDK's ~60 KB load when a visitor shows intent, not with the page.
 */
import type { CallSdk, SdkCall, SdkCallEvent, SdkClient, SdkConnectOptions, SdkDialOptions } from './call-sdk.js';
import { C2cError } from './errors.js';
import { connectError, startError } from './sdk-errors.js';

type SignalWireModule = typeof import('@signalwire/js');
type SignalWireClient = Awaited<ReturnType<SignalWireModule['SignalWire']>>;
type FabricCall = Awaited<ReturnType<SignalWireClient['dial']>>;

let loading: Promise<SignalWireModule> | undefined;

function loadModule(): Promise<SignalWireModule> {
  loading ??= import('@signalwire/js').catch((error: unknown) => {
    loading = undefined; // a failed chunk load (offline) may succeed on the next try
    throw new C2cError('network', 'The calling SDK could not be loaded.', { cause: error });
  });
  return loading;
}

/** The session-storage keys the SDK writes for a token whose header `typ` is `typ` (`SAT` for ours). */
export function sdkStorageKeys(token: string): string[] {
  let typ = 'SAT';
  try {
    const header = JSON.parse(atob(token.split('.')[0]!.replace(/-/g, '+').replace(/_/g, '/'))) as { typ?: unknown };
    if (typeof header.typ === 'string' && header.typ) typ = header.typ;
  } catch {
    // not a JWT/JWE: the SDK falls back to the same default
  }
  return ['pt', 'as', 'ci'].map((prefix) => `${prefix}-${typ}`);
}

const DISCONNECT_WAIT_MS = 3_000;

class SignalWireCall implements SdkCall {
  private readonly listeners = new Set<(event: SdkCallEvent) => void>();
  private joined = false;
  private over = false;

  constructor(private readonly call: FabricCall) {
    const emit = (event: SdkCallEvent) => this.listeners.forEach((listener) => listener(event));
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
      // The SDK gives up restoring media after 12 s and says why in leaveReason; any other end is the far end's.
      const lost = (call as unknown as { leaveReason?: string }).leaveReason === 'RECONNECTION_ATTEMPT_TIMEOUT';
      emit({ type: 'ended', cause: lost ? 'connection-lost' : 'remote' });
    });
  }

  get id(): string {
    return this.call.callId || this.call.id;
  }

  async start(): Promise<void> {
    try {
      await this.call.start();
      this.joined = true;
    } catch (error) {
      this.stopLocalTracks();
      throw startError(error);
    }
  }

  subscribe(listener: (event: SdkCallEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async hangup(): Promise<void> {
    this.over = true;
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
    this.disconnecting ??= this.closeEverything();
    return this.disconnecting;
  }

  private async closeEverything(): Promise<void> {
    this.calls.forEach((call) => call.stopLocalTracks());
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

/** The real SDK behind the `CallSdk` interface. */
export class SignalWireSdk implements CallSdk {
  isSupported(): boolean {
    return (
      typeof globalThis.RTCPeerConnection === 'function' &&
      typeof navigator !== 'undefined' &&
      typeof navigator.mediaDevices?.getUserMedia === 'function' &&
      globalThis.isSecureContext !== false
    );
  }

  async load(): Promise<void> {
    await loadModule();
  }

  async connect({ token, host, signal }: SdkConnectOptions): Promise<SdkClient> {
    const { SignalWire } = await loadModule();
    signal.throwIfAborted();
    try {
      // logLevel 'silent': the SDK would otherwise log frames that carry the token.
      const client = await SignalWire({ token, logLevel: 'silent', ...(host ? { host } : {}) });
      return new SignalWireClientAdapter(client, token);
    } catch (error) {
      throw connectError(error);
    }
  }
}
