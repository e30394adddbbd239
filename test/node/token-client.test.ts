import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createInviteToken, exchangeToken, isClickToCallToken } from '../../src/network/token-client.js';
import { C2cError, type C2cErrorCode } from '../../src/shared/errors.js';
import { rejection } from '../support/async.js';

const TOKEN = 'c2c_7acc0e5e968706a032983cd80cdca219';
const GUEST = 'eyJhbGciOiJIUzI1NiJ9.guest-token-secret.sig';
const SAT = 'sat-subscriber-secret-0123456789';
const ADDRESS_ID = '3fa85f64-5717-4562-b3fc-2c963f66afa6';

type Fetch = typeof globalThis.fetch;

interface Recorded {
  url: string;
  init: RequestInit;
}

/** A fetch that records each request and answers with `respond`. */
function fakeFetch(respond: (url: string, init: RequestInit) => Response | Promise<Response>) {
  const calls: Recorded[] = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    calls.push({ url, init: init ?? {} });
    return respond(url, init ?? {});
  }) as Fetch;
  return { fetch, calls };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** Like the platform's fetch: never answers, but rejects with the signal's reason once aborted. */
function hangingFetch() {
  let called!: () => void;
  const wasCalled = new Promise<void>((resolve) => (called = resolve));
  const { fetch, calls } = fakeFetch((_url, init) => {
    called();
    return new Promise<Response>((_resolve, reject) => {
      const signal = init.signal!;
      if (signal.aborted) reject(signal.reason);
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
  });
  return { fetch, calls, wasCalled };
}

/** A 201 whose body never ends, but errors with the signal's reason once aborted (as a real response body does). */
function stalledBodyFetch() {
  let called!: () => void;
  const wasCalled = new Promise<void>((resolve) => (called = resolve));
  const { fetch, calls } = fakeFetch((_url, init) => {
    const signal = init.signal!;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"token":"'));
        signal.addEventListener('abort', () => controller.error(signal.reason), { once: true });
      },
    });
    called();
    return new Response(body, { status: 201, headers: { 'content-type': 'application/json' } });
  });
  return { fetch, calls, wasCalled };
}

async function c2cRejection(promise: Promise<unknown>, code: C2cErrorCode): Promise<C2cError> {
  const error = await rejection(promise);
  assert.ok(error instanceof C2cError, `expected a C2cError, got ${String(error)}`);
  assert.equal(error.code, code, `expected ${code}, got ${error.code}: ${error.message}`);
  return error;
}

function assertNoSecrets(error: unknown, ...secrets: string[]): void {
  assert.ok(error instanceof Error);
  const texts = [error.message, String(error), JSON.stringify(error), error instanceof C2cError ? JSON.stringify(error.toJSON()) : ''];
  for (const secret of secrets) {
    for (const text of texts) assert.ok(!text.includes(secret), `"${text}" leaks a token`);
  }
}

function header(init: RequestInit, name: string): string | null {
  return new Headers(init.headers).get(name);
}

describe('isClickToCallToken', () => {
  it('is true only for c2c_ tokens', () => {
    assert.equal(isClickToCallToken(TOKEN), true);
    assert.equal(isClickToCallToken(GUEST), false);
    assert.equal(isClickToCallToken('C2C_abc'), false);
    assert.equal(isClickToCallToken(''), false);
  });
});

