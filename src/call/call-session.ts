/**
 * One call attempt, from the click to the hang-up, as a state machine over the `CallSdk` interface:
 * exchange → connect → dial → ringing → active → ending → ended (or error). No DOM: the element observes
 * it and renders. Every await has a deadline and the attempt's abort signal, and whatever arrives after
 * the attempt was given up is released, never applied.
 */
import { CallStates, C2cState, isConnected, isInProgress } from '../shared/call-state.js';
import { QualityMonitor, type C2cQualityLevel, type QualitySample, type QualityThresholds } from './call-quality.js';
import type { PreferredDevices } from '../shared/call-sdk.js';
import type { CallSdk, SdkCall, SdkCallEvent, SdkClient, SdkDeviceKind } from '../shared/call-sdk.js';
import { pageCallLock, type CallLock } from './call-lock.js';
import { markCallStep } from './call-marks.js';
import { withDeadline } from '../network/deadline.js';
import { checkDestination, resolveRelayHost } from '../network/endpoints.js';
import { checkUserVariables, type UserVariablesInput } from './user-variables.js';
import { C2cError, abortError, isAbortError } from '../shared/errors.js';
import type { C2cCallEndDetail } from '../events/c2c-call-end.js';

export interface CallSessionTimeouts {
  /** Token exchange. */
  exchangeMs: number;
  /** Loading the SDK, opening the relay connection and preparing the call, together. */
  connectMs: number;
  /** From placing the call until the far end answers. */
  answerMs: number;
  /** How long a call may stay `reconnecting` before it is given up as `connection-lost`. */
  reconnectMs: number;
  /** How long a local hang-up waits for the far end's confirmation before releasing everything anyway. */
  hangupMs: number;
}

export const DEFAULT_TIMEOUTS: Readonly<CallSessionTimeouts> = Object.freeze({
  exchangeMs: 10_000,
  connectMs: 15_000,
  answerMs: 45_000,
  reconnectMs: 20_000,
  hangupMs: 5_000,
});

export interface CallSessionOptions {
  destination: string | null | undefined;
  video?: boolean;
  /** Relay websocket origin override (`host` attribute), checked before use. */
  host?: string | null | undefined;
  /** What the call sends for the far end to read, as the page gave it and as `c2c-before-call` left it; checked first. */
  userVariables?: UserVariablesInput | undefined;
  /** Gives the token to connect with: exchanges a C2C token, or passes a ready one through. */
  obtainToken(signal: AbortSignal): Promise<string>;
  /**
   * A relay connection opened ahead of the click (on hover), if there is one for this call: the session owns it
   * from then on. When it turns out closed or failed, the session connects as if there had been none.
   */
  takeConnection?(signal: AbortSignal): Promise<SdkClient> | undefined;
  /** The calling SDK; `undefined` when the page wired none, which the attempt refuses with `config-invalid`. */
  sdk: CallSdk | undefined;
  timeouts?: Partial<CallSessionTimeouts>;
  /** Where remote video goes, for video calls. */
  videoContainer?: HTMLElement;
  /** The devices the page prefers for this call. */
  devices?: PreferredDevices;
  /** Where the call's quality turns `fair` and `poor`. */
  qualityThresholds?: QualityThresholds;
  /**
   * The attempt's state, when its owner keeps it (the element's controller, which showed `authorizing` at the click).
   * Without it the session keeps its own and reports each move to `observer.stateChanged`.
   */
  states?: CallStates;
  lock?: CallLock;
  now?: () => number;
}

/** What the session tells its owner. Called synchronously, in order. */
export interface CallSessionObserver {
  /**
   * Each move of a session that keeps its own state (no `states` option); `error` comes with the move to `error`,
   * so the owner can show both at once.
   */
  stateChanged?(state: C2cState, previous: C2cState, error?: C2cError): void;
  callStarted(callId: string): void;
  callEnded(detail: C2cCallEndDetail): void;
  failed(error: C2cError): void;
  mutedChanged(muted: boolean): void;
  /** What the call sends changed: another device, or the camera off or on. */
  mediaChanged(): void;
  /** The device in use went away; `now` is the one that took over ('' when none could). */
  deviceLost(kind: 'audioinput' | 'videoinput', lost: string, now: string): void;
  /** The call's quality moved to another level. */
  qualityChanged(level: C2cQualityLevel, sample: QualitySample): void;
}

