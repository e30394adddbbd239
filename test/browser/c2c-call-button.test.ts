import { expect, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { C2cError } from '../../src/shared/errors.js';
import { C2cError as C2cErrorClass } from '../../src/shared/errors.js';
import { C2cCallButton as C2cCallButtonClass } from '../../src/button/c2c-call-button.js';
import { answered, mount, states, untilEntered, untilState } from './support/element-harness.js';
import { eventually } from './support/wait.js';
import axe from 'axe-core';

const C2C = 'c2c_7acc0e5e968706a032983cd80cdca219';
const GUEST = 'eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIiwidHlwIjoiU0FUIn0..GUESTSECRET123.payload.tag';

describe('<c2c-call-button> at rest', () => {
  it('shows a "Call" button and reflects state="idle"', async () => {
    const { el, part } = await mount();
    expect(el.getAttribute('state')).to.equal('idle');
    expect(el.state).to.equal('idle');
    expect(part('button')).to.exist;
    expect(part('label')!.textContent!.trim()).to.equal('Call');
    expect(part('button')!.tagName).to.equal('BUTTON');
  });

  it('renders the label as text, never as HTML', async () => {
    const { part, shadow } = await mount(
      html`<c2c-call-button token="t" destination="/public/support" label="<img src=x onerror=alert(1)>Talk"></c2c-call-button>`,
    );
    expect(part('label')!.textContent).to.equal('<img src=x onerror=alert(1)>Talk');
    expect(shadow.querySelector('img')).to.equal(null);
  });

  it('takes localized strings', async () => {
    const { el, part } = await mount();
    el.strings = { call: 'Llamar' };
    await el.updateComplete;
    expect(part('label')!.textContent!.trim()).to.equal('Llamar');
  });

  it('announces each state through one live region that stays in place', async () => {
    const h = await mount();
    const region = h.shadow.querySelector('[role="status"]')!;
    expect(region.getAttribute('aria-live')).to.equal('polite');
    expect(region.textContent).to.equal('');
    h.el.call().catch(() => undefined);
    const call = await h.sdk.waitForCall();
    call.emit({ type: 'ringing' });
    await h.el.updateComplete;
    expect(h.shadow.querySelector('[role="status"]')).to.equal(region);
    expect(region.textContent).to.equal('Ringing…');
    call.answer.resolve();
    await untilState(h.el, 'active');
    expect(region.textContent).to.equal('In call');
    await h.el.hangup();
    await h.el.updateComplete;
    expect(h.shadow.querySelector('[role="status"]')).to.equal(region);
    expect(region.textContent).to.equal('Call ended');
  });

  it('a video button at rest takes the room of an audio one: its video area comes with the in-call view, on intent', async () => {
    const audio = await mount();
    const video = await mount(html`<c2c-call-button token="guest-ready-token" destination="/public/support" video></c2c-call-button>`);
    expect(video.el.getBoundingClientRect().height).to.equal(audio.el.getBoundingClientRect().height);
    expect(video.part('video')).to.equal(null);
  });

  it('lets a page style the states through the reflected attribute', async () => {
    const { el } = await mount();
    expect(el.matches('c2c-call-button[state=idle]')).to.equal(true);
  });
});

describe('<c2c-call-button> placing a call', () => {
  it('walks through every state to active, with events in order', async () => {
    const h = await mount();
    h.part('button')!.click();
    const call = await answered(h);
    expect(states(h.events)).to.deep.equal(['authorizing', 'connecting', 'ringing', 'active']);
    expect(h.events[0]!.type).to.equal('c2c-before-call');
    const start = h.events.find((e) => e.type === 'c2c-call-start') as unknown as { callId: string };
    expect(start.callId).to.equal(call.id);
    expect(h.el.getAttribute('state')).to.equal('active');
    expect(h.part('controls')).to.exist;
    expect(h.part('hangup')).to.exist;
    expect(h.part('timer')!.textContent).to.match(/^0:0\d$/);
  });

  it('the timer counts the call from the answer, and goes on through a reconnection', async () => {
    const h = await mount();
    h.el.call().catch(() => undefined);
    const call = await answered(h);
    const timer = () => Promise.resolve(h.part('timer')!.textContent);
    expect(await timer()).to.equal('0:00');
    await eventually(timer, (text) => text === '0:01', 5_000, 'the timer to read 0:01');
    call.emit({ type: 'media-lost' });
    await untilState(h.el, 'reconnecting');
    call.emit({ type: 'media-restored' });
    await untilState(h.el, 'active');
    expect(await timer()).to.not.equal('0:00', 'the time of the call is kept, not started again');
    await h.el.hangup();
  });

  it('dispatches bubbling, composed events typed with their fields', async () => {
    const h = await mount();
    const seen: Event[] = [];
    document.addEventListener('c2c-state-change', (e) => seen.push(e), { once: true });
    h.part('button')!.click();
    await answered(h);
    expect(seen).to.have.length(1);
    const first = seen[0] as unknown as { state: string; previous: string; bubbles: boolean; composed: boolean; detail: unknown };
    expect(first.bubbles && first.composed).to.equal(true);
    expect(first.state).to.equal('authorizing');
    expect(first.previous).to.equal('idle');
    expect(first.detail).to.deep.equal({ state: 'authorizing', previous: 'idle' });
  });

  it('call() resolves once the call is active', async () => {
    const h = await mount();
    const done = h.el.call();
    await answered(h);
    await done;
    expect(h.el.state).to.equal('active');
  });

  it('a cancelled c2c-before-call sends nothing', async () => {
    const h = await mount();
    h.el.addEventListener('c2c-before-call', (e) => e.preventDefault());
    await h.el.call();
    expect(h.el.state).to.equal('idle');
    expect(h.sdk.loads).to.equal(0);
    expect(h.sdk.clients).to.have.length(0);
    expect(states(h.events)).to.deep.equal([]);
  });

  it('c2c-before-call carries the destination and the video flag', async () => {
    const h = await mount(html`<c2c-call-button token="t" destination="/public/sales" video></c2c-call-button>`);
    const before = oneEvent(h.el, 'c2c-before-call');
    void h.el.call().catch(() => undefined);
    const event = (await before) as unknown as { destination: string; video: boolean; cancelable: boolean };
    expect(event.destination).to.equal('/public/sales');
    expect(event.video).to.equal(true);
    expect(event.cancelable).to.equal(true);
    await h.el.hangup();
  });

  it('a double click places one call', async () => {
    const h = await mount();
    h.part('button')!.click();
    h.part('button')?.click();
    const first = h.el.call();
    await answered(h);
    await first;
    expect(h.sdk.clients).to.have.length(1);
    expect(h.events.filter((e) => e.type === 'c2c-before-call')).to.have.length(1);
  });

  it('does nothing while disabled', async () => {
    const h = await mount(html`<c2c-call-button token="t" destination="/public/support" disabled></c2c-call-button>`);
    expect((h.part('button') as HTMLButtonElement).disabled).to.equal(true);
    await h.el.call();
    expect(h.el.state).to.equal('idle');
    expect(h.sdk.clients).to.have.length(0);
  });

  it('a second button on the page gets call-in-progress', async () => {
    const a = await mount();
    const b = await mount();
    a.el.call().catch(() => undefined);
    await answered(a);
    const error = await b.el.call().then(() => null, (e: C2cError) => e);
    expect(error?.code).to.equal('call-in-progress');
    expect(b.el.state).to.equal('error');
    await a.el.hangup();
  });
});

describe('<c2c-call-button> in a call', () => {
  it('hangs up from the hang-up button: ended, call-end reason local, "Call again"', async () => {
    const h = await mount();
    h.part('button')!.click();
    const call = await answered(h);
    h.part('hangup')!.click();
    await untilState(h.el, 'ended');
    const end = h.events.find((e) => e.type === 'c2c-call-end') as unknown as { reason: string; callId: string; durationMs: number };
    expect(end.reason).to.equal('local');
    expect(end.callId).to.equal(call.id);
    expect(end.durationMs).to.be.a('number').and.at.least(0);
    expect(call.hangups).to.equal(1);
    expect(h.sdk.lastClient!.disconnects).to.equal(1);
    expect(h.part('label')!.textContent!.trim()).to.equal('Call again');
    expect(h.part('status')!.textContent).to.equal('Call ended');
  });

  it('a second call moves on from ended: previous is "ended", not "idle"', async () => {
    const h = await mount();
    h.el.call().catch(() => undefined);
    await answered(h);
    await h.el.hangup();
    const next = oneEvent(h.el, 'c2c-state-change');
    h.el.call().catch(() => undefined);
    const event = (await next) as unknown as { state: string; previous: string };
    expect([event.previous, event.state]).to.deep.equal(['ended', 'authorizing']);
    await h.el.hangup();
  });

  it('ends with reason remote when the far end hangs up', async () => {
    const h = await mount();
    h.el.call().catch(() => undefined);
    const call = await answered(h);
    const end = oneEvent(h.el, 'c2c-call-end');
    call.emit({ type: 'ended', cause: 'remote' });
    expect(((await end) as unknown as { reason: string }).reason).to.equal('remote');
    await untilState(h.el, 'ended');
  });

  it('toggles mute, shown by aria-pressed', async () => {
    const h = await mount();
    h.el.call().catch(() => undefined);
    const call = await answered(h);
    h.part('mute')!.click();
    await h.el.updateComplete;
    expect(h.el.muted).to.equal(true);
    expect(h.part('mute')!.getAttribute('aria-pressed')).to.equal('true');
    h.el.toggleMute();
    await h.el.updateComplete;
    expect(h.el.muted).to.equal(false);
    expect(call.muteRequests).to.deep.equal([true, false]);
  });

  it('sends digits, and rejects what is not DTMF', async () => {
    const h = await mount();
    h.el.call().catch(() => undefined);
    const call = await answered(h);
    await h.el.sendDigits('123#');
    expect(call.digits).to.deep.equal(['123#']);
    let error: unknown;
    await h.el.sendDigits('12a').catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(TypeError);
  });

  it('opens a keypad that sends each digit pressed, clicked or typed', async () => {
    const h = await mount();
    h.el.call().catch(() => undefined);
    const call = await answered(h);
    expect(h.part('keypad')).to.equal(null);
    const toggle = h.shadow.querySelector<HTMLButtonElement>('[aria-controls="keypad"]')!;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.click();
    await h.el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    const keys = [...h.part('keypad')!.querySelectorAll('button')];
    expect(keys.map((k) => k.textContent)).to.deep.equal(['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#']);
    keys[4]!.click();
    keys[4]!.focus();
    await sendKeys({ press: '#' });
    await sendKeys({ press: 'a' });
    await h.el.updateComplete;
    expect(call.digits).to.deep.equal(['5', '#']);
    expect(h.part('keypad')!.querySelector('output')!.textContent).to.equal('5#');
    // Escape closes it, from a key or from the bar, and the focus goes back to its button.
    await sendKeys({ press: 'Escape' });
    await h.el.updateComplete;
    expect([h.part('keypad'), toggle.getAttribute('aria-expanded')]).to.deep.equal([null, 'false']);
    await new Promise(requestAnimationFrame);
    expect(h.shadow.activeElement, 'the focus after Escape').to.equal(toggle);
    call.emit({ type: 'ended', cause: 'remote' });
    await untilState(h.el, 'ended');
    expect(h.part('keypad')).to.equal(null);
  });

  it('shows reconnecting while the media path is down, then active again', async () => {
    const h = await mount();
    h.el.call().catch(() => undefined);
    const call = await answered(h);
    call.emit({ type: 'media-lost' });
    await h.el.updateComplete;
    expect(h.el.getAttribute('state')).to.equal('reconnecting');
    expect(h.part('status')!.textContent).to.contain('reconnecting');
    call.emit({ type: 'media-restored' });
    await h.el.updateComplete;
    expect(h.el.getAttribute('state')).to.equal('active');
  });

  it('leaving the page ends the call and frees the microphone', async () => {
    const h = await mount();
    h.el.call().catch(() => undefined);
    const call = await answered(h);
    h.el.remove();
    await untilState(h.el, 'ended');
    expect(call.hangups).to.equal(1);
    expect(h.sdk.lastClient!.disconnects).to.equal(1);
  });

  it('leaving the page while connecting cancels the attempt', async () => {
    const h = await mount();
    h.sdk.holdConnect = true;
    const done = h.el.call().catch((e: Error) => e);
    await untilState(h.el, 'connecting');
    h.el.remove();
    await untilState(h.el, 'ended');
    expect(((await done) as Error).name).to.equal('AbortError');
    h.sdk.connects[0]!.resolve();
    await new Promise((r) => setTimeout(r, 10));
    expect(h.sdk.lastClient!.disconnects).to.equal(1);
    expect(h.el.state).to.equal('ended');
  });

  it('moving the element on the page keeps the call', async () => {
    const h = await mount();
    h.el.call().catch(() => undefined);
    const call = await answered(h);
    const elsewhere = document.createElement('div');
    document.body.append(elsewhere);
    elsewhere.append(h.el);
    await new Promise((r) => setTimeout(r, 10));
    expect(h.el.state).to.equal('active');
    expect(call.hangups).to.equal(0);
    await h.el.hangup();
    elsewhere.remove();
  });
});

describe('<c2c-call-button> errors', () => {
  it('without a token: token-missing, shown as an alert, no retry', async () => {
    const h = await mount(html`<c2c-call-button destination="/public/support"></c2c-call-button>`);
    const error = await h.el.call().then(() => null, (e: C2cError) => e);
    await h.el.updateComplete;
    expect(error?.code).to.equal('token-missing');
    expect(h.el.state).to.equal('error');
    expect(h.el.error?.code).to.equal('token-missing');
    expect(h.part('error')!.getAttribute('role')).to.equal('alert');
    expect(h.part('error')!.textContent).to.equal('This call button is not set up yet.');
    expect(h.part('retry')).to.equal(null);
    const event = h.events.find((e) => e.type === 'c2c-error') as unknown as { code: string; retryable: boolean };
    expect(event.code).to.equal('token-missing');
    expect(event.retryable).to.equal(false);
  });

  it('a busy line: call-rejected with a retry button that calls again', async () => {
    const h = await mount();
    h.el.call().catch(() => undefined);
    (await h.sdk.waitForCall()).answer.reject(new C2cErrorClass('call-rejected', 'USER_BUSY'));
    await untilState(h.el, 'error');
    expect(h.part('error')!.textContent).to.equal('The call was not accepted. Please try again later.');
    h.part('retry')!.click();
    await untilEntered(h, 'authorizing', 2);
    const call = await h.sdk.waitForCall(2);
    expect(h.sdk.clients).to.have.length(2);
    call.answer.resolve();
    await untilState(h.el, 'active');
    expect(h.el.error).to.equal(null);
  });

  it('a new token after an error starts afresh: idle, with the call button back', async () => {
    const h = await mount(html`<c2c-call-button destination="/public/support"></c2c-call-button>`);
    await h.el.call().catch(() => undefined);
    await h.el.updateComplete;
    expect(h.part('button')).to.equal(null);
    h.el.token = 'guest-ready-token';
    await h.el.updateComplete;
    expect(h.el.state).to.equal('idle');
    expect(h.el.error).to.equal(null);
    expect(h.part('error')).to.equal(null);
    expect(h.part('button')).to.exist;
    expect(states(h.events).slice(-2)).to.deep.equal(['error', 'idle']);
  });

  it('uses the page\'s strings for error messages', async () => {
    const h = await mount(html`<c2c-call-button destination="/public/support"></c2c-call-button>`);
    h.el.strings = { errors: { 'token-missing': 'Falta el token' } };
    await h.el.call().catch(() => undefined);
    await h.el.updateComplete;
    expect(h.part('error')!.textContent).to.equal('Falta el token');
  });

  it('without a calling SDK (none set, none wired by defineC2cCallButton): authorizing, then config-invalid, no retry', async () => {
    const h = await mount();
    const wired = C2cCallButtonClass.defaultSdk;
    h.el.sdk = undefined;
    C2cCallButtonClass.defaultSdk = undefined;
    try {
      const error = await h.el.call().then(() => null, (e: C2cError) => e);
      await h.el.updateComplete;
      expect(error?.code).to.equal('config-invalid');
      expect(error?.message).to.equal('No calling SDK: use defineC2cCallButton() or set sdk.');
      expect(states(h.events)).to.deep.equal(['authorizing', 'error']);
      const event = h.events.find((e) => e.type === 'c2c-error') as unknown as { code: string; retryable: boolean };
      expect([event.code, event.retryable]).to.deep.equal(['config-invalid', false]);
      expect(h.part('error')!.textContent).to.equal('This call button is not set up correctly.');
      expect(h.part('retry')).to.equal(null);
    } finally {
      C2cCallButtonClass.defaultSdk = wired;
    }
  });

  it('a bad api-base gives config-invalid before anything is sent', async () => {
    const h = await mount(html`<c2c-call-button token=${C2C} destination="/public/support" api-base="http://example.com"></c2c-call-button>`);
    const error = await h.el.call().then(() => null, (e: C2cError) => e);
    expect(error?.code).to.equal('config-invalid');
    expect(h.sdk.clients).to.have.length(0);
  });
});

describe('<c2c-call-button> with the keyboard', () => {
  it('Enter on the focused button calls, focus follows to hang-up, then back to the button', async () => {
    const h = await mount();
    h.el.focus();
    expect(h.shadow.activeElement).to.equal(h.part('button'));
    await sendKeys({ press: 'Enter' });
    await untilEntered(h, 'authorizing');
    const call = await h.sdk.waitForCall();
    await h.el.updateComplete;
    expect(h.shadow.activeElement).to.equal(h.part('hangup'));
    call.answer.resolve();
    await untilState(h.el, 'active');
    expect(h.shadow.activeElement?.getAttribute('part')).to.equal('hangup');
    await sendKeys({ press: 'Enter' });
    await untilState(h.el, 'ended');
    expect(h.shadow.activeElement).to.equal(h.part('button'));
    await new Promise((r) => setTimeout(r, 20));
    expect(h.sdk.clients, 'the focus handed back is not intent: nothing is connected ahead again').to.have.length(1);
    expect(h.sdk.clients[0]!.disconnects).to.equal(1);
  });
});

describe('<c2c-call-button> and the guest token', () => {
  let realFetch: typeof fetch;
  let requests: { url: string; init: RequestInit }[];
  const logged: unknown[] = [];
  const consoleMethods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  const realConsole = consoleMethods.map((m) => console[m]);

  beforeEach(() => {
    realFetch = window.fetch;
    requests = [];
    window.fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
      requests.push({ url: String(input), init });
      return new Response(JSON.stringify({ token: GUEST }), { status: 201, headers: { 'content-type': 'application/json' } });
    };
    consoleMethods.forEach((m) => (console[m] = (...args: unknown[]) => logged.push(args)));
  });

  afterEach(() => {
    window.fetch = realFetch;
    consoleMethods.forEach((m, i) => (console[m] = realConsole[i]!));
  });

  it('exchanges the C2C token on hover, uses it on click, and shows the guest token nowhere', async () => {
    const h = await mount(html`<c2c-call-button token=${C2C} destination="/public/support" api-base="http://127.0.0.1:9"></c2c-call-button>`);
    h.part('button')!.dispatchEvent(new PointerEvent('pointerenter'));
    await new Promise((r) => setTimeout(r, 10));
    expect(requests).to.have.length(1);
    expect(requests[0]!.url).to.equal('http://127.0.0.1:9/api/fabric/embeds/tokens');
    expect(JSON.parse(String(requests[0]!.init.body))).to.deep.equal({ token: C2C });
    expect(requests[0]!.init.credentials).to.equal('omit');
    expect(h.sdk.clients, 'the relay connection is opened on hover too').to.have.length(1);

    h.part('button')!.click();
    const call = await answered(h);
    expect(requests, 'the prepared token is used, not exchanged again').to.have.length(1);
    expect(h.sdk.clients, 'the call dials on the connection opened on hover').to.have.length(1);
    expect(h.sdk.lastClient!.connectOptions.token).to.equal(GUEST);
    await h.el.sendDigits('1');
    call.emit({ type: 'ended', cause: 'remote' });
    await untilState(h.el, 'ended');

    const everything = [
      h.el.outerHTML,
      h.shadow.innerHTML,
      ...Array.from(h.el.attributes, (a) => a.value),
      JSON.stringify(h.events.map((e) => ({ ...(e as unknown as { detail: object }).detail }))),
      JSON.stringify(h.events.map((e) => Object.fromEntries(Object.entries(e)))),
      location.href,
      JSON.stringify({ ...sessionStorage }),
      JSON.stringify({ ...localStorage }),
      JSON.stringify(logged),
    ].join('\n');
    expect(everything).not.to.contain('GUESTSECRET');
    expect(everything).not.to.contain(GUEST);
  });

  it('exchanges again when the prepared token is older than a minute', async () => {
    const h = await mount(html`<c2c-call-button token=${C2C} destination="/public/support" api-base="http://127.0.0.1:9"></c2c-call-button>`);
    const realNow = Date.now;
    try {
      await h.el.prepare();
      expect(requests).to.have.length(1);
      expect(h.sdk.clients, 'the relay connection is opened ahead too').to.have.length(1);
      const later = realNow() + 61_000;
      Date.now = () => later;
      h.el.call().catch(() => undefined);
      await answered(h, 2);
      expect(requests).to.have.length(2);
      expect(h.sdk.clients[0]!.disconnects, 'the stale connection is closed').to.equal(1);
      expect(h.sdk.clients).to.have.length(2);
    } finally {
      Date.now = realNow;
      await h.el.hangup();
    }
  });
});

