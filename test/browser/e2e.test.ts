// The element end to end: the real @signalwire/js in Chromium, against the local space emulator
// (started by web-test-runner on a free port), with fake microphone and camera devices.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { C2cCallButton } from '../../src/button/c2c-call-button.js';
import type { C2cError } from '../../src/shared/errors.js';
import {
  ADDRESSES, calls, clearSdkStorage, demoToken, disabledToken, emulatorOrigin, exchangeToken, expiredToken, inviteToken, resetFaults,
  setFaults, unknownToken,
} from './support/emulator.ts';
import { inboundAudioBytes, liveTracks, unwatchMedia, until, watchMedia } from './support/media-watch.ts';

interface Recorded {
  el: C2cCallButton;
  events: Event[];
  states: () => string[];
}

async function button(attributes: { token?: string; destination?: string } = {}): Promise<Recorded> {
  const origin = await emulatorOrigin();
  const el = await fixture<C2cCallButton>(html`
    <c2c-call-button token=${attributes.token ?? demoToken} destination=${attributes.destination ?? '/public/echo'}
      api-base=${origin}></c2c-call-button>`);
  const events: Event[] = [];
  for (const type of ['c2c-state-change', 'c2c-call-start', 'c2c-call-end', 'c2c-error']) {
    el.addEventListener(type, (event) => events.push(event));
  }
  const states = () => events.filter((e) => e.type === 'c2c-state-change').map((e) => (e as unknown as { state: string }).state);
  return { el, events, states };
}

function callEnd(events: Event[]): { reason: string; callId: string; durationMs: number } | undefined {
  return events.find((e) => e.type === 'c2c-call-end') as unknown as { reason: string; callId: string; durationMs: number } | undefined;
}

async function failure(el: C2cCallButton): Promise<C2cError> {
  const error = await el.call().then(() => null, (e: C2cError) => e);
  if (!error) throw new Error('expected the call to fail');
  expect(el.state).to.equal('error');
  return error;
}

