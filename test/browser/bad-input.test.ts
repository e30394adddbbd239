// Bad input, one table: whatever a page puts in the attributes, the element refuses it with the code the contract
// gives, before anything is sent (no request, no connection), or does what docs/api.md says it does with it; text
// is rendered as text. With a fake SDK and a fake fetch where no network is needed (they count what would be sent),
// and on the emulator with the real SDK where the far side decides.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { C2cCallButton } from '../../src/button/c2c-call-button.js';
import { C2cError, type C2cErrorCode } from '../../src/shared/errors.js';
import { enCallStrings } from '../../src/in-call/english.js';
import { FakeSdk } from '../support/fake-sdk.js';
import { clearSdkStorage, demoToken, emulatorOrigin, relayStats } from './support/emulator.ts';
import { watchPage } from './support/page-watch.ts';
import { eventually, stateIn } from './support/wait.ts';

const watch = watchPage();

const C2C = 'c2c_7acc0e5e968706a032983cd80cdca219';
const GUEST = 'eyJhbGciOiJkaXIiLCJ0eXAiOiJTQVQifQ..R1VFU1Q.c2VjcmV0.dGFn';
/** Where the fake fetch answers; never reached over the network. */
const API = 'http://127.0.0.1:9';

type Attribute = 'token' | 'destination' | 'space' | 'api-base' | 'host' | 'label' | 'user-variables';
/** An attribute's value; `null` leaves it out. */
type Attributes = Partial<Record<Attribute, string | null>>;

/** What the fake SDK and the fake fetch were asked for. */
interface Sent {
  requests: { url: string; body: unknown }[];
  connects: { token: string; host?: string }[];
  dials: string[];
  /** Each dial's userVariables; `null` for a dial without any. */
  variables: unknown[];
}

type Expectation =
  /** Refused before anything is sent; the developer message matches `message` where given. */
  | { refused: C2cErrorCode; message?: RegExp }
  /** Taken: the call is placed with these (what is left out is not checked; `userVariables: null`, none sent). */
  | { placed: { token?: string; host?: string; destination?: string; userVariables?: object | null } };

interface Case {
  name: string;
  attributes: Attributes;
  expect: Expectation;
}

const long = (n: number, prefix = '') => `${prefix}${'a'.repeat(n - prefix.length)}`;

