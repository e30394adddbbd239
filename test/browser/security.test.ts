// The guest token (a bearer secret for the relay) stays in memory: with the real SDK on the emulator, through a full
// call (exchange, connect, DTMF, mute, hang-up) and through failing ones (the far end refusing, the relay refusing the
// token), it never shows up in the console (any method), the element's events, any attribute, the DOM (light, shadow,
// the whole document), a URL the page loaded or connected to, storage (local, session, cookies, IndexedDB names) or an
// error (message, JSON, causes). And what a server answers is never rendered: the visitor reads the element's strings.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { C2cCallButton } from '../../src/button/c2c-call-button.js';
import type { C2cError } from '../../src/shared/errors.js';
import { enCallStrings } from '../../src/in-call/english.js';
import { calls, clearSdkStorage, demoToken, emulatorOrigin, resetFaults, setFaults } from './support/emulator.ts';
import { watchPage } from './support/page-watch.ts';
import { until } from './support/wait.ts';

const watch = watchPage();

const CONSOLE = ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table', 'group', 'groupCollapsed'] as const;

/**
 * Everything a value holds that can be read as text: own and inherited fields, errors' message, stack and causes.
 * Not the DOM nodes it points at (an event's target is the element, whose memory of course holds the token while
 * it calls): what the DOM shows is read on its own.
 */
function asText(value: unknown, seen = new Set<unknown>()): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value !== 'object' && typeof value !== 'function') return String(value);
  if (value instanceof Node || value === window || seen.has(value)) return '';
  seen.add(value);
  const parts: string[] = [];
  if (value instanceof Error) parts.push(value.name, value.message, value.stack ?? '');
  try {
    parts.push(JSON.stringify(value) ?? '');
  } catch {
    // cyclic: the fields below cover it
  }
  for (let object: object | null = value as object; object && object !== Object.prototype; object = Object.getPrototypeOf(object)) {
    for (const key of Object.getOwnPropertyNames(object)) {
      if (key === 'constructor') continue;
      let field: unknown;
      try {
        field = (value as Record<string, unknown>)[key];
      } catch {
        continue;
      }
      if (typeof field !== 'function') parts.push(key, asText(field, seen));
    }
  }
  return parts.join(' ');
}

function everyAttribute(root: Document | ShadowRoot | Element): string[] {
  const values: string[] = [];
  const walk = (node: Element) => {
    for (const attribute of Array.from(node.attributes)) values.push(`${attribute.name}=${attribute.value}`);
    if (node.shadowRoot) Array.from(node.shadowRoot.children).forEach(walk);
    Array.from(node.children).forEach(walk);
  };
  (root instanceof Element ? [root] : Array.from(root.children)).forEach(walk);
  return values;
}

