// Errors mean what they say: every answer of the REST API that refuses the request (3xx, 4xx) gives a code that
// offers no retry, only what a retry can fix (5xx, the network, the time limit) offers one; and a token or a
// destination the server could never take is refused before anything is sent.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { C2cError, type C2cErrorCode } from '../../src/shared/errors.js';
import { MAX_DESTINATION_LENGTH, checkDestination } from '../../src/network/endpoints.js';
import { MAX_TOKEN_LENGTH, checkToken, createInviteToken, exchangeToken } from '../../src/network/token-client.js';
import { rejection } from '../support/async.js';

const C2C = 'c2c_7acc0e5e968706a032983cd80cdca219';
const SAT = 'eyJhbGciOiJkaXIiLCJ0eXAiOiJTQVQifQ..c2VjcmV0.c3Vic2NyaWJlcg.dGFn';
const GUEST = 'eyJ0eXAiOiJTQVQifQ..Z3Vlc3Q.c2VjcmV0LWd1ZXN0.dGFn';
const ADDRESS_ID = 'c2cde000-0000-4000-8000-000000000001';

interface Sent {
  url: string;
  init: RequestInit;
}

function fakeFetch(respond: () => Response | Promise<Response>) {
  const sent: Sent[] = [];
  const fetch = (async (input: string | URL | Request, init: RequestInit = {}) => {
    sent.push({ url: String(input), init });
    return respond();
  }) as typeof globalThis.fetch;
  return { fetch, sent };
}

