// HTTP helpers for Node tests against a running emulator: REST calls, faults and the test-only
// observability endpoints. Each takes the emulator's origin, so a test file may start its own.
import assert from 'node:assert/strict';
import { DEMO_C2C_TOKEN, type CallRecord, type Faults, type EmulatorStats } from '../../../emulator/index.ts';

export type Json = Record<string, any>;

export const EXCHANGE = '/api/fabric/embeds/tokens';
export const INVITES = '/api/fabric/subscriber/invites';

/** POSTs `body` as JSON (a string is sent as is). */
export function post(origin: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${origin}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function json<T>(response: Response, expected: number): Promise<T> {
  const text = await response.text();
  assert.equal(response.status, expected, `${response.url} answered ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

export async function guestToken(origin: string, c2c = DEMO_C2C_TOKEN): Promise<string> {
  return (await json<{ token: string }>(await post(origin, EXCHANGE, { token: c2c }), 201)).token;
}

export async function subscriberToken(origin: string): Promise<string> {
  return (await json<{ token: string }>(await fetch(`${origin}/__demo/subscriber-token`), 200)).token;
}

/** An invite token for `addressId`, made with a fresh demo subscriber token. `expiresAt` in unix seconds. */
export async function inviteToken(origin: string, addressId: string, expiresAt?: number): Promise<string> {
  const body = expiresAt === undefined ? { address_id: addressId } : { address_id: addressId, expires_at: expiresAt };
  const response = await post(origin, INVITES, body, { authorization: `Bearer ${await subscriberToken(origin)}` });
  return (await json<{ token: string }>(response, 201)).token;
}

export async function setFaults(origin: string, faults: Partial<Faults>): Promise<Faults> {
  return json<Faults>(await post(origin, '/__faults', faults), 200);
}

export async function resetFaults(origin: string): Promise<Faults> {
  return json<Faults>(await fetch(`${origin}/__faults`, { method: 'DELETE' }), 200);
}

/** `GET /__calls`: the calls seen since start or the last `clearCalls`. */
export async function calls(origin: string): Promise<CallRecord[]> {
  return json<CallRecord[]>(await fetch(`${origin}/__calls`), 200);
}

/** The record of one call, by its callID. */
export async function callRecord(origin: string, callId: string): Promise<CallRecord | undefined> {
  return (await calls(origin)).find((record) => record.callId === callId);
}

export async function clearCalls(origin: string): Promise<void> {
  await json<unknown>(await fetch(`${origin}/__calls`, { method: 'DELETE' }), 200);
}

/** `GET /__stats`. */
export async function stats(origin: string): Promise<EmulatorStats> {
  return json<EmulatorStats>(await fetch(`${origin}/__stats`), 200);
}

/** Polls `read` until `done` holds for its value; fails after `timeoutMs` with the last value seen. */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > deadline) assert.fail(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
    value = await read();
  }
  return value;
}

/** Waits until the wall clock has passed `epochMs` (for tokens that must expire). */
export async function waitUntil(epochMs: number): Promise<void> {
  while (Date.now() <= epochMs) await new Promise((resolve) => setTimeout(resolve, Math.max(1, epochMs - Date.now() + 1)));
}
