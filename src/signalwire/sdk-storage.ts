/**
 * What `@signalwire/js` leaves in the page's storage, named the way it names it, so the adapter can take it
 * away again when a call is over.
 */
import { SEAM } from './sdk-seam.js';

function decodePart(token: string, index: number): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(atob(token.split('.')[index]!.replace(/-/g, '+').replace(/_/g, '/')));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The session-storage keys the SDK writes for a token, named as its `sessionStorageManager` names them:
 * by the payload's room name `r` when the payload decodes (a JWT), else by the header's `typ` (a JWE,
 * `SAT` for guest tokens). `SAT` when neither decodes, which the SDK never writes: removing it is harmless.
 */
export function sdkStorageKeys(token: string): string[] {
  const payload = decodePart(token, 1);
  const header = decodePart(token, 0);
  const name = payload ? payload.r : header?.typ;
  const suffix = typeof name === 'string' && name ? name : 'SAT';
  return SEAM.storagePrefixes.split(' ').map((prefix) => `${prefix}-${suffix}`);
}
