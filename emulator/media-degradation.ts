// The far end's way back, degraded on demand: packets are dropped with a probability and/or held back
// for a while before they are echoed. The degradation is read again for every packet, so changing the
// faults changes calls that are already running, and setting it back to none restores them.

export interface MediaDegradation {
  /** Chance, in percent (0–100), that a packet is dropped instead of echoed. */
  readonly lossPercent: number;
  /** How long every packet that is not dropped is held back before it is echoed. */
  readonly delayMs: number;
}

export const NO_DEGRADATION: MediaDegradation = { lossPercent: 0, delayMs: 0 };

interface Held<T> {
  readonly packet: T;
  /** `performance.now()` at which it may go. */
  readonly due: number;
}

/**
 * Passes packets on to `deliver` in the order they came, after the current degradation.
 * Packets are never reordered: when the delay shrinks, the new ones wait behind those already held
 * (the way a queue in the network drains), and with no delay and nothing held they go at once.
 */
export class DegradedForwarder<T> {
  readonly #deliver: (packet: T) => void;
  readonly #degradation: () => MediaDegradation;
  readonly #random: () => number;
  #queue: Held<T>[] = [];
  #timer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(deliver: (packet: T) => void, degradation: () => MediaDegradation, random: () => number = Math.random) {
    this.#deliver = deliver;
    this.#degradation = degradation;
    this.#random = random;
  }

  /** How many packets are being held back right now. */
  get held(): number {
    return this.#queue.length;
  }

  /** Takes a packet; false when the loss dropped it (or the forwarder is closed). */
  push(packet: T): boolean {
    if (this.#closed) return false;
    const { lossPercent, delayMs } = this.#degradation();
    if (lossPercent > 0 && this.#random() * 100 < lossPercent) return false;
    if (delayMs <= 0 && this.#queue.length === 0) {
      this.#deliver(packet);
      return true;
    }
    const due = performance.now() + Math.max(0, delayMs);
    const last = this.#queue.at(-1)?.due ?? due;
    this.#queue.push({ packet, due: Math.max(due, last) });
    this.#schedule();
    return true;
  }

  /** Forwards nothing more; returns how many held packets were discarded. */
  close(): number {
    const discarded = this.#queue.length;
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#queue = [];
    return discarded;
  }

  #schedule(): void {
    const head = this.#queue[0];
    if (this.#timer || !head) return;
    this.#timer = setTimeout(() => this.#release(), Math.max(0, head.due - performance.now()));
  }

  #release(): void {
    this.#timer = undefined;
    // Timers fire on whole milliseconds of the loop's clock: a packet due a fraction later waits one more turn.
    const now = performance.now();
    while (!this.#closed && this.#queue.length > 0 && this.#queue[0]!.due <= now) {
      this.#deliver(this.#queue.shift()!.packet);
    }
    this.#schedule();
  }
}
