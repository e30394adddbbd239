// Invite links as people use them, on the demo site (Vite's dev server) and the local space emulator: the subscriber
// makes a link for /public/echo on demo/share.html and copies it; a visitor opens it in a fresh browser context,
// where the page takes the invite out of the address bar and calls exactly that address with it. The same link
// edited to another address is refused; a damaged, missing or already-read link gets a message, not a button.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright';
import { createServer, type Plugin, type ViteDevServer } from 'vite';
import { ADDRESSES, startEmulatorProcess, type CallRecord, type EmulatorProcess } from '../../emulator/index.ts';
import { inviteLinkUrl } from '../../demo/invite-link.ts';
import { createInviteToken } from '../../src/network/token-client.ts';
import { launchBrowser, openPage, waitForState, type WatchedPage } from './support/browser.ts';
import { ROOT } from './support/package.ts';

const echo = ADDRESSES.find((address) => address.name === '/public/echo')!;
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let emulator: EmulatorProcess;
let vite: ViteDevServer;
let site: string;
let browser: Browser;
const opened: WatchedPage[] = [];

/** What `npm run demo` adds to Vite: `GET /__demo/config` tells the pages where the emulator is. */
function demoConfig(): Plugin {
  return {
    name: 'c2c-demo-config',
    configureServer(server) {
      server.middlewares.use('/__demo/config', (_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ emulatorOrigin: emulator.origin }));
      });
    },
  };
}

async function emulatorCalls(): Promise<CallRecord[]> {
  const response = await fetch(`${emulator.origin}/__calls`);
  assert.equal(response.status, 200);
  return (await response.json()) as CallRecord[];
}

async function open(url: string): Promise<WatchedPage> {
  const watched = await openPage(browser, url);
  opened.push(watched);
  return watched;
}

/** axe's WCAG 2.x A and AA rules on the whole page, the element's shadow root included. */
async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return result.violations.map((violation) => `${violation.id}: ${JSON.stringify(violation.nodes.map((node) => node.target))}`);
  });
}

const text = async (page: Page, selector: string) => (await page.locator(selector).textContent())?.replace(/\s+/g, ' ').trim() ?? '';

/** The invite page's element, its error as the visitor reads it, and whether any button is on the page. */
async function visitorError(page: Page): Promise<{ code?: string; retryable?: boolean; shown: string }> {
  return page.evaluate(() => {
    const el = document.querySelector('c2c-call-button') as (HTMLElement & { error: { code: string; retryable: boolean } | null }) | null;
    return { code: el?.error?.code, retryable: el?.error?.retryable, shown: el?.shadowRoot?.querySelector('[part="error"]')?.textContent?.trim() ?? '' };
  });
}

/** Changes the link's fragment as a person editing it in the address bar would. */
function withFragment(link: string, change: (params: URLSearchParams) => void): string {
  const url = new URL(link);
  const params = new URLSearchParams(url.hash.slice(1));
  change(params);
  url.hash = params.toString();
  return url.href;
}

