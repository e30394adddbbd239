// Invite tokens end to end, in Chromium against the local space emulator: what `createInviteToken` gets for every
// answer the invites endpoint documents (201, 401, 404, 422, 500), and what a visitor sees when the real SDK is refused
// with an invite that has expired, was changed, or is used for another address than its own.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { C2cCallButton } from '../../src/button/c2c-call-button.js';
import { C2cError, type C2cErrorCode } from '../../src/shared/errors.js';
import type { C2cErrorEvent } from '../../src/events/c2c-error.js';
import { enCallStrings } from '../../src/in-call/english.js';
import { createInviteToken } from '../../src/network/token-client.js';
import {
  ADDRESSES, calls, clearCalls, clearSdkStorage, demoToken, emulatorOrigin, exchangeToken, inviteToken, resetFaults, setFaults,
  subscriberToken, type CallRecord,
} from './support/emulator.ts';

const address = (name: string) => ADDRESSES.find((entry) => entry.name === name)!;
const echo = address('/public/echo');
/** A well-formed uuid the emulator does not know (the usual example uuid of API documentation). */
const UNKNOWN_ADDRESS_ID = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
/** A JWE in compact form: five base64url parts, the second (the encrypted key of `dir`) empty. */
const JWE = /^[\w-]+\.\.[\w-]+\.[\w-]+\.[\w-]+$/;

/** `token` with the last character of part `index` (of the five) changed. */
function withOneCharacterChanged(token: string, index: number): string {
  const parts = token.split('.');
  const part = parts[index]!;
  parts[index] = part.slice(0, -1) + (part.endsWith('A') ? 'B' : 'A');
  const changed = parts.join('.');
  expect(changed).to.have.length(token.length);
  expect(changed).to.not.equal(token);
  return changed;
}

interface Sent {
  url: string;
  headers: Headers;
  body: Record<string, unknown>;
}

/**
 * A `fetch` for the `fetch` option that records what reaches the network. `change` may rewrite the request on
 * its way, or wait, as a proxy or a slow network would.
 */
function recordingFetch(change?: (init: RequestInit) => Promise<RequestInit> | RequestInit): { fetch: typeof fetch; sent: Sent[] } {
  const sent: Sent[] = [];
  const recording: typeof fetch = async (input, init = {}) => {
    const final = change ? await change(init) : init;
    sent.push({ url: String(input), headers: new Headers(final.headers), body: JSON.parse(String(final.body)) as Record<string, unknown> });
    return fetch(input, final);
  };
  return { fetch: recording, sent };
}

async function refusal(work: Promise<unknown>): Promise<C2cError> {
  const error = await work.then(() => null, (e: unknown) => e);
  expect(error, 'createInviteToken should have rejected').to.be.instanceOf(C2cError);
  return error as C2cError;
}

/** Unix seconds, `ms` from now, rounded up: never earlier than asked. */
const secondsFromNow = (ms: number) => Math.ceil((Date.now() + ms) / 1000);