describe('exchangeToken: the request', () => {
  it('POSTs to <space host>/api/fabric/embeds/tokens for a space name', async () => {
    const { fetch, calls } = fakeFetch(() => json(201, { token: GUEST }));
    await exchangeToken({ space: 'example', token: TOKEN, fetch });
    assert.equal(calls.length, 1);
    assert.equal(calls[0]!.url, 'https://example.signalwire.com/api/fabric/embeds/tokens');
  });

  it('keeps a space given as a host', async () => {
    const { fetch, calls } = fakeFetch(() => json(201, { token: GUEST }));
    await exchangeToken({ space: 'acme.example.com', token: TOKEN, fetch });
    assert.equal(calls[0]!.url, 'https://acme.example.com/api/fabric/embeds/tokens');
  });

  it('uses the public embeds origin with neither space nor api-base', async () => {
    const { fetch, calls } = fakeFetch(() => json(201, { token: GUEST }));
    await exchangeToken({ token: TOKEN, fetch });
    assert.equal(calls[0]!.url, 'https://embeds.signalwire.com/api/fabric/embeds/tokens');
  });

  it('uses api-base over space, keeping a path prefix without a double slash', async () => {
    const { fetch, calls } = fakeFetch(() => json(201, { token: GUEST }));
    await exchangeToken({ apiBase: 'https://proxy.example.com/signalwire/', space: 'example', token: TOKEN, fetch });
    assert.equal(calls[0]!.url, 'https://proxy.example.com/signalwire/api/fabric/embeds/tokens');
  });

  it('sends POST, a JSON body with the token, JSON content type, no credentials and a signal', async () => {
    const { fetch, calls } = fakeFetch(() => json(201, { token: GUEST }));
    await exchangeToken({ apiBase: 'http://127.0.0.1:8790', token: TOKEN, fetch });
    const { url, init } = calls[0]!;
    assert.equal(url, 'http://127.0.0.1:8790/api/fabric/embeds/tokens');
    assert.equal(init.method, 'POST');
    assert.equal(typeof init.body, 'string');
    assert.deepEqual(JSON.parse(init.body as string), { token: TOKEN });
    assert.equal(header(init, 'content-type'), 'application/json');
    assert.equal(header(init, 'authorization'), null);
    assert.equal(init.credentials, 'omit');
    assert.ok(init.signal instanceof AbortSignal);
    assert.equal(init.signal.aborted, false);
    assert.ok(!url.includes(TOKEN), 'the token must never be in the URL');
  });

  it('sends the token trimmed', async () => {
    const { fetch, calls } = fakeFetch(() => json(201, { token: GUEST }));
    await exchangeToken({ token: `  ${TOKEN}\n`, fetch });
    assert.deepEqual(JSON.parse(calls[0]!.init.body as string), { token: TOKEN });
  });

  for (const apiBase of ['http://127.0.0.1:8790', 'http://localhost:1', 'http://[::1]:5', 'https://example.com']) {
    it(`allows api-base ${apiBase}`, async () => {
      const { fetch, calls } = fakeFetch(() => json(201, { token: GUEST }));
      assert.equal(await exchangeToken({ apiBase, token: TOKEN, fetch }), GUEST);
      assert.equal(calls.length, 1);
      assert.ok(calls[0]!.url.startsWith(apiBase), calls[0]!.url);
    });
  }
});

describe('exchangeToken: answers', () => {
  it('201 with a token resolves with the token', async () => {
    const { fetch } = fakeFetch(() => json(201, { token: GUEST }));
    assert.equal(await exchangeToken({ token: TOKEN, fetch }), GUEST);
  });

  it('200 with a token resolves with the token', async () => {
    const { fetch } = fakeFetch(() => json(200, { token: GUEST, expires_at: 123 }));
    assert.equal(await exchangeToken({ token: TOKEN, fetch }), GUEST);
  });

  const statusRows: Array<[number, C2cErrorCode, boolean]> = [
    [401, 'token-invalid', false],
    [422, 'token-invalid', false],
    [403, 'token-forbidden', false],
    [404, 'token-not-found', false],
    [500, 'exchange-failed', true],
    [502, 'exchange-failed', true],
    [503, 'exchange-failed', true],
  ];
  for (const [status, code, retryable] of statusRows) {
    it(`${status} → ${code} with status ${status}`, async () => {
      // The error body carries secrets: none of it may end up in the message.
      const { fetch, calls } = fakeFetch(() => json(status, { error: 'nope', token: GUEST, echo: TOKEN }));
      const error = await c2cRejection(exchangeToken({ token: TOKEN, fetch }), code);
      assert.equal(error.status, status);
      assert.equal(error.retryable, retryable);
      assert.equal(error.toJSON().status, status);
      assert.equal(calls.length, 1);
      assertNoSecrets(error, TOKEN, GUEST);
    });
  }

  const badBodies: Array<[string, () => Response]> = [
    ['201 with {}', () => json(201, {})],
    ['201 with {token: 5}', () => json(201, { token: 5 })],
    ['201 with {token: ""}', () => json(201, { token: '' })],
    ['201 with null', () => json(201, null)],
    ['201 with a non-JSON body', () => new Response(`<html>${GUEST}</html>`, { status: 201 })],
    ['201 with an empty body', () => new Response(null, { status: 201 })],
    ['204 (no body)', () => new Response(null, { status: 204 })],
  ];
  for (const [label, respond] of badBodies) {
    it(`${label} → exchange-failed (retryable)`, async () => {
      const { fetch } = fakeFetch(respond);
      const error = await c2cRejection(exchangeToken({ token: TOKEN, fetch }), 'exchange-failed');
      assert.equal(error.retryable, true);
      assert.equal(typeof error.status, 'number');
      assertNoSecrets(error, TOKEN, GUEST);
    });
  }

  it('a fetch rejecting with a TypeError → network (retryable), cause kept', async () => {
    const cause = new TypeError('fetch failed');
    const { fetch } = fakeFetch(() => Promise.reject(cause));
    const error = await c2cRejection(exchangeToken({ token: TOKEN, fetch }), 'network');
    assert.equal(error.retryable, true);
    assert.equal(error.status, undefined);
    assert.equal(error.cause, cause);
    assertNoSecrets(error, TOKEN);
  });
});

