/**
 * A `CallSdk` whose every step is held until the test releases it, to drive a call session or the
 * element through each state and failure deterministically. Used in Node and in the browser.
 */
import type {
  CallSdk, SdkCall, SdkCallEvent, SdkClient, SdkConnectOptions, SdkDeviceKind, SdkDialOptions,
} from '../../src/shared/call-sdk.js';
import { deferred, type Deferred } from './async.js';

export { deferred, type Deferred };

export class FakeCall implements SdkCall {
  readonly answer = deferred<void>();
  readonly hangupResult = deferred<void>();
  readonly digits: string[] = [];
  readonly muteRequests: boolean[] = [];
  hangups = 0;
  starts = 0;
  muteResult: () => Promise<void> = () => Promise.resolve();
  /** What the call sends; a test may give it a real stream (in a browser). */
  localStream: MediaStream | undefined;
  readonly deviceRequests: [SdkDeviceKind, string][] = [];
  readonly cameraRequests: boolean[] = [];
  /** What getStats() answers; a test sets a report shaped like the browser's. */
  stats: RTCStatsReport | undefined;
  private readonly listeners = new Set<(event: SdkCallEvent) => void>();

  constructor(readonly id: string, readonly dialOptions: SdkDialOptions) {
    this.hangupResult.resolve();
  }

  start(): Promise<void> {
    this.starts++;
    return this.answer.promise;
  }

  subscribe(listener: (event: SdkCallEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get subscribers(): number {
    return this.listeners.size;
  }

  emit(event: SdkCallEvent): void {
    this.listeners.forEach((listener) => listener(event));
  }

  hangup(): Promise<void> {
    this.hangups++;
    return this.hangupResult.promise;
  }

  async sendDigits(digits: string): Promise<void> {
    this.digits.push(digits);
  }

  setMuted(muted: boolean): Promise<void> {
    this.muteRequests.push(muted);
    return this.muteResult();
  }

  async useDevice(kind: SdkDeviceKind, deviceId: string): Promise<void> {
    this.deviceRequests.push([kind, deviceId]);
  }

  async setCameraEnabled(enabled: boolean): Promise<void> {
    this.cameraRequests.push(enabled);
  }

  async getStats(): Promise<RTCStatsReport | undefined> {
    return this.stats;
  }
}

export class FakeClient implements SdkClient {
  readonly calls: FakeCall[] = [];
  disconnects = 0;

  constructor(readonly connectOptions: SdkConnectOptions) {}

  get open(): boolean {
    return this.disconnects === 0;
  }

  async dial(options: SdkDialOptions): Promise<SdkCall> {
    const call = new FakeCall(`call-${this.calls.length + 1}`, options);
    this.calls.push(call);
    return call;
  }

  async disconnect(): Promise<void> {
    this.disconnects++;
  }
}

export class FakeSdk implements CallSdk {
  supported = true;
  loads = 0;
  /** Each connect waits on the next of these; by default connects at once. */
  readonly connects: Deferred<void>[] = [];
  readonly clients: FakeClient[] = [];
  connectError: unknown;
  holdConnect = false;

  isSupported(): boolean {
    return this.supported;
  }

  async load(): Promise<void> {
    this.loads++;
  }

  async connect(options: SdkConnectOptions): Promise<SdkClient> {
    const gate = deferred<void>();
    this.connects.push(gate);
    if (!this.holdConnect) gate.resolve();
    await gate.promise;
    if (this.connectError) throw this.connectError;
    const client = new FakeClient(options);
    this.clients.push(client);
    return client;
  }

  get lastClient(): FakeClient | undefined {
    return this.clients.at(-1);
  }

  get lastCall(): FakeCall | undefined {
    return this.lastClient?.calls.at(-1);
  }

  /** Resolves once the `attempt`-th connection has a call waiting for an answer. */
  async waitForCall(attempt = 1): Promise<FakeCall> {
    for (let i = 0; i < 500; i++) {
      const call = this.clients[attempt - 1]?.calls.at(-1);
      if (call && call.starts > 0) return call;
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    throw new Error('no call was placed');
  }
}
