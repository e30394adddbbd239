/**
 * The call machinery of one button, loaded on intent (hover, focus or click), never with the page: the token
 * exchange and a relay connection (both prepared on hover, used once) and a `CallSession` per attempt, whose
 * reports it turns into the element's state and events. The element's `CallController` imports this module with `import()`.
 */
import { C2cCallEndEvent } from '../events/c2c-call-end.js';
import { C2cCallStartEvent } from '../events/c2c-call-start.js';
import { C2cQualityChangeEvent } from '../events/c2c-quality-change.js';
import type { C2cQualityLevel, QualitySample, QualityThresholds } from './call-quality.js';
import type { PreferredDevices } from '../shared/call-sdk.js';
import { C2cErrorEvent } from '../events/c2c-error.js';
import { resolveApiBase, resolveRelayHost } from '../network/endpoints.js';
import { checkToken, exchangeToken, isClickToCallToken } from '../network/token-client.js';
import type { CallSdk, SdkDeviceKind } from '../shared/call-sdk.js';
import { CallSession, type CallSessionTimeouts } from './call-session.js';
import { PreparedConnection } from './prepared-connection.js';
import type { UserVariablesInput } from './user-variables.js';
import { type CallStates, type C2cState, isConnected } from '../shared/call-state.js';

/** What the element says to call, and how, read when a call starts. */
export interface CallConfig {
  token: string | null | undefined;
  destination: string | null | undefined;
  space: string | null | undefined;
  apiBase: string | null | undefined;
  host: string | null | undefined;
  video: boolean;
  disabled: boolean;
}

/** What a call needs besides the configuration. */
export interface CallDeps {
  /** `undefined` when the page wired none: the attempt fails with `config-invalid`. */
  sdk: CallSdk | undefined;
  /** The attempt's state, which the controller made at the click and shows. */
  states: CallStates;
  timeouts?: Partial<CallSessionTimeouts> | undefined;
  /** Where remote video goes, for video calls. */
  videoContainer?: HTMLElement | undefined;
  devices?: PreferredDevices | undefined;
  qualityThresholds?: QualityThresholds | undefined;
  /** What the page gave for the call to send (the property or `call()`'s), and what `c2c-before-call` left of it. */
  userVariables?: UserVariablesInput | undefined;
}

/** A device that went away during a call, and the one that took over ('' when none could). Labels as the browser gives them. */
export interface DeviceLoss {
  kind: 'audioinput' | 'videoinput';
  lost: string;
  now: string;
}

/** What the engine reports of the current call, which the element keeps for its views. */
export interface CallReport {
  /** `performance.now()` when the far end answered. */
  answeredAt: number | undefined;
  muted: boolean;
  /** What the call sends (microphone, and camera in a video call), while it is connected. */
  localStream: MediaStream | undefined;
  /** The last device that went away during the call, and the one that took over. */
  deviceLost: DeviceLoss | undefined;
  quality: { level: C2cQualityLevel; sample: QualitySample } | undefined;
}

/**
 * The element's side, which the engine reports to: what changed in the call (when it was answered, its mute flag,
 * what it sends, a lost device, its quality), and the events it dispatches. The state is reported by the attempt's `CallStates`, which
 * the element owns.
 */
export interface CallHost {
  readonly state: C2cState;
  readonly muted: boolean;
  readonly target: EventTarget;
  report(change: Partial<CallReport>): void;
}

export class CallEngine {
  private readonly connection = new PreparedConnection();
  private session?: CallSession;

  constructor(private readonly host: CallHost) {}

  /**
   * Everything a call needs before the click, on hover and focus: the token (a Click-to-Call token is exchanged)
   * and a relay connection opened with it, so the click only has to dial.
   */
  async prepare(config: CallConfig, sdk: CallSdk): Promise<void> {
    const token = config.token?.trim();
    if (!token) return;
    const host = resolveRelayHost(config.host);
    await this.connection.open(this.connectionKey(config), async (signal) => {
      const guest = await this.obtainToken(config, signal);
      return sdk.connect({ token: guest, ...(host ? { host } : {}), signal });
    });
  }