describe('exchangeToken: time limits and cancelling', () => {
  it('a fetch that never answers → timeout after timeoutMs, and the request signal is aborted', { timeout: 2000 }, async () => {
    const { fetch, calls } = hangingFetch();
    const started = performance.now();
    const error = await c2cRejection(exchangeToken({ token: TOKEN, fetch, timeoutMs: 30 }), 'timeout');
    assert.ok(performance.now() - started >= 25, 'gave up too early');
    assert.equal(error.retryable, true);
    assert.equal(calls[0]!.init.signal!.aborted, true);
    assertNoSecrets(error, TOKEN);
  });

  it('a fetch that never settles and ignores its signal still times out', { timeout: 2000 }, async () => {
    const { fetch } = fakeFetch(() => new Promise<Response>(() => undefined));
    await c2cRejection(exchangeToken({ token: TOKEN, fetch, timeoutMs: 30 }), 'timeout');
  });

  it('a caller abort settles even when the fetch ignores its signal', { timeout: 2000 }, async () => {
    const controller = new AbortController();
    const { fetch, calls } = fakeFetch(() => new Promise<Response>(() => undefined));
    const pending = exchangeToken({ token: TOKEN, fetch, signal: controller.signal, timeoutMs: 5000 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal(calls.length, 1);
    controller.abort();
    const error = await rejection(pending);
    assert.ok(!(error instanceof C2cError));
    assert.equal((error as Error).name, 'AbortError');
  });

  it('a body that never ends and ignores the signal → timeout', { timeout: 2000 }, async () => {
    const { fetch } = fakeFetch(() => new Response(new ReadableStream<Uint8Array>({ start() {} }), { status: 201 }));
    await c2cRejection(exchangeToken({ token: TOKEN, fetch, timeoutMs: 30 }), 'timeout');
  });

  it('a body that stalls after the headers → timeout', { timeout: 2000 }, async () => {
    const { fetch } = stalledBodyFetch();
    await c2cRejection(exchangeToken({ token: TOKEN, fetch, timeoutMs: 30 }), 'timeout');
  });

  it('an answer within the limit is not turned into a timeout', async () => {
    const { fetch } = fakeFetch(() => new Promise((resolve) => setTimeout(() => resolve(json(201, { token: GUEST })), 10)));
    assert.equal(await exchangeToken({ token: TOKEN, fetch, timeoutMs: 200 }), GUEST);
  });

  it('a signal aborted before the call rejects with an AbortError and sends nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    const { fetch, calls } = fakeFetch(() => json(201, { token: GUEST }));
    const error = await rejection(exchangeToken({ token: TOKEN, fetch, signal: controller.signal }));
    assert.ok(!(error instanceof C2cError));
    assert.equal((error as Error).name, 'AbortError');
    assert.equal(calls.length, 0);
  });

  it('a signal aborted while the request is under way rejects with an AbortError, not a C2cError', { timeout: 2000 }, async () => {
    const controller = new AbortController();
    const { fetch, calls, wasCalled } = hangingFetch();
    const pending = exchangeToken({ token: TOKEN, fetch, signal: controller.signal, timeoutMs: 5000 });
    await wasCalled;
    controller.abort();
    const error = await rejection(pending);
    assert.ok(!(error instanceof C2cError));
    assert.equal((error as Error).name, 'AbortError');
    assert.equal(calls[0]!.init.signal!.aborted, true, 'the request itself must be aborted');
  });

  it('a signal aborted while the body is read rejects with an AbortError', { timeout: 2000 }, async () => {
    const controller = new AbortController();
    const { fetch, wasCalled } = stalledBodyFetch();
    const pending = exchangeToken({ token: TOKEN, fetch, signal: controller.signal, timeoutMs: 5000 });
    await wasCalled;
    await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    const error = await rejection(pending);
    assert.ok(!(error instanceof C2cError));
    assert.equal((error as Error).name, 'AbortError');
  });

  it('an abort with a reason rejects with that reason', { timeout: 2000 }, async () => {
    const controller = new AbortController();
    const reason = new Error('element removed');
    const { fetch, wasCalled } = hangingFetch();
    const pending = exchangeToken({ token: TOKEN, fetch, signal: controller.signal, timeoutMs: 5000 });
    await wasCalled;
    controller.abort(reason);
    assert.equal(await rejection(pending), reason);
  });

  it('a signal aborted after the answer changes nothing', async () => {
    const controller = new AbortController();
    const { fetch } = fakeFetch(() => json(201, { token: GUEST }));
    assert.equal(await exchangeToken({ token: TOKEN, fetch, signal: controller.signal }), GUEST);
    controller.abort();
  });
});

describe('exchangeToken: checked before sending', () => {
  for (const token of ['', '   ']) {
    it(`token ${JSON.stringify(token)} → token-missing, nothing sent`, async () => {
      const { fetch, calls } = fakeFetch(() => json(201, { token: GUEST }));
      const error = await c2cRejection(exchangeToken({ token, fetch }), 'token-missing');
      assert.equal(error.retryable, false);
      assert.equal(calls.length, 0);
    });
  }

  it('an undefined token (plain JS caller) → token-missing', async () => {
    const { fetch, calls } = fakeFetch(() => json(201, { token: GUEST }));
    await c2cRejection(exchangeToken({ token: undefined as unknown as string, fetch }), 'token-missing');
    assert.equal(calls.length, 0);
  });

  for (const apiBase of ['http://example.com', 'ftp://x', 'not a url', 'https://user:pw@x.com', 'https://x.com/?a=1', 'https://x.com/#f']) {
    it(`api-base ${apiBase} → config-invalid, nothing sent`, async () => {
      const { fetch, calls } = fakeFetch(() => json(201, { token: GUEST }));
      const error = await c2cRejection(exchangeToken({ apiBase, token: TOKEN, fetch }), 'config-invalid');
      assert.equal(error.retryable, false);
      assert.equal(calls.length, 0);
      assertNoSecrets(error, TOKEN);
    });
  }

  it('an invalid space → config-invalid, nothing sent', async () => {
    const { fetch, calls } = fakeFetch(() => json(201, { token: GUEST }));
    await c2cRejection(exchangeToken({ space: 'not a space!', token: TOKEN, fetch }), 'config-invalid');
    assert.equal(calls.length, 0);
  });
});

describe('createInviteToken', () => {
  const base = { apiBase: 'https://example.signalwire.com', subscriberToken: SAT, addressId: ADDRESS_ID };

  it('POSTs to /api/fabric/subscriber/invites with the bearer token and address_id', async () => {
    const { fetch, calls } = fakeFetch(() => json(201, { token: GUEST }));
    assert.equal(await createInviteToken({ ...base, fetch }), GUEST);
    assert.equal(calls.length, 1);
    const { url, init } = calls[0]!;
    assert.equal(url, 'https://example.signalwire.com/api/fabric/subscriber/invites');
    assert.equal(init.method, 'POST');
    assert.equal(header(init, 'authorization'), `Bearer ${SAT}`);
    assert.equal(header(init, 'content-type'), 'application/json');
    assert.equal(init.credentials, 'omit');
    assert.ok(init.signal instanceof AbortSignal);
    assert.deepEqual(JSON.parse(init.body as string), { address_id: ADDRESS_ID });
    assert.ok(!url.includes(SAT));
  });

  it('goes to the space host when given a space', async () => {
    const { fetch, calls } = fakeFetch(() => json(201, { token: GUEST }));
    await createInviteToken({ space: 'example', subscriberToken: SAT, addressId: ADDRESS_ID, fetch });
    assert.equal(calls[0]!.url, 'https://example.signalwire.com/api/fabric/subscriber/invites');
  });

  it('sends expires_at in whole unix seconds from a Date', async () => {
    const { fetch, calls } = fakeFetch(() => json(201, { token: GUEST }));
    const expiresAt = new Date(Date.now() + 3_600_000 + 250);
    await createInviteToken({ ...base, expiresAt, fetch });
    assert.deepEqual(JSON.parse(calls[0]!.init.body as string), {
      address_id: ADDRESS_ID,
      expires_at: Math.floor(expiresAt.getTime() / 1000),
    });
  });

  it('sends expires_at as given in unix seconds', async () => {
    const { fetch, calls } = fakeFetch(() => json(201, { token: GUEST }));
    const expiresAt = Math.floor(Date.now() / 1000) + 7200;
    await createInviteToken({ ...base, expiresAt, fetch });
    assert.deepEqual(JSON.parse(calls[0]!.init.body as string), { address_id: ADDRESS_ID, expires_at: expiresAt });
  });

  const statusRows: Array<[number, C2cErrorCode]> = [
    [401, 'token-invalid'],
    [404, 'address-not-found'],
    [422, 'invite-invalid'],
    [500, 'exchange-failed'],
    [503, 'exchange-failed'],
  ];
  for (const [status, code] of statusRows) {
    it(`${status} → ${code}`, async () => {
      const { fetch } = fakeFetch(() => json(status, { error: 'x', token: GUEST }));
      const error = await c2cRejection(createInviteToken({ ...base, fetch }), code);
      assert.equal(error.status, status);
      assertNoSecrets(error, SAT, GUEST);
    });
  }

  it('201 without a token → exchange-failed', async () => {
    const { fetch } = fakeFetch(() => json(201, { id: 'x' }));
    await c2cRejection(createInviteToken({ ...base, fetch }), 'exchange-failed');
  });

  for (const addressId of ['', 'not-a-uuid', `${ADDRESS_ID}x`, ` ${ADDRESS_ID}`, '3fa85f64571745 62b3fc2c963f66afa6', 'gfa85f64-5717-4562-b3fc-2c963f66afa6']) {
    it(`addressId ${JSON.stringify(addressId)} → invite-invalid, nothing sent`, async () => {
      const { fetch, calls } = fakeFetch(() => json(201, { token: GUEST }));
      const error = await c2cRejection(createInviteToken({ ...base, addressId, fetch }), 'invite-invalid');
      assert.equal(error.retryable, false);
      assert.equal(calls.length, 0);
    });
  }

  const badExpiry: Array<[string, Date | number]> = [
    ['a past Date', new Date(Date.now() - 60_000)],
    ['past unix seconds', Math.floor(Date.now() / 1000) - 60],
    ['zero', 0],
    ['fractional seconds', Math.floor(Date.now() / 1000) + 3600.5],
    ['an invalid Date', new Date('nope')],
    ['NaN', Number.NaN],
  ];
  for (const [label, expiresAt] of badExpiry) {
    it(`expiresAt ${label} → invite-invalid, nothing sent`, async () => {
      const { fetch, calls } = fakeFetch(() => json(201, { token: GUEST }));
      await c2cRejection(createInviteToken({ ...base, expiresAt, fetch }), 'invite-invalid');
      assert.equal(calls.length, 0);
    });
  }

  it('a missing subscriber token → token-missing, nothing sent', async () => {
    const { fetch, calls } = fakeFetch(() => json(201, { token: GUEST }));
    await c2cRejection(createInviteToken({ ...base, subscriberToken: ' ', fetch }), 'token-missing');
    assert.equal(calls.length, 0);
  });

  it('an http api-base that is not loopback → config-invalid, nothing sent', async () => {
    const { fetch, calls } = fakeFetch(() => json(201, { token: GUEST }));
    await c2cRejection(createInviteToken({ ...base, apiBase: 'http://example.com', fetch }), 'config-invalid');
    assert.equal(calls.length, 0);
  });

  it('a fetch failure → network', async () => {
    const { fetch } = fakeFetch(() => Promise.reject(new TypeError('fetch failed')));
    await c2cRejection(createInviteToken({ ...base, fetch }), 'network');
  });
});
