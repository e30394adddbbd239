// What ships for CDNs, as a page loads it: `dist/cdn/c2c-call-button.js` (module) and
// `dist/cdn/c2c-call-button.classic.js` (classic script), from the packed package, in real Chromium, calling the
// local space emulator. Before intent a page pays for the button only: no lazy chunk, no token exchange, no
// websocket, and at most BUDGET gzip bytes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { chromium, type Browser } from 'playwright';
import { CALL_FLAGS, findBrowser } from '../../scripts/find-browser.mjs';
import { DEMO_C2C_TOKEN, startEmulatorProcess, type EmulatorProcess } from '../../emulator/index.ts';
import { callAndHangUp, launchBrowser, openPage, waitForState, type WatchedPage } from './support/browser.ts';
import { packedPackage } from './support/package.ts';
import { serveStatic, type StaticServer } from './support/static-server.ts';

/** The page-load budget of the CDN module build, gzip -9: at most 12 KB before intent. */
const BUDGET = 12 * 1024;

const pkg = packedPackage();
const CDN_DIR = `${pkg.dir}dist/cdn/`;

let emulator: EmulatorProcess;
let server: StaticServer;
let browser: Browser;

/** A page with the tag first, then `head` (the script tags under test) at the end of the body. */
function page(scripts: string, extra = ''): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>c2c-call-button from a CDN</title><link rel="icon" href="data:,"></head>
<body>
<c2c-call-button token="${DEMO_C2C_TOKEN}" destination="/public/echo" api-base="${emulator.origin}"></c2c-call-button>
${extra}
${scripts}
</body></html>`;
}

const moduleTag = (path: string) => `<script type="module" src="${path}"></script>`;
const classicTag = (path: string) => `<script src="${path}" defer></script>`;

/** Waits for the element to be defined and rendered, and for the network to go quiet. */
async function settled(watched: WatchedPage): Promise<void> {
  await watched.page.evaluate(async () => {
    await customElements.whenDefined('c2c-call-button');
    await (document.querySelector('c2c-call-button') as HTMLElement & { updateComplete: Promise<boolean> }).updateComplete;
  });
  await watched.page.waitForLoadState('networkidle');
}

const scriptsFetched = (watched: WatchedPage) => watched.requests.filter((url) => url.endsWith('.js')).map((url) => new URL(url).pathname);
const emulatorRequests = (watched: WatchedPage) => watched.requests.filter((url) => url.startsWith(emulator.origin));

/** gzip -9 bytes of the files at these URL paths, read from where `prefix` is mounted. */
function gzipBytes(paths: string[], prefix: string, dir: string): number {
  return paths.reduce((sum, path) => {
    assert.ok(path.startsWith(prefix), `${path} was not served from ${prefix}`);
    return sum + gzipSync(readFileSync(`${dir}${path.slice(prefix.length)}`), { level: 9 }).length;
  }, 0);
}

/** The whole visitor journey after page load: nothing called yet; hover prepares; a click calls; hang up. */
async function intentThenCall(watched: WatchedPage, chunkPrefix: string): Promise<void> {
  const { page } = watched;
  await page.locator('c2c-call-button [part="button"]').hover();
  // What the hover started, awaited: prepare() again joins it (the token is exchanged and the relay connected once).
  await page.evaluate(() => (document.querySelector('c2c-call-button') as HTMLElement & { prepare(): Promise<void> }).prepare());
  const afterHover = scriptsFetched(watched);
  assert.ok(afterHover.some((path) => path.startsWith(`${chunkPrefix}signalwire-sdk-`)), `hover loads the SDK chunk: ${afterHover.join(', ')}`);
  assert.ok(afterHover.some((path) => path.startsWith(`${chunkPrefix}call-engine-`)), 'hover loads the call engine');
  assert.equal(emulatorRequests(watched).filter((url) => url.endsWith('/api/fabric/embeds/tokens')).length, 1, 'hover exchanges the token once');
  assert.equal(watched.sockets.length, 1, 'hover opens the relay websocket ahead of the click');

  await callAndHangUp(watched);
  assert.equal(watched.sockets.length, 1, 'the call dials on the websocket the hover opened: one in all');
  assert.equal(await watched.liveTracks(), 0, 'the microphone is released');
  assert.deepEqual(await page.evaluate(() => [localStorage.length, sessionStorage.length]), [0, 0], 'no storage left behind');
  assert.deepEqual(watched.problems, []);
}

describe('the CDN builds, as a page loads them', { timeout: 120_000 }, () => {
  before(async () => {
    emulator = await startEmulatorProcess();
    server = await serveStatic({
      mounts: { '/assets/c2c/v1/': CDN_DIR, '/other/copy/': CDN_DIR },
      npmPackage: {
        dir: pkg.dir, name: pkg.json.name, version: pkg.json.version,
        unpkg: String(pkg.json.unpkg), jsdelivr: String(pkg.json.jsdelivr),
      },
      pages: {
        '/module.html': page(moduleTag('/assets/c2c/v1/c2c-call-button.js')),
        '/classic.html': page(classicTag('/assets/c2c/v1/c2c-call-button.classic.js')),
        '/jsdelivr.html': page(classicTag(`/npm/${pkg.json.name}`)),
        '/jsdelivr-range.html': page(classicTag(`/npm/${pkg.json.name}@${pkg.json.version.split('.')[0]}`)),
        '/unpkg.html': page(classicTag(`/${pkg.json.name}`)),
        // An inline module runs before the module script after it: it sets properties on the tag not yet upgraded.
        '/upgrade.html': page(moduleTag('/assets/c2c/v1/c2c-call-button.js'), `<script type="module">
          const el = document.querySelector('c2c-call-button');
          el.label = 'Talk to sales';
          el.timeouts = { answerMs: 9000 };
        </script>`),
        '/twice.html': page([
          moduleTag('/assets/c2c/v1/c2c-call-button.js'),
          moduleTag('/other/copy/c2c-call-button.js'),
          classicTag('/assets/c2c/v1/c2c-call-button.classic.js'),
        ].join('\n')),
      },
    });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await emulator?.close();
  });

  it(`module build: before intent only the entry loads, within ${BUDGET / 1024} KB gzip; then hover prepares and a click calls`, async (t) => {
    const watched = await openPage(browser, `${server.origin}/module.html`);
    try {
      await settled(watched);
      const scripts = scriptsFetched(watched);
      assert.deepEqual(scripts, ['/assets/c2c/v1/c2c-call-button.js'], 'before intent: the entry and nothing else');
      assert.deepEqual(emulatorRequests(watched), [], 'before intent: no token exchange');
      assert.deepEqual(watched.sockets, [], 'before intent: no websocket');
      const bytes = gzipBytes(scripts, '/assets/c2c/v1/', CDN_DIR);
      t.diagnostic(`before intent: ${bytes} bytes gzip -9 (${(bytes / 1024).toFixed(2)} KB; budget ${BUDGET / 1024} KB)`);
      assert.ok(bytes <= BUDGET, `before intent the page downloads ${bytes} bytes gzip, over the ${BUDGET}-byte budget`);
      await intentThenCall(watched, '/assets/c2c/v1/');
    } finally {
      await watched.close();
    }
  });

  it('classic build: a plain <script src defer> defines the element and loads the same chunks from beside it', async (t) => {
    const watched = await openPage(browser, `${server.origin}/classic.html`);
    try {
      await settled(watched);
      const scripts = scriptsFetched(watched);
      assert.deepEqual(scripts, ['/assets/c2c/v1/c2c-call-button.classic.js', '/assets/c2c/v1/c2c-call-button.js']);
      t.diagnostic(`before intent: ${gzipBytes(scripts, '/assets/c2c/v1/', CDN_DIR)} bytes gzip -9 with the classic loader`);
      assert.deepEqual(emulatorRequests(watched), []);
      assert.deepEqual(watched.sockets, []);
      await intentThenCall(watched, '/assets/c2c/v1/');
    } finally {
      await watched.close();
    }
  });

  for (const [name, file, chunkPrefix] of [
    ['jsDelivr, package URL (default file served without a redirect)', 'jsdelivr.html', `/npm/${pkg.json.name}@${pkg.json.version}/dist/cdn/`],
    ['jsDelivr, package URL with a version range', 'jsdelivr-range.html', `/npm/${pkg.json.name}@${pkg.json.version}/dist/cdn/`],
    ['unpkg, package URL (a redirect to the default file)', 'unpkg.html', `/${pkg.json.name}@${pkg.json.version}/dist/cdn/`],
  ] as const) {
    it(`a script tag pointing at the package name works on ${name}`, async () => {
      const watched = await openPage(browser, `${server.origin}/${file}`);
      try {
        await settled(watched);
        assert.ok(scriptsFetched(watched).includes(`${chunkPrefix}c2c-call-button.js`), `the module build loads from ${chunkPrefix}: ${scriptsFetched(watched).join(', ')}`);
        await intentThenCall(watched, chunkPrefix);
      } finally {
        await watched.close();
      }
    });
  }

  it('a second copy of the script (module twice from two paths, and the classic loader) is a no-op', async () => {
    const watched = await openPage(browser, `${server.origin}/twice.html`);
    try {
      await settled(watched);
      assert.deepEqual(watched.problems, [], 'no error from defining twice');
      assert.equal(await watched.page.evaluate(() => document.querySelector('c2c-call-button')!.shadowRoot!.querySelectorAll('[part="button"]').length), 1);
      await intentThenCall(watched, '/assets/c2c/v1/');
    } finally {
      await watched.close();
    }
  });

  it('on a page that is not a secure context it says why calls cannot be made, before any click, and fetches nothing for a call', async () => {
    // http on a host name that is not loopback is not a secure context: the name leads to this machine all the same.
    const insecure = await chromium.launch({
      executablePath: (await findBrowser())!, headless: true, args: [...CALL_FLAGS, '--host-resolver-rules=MAP insecure.test 127.0.0.1'],
    });
    try {
      const page = await insecure.newPage();
      const requests: string[] = [];
      page.on('request', (request) => requests.push(new URL(request.url()).pathname));
      await page.goto(`${server.origin.replace('127.0.0.1', 'insecure.test')}/module.html`);
      await page.waitForFunction(() => (document.querySelector('c2c-call-button') as HTMLElement & { hasUpdated?: boolean })?.hasUpdated);
      assert.equal(await page.evaluate(() => isSecureContext), false);
      const button = page.locator('c2c-call-button [part="button"]');
      assert.equal(await button.isDisabled(), true);
      assert.equal(await page.locator('c2c-call-button [part="status"]').textContent(), 'Calls need a secure (https) page.');
      assert.equal(await button.getAttribute('aria-describedby'), 'why');
      await page.locator('c2c-call-button').hover();
      await page.locator('c2c-call-button').focus();
      await page.waitForLoadState('networkidle');
      assert.deepEqual(requests.filter((path) => path.endsWith('.js')), ['/assets/c2c/v1/c2c-call-button.js'], 'nothing loads on intent');
      await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core') });
      const violations = await page.evaluate(async () => {
        const result = await (window as unknown as { axe: { run(el: Element, o: object): Promise<{ violations: { id: string }[] }> } }).axe
          .run(document.querySelector('c2c-call-button')!, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] } });
        return result.violations.map((v) => v.id);
      });
      assert.deepEqual(violations, []);
    } finally {
      await insecure.close();
    }
  });

  it('an in-call view chunk that failed to load (offline) loads on the retry, and the failed hover throws nothing into the page', async () => {
    const watched = await openPage(browser, `${server.origin}/module.html`);
    const { page } = watched;
    const inCallView = '**/in-call-view-*.js*';
    try {
      await settled(watched);
      await page.route(inCallView, (route) => route.abort('internetdisconnected'));
      await page.locator('c2c-call-button [part="button"]').hover();
      const prepared = await page.evaluate(() => (document.querySelector('c2c-call-button') as HTMLElement & { prepare(): Promise<void> })
        .prepare().then(() => 'prepared', (error: { name: string; code?: string }) => `${error.name} ${error.code}`));
      assert.equal(prepared, 'C2cError network', 'the hover could not load the view: a network error, which the element keeps to itself');
      const failed = await page.evaluate(() => (document.querySelector('c2c-call-button') as HTMLElement & { call(): Promise<void> })
        .call().then(() => 'active', (error: { code?: string; retryable?: boolean }) => `${error.code} ${error.retryable}`));
      assert.equal(failed, 'network true');
      assert.equal(await page.locator('c2c-call-button [part="retry"]').count(), 1, 'a retry is offered');

      await page.unroute(inCallView); // back online
      await page.locator('c2c-call-button [part="retry"]').click();
      await waitForState(page, 'active');
      assert.equal(await page.locator('c2c-call-button [part="controls"]').count(), 1, 'the in-call view shows the call');
      const viewRequests = watched.requests.filter((url) => url.includes('/in-call-view-')).map((url) => new URL(url).search);
      assert.match(viewRequests.at(-1)!, /c2c-retry=\d+$/, `fetched anew, as a new module: ${viewRequests.join(', ')}`);
      await page.locator('c2c-call-button [part="hangup"]').click();
      await waitForState(page, 'ended');
      // The browser logs each request it could not make ("Failed to load resource"); nothing else may reach the page.
      const problems = watched.problems.filter((problem) => !problem.startsWith('console.error: Failed to load resource: net::ERR_INTERNET_DISCONNECTED'));
      assert.deepEqual(problems, [], 'nothing escaped to the page: no uncaught error from the failed loads');
    } finally {
      await watched.close();
    }
  });

  it('a tag in the page before the script is upgraded with its attributes, and a property set before the upgrade wins', async () => {
    const watched = await openPage(browser, `${server.origin}/upgrade.html`);
    try {
      await settled(watched);
      const seen = await watched.page.evaluate(() => {
        const el = document.querySelector('c2c-call-button') as HTMLElement & { label: string; timeouts: object; destination: string };
        return { label: el.shadowRoot!.querySelector('[part="label"]')!.textContent, timeouts: el.timeouts, destination: el.destination, state: el.getAttribute('state') };
      });
      assert.deepEqual(seen, { label: 'Talk to sales', timeouts: { answerMs: 9000 }, destination: '/public/echo', state: 'idle' });
      await watched.page.locator('c2c-call-button [part="button"]').click();
      await waitForState(watched.page, 'active');
      await watched.page.locator('c2c-call-button [part="hangup"]').click();
      await waitForState(watched.page, 'ended');
      assert.deepEqual(watched.problems, []);
    } finally {
      await watched.close();
    }
  });
});