describe('<c2c-call-button> end to end with the real SDK', function () {
  this.timeout(45_000);

  beforeEach(() => watchMedia());

  afterEach(async () => {
    try {
      // Every call ends with its microphone released, whatever happened in it.
      await until(() => liveTracks().length === 0, 5_000, 'local tracks to stop');
    } finally {
      // Even when that fails: a fault left set would break the files after this one.
      unwatchMedia();
      clearSdkStorage();
      await resetFaults();
    }
  });

  // First in this file, so the SDK module is evaluated here: it writes its log level to localStorage.
  it('loading the SDK leaves the page\'s localStorage as it was', async () => {
    localStorage.setItem('loglevel:signalwire', 'WARN'); // as a page that tunes the SDK's logging would
    const { el } = await button();
    await el.prepare();
    expect(localStorage.getItem('loglevel:signalwire')).to.equal('WARN');
    localStorage.removeItem('loglevel:signalwire');
    await el.call();
    await el.hangup();
    expect(localStorage.length).to.equal(0);
  });

  it('calls /public/echo: active, echoed audio arrives, hang-up ends it with reason local', async () => {
    const { el, events, states } = await button();
    await el.call();
    expect(el.state).to.equal('active');
    expect(states()).to.deep.equal(['authorizing', 'connecting', 'ringing', 'active']);
    await until(async () => (await inboundAudioBytes()) > 0, 8_000, 'echoed audio');
    const before = await inboundAudioBytes();
    await until(async () => (await inboundAudioBytes()) > before + 1_000, 8_000, 'more echoed audio');

    await el.sendDigits('1#');
    el.toggleMute();
    await until(() => el.muted, 2_000, 'muted');
    await el.hangup();
    expect(el.state).to.equal('ended');
    expect(callEnd(events)?.reason).to.equal('local');
    expect(callEnd(events)?.durationMs).to.be.greaterThan(0);
    expect(sessionStorage.getItem('pt-SAT')).to.equal(null, 'the SDK\'s session keys are removed');
  });

  it('with the real SDK, the guest token shows up in no log, event, attribute, URL or storage', async () => {
    const guestTokens: string[] = [];
    const realFetch = window.fetch;
    window.fetch = async (input, init) => {
      const response = await realFetch(input, init);
      if (String(input).endsWith('/api/fabric/embeds/tokens')) guestTokens.push((await response.clone().json()).token);
      return response;
    };
    const logged: unknown[][] = [];
    const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
    const originals = methods.map((m) => console[m]);
    methods.forEach((m) => (console[m] = (...args: unknown[]) => logged.push(args)));
    try {
      const { el, events } = await button();
      await el.call();
      await el.sendDigits('1');
      const storageDuringCall = JSON.stringify({ ...sessionStorage, ...localStorage });
      await el.hangup();
      expect(guestTokens).to.have.length(1);
      const [guest] = guestTokens as [string];
      const seen = [
        el.outerHTML, el.shadowRoot!.innerHTML, location.href, document.cookie, storageDuringCall,
        JSON.stringify({ ...sessionStorage, ...localStorage }),
        JSON.stringify(events.map((e) => (e as unknown as { detail: object }).detail)),
        JSON.stringify(logged, (_key, value: unknown) => (value instanceof Error ? `${value.message} ${value.stack}` : value)),
      ].join('\n');
      expect(seen.includes(guest), 'guest token found').to.equal(false);
    } finally {
      window.fetch = realFetch;
      methods.forEach((m, i) => (console[m] = originals[i]!));
    }
  });

  it('user-variables reach the far end byte for byte, unicode included, with what c2c-before-call added', async () => {
    const origin = await emulatorOrigin();
    const given = '{"orderId":"A-1001","name":"Zoë Ångström 東京 שלום 👋🏽","items":3,"total":12.5,"gift":false}';
    const el = await fixture<C2cCallButton>(html`
      <c2c-call-button token=${demoToken} destination="/public/echo" api-base=${origin} user-variables=${given}></c2c-call-button>`);
    el.addEventListener('c2c-before-call', (event) => (event.userVariables.cartId = 'C-77 ✓'), { once: true });
    const started = new Promise<string>((resolve) => el.addEventListener('c2c-call-start', (e) => resolve(e.callId), { once: true }));
    await el.call();
    const callId = await started;
    const record = (await calls()).find((call) => call.callId === callId);
    expect(JSON.stringify(record?.userVariables)).to.equal(`${given.slice(0, -1)},"cartId":"C-77 ✓"}`);
    await el.hangup();

    // The next call from the same page sends the attribute's alone: the listener's addition was for that call.
    el.removeAttribute('user-variables');
    el.userVariables = { orderId: 'A-1002' };
    await el.call();
    const second = (await calls()).at(-1);
    expect(second?.callId).not.to.equal(callId);
    expect(second?.userVariables).to.deep.equal({ orderId: 'A-1002' });
    await el.hangup();
  });

  it('leaves the page\'s SDK log level as the SDK set it when loaded: a call persists no level of its own', async () => {
    const { el } = await button();
    await el.prepare(); // loading the SDK persists its default level itself
    const loaded = localStorage.getItem('loglevel:signalwire');
    await el.call();
    await el.hangup();
    expect(localStorage.getItem('loglevel:signalwire')).to.equal(loaded);
  });

  it('a microphone the visitor refuses gives mic-denied; no microphone gives no-device', async () => {
    for (const [name, code] of [['NotAllowedError', 'mic-denied'], ['NotFoundError', 'no-device']] as const) {
      navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('refused by the test', name));
      const { el } = await button();
      expect((await failure(el)).code, name).to.equal(code);
    }
  });

  it('a video call shows the echoed video inside the element', async () => {
    const origin = await emulatorOrigin();
    const el = await fixture<C2cCallButton>(html`
      <c2c-call-button token=${demoToken} destination="/public/echo" api-base=${origin} video></c2c-call-button>`);
    await el.call();
    const container = el.shadowRoot!.querySelector('[part="video"]')!;
    await until(() => {
      const video = container.querySelector('video');
      return Boolean(video && video.videoWidth > 0);
    }, 10_000, 'echoed video frames');
    await el.hangup();
    expect(liveTracks()).to.have.length(0);
  });

  it('the far end hanging up ends the call with reason remote', async () => {
    await setFaults({ hangupAfterMs: 1_000 });
    const { el, events } = await button();
    await el.call();
    await until(() => el.state === 'ended', 10_000, 'the far end to hang up');
    expect(callEnd(events)?.reason).to.equal('remote');
  });

  it('rings on /public/slow-answer, then is answered', async () => {
    const { el, states } = await button({ destination: '/public/slow-answer' });
    await el.call();
    expect(states()).to.include('ringing');
    expect(el.state).to.equal('active');
    await el.hangup();
  });

  it('a busy line gives call-rejected', async () => {
    const { el } = await button({ destination: '/public/busy' });
    expect((await failure(el)).code).to.equal('call-rejected');
  });

  it('an address the space does not have gives address-not-found, with no retry offered', async () => {
    const { el } = await button({ destination: '/public/nowhere' });
    const error = await failure(el);
    expect(error.code).to.equal('address-not-found');
    expect(error.retryable).to.equal(false);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="retry"]')).to.equal(null);
  });

  it('calls again at once after a refused call (the SDK client is replaced, not reused while closing)', async () => {
    const { el } = await button({ destination: '/public/busy' });
    expect((await failure(el)).code).to.equal('call-rejected');
    el.destination = '/public/echo';
    await el.call();
    expect(el.state).to.equal('active');
    await el.hangup();
  });

  it('a retry from the c2c-error listener, while the given-up call is still hanging up, gets a client of its own', async () => {
    // A ready guest token: no exchange delays the retry, which connects while the old hang-up is on the wire.
    const guest = await exchangeToken(demoToken);
    const origin = await emulatorOrigin();
    const el = await fixture<C2cCallButton>(html`
      <c2c-call-button token=${guest} destination="/public/no-answer" api-base=${origin}></c2c-call-button>`);
    el.timeouts = { answerMs: 1_500 };
    let retried: Promise<void> | undefined;
    el.addEventListener('c2c-error', () => {
      el.destination = '/public/echo';
      el.timeouts = {};
      retried ??= el.retry();
    }, { once: true });
    const first = await el.call().then(() => null, (e: C2cError) => e);
    expect(first?.code).to.equal('no-answer');
    await retried;
    expect(el.state).to.equal('active');
    await new Promise((resolve) => setTimeout(resolve, 500)); // the old attempt's clean-up is over by now
    expect(el.state).to.equal('active');
    await el.sendDigits('1');
    await el.hangup();
    expect(el.state).to.equal('ended');
  });

  it('nobody answering gives no-answer', async () => {
    await setFaults({ ringTimeoutMs: 1_500 });
    const { el, states } = await button({ destination: '/public/no-answer' });
    expect((await failure(el)).code).to.equal('no-answer');
    expect(states()).to.include('ringing');
  });

  it('maps every refusal of the token exchange to its code', async () => {
    const cases: [string, string, number][] = [
      [expiredToken, 'token-invalid', 401],
      [disabledToken, 'token-forbidden', 403],
      [unknownToken, 'token-not-found', 404],
      ['c2c_not-a-real-token', 'token-invalid', 422],
    ];
    for (const [token, code, status] of cases) {
      const { el, events } = await button({ token });
      const error = await failure(el);
      expect(error.code, token).to.equal(code);
      expect(error.status, token).to.equal(status);
      const event = events.find((e) => e.type === 'c2c-error') as unknown as { code: string; status: number };
      expect(event.code).to.equal(code);
      expect(event.status).to.equal(status);
    }
  });

  it('a server error on the exchange is retryable, and a retry succeeds', async () => {
    await setFaults({ exchange: { status: 500, times: 1 } });
    const { el } = await button();
    const error = await failure(el);
    expect(error.code).to.equal('exchange-failed');
    expect(error.status).to.equal(500);
    expect(error.retryable).to.equal(true);
    await el.retry();
    expect(el.state).to.equal('active');
    await el.hangup();
  });

  it('the relay refusing the token gives token-invalid', async () => {
    await setFaults({ rejectConnect: true });
    const { el } = await button();
    expect((await failure(el)).code).to.equal('token-invalid');
  });

  it('joins with an invite token, used as-is', async () => {
    const echo = ADDRESSES.find((address) => address.name === '/public/echo')!;
    const token = await inviteToken(echo.id);
    const { el } = await button({ token });
    await el.call();
    expect(el.state).to.equal('active');
    await el.hangup();
  });

  it('survives the relay socket dropping mid-call: digits and hang-up still work', async () => {
    await setFaults({ dropSocketAfterMs: 300 });
    const { el, events } = await button();
    await el.call();
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // the socket is down, the SDK reconnects in 1–4 s
    expect(el.state).to.equal('active');
    await el.sendDigits('5');
    expect(el.state).to.equal('active');
    await el.hangup();
    expect(callEnd(events)?.reason).to.equal('local');
  });

  it('losing socket and media: reconnecting, then connection-lost', async () => {
    await setFaults({ killCallAfterMs: 500 });
    const { el, events, states } = await button();
    el.timeouts = { reconnectMs: 8_000 };
    await el.call();
    await until(() => el.state === 'error', 40_000, 'the call to be given up');
    expect(states()).to.include('reconnecting');
    expect(el.error?.code).to.equal('connection-lost');
    expect(callEnd(events)?.reason).to.equal('error');
  });
});