const CASES: Case[] = [
  // Tokens
  { name: 'token left out', attributes: { token: null }, expect: { refused: 'token-missing' } },
  { name: 'token empty', attributes: { token: '' }, expect: { refused: 'token-missing' } },
  { name: 'token blank', attributes: { token: ' \t\n ' }, expect: { refused: 'token-missing' } },
  { name: 'token "c2c_" alone', attributes: { token: 'c2c_' }, expect: { refused: 'token-invalid' } },
  { name: 'token over 8192 characters', attributes: { token: long(8193, 'c2c_') }, expect: { refused: 'token-invalid' } },
  { name: 'token with non-ASCII letters', attributes: { token: 'c2c_7accé0e5e968706a032983cd80cdca21' }, expect: { refused: 'token-invalid' } },
  { name: 'token with an emoji', attributes: { token: 'c2c_📞7acc0e5e968706a032983cd80cdca219' }, expect: { refused: 'token-invalid' } },
  { name: 'token with a control character', attributes: { token: 'c2c_7acc\u0007e5e968706a032983cd80cdca219' }, expect: { refused: 'token-invalid' } },
  { name: 'token with HTML', attributes: { token: '<img src=x onerror=alert(1)>' }, expect: { refused: 'token-invalid' } },
  { name: 'token with a space inside', attributes: { token: 'c2c_7acc0e5e 968706a032983cd80cdca219' }, expect: { refused: 'token-invalid' } },
  { name: 'a ready token with a line break inside', attributes: { token: 'eyJhbGciOi.abc\ndef.sig' }, expect: { refused: 'token-invalid' } },
  { name: 'token padded with blanks: trimmed, then exchanged', attributes: { token: `  ${C2C}\n` }, expect: { placed: { token: GUEST } } },
  { name: 'a ready token (not c2c_): used as-is, no exchange', attributes: { token: GUEST }, expect: { placed: { token: GUEST } } },
  { name: 'a ready token of exactly 8192 characters: used', attributes: { token: long(8192, 'eyJ') }, expect: { placed: { token: long(8192, 'eyJ') } } },

  // Destinations
  { name: 'destination left out', attributes: { destination: null }, expect: { refused: 'destination-invalid' } },
  { name: 'destination empty', attributes: { destination: '' }, expect: { refused: 'destination-invalid' } },
  { name: 'destination relative (no leading slash)', attributes: { destination: 'public/support' }, expect: { refused: 'destination-invalid' } },
  { name: 'destination with a space', attributes: { destination: '/public/sup port' }, expect: { refused: 'destination-invalid' } },
  { name: 'destination over 256 characters', attributes: { destination: `sip:${long(250)}@example.com` }, expect: { refused: 'destination-invalid' } },
  { name: 'destination javascript:', attributes: { destination: 'javascript:alert(1)' }, expect: { refused: 'destination-invalid' } },
  { name: 'destination data:', attributes: { destination: 'data:text/html,<script>alert(1)</script>' }, expect: { refused: 'destination-invalid' } },
  { name: 'destination with markup', attributes: { destination: '/public/<script>' }, expect: { refused: 'destination-invalid' } },
  { name: 'destination with a query other than channel', attributes: { destination: '/public/support?x=1' }, expect: { refused: 'destination-invalid' } },
  { name: 'destination tel: (use E.164)', attributes: { destination: 'tel:+15551234567' }, expect: { refused: 'destination-invalid' } },
  { name: 'destination padded with blanks: trimmed', attributes: { destination: '  /public/support \n' }, expect: { placed: { destination: '/public/support' } } },
  { name: 'destination with ?channel=video', attributes: { destination: '/private/sales?channel=video' }, expect: { placed: { destination: '/private/sales?channel=video' } } },
  { name: 'E.164 number', attributes: { destination: '+15551234567' }, expect: { placed: { destination: '+15551234567' } } },
  { name: 'E.164 of 15 digits, the most there are', attributes: { destination: '+123456789012345' }, expect: { placed: { destination: '+123456789012345' } } },
  { name: 'E.164 of 16 digits', attributes: { destination: '+1234567890123456' }, expect: { refused: 'destination-invalid' } },
  { name: 'E.164 too short', attributes: { destination: '+1555' }, expect: { refused: 'destination-invalid' } },
  { name: 'E.164 with spaces', attributes: { destination: '+1 555 123 4567' }, expect: { refused: 'destination-invalid' } },
  { name: 'E.164 starting with 0', attributes: { destination: '+0123456789' }, expect: { refused: 'destination-invalid' } },
  { name: 'SIP URI', attributes: { destination: 'sip:alice@example.com' }, expect: { placed: { destination: 'sip:alice@example.com' } } },
  { name: 'SIPS URI with a port', attributes: { destination: 'sips:bob@sip.example.com:5061' }, expect: { placed: { destination: 'sips:bob@sip.example.com:5061' } } },
  { name: 'SIP URI without a host', attributes: { destination: 'sip:alice@' }, expect: { refused: 'destination-invalid' } },
  { name: 'SIP URI without a user', attributes: { destination: 'sip:@example.com' }, expect: { refused: 'destination-invalid' } },
  { name: 'SIP URI with port 70000', attributes: { destination: 'sip:alice@example.com:70000' }, expect: { refused: 'destination-invalid' } },

  // api-base
  { name: 'api-base javascript:', attributes: { 'api-base': 'javascript:alert(1)' }, expect: { refused: 'config-invalid' } },
  { name: 'api-base data:', attributes: { 'api-base': 'data:text/plain,x' }, expect: { refused: 'config-invalid' } },
  { name: 'api-base ftp:', attributes: { 'api-base': 'ftp://example.com' }, expect: { refused: 'config-invalid' } },
  { name: 'api-base plain http: off loopback', attributes: { 'api-base': 'http://example.com' }, expect: { refused: 'config-invalid' } },
  { name: 'api-base with credentials', attributes: { 'api-base': 'https://user:secret@example.com' }, expect: { refused: 'config-invalid' } },
  { name: 'api-base with a query', attributes: { 'api-base': 'https://example.com/?token=x' }, expect: { refused: 'config-invalid' } },
  { name: 'api-base not a URL', attributes: { 'api-base': 'not a url' }, expect: { refused: 'config-invalid' } },
  { name: 'api-base with a space in its host', attributes: { 'api-base': 'https://exa mple.com' }, expect: { refused: 'config-invalid' } },
  { name: 'a bad api-base with a ready token, which needs none: refused all the same', attributes: { token: GUEST, 'api-base': 'http://example.com' }, expect: { refused: 'config-invalid' } },
  { name: 'api-base http: on loopback', attributes: { 'api-base': 'http://localhost:9' }, expect: { placed: {} } },
  { name: 'api-base with a path prefix (a proxy)', attributes: { 'api-base': 'https://proxy.example.com/signalwire/' }, expect: { placed: {} } },

  // host
  { name: 'host javascript:', attributes: { host: 'javascript:alert(1)' }, expect: { refused: 'config-invalid' } },
  { name: 'host data:', attributes: { host: 'data:text/plain,x' }, expect: { refused: 'config-invalid' } },
  { name: 'host plain ws: off loopback', attributes: { host: 'ws://relay.example.com' }, expect: { refused: 'config-invalid' } },
  { name: 'host https: (not a websocket)', attributes: { host: 'https://relay.example.com' }, expect: { refused: 'config-invalid' } },
  { name: 'host with credentials', attributes: { host: 'wss://user:secret@relay.example.com' }, expect: { refused: 'config-invalid' } },
  { name: 'host with a path', attributes: { host: 'wss://relay.example.com/socket' }, expect: { refused: 'config-invalid' } },
  { name: 'host not a URL', attributes: { host: 'not a host' }, expect: { refused: 'config-invalid' } },
  { name: 'host wss:', attributes: { host: 'wss://relay.example.com' }, expect: { placed: { host: 'wss://relay.example.com' } } },
  { name: 'host as a bare name: wss: is meant', attributes: { host: 'relay.example.com' }, expect: { placed: { host: 'wss://relay.example.com' } } },
  { name: 'host ws: on loopback', attributes: { host: 'ws://127.0.0.1:8790' }, expect: { placed: { host: 'ws://127.0.0.1:8790' } } },

  // space (api-base left out: the space decides where the exchange goes)
  { name: 'space as a URL', attributes: { 'api-base': null, space: 'https://example.signalwire.com' }, expect: { refused: 'config-invalid' } },
  { name: 'space as a path', attributes: { 'api-base': null, space: 'example/api' }, expect: { refused: 'config-invalid' } },
  { name: 'space with a space in it', attributes: { 'api-base': null, space: 'my space' }, expect: { refused: 'config-invalid' } },
  { name: 'space with markup', attributes: { 'api-base': null, space: '<b>x</b>' }, expect: { refused: 'config-invalid' } },
  { name: 'space as a name', attributes: { 'api-base': null, space: 'example' }, expect: { placed: {} } },

  // user-variables (docs/user-variables.md): a flat JSON object, at most 4096 bytes; refusals name the name
  { name: 'user-variables not JSON', attributes: { 'user-variables': '{orderId: A-1001}' }, expect: { refused: 'config-invalid', message: /not JSON/ } },
  { name: 'user-variables blank', attributes: { 'user-variables': ' ' }, expect: { refused: 'config-invalid', message: /not JSON/ } },
  { name: 'user-variables a JSON array', attributes: { 'user-variables': '["A-1001"]' }, expect: { refused: 'config-invalid', message: /not an array/ } },
  { name: 'user-variables a JSON string', attributes: { 'user-variables': '"A-1001"' }, expect: { refused: 'config-invalid', message: /not a string/ } },
  { name: 'user-variables with a nested object', attributes: { 'user-variables': '{"order":{"id":"A-1001"}}' }, expect: { refused: 'config-invalid', message: /"order" is an object/ } },
  { name: 'user-variables with an array value', attributes: { 'user-variables': '{"items":["A-1","B-2"]}' }, expect: { refused: 'config-invalid', message: /"items" is an array/ } },
  { name: 'user-variables with a null value', attributes: { 'user-variables': '{"orderId":null}' }, expect: { refused: 'config-invalid', message: /"orderId" is null/ } },
  { name: 'user-variables with a lone surrogate', attributes: { 'user-variables': '{"note":"A\\ud800"}' }, expect: { refused: 'config-invalid', message: /"note" is not well-formed/ } },
  { name: 'user-variables with a name that has a space', attributes: { 'user-variables': '{"order id":"A-1001"}' }, expect: { refused: 'config-invalid', message: /the name "order id"/ } },
  { name: 'user-variables with __proto__ as a name', attributes: { 'user-variables': '{"__proto__":{"admin":true}}' }, expect: { refused: 'config-invalid', message: /the name "__proto__"/ } },
  { name: 'user-variables over 4096 bytes of JSON', attributes: { 'user-variables': `{"v":"${'x'.repeat(4089)}"}` }, expect: { refused: 'config-invalid', message: /4097 bytes of JSON; at most 4096/ } },
  { name: 'user-variables left out: none sent', attributes: {}, expect: { placed: { userVariables: null } } },
  { name: 'user-variables {}: none sent', attributes: { 'user-variables': '{}' }, expect: { placed: { userVariables: null } } },
  { name: 'user-variables null: none sent', attributes: { 'user-variables': 'null' }, expect: { placed: { userVariables: null } } },
  { name: 'user-variables with an order id', attributes: { 'user-variables': '{"orderId":"A-1001"}' }, expect: { placed: { userVariables: { orderId: 'A-1001' } } } },
  {
    name: 'user-variables with unicode, numbers and booleans',
    attributes: { 'user-variables': '{"name":"Zoë 東京 שלום 👋🏽","items":3,"total":12.5,"gift":false}' },
    expect: { placed: { userVariables: { name: 'Zoë 東京 שלום 👋🏽', items: 3, total: 12.5, gift: false } } },
  },
  { name: 'user-variables of exactly 4096 bytes', attributes: { 'user-variables': `{"v":"${'x'.repeat(4088)}"}` }, expect: { placed: { userVariables: { v: 'x'.repeat(4088) } } } },
];

