// The emulator's relay websocket, frame by frame with a raw client playing the SDK's part.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, test } from 'node:test';
import WebSocket from 'ws';
import { ADDRESSES, AUTH_ERROR, DEMO_C2C_TOKEN, ECHO_ONLY_C2C_TOKEN } from '../../emulator/index.ts';
import { relayBed } from './support/relay-bed.ts';
import { RelayClient, dialogParams, inviteParams, type Frame } from './support/relay-client.ts';

const bed = relayBed({ pingIntervalMs: 300 });
beforeEach(async () => {
  await fetch(`${bed.emulator.origin}/__faults`, { method: 'DELETE' });
});

async function rest(path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Frame> {
  const response = await fetch(`${bed.emulator.origin}${path}`, body === undefined ? { headers } : {
    method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body),
  });
  return (await response.json()) as Frame;
}

const guestToken = async (c2c = DEMO_C2C_TOKEN) => (await rest('/api/fabric/embeds/tokens', { token: c2c })).token as string;
const faults = (body: unknown) => rest('/__faults', body);

async function open(): Promise<RelayClient> {
  const client = await RelayClient.open(bed.emulator.origin);
  bed.clients.push(client);
  return client;
}

async function connected(token?: string): Promise<{ client: RelayClient; result: Frame }> {
  const client = await open();
  const reply = await client.connect(token ?? (await guestToken()));
  assert.ok(reply.result, `connect failed: ${JSON.stringify(reply.error)}`);
  return { client, result: reply.result };
}

/** Sends an invite; resolves with the invite reply. */
function invite(client: RelayClient, callID: string, destination: string, id?: string): Promise<Frame> {
  return client.request('webrtc.verto', inviteParams(callID, destination, bed.offer.sdp), id);
}

async function answeredCall(destination = '/public/echo') {
  const { client, result } = await connected();
  const callID = randomUUID();
  const reply = await invite(client, callID, destination);
  const answer = await client.waitForVerto('verto.answer', 10_000);
  const joined = await client.waitForEvent('call.joined', () => true, 10_000);
  return { client, result, callID, reply, answer, joined: joined.params.params as Frame };
}

describe('signalwire.connect', () => {
  test('a guest SAT connects: jti, protocol carrying the jti, no ICE servers, fabric_subscriber', async () => {
    const { client, result } = await connected();
    assert.equal(typeof result.authorization.jti, 'string');
    assert.equal(result.protocol.split('_')[1], result.authorization.jti);
    assert.deepEqual(result.ice_servers, []);
    assert.equal(typeof result.authorization.fabric_subscriber.expires_at, 'number');
    const state = await client.waitForEvent('signalwire.authorization.state');
    assert.equal(typeof state.params.params.authorization_state, 'string');
  });

  test('subscriber and invite tokens connect too', async () => {
    const subscriber = (await rest('/__demo/subscriber-token')).token as string;
    await connected(subscriber);
    const inviteToken = (await rest('/api/fabric/subscriber/invites', { address_id: ADDRESSES[0]!.id }, { authorization: `Bearer ${subscriber}` })).token as string;
    await connected(inviteToken);
  });

  test('unknown, malformed and missing tokens are refused with the exact AuthError frame', async () => {
    for (const token of ['nope', 'a.b.c.d.e', DEMO_C2C_TOKEN, '']) {
      const client = await open();
      const reply = await client.connect(token);
      assert.deepEqual(reply.error, AUTH_ERROR);
      assert.deepEqual(reply.error, { code: -32002, message: 'Authentication service failed with status ProtocolError, 401 Unauthorized: {}' });
    }
  });

  test('rejectConnect refuses a valid token', async () => {
    await faults({ rejectConnect: true });
    const client = await open();
    const reply = await client.connect(await guestToken());
    assert.deepEqual(reply.error, AUTH_ERROR);
  });

  test('requests before connect are refused, the socket stays usable', async () => {
    const client = await open();
    const reply = await client.request('webrtc.verto', inviteParams(randomUUID(), '/public/echo', bed.offer.sdp));
    assert.ok(reply.error);
    const connect = await client.connect(await guestToken());
    assert.ok(connect.result);
  });

  test('garbage frames get JSON-RPC errors, not a crash', async () => {
    const { client } = await connected();
    client.socket.send('{not json');
    const parse = await client.waitFor((frame) => frame.error?.code === -32700);
    assert.equal(parse.id, null);
    client.socket.send('[1,2]');
    await client.waitFor((frame) => frame.error?.code === -32600);
    const unknown = await client.request('no.such.method', {});
    assert.equal(unknown.error.code, -32601);
  });

  test('the server pings and the call survives answering them', async () => {
    const { client } = await connected();
    const ping = await client.waitFor((frame) => frame.method === 'signalwire.ping', 2_000);
    assert.equal(typeof ping.params.timestamp, 'number');
    client.send({ jsonrpc: '2.0', id: ping.id, result: { timestamp: ping.params.timestamp } });
    const count = client.frames.length;
    await client.waitFor((frame) => frame.method === 'signalwire.ping', 2_000, count);
  });
});

