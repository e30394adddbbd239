// The visitor closes the tab (or leaves the page) in the middle of a call: the far end gets a hang-up. @signalwire/js
// sends none on unload, so without the element's own `pagehide` hang-up the emulator would see the socket go, not a
// bye (`endedBy: 'socket-gone'`). Real Chromium, the packed CDN build, the emulator's call log.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Browser } from 'playwright';
import { DEMO_C2C_TOKEN, startEmulatorProcess, type CallRecord, type EmulatorProcess } from '../../emulator/index.ts';
import { launchBrowser, openPage, waitForState } from './support/browser.ts';
import { packedPackage } from './support/package.ts';
import { serveStatic, type StaticServer } from './support/static-server.ts';

const pkg = packedPackage();

let emulator: EmulatorProcess;
let server: StaticServer;
let browser: Browser;

const page = (destination: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>a call, then the tab goes</title><link rel="icon" href="data:,"></head>
<body>
<c2c-call-button token="${DEMO_C2C_TOKEN}" destination="${destination}" api-base="${emulator.origin}"></c2c-call-button>
<script type="module" src="/cdn/c2c-call-button.js"></script>
</body></html>`;

async function emulatorJson<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${emulator.origin}${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  assert.equal(response.status, 200, `${method} ${path}`);
  return (await response.json()) as T;
}

/** The emulator's record of the one call, once it has ended. */
async function endedCall(): Promise<CallRecord> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const calls = await emulatorJson<CallRecord[]>('GET', '/__calls');
    if (calls.length === 1 && calls[0]!.state === 'ended') return calls[0]!;
    if (Date.now() > deadline) throw new Error(`the call did not end: ${JSON.stringify(calls)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the tab goes during a call', { timeout: 120_000 }, () => {
  before(async () => {
    emulator = await startEmulatorProcess();
    server = await serveStatic({
      mounts: { '/cdn/': `${pkg.dir}dist/cdn/` },
      pages: {
        '/echo.html': page('/public/echo'),
        '/ringing.html': page('/public/no-answer'),
        // No favicon request either (its 404 would be a console error on the page the test watches).
        '/elsewhere.html': '<!doctype html><title>elsewhere</title><link rel="icon" href="data:,">',
      },
    });
    browser = await launchBrowser();
  });

  beforeEach(async () => {
    await emulatorJson('DELETE', '/__faults');
    // Without a bye, the session ends the moment its socket closes (socket-gone), not a minute later.
    await emulatorJson('POST', '/__faults', { orphanTimeoutMs: 0 });
    await emulatorJson('DELETE', '/__calls');
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await emulator?.close();
  });

  for (const [name, file, state, leave] of [
    ['the tab is closed during the call', 'echo.html', 'active', 'close'],
    ['the page navigates away during the call', 'echo.html', 'active', 'navigate'],
    ['the tab is closed while the far end rings', 'ringing.html', 'ringing', 'close'],
  ] as const) {
    it(`${name}: the far end gets a hang-up from the caller`, async () => {
      const watched = await openPage(browser, `${server.origin}/${file}`);
      try {
        await watched.page.locator('c2c-call-button [part="button"]').click();
        await waitForState(watched.page, state);
        if (leave === 'close') await watched.page.close();
        else await watched.page.goto(`${server.origin}/elsewhere.html`);
        const call = await endedCall();
        assert.equal(call.endedBy, 'caller', `the far end saw ${JSON.stringify(call)}`);
        assert.equal(call.cause, 'NORMAL_CLEARING');
        assert.deepEqual(watched.problems, []);
      } finally {
        await watched.close();
      }
    });
  }
});
