/**
 * Ties call sessions to the element's life: builds a `CallSession` per attempt from the element's
 * attributes, turns the session's reports into the element's state and events, keeps the token prepared
 * on hover, and ends the call when the element leaves the page.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { C2cState, isConnected, isInProgress, transition } from './call-state.js';
import type { CallSdk } from './call-sdk.js';
import { CallSession, type CallSessionObserver, type CallSessionTimeouts } from './call-session.js';
import { resolveApiBase } from './endpoints.js';
import { C2cError, isAbortError } from './errors.js';
import { C2cBeforeCallEvent, C2cCallEndEvent, C2cCallStartEvent, C2cErrorEvent, C2cStateChangeEvent } from './events.js';
import { PreparedTokenCache } from './token-cache.js';
import { exchangeToken, isClickToCallToken } from './token-client.js';

/** What the controller reads from its element. */
export interface CallConfig {
  token: string | null | undefined;
  destination: string | null | undefined;
  space: string | null | undefined;
  apiBase: string | null | undefined;
  host: string | null | undefined;
  video: boolean;
  disabled: boolean;
}

export interface CallSessionControllerOptions {
  sdk: () => CallSdk;
  config: () => CallConfig;
  /** Where remote video goes (inside the element's shadow root). */
  videoContainer?: () => HTMLElement | undefined;
  timeouts?: () => Partial<CallSessionTimeouts>;
  fetch?: typeof globalThis.fetch;
}

type Host = ReactiveControllerHost & HTMLElement;

export class CallSessionController implements ReactiveController {
  state: C2cState = C2cState.idle;
  error: C2cError | null = null;
  muted = false;
  /** `performance.now()` when the current call was answered. */
  answeredAt: number | undefined;

  private session?: CallSession;
  private attempt?: Promise<void>;
  private readonly tokens = new PreparedTokenCache();

  constructor(
    private readonly host: Host,
    private readonly options: CallSessionControllerOptions,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    // Moving the element (disconnect then connect in one task) keeps the call; leaving the page ends it.
    queueMicrotask(() => {
      if (this.host.isConnected) return;
      this.tokens.clear();
      void this.session?.hangup();
    });
  }

  /** Starts a call, or returns the one under way (a double click places one call). */
  call(): Promise<void> {
    if (this.attempt && isInProgress(this.state)) return this.attempt;
    const config = this.options.config();
    if (config.disabled) return Promise.resolve();

    const before = new C2cBeforeCallEvent(config.destination?.trim() ?? '', config.video);
    this.host.dispatchEvent(before);
    if (before.defaultPrevented) return Promise.resolve();

    const session: CallSession = new CallSession(
      {
        destination: config.destination,
        video: config.video,
        host: config.host,
        obtainToken: (signal) => this.obtainToken(config, signal),
        sdk: this.options.sdk(),
        ...(this.options.timeouts ? { timeouts: this.options.timeouts() } : {}),
        ...(config.video && this.options.videoContainer?.() ? { videoContainer: this.options.videoContainer()! } : {}),
      },
      this.observe(() => this.session === session),
    );
    this.session = session;
    this.error = null;
    this.muted = false;
    this.answeredAt = undefined;
    this.attempt = session.start();
    return this.attempt;
  }

  hangup(): Promise<void> {
    return this.session?.hangup() ?? Promise.resolve();
  }

  /** After a call (ended or failed), back to a fresh `idle`: the page changed what the button calls. */
  reset(): void {
    if (this.state !== C2cState.ended && this.state !== C2cState.error) return;
    const previous = this.state;
    this.state = transition(previous, C2cState.idle);
    this.error = null;
    this.session = undefined;
    this.attempt = undefined;
    this.announce(previous);
  }

  retry(): Promise<void> {
    if (this.state !== C2cState.error && this.state !== C2cState.ended) return Promise.resolve();
    return this.call();
  }

  /** Exchanges the token and loads the SDK ahead of the click. */
  async prepare(): Promise<void> {
    const config = this.options.config();
    if (config.disabled || isInProgress(this.state)) return;
    const loading = this.options.sdk().load();
    const token = config.token?.trim();
    if (token && isClickToCallToken(token)) {
      const apiBase = resolveApiBase({ apiBase: config.apiBase, space: config.space });
      await Promise.all([loading, this.tokens.prefetch(`${apiBase} ${token}`, (signal) => this.exchange(apiBase, token, signal))]);
    } else {
      await loading;
    }
  }

  sendDigits(digits: string): Promise<void> {
    if (!this.session) return Promise.reject(new DOMException('Cannot send digits: there is no call in progress.', 'InvalidStateError'));
    return this.session.sendDigits(digits);
  }

  toggleMute(): Promise<void> {
    if (!this.session || !isConnected(this.state)) return Promise.resolve();
    return this.session.setMuted(!this.muted);
  }

  private async obtainToken(config: CallConfig, signal: AbortSignal): Promise<string> {
    const token = config.token?.trim();
    if (!token) throw new C2cError('token-missing', 'The token attribute is empty.');
    if (!isClickToCallToken(token)) return token; // a ready guest, subscriber or invite token
    const apiBase = resolveApiBase({ apiBase: config.apiBase, space: config.space });
    return this.tokens.take(`${apiBase} ${token}`, (s) => this.exchange(apiBase, token, s), signal);
  }

  private exchange(apiBase: string, token: string, signal: AbortSignal): Promise<string> {
    return exchangeToken({ apiBase, token, signal, ...(this.options.fetch ? { fetch: this.options.fetch } : {}) });
  }

  private announce(previous: C2cState): void {
    // Reflected at once, so listeners and style hooks never see a stale attribute.
    this.host.setAttribute('state', this.state);
    this.host.requestUpdate();
    this.host.dispatchEvent(new C2cStateChangeEvent(this.state, previous));
  }

  private observe(isCurrent: () => boolean): CallSessionObserver {
    const host = this.host;
    return {
      stateChanged: (state, _sessionPrevious, error) => {
        if (!isCurrent()) return;
        // A new session starts from idle; the element moves on from where the last call left it.
        const previous = this.state;
        this.state = transition(previous, state);
        if (error) this.error = error;
        if (state === C2cState.active && this.answeredAt === undefined) this.answeredAt = performance.now();
        this.announce(previous);
      },
      callStarted: (callId) => {
        if (isCurrent()) host.dispatchEvent(new C2cCallStartEvent(callId));
      },
      callEnded: (detail) => {
        if (isCurrent()) host.dispatchEvent(new C2cCallEndEvent(detail));
      },
      failed: (error) => {
        if (isCurrent()) host.dispatchEvent(new C2cErrorEvent(error));
      },
      mutedChanged: (muted) => {
        if (!isCurrent()) return;
        this.muted = muted;
        host.requestUpdate();
      },
    };
  }
}

/** For click handlers: failures are already shown and dispatched as `c2c-error`; a cancel is not a failure. */
export function ignoreHandled(promise: Promise<unknown>): void {
  promise.catch((error: unknown) => {
    if (isAbortError(error) || error instanceof C2cError) return;
    queueMicrotask(() => {
      throw error;
    });
  });
}
