// What tests can see of the far side: `GET /__calls` (each call, how far it got and who ended it) and
// `GET /__stats` (what the relay still holds), driven through the relay with a raw client.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { ADDRESSES, ECHO_ONLY_C2C_TOKEN, startEmulator, type CallRecord } from '../../emulator/index.ts';
import {
  callRecord, calls, clearCalls, eventually, guestToken, inviteToken, resetFaults, setFaults, stats, subscriberToken,
} from './support/emulator-http.ts';
import { relayBed } from './support/relay-bed.ts';
import { RelayClient, dialogParams, inviteParams, type Frame } from './support/relay-client.ts';

const bed = relayBed({ pingIntervalMs: 0 });
beforeEach(async () => {
  await resetFaults(bed.emulator.origin);
  await clearCalls(bed.emulator.origin);
});
// Each test starts from an bed.emulator that holds nothing: its bed.clients go, and their sessions with them at once.
afterEach(async () => {
  await setFaults(bed.emulator.origin, { orphanTimeoutMs: 0 });
  for (const client of bed.clients.splice(0)) client.close();
  await eventually(() => stats(bed.emulator.origin), (current) => current.sockets === 0 && current.sessions === 0 && current.mediaPeers === 0);
});

const origin = () => bed.emulator.origin;
const echo = ADDRESSES.find((address) => address.name === '/public/echo')!;

async function connected(token?: string): Promise<{ client: RelayClient; result: Frame; token: string }> {
  const client = await RelayClient.open(origin());
  bed.clients.push(client);
  const used = token ?? (await guestToken(origin()));
  const reply = await client.connect(used);
  assert.ok(reply.result, `connect failed: ${JSON.stringify(reply.error)}`);
  return { client, result: reply.result, token: used };
}

async function invite(client: RelayClient, destination: string, callID = randomUUID(), userVariables?: unknown): Promise<string> {
  const params = inviteParams(callID, destination, bed.offer.sdp);
  if (userVariables !== undefined) params.message.params.dialogParams.userVariables = userVariables;
  const reply = await client.request('webrtc.verto', params);
  assert.equal(reply.result.code, '200');
  return callID;
}

function joined(client: RelayClient, callID: string): Promise<Frame> {
  return client.waitForEvent('call.joined', (params) => params.call_id === callID, 10_000);
}

function farEndBye(client: RelayClient, callID: string): Promise<Frame> {
  return client.waitForEvent('webrtc.message', (params) => params.method === 'verto.bye' && params.params.callID === callID, 10_000);
}

async function hangUp(client: RelayClient, callID: string, destination: string): Promise<void> {
  const reply = await client.request('webrtc.verto', {
    message: { jsonrpc: '2.0', id: randomUUID(), method: 'verto.bye', params: { dialogParams: dialogParams(callID, destination) } }, callID,
  });
  assert.equal(reply.result.code, '200');
}

async function recordOf(callID: string): Promise<CallRecord> {
  const record = await callRecord(origin(), callID);
  assert.ok(record, `no record of call ${callID}`);
  return record;
}

const endedRecord = (callID: string) => eventually(() => recordOf(callID), (record) => record.state === 'ended');