const answer = (status: number, body: unknown = { errors: [{ code: 'x', message: `refused ${GUEST}` }] }) => () =>
  new Response(status === 204 || status === 205 || status === 304 ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

async function refusedWith(promise: Promise<unknown>, code: C2cErrorCode): Promise<C2cError> {
  const error = await rejection(promise);
  assert.ok(error instanceof C2cError, `expected a C2cError, got ${String(error)}`);
  assert.equal(error.code, code, error.message);
  for (const secret of [C2C, SAT, GUEST]) assert.ok(!JSON.stringify({ m: error.message, j: error.toJSON() }).includes(secret), 'no token in the error');
  return error;
}

const exchange = (fetch: typeof globalThis.fetch, token = C2C, timeoutMs?: number) =>
  exchangeToken({ apiBase: 'https://api.example.com', token, fetch, ...(timeoutMs ? { timeoutMs } : {}) });
const invite = (fetch: typeof globalThis.fetch, subscriberToken = SAT, timeoutMs?: number) =>
  createInviteToken({ apiBase: 'https://api.example.com', subscriberToken, addressId: ADDRESS_ID, fetch, ...(timeoutMs ? { timeoutMs } : {}) });

const EXCHANGE_4XX: Record<number, C2cErrorCode> = {
  400: 'token-invalid', 401: 'token-invalid', 403: 'token-forbidden', 404: 'token-not-found', 410: 'token-not-found',
  413: 'token-invalid', 422: 'token-invalid', 429: 'token-forbidden',
};
const INVITE_4XX: Record<number, C2cErrorCode> = {
  400: 'invite-invalid', 401: 'token-invalid', 403: 'token-forbidden', 404: 'address-not-found', 410: 'address-not-found',
  413: 'invite-invalid', 422: 'invite-invalid', 429: 'token-forbidden',
};
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

for (const [name, call, listed] of [
  ['exchangeToken', exchange, EXCHANGE_4XX],
  ['createInviteToken', invite, INVITE_4XX],
] as const) {
  describe(`${name}: HTTP answers`, () => {
    for (const [status, code] of Object.entries(listed)) {
      it(`${status} → ${code}, no retry, status kept`, async () => {
        const { fetch, sent } = fakeFetch(answer(Number(status)));
        const error = await refusedWith(call(fetch), code);
        assert.equal(error.retryable, false);
        assert.equal(error.status, Number(status));
        assert.equal(sent.length, 1, 'asked once');
      });
    }

    it('every other 4xx (405, 406, 408, 409, 415, 418, 451…) → config-invalid, no retry: api-base is not the endpoint', async () => {
      for (const status of range(400, 499).filter((s) => !(s in listed))) {
        const { fetch } = fakeFetch(answer(status));
        const error = await refusedWith(call(fetch), 'config-invalid');
        assert.equal(error.retryable, false, `${status}`);
        assert.equal(error.status, status);
      }
    });

    it('every 5xx → exchange-failed, retryable', async () => {
      for (const status of range(500, 599)) {
        const { fetch } = fakeFetch(answer(status));
        const error = await refusedWith(call(fetch), 'exchange-failed');
        assert.equal(error.retryable, true, `${status}`);
        assert.equal(error.status, status);
      }
    });

    it('never follows a redirect (it would carry the token elsewhere): 3xx → config-invalid, no retry', async () => {
      for (const status of [301, 302, 303, 307, 308]) {
        const { fetch, sent } = fakeFetch(() => new Response(null, { status, headers: { location: 'https://elsewhere.example/' } }));
        const error = await refusedWith(call(fetch), 'config-invalid');
        assert.equal(error.retryable, false);
        assert.equal(error.status, status);
        assert.equal(sent[0]!.init.redirect, 'manual');
      }
    });

    it('a browser\'s opaque redirect (status 0) → config-invalid', async () => {
      const opaque = { type: 'opaqueredirect', status: 0, ok: false, body: null } as unknown as Response;
      const { fetch } = fakeFetch(() => opaque);
      const error = await refusedWith(call(fetch), 'config-invalid');
      assert.equal(error.status, undefined);
    });

    it('a network failure → network, retryable', async () => {
      const { fetch } = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
      assert.equal((await refusedWith(call(fetch), 'network')).retryable, true);
    });

    it('no answer within the limit → timeout, retryable', async () => {
      const fetch = ((_url: string, init: RequestInit) => new Promise<Response>((_resolve, reject) => {
        init.signal!.addEventListener('abort', () => reject(init.signal!.reason));
      })) as unknown as typeof globalThis.fetch;
      const error = await refusedWith(call(fetch, undefined, 20), 'timeout');
      assert.equal(error.retryable, true);
    });

    it('sends no cookies or credentials', async () => {
      const { fetch, sent } = fakeFetch(answer(201, { token: GUEST }));
      await call(fetch);
      assert.equal(sent[0]!.init.credentials, 'omit');
      assert.equal(sent[0]!.init.cache, 'no-store');
    });
  });
}

describe('exchangeToken: an answer that is not a token', () => {
  for (const [label, token] of [
    ['longer than the limit', `${'a'.repeat(MAX_TOKEN_LENGTH)}b`],
    ['with spaces', 'a b'],
    ['with markup', '<img src=x onerror=alert(1)>'],
    ['with a newline', 'abc\ndef'],
  ] as const) {
    it(`${label} → exchange-failed`, async () => {
      const { fetch } = fakeFetch(answer(201, { token }));
      const error = await refusedWith(exchange(fetch), 'exchange-failed');
      assert.equal(error.status, 201);
    });
  }
  it('a token of exactly the limit is taken', async () => {
    const token = 'a'.repeat(MAX_TOKEN_LENGTH);
    const { fetch } = fakeFetch(answer(201, { token }));
    assert.equal(await exchange(fetch), token);
  });
});

describe('tokens checked before anything is sent', () => {
  const refused: [string, string, C2cErrorCode][] = [
    ['empty', '', 'token-missing'],
    ['blank', ' \t\n ', 'token-missing'],
    ['c2c_ alone', 'c2c_', 'token-invalid'],
    [`over ${MAX_TOKEN_LENGTH} characters`, `c2c_${'a'.repeat(MAX_TOKEN_LENGTH)}`, 'token-invalid'],
    ['with non-ASCII letters', 'c2c_7accé0e5e968706a032983cd80cdca219', 'token-invalid'],
    ['with an emoji', 'c2c_7acc📞', 'token-invalid'],
    ['with a control character', 'c2c_7acc\u0000e5e9', 'token-invalid'],
    ['with a space inside', 'c2c_7acc 0e5e', 'token-invalid'],
    ['with markup', 'c2c_<script>alert(1)</script>', 'token-invalid'],
    ['with quotes', 'c2c_"onmouseover="x', 'token-invalid'],
    ['a header injection', 'abc\r\nx-evil: 1', 'token-invalid'],
  ];
  for (const [label, token, code] of refused) {
    it(`${label} → ${code}, for the exchange and for an invite's subscriber token`, async () => {
      const { fetch, sent } = fakeFetch(answer(201, { token: GUEST }));
      assert.equal((await refusedWith(exchange(fetch, token), code)).retryable, false);
      await refusedWith(invite(fetch, token), code);
      assert.equal(sent.length, 0, 'nothing sent');
      assert.throws(() => checkToken(token), (error: C2cError) => error.code === code);
    });
  }

  for (const [label, token] of [
    ['a C2C token', C2C],
    ['one with any token68 character', 'c2c_AZaz09-._~+/=='],
    [`${MAX_TOKEN_LENGTH} characters`, `c2c_${'a'.repeat(MAX_TOKEN_LENGTH - 4)}`],
    ['padded with blanks (trimmed)', `  ${C2C}\n`],
  ] as const) {
    it(`accepts ${label}`, async () => {
      const { fetch, sent } = fakeFetch(answer(201, { token: GUEST }));
      assert.equal(await exchange(fetch, token), GUEST);
      assert.deepEqual(JSON.parse(String(sent[0]!.init.body)), { token: token.trim() });
    });
  }

  it('a refused token is never repeated in the message', () => {
    const token = `c2c_${'s3cr3t'.repeat(2000)}`;
    assert.throws(() => checkToken(token), (error: C2cError) => !error.message.includes('s3cr3t'));
    assert.throws(() => checkToken('c2c_s3cr3t <x>'), (error: C2cError) => !error.message.includes('s3cr3t'));
  });
});

describe('destinations checked before anything is sent', () => {
  const at = (length: number) => `sip:${'a'.repeat(length - 'sip:@example.com'.length)}@example.com`;
  it(`takes a SIP URI of ${MAX_DESTINATION_LENGTH} characters, refuses one of ${MAX_DESTINATION_LENGTH + 1}`, () => {
    assert.equal(checkDestination(at(MAX_DESTINATION_LENGTH)).length, MAX_DESTINATION_LENGTH);
    assert.throws(() => checkDestination(at(MAX_DESTINATION_LENGTH + 1)), (error: C2cError) =>
      error.code === 'destination-invalid' && error.message.length < 200);
  });
  it('takes a SIP port up to 65535, refuses 65536', () => {
    assert.equal(checkDestination('sips:bob@sip.example.com:65535'), 'sips:bob@sip.example.com:65535');
    assert.throws(() => checkDestination('sips:bob@sip.example.com:65536'), (error: C2cError) => error.code === 'destination-invalid');
  });
  it('refuses a million characters quickly, without echoing them', () => {
    const huge = `/public/${'a'.repeat(1_000_000)}`;
    assert.throws(() => checkDestination(huge), (error: C2cError) => error.code === 'destination-invalid' && error.message.length < 200);
  });
});
