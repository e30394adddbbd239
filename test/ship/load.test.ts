// Load on the emulator: visitors, each in a browser context of their own, click at the same moment. Every call
// reaches `active` and hears its own voice echoed; the emulator reports as many open calls (and relay sockets and
// echo peers), then frees each one as it is hung up. The packed CDN build in real Chromium; the emulator in a Node
// process of its own, as a space runs apart from its callers.
// Ten contexts per browser: Chromium's audio service opens at most 16 microphone captures at a time per browser (the
// 17th getUserMedia fails with NotReadableError "Could not start audio source", measured without the element), a
// limit of the test machine's one browser, not of the element or the emulator.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright';
import { DEMO_C2C_TOKEN, startEmulatorProcess, type EmulatorProcess, type EmulatorStats } from '../../emulator/index.ts';
import { launchBrowser, openPage, waitForState, type WatchedPage } from './support/browser.ts';
import { packedPackage } from './support/package.ts';
import { serveStatic, type StaticServer } from './support/static-server.ts';

/**
 * Ten by default. On the 2-core machines this suite runs on, twenty calls at once do not fit: each Chromium visitor
 * in a call uses about 0.13 of a core (audio processing, encoding, playback, its WebRTC threads; the emulator about
 * 0.02 per call), so twenty need more than the machine has. Starved, some visitors take longer than the SDK's 3 s from
 * ICE `connecting` to `connected`, and the SDK gives up on them (it restarts ICE with relay servers only, which the
 * emulator does not offer). `npm run bench` measures it: its load step reports the most calls held at once and what a
 * call costs the visitors' browsers and the emulator. `C2C_LOAD_VISITORS=20` runs twenty.
 */
const VISITORS = Number(process.env.C2C_LOAD_VISITORS) || 10;
const BROWSERS = Math.ceil(VISITORS / 10);
const pkg = packedPackage();

let emulator: EmulatorProcess;
let server: StaticServer;
const browsers: Browser[] = [];

/** A request to the emulator's test endpoints. */
async function emulatorJson<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${emulator.origin}${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  assert.equal(response.status, 200, `${method} ${path}`);
  return (await response.json()) as T;
}

const stats = () => emulatorJson<EmulatorStats>('GET', '/__stats');

async function statsUntil(ok: (s: EmulatorStats) => boolean, what: string, timeoutMs = 20_000): Promise<EmulatorStats> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const current = await stats();
    if (ok(current)) return current;
    if (Date.now() > deadline) throw new Error(`${what}: the emulator stayed at ${JSON.stringify(current)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Init script: keeps the page's peer connections, to read their inbound audio. */
function keepPeers(): void {
  const peers: RTCPeerConnection[] = [];
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(config?: RTCConfiguration) {
      super(config);
      peers.push(this);
    }
  } as typeof RTCPeerConnection;
  Object.defineProperty(window, '__peers', { value: peers });
}

/** Audio bytes the page has received over its calls (the echo of its own fake microphone). */
function inboundAudioBytes(watched: WatchedPage): Promise<number> {
  return watched.page.evaluate(async () => {
    let bytes = 0;
    for (const peer of (window as unknown as { __peers: RTCPeerConnection[] }).__peers) {
      (await peer.getStats()).forEach((report: { type: string; kind?: string; bytesReceived?: number }) => {
        if (report.type === 'inbound-rtp' && report.kind === 'audio') bytes += report.bytesReceived ?? 0;
      });
    }
    return bytes;
  });
}

describe(`load: ${VISITORS} visitors call at once`, { timeout: 240_000 }, () => {
  before(async () => {
    emulator = await startEmulatorProcess();
    server = await serveStatic({
      mounts: { '/cdn/': `${pkg.dir}dist/cdn/` },
      pages: {
        '/': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>a visitor</title><link rel="icon" href="data:,"></head><body>
<c2c-call-button token="${DEMO_C2C_TOKEN}" destination="/public/echo" api-base="${emulator.origin}"></c2c-call-button>
<script type="module" src="/cdn/c2c-call-button.js"></script></body></html>`,
      },
    });
    // The emulator keeps its default orphanTimeoutMs: under this load the SDK may recycle a socket (a request not
    // answered within its 10 s), reconnect and resume its session, as it would with a real relay.
    for (let i = 0; i < BROWSERS; i++) browsers.push(await launchBrowser());
  });

  after(async () => {
    await Promise.all(browsers.map((browser) => browser.close()));
    await server?.close();
    await emulator?.close();
  });

  it('every call is active with its echo; the emulator holds each one, and frees each on hang-up', async (t) => {
    const visitors: WatchedPage[] = [];
    try {
      for (let i = 0; i < VISITORS; i++) {
        const browser = browsers[i % BROWSERS]!;
        visitors.push(await openPage(browser, `${server.origin}/`, { prepare: async (context) => void (await context.addInitScript(keepPeers)) }));
      }
      await Promise.all(visitors.map(({ page }) => page.evaluate(() => customElements.whenDefined('c2c-call-button'))));
      const started = Date.now();

      // All at once: one click each, without waiting for the others.
      await Promise.all(visitors.map(({ page }) => page.locator('c2c-call-button [part="button"]').click()));
      await Promise.all(visitors.map(({ page }) => waitForState(page, 'active', 'c2c-call-button', 90_000)));

      t.diagnostic(`all ${VISITORS} active ${Date.now() - started} ms after the clicks`);
      // A socket the SDK recycled under this load is back within its reconnect delay (1–4 s).
      const held = await statsUntil((s) => s.activeCalls === VISITORS && s.mediaPeers === VISITORS && s.sockets === VISITORS,
        `${VISITORS} calls, echo peers and relay sockets`);
      t.diagnostic(`the emulator held ${held.activeCalls} calls at once (${held.sockets} relay sockets, ${held.mediaPeers} echo peers)`);
      assert.equal(held.peakCalls, VISITORS, 'never more calls at once than visitors (each call placed once)');

      // Each visitor hears the echo: audio keeps arriving on every page.
      const deadline = Date.now() + 30_000;
      const first = await Promise.all(visitors.map(inboundAudioBytes));
      for (const [i, visitor] of visitors.entries()) {
        while ((await inboundAudioBytes(visitor)) <= first[i]! + 1_000) {
          assert.ok(Date.now() < deadline, `visitor ${i + 1} hears no echo`);
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }

      // Each hang-up frees its call at the far end.
      for (const [i, visitor] of visitors.entries()) {
        await visitor.page.locator('c2c-call-button [part="hangup"]').click();
        await waitForState(visitor.page, 'ended');
        await statsUntil((s) => s.activeCalls === VISITORS - i - 1 && s.mediaPeers === VISITORS - i - 1,
          `after ${i + 1} hang-up(s), ${VISITORS - i - 1} calls left`);
        assert.equal(await visitor.liveTracks(), 0, `visitor ${i + 1}'s microphone is released`);
      }
      await statsUntil((s) => s.sockets === 0 && s.activeCalls === 0 && s.mediaPeers === 0, 'no socket, call or echo peer held');
      for (const [i, visitor] of visitors.entries()) assert.deepEqual(visitor.problems, [], `visitor ${i + 1}`);
    } finally {
      await Promise.all(visitors.map((visitor) => visitor.close()));
    }
  });
});
