/**
 * The two REST calls of the element, as plain functions: no DOM, `fetch` injectable, every answer of the
 * documented API mapped to a coded error. Tokens are sent in bodies and headers only, never in URLs, and
 * never copied into an error message.
 */
import { withDeadline } from './deadline.js';
import { C2cError, describeCause, isAbortError, type C2cErrorCode } from '../shared/errors.js';
import { resolveApiBase } from './endpoints.js';

export const DEFAULT_EXCHANGE_TIMEOUT_MS = 10_000;

type Fetch = typeof globalThis.fetch;

interface RequestOptions {
  /** Origin of the REST API (`api-base`); wins over `space`. */
  apiBase?: string;
  /** Space name or host; the request goes to `https://<space host>`. */
  space?: string;
  signal?: AbortSignal;
  /** Gives up with `timeout` after this long. */
  timeoutMs?: number;
  /** Injected in tests; the platform's fetch by default. */
  fetch?: Fetch;
}

export interface ExchangeTokenOptions extends RequestOptions {
  /** The public Click-to-Call token, `c2c_…`. */
  token: string;
}

export interface CreateInviteTokenOptions extends RequestOptions {
  /** A subscriber access token (SAT) of the signed-in subscriber who owns the address. */
  subscriberToken: string;
  /** The uuid of the subscriber's address the invite may call. */
  addressId: string;
  /** When the invite stops working: a Date or unix seconds. The API's default is two hours. */
  expiresAt?: Date | number;
}

/**
 * HTTP answers → codes, per endpoint. Only 5xx (and the network failing, or the limit passing) is worth a retry:
 * every 4xx says the request itself is refused, and asking again gets the same answer. A 4xx not listed means the
 * server at `api-base` is not the endpoint the element expects (a proxy that refuses the method, the content type…).
 */
interface StatusCodes {
  readonly [status: number]: C2cErrorCode;
}

const EXCHANGE_STATUS: StatusCodes = {
  400: 'token-invalid', // the request is the token alone: a malformed one
  401: 'token-invalid', // expired
  403: 'token-forbidden', // disabled
  404: 'token-not-found',
  410: 'token-not-found', // deleted
  413: 'token-invalid', // too long
  422: 'token-invalid', // not a Click-to-Call token
  429: 'token-forbidden', // too many calls with this token: refused for now
};
const INVITE_STATUS: StatusCodes = {
  400: 'invite-invalid',
  401: 'token-invalid', // the subscriber token
  403: 'token-forbidden',
  404: 'address-not-found',
  410: 'address-not-found',
  413: 'invite-invalid',
  422: 'invite-invalid',
  429: 'token-forbidden',
};

/** The code of an HTTP answer that is not a success: listed 4xx, other 4xx (and 3xx) → `config-invalid`, 5xx → `exchange-failed`. */
export function codeForStatus(status: number, codes: StatusCodes): C2cErrorCode {
  if (status >= 500) return 'exchange-failed';
  return codes[status] ?? 'config-invalid';
}

/** The longest token the element sends anywhere: far above any token a space hands out, within what servers take in a header. */
export const MAX_TOKEN_LENGTH = 8192;
/** What a token may be made of: RFC 7235's token68 (base64, base64url, JWT/JWE dots), the same in a JSON body or a Bearer header. */
const TOKEN68 = /^[A-Za-z0-9\-._~+/]+=*$/;

/**
 * Checks a token before anything is sent with it. Empty → `token-missing`; longer than `MAX_TOKEN_LENGTH`, made of
 * anything but token68 characters (spaces, control characters, non-ASCII, markup), or `c2c_` with nothing after it
 * → `token-invalid`. The message never repeats the token.
 */
