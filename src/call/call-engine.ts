/**
 * The call machinery of one button, loaded on intent (hover, focus or click), never with the page: the token
 * exchange (prepared on hover, used once) and a `CallSession` per attempt, whose reports it turns into the
 * element's state and events. The element's `CallController` imports this module with `import()`.
 */
import type { C2cError } from '../errors.js';
import { C2cCallEndEvent, C2cCallStartEvent } from '../call-events.js';
import { C2cErrorEvent } from '../events.js';
import { resolveApiBase } from '../network/endpoints.js';
import { PreparedTokenCache } from '../network/token-cache.js';
import { checkToken, exchangeToken, isClickToCallToken } from '../network/token-client.js';
import type { CallSdk } from './call-sdk.js';
import { CallSession, type CallSessionTimeouts } from './call-session.js';
import { C2cState, isConnected } from './call-state.js';

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
  sdk: CallSdk;
  timeouts?: Partial<CallSessionTimeouts>;
  /** Where remote video goes, for video calls. */
  videoContainer?: HTMLElement;
}

/** The element's side, which the engine reports to: its state, its mute flag, and the events it dispatches. */
export interface CallHost {
  readonly state: C2cState;
  readonly muted: boolean;
  readonly target: EventTarget;
  moveTo(state: C2cState, error?: C2cError): void;
  mutedChanged(muted: boolean): void;
}

export class CallEngine {
  private readonly tokens = new PreparedTokenCache();
  private session?: CallSession;

  constructor(
    private readonly host: CallHost,
    private readonly fetchImpl?: typeof globalThis.fetch,
  ) {}

  /** Exchanges a Click-to-Call token ahead of the click; a ready token needs nothing. */
  async prepare(config: CallConfig): Promise<void> {
    const token = config.token?.trim();
    if (!token || !isClickToCallToken(token)) return;
    const apiBase = resolveApiBase(config);
    await this.tokens.prefetch(`${apiBase} ${token}`, (signal) => this.exchange(apiBase, token, signal));
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
        obtainToken: (signal) => this.obtainToken(config, signal),
        sdk: deps.sdk,
        ...(deps.timeouts ? { timeouts: deps.timeouts } : {}),
        ...(config.video && deps.videoContainer ? { videoContainer: deps.videoContainer } : {}),
      },
      {
        stateChanged: (state, _previous, error) => {
          // The session's first step, `authorizing`, is on screen since the click.
          if (this.session === session && state !== host.state) host.moveTo(state, error);
        },
        callStarted: (callId) => this.dispatch(session, new C2cCallStartEvent(callId)),
        callEnded: (detail) => this.dispatch(session, new C2cCallEndEvent(detail)),
        failed: (error) => this.dispatch(session, new C2cErrorEvent(error)),
        mutedChanged: (muted) => {
          if (this.session === session) host.mutedChanged(muted);
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

  toggleMute(): Promise<void> {
    if (!this.session || !isConnected(this.host.state)) return Promise.resolve();
    return this.session.setMuted(!this.host.muted);
  }

  /** Forgets the last call (the page changed what the button calls). */
  forget(): void {
    this.session = undefined;
  }

  /** Drops the prepared token and stops an exchange under way (the element left the page). */
  clear(): void {
    this.tokens.clear();
  }

  private dispatch(session: CallSession, event: Event): void {
    if (this.session === session) this.host.target.dispatchEvent(event);
  }

  private async obtainToken(config: CallConfig, signal: AbortSignal): Promise<string> {
    // Both are checked whatever the token: a bad api-base or space is refused even when a ready token needs neither.
    const token = checkToken(config.token, 'token attribute');
    const apiBase = resolveApiBase(config);
    if (!isClickToCallToken(token)) return token; // a ready guest, subscriber or invite token
    return this.tokens.take(`${apiBase} ${token}`, (s) => this.exchange(apiBase, token, s), signal);
  }

  private exchange(apiBase: string, token: string, signal: AbortSignal): Promise<string> {
    return exchangeToken({ apiBase, token, signal, ...(this.fetchImpl ? { fetch: this.fetchImpl } : {}) });
  }
}
