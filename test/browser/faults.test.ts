// The fault matrix: every fault a call can meet, end to end with the real @signalwire/js on the local space emulator,
// one row each. For each row: the code and the visitor's message, whether a retry is offered and, where it is, that it
// gets the call through; then that nothing escaped to the host page (no uncaught exception, unhandled rejection or
// console error) and nothing was left behind: no live microphone track, no socket open in the page or at the relay,
// no call or media peer held by the far end, no timer of the element's pending, no listener left on window or document.
//
// How the network faults are made (test/browser/support/network-faults.mjs, middleware of the test server):
//  - the SDK chunk: the dev server answers 503 to every request for the adapter module (`/src/signalwire/signalwire-sdk.ts`,
//    the file that becomes `signalwire-sdk-*.js` in the builds) until the row lets them through; in production, that
//    chunk failing on a flaky connection or a CDN error while the page itself is loaded;
//  - "unreachable": a loopback port nothing listens on (connections refused, as to a host that is down), which the
//    test later opens as a forwarder to the emulator, as when the network comes back;
//  - the relay: the emulator's `relayUrl` fault makes the guest token name that port as its relay (`ch`). The `host`
//    attribute cannot: the SDK connects to the token's `ch` whenever it has one.
// How "nothing left" is seen (test/browser/support/page-watch.ts, devtools-commands.mjs): the page's WebSocket,
// RTCPeerConnection and getUserMedia are wrapped to count what is made; setTimeout/setInterval are wrapped to know
// which timers the element's own code (`/src/`) set and whether each fired or was cleared; the listeners on window
// and document are read before and after, through DevTools in Chromium, and in Firefox (whose listeners no DevTools
// protocol reads) from EventTarget's add and remove, wrapped before the element loads; the emulator tells what it
// still holds (GET /__stats).
// Every row runs in Chromium and in Firefox.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { CallSessionTimeouts } from '../../src/call/call-session.js';
import type { C2cCallButton } from '../../src/button/c2c-call-button.js';
import { C2cError, type C2cErrorCode } from '../../src/shared/errors.js';
import { enCallStrings } from '../../src/in-call/english.js';
import { firefox } from './support/browser.ts';
import { addedListeners, listenersOn, type Listener } from './support/devtools.ts';
import {
  calls, clearCalls, clearSdkStorage, demoToken, emulatorOrigin, relayStats, resetFaults, setFaults, type CallRecord, type Faults,
  type RelayStats,
} from './support/emulator.ts';
import { chunkFault, closedPort, closePort, failChunk, openPort } from './support/network.ts';
import { watchPage, type Made } from './support/page-watch.ts';
import { eventually, stateIn } from './support/wait.ts';

const watch = watchPage({ listeners: firefox });

/** The listeners on window or document: DevTools reads them in Chromium, the page watch in Firefox. */
const listeners = (on: 'window' | 'document'): Promise<Listener[]> => (firefox ? Promise.resolve(watch.listeners(on)) : listenersOn(on));

/** What the adapter's clean-up may still wait for after a call (it gives the SDK's disconnect 3 s). */
const TIMERS_SETTLE_MS = 4_000;

interface Row {
  name: string;
  destination?: string;
  faults?: Partial<Faults>;
  timeouts?: Partial<CallSessionTimeouts>;
  /** Before the element is made: the fault in place. May give the element's api-base. */
  arrange?(row: RowContext): Promise<{ apiBase?: string } | void>;
  /** The call is answered, then fails: `call()` resolves, the error comes later (with `c2c-call-end` reason `error`). */
  failsInCall?: true;
  /** The call is answered whatever the fault did, and hung up normally (instead of `expect`). */
  answered?: true;
  expect?: {
    code: C2cErrorCode;
    retryable: boolean;
    status?: number;
    /** States the attempt must have passed through. */
    through?: string[];
  };
  /** A check that the fault really happened the way the row says. */
  proof?(row: RowContext): Promise<void>;
  /** The fault goes away (the network is back, the visitor allows the microphone…), before the retry. */
  beforeRetry?(row: RowContext): Promise<void>;
  /** What the retry gives: the call through (`active`), or, where the far end still refuses, the same code again. */
  retry?: 'active' | C2cErrorCode;
  /** How the emulator saw each call the row placed end (`endedBy`), in order; an attempt that placed none has no record. */
  farEnd: CallRecord['endedBy'][];
}