/** Where each `placed` case's exchange must go. */
const EXCHANGE_URL: Record<string, string> = {
  'api-base http: on loopback': 'http://localhost:9/api/fabric/embeds/tokens',
  'api-base with a path prefix (a proxy)': 'https://proxy.example.com/signalwire/api/fabric/embeds/tokens',
  'space as a name': 'https://example.signalwire.com/api/fabric/embeds/tokens',
};

/** Counts what the element asks the network for, and answers the exchange with GUEST. */
function fakeNetwork(): { sent: Sent; restore(): void } {
  const realFetch = window.fetch;
  const sent: Sent = { requests: [], connects: [], dials: [], variables: [] };
  window.fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    sent.requests.push({ url: String(input), body: init.body ? JSON.parse(String(init.body)) : undefined });
    return new Response(JSON.stringify({ token: GUEST }), { status: 201, headers: { 'content-type': 'application/json' } });
  };
  return { sent, restore: () => void (window.fetch = realFetch) };
}

/** A fake SDK that records what it was asked to connect to and dial. */
function recordingSdk(sent: Sent): FakeSdk {
  const sdk = new FakeSdk();
  const connect = sdk.connect.bind(sdk);
  sdk.connect = async (options) => {
    sent.connects.push({ token: options.token, ...(options.host ? { host: options.host } : {}) });
    const client = await connect(options);
    const dial = client.dial.bind(client);
    client.dial = async (dialOptions) => {
      sent.dials.push(dialOptions.destination);
      sent.variables.push('userVariables' in dialOptions ? dialOptions.userVariables : null);
      return dial(dialOptions);
    };
    return client;
  };
  return sdk;
}