describe('invite links on the demo site: create, share, open in a fresh context, call', { timeout: 180_000 }, () => {
  let link = '';
  let invite = '';

  before(async () => {
    emulator = await startEmulatorProcess();
    vite = await createServer({
      configFile: `${ROOT}vite.config.ts`,
      root: ROOT,
      // Its own pre-bundled dependencies, beside the other scratch files, not in a node_modules others share.
      cacheDir: `${ROOT}.scratch/ship/invite-link-vite/`,
      optimizeDeps: { entries: ['demo/share.html', 'demo/invite.html'] },
      logLevel: 'warn',
      server: { port: 0, strictPort: false },
      plugins: [demoConfig()],
    });
    await vite.listen();
    site = vite.resolvedUrls!.local[0]!.replace(/\/$/, '');
    browser = await launchBrowser();
  });

  after(async () => {
    for (const watched of opened) await watched.close().catch(() => undefined);
    await browser?.close();
    await vite?.close();
    await emulator?.close();
  });

  it('the subscriber picks an address and a lifetime, creates a link and copies it', async () => {
    const share = await open(`${site}/demo/share.html`);
    const { page } = share;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site });

    // Every address of the subscriber is offered, by name, from the emulator's own description.
    const addresses = page.getByRole('radio', { name: /^\/public\// });
    await addresses.first().waitFor();
    assert.equal(await addresses.count(), ADDRESSES.length);
    const create = page.getByRole('button', { name: 'Create link' });
    assert.equal(await create.isEnabled(), true);

    await page.getByRole('radio', { name: new RegExp(`^${echo.name} `) }).check();
    // With the keyboard alone: from "1 hour" (the default) up to "5 minutes", then Tab to the button and Enter.
    await page.getByRole('radio', { name: '1 hour' }).focus();
    await page.keyboard.press('ArrowUp');
    assert.equal(await page.getByRole('radio', { name: '5 minutes' }).isChecked(), true);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'create');
    const before = Math.floor(Date.now() / 1000);
    const posted = page.waitForRequest((request) => request.method() === 'POST' && request.url() === `${emulator.origin}/api/fabric/subscriber/invites`);
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: `Link created for ${echo.name}.` }).waitFor();

    link = await page.getByRole('textbox', { name: 'Link' }).inputValue();
    const url = new URL(link);
    assert.equal(url.origin, site);
    assert.equal(url.pathname, '/demo/invite.html');
    assert.equal(url.search, '', 'nothing in a query string');
    const fragment = new URLSearchParams(url.hash.slice(1));
    assert.equal(fragment.get('to'), echo.name);
    invite = fragment.get('invite') ?? '';
    assert.match(invite, /^[\w-]+\.\.[\w-]+\.[\w-]+\.[\w-]+$/, 'an invite token (JWE) in the fragment');
    const until = Number(fragment.get('until'));
    assert.ok(until >= before + 300 && until <= Math.ceil(Date.now() / 1000) + 300, `expires in 5 minutes: ${until - before} s`);
    assert.match(await text(page, '#result-summary'), new RegExp(`^Calls ${echo.name} \\(address id ${echo.id}\\)\\. Works for 5 minutes, until `));
    assert.equal(await page.locator('#open-link').getAttribute('href'), link);

    // The invite was made for the address's uuid, with the subscriber's token, and went to no URL of any request.
    assert.ok(share.requests.includes(`${emulator.origin}/__demo/subscriber-token`));
    const request = await posted;
    assert.deepEqual(request.postDataJSON(), { address_id: echo.id, expires_at: until });
    assert.match(request.headers().authorization ?? '', /^Bearer [\w-]+\.\.[\w-]+\.[\w-]+\.[\w-]+$/);
    assert.deepEqual(share.requests.filter((url) => url.includes(invite)), []);

    await page.getByRole('button', { name: 'Copy link' }).click();
    await page.getByRole('status').filter({ hasText: 'Copied.' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);

    // Where the browser refuses the clipboard, the link is selected for the keyboard's copy instead.
    await page.evaluate(() => {
      navigator.clipboard.writeText = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
    });
    await page.getByRole('button', { name: 'Copy link' }).click();
    await page.getByRole('status').filter({ hasText: 'The link is selected' }).waitFor();
    assert.deepEqual(await page.evaluate(() => {
      const field = document.activeElement as HTMLInputElement;
      return [field.id, field.selectionStart, field.selectionEnd, field.value.length];
    }), ['link', 0, link.length, link.length]);

    assert.deepEqual(await accessibilityViolations(page), []);
    assert.deepEqual(share.problems, []);
  });

  it('the visitor opens the link in a fresh context: the fragment leaves the address bar, the button calls that address with the invite', async () => {
    assert.ok(link, 'the first test made a link');
    const visitor = await open(link);
    const { page } = visitor;
    await page.locator('#invitation').waitFor();

    assert.equal(page.url(), `${site}/demo/invite.html`, 'the address bar no longer holds the fragment');
    assert.deepEqual(await page.evaluate(() => [location.hash, location.href]), ['', `${site}/demo/invite.html`]);
    assert.equal(await text(page, '#destination'), echo.name);
    assert.match(await text(page, '#expiry'), /^The invitation works until .+ \(in 5 minutes\)\.$/);
    assert.equal(await page.evaluate((token) => document.documentElement.outerHTML.includes(token), invite), false, 'the invite is not in the DOM');
    assert.deepEqual(visitor.requests.filter((request) => request.includes(invite) || request.includes('#')), [], 'no request URL holds the invite');
    assert.deepEqual(await accessibilityViolations(page), []);

    const callsBefore = (await emulatorCalls()).length;
    await page.locator('c2c-call-button [part="button"]').click();
    await waitForState(page, 'active');
    const placed = (await emulatorCalls()).slice(callsBefore);
    assert.equal(placed.length, 1);
    assert.deepEqual({ destination: placed[0]!.destination, tokenKind: placed[0]!.tokenKind, state: placed[0]!.state },
      { destination: echo.name, tokenKind: 'invite', state: 'active' });
    assert.deepEqual(visitor.requests.filter((request) => request.startsWith(emulator.origin)), [], 'an invite is used as-is: no REST call');
    // Besides Vite's own (hot reload), one websocket: the relay, at the host the invite names.
    const relaySockets = visitor.sockets.filter((socket) => new URL(socket).host !== new URL(site).host);
    assert.deepEqual(relaySockets.map((socket) => new URL(socket).origin), [emulator.origin.replace(/^http/, 'ws')]);

    await page.locator('c2c-call-button [part="hangup"]').click();
    await waitForState(page, 'ended');
    const ended = (await emulatorCalls()).find((record) => record.callId === placed[0]!.callId)!;
    assert.deepEqual([ended.state, ended.endedBy], ['ended', 'caller']);
    assert.equal(await visitor.liveTracks(), 0, 'the microphone is released');

    assert.deepEqual(visitor.problems, []);

    // The history entry no longer holds the fragment either: back (to the context's about:blank, where the test's
    // own media instrumentation fails), then forward, comes to the bare page.
    await page.goBack();
    await page.goForward();
    assert.equal(page.url(), `${site}/demo/invite.html`, 'no history entry holds the fragment');
    // Reloading cannot read the invite again: it left the address bar. The page says so instead of showing a button.
    const problemsBefore = visitor.problems.length;
    await page.reload();
    await page.getByRole('alert').filter({ hasText: 'coming back to this page cannot read it again' }).waitFor();
    assert.equal(await page.locator('c2c-call-button').count(), 0);
    assert.deepEqual(visitor.problems.slice(problemsBefore), []);
  });

  it('the same link edited to call another address is refused by the relay, and nothing is answered', async () => {
    assert.ok(link, 'the first test made a link');
    const visitor = await open(withFragment(link, (params) => params.set('to', '/public/support')));
    const { page } = visitor;
    await page.locator('#invitation').waitFor();
    assert.equal(page.url(), `${site}/demo/invite.html`);
    assert.equal(await text(page, '#destination'), '/public/support');

    const callsBefore = (await emulatorCalls()).length;
    await page.locator('c2c-call-button [part="button"]').click();
    await waitForState(page, 'error');
    // CALL_REJECTED/21 maps to call-rejected: the call was not accepted, which is true of a busy line too.
    assert.deepEqual(await visitorError(page), { code: 'call-rejected', retryable: true, shown: 'The call was not accepted. Please try again later.' });
    const refused = (await emulatorCalls()).slice(callsBefore);
    assert.deepEqual(refused.map(({ destination, tokenKind, state, endedBy, cause, causeCode, answeredAt }) =>
      ({ destination, tokenKind, state, endedBy, cause, causeCode, answeredAt })),
    [{ destination: '/public/support', tokenKind: 'invite', state: 'ended', endedBy: 'far-end', cause: 'CALL_REJECTED', causeCode: 21, answeredAt: undefined }]);
    assert.equal(await visitor.liveTracks(), 0);
    assert.deepEqual(visitor.problems, []);
  });

  it('an expired link says when it expired; the relay refuses it (token-invalid) and the page says why', async () => {
    const { token: subscriberToken } = (await (await fetch(`${emulator.origin}/__demo/subscriber-token`)).json()) as { token: string };
    const expiresAt = Math.ceil((Date.now() + 1_500) / 1000);
    const expiring = await createInviteToken({ apiBase: emulator.origin, subscriberToken, addressId: echo.id, expiresAt });
    const expiringLink = inviteLinkUrl(`${site}/demo/invite.html`, { invite: expiring, destination: echo.name, expiresAt });
    // A real wait: the invite's lifetime passing.
    await new Promise((resolve) => setTimeout(resolve, expiresAt * 1000 - Date.now() + 50));

    const visitor = await open(expiringLink);
    const { page } = visitor;
    await page.locator('#invitation').waitFor();
    assert.match(await text(page, '#expiry'), /^The invitation expired at .+\. Ask whoever sent you the link for a new one\.$/);
    const callsBefore = (await emulatorCalls()).length;
    await page.locator('c2c-call-button [part="button"]').click();
    await waitForState(page, 'error');
    assert.deepEqual(await visitorError(page), { code: 'token-invalid', retryable: false, shown: 'This call link is not valid.' });
    await page.getByRole('status').filter({ hasText: 'The invitation expired at' }).waitFor();
    assert.equal((await emulatorCalls()).length, callsBefore, 'refused at connect: no call placed');
    assert.deepEqual(visitor.problems, []);
  });

  it('a damaged or missing link gets a clear message and no button, and the damaged fragment leaves the address bar too', async () => {
    assert.ok(link, 'the first test made a link');
    const cases: [string, string][] = [
      [withFragment(link, (params) => params.set('invite', invite.slice(0, invite.indexOf('.')))), 'The invitation in it is damaged'],
      [withFragment(link, (params) => params.set('invite', invite.replace(/^eyJhbGci/, 'eyJhbGcj'))), 'The invitation in it is damaged'],
      [withFragment(link, (params) => params.delete('invite')), 'It has no invitation in it'],
      [withFragment(link, (params) => params.set('to', 'support')), 'is not a valid address'],
      [`${site}/demo/invite.html`, 'needs a call link'],
    ];
    for (const [url, message] of cases) {
      const visitor = await open(url);
      const { page } = visitor;
      await page.getByRole('alert').filter({ hasText: message }).waitFor();
      assert.equal(await page.locator('c2c-call-button').count(), 0, url);
      assert.equal(page.url(), `${site}/demo/invite.html`, url);
      assert.match(await text(page, '#mode'), /^No call can be made from this link\.$/);
      assert.deepEqual(await accessibilityViolations(page), [], url);
      await visitor.close();
    }
  });
});
