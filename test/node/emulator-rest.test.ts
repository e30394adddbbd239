// The emulator's REST surface: every status of the token exchange, CORS, limits, hostile input and faults.
// The invites endpoint has its own file, emulator-invites.test.ts.
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, test } from 'node:test';
import {
  DEMO_C2C_TOKEN, DISABLED_C2C_TOKEN, ECHO_ONLY_C2C_TOKEN, EXPIRED_C2C_TOKEN, UNKNOWN_C2C_TOKEN,
  startEmulator, type RunningEmulator,
} from '../../emulator/index.ts';

let emulator: RunningEmulator;
before(async () => {
  emulator = await startEmulator({ port: 0, quiet: true });
});
after(() => emulator.close());

const EXCHANGE = '/api/fabric/embeds/tokens';
const INVITES = '/api/fabric/subscriber/invites';

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${emulator.origin}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

function decodeHeader(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('POST /api/fabric/embeds/tokens', () => {
  test('exchanges the demo token for a JWE-shaped guest SAT naming the relay in `ch`', async () => {
    const response = await post(EXCHANGE, { token: DEMO_C2C_TOKEN });
    assert.equal(response.status, 201);
    const { token } = (await response.json()) as { token: string };
    assert.equal(token.split('.').length, 5);
    assert.deepEqual(decodeHeader(token), { alg: 'dir', enc: 'A256GCM', ch: `ws://127.0.0.1:${emulator.port}`, typ: 'SAT' });
  });

  const table: [string, unknown, number][] = [
    ['echo-only token', { token: ECHO_ONLY_C2C_TOKEN }, 201],
    ['unknown well-formed token', { token: UNKNOWN_C2C_TOKEN }, 404],
    ['disabled token', { token: DISABLED_C2C_TOKEN }, 403],
    ['expired token', { token: EXPIRED_C2C_TOKEN }, 401],
    ['missing token', {}, 422],
    ['non-string token', { token: 42 }, 422],
    ['null token', { token: null }, 422],
    ['malformed token (no prefix)', { token: '7acc0e5e968706a032983cd80cdca219' }, 422],
    ['malformed token (short)', { token: 'c2c_7acc' }, 422],
    ['malformed token (upper-case hex)', { token: 'c2c_7ACC0E5E968706A032983CD80CDCA219' }, 422],
    ['array body', [DEMO_C2C_TOKEN], 422],
    ['string body', '"c2c_7acc0e5e968706a032983cd80cdca219"', 422],
    ['malformed JSON', '{"token": "c2c_', 422],
    ['empty body', '', 422],
  ];
  for (const [name, body, status] of table) {
    test(`${name} → ${status}`, async () => {
      const response = await post(EXCHANGE, body);
      assert.equal(response.status, status);
      const json = (await response.json()) as { token?: string; errors?: { code: string; message: string }[] };
      if (status === 201) assert.equal(typeof json.token, 'string');
      else assert.ok(json.errors?.[0]?.message, 'error body has a message');
    });
  }

  test('wrong content type → 422 with a JSON error body', async () => {
    const response = await post(EXCHANGE, JSON.stringify({ token: DEMO_C2C_TOKEN }), { 'content-type': 'text/plain' });
    assert.equal(response.status, 422);
    assert.equal(((await response.json()) as { errors: { code: string }[] }).errors[0]!.code, 'invalid_content_type');
  });

  test('a body over 64 KB → 413, and a 1 MB body is refused without being read', async () => {
    const big = await post(EXCHANGE, JSON.stringify({ token: 'x'.repeat(70 * 1024) }));
    assert.equal(big.status, 413);
    const huge = await new Promise<number>((resolve, reject) => {
      const body = Buffer.alloc(1024 * 1024, 'a');
      const req = httpRequest(`${emulator.origin}${EXCHANGE}`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': body.length } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end(body);
    });
    assert.equal(huge, 413);
  });

  test('a chunked body over the limit → 413', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${emulator.origin}${EXCHANGE}`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      for (let i = 0; i < 20; i++) req.write(Buffer.alloc(8 * 1024, 'a'));
      req.end();
    });
    assert.equal(status, 413);
  });

  test('GET → 405 with Allow', async () => {
    const response = await fetch(`${emulator.origin}${EXCHANGE}`);
    assert.equal(response.status, 405);
    assert.match(response.headers.get('allow') ?? '', /POST/);
  });
});

describe('CORS, routing and faults', () => {
  test('preflight allows content-type and authorization from any origin', async () => {
    const response = await fetch(`${emulator.origin}${INVITES}`, {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' },
    });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), 'https://shop.example');
    assert.match(response.headers.get('access-control-allow-headers') ?? '', /content-type/);
    assert.match(response.headers.get('access-control-allow-headers') ?? '', /authorization/);
    assert.match(response.headers.get('access-control-allow-methods') ?? '', /POST/);
  });

  test('errors carry CORS headers too, so the browser can read them', async () => {
    const response = await post(EXCHANGE, { token: UNKNOWN_C2C_TOKEN }, { origin: 'https://shop.example' });
    assert.equal(response.status, 404);
    assert.equal(response.headers.get('access-control-allow-origin'), 'https://shop.example');
  });

  test('unknown routes → 404, wrong methods → 405', async () => {
    assert.equal((await fetch(`${emulator.origin}/nope`)).status, 404);
    assert.equal((await fetch(`${emulator.origin}/api/fabric/embeds`)).status, 404);
    assert.equal((await fetch(`${emulator.origin}/__faults`, { method: 'PUT' })).status, 405);
    assert.equal((await fetch(`${emulator.origin}/__demo/subscriber-token`, { method: 'POST' })).status, 405);
  });

  test('an exchange fault answers its status `times` times, then the exchange works again', async () => {
    const set = await post('/__faults', { exchange: { status: 500, times: 2 } });
    assert.equal(set.status, 200);
    assert.equal((await post(EXCHANGE, { token: DEMO_C2C_TOKEN })).status, 500);
    assert.equal((await post(EXCHANGE, { token: DEMO_C2C_TOKEN })).status, 500);
    assert.equal((await post(EXCHANGE, { token: DEMO_C2C_TOKEN })).status, 201);
  });

  test('an exchange fault with a body: a 201 without a token', async () => {
    await post('/__faults', { exchange: { status: 201, body: {} } });
    const response = await post(EXCHANGE, { token: DEMO_C2C_TOKEN });
    assert.equal(response.status, 201);
    assert.deepEqual(await response.json(), {});
  });

  test('exchangeDelayMs delays the answer; DELETE resets every fault; GET shows them', async () => {
    await post('/__faults', { exchangeDelayMs: 300, ringTimeoutMs: 2000 });
    const current = (await (await fetch(`${emulator.origin}/__faults`)).json()) as Record<string, unknown>;
    assert.equal(current.exchangeDelayMs, 300);
    assert.equal(current.ringTimeoutMs, 2000);
    const started = Date.now();
    assert.equal((await post(EXCHANGE, { token: DEMO_C2C_TOKEN })).status, 201);
    assert.ok(Date.now() - started >= 280, 'delayed');
    const reset = await fetch(`${emulator.origin}/__faults`, { method: 'DELETE' });
    assert.equal(reset.status, 200);
    const after = (await reset.json()) as Record<string, unknown>;
    assert.equal(after.exchangeDelayMs, 0);
    assert.equal(after.ringTimeoutMs, 30_000);
    assert.equal(after.exchange, null);
  });

  test('invalid faults → 422 and change nothing', async () => {
    for (const body of [
      { nope: 1 }, { exchange: { status: 99 } }, { exchange: { status: 500, often: true } }, { ringTimeoutMs: -1 }, { rejectConnect: 'yes' },
      { dropSocketAfterInviteMs: -5 }, { dropSocketAfterInviteMs: 'soon' }, { orphanTimeoutMs: null }, { orphanTimeoutMs: 1.5 }, '[1]', '{',
    ]) {
      assert.equal((await post('/__faults', body)).status, 422, JSON.stringify(body));
    }
    const current = (await (await fetch(`${emulator.origin}/__faults`)).json()) as Record<string, unknown>;
    assert.equal(current.rejectConnect, false);
  });

  test('media faults: mediaLossPercent 0-100 (fractions too), mediaDelayMs whole ms 0-2000; anything else → 422', async () => {
    for (const body of [
      { mediaLossPercent: -1 }, { mediaLossPercent: 100.5 }, { mediaLossPercent: '50' }, { mediaLossPercent: null },
      { mediaDelayMs: -1 }, { mediaDelayMs: 2001 }, { mediaDelayMs: 1.5 }, { mediaDelayMs: '10' }, { mediaDelayMs: null },
    ]) {
      assert.equal((await post('/__faults', body)).status, 422, JSON.stringify(body));
    }
    for (const body of [{ mediaLossPercent: 0 }, { mediaLossPercent: 12.5 }, { mediaLossPercent: 100 }, { mediaDelayMs: 0 }, { mediaDelayMs: 2000 }]) {
      const response = await post('/__faults', body);
      assert.equal(response.status, 200, JSON.stringify(body));
      const faults = (await response.json()) as Record<string, unknown>;
      for (const [key, value] of Object.entries(body)) assert.equal(faults[key], value);
    }
    const current = (await (await fetch(`${emulator.origin}/__faults`)).json()) as Record<string, unknown>;
    assert.equal(current.mediaLossPercent, 100);
    assert.equal(current.mediaDelayMs, 2000);
    const reset = (await (await fetch(`${emulator.origin}/__faults`, { method: 'DELETE' })).json()) as Record<string, unknown>;
    assert.equal(reset.mediaLossPercent, 0);
    assert.equal(reset.mediaDelayMs, 0);
  });

  test('GET / describes the emulator', async () => {
    const body = (await (await fetch(`${emulator.origin}/`)).json()) as { addresses: { name: string }[]; demo_token: string };
    assert.equal(body.demo_token, DEMO_C2C_TOKEN);
    assert.ok(body.addresses.some((address) => address.name === '/public/echo'));
  });
});
