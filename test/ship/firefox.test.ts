// What ships for CDNs, in stock Firefox: `dist/cdn/c2c-call-button.js` (module) and `c2c-call-button.classic.js`
// (classic script) from the packed package, calling the local space emulator. The visitor's journey as in cdn.test.ts
// (before intent only the entry; hover prepares; a click calls; hang up), with the echoed media counted at the far end
// and nothing reaching the page's console on the first call of the page or the next.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'puppeteer-core';
import { DEMO_C2C_TOKEN, startEmulator, type EmulatorStats, type RunningEmulator } from '../../emulator/index.ts';
import {
  clickPart, firefoxProblems, launchFirefox, openFirefoxPage, waitForFirefoxState, type WatchedFirefoxPage,
} from './support/firefox.ts';
import { packedPackage } from './support/package.ts';
import { serveStatic, type StaticServer } from './support/static-server.ts';

const pkg = packedPackage();

let emulator: RunningEmulator;
let server: StaticServer;
let browser: Browser;

function page(script: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>c2c-call-button from a CDN</title><link rel="icon" href="data:,"></head>
<body>
<c2c-call-button token="${DEMO_C2C_TOKEN}" destination="/public/echo" api-base="${emulator.origin}"></c2c-call-button>
${script}
</body></html>`;
}

async function farEnd(): Promise<EmulatorStats> {
  return (await fetch(`${emulator.origin}/__stats`)).json() as Promise<EmulatorStats>;
}

const scriptsFetched = (watched: WatchedFirefoxPage) =>
  watched.requests.filter((url) => url.endsWith('.js')).map((url) => new URL(url).pathname);

/** Polls `read` until `ok` holds, or fails saying what it waited for. */
async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** One call, as a visitor makes it: click, the call is up and the far end echoes our audio, hang up. */
async function callWithEcho(watched: WatchedFirefoxPage): Promise<void> {
  const { page } = watched;
  const before = (await farEnd()).rtp;
  await clickPart(page, 'button');
  await waitForFirefoxState(page, 'active');
  // The far end receives our audio and sends it back: ~50 packets a second each way.
  await eventually(async () => (await farEnd()).rtp, (rtp) => rtp.received > before.received + 50 && rtp.echoed > before.echoed + 50,
    'the far end to receive and echo audio');
  await clickPart(page, 'hangup');
  await waitForFirefoxState(page, 'ended');
}

describe('the CDN builds in Firefox', { timeout: 120_000 }, () => {
  before(async () => {
    emulator = await startEmulator({ port: 0, quiet: true });
    server = await serveStatic({
      mounts: { '/assets/c2c/v1/': `${pkg.dir}dist/cdn/` },
      pages: {
        '/module.html': page('<script type="module" src="/assets/c2c/v1/c2c-call-button.js"></script>'),
        '/classic.html': page('<script src="/assets/c2c/v1/c2c-call-button.classic.js" defer></script>'),
      },
    });
    browser = await launchFirefox();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await emulator?.close();
  });

  for (const [name, file, entry] of [
    ['module build', 'module.html', ['/assets/c2c/v1/c2c-call-button.js']],
    ['classic build', 'classic.html', ['/assets/c2c/v1/c2c-call-button.classic.js', '/assets/c2c/v1/c2c-call-button.js']],
  ] as const) {
    it(`${name}: only the entry before intent; hover prepares, a click calls with echoed audio, twice; nothing reaches the console`, async () => {
      const watched = await openFirefoxPage(browser, `${server.origin}/${file}`);
      try {
        const { page } = watched;
        await page.waitForFunction(() => customElements.get('c2c-call-button') !== undefined);
        assert.deepEqual(scriptsFetched(watched), entry, 'before intent: the entry and nothing else');
        assert.equal(await watched.sockets(), 0, 'before intent: no websocket');

        await page.hover('c2c-call-button >>> [part="button"]');
        await page.evaluate(() => (document.querySelector('c2c-call-button') as HTMLElement & { prepare(): Promise<void> }).prepare());
        assert.ok(scriptsFetched(watched).some((path) => path.startsWith('/assets/c2c/v1/signalwire-sdk-')), 'hover loads the SDK chunk');
        assert.equal(await watched.sockets(), 1, 'hover opens the relay websocket ahead of the click');

        await callWithEcho(watched); // the page's first call
        await callWithEcho(watched); // and a later one
        assert.equal(await watched.liveTracks(), 0, 'the microphone is released');
        assert.deepEqual(await page.evaluate(() => [localStorage.length, sessionStorage.length]), [0, 0], 'no storage left behind');
        assert.deepEqual(await firefoxProblems(watched), []);
      } finally {
        await watched.close();
      }
    });
  }
});