describe('a call to /public/echo', () => {
  test('invite → 200, verto.answer with SDP and candidates, call.joined matching the callID', async () => {
    const { callID, reply, answer, joined } = await answeredCall();
    assert.equal(reply.result.code, '200');
    assert.equal(reply.result.result.result.callID, callID);
    assert.equal(answer.params.params.params.callID, callID);
    assert.equal(typeof answer.params.node_id, 'string');
    const sdp = answer.params.params.params.sdp as string;
    assert.match(sdp, /^m=audio \d+ UDP\/TLS\/RTP\/SAVPF/m);
    assert.match(sdp, /a=candidate:.* 127\.0\.0\.1 /);
    assert.match(sdp, /a=sendrecv/);
    assert.equal(joined.call_id, callID);
    assert.equal(joined.origin_call_id, callID);
    assert.equal(joined.room_session.members[0].member_id, joined.member_id);
    assert.ok(joined.capabilities.includes('self'));
  });

  test('the SDK ack of verto.answer, DTMF, mute/unmute with member.updated, bye', async () => {
    const { client, callID, answer, joined } = await answeredCall();
    const nodeId = answer.params.node_id as string;
    const ack = await client.request('webrtc.verto', { message: { jsonrpc: '2.0', id: answer.params.params.id, result: { method: 'verto.answer' } }, node_id: nodeId });
    assert.equal(ack.result.code, '200');

    const dtmf = await client.request('webrtc.verto', {
      message: { jsonrpc: '2.0', id: randomUUID(), method: 'verto.info', params: { dialogParams: dialogParams(callID, '/public/echo'), dtmf: '1#' } },
      callID, node_id: nodeId,
    });
    assert.equal(dtmf.result.code, '200');
    assert.equal(dtmf.result.result.result.message, 'SENT');

    const member = { member_id: joined.member_id, call_id: callID, node_id: nodeId };
    const mute = await client.request('call.mute', { channels: ['audio'], self: member, target: member });
    assert.deepEqual(mute.result, { code: '200', message: 'OK' });
    const muted = await client.waitForEvent('member.updated', (params) => params.member.audio_muted === true);
    assert.equal(muted.params.params.room_session_id, joined.room_session_id);
    assert.deepEqual(muted.params.params.member.updated, ['audio_muted']);
    const unmute = await client.request('call.unmute', { channels: ['audio'], self: member, target: member });
    assert.equal(unmute.result.code, '200');
    await client.waitForEvent('member.updated', (params) => params.member.audio_muted === false);

    const bye = await client.request('webrtc.verto', {
      message: { jsonrpc: '2.0', id: randomUUID(), method: 'verto.bye', params: { dialogParams: dialogParams(callID, '/public/echo') } },
      callID, node_id: nodeId,
    });
    assert.equal(bye.result.code, '200');
    assert.equal(bye.result.result.result.cause, 'NORMAL_CLEARING');
    await client.waitForEvent('call.state', (params) => params.call_state === 'ended');
  });

  test('a duplicate invite (same JSON-RPC id) gets the same reply and starts no second call', async () => {
    const { client } = await connected();
    const callID = randomUUID();
    const id = randomUUID();
    const first = await invite(client, callID, '/public/echo', id);
    const second = await invite(client, callID, '/public/echo', id);
    assert.deepEqual(second, first);
    await client.waitForEvent('call.joined', () => true, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const answers = client.frames.filter((frame) => frame.params?.params?.method === 'verto.answer');
    assert.equal(answers.length, 1);
  });

  test('verto.pong is answered', async () => {
    const { client, callID } = await answeredCall();
    const pong = await client.request('webrtc.verto', { message: { jsonrpc: '2.0', id: randomUUID(), method: 'verto.pong', params: { callID, serno: 1 } } });
    assert.equal(pong.result.code, '200');
  });

  test('hangupAfterMs: the far end hangs up with NORMAL_CLEARING/16', async () => {
    await faults({ hangupAfterMs: 200 });
    const { client, callID } = await answeredCall();
    const bye = await client.waitForVerto('verto.bye', 3_000);
    assert.deepEqual(bye.params.params.params, { callID, cause: 'NORMAL_CLEARING', causeCode: 16 });
  });

  test('dropSocketAfterMs: the socket closes, a reconnect with `protocol` resumes the call', async () => {
    await faults({ dropSocketAfterMs: 200 });
    const token = await guestToken();
    const { client, result } = await connected(token);
    const callID = randomUUID();
    await invite(client, callID, '/public/echo');
    const joined = (await client.waitForEvent('call.joined', () => true, 10_000)).params.params as Frame;
    await client.closed();
    const again = await open();
    const resumed = await again.connect(token, { protocol: result.protocol, authorization_state: 'x' });
    assert.equal(resumed.result.protocol, result.protocol);
    assert.equal(resumed.result.authorization.jti, result.authorization.jti);
    const member = { member_id: joined.member_id, call_id: callID };
    const mute = await again.request('call.mute', { channels: ['audio'], self: member, target: member });
    assert.equal(mute.result.code, '200');
    const bye = await again.request('webrtc.verto', {
      message: { jsonrpc: '2.0', id: randomUUID(), method: 'verto.bye', params: { dialogParams: dialogParams(callID, '/public/echo') } }, callID,
    });
    assert.equal(bye.result.code, '200');
  });

  test('dropSocketAfterInviteMs: the socket closes while ringing; after a reconnect the call is answered on the new socket', async () => {
    await faults({ dropSocketAfterInviteMs: 300 });
    const token = await guestToken();
    const { client, result } = await connected(token);
    const callID = randomUUID();
    const inviteId = randomUUID();
    const first = await invite(client, callID, '/public/slow-answer', inviteId);
    assert.equal(first.result.code, '200');
    await client.closed();
    assert.ok(!client.frames.some((frame) => frame.params?.params?.method === 'verto.answer'), 'not answered before the drop');

    const again = await open();
    const resumed = await again.connect(token, { protocol: result.protocol, authorization_state: 'x' });
    assert.equal(resumed.result.authorization.jti, result.authorization.jti, 'the same session');
    // The SDK re-sends an invite whose reply it lost, with the same id: it gets the same reply, no second call.
    assert.deepEqual(await invite(again, callID, '/public/slow-answer', inviteId), first);
    const answer = await again.waitForVerto('verto.answer', 10_000);
    assert.equal(answer.params.params.params.callID, callID);
    const joined = await again.waitForEvent('call.joined', (params) => params.call_id === callID, 5_000);
    assert.equal(joined.params.params.origin_call_id, callID);
    const media = [...client.frames, ...again.frames].filter((frame) => frame.params?.params?.method === 'verto.media');
    assert.equal(media.length, 1, 'the early media reached the caller on one socket or the other');
    assert.equal(again.socket.readyState, WebSocket.OPEN, 'dropped once only');
    const records = ((await rest('/__calls')) as unknown as Frame[]).filter((record) => record.callId === callID);
    assert.deepEqual(records.map((record) => record.state), ['active']);
    const bye = await again.request('webrtc.verto', {
      message: { jsonrpc: '2.0', id: randomUUID(), method: 'verto.bye', params: { dialogParams: dialogParams(callID, '/public/slow-answer') } }, callID,
    });
    assert.equal(bye.result.code, '200');
  });

  test('killCallAfterMs: the socket closes and reconnects of that session are refused', async () => {
    await faults({ killCallAfterMs: 200 });
    const token = await guestToken();
    const { client, result } = await connected(token);
    await invite(client, randomUUID(), '/public/echo');
    await client.waitForEvent('call.joined', () => true, 10_000);
    await client.closed();
    const again = await open();
    again.send({ jsonrpc: '2.0', id: randomUUID(), method: 'signalwire.connect', params: { authentication: { jwt_token: token }, protocol: result.protocol } });
    await again.closed();
    assert.ok(!again.frames.some((frame) => frame.result), 'no connect result');
  });
});

describe('calls that do not connect', () => {
  test('/public/busy: 200, then verto.bye USER_BUSY/17', async () => {
    const { client } = await connected();
    const callID = randomUUID();
    const reply = await invite(client, callID, '/public/busy');
    assert.equal(reply.result.code, '200');
    const bye = await client.waitForVerto('verto.bye');
    assert.deepEqual(bye.params.params.params, { callID, cause: 'USER_BUSY', causeCode: 17 });
  });

  test('/public/no-answer: early media, then NO_ANSWER/19 after ringTimeoutMs', async () => {
    await faults({ ringTimeoutMs: 300 });
    const { client } = await connected();
    const callID = randomUUID();
    await invite(client, callID, '/public/no-answer');
    const media = await client.waitForVerto('verto.media', 5_000);
    assert.match(media.params.params.params.sdp, /^m=audio/m);
    const bye = await client.waitForVerto('verto.bye', 5_000);
    assert.deepEqual(bye.params.params.params, { callID, cause: 'NO_ANSWER', causeCode: 19 });
    assert.ok(!client.frames.some((frame) => frame.params?.event_type === 'call.joined'));
  });

  test('/public/slow-answer: early media, then answered after about 3 s', async () => {
    const { client } = await connected();
    const started = Date.now();
    await invite(client, randomUUID(), '/public/slow-answer');
    await client.waitForVerto('verto.media', 5_000);
    const answer = await client.waitForVerto('verto.answer', 6_000);
    assert.ok(Date.now() - started >= 2_900);
    assert.equal(answer.params.params.params.sdp, undefined, 'the SDP came with verto.media; sending it again breaks the SDK');
    await client.waitForEvent('call.joined', () => true, 1_000);
  });

  test('an unknown address ends with NO_ROUTE_DESTINATION/3', async () => {
    const { client } = await connected();
    await invite(client, randomUUID(), '/public/nobody');
    const bye = await client.waitForVerto('verto.bye');
    assert.equal(bye.params.params.params.cause, 'NO_ROUTE_DESTINATION');
    assert.equal(bye.params.params.params.causeCode, 3);
  });

  test('a guest of a token that may not call the address is rejected with CALL_REJECTED/21', async () => {
    const { client } = await connected(await guestToken(ECHO_ONLY_C2C_TOKEN));
    await invite(client, randomUUID(), '/public/busy');
    const bye = await client.waitForVerto('verto.bye');
    assert.equal(bye.params.params.params.cause, 'CALL_REJECTED');
  });

  test('an invite token may call only its address', async () => {
    const subscriber = (await rest('/__demo/subscriber-token')).token as string;
    const echo = ADDRESSES.find((address) => address.name === '/public/echo')!;
    const inviteToken = (await rest('/api/fabric/subscriber/invites', { address_id: echo.id }, { authorization: `Bearer ${subscriber}` })).token as string;
    const { client } = await connected(inviteToken);
    await invite(client, randomUUID(), '/public/support');
    assert.equal((await client.waitForVerto('verto.bye')).params.params.params.cause, 'CALL_REJECTED');
    await invite(client, randomUUID(), '/public/echo');
    await client.waitForEvent('call.joined', () => true, 10_000);
  });
});

describe('robustness', () => {
  test('200 websockets opened and dropped abruptly leave the server answering', async () => {
    const url = bed.emulator.origin.replace(/^http/, 'ws') + '/';
    const token = await guestToken();
    await Promise.all(Array.from({ length: 200 }, (_, index) => new Promise<void>((resolve) => {
      const socket = new WebSocket(url);
      socket.on('error', () => resolve());
      socket.on('open', () => {
        if (index % 3 === 0) socket.send(JSON.stringify({ jsonrpc: '2.0', id: String(index), method: 'signalwire.connect', params: { authentication: { jwt_token: token } } }));
        if (index % 3 === 1) socket.send('{"half a fr');
        setTimeout(() => {
          socket.terminate();
          resolve();
        }, index % 5);
      });
    })));
    const response = await fetch(`${bed.emulator.origin}/`);
    assert.equal(response.status, 200);
    await connected();
  });

  test('an upgrade on another path is refused; a raw TCP half-request does not crash', async () => {
    const refused = await new Promise<boolean>((resolve) => {
      const socket = new WebSocket(bed.emulator.origin.replace(/^http/, 'ws') + '/elsewhere');
      socket.on('error', () => resolve(true));
      socket.on('open', () => resolve(false));
    });
    assert.ok(refused);
    const { connect } = await import('node:net');
    await new Promise<void>((resolve) => {
      const socket = connect(bed.emulator.port, '127.0.0.1', () => {
        socket.write('POST /api/fabric/embeds/tokens HTTP/1.1\r\nhost: x\r\ncontent-length: 100\r\ncontent-type: application/json\r\n\r\n{"tok');
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 50);
      });
    });
    assert.equal((await fetch(`${bed.emulator.origin}/`)).status, 200);
  });
});
