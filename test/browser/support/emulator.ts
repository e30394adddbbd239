// Browser-side helpers for tests that run against the local space emulator, which web-test-runner starts
// on a free port (see the `space-emulator` plugin in web-test-runner.config.mjs).
import type { CallRecord, Faults, RelayStats } from '../../../emulator/index.ts';

export {
  ADDRESSES, DEMO_C2C_TOKEN as demoToken, DISABLED_C2C_TOKEN as disabledToken, ECHO_ONLY_C2C_TOKEN as echoOnlyToken,
  EXPIRED_C2C_TOKEN as expiredToken, UNKNOWN_C2C_TOKEN as unknownToken,
} from '../../../emulator/directory.ts';
export type { CallRecord, Faults, RelayStats };

let origin: Promise<string> | undefined;

/** The emulator's origin, e.g. `http://127.0.0.1:41234` (REST and, as `ws://`, the relay). */
export function emulatorOrigin(): Promise<string> {
  origin ??= fetch('/__emulator-origin')
    .then((response) => {
      if (!response.ok) throw new Error(`no emulator: /__emulator-origin answered ${response.status}`);
      return response.json() as Promise<{ origin: string }>;
    })
    .then((body) => body.origin);
  return origin;
}

async function call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetch(`${await emulatorOrigin()}${path}`, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

/** Merges `faults` into the emulator's current faults; returns the result. */
export function setFaults(faults: Partial<Faults>): Promise<Faults> {
  return call<Faults>('POST', '/__faults', faults);
}

/** Clears every fault (call it in `afterEach`). */
export function resetFaults(): Promise<Faults> {
  return call<Faults>('DELETE', '/__faults');
}

export function currentFaults(): Promise<Faults> {
  return call<Faults>('GET', '/__faults');
}

/** The calls the emulator has seen since it started or since `clearCalls()`, oldest first: how each one ended. */
export function calls(): Promise<CallRecord[]> {
  return call<CallRecord[]>('GET', '/__calls');
}

export function clearCalls(): Promise<CallRecord[]> {
  return call<CallRecord[]>('DELETE', '/__calls');
}

/** What is open on the far side: relay sockets, sessions, active calls, media peers. */
export function relayStats(): Promise<RelayStats> {
  return call<RelayStats>('GET', '/__stats');
}

/** Exchanges a C2C token for a guest token, like the element does. */
export async function exchangeToken(token: string): Promise<string> {
  return (await call<{ token: string }>('POST', '/api/fabric/embeds/tokens', { token })).token;
}

/** The demo subscriber's token (may call every demo address; may create invites). */
export async function subscriberToken(): Promise<string> {
  return (await call<{ token: string }>('GET', '/__demo/subscriber-token')).token;
}

/** An invite token for one address (by uuid), made with the demo subscriber's token. */
export async function inviteToken(addressId: string, expiresAt?: number): Promise<string> {
  const bearer = await subscriberToken();
  const body = expiresAt === undefined ? { address_id: addressId } : { address_id: addressId, expires_at: expiresAt };
  return (await call<{ token: string }>('POST', '/api/fabric/subscriber/invites', body, { authorization: `Bearer ${bearer}` })).token;
}

/** The SDK keeps its relay protocol in sessionStorage; remove it so one test's session does not leak into the next. */
export function clearSdkStorage(): void {
  for (const key of ['pt-SAT', 'as-SAT', 'ci-SAT']) sessionStorage.removeItem(key);
}