interface RowContext {
  el: C2cCallButton;
  events: Event[];
  emulatorPort: number;
  port?: number;
}

const errorEvents = (events: Event[]) => events.filter((e) => e.type === 'c2c-error') as unknown as { code: string; retryable: boolean }[];
const states = (events: Event[]) => events.filter((e) => e.type === 'c2c-state-change').map((e) => (e as unknown as { state: string }).state);

const ROWS: Row[] = [
  {
    // First: the SDK must not have been loaded in this page yet (the proof checks the fault was hit).
    // Every request for it fails until the retry (a single failure is retried by the attempt itself).
    name: 'the SDK chunk cannot be loaded, then loads on the retry',
    arrange: async () => void (await failChunk('/src/signalwire/signalwire-sdk.ts', 1_000)),
    expect: { code: 'network', retryable: true },
    proof: async () => void expect((await chunkFault()).failed, 'the chunk requests were failed').to.be.greaterThan(0),
    beforeRetry: async () => void (await failChunk('/src/signalwire/signalwire-sdk.ts', 0)),
    retry: 'active',
    farEnd: ['caller'],
  },
  {
    name: 'the token exchange answers 500, then succeeds',
    faults: { exchange: { status: 500, times: 1 } },
    expect: { code: 'exchange-failed', retryable: true, status: 500 },
    retry: 'active',
    farEnd: ['caller'],
  },
  {
    name: 'the token exchange is slower than its limit',
    faults: { exchangeDelayMs: 3_000 },
    timeouts: { exchangeMs: 500 },
    expect: { code: 'timeout', retryable: true, through: ['authorizing'] },
    beforeRetry: async () => void (await setFaults({ exchangeDelayMs: 0 })),
    retry: 'active',
    farEnd: ['caller'],
  },
  {
    name: 'the token exchange is unreachable (api-base on a closed loopback port)',
    arrange: async (row) => ({ apiBase: `http://127.0.0.1:${(row.port = await closedPort())}` }),
    expect: { code: 'network', retryable: true },
    beforeRetry: (row) => openPort(row.port!, row.emulatorPort),
    retry: 'active',
    farEnd: ['caller'],
  },
  {
    name: 'the relay refuses the connect',
    faults: { rejectConnect: true },
    expect: { code: 'token-invalid', retryable: false, through: ['connecting'] },
    farEnd: [],
  },
  {
    // SignalWire() never settles when the relay cannot be reached: only the connect limit ends the attempt.
    name: 'the relay is unreachable (the token names a closed loopback port)',
    arrange: async (row) => void (await setFaults({ relayUrl: `ws://127.0.0.1:${(row.port = await closedPort())}` })),
    timeouts: { connectMs: 1_500 },
    expect: { code: 'timeout', retryable: true, through: ['connecting'] },
    proof: async (row) => void expect(watch.socketUrls.some((url) => url.includes(`:${row.port}`)), 'the SDK tried that relay').to.equal(true),
    beforeRetry: async (row) => {
      await openPort(row.port!, row.emulatorPort);
      // The SDK's pending client reconnects on its own (every 1–4 s) and must be gone before a new one is made.
      row.el.timeouts = { connectMs: 10_000 };
    },
    retry: 'active',
    farEnd: ['caller'],
  },
  {
    name: 'the relay closes the socket while the call rings, and the call is still answered',
    destination: '/public/slow-answer',
    // The relay keeps the session while the SDK reconnects (1–4 s); 0 would end the call with the socket.
    faults: { dropSocketAfterInviteMs: 500, orphanTimeoutMs: 8_000 },
    answered: true,
    farEnd: ['caller'],
  },
  {
    name: 'the relay closes the socket during the call, briefly: the call goes on',
    faults: { dropSocketAfterMs: 300, orphanTimeoutMs: 8_000 },
    answered: true,
    farEnd: ['caller'],
  },
  {
    name: 'socket and media gone for good: reconnecting, then connection-lost',
    faults: { killCallAfterMs: 300 },
    timeouts: { reconnectMs: 1_000, hangupMs: 1_000, answerMs: 10_000 },
    failsInCall: true,
    expect: { code: 'connection-lost', retryable: true, through: ['active', 'reconnecting'] },
    beforeRetry: async () => void (await setFaults({ killCallAfterMs: null })),
    retry: 'active',
    farEnd: ['socket-gone', 'caller'],
  },
  {
    name: 'the far end is busy (the retry places a new call, refused again)',
    destination: '/public/busy',
    expect: { code: 'call-rejected', retryable: true, through: ['ringing'] },
    retry: 'call-rejected',
    farEnd: ['far-end', 'far-end'],
  },
  {
    name: 'nobody answers: the far end gives up ringing (the retry rings again)',
    destination: '/public/no-answer',
    faults: { ringTimeoutMs: 1_000 },
    expect: { code: 'no-answer', retryable: true, through: ['ringing'] },
    retry: 'no-answer',
    farEnd: ['far-end', 'far-end'],
  },
  {
    name: 'nobody answers within the answer limit; on the retry, the far end answers',
    destination: '/public/slow-answer',
    timeouts: { answerMs: 1_000 },
    expect: { code: 'no-answer', retryable: true, through: ['ringing'] },
    beforeRetry: async (row) => void (row.el.timeouts = {}),
    retry: 'active',
    farEnd: ['caller', 'caller'],
  },
  {
    name: 'the visitor refuses the microphone, then allows it',
    arrange: async () => void (watch.refuseMicrophone = 'NotAllowedError'),
    expect: { code: 'mic-denied', retryable: true },
    beforeRetry: async () => void (watch.refuseMicrophone = null),
    retry: 'active',
    farEnd: ['caller'],
  },
  {
    name: 'there is no microphone, then one is plugged in',
    arrange: async () => void (watch.refuseMicrophone = 'NotFoundError'),
    expect: { code: 'no-device', retryable: true },
    beforeRetry: async () => void (watch.refuseMicrophone = null),
    retry: 'active',
    farEnd: ['caller'],
  },
];