describe('createInviteToken against the emulator: each answer of the invites endpoint', () => {
  let origin: string;
  let subscriber: string;

  before(async () => {
    origin = await emulatorOrigin();
    subscriber = await subscriberToken();
  });

  afterEach(() => resetFaults());

  it('201: a token string, from a request with the bearer and the body the API documents', async () => {
    const { fetch, sent } = recordingFetch();
    const token = await createInviteToken({ apiBase: origin, subscriberToken: subscriber, addressId: echo.id, fetch });
    expect(token).to.match(JWE);
    expect(sent).to.have.length(1);
    expect(sent[0]!.url).to.equal(`${origin}/api/fabric/subscriber/invites`);
    expect(sent[0]!.headers.get('authorization')).to.equal(`Bearer ${subscriber}`);
    expect(sent[0]!.body, 'no expires_at: the API\'s default (2 h) applies').to.deep.equal({ address_id: echo.id });

    const until = new Date(Date.now() + 5 * 60_000);
    const timed = await createInviteToken({ apiBase: origin, subscriberToken: subscriber, addressId: echo.id, expiresAt: until, fetch });
    expect(timed).to.match(JWE);
    expect(timed).to.not.equal(token);
    expect(sent[1]!.body).to.deep.equal({ address_id: echo.id, expires_at: Math.floor(until.getTime() / 1000) });
  });

  it('no subscriber token: token-missing, refused before anything is sent', async () => {
    for (const empty of ['', '   ']) {
      const { fetch, sent } = recordingFetch();
      const error = await refusal(createInviteToken({ apiBase: origin, subscriberToken: empty, addressId: echo.id, fetch }));
      expect(error.code, JSON.stringify(empty)).to.equal('token-missing');
      expect(error.retryable).to.equal(false);
      expect(sent, 'no request').to.have.length(0);
    }
  });

  it('401 for a request that reaches the server without its bearer (dropped on the way): token-invalid', async () => {
    const { fetch, sent } = recordingFetch((init) => {
      const headers = new Headers(init.headers);
      headers.delete('authorization');
      return { ...init, headers };
    });
    const error = await refusal(createInviteToken({ apiBase: origin, subscriberToken: subscriber, addressId: echo.id, fetch }));
    expect(sent).to.have.length(1);
    expect(sent[0]!.headers.has('authorization')).to.equal(false);
    expect([error.code, error.status, error.retryable]).to.deep.equal(['token-invalid', 401, false]);
  });

  it('401 for a wrong bearer (a guest token, a forged one, a subscriber token with one character changed): token-invalid', async () => {
    const bearers: [string, string][] = [
      ['a guest token', await exchangeToken(demoToken)],
      ['a forged token', 'eyJhbGciOiJkaXIifQ..bm90.YS10b2tlbg.dGFn'],
      ['a changed subscriber token', withOneCharacterChanged(subscriber, 4)],
    ];
    for (const [what, bearer] of bearers) {
      const { fetch, sent } = recordingFetch();
      const error = await refusal(createInviteToken({ apiBase: origin, subscriberToken: bearer, addressId: echo.id, fetch }));
      expect(sent, what).to.have.length(1);
      expect([error.code, error.status, error.retryable], what).to.deep.equal(['token-invalid', 401, false]);
      expect(error.message, 'the bearer is not copied into the message').to.not.include(bearer);
    }
  });

  it('404 for a well-formed uuid the space does not know: address-not-found', async () => {
    const { fetch, sent } = recordingFetch();
    const error = await refusal(createInviteToken({ apiBase: origin, subscriberToken: subscriber, addressId: UNKNOWN_ADDRESS_ID, fetch }));
    expect(sent).to.have.length(1);
    expect([error.code, error.status, error.retryable]).to.deep.equal(['address-not-found', 404, false]);
  });

  it('what the server would answer 422 (not a uuid, expires_at not in the future) is refused before sending: invite-invalid', async () => {
    const cases: [string, Parameters<typeof createInviteToken>[0]][] = [
      ['not a uuid', { apiBase: origin, subscriberToken: subscriber, addressId: 'echo' }],
      ['an empty address id', { apiBase: origin, subscriberToken: subscriber, addressId: '' }],
      ['a uuid with a character too many', { apiBase: origin, subscriberToken: subscriber, addressId: `${echo.id}0` }],
      ['a past Date', { apiBase: origin, subscriberToken: subscriber, addressId: echo.id, expiresAt: new Date(Date.now() - 60_000) }],
      ['past unix seconds', { apiBase: origin, subscriberToken: subscriber, addressId: echo.id, expiresAt: Math.floor(Date.now() / 1000) - 1 }],
      ['now, in unix seconds', { apiBase: origin, subscriberToken: subscriber, addressId: echo.id, expiresAt: Math.floor(Date.now() / 1000) }],
      ['fractional seconds', { apiBase: origin, subscriberToken: subscriber, addressId: echo.id, expiresAt: secondsFromNow(60_000) + 0.5 }],
    ];
    for (const [what, options] of cases) {
      const { fetch, sent } = recordingFetch();
      const error = await refusal(createInviteToken({ ...options, fetch }));
      expect([error.code, error.retryable], what).to.deep.equal(['invite-invalid', false]);
      expect(error.status, what).to.equal(undefined);
      expect(sent, `${what}: no request`).to.have.length(0);
    }
  });

  it('422 from the server, when expires_at has passed by the time the request arrives: invite-invalid', async () => {
    const expiresAt = secondsFromNow(1_000); // in the future when createInviteToken checks it
    // A slow network: the request reaches the server only once that second has gone.
    const { fetch, sent } = recordingFetch(async (init) => {
      await new Promise((resolve) => setTimeout(resolve, expiresAt * 1000 - Date.now() + 20));
      return init;
    });
    const error = await refusal(createInviteToken({ apiBase: origin, subscriberToken: subscriber, addressId: echo.id, expiresAt, fetch }));
    expect(sent).to.have.length(1);
    expect(sent[0]!.body).to.deep.equal({ address_id: echo.id, expires_at: expiresAt });
    expect([error.code, error.status, error.retryable]).to.deep.equal(['invite-invalid', 422, false]);
  });

  it('500 (injected): exchange-failed, retryable, and the next request succeeds', async () => {
    await setFaults({ invites: { status: 500, times: 1 } });
    const { fetch, sent } = recordingFetch();
    const error = await refusal(createInviteToken({ apiBase: origin, subscriberToken: subscriber, addressId: echo.id, fetch }));
    expect([error.code, error.status, error.retryable]).to.deep.equal(['exchange-failed', 500, true]);
    expect(await createInviteToken({ apiBase: origin, subscriberToken: subscriber, addressId: echo.id, fetch })).to.match(JWE);
    expect(sent).to.have.length(2);
  });

  it('a 201 without a token (injected): exchange-failed, retryable', async () => {
    await setFaults({ invites: { status: 201, times: 1, body: {} } });
    const error = await refusal(createInviteToken({ apiBase: origin, subscriberToken: subscriber, addressId: echo.id }));
    expect([error.code, error.status, error.retryable]).to.deep.equal(['exchange-failed', 201, true]);
  });
});

