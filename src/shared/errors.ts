/** Error codes of the public contract, and the one error class every failure is turned into. */
export const C2cErrorCode = {
  tokenMissing: 'token-missing',
  tokenInvalid: 'token-invalid',
  tokenForbidden: 'token-forbidden',
  tokenNotFound: 'token-not-found',
  destinationInvalid: 'destination-invalid',
  configInvalid: 'config-invalid',
  exchangeFailed: 'exchange-failed',
  network: 'network',
  timeout: 'timeout',
  micDenied: 'mic-denied',
  noDevice: 'no-device',
  unsupported: 'unsupported',
  callRejected: 'call-rejected',
  noAnswer: 'no-answer',
  connectionLost: 'connection-lost',
  callInProgress: 'call-in-progress',
  addressNotFound: 'address-not-found',
  inviteInvalid: 'invite-invalid',
  unknown: 'unknown',
} as const;

export type C2cErrorCode = (typeof C2cErrorCode)[keyof typeof C2cErrorCode];

/** Codes after which trying again may help; the rest need a change of configuration or token. */
const RETRYABLE: ReadonlySet<C2cErrorCode> = new Set<C2cErrorCode>([
  'exchange-failed',
  'network',
  'timeout',
  'mic-denied',
  'no-device',
  'call-rejected',
  'no-answer',
  'connection-lost',
  'call-in-progress',
  'unknown',
]);

export function isRetryable(code: C2cErrorCode): boolean {
  return RETRYABLE.has(code);
}

export interface C2cErrorOptions {
  /** HTTP status, where the failure was an HTTP answer. */
  status?: number;
  cause?: unknown;
}

/**
 * A failure with a code from the contract's table. `message` is for developers (never shown to users,
 * who see the localized `strings[code]`) and never contains a token.
 */
export class C2cError extends Error {
  override readonly name = 'C2cError';
  readonly code: C2cErrorCode;
  readonly retryable: boolean;
  readonly status?: number;

  constructor(code: C2cErrorCode, message: string, options: C2cErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = isRetryable(code);
    if (options.status !== undefined) this.status = options.status;
  }

  toJSON(): { code: C2cErrorCode; message: string; retryable: boolean; status?: number } {
    return { code: this.code, message: this.message, retryable: this.retryable, ...(this.status === undefined ? {} : { status: this.status }) };
  }
}

/** An `AbortError` as fetch and the platform throw it, so callers can tell a cancel from a failure. */
export function abortError(): DOMException {
  return new DOMException('The operation was aborted.', 'AbortError');
}

export function isAbortError(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { name?: unknown }).name === 'AbortError';
}

/** A failure's own words for a developer message: its `message` (or the value), and its `code` if any. */
export function describeCause(value: unknown): string {
  const { message, code } = (typeof value === 'object' && value !== null ? value : {}) as { message?: unknown; code?: unknown };
  const text = typeof message === 'string' ? message : String(value);
  return code === undefined ? text : `${text} (code ${String(code)})`;
}
