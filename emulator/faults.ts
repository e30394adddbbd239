// Fault injection: what `POST /__faults` may set. Each field is validated; a POST merges into the
// current faults, `DELETE /__faults` resets them. What each one does is fault-layer.ts.

/** An injected answer of a REST endpoint: the next `times` requests get `status` (and `body` if given). */
export interface RestFault {
  readonly status: number;
  readonly times: number;
  readonly body?: unknown;
}

export type RestFaultName = 'exchange' | 'invites';

export interface Faults {
  /** The next `times` token exchanges answer `status` (with `body` if given, else an error body). */
  exchange: RestFault | null;
  /** The next `times` invite requests answer `status` (with `body` if given, else an error body). */
  invites: RestFault | null;
  /** Delay before every token exchange answers. */
  exchangeDelayMs: number;
  /** How long `/public/no-answer` rings before NO_ANSWER/19. */
  ringTimeoutMs: number;
  /** How long a session whose socket is gone keeps its calls before they are ended (read when the socket closes). */
  orphanTimeoutMs: number;
  /** Refuse every `signalwire.connect` with the AuthError frame. */
  rejectConnect: boolean;
  /** After an invite arrives: close the caller's relay socket once (the SDK reconnects, the call goes on). */
  dropSocketAfterInviteMs: number | null;
  /** After a call is answered: close its relay socket once (the SDK reconnects, the call survives). */
  dropSocketAfterMs: number | null;
  /** After a call is answered: close the socket, stop the media and refuse that session's reconnects. */
  killCallAfterMs: number | null;
  /** After a call is answered: the far end hangs up (verto.bye NORMAL_CLEARING/16). */
  hangupAfterMs: number | null;
  /**
   * The relay tokens minted while it is set name in `ch` (where the SDK connects), instead of this emulator's own:
   * a space whose relay is another host than its REST API, e.g. one the visitor cannot reach.
   */
  relayUrl: string | null;
  /** Percent (0–100) of the echoed RTP packets the far end drops; applies to running calls at once. */
  mediaLossPercent: number;
  /** How long the far end holds every echoed RTP packet back; applies to running calls at once. */
  mediaDelayMs: number;
}

export const DEFAULT_RING_TIMEOUT_MS = 30_000;
export const DEFAULT_ORPHAN_TIMEOUT_MS = 60_000;
export const MAX_MEDIA_DELAY_MS = 2_000;

export function defaultFaults(): Faults {
  return {
    exchange: null,
    invites: null,
    exchangeDelayMs: 0,
    ringTimeoutMs: DEFAULT_RING_TIMEOUT_MS,
    orphanTimeoutMs: DEFAULT_ORPHAN_TIMEOUT_MS,
    rejectConnect: false,
    dropSocketAfterInviteMs: null,
    dropSocketAfterMs: null,
    killCallAfterMs: null,
    hangupAfterMs: null,
    relayUrl: null,
    mediaLossPercent: 0,
    mediaDelayMs: 0,
  };
}

const MAX_MS = 10 * 60_000;

function isMs(value: unknown, max = MAX_MS): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max;
}

function parseRestFault(name: RestFaultName, value: unknown): { fault: RestFault | null } | { error: string } {
  if (value === null) return { fault: null };
  if (typeof value !== 'object' || Array.isArray(value)) return { error: `${name} must be an object or null` };
  const { status, times = 1, body, ...rest } = value as Record<string, unknown>;
  const unknown = Object.keys(rest)[0];
  if (unknown !== undefined) return { error: `${name}.${unknown} is not a field (status, times, body)` };
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 200 || status > 599) {
    return { error: `${name}.status must be an HTTP status (200-599)` };
  }
  if (typeof times !== 'number' || !Number.isInteger(times) || times < 1) return { error: `${name}.times must be a positive integer` };
  return { fault: { status, times, ...(body === undefined ? {} : { body }) } };
}

function isRelayUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 2048) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'ws:' || url.protocol === 'wss:') && url.pathname === '/' && !url.search && !url.hash && !url.username;
  } catch {
    return false;
  }
}

/** Merges `patch` into `current`, or returns the reason it is invalid. */
export function mergeFaults(current: Faults, patch: unknown): { faults: Faults } | { error: string } {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return { error: 'body must be a JSON object' };
  const next: Faults = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    switch (key) {
      case 'exchange':
      case 'invites': {
        const parsed = parseRestFault(key, value);
        if ('error' in parsed) return parsed;
        next[key] = parsed.fault;
        break;
      }
      case 'exchangeDelayMs':
      case 'ringTimeoutMs':
      case 'orphanTimeoutMs':
        if (!isMs(value)) return { error: `${key} must be an integer number of milliseconds (0-${MAX_MS})` };
        next[key] = value;
        break;
      case 'dropSocketAfterInviteMs':
      case 'dropSocketAfterMs':
      case 'killCallAfterMs':
      case 'hangupAfterMs':
        if (value !== null && !isMs(value)) return { error: `${key} must be milliseconds or null` };
        next[key] = value;
        break;
      case 'mediaLossPercent':
        if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 100) {
          return { error: 'mediaLossPercent must be a number from 0 to 100' };
        }
        next.mediaLossPercent = value;
        break;
      case 'mediaDelayMs':
        if (!isMs(value, MAX_MEDIA_DELAY_MS)) return { error: `mediaDelayMs must be an integer number of milliseconds (0-${MAX_MEDIA_DELAY_MS})` };
        next.mediaDelayMs = value;
        break;
      case 'relayUrl':
        if (value !== null && !isRelayUrl(value)) return { error: 'relayUrl must be a ws: or wss: origin, or null' };
        next.relayUrl = value;
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
