import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CallSession, type CallSessionObserver, type CallSessionOptions } from '../../src/call/call-session.js';
import { canTransition, type C2cState as State } from '../../src/shared/call-state.js';
import { createCallLock } from '../../src/call/call-lock.js';
import { C2cError } from '../../src/shared/errors.js';
import type { QualitySample } from '../../src/call/call-quality.js';
import type { C2cCallEndDetail } from '../../src/events/c2c-call-end.js';
import { FakeSdk, deferred } from '../support/fake-sdk.js';
import { rejection } from '../support/async.js';

const GUEST = 'guest-token-abc';

interface Recorder extends CallSessionObserver {
  states: State[];
  moves: [State, State][];
  started: string[];
  ended: C2cCallEndDetail[];
  errors: C2cError[];
  muted: boolean[];
  media: number;
  lost: [string, string, string][];
  quality: [string, QualitySample][];
}

function recorder(): Recorder {
  const r: Recorder = {
    states: [], moves: [], started: [], ended: [], errors: [], muted: [], media: 0, lost: [], quality: [],
    stateChanged(state, previous) {
      assert.ok(canTransition(previous, state), `illegal move ${previous} → ${state}`);
      r.states.push(state);
      r.moves.push([previous, state]);
    },
    callStarted: (id) => r.started.push(id),
    callEnded: (detail) => r.ended.push(detail),
    failed: (error) => r.errors.push(error),
    mutedChanged: (muted) => r.muted.push(muted),
    mediaChanged: () => void r.media++,
    deviceLost: (kind, lost, now) => r.lost.push([kind, lost, now]),
    qualityChanged: (level, sample) => r.quality.push([level, sample]),
  };
  return r;
}

/** Every session a test made is hung up after it: a call left up would keep polling its quality. */
const sessions: CallSession[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((session) => session.hangup()));
});

function setup(overrides: Partial<CallSessionOptions> = {}) {
  const sdk = new FakeSdk();
  const events = recorder();
  let clock = 1000;
  const lock = createCallLock();
  const session = new CallSession(
    {
      destination: '/public/support',
      obtainToken: async () => GUEST,
      sdk,
      lock,
      now: () => clock,
      ...overrides,
    },
    events,
  );
  sessions.push(session);
  return { sdk, events, session, lock, advance: (ms: number) => (clock += ms) };
}