/** A call that reaches the far end, then leaves the page in one of the ways a visitor leaves. */
interface LeaveRow {
  name: string;
  destination?: string;
  faults?: Partial<Faults>;
  timeouts?: Partial<CallSessionTimeouts>;
  /** Leave while the element is in this state. */
  leaveIn: 'authorizing' | 'connecting' | 'ringing' | 'active' | 'reconnecting';
  how: 'removed' | 'pagehide';
  farEnd: (CallRecord['endedBy'])[];
}

const LEAVE_ROWS: LeaveRow[] = [
  { name: 'the tab closes during the call (pagehide): the element hangs up', leaveIn: 'active', how: 'pagehide', farEnd: ['caller'] },
  { name: 'the tab closes while the far end rings (pagehide)', leaveIn: 'ringing', how: 'pagehide', destination: '/public/no-answer', farEnd: ['caller'] },
  { name: 'removed from the page while authorizing', leaveIn: 'authorizing', how: 'removed', farEnd: [] },
  { name: 'removed from the page while connecting', leaveIn: 'connecting', how: 'removed', farEnd: [] },
  { name: 'removed from the page while ringing', leaveIn: 'ringing', how: 'removed', destination: '/public/no-answer', farEnd: ['caller'] },
  { name: 'removed from the page during the call', leaveIn: 'active', how: 'removed', farEnd: ['caller'] },
  {
    name: 'removed from the page while reconnecting',
    leaveIn: 'reconnecting',
    how: 'removed',
    faults: { killCallAfterMs: 300 },
    timeouts: { reconnectMs: 30_000, hangupMs: 1_000 },
    farEnd: ['socket-gone'],
  },
];

async function mount(attributes: { destination?: string; apiBase?: string }): Promise<{ el: C2cCallButton; events: Event[] }> {
  const el = await fixture<C2cCallButton>(html`
    <c2c-call-button token=${demoToken} destination=${attributes.destination ?? '/public/echo'}
      api-base=${attributes.apiBase ?? (await emulatorOrigin())}></c2c-call-button>`);
  const events: Event[] = [];
  for (const type of ['c2c-state-change', 'c2c-call-start', 'c2c-call-end', 'c2c-error']) el.addEventListener(type, (e) => events.push(e));
  return { el, events };
}

async function renderedError(el: C2cCallButton): Promise<{ message: string | undefined; retry: boolean }> {
  await el.updateComplete;
  const root = el.shadowRoot!;
  return { message: root.querySelector('[part="error"]')?.textContent?.trim(), retry: root.querySelector('[part="retry"]') !== null };
}

