// Subscriber invites: every answer of `POST /api/fabric/subscriber/invites` the API documents (and the
// injected 500), and how the relay enforces an invite token — expired or tampered at connect, another
// address at the invite, and an expiry that passes while the invite is connected.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, test } from 'node:test';
import { ADDRESSES, AUTH_ERROR, startEmulator } from '../../emulator/index.ts';
import { INVITES, guestToken, inviteToken, post, resetFaults, setFaults, subscriberToken, waitUntil, type Json } from './support/emulator-http.ts';
import { relayBed } from './support/relay-bed.ts';
import { RelayClient, dialogParams, inviteParams, type Frame } from './support/relay-client.ts';

const bed = relayBed({ pingIntervalMs: 0 });
beforeEach(() => resetFaults(bed.emulator.origin));

const address = (name: string) => ADDRESSES.find((entry) => entry.name === name)!;
const echo = address('/public/echo');
const support = address('/public/support');
const UNKNOWN_ADDRESS_ID = '3fa85f64-5717-4562-b3fc-2c963f66afa6';

/** Unix seconds at least one and at most two seconds from now. */
const soon = () => Math.floor(Date.now() / 1000) + 2;

async function open(): Promise<RelayClient> {
  const client = await RelayClient.open(bed.emulator.origin);
  bed.clients.push(client);
  return client;
}

function invite(client: RelayClient, callID: string, destination: string): Promise<Frame> {
  return client.request('webrtc.verto', inviteParams(callID, destination, bed.offer.sdp));
}

/** The verto.bye the far end sent for `callID`. */
function byeFor(client: RelayClient, callID: string): Promise<Frame> {
  return client.waitForEvent('webrtc.message', (params) => params.method === 'verto.bye' && params.params.callID === callID);
}

/** `token` with one character of part `index` (of the five) changed; the empty part gets one. */
function withPartChanged(token: string, index: number): string {
  const parts = token.split('.');
  const part = parts[index]!;
  parts[index] = part === '' ? 'A' : part.slice(0, -1) + (part.endsWith('A') ? 'B' : 'A');
  return parts.join('.');
}

/** `token` with its payload rewritten (still valid JSON naming the same jti), e.g. to claim another kind. */
function withPayload(token: string, change: (payload: Json) => Json): string {
  const parts = token.split('.');
  const payload = JSON.parse(Buffer.from(parts[3]!, 'base64url').toString('utf8')) as Json;
  parts[3] = Buffer.from(JSON.stringify(change(payload))).toString('base64url');
  return parts.join('.');
}

