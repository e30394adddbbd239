/**
 * What `@signalwire/js` rejects with, turned into the contract's codes. Measured shapes
 * (docs/protocol.md §3): `AuthError` (class not exported: test `name`), DOMExceptions from
 * getUserMedia, plain `{code, message}` objects for refusals, and plain `Error`s for timeouts.
 */
import { C2cError, describeCause } from '../shared/errors.js';
import { mediaErrorCode } from './local-media.js';

/** Hang-up causes (Q.850 numbers and names, as the relay sends them) that mean nobody picked up. */
const NO_ANSWER_CAUSES = new Set(['18', '19', 'NO_USER_RESPONSE', 'NO_ANSWER', 'ORIGINATOR_CANCEL_TIMEOUT']);
/** …that mean the address does not exist: calling again cannot help. */
const NO_ROUTE_CAUSES = new Set(['1', '3', 'UNALLOCATED_NUMBER', 'NO_ROUTE_DESTINATION']);

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}


/** Maps a rejection of `SignalWire()` (connecting with a token). */
export function connectError(error: unknown): C2cError {
  if (error instanceof C2cError) return error;
  if (field(error, 'name') === 'AuthError') {
    return new C2cError('token-invalid', `The relay refused the token: ${describeCause(error)}`, { cause: error });
  }
  return new C2cError('network', `Could not connect to the relay: ${describeCause(error)}`, { cause: error });
}

/** Maps a rejection of `call.start()` (placing the call). */
export function startError(error: unknown): C2cError {
  if (error instanceof C2cError) return error;
  const name = field(error, 'name');
  const media = mediaErrorCode(error);
  if (media) return new C2cError(media, `The microphone could not be used: ${describeCause(error)}`, { cause: error });
  if (name === 'AuthError') {
    return new C2cError('token-invalid', `The relay refused the token: ${describeCause(error)}`, { cause: error });
  }
  const code = field(error, 'code');
  const message = field(error, 'message');
  if (code === 'ICE_GATHERING_FAILED') {
    return new C2cError('network', `No network path for the call's media: ${describeCause(error)}`, { cause: error });
  }
  const isCause = (causes: Set<string>) => code !== undefined && (causes.has(String(code)) || causes.has(String(message)));
  if (isCause(NO_ANSWER_CAUSES)) {
    return new C2cError('no-answer', `Nobody answered: ${describeCause(error)}`, { cause: error });
  }
  if (isCause(NO_ROUTE_CAUSES)) {
    return new C2cError('address-not-found', `The address does not exist: ${describeCause(error)}`, { cause: error });
  }
  if (code !== undefined && !(error instanceof Error)) {
    // A plain {code, message} object is the relay's refusal of the invite: busy, rejected, not allowed.
    return new C2cError('call-rejected', `The call was refused: ${describeCause(error)}`, { cause: error });
  }
  if (typeof message === 'string' && /timed out/i.test(message)) {
    return new C2cError('timeout', `The call could not be set up in time: ${message}`, { cause: error });
  }
  return new C2cError('unknown', `The call failed: ${describeCause(error)}`, { cause: error });
}