describe('<c2c-call-button> with an invite the relay refuses, through the real SDK', function () {
  this.timeout(30_000);

  const streams: MediaStream[] = [];
  const nativeGetUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);

  beforeEach(async () => {
    await clearCalls();
    navigator.mediaDevices.getUserMedia = async (constraints?: MediaStreamConstraints) => {
      const stream = await nativeGetUserMedia(constraints);
      streams.push(stream);
      return stream;
    };
  });

  afterEach(async () => {
    navigator.mediaDevices.getUserMedia = nativeGetUserMedia;
    // Whatever the refusal, the microphone is released (tracks stop as the SDK tears the call down).
    const live = () => streams.flatMap((stream) => stream.getTracks()).filter((track) => track.readyState === 'live');
    const deadline = performance.now() + 5_000;
    while (live().length > 0 && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(live(), 'live microphone tracks').to.have.length(0);
    streams.splice(0);
    clearSdkStorage();
    await resetFaults();
  });

  async function inviteButton(token: string, destination: string): Promise<{ el: C2cCallButton; errors: C2cErrorEvent[] }> {
    // No api-base: an invite is used as-is, and the relay host comes from the token itself.
    const el = await fixture<C2cCallButton>(html`<c2c-call-button destination=${destination}></c2c-call-button>`);
    el.token = token;
    const errors: C2cErrorEvent[] = [];
    el.addEventListener('c2c-error', (event) => errors.push(event));
    return { el, errors };
  }

  /** Calls, expects `code`, and checks what the visitor sees: the message for the code, and a retry only when it may help. */
  async function refusedWith(el: C2cCallButton, errors: C2cErrorEvent[], code: C2cErrorCode, retryable: boolean): Promise<void> {
    const error = await el.call().then(() => null, (e: unknown) => e);
    expect(error, 'the call should have failed').to.be.instanceOf(C2cError);
    expect(el.state).to.equal('error');
    expect(el.error?.code).to.equal(code);
    expect(el.error?.retryable).to.equal(retryable);
    expect(errors.map((event) => [event.code, event.retryable])).to.deep.equal([[code, retryable]]);
    await el.updateComplete;
    const shown = el.shadowRoot!.querySelector('[part="error"]');
    expect(shown?.textContent?.trim()).to.equal(enCallStrings.errors[code]);
    expect(shown?.getAttribute('role')).to.equal('alert');
    expect(el.shadowRoot!.querySelector('[part="retry"]') !== null, 'a retry button only when retrying may help').to.equal(retryable);
  }

  const answered = (records: CallRecord[]) => records.filter((record) => record.answeredAt !== undefined || record.state === 'active');

  it('an expired invite: works until its expires_at, then the relay refuses it at connect (token-invalid)', async () => {
    const expiresAt = secondsFromNow(3_000);
    const token = await inviteToken(echo.id, expiresAt);

    const before = await inviteButton(token, echo.name);
    await before.el.call();
    expect(before.el.state, 'the invite works before it expires').to.equal('active');
    await before.el.hangup();
    await clearCalls();

    // A real wait: the invite's lifetime passing (the API refuses an expires_at in the past).
    await new Promise((resolve) => setTimeout(resolve, expiresAt * 1000 - Date.now() + 50));
    const { el, errors } = await inviteButton(token, echo.name);
    await refusedWith(el, errors, 'token-invalid', false);
    expect(enCallStrings.errors['token-invalid']).to.equal('This call link is not valid.');
    expect(await calls(), 'refused at connect: no call was placed').to.deep.equal([]);
  });

  it('a tampered invite (one character changed): token-invalid, no call placed', async () => {
    const token = await inviteToken(echo.id);
    // The payload and the authentication tag; the header is left alone, it names the relay host.
    for (const part of [3, 4]) {
      const { el, errors } = await inviteButton(withOneCharacterChanged(token, part), echo.name);
      await refusedWith(el, errors, 'token-invalid', false);
    }
    expect(await calls()).to.deep.equal([]);
  });

  it('an invite used for another address than its own: refused by the far end (CALL_REJECTED/21 → call-rejected), never answered', async () => {
    const token = await inviteToken(echo.id);
    const { el, errors } = await inviteButton(token, '/public/support');
    await refusedWith(el, errors, 'call-rejected', true);
    // The visitor reads that the call was not accepted: true of a busy line, a declined call and this refusal alike.
    expect(el.shadowRoot!.querySelector('[part="error"]')!.textContent).to.equal('The call was not accepted. Please try again later.');

    const records = await calls();
    expect(records.map(({ destination, tokenKind, state, endedBy, cause, causeCode }) => ({ destination, tokenKind, state, endedBy, cause, causeCode })))
      .to.deep.equal([{ destination: '/public/support', tokenKind: 'invite', state: 'ended', endedBy: 'far-end', cause: 'CALL_REJECTED', causeCode: 21 }]);
    expect(answered(records)).to.deep.equal([]);

    // The same invite, on its own address, still works: only the address was wrong.
    el.destination = echo.name;
    await el.call();
    expect(el.state).to.equal('active');
    await el.hangup();
    const after = await calls();
    expect(after.at(-1)).to.include({ destination: echo.name, tokenKind: 'invite', endedBy: 'caller' });
    expect(after.at(-1)!.answeredAt).to.be.a('number');
  });
});