async function connected(t = setup()) {
  const done = t.session.start();
  const call = await t.sdk.waitForCall();
  call.emit({ type: 'ringing' });
  call.answer.resolve();
  await done;
  return { ...t, call };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('CallSession: the happy path', () => {
  it('goes authorizing → connecting → ringing → active and reports the call id', async () => {
    const t = await connected();
    assert.deepEqual(t.events.states, ['authorizing', 'connecting', 'ringing', 'active']);
    assert.deepEqual(t.events.started, ['call-1']);
    assert.equal(t.session.state, 'active');
  });

  it('connects with the obtained token and dials the destination, audio only by default', async () => {
    const t = await connected();
    const client = t.sdk.lastClient!;
    assert.equal(client.connectOptions.token, GUEST);
    assert.equal(client.connectOptions.host, undefined);
    assert.equal(t.call.dialOptions.destination, '/public/support');
    assert.equal(t.call.dialOptions.video, false);
  });

  it('dials with the variables c2c-before-call left, checked; with none, the dial has no userVariables at all', async () => {
    const t = await connected(setup({ userVariables: ['{"orderId":"A-1001"}', { orderId: 'A-1001', cartId: 'C-7' }] }));
    assert.deepEqual(t.call.dialOptions.userVariables, { orderId: 'A-1001', cartId: 'C-7' });
    await t.session.hangup();
    for (const userVariables of [undefined, [undefined, {}], ['{}', {}]] as const) {
      const bare = await connected(setup(userVariables ? { userVariables } : {}));
      assert.equal('userVariables' in bare.call.dialOptions, false, JSON.stringify(userVariables));
      await bare.session.hangup();
    }
  });

  it('passes a checked relay host and the video flag to the SDK', async () => {
    const t = await connected(setup({ host: 'ws://127.0.0.1:8790', video: true }));
    assert.equal(t.sdk.lastClient!.connectOptions.host, 'ws://127.0.0.1:8790');
    assert.equal(t.call.dialOptions.video, true);
  });

  it('loads the SDK while the token is being exchanged', async () => {
    const token = deferred<string>();
    const t = setup({ obtainToken: () => token.promise });
    const done = t.session.start();
    await tick();
    assert.equal(t.sdk.loads, 1);
    assert.equal(t.session.state, 'authorizing');
    token.resolve(GUEST);
    (await t.sdk.waitForCall()).answer.resolve();
    await done;
  });

  it('places one call when started twice', async () => {
    const t = setup();
    const first = t.session.start();
    const second = t.session.start();
    assert.equal(first, second);
    (await t.sdk.waitForCall()).answer.resolve();
    await first;
    assert.equal(t.sdk.clients.length, 1);
    assert.equal(t.sdk.lastClient!.calls.length, 1);
  });

  it('goes straight from connecting to active when the far end answers without ringing', async () => {
    const t = setup();
    const done = t.session.start();
    (await t.sdk.waitForCall()).answer.resolve();
    await done;
    assert.deepEqual(t.events.states, ['authorizing', 'connecting', 'active']);
  });
});

describe('CallSession: ending a call', () => {
  it('hangs up locally: ending → ended, reason local, duration measured, everything released', async () => {
    const t = await connected();
    t.advance(4200);
    await t.session.hangup();
    assert.deepEqual(t.events.states.slice(-2), ['ending', 'ended']);
    assert.deepEqual(t.events.ended, [{ callId: 'call-1', reason: 'local', durationMs: 4200 }]);
    assert.equal(t.call.hangups, 1);
    assert.equal(t.sdk.lastClient!.disconnects, 1);
    assert.equal(t.call.subscribers, 0);
    assert.ok(t.lock.acquire({}), 'the page lock is free again');
  });

  it('ends with reason remote when the far end hangs up', async () => {
    const t = await connected();
    t.advance(1500);
    t.call.emit({ type: 'ended', cause: 'remote' });
    await tick();
    assert.deepEqual(t.events.states.slice(-2), ['ending', 'ended']);
    assert.deepEqual(t.events.ended, [{ callId: 'call-1', reason: 'remote', durationMs: 1500 }]);
    assert.equal(t.sdk.lastClient!.disconnects, 1);
    assert.equal(t.events.errors.length, 0);
  });

  it('a hang-up while the far end\'s hang-up is being handled waits for that end', async () => {
    const t = await connected();
    t.call.emit({ type: 'ended', cause: 'remote' });
    assert.equal(t.session.state, 'ending');
    await t.session.hangup();
    assert.equal(t.session.state, 'ended');
    assert.deepEqual(t.events.ended.map((e) => e.reason), ['remote']);
    assert.equal(t.call.hangups, 0, 'no bye is sent for a call the far end already ended');
  });

  it('releases the microphone even when the far end never confirms the hang-up', async () => {
    const t = await connected(setup({ timeouts: { hangupMs: 20 } }));
    const never = deferred<void>();
    t.call.hangup = () => never.promise;
    await t.session.hangup();
    assert.equal(t.session.state, 'ended');
    assert.equal(t.sdk.lastClient!.disconnects, 1);
  });

  it('is a no-op before the call starts and after it ended', async () => {
    const t = setup();
    await t.session.hangup();
    assert.deepEqual(t.events.states, []);
    const c = await connected();
    await c.session.hangup();
    await c.session.hangup();
    assert.equal(c.events.ended.length, 1);
    assert.equal(c.call.hangups, 1);
  });

  it('returns the same promise for a hang-up already under way', async () => {
    const t = await connected();
    const first = t.session.hangup();
    const second = t.session.hangup();
    assert.equal(first, second);
    await first;
  });
});

describe('CallSession: hanging up in every state before the answer', () => {
  it('while authorizing: ended, start() rejects with AbortError, no call placed, no call-end', async () => {
    const token = deferred<string>();
    let seenSignal: AbortSignal | undefined;
    const t = setup({ obtainToken: (signal) => { seenSignal = signal; return token.promise; } });
    const done = t.session.start();
    await tick();
    await t.session.hangup();
    assert.deepEqual(t.events.states, ['authorizing', 'ending', 'ended']);
    assert.equal(seenSignal?.aborted, true, 'the exchange is cancelled');
    const error = await rejection(done);
    assert.equal((error as Error).name, 'AbortError');
    token.resolve(GUEST); // a late answer changes nothing
    await tick();
    assert.equal(t.sdk.clients.length, 0);
    assert.equal(t.events.ended.length, 0);
    assert.equal(t.events.errors.length, 0);
  });

  it('while connecting: a client that connects late is disconnected, state stays ended', async () => {
    const t = setup();
    t.sdk.holdConnect = true;
    const done = t.session.start();
    await tick();
    await tick();
    assert.equal(t.session.state, 'connecting');
    await t.session.hangup();
    t.sdk.connects[0]!.resolve();
    await rejection(done);
    await tick();
    assert.equal(t.session.state, 'ended');
    assert.equal(t.sdk.lastClient!.disconnects, 1, 'the abandoned connection is closed');
    assert.deepEqual(t.events.states, ['authorizing', 'connecting', 'ending', 'ended']);
  });

  it('while ringing: the call is hung up at the far end and the connection closed', async () => {
    const t = setup();
    const done = t.session.start();
    const call = await t.sdk.waitForCall();
    call.emit({ type: 'ringing' });
    await t.session.hangup();
    assert.equal(call.hangups, 1);
    assert.equal(t.sdk.lastClient!.disconnects, 1);
    call.answer.resolve(); // the answer arrives after the hang-up: ignored
    await rejection(done);
    await tick();
    assert.equal(t.session.state, 'ended');
    assert.deepEqual(t.events.started, []);
  });

  it('while reconnecting: ends locally', async () => {
    const t = await connected();
    t.call.emit({ type: 'media-lost' });
    assert.equal(t.session.state, 'reconnecting');
    await t.session.hangup();
    assert.equal(t.session.state, 'ended');
    assert.equal(t.events.ended[0]!.reason, 'local');
  });
});

describe('CallSession: failures', () => {
  async function failure(t: ReturnType<typeof setup>, release?: () => void) {
    const done = t.session.start();
    release?.();
    const error = await rejection(done);
    assert.ok(error instanceof C2cError, `expected a C2cError, got ${String(error)}`);
    assert.equal(t.session.state, 'error');
    assert.equal(t.events.errors.length, 1);
    assert.equal(t.events.errors[0], error);
    return error;
  }

  it('a failed exchange ends in error with its code and status, nothing connected', async () => {
    const t = setup({ obtainToken: async () => { throw new C2cError('token-not-found', 'HTTP 404', { status: 404 }); } });
    const error = await failure(t);
    assert.equal(error.code, 'token-not-found');
    assert.equal(error.status, 404);
    assert.deepEqual(t.events.states, ['authorizing', 'error']);
    assert.equal(t.sdk.clients.length, 0);
  });

  it('the relay refusing the token gives token-invalid', async () => {
    const t = setup();
    t.sdk.connectError = new C2cError('token-invalid', 'refused');
    assert.equal((await failure(t)).code, 'token-invalid');
    assert.deepEqual(t.events.states, ['authorizing', 'connecting', 'error']);
  });

  it('a busy far end gives call-rejected, hangs up nothing twice, releases the connection', async () => {
    const t = setup();
    const done = t.session.start();
    const call = await t.sdk.waitForCall();
    call.emit({ type: 'ringing' });
    call.answer.reject(new C2cError('call-rejected', 'USER_BUSY'));
    const error = await rejection(done);
    assert.equal((error as C2cError).code, 'call-rejected');
    assert.deepEqual(t.events.states, ['authorizing', 'connecting', 'ringing', 'error']);
    assert.equal(t.sdk.lastClient!.disconnects, 1);
    assert.equal(t.events.ended.length, 0, 'no call-end for a call that never started');
  });

  it('mic denied while placing the call gives mic-denied', async () => {
    const t = setup();
    const done = t.session.start();
    (await t.sdk.waitForCall()).answer.reject(new C2cError('mic-denied', 'NotAllowedError'));
    assert.equal(((await rejection(done)) as C2cError).code, 'mic-denied');
  });

  it('an unexpected exception becomes unknown, with the cause kept', async () => {
    const t = setup();
    const done = t.session.start();
    const boom = new Error('boom');
    (await t.sdk.waitForCall()).answer.reject(boom);
    const error = (await rejection(done)) as C2cError;
    assert.equal(error.code, 'unknown');
    assert.equal(error.cause, boom);
  });

  it('an unsupported browser gives unsupported before anything is sent', async () => {
    const t = setup();
    t.sdk.supported = false;
    assert.equal((await failure(t)).code, 'unsupported');
    assert.equal(t.sdk.loads, 0);
  });

  it('a missing or malformed destination gives destination-invalid', async () => {
    for (const destination of [undefined, '', '  ', 'support', '/public/<b>']) {
      const t = setup({ destination });
      assert.equal((await failure(t)).code, 'destination-invalid', `destination ${String(destination)}`);
    }
  });

  it('variables that are refused give config-invalid before anything is sent: no token, no SDK, no connection', async () => {
    let exchanges = 0;
    const t = setup({ userVariables: [{ order: { id: 'A-1' } }, { order: { id: 'A-1' } }], obtainToken: async () => (exchanges++, GUEST) });
    const error = await failure(t);
    assert.equal(error.code, 'config-invalid');
    assert.match(error.message, /"order"/);
    assert.deepEqual([exchanges, t.sdk.loads, t.sdk.clients.length], [0, 0, 0]);
  });

  it('without a calling SDK (the element defined without defineC2cCallButton, and no sdk set) gives config-invalid, not retryable, before the token is asked for', async () => {
    let exchanges = 0;
    const t = setup({ sdk: undefined, obtainToken: async () => (exchanges++, GUEST) });
    const error = await failure(t);
    assert.equal(error.code, 'config-invalid');
    assert.equal(error.retryable, false);
    assert.equal(error.message, 'No calling SDK: use defineC2cCallButton() or set sdk.');
    assert.equal(exchanges, 0);
  });

  it('a relay host over plain ws to another machine gives config-invalid', async () => {
    const t = setup({ host: 'ws://relay.example.com' });
    assert.equal((await failure(t)).code, 'config-invalid');
    assert.equal(t.sdk.loads, 0);
  });

  it('a second call on the page gives call-in-progress', async () => {
    const lock = createCallLock();
    assert.ok(lock.acquire({}));
    const t = setup({ lock });
    const error = await failure(t);
    assert.equal(error.code, 'call-in-progress');
    assert.equal(error.retryable, true);
  });

  it('the page lock is held during a call and given back after an error', async () => {
    const lock = createCallLock();
    const t = await connected(setup({ lock }));
    assert.equal(lock.acquire({}), false);
    t.call.emit({ type: 'ended', cause: 'connection-lost' });
    await tick();
    assert.equal(lock.acquire({}), true);
  });
});

describe('CallSession: the order of a failure', () => {
  it('reports error and call-end at once, and frees the page lock, before the slow clean-up', async () => {
    const lock = createCallLock();
    const t = await connected(setup({ lock }));
    const never = deferred<void>();
    t.call.hangup = () => never.promise; // a far end that never confirms
    t.call.emit({ type: 'ended', cause: 'connection-lost' });
    assert.equal(t.session.state, 'error');
    assert.equal(t.events.errors[0]?.code, 'connection-lost');
    assert.equal(t.events.ended[0]?.reason, 'error');
    assert.ok(lock.acquire({}), 'a retry is not refused with call-in-progress');
    assert.equal(t.sdk.lastClient!.disconnects, 0, 'the clean-up is still under way');
  });
});

describe('CallSession: timeouts', () => {
  it('an exchange that never answers times out, and the exchange is cancelled', async () => {
    let signal: AbortSignal | undefined;
    const t = setup({ obtainToken: (s) => { signal = s; return new Promise(() => undefined); }, timeouts: { exchangeMs: 20 } });
    const error = (await rejection(t.session.start())) as C2cError;
    assert.equal(error.code, 'timeout');
    assert.equal(signal?.aborted, true);
  });

  it('a relay that never connects times out; the late connection is closed', async () => {
    const t = setup({ timeouts: { connectMs: 20 } });
    t.sdk.holdConnect = true;
    const error = (await rejection(t.session.start())) as C2cError;
    assert.equal(error.code, 'timeout');
    assert.match(error.message, /relay/i);
    t.sdk.connects[0]!.resolve();
    await tick();
    await tick();
    assert.equal(t.sdk.lastClient!.disconnects, 1);
  });

  it('a ringing call nobody answers in time gives no-answer and is hung up', async () => {
    const t = setup({ timeouts: { answerMs: 20 } });
    const done = t.session.start();
    const call = await t.sdk.waitForCall();
    call.emit({ type: 'ringing' });
    assert.equal(((await rejection(done)) as C2cError).code, 'no-answer');
    assert.equal(call.hangups, 1);
    assert.equal(t.sdk.lastClient!.disconnects, 1);
  });

  it('a call that never reaches the far end in time (no ringing) gives timeout and is hung up', async () => {
    const t = setup({ timeouts: { answerMs: 20 } });
    const done = t.session.start();
    const call = await t.sdk.waitForCall();
    assert.equal(((await rejection(done)) as C2cError).code, 'timeout');
    assert.equal(call.hangups, 1);
  });
});

describe('CallSession: connection trouble during a call', () => {
  it('media lost then restored: active → reconnecting → active', async () => {
    const t = await connected();
    t.call.emit({ type: 'media-lost' });
    t.call.emit({ type: 'media-restored' });
    assert.deepEqual(t.events.states.slice(-2), ['reconnecting', 'active']);
    assert.equal(t.events.errors.length, 0);
  });

  it('media not restored in time: connection-lost, call-end with reason error', async () => {
    const t = await connected(setup({ timeouts: { reconnectMs: 20 } }));
    t.call.emit({ type: 'media-lost' });
    await new Promise((resolve) => setTimeout(resolve, 40));
    assert.equal(t.session.state, 'error');
    assert.equal(t.events.errors[0]!.code, 'connection-lost');
    assert.equal(t.events.ended[0]!.reason, 'error');
    assert.equal(t.sdk.lastClient!.disconnects, 1);
  });

  it('the SDK giving up on the media: reconnecting, then connection-lost', async () => {
    const t = await connected();
    t.call.emit({ type: 'media-lost' });
    t.call.emit({ type: 'ended', cause: 'connection-lost' });
    await tick();
    assert.deepEqual(t.events.states.slice(-3), ['active', 'reconnecting', 'error']);
    assert.equal(t.events.errors[0]!.code, 'connection-lost');
  });

  it('ignores events of a call that is already over', async () => {
    const t = await connected();
    await t.session.hangup();
    const before = t.events.states.length;
    t.call.emit({ type: 'media-lost' });
    t.call.emit({ type: 'ended', cause: 'remote' });
    await tick();
    assert.equal(t.events.states.length, before);
  });
});

describe('CallSession: digits and mute', () => {
  it('sends DTMF digits during the call, and refuses anything else', async () => {
    const t = await connected();
    await t.session.sendDigits('12*#');
    assert.deepEqual(t.call.digits, ['12*#']);
    for (const bad of ['', 'A', '1 2', '<', '١']) {
      await assert.rejects(t.session.sendDigits(bad), TypeError);
    }
    assert.deepEqual(t.call.digits, ['12*#']);
  });

  it('refuses digits and mute when no call is connected', async () => {
    const t = setup();
    await assert.rejects(t.session.sendDigits('1'), (error: Error) => error.name === 'InvalidStateError');
    await assert.rejects(t.session.setMuted(true), (error: Error) => error.name === 'InvalidStateError');
  });

  it('mutes at once and unmutes, asking the SDK each time', async () => {
    const t = await connected();
    await t.session.setMuted(true);
    assert.equal(t.session.isMuted, true);
    await t.session.setMuted(false);
    assert.deepEqual(t.call.muteRequests, [true, false]);
    assert.deepEqual(t.events.muted, [true, false]);
  });

  it('goes back to unmuted when the SDK fails to mute', async () => {
    const t = await connected();
    t.call.muteResult = () => Promise.reject(new C2cError('network', 'not confirmed'));
    await assert.rejects(t.session.setMuted(true));
    assert.equal(t.session.isMuted, false);
    assert.deepEqual(t.events.muted, [true, false]);
  });
});
