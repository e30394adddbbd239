/**
 * The call machinery of one button, loaded on intent (hover, focus or click), never with the page: the token
 * exchange (prepared on hover, used once) and a `CallSession` per attempt. The element's `CallController`
 * imports this module with `import()` and hands it each call.
 */
import { resolveApiBase } from '../network/endpoints.js';
import { PreparedTokenCache } from '../network/token-cache.js';
import { exchangeToken, isClickToCallToken } from '../network/token-client.js';
import { C2cError } from '../errors.js';
import type { CallSdk } from './call-sdk.js';
import { CallSession, type CallSessionObserver, type CallSessionTimeouts } from './call-session.js';

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

/** What a session needs besides the configuration. */
export interface SessionDeps {
  sdk: CallSdk;
  timeouts?: Partial<CallSessionTimeouts>;
  /** Where remote video goes, for video calls. */
  videoContainer?: HTMLElement;
}

export class CallEngine {
  private readonly tokens = new PreparedTokenCache();

  constructor(private readonly fetchImpl?: typeof globalThis.fetch) {}

  /** Exchanges a Click-to-Call token ahead of the click; a ready token needs nothing. */
  async prepare(config: CallConfig): Promise<void> {
    const token = config.token?.trim();
    if (!token || !isClickToCallToken(token)) return;
    const apiBase = resolveApiBase(config);
    await this.tokens.prefetch(`${apiBase} ${token}`, (signal) => this.exchange(apiBase, token, signal));
  }

  /** One call attempt with `config`; the caller starts it. */
  createSession(config: CallConfig, deps: SessionDeps, observer: CallSessionObserver): CallSession {
    return new CallSession(
      {
        destination: config.destination,
        video: config.video,
        host: config.host,
        obtainToken: (signal) => this.obtainToken(config, signal),
        sdk: deps.sdk,
        ...(deps.timeouts ? { timeouts: deps.timeouts } : {}),
        ...(config.video && deps.videoContainer ? { videoContainer: deps.videoContainer } : {}),
      },
      observer,
    );
  }

  /** Drops the prepared token and stops an exchange under way (the element left the page). */
  clear(): void {
    this.tokens.clear();
  }

  private obtainToken(config: CallConfig, signal: AbortSignal): Promise<string> {
    const token = config.token?.trim();
    if (!token) return Promise.reject(new C2cError('token-missing', 'The token attribute is empty.'));
    if (!isClickToCallToken(token)) return Promise.resolve(token); // a ready guest, subscriber or invite token
    const apiBase = resolveApiBase(config);
    return this.tokens.take(`${apiBase} ${token}`, (s) => this.exchange(apiBase, token, s), signal);
  }

  private exchange(apiBase: string, token: string, signal: AbortSignal): Promise<string> {
    return exchangeToken({ apiBase, token, signal, ...(this.fetchImpl ? { fetch: this.fetchImpl } : {}) });
  }
}