async function make(attributes: Attributes, sdk: FakeSdk): Promise<C2cCallButton> {
  const container = await fixture<HTMLDivElement>(html`<div></div>`);
  const el = document.createElement('c2c-call-button');
  const all: Attributes = { token: C2C, destination: '/public/support', 'api-base': API, ...attributes };
  for (const [name, value] of Object.entries(all)) if (value !== null && value !== undefined) el.setAttribute(name, value);
  el.sdk = sdk;
  container.append(el);
  await el.updateComplete;
  return el;
}

const part = (el: C2cCallButton, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

describe('bad input: one table, through the element', () => {
  let network: ReturnType<typeof fakeNetwork>;
  beforeEach(() => {
    network = fakeNetwork();
  });
  afterEach(() => network.restore());

  for (const { name, attributes, expect: expected } of CASES) {
    if ('refused' in expected) {
      it(`${name} → ${expected.refused}, nothing sent`, async () => {
        const sdk = recordingSdk(network.sent);
        const el = await make(attributes, sdk);
        const error = await el.call().then(() => null, (e: unknown) => e);
        expect(error).to.be.instanceOf(C2cError);
        expect((error as C2cError).code).to.equal(expected.refused);
        expect((error as C2cError).retryable).to.equal(false);
        if (expected.message) expect((error as C2cError).message).to.match(expected.message);
        expect(el.state).to.equal('error');
        await el.updateComplete;
        expect(part(el, 'error')!.textContent).to.equal(enCallStrings.errors[expected.refused]);
        expect(part(el, 'retry'), 'no retry: the page must fix its input').to.equal(null);
        expect(network.sent, 'nothing was sent').to.deep.equal({ requests: [], connects: [], dials: [], variables: [] });
        for (const value of Object.values(attributes)) {
          if (value && value.length > 3) expect(el.shadowRoot!.innerHTML, 'the input is not shown').not.to.contain(value);
        }
      });
    } else {
      const placed = expected.placed;
      it(`${name}: placed as docs/api.md says`, async () => {
        const sdk = recordingSdk(network.sent);
        const el = await make(attributes, sdk);
        const calling = el.call();
        const call = await sdk.waitForCall();
        call.emit({ type: 'ringing' });
        call.answer.resolve();
        await calling;
        expect(el.state).to.equal('active');
        const token = (attributes.token ?? C2C).trim();
        if (token.startsWith('c2c_')) {
          expect(network.sent.requests, 'the C2C token is exchanged, trimmed').to.deep.equal([
            { url: EXCHANGE_URL[name] ?? `${API}/api/fabric/embeds/tokens`, body: { token } },
          ]);
          expect(network.sent.connects[0]!.token, 'the call connects with the guest token').to.equal(GUEST);
        } else {
          expect(network.sent.requests, 'a ready token is not exchanged').to.deep.equal([]);
        }
        expect(network.sent.connects).to.have.length(1);
        if (placed.token) expect(network.sent.connects[0]!.token).to.equal(placed.token);
        if (placed.host) expect(network.sent.connects[0]!.host).to.equal(placed.host);
        if (placed.destination) expect(network.sent.dials).to.deep.equal([placed.destination]);
        if (placed.userVariables !== undefined) expect(network.sent.variables).to.deep.equal([placed.userVariables]);
        await el.hangup();
        expect(el.state).to.equal('ended');
      });
    }
  }

  for (const label of ['<img src=x onerror=alert(1)>Talk', '<b>bold</b> & <i>more</i>', '"><script>alert(1)</script>']) {
    it(`label ${JSON.stringify(label)} is rendered as text`, async () => {
      const el = await make({ label }, recordingSdk(network.sent));
      expect(part(el, 'label')!.textContent).to.equal(label);
      expect(el.shadowRoot!.querySelector('img, b, i, script')).to.equal(null);
    });
  }

  it('strings with markup (a label, a status, an error message) are rendered as text', async () => {
    const sdk = recordingSdk(network.sent);
    const el = await make({ destination: 'javascript:alert(1)' }, sdk);
    el.strings = { call: '<img src=x onerror=alert(1)>', errors: { 'destination-invalid': '<b>nope</b><img src=x>' } };
    await el.updateComplete;
    expect(part(el, 'label')!.textContent).to.equal('<img src=x onerror=alert(1)>');
    await el.call().catch(() => undefined);
    await el.updateComplete;
    expect(part(el, 'error')!.textContent).to.equal('<b>nope</b><img src=x>');
    expect(el.shadowRoot!.querySelector('img, b')).to.equal(null);
  });

  it('attributes changed during a call: the call keeps its token and destination; the next call uses the new ones', async () => {
    const sdk = recordingSdk(network.sent);
    const el = await make({}, sdk);
    const calling = el.call();
    const first = await sdk.waitForCall();
    el.setAttribute('token', 'c2c_00000000000000000000000000000001');
    el.setAttribute('destination', '/public/sales');
    await el.updateComplete;
    first.answer.resolve();
    await calling;
    expect(el.state, 'the call goes on').to.equal('active');
    expect(network.sent.requests.map((r) => r.body)).to.deep.equal([{ token: C2C }]);
    expect(network.sent.dials).to.deep.equal(['/public/support']);
    await el.hangup();

    const again = el.call();
    (await sdk.waitForCall(2)).answer.resolve();
    await again;
    expect(network.sent.requests.map((r) => r.body)).to.deep.equal([{ token: C2C }, { token: 'c2c_00000000000000000000000000000001' }]);
    expect(network.sent.dials).to.deep.equal(['/public/support', '/public/sales']);
    await el.hangup();
  });

  it('call() twenty times at once places one call', async () => {
    const sdk = recordingSdk(network.sent);
    const el = await make({}, sdk);
    const attempts = Array.from({ length: 20 }, () => el.call());
    (await sdk.waitForCall()).answer.resolve();
    await Promise.all(attempts);
    expect(el.state).to.equal('active');
    expect(network.sent.requests).to.have.length(1);
    expect(network.sent.connects).to.have.length(1);
    expect(network.sent.dials).to.have.length(1);
    await el.hangup();
  });

  it('two buttons clicked together: one call; the other gets call-in-progress and sends nothing', async () => {
    const sdk = recordingSdk(network.sent);
    const a = await make({}, sdk);
    const b = await make({ token: 'c2c_00000000000000000000000000000002' }, sdk);
    const seen: string[] = [];
    b.addEventListener('c2c-error', (e) => seen.push((e as unknown as { code: string }).code));
    part(a, 'button')!.click();
    part(b, 'button')!.click();
    expect([a.state, b.state]).to.deep.equal(['authorizing', 'authorizing']);
    (await sdk.waitForCall()).answer.resolve();
    await stateIn(a, ['active'], 5_000);
    await stateIn(b, ['error'], 5_000);
    expect(seen).to.deep.equal(['call-in-progress']);
    expect(b.error?.retryable).to.equal(true);
    expect(network.sent.requests.map((r) => r.body), 'only the first button exchanged').to.deep.equal([{ token: C2C }]);
    expect(network.sent.connects).to.have.length(1);
    await a.hangup();
  });
});

describe('bad input the far side decides, on the emulator with the real SDK', function () {
  this.timeout(30_000);
  let fetches: string[];
  let realFetch: typeof fetch;

  beforeEach(() => {
    realFetch = window.fetch;
    fetches = [];
    window.fetch = (input, init) => {
      fetches.push(String(input));
      return realFetch(input, init);
    };
    watch.clearEscapes();
  });
  afterEach(async () => {
    window.fetch = realFetch;
    clearSdkStorage();
    await eventually(relayStats, (s) => s.activeCalls === 0, 10_000, 'the relay to hold no call');
  });

  const rows: { name: string; token?: string; destination: string; code: C2cErrorCode; status?: number; sockets: number }[] = [
    { name: 'a well-formed C2C token the space does not know (422)', token: 'c2c_not-a-real-token', destination: '/public/echo', code: 'token-invalid', status: 422, sockets: 0 },
    { name: 'an address the space does not have', destination: '/public/nowhere', code: 'address-not-found', sockets: 1 },
    { name: 'an E.164 number the space does not route', destination: '+15551234567', code: 'address-not-found', sockets: 1 },
    { name: 'a SIP URI the space does not route', destination: 'sip:alice@example.com', code: 'address-not-found', sockets: 1 },
  ];
  for (const row of rows) {
    it(`${row.name} → ${row.code}`, async () => {
      const origin = await emulatorOrigin();
      const socketsBefore = watch.made().sockets;
      const el = await fixture<C2cCallButton>(html`
        <c2c-call-button token=${row.token ?? demoToken} destination=${row.destination} api-base=${origin}></c2c-call-button>`);
      const error = await el.call().then(() => null, (e: unknown) => e);
      expect((error as C2cError).code).to.equal(row.code);
      expect((error as C2cError).status).to.equal(row.status);
      expect(fetches.filter((url) => url.startsWith(origin)), 'one exchange').to.have.length(1);
      expect(watch.made().sockets - socketsBefore, 'relay connections').to.equal(row.sockets);
      await eventually(async () => watch.openSockets(socketsBefore).length, (n) => n === 0, 10_000, 'the relay socket to close');
      expect(watch.liveTracks()).to.have.length(0);
      expect(watch.escapes).to.deep.equal([]);
    });
  }
});