describe('POST /api/fabric/subscriber/invites answers', () => {
  const bearer = async () => ({ authorization: `Bearer ${await subscriberToken(bed.emulator.origin)}` });

  test('201 with a JWE-shaped SAT naming the relay; its expiry is the one asked for', async () => {
    const expiresAt = Math.floor(Date.now() / 1000) + 600;
    const response = await post(bed.emulator.origin, INVITES, { address_id: echo.id, expires_at: expiresAt }, await bearer());
    assert.equal(response.status, 201);
    const { token } = (await response.json()) as { token: string };
    const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as Json;
    assert.deepEqual(header, { alg: 'dir', enc: 'A256GCM', ch: `ws://127.0.0.1:${bed.emulator.port}`, typ: 'SAT' });
    const client = await open();
    const connected = await client.connect(token);
    assert.equal(connected.result.authorization.fabric_subscriber.expires_at, expiresAt);
  });

  test('201 without expires_at: the invite lives two hours', async () => {
    const before = Math.floor(Date.now() / 1000);
    const token = await inviteToken(bed.emulator.origin, echo.id);
    const client = await open();
    const expiresAt = (await client.connect(token)).result.authorization.fabric_subscriber.expires_at as number;
    assert.ok(expiresAt >= before + 7_200 && expiresAt <= Math.ceil(Date.now() / 1000) + 7_200, `expires_at ${expiresAt}`);
  });

  const refusals: [string, () => Promise<Record<string, string>>, unknown, number][] = [
    ['no bearer', async () => ({}), { address_id: echo.id }, 401],
    ['a bearer that is not a token', async () => ({ authorization: 'Bearer not-a-token' }), { address_id: echo.id }, 401],
    ['a subscriber SAT with one character changed', async () => ({ authorization: `Bearer ${withPartChanged(await subscriberToken(bed.emulator.origin), 4)}` }), { address_id: echo.id }, 401],
    ['a guest SAT as bearer', async () => ({ authorization: `Bearer ${await guestToken(bed.emulator.origin)}` }), { address_id: echo.id }, 401],
    ['an invite token as bearer', async () => ({ authorization: `Bearer ${await inviteToken(bed.emulator.origin, echo.id)}` }), { address_id: echo.id }, 401],
    ['Basic auth', async () => ({ authorization: 'Basic dXNlcjpwYXNz' }), { address_id: echo.id }, 401],
    ['an unknown address', bearer, { address_id: UNKNOWN_ADDRESS_ID }, 404],
    ['an address_id that is not a uuid', bearer, { address_id: 'not-a-uuid' }, 422],
    ['no address_id', bearer, {}, 422],
    ['expires_at in the past', bearer, { address_id: echo.id, expires_at: Math.floor(Date.now() / 1000) - 1 }, 422],
    ['expires_at long past', bearer, { address_id: echo.id, expires_at: 1_000_000 }, 422],
    ['expires_at not an integer', bearer, { address_id: echo.id, expires_at: 'soon' }, 422],
    ['malformed JSON', bearer, '{"address_id"', 422],
  ];
  for (const [name, headers, body, status] of refusals) {
    test(`${name} → ${status} with an error body`, async () => {
      const response = await post(bed.emulator.origin, INVITES, body, await headers());
      assert.equal(response.status, status);
      const { errors } = (await response.json()) as { errors: { code: string; message: string }[] };
      assert.ok(errors[0]?.message, 'error body has a message');
    });
  }

  test('the invites fault answers 500 `times` times, before any other check, then invites work again', async () => {
    await setFaults(bed.emulator.origin, { invites: { status: 500, times: 2 } });
    const first = await post(bed.emulator.origin, INVITES, { address_id: echo.id }, await bearer());
    assert.equal(first.status, 500);
    assert.equal(((await first.json()) as { errors: { code: string }[] }).errors[0]!.code, 'injected_fault');
    assert.equal((await post(bed.emulator.origin, INVITES, { address_id: echo.id })).status, 500, 'even without a bearer');
    assert.equal((await post(bed.emulator.origin, INVITES, { address_id: echo.id })).status, 401, 'used up: the bearer is checked again');
    assert.equal((await post(bed.emulator.origin, INVITES, { address_id: echo.id }, await bearer())).status, 201);
  });

  test('the invites fault with a body: a 201 without a token; DELETE /__faults disarms it', async () => {
    await setFaults(bed.emulator.origin, { invites: { status: 201, body: {}, times: 5 } });
    const response = await post(bed.emulator.origin, INVITES, { address_id: echo.id }, await bearer());
    assert.equal(response.status, 201);
    assert.deepEqual(await response.json(), {});
    const reset = await resetFaults(bed.emulator.origin);
    assert.equal(reset.invites, null);
    const after = await post(bed.emulator.origin, INVITES, { address_id: echo.id }, await bearer());
    assert.equal(typeof ((await after.json()) as { token?: unknown }).token, 'string');
  });

  test('invalid invites faults → 422 and change nothing', async () => {
    for (const invites of [{ status: 99 }, { status: 500, times: 0 }, { status: 500, every: 2 }, 'yes', [500]]) {
      const response = await post(bed.emulator.origin, '/__faults', { invites });
      assert.equal(response.status, 422, JSON.stringify(invites));
    }
    assert.equal((await post(bed.emulator.origin, INVITES, { address_id: echo.id }, await bearer())).status, 201);
  });
});