describe('GET /__stats and GET /__calls', () => {
  test('a fresh bed.emulator holds nothing and has seen no call', async () => {
    const { processCpuMs, ...held } = await stats(origin());
    assert.deepEqual(held, {
      sockets: 0, sessions: 0, detachedSessions: 0, activeCalls: 0, peakCalls: 0, mediaPeers: 0,
      rtp: { received: 0, dropped: 0, echoed: 0, held: 0, discarded: 0 },
    });
    assert.ok(Number.isInteger(processCpuMs) && processCpuMs > 0, `processCpuMs ${processCpuMs}`);
    assert.deepEqual(await calls(origin()), []);
  });

  test('peakCalls is the most calls held at once: calls placed together raise it, and it stays after they end', async () => {
    const before = await stats(origin());
    const { client } = await connected();
    const together = before.peakCalls + 2;
    const callIDs: string[] = [];
    for (let i = 0; i < together; i++) callIDs.push(await invite(client, echo.name));
    await Promise.all(callIDs.map((callID) => joined(client, callID)));
    const during = await stats(origin());
    assert.equal(during.activeCalls, together);
    assert.equal(during.peakCalls, together);
    for (const callID of callIDs) await hangUp(client, callID, echo.name);
    const after = await stats(origin());
    assert.equal(after.activeCalls, 0);
    assert.equal(after.peakCalls, together);
    assert.ok(after.processCpuMs >= before.processCpuMs, 'CPU time only grows');
  });

  test('a call to /public/echo: active while it runs, then ended by the caller with NORMAL_CLEARING', async () => {
    const { client } = await connected();
    const started = Date.now();
    const callID = await invite(client, echo.name);
    await joined(client, callID);
    const active = await recordOf(callID);
    assert.deepEqual({ ...active, startedAt: 0, answeredAt: 0 }, {
      callId: callID, destination: '/public/echo', tokenKind: 'guest', state: 'active', endedBy: null, startedAt: 0, answeredAt: 0,
    });
    assert.ok(active.startedAt >= started && active.answeredAt! >= active.startedAt);
    const during = await stats(origin());
    assert.equal(during.sockets, 1);
    assert.equal(during.sessions, 1);
    assert.equal(during.activeCalls, 1);
    assert.equal(during.mediaPeers, 1);

    await hangUp(client, callID, echo.name);
    const ended = await recordOf(callID);
    assert.equal(ended.state, 'ended');
    assert.equal(ended.endedBy, 'caller');
    assert.equal(ended.cause, 'NORMAL_CLEARING');
    assert.equal(ended.causeCode, 16);
    assert.ok(ended.endedAt! >= ended.answeredAt!);
    assert.equal((await stats(origin())).activeCalls, 0);
    await eventually(() => stats(origin()), (current) => current.mediaPeers === 0);
  });

  test('calls the far end ends are ended by the far end, with the cause of its bye', async () => {
    await setFaults(origin(), { ringTimeoutMs: 200, hangupAfterMs: 200 });
    const { client } = await connected();
    const { client: echoOnly } = await connected(await guestToken(origin(), ECHO_ONLY_C2C_TOKEN));
    const cases: [RelayClient, string, string, number, boolean][] = [
      [client, '/public/busy', 'USER_BUSY', 17, false],
      [client, '/public/nobody', 'NO_ROUTE_DESTINATION', 3, false],
      [client, '/public/no-answer', 'NO_ANSWER', 19, false],
      [client, '/public/echo', 'NORMAL_CLEARING', 16, true],
      [echoOnly, '/public/support', 'CALL_REJECTED', 21, false],
    ];
    for (const [caller, destination, cause, causeCode, answered] of cases) {
      const callID = await invite(caller, destination);
      await farEndBye(caller, callID);
      const record = await recordOf(callID);
      assert.equal(record.state, 'ended', destination);
      assert.equal(record.endedBy, 'far-end', destination);
      assert.equal(record.cause, cause, destination);
      assert.equal(record.causeCode, causeCode, destination);
      assert.equal(record.answeredAt !== undefined, answered, `${destination} answered`);
    }
  });

  test('a call still ringing is listed as ringing; when its socket stays gone past orphanTimeoutMs it ends socket-gone, without a cause', async () => {
    await setFaults(origin(), { orphanTimeoutMs: 300 });
    const { client } = await connected();
    const callID = await invite(client, '/public/no-answer');
    await client.waitForVerto('verto.media', 10_000);
    const ringing = await recordOf(callID);
    assert.equal(ringing.state, 'ringing');
    assert.equal(ringing.endedBy, null);
    assert.equal(ringing.answeredAt, undefined);

    client.close();
    const ended = await endedRecord(callID);
    assert.equal(ended.endedBy, 'socket-gone');
    assert.equal(ended.cause, undefined);
    const after = await eventually(() => stats(origin()), (current) => current.sessions === 0 && current.mediaPeers === 0);
    assert.equal(after.activeCalls, 0);
    assert.equal(after.sockets, 0);
  });

  test('a session waiting for its client counts as detached; a reconnect in time keeps its call going', async () => {
    const { client, result, token } = await connected();
    const callID = await invite(client, echo.name);
    await joined(client, callID);
    client.close();
    await eventually(() => stats(origin()), (current) => current.detachedSessions === 1);
    assert.equal((await stats(origin())).activeCalls, 1);

    const resumed = await RelayClient.open(origin());
    bed.clients.push(resumed);
    assert.ok((await resumed.connect(token, { protocol: result.protocol })).result);
    const back = await stats(origin());
    assert.equal(back.detachedSessions, 0);
    assert.equal((await recordOf(callID)).state, 'active');
    await hangUp(resumed, callID, echo.name);
    assert.equal((await recordOf(callID)).endedBy, 'caller');
  });

  test('killCallAfterMs ends the call socket-gone (no bye either way)', async () => {
    await setFaults(origin(), { killCallAfterMs: 100 });
    const { client } = await connected();
    const callID = await invite(client, echo.name);
    await joined(client, callID);
    await client.closed();
    const ended = await endedRecord(callID);
    assert.equal(ended.endedBy, 'socket-gone');
    assert.ok(!client.frames.some((frame) => frame.params?.params?.method === 'verto.bye'));
  });

  test('userVariables: each call lists what its invite carried, as it came; a call without any has no such field', async () => {
    const { client } = await connected();
    const sent = { orderId: 'A-1001', name: 'Zoë 東京 שלום 👋🏽', items: 3, total: 12.5, gift: false, note: 'line 1\nline 2' };
    const withVariables = await invite(client, echo.name, randomUUID(), sent);
    // The relay checks nothing: what a caller other than the element sends is listed as it came too.
    const odd = await invite(client, echo.name, randomUUID(), { nested: { list: [1, null] } });
    const without = await invite(client, echo.name);
    const text = await (await fetch(`${origin()}/__calls`)).text();
    assert.ok(text.includes(JSON.stringify(sent)), 'the JSON of /__calls holds the variables byte for byte, in their order');
    assert.deepEqual((await recordOf(withVariables)).userVariables, sent);
    assert.deepEqual((await recordOf(odd)).userVariables, { nested: { list: [1, null] } });
    assert.equal('userVariables' in (await recordOf(without)), false);
  });

  test('the emulator\'s log never prints the user variables: they may be the visitor\'s', async () => {
    const lines: string[] = [];
    const logged = await startEmulator({ port: 0, log: (line) => lines.push(line), pingIntervalMs: 0 });
    const client = await RelayClient.open(logged.origin);
    try {
      assert.ok((await client.connect(await guestToken(logged.origin))).result);
      const callID = randomUUID();
      const params = inviteParams(callID, echo.name, bed.offer.sdp);
      params.message.params.dialogParams.userVariables = { orderId: 'visitor-private-4711' };
      assert.equal((await client.request('webrtc.verto', params)).result.code, '200');
      await client.waitForEvent('call.joined', (p) => p.call_id === callID, 10_000);
      assert.deepEqual((await callRecord(logged.origin, callID))?.userVariables, { orderId: 'visitor-private-4711' });
      assert.ok(lines.some((line) => line.includes(callID.slice(0, 8))), 'the call was logged');
      assert.deepEqual(lines.filter((line) => line.includes('visitor-private')), []);
    } finally {
      client.close();
      await logged.close();
    }
  });

  test('tokenKind tells guest, subscriber and invite calls apart', async () => {
    const kinds: [string, string][] = [
      ['guest', await guestToken(origin())],
      ['subscriber', await subscriberToken(origin())],
      ['invite', await inviteToken(origin(), echo.id)],
    ];
    for (const [kind, token] of kinds) {
      const { client } = await connected(token);
      const callID = await invite(client, echo.name);
      assert.equal((await recordOf(callID)).tokenKind, kind);
    }
  });

  test('DELETE /__calls forgets every record; a call still running is no longer listed but still counted', async () => {
    const { client } = await connected();
    const callID = await invite(client, echo.name);
    await joined(client, callID);
    await clearCalls(origin());
    assert.deepEqual(await calls(origin()), []);
    assert.equal((await stats(origin())).activeCalls, 1);
    await hangUp(client, callID, echo.name);
    assert.deepEqual(await calls(origin()), [], 'the forgotten call does not come back when it ends');
    assert.equal((await stats(origin())).activeCalls, 0);
  });

  test('no token, nor any part of one, appears in /__calls or /__stats', async () => {
    const tokens = [await guestToken(origin()), await subscriberToken(origin()), await inviteToken(origin(), echo.id)];
    for (const token of tokens) {
      const { client } = await connected(token);
      const callID = await invite(client, echo.name);
      await joined(client, callID);
    }
    const text = (await (await fetch(`${origin()}/__calls`)).text()) + (await (await fetch(`${origin()}/__stats`)).text());
    assert.equal(JSON.parse((await (await fetch(`${origin()}/__calls`)).text())).length, 3);
    for (const token of tokens) {
      for (const part of token.split('.').filter((piece) => piece.length >= 8)) {
        assert.ok(!text.includes(part), 'a token part is exposed');
      }
    }
  });

  test('after many calls, answered and abandoned, nothing is left on the far side', async () => {
    await setFaults(origin(), { orphanTimeoutMs: 0 });
    for (let round = 0; round < 8; round++) {
      const { client } = await connected();
      if (round % 2 === 0) {
        const callID = await invite(client, echo.name);
        await joined(client, callID);
        await hangUp(client, callID, echo.name);
      } else {
        await invite(client, '/public/slow-answer');
        await client.waitForVerto('verto.media', 10_000);
      }
      client.close(); // the abandoned ones end when their socket is gone (orphanTimeoutMs 0)
    }
    const list = await eventually(() => calls(origin()), (records) => records.every((record) => record.state === 'ended'));
    assert.equal(list.length, 8);
    assert.deepEqual(list.map((record) => record.endedBy), ['caller', 'socket-gone', 'caller', 'socket-gone', 'caller', 'socket-gone', 'caller', 'socket-gone']);
    const after = await eventually(() => stats(origin()), (current) => current.sockets === 0 && current.mediaPeers === 0 && current.sessions === 0);
    assert.equal(after.activeCalls, 0);
    assert.equal(after.detachedSessions, 0);
  });

  test('/__calls answers GET and DELETE only, /__stats GET only', async () => {
    assert.equal((await fetch(`${origin()}/__calls`, { method: 'POST' })).status, 405);
    assert.equal((await fetch(`${origin()}/__stats`, { method: 'DELETE' })).status, 405);
  });
});