/** What the page and the relay held before a row: the row must leave them no worse. */
interface Baseline {
  window: Listener[];
  document: Listener[];
  /** What the page had made so far: only what the row makes is looked at. */
  made: Made;
  relay: RelayStats;
}

async function baseline(): Promise<Baseline> {
  return {
    window: await listeners('window'),
    document: await listeners('document'),
    made: watch.made(),
    relay: await relayStats(),
  };
}

/** Everything a row must leave as it found it, once its calls are over. */
async function nothingLeft(before: Baseline, what: string): Promise<void> {
  const { made } = before;
  await eventually(async () => watch.openSockets(made.sockets).map((s) => s.url), (urls) => urls.length === 0, 10_000,
    `${what}: the page's websockets to close`);
  expect(watch.liveTracks(made.streams).map((t) => t.label), `${what}: live microphone tracks`).to.deep.equal([]);
  await eventually(async () => watch.openPeers(made.peers).length, (n) => n === 0, 5_000, `${what}: the page's peer connections to close`);
  const { relay } = before;
  await eventually(relayStats, (s) => s.sockets <= relay.sockets && s.sessions <= relay.sessions && s.activeCalls <= relay.activeCalls &&
    s.mediaPeers <= relay.mediaPeers, 10_000, `${what}: the relay to hold no more sockets, sessions, calls or media peers than before`);
  const timers = await watch.elementTimersSettled(TIMERS_SETTLE_MS);
  expect(timers.map((t) => `${t.kind} ${t.delayMs} ms from ${t.caller}`), `${what}: element timers still pending`).to.deep.equal([]);
  const left = [
    ...addedListeners(before.window, await listeners('window')),
    ...addedListeners(before.document, await listeners('document')),
  ];
  expect(left.map((l) => `${l.type}: ${l.handler}`), `${what}: listeners left on window or document`).to.deep.equal([]);
  expect(watch.escapes, `${what}: errors that reached the host page`).to.deep.equal([]);
}

async function farEnd(expected: CallRecord['endedBy'][]): Promise<void> {
  const records = await eventually(calls, (list) => list.length === expected.length && list.every((c) => c.state === 'ended'), 10_000,
    `the far end to record ${expected.length} ended call(s)`);
  expect(records.map((c) => c.endedBy)).to.deep.equal(expected);
}

