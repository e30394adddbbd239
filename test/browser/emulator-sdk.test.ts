// The real, unmodified @signalwire/js against the local space emulator: proof that the emulator is
// a space the SDK can call, with echo media, DTMF, mute, hangup, busy lines and the socket/media faults.
import { expect } from '@open-wc/testing';
import {
  clearSdkStorage, demoToken, exchangeToken, resetFaults, setFaults,
} from './support/emulator.ts';
import { allowEscapes } from './support/escape-watch.ts';

type SdkCall = any; // the SDK's call object is not typed where the tests need to reach (peer, events)
type SdkClient = any;

const clients: SdkClient[] = [];
const roots: HTMLElement[] = [];

async function dial(to: string): Promise<{ client: SdkClient; call: SdkCall; events: { name: string; at: number; call: SdkCall }[] }> {
  const { SignalWire } = await import('@signalwire/js');
  const client: SdkClient = await SignalWire({ token: await exchangeToken(demoToken) } as never);
  clients.push(client);
  const rootElement = document.createElement('div');
  document.body.append(rootElement);
  roots.push(rootElement);
  const call: SdkCall = await client.dial({ to, rootElement, audio: true, video: false });
  const events: { name: string; at: number; call: SdkCall }[] = [];
  const started = performance.now();
  for (const name of ['early', 'active', 'hangup', 'destroy', 'media.connected', 'media.reconnecting', 'media.disconnected', 'member.updated.audioMuted']) {
    call.on(name, () => events.push({ name, at: Math.round(performance.now() - started), call }));
  }
  return { client, call, events };
}

/** The call's state events, without media.* and member events. */
function callStates(events: { name: string }[]): string[] {
  return events.map((event) => event.name).filter((name) => ['early', 'active', 'hangup', 'destroy'].includes(name));
}

function peerConnection(call: SdkCall): RTCPeerConnection {
  const pc = call.peer?.instance as RTCPeerConnection | undefined;
  if (!pc) throw new Error('the SDK call has no peer connection');
  return pc;
}