  /**
   * Places a call with `config`, the element already showing `authorizing`. Resolves when it is active;
   * rejects with a `C2cError`, or an `AbortError` when hung up first.
   */
  start(config: CallConfig, deps: CallDeps): Promise<void> {
    const { host } = this;
    const session: CallSession = new CallSession(
      {
        destination: config.destination,
        video: config.video,
        host: config.host,
        userVariables: deps.userVariables,
        obtainToken: (signal) => this.obtainToken(config, signal),
        takeConnection: (signal) => this.connection.take(this.connectionKey(config), signal),
        sdk: deps.sdk,
        ...(deps.timeouts ? { timeouts: deps.timeouts } : {}),
        ...(config.video && deps.videoContainer ? { videoContainer: deps.videoContainer } : {}),
        ...(deps.devices ? { devices: deps.devices } : {}),
        ...(deps.qualityThresholds ? { qualityThresholds: deps.qualityThresholds } : {}),
        states: deps.states,
      },
      {
        callStarted: (callId) => {
          if (this.session !== session) return;
          host.report({ answeredAt: performance.now() });
          host.target.dispatchEvent(new C2cCallStartEvent(callId));
        },
        callEnded: (detail) => this.dispatch(session, new C2cCallEndEvent(detail)),
        failed: (error) => this.dispatch(session, new C2cErrorEvent(error)),
        mutedChanged: (muted) => {
          if (this.session === session) host.report({ muted });
        },
        mediaChanged: () => {
          if (this.session === session) host.report({ localStream: session.localStream });
        },
        deviceLost: (kind, lost, now) => {
          if (this.session === session) host.report({ localStream: session.localStream, deviceLost: { kind, lost, now } });
        },
        qualityChanged: (level, sample) => {
          if (this.session !== session) return;
          host.report({ quality: { level, sample } });
          host.target.dispatchEvent(new C2cQualityChangeEvent({ level, ...sample }));
        },
      },
    );
    this.session = session;
    return session.start();
  }

  /** Ends the current call, whatever state it is in. */
  hangup(): Promise<void> {
    return this.session?.hangup() ?? Promise.resolve();
  }

  sendDigits(digits: string): Promise<void> {
    if (!this.session) return Promise.reject(new DOMException('Cannot send digits: there is no call in progress.', 'InvalidStateError'));
    return this.session.sendDigits(digits);
  }

  useDevice(kind: SdkDeviceKind, deviceId: string): Promise<void> {
    return this.session?.useDevice(kind, deviceId) ?? Promise.resolve();
  }

  setCameraEnabled(enabled: boolean): Promise<void> {
    return this.session?.setCameraEnabled(enabled) ?? Promise.resolve();
  }

  toggleMute(): Promise<void> {
    if (!this.session || !isConnected(this.host.state)) return Promise.resolve();
    return this.session.setMuted(!this.host.muted);
  }

  /** Forgets the last call (the page changed what the button calls). */
  forget(): void {
    this.session = undefined;
  }

  /** Drops what was prepared: the token, the exchange under way, the relay connection (the element left the page). */
  clear(): void {
    this.connection.clear();
  }

  /** What a prepared connection was opened for: the same token, through the same REST origin, to the same relay. */
  private connectionKey(config: CallConfig): string {
    return `${resolveApiBase(config)} ${config.token?.trim()} ${config.host?.trim() ?? ''}`;
  }

  private dispatch(session: CallSession, event: Event): void {
    if (this.session === session) this.host.target.dispatchEvent(event);
  }

  private async obtainToken(config: CallConfig, signal: AbortSignal): Promise<string> {
    // Both are checked whatever the token: a bad api-base or space is refused even when a ready token needs neither.
    const token = checkToken(config.token, 'token attribute');
    const apiBase = resolveApiBase(config);
    if (!isClickToCallToken(token)) return token; // a ready guest, subscriber or invite token
    return exchangeToken({ apiBase, token, signal });
  }
}
