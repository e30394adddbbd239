// Fault injection: what `POST /__faults` may set. Each field is validated; a POST merges into the
// current faults, `DELETE /__faults` resets them.

export interface Faults {
  /** The next `times` token exchanges answer `status` (with `body` if given, else an error body). */
  exchange: { status: number; times: number; body?: unknown } | null;
  /** Delay before every token exchange answers. */
  exchangeDelayMs: number;
  /** How long `/public/no-answer` rings before NO_ANSWER/19. */
  ringTimeoutMs: number;
  /** Refuse every `signalwire.connect` with the AuthError frame. */
  rejectConnect: boolean;
  /** After a call is answered: close its relay socket once (the SDK reconnects, the call survives). */
  dropSocketAfterMs: number | null;
  /** After a call is answered: close the socket, stop the media and refuse that session's reconnects. */
  killCallAfterMs: number | null;
  /** After a call is answered: the far end hangs up (verto.bye NORMAL_CLEARING/16). */
  hangupAfterMs: number | null;
}

export const DEFAULT_RING_TIMEOUT_MS = 30_000;

export function defaultFaults(): Faults {
  return {
    exchange: null,
    exchangeDelayMs: 0,
    ringTimeoutMs: DEFAULT_RING_TIMEOUT_MS,
    rejectConnect: false,
    dropSocketAfterMs: null,
    killCallAfterMs: null,
    hangupAfterMs: null,
  };
}

const MAX_MS = 10 * 60_000;

function isMs(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_MS;
}

/** Merges `patch` into `current`, or returns the reason it is invalid. */
export function mergeFaults(current: Faults, patch: unknown): { faults: Faults } | { error: string } {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return { error: 'body must be a JSON object' };
  const next: Faults = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    switch (key) {
      case 'exchange': {
        if (value === null) {
          next.exchange = null;
          break;
        }
        const { status, times = 1, body } = (value ?? {}) as Record<string, unknown>;
        if (typeof value !== 'object' || !Number.isInteger(status) || (status as number) < 200 || (status as number) > 599) {
          return { error: 'exchange.status must be an HTTP status (200-599)' };
        }
        if (!Number.isInteger(times) || (times as number) < 1) return { error: 'exchange.times must be a positive integer' };
        next.exchange = { status: status as number, times: times as number, ...(body === undefined ? {} : { body }) };
        break;
      }
      case 'exchangeDelayMs':
      case 'ringTimeoutMs':
        if (!isMs(value)) return { error: `${key} must be an integer number of milliseconds` };
        next[key] = value;
        break;
      case 'dropSocketAfterMs':
      case 'killCallAfterMs':
      case 'hangupAfterMs':
        if (value !== null && !isMs(value)) return { error: `${key} must be milliseconds or null` };
        next[key] = value;
        break;
      case 'rejectConnect':
        if (typeof value !== 'boolean') return { error: 'rejectConnect must be a boolean' };
        next.rejectConnect = value;
        break;
      default:
        return { error: `unknown fault: ${key}` };
    }
  }
  return { faults: next };
}

/** Takes one use of the exchange fault, if any is armed. */
export function takeExchangeFault(faults: Faults): { status: number; body?: unknown } | null {
  const fault = faults.exchange;
  if (!fault) return null;
  faults.exchange = fault.times > 1 ? { ...fault, times: fault.times - 1 } : null;
  return { status: fault.status, ...(fault.body === undefined ? {} : { body: fault.body }) };
}
