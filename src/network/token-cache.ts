/**
 * The guest token fetched ahead on hover/focus (`prepare()`), so the click only has to connect. An entry
 * is used once and only while fresh (60 s by default): a guest token is short-lived, and an old one would
 * fail at the relay instead of at the exchange, where the error is clearer.
 */
export const PREPARED_TOKEN_MAX_AGE_MS = 60_000;

type Exchange = (signal: AbortSignal) => Promise<string>;

interface Entry {
  key: string;
  startedAt: number;
  token: Promise<string>;
  controller: AbortController;
}

export class PreparedTokenCache {
  private entry?: Entry;

  constructor(
    private readonly maxAgeMs = PREPARED_TOKEN_MAX_AGE_MS,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /**
   * Starts an exchange for `key` unless a fresh one is already there or under way. Resolves when the token
   * is there; rejects with the exchange's error (which is then forgotten, so the click exchanges again).
   */
  prefetch(key: string, exchange: Exchange): Promise<void> {
    if (!this.isFresh(key)) {
      this.clear();
      const controller = new AbortController();
      const token = exchange(controller.signal);
      const entry: Entry = { key, startedAt: this.now(), token, controller };
      this.entry = entry;
      // A failed prefetch is forgotten: the click exchanges again and shows that error.
      token.catch(() => {
        if (this.entry === entry) this.entry = undefined;
      });
    }
    return this.entry!.token.then(() => undefined);
  }

  /** The prepared token for `key` if fresh (removing it: tokens are used once), else a new exchange. */
  take(key: string, exchange: Exchange, signal: AbortSignal): Promise<string> {
    const entry = this.entry;
    this.entry = undefined;
    if (entry && entry.key === key && this.now() - entry.startedAt < this.maxAgeMs) {
      // The caller's cancel now stops the prepared exchange too, if it is still under way.
      signal.addEventListener('abort', () => entry.controller.abort(), { once: true });
      return entry.token.catch(() => {
        signal.throwIfAborted(); // cancelled by the caller: no second try
        return exchange(signal);
      });
    }
    entry?.controller.abort();
    return exchange(signal);
  }

  /** Drops what was prepared and stops an exchange under way. */
  clear(): void {
    this.entry?.controller.abort();
    this.entry = undefined;
  }

  private isFresh(key: string): boolean {
    return this.entry !== undefined && this.entry.key === key && this.now() - this.entry.startedAt < this.maxAgeMs;
  }
}