describe('the guest token, with the real SDK', function () {
  this.timeout(60_000);
  const logged: unknown[][] = [];
  const originals = CONSOLE.map((method) => console[method]);
  let realFetch: typeof fetch;
  let guestTokens: string[];

  beforeEach(async () => {
    await resetFaults();
    await setFaults({ orphanTimeoutMs: 0 });
    guestTokens = [];
    realFetch = window.fetch;
    // The test reads the answers of the exchange to know the secrets it looks for; the element is not touched.
    window.fetch = async (input, init) => {
      const response = await realFetch(input, init);
      if (String(input).endsWith('/api/fabric/embeds/tokens') && response.ok) guestTokens.push((await response.clone().json()).token);
      return response;
    };
    logged.splice(0);
    CONSOLE.forEach((method) => (console[method] = (...args: unknown[]) => void logged.push([method, ...args])));
  });

  afterEach(async () => {
    window.fetch = realFetch;
    CONSOLE.forEach((method, i) => ((console as unknown as Record<string, unknown>)[method] = originals[i]));
    clearSdkStorage();
    await resetFaults();
  });

  /** Every place the token must not be, read now. */
  async function everywhere(el: C2cCallButton, events: Event[], errors: unknown[]): Promise<Record<string, string>> {
    const databases = typeof indexedDB.databases === 'function' ? await indexedDB.databases() : [];
    return {
      console: logged.map((args) => args.map((a) => asText(a)).join(' ')).join('\n'),
      events: events.map((event) => `${event.type} ${asText(event)} ${asText((event as unknown as { detail: unknown }).detail)}`).join('\n'),
      attributes: [...everyAttribute(document), ...everyAttribute(el)].join('\n'),
      dom: `${document.documentElement.outerHTML}\n${el.shadowRoot!.innerHTML}`,
      urls: [location.href, document.referrer, ...performance.getEntries().map((entry) => entry.name), ...watch.socketUrls].join('\n'),
      storage: JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie, databases }),
      errors: errors.map((error) => asText(error)).join('\n'),
    };
  }

  function expectNoSecret(seen: Record<string, string>, secrets: string[]): void {
    expect(secrets.length, 'the test knows the guest tokens it looks for').to.be.greaterThan(0);
    for (const secret of secrets) {
      // The whole token, and any long piece of it (its signature alone is enough to replay nothing, but its payload is).
      const pieces = [secret, ...secret.split('.').filter((piece) => piece.length >= 16)];
      for (const [where, text] of Object.entries(seen)) {
        for (const piece of pieces) expect(text.includes(piece), `a guest token (or part of it) in ${where}`).to.equal(false);
      }
    }
  }

  async function button(destination: string): Promise<{ el: C2cCallButton; events: Event[]; errors: unknown[] }> {
    const el = await fixture<C2cCallButton>(html`
      <c2c-call-button token=${demoToken} destination=${destination} api-base=${await emulatorOrigin()}></c2c-call-button>`);
    const events: Event[] = [];
    for (const type of ['c2c-state-change', 'c2c-before-call', 'c2c-call-start', 'c2c-call-end', 'c2c-error']) el.addEventListener(type, (e) => events.push(e));
    return { el, events, errors: [] };
  }

  it('a full call: exchange, connect, digits, mute, hang-up', async () => {
    const { el, events, errors } = await button('/public/echo');
    await el.prepare();
    await el.call();
    await el.sendDigits('1#');
    el.toggleMute();
    await until(() => el.muted, 5_000, 'muted');
    const during = await everywhere(el, events, errors);
    await el.hangup();
    expectNoSecret(during, guestTokens);
    expectNoSecret(await everywhere(el, events, errors), guestTokens);
  });

  it('failing calls: the far end refuses; the relay refuses the token; the retry; nothing of the token anywhere', async () => {
    const busy = await button('/public/busy');
    busy.errors.push(await busy.el.call().catch((e: unknown) => e));
    expect((busy.errors[0] as C2cError).code).to.equal('call-rejected');
    expectNoSecret(await everywhere(busy.el, busy.events, busy.errors), guestTokens);

    await setFaults({ rejectConnect: true });
    const refused = await button('/public/echo');
    refused.errors.push(await refused.el.call().catch((e: unknown) => e));
    expect((refused.errors[0] as C2cError).code).to.equal('token-invalid');
    refused.errors.push(refused.el.error);
    expectNoSecret(await everywhere(refused.el, refused.events, refused.errors), guestTokens);
  });

  it('user variables go on the wire and into c2c-before-call only; the guest token still nowhere', async () => {
    // Distinct markers: one from the property, one a c2c-before-call listener adds, one in a call that is refused.
    const fromPage = 'uv-page-7f3a9c';
    const fromListener = 'uv-listener-51d2e8';
    const refusedValue = 'uv-refused-c04b66';
    const { el, events, errors } = await button('/public/echo');
    const others = () => events.filter((event) => event.type !== 'c2c-before-call');
    el.userVariables = { customerId: fromPage, note: `${fromPage} ünïcödé 👋🏽` };
    el.addEventListener('c2c-before-call', (event) => (event.userVariables.cartId = fromListener), { once: true });
    await el.prepare();
    await el.call();
    await el.sendDigits('1#');
    el.toggleMute();
    await until(() => el.muted, 5_000, 'muted');
    const during = await everywhere(el, others(), errors);
    expectNoSecret(await everywhere(el, events, errors), guestTokens);
    const callId = (events.find((e) => e.type === 'c2c-call-start') as unknown as { callId: string }).callId;
    await el.hangup();

    // A refused call: its error names the name, not the value.
    el.userVariables = JSON.stringify({ orderId: refusedValue, order: { id: refusedValue } });
    errors.push(await el.call().catch((e: unknown) => e), el.error);
    expect((errors[0] as C2cError).code).to.equal('config-invalid');

    const record = (await calls()).find((call) => call.callId === callId);
    expect(record?.userVariables, 'on the wire, as sent').to.deep.equal({ customerId: fromPage, note: `${fromPage} ünïcödé 👋🏽`, cartId: fromListener });
    const [beforeCall] = events.filter((e) => e.type === 'c2c-before-call');
    expect(asText(beforeCall), 'in the event the page listens to').to.contain(fromPage).and.to.contain(fromListener);
    for (const [when, seen] of [['during the call', during], ['after', await everywhere(el, others(), errors)]] as const) {
      for (const [where, text] of Object.entries(seen)) {
        for (const marker of [fromPage, fromListener, refusedValue]) expect(text.includes(marker), `${marker} in ${where} ${when}`).to.equal(false);
      }
    }
    expectNoSecret(await everywhere(el, events, errors), guestTokens);
  });

  it('what a server answers is never shown: an error body with markup and a token is not rendered', async () => {
    const { el } = await button('/public/echo');
    const [guest] = guestTokens.length ? guestTokens : ['GUEST.TOKEN.SECRET.PART.0123456789'];
    await setFaults({ exchange: { status: 503, times: 1, body: { errors: [{ message: `<img src=x onerror="alert(1)"> ${guest}` }] } } });
    const error = (await el.call().catch((e: unknown) => e)) as C2cError;
    expect(error.code).to.equal('exchange-failed');
    expect(error.message).not.to.contain('<img');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="error"]')!.textContent).to.equal(enCallStrings.errors['exchange-failed']);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
  });
});