describe('<c2c-call-button> accessibility (axe, WCAG 2.2 A/AA rules)', () => {
  async function violations(el: Element): Promise<string[]> {
    const result = await axe.run(el, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }

  it('has no violations at rest, ringing, in a call, ended and in error', async () => {
    const h = await mount();
    expect(await violations(h.el), 'idle').to.deep.equal([]);
    h.el.call().catch(() => undefined);
    const call = await h.sdk.waitForCall();
    call.emit({ type: 'ringing' });
    await h.el.updateComplete;
    expect(await violations(h.el), 'ringing').to.deep.equal([]);
    call.answer.resolve();
    await untilState(h.el, 'active');
    expect(await violations(h.el), 'active').to.deep.equal([]);
    h.shadow.querySelector<HTMLButtonElement>('[aria-controls="keypad"]')!.click();
    await h.el.updateComplete;
    expect(await violations(h.el), 'keypad').to.deep.equal([]);
    await h.el.hangup();
    await h.el.updateComplete;
    expect(await violations(h.el), 'ended').to.deep.equal([]);
    const failing = await mount(html`<c2c-call-button destination="/public/support"></c2c-call-button>`);
    await failing.el.call().catch(() => undefined);
    await failing.el.updateComplete;
    expect(await violations(failing.el), 'error').to.deep.equal([]);
  });
});
