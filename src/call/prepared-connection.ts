/**
 * The relay connection opened ahead of the click, on hover or focus: the token exchanged and the client connected,
 * so the click only has to dial — what a hand-written page does when it connects its client before the visitor
 * calls. At most one per button; used once and only while fresh (60 s: a guest token is short-lived, and an old
 * one would fail at the relay instead of at the exchange, where the error is clearer); closed when it goes stale,
 * when the button prepares another, or when the element leaves the page. Another button on the page that calls
 * meanwhile comes first: the SDK allows one client per page, and the adapter closes an idle one for a call.
 */
import type { SdkClient } from '../shared/call-sdk.js';

export const PREPARED_MAX_AGE_MS = 60_000;

type Open = (signal: AbortSignal) => Promise<SdkClient>;

interface Entry {
  key: string;
  openedAt: number;
  client: Promise<SdkClient>;
  controller: AbortController;
  timer: ReturnType<typeof setTimeout>;
}

export class PreparedConnection {
  private entry?: Entry;

  constructor(
    private readonly maxAgeMs = PREPARED_MAX_AGE_MS,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /**
   * Opens a connection for `key` unless a fresh one is there or opening. Resolves when it is open; rejects with
   * why it could not be (it is then forgotten, so the click connects again and shows that error).
   */
  open(key: string, open: Open): Promise<void> {
    if (!this.isFresh(key)) {
      this.clear();
      const controller = new AbortController();
      const entry: Entry = {
        key, openedAt: this.now(), client: open(controller.signal), controller,
        timer: setTimeout(() => this.entry === entry && this.clear(), this.maxAgeMs),
      };
      this.entry = entry;
      entry.client.catch(() => {
        if (this.entry === entry) this.drop();
      });
    }
    return this.entry!.client.then(() => undefined);
  }

  /**
   * The connection prepared for `key`, perhaps still opening, handed over once: the caller closes it, and its
   * `signal` cancels the opening. Undefined when there is none for `key` or it is stale (then it is closed).
   */
  take(key: string, signal: AbortSignal): Promise<SdkClient> | undefined {
    if (!this.isFresh(key)) {
      if (this.entry && this.entry.key === key) this.clear(); // stale, its timer not yet run (a page that slept)
      return undefined;
    }
    const entry = this.entry!;
    this.drop();
    signal.addEventListener('abort', () => entry.controller.abort(), { once: true });
    return entry.client;
  }

  /** Closes what is prepared, open or still opening. */
  clear(): void {
    const entry = this.entry;
    if (!entry) return;
    this.drop();
    entry.controller.abort();
    entry.client.then((client) => client.disconnect(), () => undefined);
  }

  private isFresh(key: string): boolean {
    return this.entry !== undefined && this.entry.key === key && this.now() - this.entry.openedAt < this.maxAgeMs;
  }

  private drop(): void {
    clearTimeout(this.entry?.timer);
    this.entry = undefined;
  }
}