const DTMF = /^[0-9*#]+$/;

export class CallSession {
  private readonly states: CallStates;
  private readonly abortController = new AbortController();
  private readonly timeouts: CallSessionTimeouts;
  private readonly lock: CallLock;
  private readonly now: () => number;
  private client?: SdkClient;
  private call?: SdkCall;
  private unsubscribe?: () => void;
  private reconnectTimer?: ReturnType<typeof setTimeout>;
  private quality?: QualityMonitor;
  private answeredAt?: number;
  private muted = false;
  private running?: Promise<void>;
  private ending?: Promise<void>;
  private released = false;
  private hungUp = false;

  constructor(
    private readonly options: CallSessionOptions,
    private readonly observer: CallSessionObserver,
  ) {
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.lock = options.lock ?? pageCallLock;
    this.states = options.states ?? new CallStates(C2cState.idle, (state, previous, error) => observer.stateChanged?.(state, previous, error));
    this.now = options.now ?? (() => performance.now());
  }

  get state(): C2cState {
    return this.states.state;
  }

  get isMuted(): boolean {
    return this.muted;
  }

  /** Places the call. Resolves when it is active; rejects with a `C2cError`, or an `AbortError` when hung up first. */
  start(): Promise<void> {
    this.running ??= this.run();
    return this.running;
  }

  /** Ends the call, whatever state it is in. Resolves when everything is released. */
  hangup(): Promise<void> {
    if (this.states.state === C2cState.ending) return this.ending ?? Promise.resolve();
    if (!isInProgress(this.states.state)) return Promise.resolve();
    this.ending = this.endLocally();
    return this.ending;
  }

  async sendDigits(digits: string): Promise<void> {
    if (typeof digits !== 'string' || !DTMF.test(digits)) {
      throw new TypeError('sendDigits takes DTMF digits only: 0-9, * and #.');
    }
    await this.connectedCall('send digits').sendDigits(digits);
  }

  /** What the call sends (microphone, camera), while it is connected. */
  get localStream(): MediaStream | undefined {
    return isConnected(this.states.state) ? this.call?.localStream : undefined;
  }

  /** Moves the call to another microphone, speaker or camera. */
  async useDevice(kind: SdkDeviceKind, deviceId: string): Promise<void> {
    await this.connectedCall('change devices').useDevice(kind, deviceId);
  }

  async setCameraEnabled(enabled: boolean): Promise<void> {
    await this.connectedCall(enabled ? 'turn the camera on' : 'turn the camera off').setCameraEnabled(enabled);
  }

  async setMuted(muted: boolean): Promise<void> {
    const call = this.connectedCall(muted ? 'mute' : 'unmute');
    if (muted === this.muted) return;
    this.applyMuted(muted);
    try {
      await call.setMuted(muted);
    } catch (error) {
      if (this.call === call && isConnected(this.states.state)) this.applyMuted(!muted);
      throw error;
    }
  }

  private async run(): Promise<void> {
    const { signal } = this.abortController;
    if (this.states.state !== C2cState.authorizing) this.moveTo(C2cState.authorizing); // the click showed it already
    markCallStep('start');
    try {
      const { sdk } = this.options;
      if (!sdk) throw new C2cError('config-invalid', 'No calling SDK: use defineC2cCallButton() or set sdk.');
      if (!sdk.isSupported()) {
        throw new C2cError('unsupported', 'This browser cannot place calls: WebRTC or the microphone API is missing, or the page is not a secure context.');
      }
      const destination = checkDestination(this.options.destination);
      const userVariables = this.options.userVariables && checkUserVariables(...this.options.userVariables);
      const host = resolveRelayHost(this.options.host);
      if (!this.lock.acquire(this)) {
        throw new C2cError('call-in-progress', 'Another call is in progress on this page.');
      }

      // The connect limit runs from the token in hand: loading the SDK, connecting and preparing the call together;
      // with a connection prepared on hover, from that connection in hand.
      let connectBy = 0;
      const remaining = () => Math.max(0, connectBy - this.now());
      this.client = await this.preparedClient(signal);
      if (this.client) {
        markCallStep('token');
        markCallStep('sdk');
        this.moveTo(C2cState.connecting);
        connectBy = this.now() + this.timeouts.connectMs;
      } else {
        // The SDK chunk loads while the token is exchanged.
        const loading = sdk.load();
        loading.then(() => markCallStep('sdk'), () => undefined);

        const token = await withDeadline(this.options.obtainToken(signal), {
          signal, timeoutMs: this.timeouts.exchangeMs, what: 'The token exchange',
        });

        markCallStep('token');
        this.moveTo(C2cState.connecting);
        connectBy = this.now() + this.timeouts.connectMs;
        await withDeadline(loading, { signal, timeoutMs: remaining(), what: 'Loading the calling SDK' });
        this.client = await withDeadline(sdk.connect({ token, ...(host ? { host } : {}), signal }), {
          signal, timeoutMs: remaining(), what: 'Connecting to the relay',
          releaseLate: (late) => void late.disconnect(),
        });
      }
      markCallStep('connected');
      this.call = await withDeadline(
        this.client.dial({ destination, video: Boolean(this.options.video), signal,
          ...(this.options.videoContainer ? { videoContainer: this.options.videoContainer } : {}),
          ...(this.options.devices ? { devices: this.options.devices } : {}),
          ...(userVariables ? { userVariables } : {}) }),
        { signal, timeoutMs: remaining(), what: 'Preparing the call' },
      );
      this.unsubscribe = this.call.subscribe((event) => this.onCallEvent(event));

      markCallStep('dialed'); // start() sends the invite

      await withDeadline(this.call.start(), { signal, timeoutMs: this.timeouts.answerMs, what: 'Waiting for an answer' })
        .catch((error: unknown) => {
          // A far end that rang all that time was reached: nobody picked up, which is not a slow connection.
          if (error instanceof C2cError && error.code === 'timeout' && this.states.state === C2cState.ringing) {
            throw new C2cError('no-answer', `Nobody answered within ${this.timeouts.answerMs} ms.`, { cause: error });
          }
          throw error;
        });

      markCallStep('answered');
      this.answeredAt = this.now();
      this.moveTo(C2cState.active);
      this.observer.mediaChanged(); // what the call sends is there to show from now on
      this.observer.callStarted(this.call.id);
      this.watchQuality(this.call);
      const speaker = this.options.devices?.speaker;
      // The speaker the page prefers, once there is something to hear; not worth failing the call over.
      if (speaker) this.call.useDevice('audiooutput', speaker).catch(() => undefined);
    } catch (error) {
      // Hung up or removed while connecting: endLocally owns the end, and the caller learns of a cancel.
      if (signal.aborted) throw isAbortError(error) ? error : abortError();
      throw await this.fail(error);
    }
  }

  /** The connection prepared on hover, when it is there and still open; undefined to connect anew. */
  private async preparedClient(signal: AbortSignal): Promise<SdkClient | undefined> {
    const prepared = this.options.takeConnection?.(signal);
    if (!prepared) return undefined;
    try {
      const client = await withDeadline(prepared, {
        signal, timeoutMs: this.timeouts.connectMs, what: 'Connecting to the relay', releaseLate: (late) => void late.disconnect(),
      });
      if (client.open) return client;
    } catch (error) {
      if (signal.aborted) throw error; // hung up meanwhile; otherwise the click connects again and shows why
    }
    return undefined;
  }

  private onCallEvent(event: SdkCallEvent): void {
    if (this.abortController.signal.aborted) return;
    switch (event.type) {
      case 'ringing':
        if (this.states.state !== C2cState.connecting) return;
        markCallStep('ringing');
        this.moveTo(C2cState.ringing);
        return;
      case 'media-lost':
        if (this.states.state !== C2cState.active) return;
        this.moveTo(C2cState.reconnecting);
        this.reconnectTimer = setTimeout(() => {
          void this.fail(new C2cError('connection-lost', `The connection did not recover within ${this.timeouts.reconnectMs} ms.`));
        }, this.timeouts.reconnectMs);
        return;
      case 'media-restored':
        if (this.states.state !== C2cState.reconnecting) return;
        clearTimeout(this.reconnectTimer);
        this.moveTo(C2cState.active);
        return;
      case 'local-media':
        this.observer.mediaChanged();
        return;
      case 'device-lost':
        this.observer.deviceLost(event.kind, event.lost, event.now);
        return;
      case 'ended':
        // Before the answer, a far-end refusal arrives as the rejection of start(); only a connected call ends here.
        if (!isConnected(this.states.state)) return;
        if (event.cause === 'connection-lost') {
          void this.fail(new C2cError('connection-lost', 'The call was disconnected: the media connection could not be restored.'));
        } else {
          this.ending = this.endRemotely();
        }
        return;
    }
  }

  private async endLocally(): Promise<void> {
    // A ringing call is hung up too, so the far end stops ringing; one not yet placed just fails to.
    const wasConnected = this.answeredAt !== undefined;
    this.moveTo(C2cState.ending);
    this.abortController.abort();
    await this.hangupCall();
    await this.release();
    this.moveTo(C2cState.ended);
    if (wasConnected) this.emitCallEnd('local');
  }

  private async endRemotely(): Promise<void> {
    this.moveTo(C2cState.ending);
    this.abortController.abort();
    await this.release();
    this.moveTo(C2cState.ended);
    this.emitCallEnd('remote');
  }

  /** Ends the attempt in `error` (unless it is already over or being hung up) and returns the coded error. */
  private async fail(cause: unknown): Promise<C2cError> {
    const error = this.toC2cError(cause);
    if (!isInProgress(this.states.state) || this.states.state === C2cState.ending) return error;
    this.abortController.abort();
    // The page may retry as soon as it hears of the error: the lock is free by then (the SDK adapter
    // makes a new connection wait for the old one to close).
    this.lock.release(this);
    this.moveTo(C2cState.error, error);
    if (this.answeredAt !== undefined) this.emitCallEnd('error');
    this.observer.failed(error);
    await this.hangupCall(); // a call given up (no answer in time) must stop ringing at the far end
    await this.release();
    return error;
  }

  /** Sends the hang-up for a placed call, if any; never throws, and never waits longer than `hangupMs`. */
  private async hangupCall(): Promise<void> {
    if (!this.call || this.hungUp) return;
    this.hungUp = true;
    await withDeadline(this.call.hangup(), {
      signal: new AbortController().signal, timeoutMs: this.timeouts.hangupMs, what: 'Hanging up',
    }).catch(() => undefined); // the far end not confirming must not keep the microphone open
  }

  /** Reads the call's quality every couple of seconds while it is connected, and reports each change of level. */
  private watchQuality(call: SdkCall): void {
    this.quality = new QualityMonitor({
      getStats: () => call.getStats(),
      onChange: (level, sample) => {
        if (isConnected(this.states.state)) this.observer.qualityChanged(level, sample);
      },
      // Nothing from the far end for seconds, though the call is up: the visitor is told, as for a lost connection,
      // and the call ends with connection-lost if nothing comes within the reconnect limit.
      onSilence: (silent) => this.onCallEvent({ type: silent ? 'media-lost' : 'media-restored' }),
      ...(this.options.qualityThresholds ? { thresholds: this.options.qualityThresholds } : {}),
    });
    this.quality.start();
  }

  /** Frees everything the attempt holds. Idempotent. */
  private async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    clearTimeout(this.reconnectTimer);
    this.quality?.stop();
    this.unsubscribe?.();
    this.lock.release(this);
    await this.client?.disconnect();
  }

  private emitCallEnd(reason: C2cCallEndDetail['reason']): void {
    const callId = this.call?.id ?? '';
    const durationMs = this.answeredAt === undefined ? 0 : Math.max(0, Math.round(this.now() - this.answeredAt));
    this.observer.callEnded({ callId, reason, durationMs });
  }

  private connectedCall(action: string): SdkCall {
    if (!this.call || !isConnected(this.states.state)) {
      throw new DOMException(`Cannot ${action}: there is no call in progress.`, 'InvalidStateError');
    }
    return this.call;
  }

  private applyMuted(muted: boolean): void {
    this.muted = muted;
    this.observer.mutedChanged(muted);
  }

  private toC2cError(error: unknown): C2cError {
    if (error instanceof C2cError) return error;
    const message = error instanceof Error ? error.message : String(error);
    return new C2cError('unknown', `Unexpected failure: ${message}`, { cause: error });
  }

  private moveTo(next: C2cState, error?: C2cError): void {
    this.states.moveTo(next, error);
  }
}