export function checkToken(token: string | null | undefined, what = 'token'): string {
  const value = typeof token === 'string' ? token.trim() : '';
  if (!value) throw new C2cError('token-missing', `No ${what} was given.`);
  if (value.length > MAX_TOKEN_LENGTH) {
    throw new C2cError('token-invalid', `The ${what} is ${value.length} characters long; at most ${MAX_TOKEN_LENGTH} are accepted.`);
  }
  if (!TOKEN68.test(value) || value === 'c2c_') {
    throw new C2cError('token-invalid', `The ${what} has characters a token cannot have, or nothing after its c2c_ prefix.`);
  }
  return value;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isClickToCallToken(token: string): boolean {
  return token.startsWith('c2c_');
}

/**
 * Exchanges a public Click-to-Call token for a short-lived guest token
 * (`POST /api/fabric/embeds/tokens`).
 */
export async function exchangeToken(options: ExchangeTokenOptions): Promise<string> {
  const token = checkToken(options.token, 'Click-to-Call token');
  return postForToken(options, '/api/fabric/embeds/tokens', { token }, {}, EXCHANGE_STATUS, 'token exchange');
}

/**
 * Creates an invite token a subscriber can share: whoever holds it may call `addressId` until it expires
 * (`POST /api/fabric/subscriber/invites`).
 */
export async function createInviteToken(options: CreateInviteTokenOptions): Promise<string> {
  const subscriberToken = checkToken(options.subscriberToken, 'subscriber token');
  if (typeof options.addressId !== 'string' || !UUID.test(options.addressId)) {
    throw new C2cError('invite-invalid', 'addressId must be the uuid of one of the subscriber\'s addresses.');
  }
  const body: Record<string, unknown> = { address_id: options.addressId };
  if (options.expiresAt !== undefined) {
    const seconds = options.expiresAt instanceof Date ? Math.floor(options.expiresAt.getTime() / 1000) : options.expiresAt;
    if (!Number.isInteger(seconds) || seconds * 1000 <= Date.now()) {
      throw new C2cError('invite-invalid', 'expiresAt must be a time in the future (a Date or whole unix seconds).');
    }
    body.expires_at = seconds;
  }
  return postForToken(options, '/api/fabric/subscriber/invites', body, { authorization: `Bearer ${subscriberToken}` },
    INVITE_STATUS, 'invite creation');
}

async function postForToken(
  options: RequestOptions,
  path: string,
  body: unknown,
  headers: Record<string, string>,
  statusCodes: StatusCodes,
  what: string,
): Promise<string> {
  const url = `${resolveApiBase(options)}${path}`;
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const timeoutMs = options.timeoutMs ?? DEFAULT_EXCHANGE_TIMEOUT_MS;
  options.signal?.throwIfAborted();

  // The deadline settles on timeout or the caller's abort even when a fetch (an injected one) or its body
  // ignores its signal; aborting `request` then stops the HTTP request itself.
  const request = new AbortController();
  try {
    return await withDeadline(postAndReadToken(), {
      signal: options.signal ?? request.signal,
      timeoutMs,
      what: `The ${what}`,
    });
  } catch (error) {
    request.abort();
    throw error;
  }

  async function postAndReadToken(): Promise<string> {
    let response: Response;
    try {
      response = await fetchImpl(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
        body: JSON.stringify(body),
        credentials: 'omit',
        cache: 'no-store',
        // A redirect would carry the token to wherever the server says: api-base must be the final origin.
        redirect: 'manual',
        referrerPolicy: 'strict-origin-when-cross-origin',
        signal: request.signal,
      });
    } catch (error) {
      if (isAbortError(error)) throw error; // given up already: the deadline has answered
      throw new C2cError('network', `The ${what} could not reach the server (${describeCause(error)}).`, { cause: error });
    }

    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
      await response.body?.cancel().catch(() => undefined);
      throw new C2cError('config-invalid', `The ${what} was answered with a redirect: set api-base to the origin that answers.`,
        response.status ? { status: response.status } : {});
    }
    if (!response.ok) {
      // Drain the body so the connection can be reused; its text is not trusted into messages.
      await response.body?.cancel().catch(() => undefined);
      throw new C2cError(codeForStatus(response.status, statusCodes), `The ${what} was answered with HTTP ${response.status}.`, { status: response.status });
    }

    let payload: unknown;
    try {
      payload = await response.json();
    } catch {
      throw new C2cError('exchange-failed', `The ${what} answered ${response.status} without a JSON body.`, { status: response.status });
    }
    const token = (payload as { token?: unknown } | null)?.token;
    if (typeof token !== 'string' || token.length === 0) {
      throw new C2cError('exchange-failed', `The ${what} answered ${response.status} without a token.`, { status: response.status });
    }
    if (token.length > MAX_TOKEN_LENGTH || !TOKEN68.test(token)) {
      throw new C2cError('exchange-failed', `The ${what} answered ${response.status} with something that is not a token.`, { status: response.status });
    }
    return token;
  }
}