describe('fault matrix: the real SDK on the emulator', function () {
  this.timeout(60_000);
  let port: number | undefined;

  beforeEach(async () => {
    await resetFaults();
    await setFaults({ orphanTimeoutMs: 0 }); // a session whose socket closed is gone at once
    await clearCalls();
    watch.refuseMicrophone = null;
    watch.clearEscapes();
    port = undefined;
  });

  afterEach(async () => {
    if (port !== undefined) await closePort(port);
    clearSdkStorage();
    await resetFaults();
    await setFaults({ orphanTimeoutMs: 0 }); // what a failed row left is gone at once too
  });

  const emulatorPort = async () => Number(new URL(await emulatorOrigin()).port);

  function errorRow(row: Row): void {
    it(row.name, async () => {
      const beforeMount = await baseline();
      const context: RowContext = { el: undefined as unknown as C2cCallButton, events: [], emulatorPort: await emulatorPort() };
      if (row.faults) await setFaults(row.faults);
      const attributes = (await row.arrange?.(context)) ?? {};
      port = context.port;
      const { el, events } = await mount({ ...attributes, ...(row.destination ? { destination: row.destination } : {}) });
      Object.assign(context, { el, events });
      if (row.timeouts) el.timeouts = row.timeouts;
      const mounted = await baseline();

      if (row.answered) {
        await answeredThroughTheFault(row, context);
      } else {
        const expected = row.expect!;
        const error = row.failsInCall
          ? await el.call().then(async () => (await stateIn(el, ['error'], 40_000), el.error))
          : await el.call().then(() => null, (e: unknown) => e);
        expect(error, 'call() rejects with a C2cError').to.be.instanceOf(C2cError);
        const { code, retryable, status } = error as C2cError;
        expect({ code, retryable, status }).to.deep.equal({ code: expected.code, retryable: expected.retryable, status: expected.status });
        expect(el.state).to.equal('error');
        expect(errorEvents(events).map((e) => [e.code, e.retryable])).to.deep.equal([[expected.code, expected.retryable]]);
        for (const state of expected.through ?? []) expect(states(events), 'states passed through').to.include(state);
        const end = events.find((e) => e.type === 'c2c-call-end') as unknown as { reason: string } | undefined;
        expect(end?.reason, 'c2c-call-end').to.equal(row.failsInCall ? 'error' : undefined);
        expect(await renderedError(el), 'what the visitor sees').to.deep.equal({
          message: enCallStrings.errors[expected.code], retry: expected.retryable,
        });
        await row.proof?.(context);

        if (row.retry) {
          await row.beforeRetry?.(context);
          events.splice(0);
          el.shadowRoot!.querySelector<HTMLElement>('[part="retry"]')!.click(); // as the visitor does
          const reached = await stateIn(el, ['active', 'error'], 30_000);
          if (row.retry === 'active') {
            expect(reached, `the retry gets the call through${el.error ? ` (${el.error.code}: ${el.error.message})` : ''}`).to.equal('active');
            await el.hangup();
            expect(el.state).to.equal('ended');
          } else {
            expect(reached).to.equal('error');
            expect(el.error?.code).to.equal(row.retry);
          }
        }
      }

      await farEnd(row.farEnd);
      await nothingLeft(mounted, 'with the element still on the page');
      el.remove();
      await nothingLeft(beforeMount, 'once the element left the page');
    });
  }

  /** The drop rows: the call is answered whatever the socket did, and hangs up normally. */
  async function answeredThroughTheFault(row: Row, { el, events }: RowContext): Promise<void> {
    const socketsBefore = watch.made().sockets;
    await el.call();
    expect(el.state).to.equal('active');
    expect(states(events)).to.include('ringing');
    // The relay closed the socket once: the SDK made a new one, and the call went on over it.
    await eventually(async () => watch.socketsSince(socketsBefore), (made) =>
      made.length >= 2 && (made[0]?.readyState ?? WebSocket.CLOSED) === WebSocket.CLOSED && made.at(-1)?.readyState === WebSocket.OPEN,
    10_000, `${row.name}: the SDK to reconnect`);
    await setFaults({ orphanTimeoutMs: 0 }); // reconnected: the session may go with the next socket that closes
    expect(el.state).to.equal('active');
    await el.sendDigits('1'); // the call still works over the new socket
    await el.hangup();
    expect(el.state).to.equal('ended');
    expect(errorEvents(events)).to.deep.equal([]);
  }

  function leaveRow(row: LeaveRow): void {
    it(row.name, async () => {
      const beforeMount = await baseline();
      if (row.faults) await setFaults(row.faults);
      const { el, events } = await mount(row.destination ? { destination: row.destination } : {});
      if (row.timeouts) el.timeouts = row.timeouts;

      const leave = () => {
        if (row.how === 'removed') el.remove();
        else window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
      };
      // Left at the moment the state is entered, from its own event.
      const left = new Promise<void>((resolve) => {
        const onChange = () => {
          if (el.state !== row.leaveIn) return;
          el.removeEventListener('c2c-state-change', onChange);
          leave();
          resolve();
        };
        el.addEventListener('c2c-state-change', onChange);
      });
      const attempt = el.call().then(() => 'active', (e: unknown) => e);
      await left;
      const outcome = await attempt;
      if (row.leaveIn === 'active' || row.leaveIn === 'reconnecting') expect(outcome).to.equal('active');
      else expect((outcome as DOMException).name, 'call() rejects as cancelled').to.equal('AbortError');
      await stateIn(el, ['ended'], 15_000);
      expect(errorEvents(events), 'leaving is not an error').to.deep.equal([]);
      const end = events.find((e) => e.type === 'c2c-call-end') as unknown as { reason: string } | undefined;
      if (row.leaveIn === 'active' || row.leaveIn === 'reconnecting') expect(end?.reason).to.equal('local');
      else expect(end, 'no call was answered: no c2c-call-end').to.equal(undefined);

      await farEnd(row.farEnd);
      el.remove();
      await nothingLeft(beforeMount, 'once the element left the page');
    });
  }

  // In table order: a row whose relay session dies with the call comes before others, which shows the adapter frees
  // the SDK's dead client (else the SDK hands it to every later call on the page, and one failure becomes many).
  ROWS.forEach(errorRow);
  LEAVE_ROWS.forEach(leaveRow);
});