async function inboundAudioBytes(pc: RTCPeerConnection): Promise<number> {
  let bytes = 0;
  (await pc.getStats()).forEach((report: { type: string; kind?: string; bytesReceived?: number }) => {
    if (report.type === 'inbound-rtp' && report.kind === 'audio') bytes += report.bytesReceived ?? 0;
  });
  return bytes;
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The echo really flows: inbound audio bytes grow over time. */
async function expectEchoAudio(pc: RTCPeerConnection): Promise<void> {
  await until(async () => (await inboundAudioBytes(pc)) > 0, 5_000, 'first echoed audio');
  const before = await inboundAudioBytes(pc);
  await until(async () => (await inboundAudioBytes(pc)) > before + 500, 5_000, 'more echoed audio');
}

describe('@signalwire/js against the space emulator', function () {
  this.timeout(20_000);

  afterEach(async () => {
    // disconnect() can stay pending while the SDK retries a refused session, so never wait on it for long.
    await Promise.all(clients.splice(0).map((client) => Promise.race([client.disconnect(), new Promise((resolve) => setTimeout(resolve, 2_000))])));
    roots.splice(0).forEach((root) => root.remove());
    clearSdkStorage();
    await resetFaults();
  });

  it('calls /public/echo: active, echoed audio arrives, DTMF, mute and unmute, hangup', async () => {
    const { call, events } = await dial('/public/echo');
    await call.start();
    expect(call.state).to.equal('active');
    const pc = peerConnection(call);
    await until(() => pc.connectionState === 'connected', 5_000, 'peer connection connected');
    await expectEchoAudio(pc);

    await call.sendDigits('1');

    await call.audioMute();
    await until(() => events.some((event) => event.name === 'member.updated.audioMuted'), 3_000, 'member.updated.audioMuted');
    const sender = pc.getSenders().find((candidate) => candidate.track?.kind === 'audio' || candidate.track === null);
    expect(sender?.track?.readyState ?? 'ended').to.equal('ended');
    await call.audioUnmute();
    await until(() => events.filter((event) => event.name === 'member.updated.audioMuted').length >= 2, 3_000, 'unmuted');

    await call.hangup();
    expect(events.map((event) => event.name)).to.include.members(['active', 'media.connected', 'hangup', 'destroy']);
  });

  it('a busy line rejects start() with {code:"17", message:"USER_BUSY"}', async () => {
    // The SDK used as it comes logs the refusal with its own logger (the element gives it a silent one).
    allowEscapes(/^console\.error: \S+ - (Invite error|WSClient call start) \{"code":"17","message":"USER_BUSY"\}$/);
    const { call, events } = await dial('/public/busy');
    const error = await call.start().then(() => null, (reason: unknown) => reason);
    expect(error).to.deep.include({ code: '17', message: 'USER_BUSY' });
    expect(events.map((event) => event.name)).to.include.members(['hangup', 'destroy']);
  });

  it('/public/no-answer rings with early media, then hangup and destroy with cause NO_ANSWER/19 (start() stays pending)', async () => {
    await setFaults({ ringTimeoutMs: 1_000 });
    const { call, events } = await dial('/public/no-answer');
    let settled = false;
    call.start().then(() => (settled = true), () => (settled = true));
    await until(() => events.some((event) => event.name === 'destroy'), 8_000, 'destroy');
    expect(callStates(events)).to.deep.equal(['early', 'hangup', 'destroy']);
    expect([call.cause, call.causeCode]).to.deep.equal(['NO_ANSWER', '19']);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(settled, 'start() settled').to.equal(false);
  });

  it('/public/slow-answer rings with early media, then becomes active with echoed audio', async () => {
    const { call, events } = await dial('/public/slow-answer');
    await call.start();
    expect(callStates(events)).to.deep.equal(['early', 'active']);
    expect(events.find((event) => event.name === 'active')!.at).to.be.greaterThan(2_500);
    await expectEchoAudio(peerConnection(call));
    await call.hangup();
  });

  it('a refused connect rejects SignalWire() with an AuthError', async () => {
    allowEscapes(/^console\.error: \S+ - Auth Error \{"code":-32002,/); // the SDK's own logger, as above
    await setFaults({ rejectConnect: true });
    const { SignalWire } = await import('@signalwire/js');
    const token = await exchangeToken(demoToken);
    const error = (await SignalWire({ token } as never).then(() => null, (reason: unknown) => reason)) as { name?: string; code?: number } | null;
    expect(error?.name).to.equal('AuthError');
    expect(error?.code).to.equal(-32002);
  });

  it('dropSocketAfterMs: the SDK reconnects, the call stays up and still takes DTMF and hangup', async () => {
    await setFaults({ dropSocketAfterMs: 500 });
    const { client, call, events } = await dial('/public/echo');
    let reconnected = false;
    client.__wsClient?.sessionEmitter?.on?.('session.connected', () => (reconnected = true));
    await call.start();
    await until(() => reconnected, 10_000, 'the SDK to reconnect');
    expect(call.state).to.equal('active');
    await call.sendDigits('2');
    await expectEchoAudio(peerConnection(call));
    await call.hangup();
    expect(events.map((event) => event.name)).to.not.include('media.reconnecting');
  });

  it('killCallAfterMs: media.reconnecting once the peer fails, then hangup with RECONNECTION_ATTEMPT_TIMEOUT', async function () {
    this.timeout(60_000);
    await setFaults({ killCallAfterMs: 500 });
    const { call, events } = await dial('/public/echo');
    await call.start();
    await until(() => events.some((event) => event.name === 'media.reconnecting'), 30_000, 'media.reconnecting');
    expect(call.state).to.equal('active');
    await until(() => events.some((event) => event.name === 'destroy'), 20_000, 'destroy');
    expect(call.leaveReason).to.equal('RECONNECTION_ATTEMPT_TIMEOUT');
    const names = events.map((event) => event.name);
    expect(names.slice(names.indexOf('media.reconnecting'))).to.deep.equal(['media.reconnecting', 'media.disconnected', 'hangup', 'destroy']);
  });
});