describe('the relay enforces invite tokens', () => {
  test('an expired invite is refused at signalwire.connect with the AuthError frame', async () => {
    const expiresAt = soon();
    const token = await inviteToken(bed.emulator.origin, echo.id, expiresAt);
    await waitUntil(expiresAt * 1000);
    const client = await open();
    const reply = await client.connect(token);
    assert.deepEqual(reply.error, AUTH_ERROR);
    assert.equal(reply.result, undefined);
  });

  test('an invite with any character changed, or one this bed.emulator never minted, is refused at connect', async () => {
    const token = await inviteToken(bed.emulator.origin, echo.id);
    const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as Json;
    const otherRelay = [Buffer.from(JSON.stringify({ ...header, ch: 'ws://127.0.0.1:1' })).toString('base64url'), ...token.split('.').slice(1)].join('.');
    const forged = withPayload(token, (payload) => ({ ...payload, jti: randomUUID() }));
    const claimsSubscriber = withPayload(token, (payload) => ({ ...payload, typ: 'subscriber' }));
    const other = await startEmulator({ port: 0, quiet: true, pingIntervalMs: 0 });
    const mintedElsewhere = await inviteToken(other.origin, echo.id).finally(() => other.close());
    const tampered = [
      ...[0, 1, 2, 3, 4].map((index) => withPartChanged(token, index)),
      otherRelay, forged, claimsSubscriber, `${token}.`, ` ${token}`, mintedElsewhere,
    ];
    for (const candidate of tampered) {
      const client = await open();
      assert.deepEqual((await client.connect(candidate)).error, AUTH_ERROR, `accepted: ${candidate === mintedElsewhere ? 'a token of another emulator' : 'a changed token'}`);
    }
    const client = await open();
    assert.ok((await client.connect(token)).result, 'the untouched token connects');
  });

  test('an invite calling another address: the invite gets 200, then verto.bye CALL_REJECTED/21 and no media', async () => {
    const client = await open();
    assert.ok((await client.connect(await inviteToken(bed.emulator.origin, echo.id))).result);
    const callID = randomUUID();
    const reply = await invite(client, callID, support.name);
    assert.equal(reply.result.code, '200');
    assert.equal(reply.result.result.result.callID, callID);
    const bye = await byeFor(client, callID);
    assert.deepEqual(bye.params.params.params, { callID, cause: 'CALL_REJECTED', causeCode: 21 });
    const media = client.frames.filter((frame) => ['verto.answer', 'verto.media'].includes(frame.params?.params?.method));
    assert.deepEqual(media, []);
    const own = randomUUID();
    await invite(client, own, echo.name);
    await client.waitForEvent('call.joined', (params) => params.call_id === own, 10_000);
  });

  test('once an invite expires while connected: its call goes on, a new call is refused CALL_REJECTED/21, a reconnect gets AuthError', async () => {
    const expiresAt = soon();
    const token = await inviteToken(bed.emulator.origin, echo.id, expiresAt);
    const client = await open();
    const connected = await client.connect(token);
    assert.ok(connected.result);
    const first = randomUUID();
    await invite(client, first, echo.name);
    await client.waitForEvent('call.joined', (params) => params.call_id === first, 10_000);

    await waitUntil(expiresAt * 1000);
    const second = randomUUID();
    assert.equal((await invite(client, second, echo.name)).result.code, '200');
    assert.deepEqual((await byeFor(client, second)).params.params.params, { callID: second, cause: 'CALL_REJECTED', causeCode: 21 });
    assert.ok(!client.frames.some((frame) => frame.params?.event_type === 'call.joined' && frame.params.params.call_id === second));

    const dtmf = await client.request('webrtc.verto', {
      message: { jsonrpc: '2.0', id: randomUUID(), method: 'verto.info', params: { dialogParams: dialogParams(first, echo.name), dtmf: '5' } },
      callID: first,
    });
    assert.equal(dtmf.result.result.result.message, 'SENT', 'the call placed before the expiry carries on');

    client.close();
    const again = await open();
    const resumed = await again.connect(token, { protocol: connected.result.protocol });
    assert.deepEqual(resumed.error, AUTH_ERROR);
  });
});
