// Step 5 of `npm run bench`: many calls in one page, as a visitor who calls again and again. The element's page
// (the npm package in a Vite app) gets `cycles` call cycles on its button: call() (what a click does) → active →
// hangup() → ended; then the floor page gets as many (click → active → hang-up and disconnect), so whatever grows
// can be told apart: the element's, or the SDK's own. Before the first call, after the first cycle and after the
// last, once the page has been quiet for `settleMs`: the used JS heap after garbage collection, the renderer's DOM
// nodes and JS event listeners, the listeners on window, document, navigator.mediaDevices (where the SDK watches
// devices) and the element (its shadow root included), the open websockets as the browser sees them, and the
// getUserMedia tracks still live and the RTCPeerConnections not closed, and how many of those the page still holds at
// all (counted by trackMedia), and how much of the heap is compiled code (set aside for the growth: V8 compiles more
// of the SDK as it gets hot). Each snapshot waits until no peer connection is left in memory, or 20 s (Chromium lets go
// of most closed ones within seconds and of some never: a state change undelivered at close() keeps them). The emulator forgets each relay session as its socket closes
// (orphanTimeoutMs 0).
import { countListeners, devtools, heapAndCounters, inFreshPage, trackWebSockets } from './browser.mjs';
import { callCycles, liveMedia, pageReady, trackMedia } from './harness.mjs';

const BATCH = 25; // cycles per page.evaluate, so progress can be logged
/** How long a snapshot waits for the renderer to let go of the calls' media by itself. */
const RELEASE_LIMIT_MS = 20_000;

/**
 * @param {{ browser: import('playwright').Browser, pages: { id: string, label: string, url: string }[], cycles: number,
 *           settleMs: number, timeoutMs: number, log: (line: string) => void, emulatorOrigin: string }} options
 * @returns {Promise<Record<string, { label: string, cycles: object[], snapshots: object[], settleMs: number }>>}
 */
export async function measureEndurance({ browser, pages, cycles, settleMs, timeoutMs, log, emulatorOrigin }) {
  await fetch(`${emulatorOrigin}/__faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ orphanTimeoutMs: 0 }) });
  const results = {};
  for (const { id, label, url } of pages) {
    log(`  ${label}:`);
    results[id] = { label, ...(await cyclesInOnePage({ browser, url, cycles, settleMs, timeoutMs, log })) };
  }
  return results;
}

async function cyclesInOnePage({ browser, url, cycles, settleMs, timeoutMs, log }) {
  return inFreshPage(
    browser,
    async (page) => {
      const cdp = await devtools(page);
      const sockets = await trackWebSockets(cdp); // before the page loads, so every socket is seen
      await page.goto(url, { waitUntil: 'load' });
      await page.evaluate(pageReady); // not page.waitForFunction: it leaves 13 listeners of Playwright's on window

      const snapshots = [];
      const snapshot = async (afterCycles) => {
        await page.waitForTimeout(settleMs);
        // Chromium holds each getUserMedia result for several seconds after the page lets go of it; a page that keeps
        // nothing has no peer connection left in memory once that has passed. Read after it, or after the limit.
        for (const until = Date.now() + RELEASE_LIMIT_MS; Date.now() < until;) {
          await heapAndCounters(cdp); // garbage collection
          if ((await page.evaluate(liveMedia)).peersInMemory === 0) break;
          await page.waitForTimeout(500);
        }
        const memory = await heapAndCounters(cdp, { code: true });
        const listeners = {
          window: await countListeners(cdp, 'window'),
          document: await countListeners(cdp, 'document'),
          mediaDevices: await countListeners(cdp, 'navigator.mediaDevices'),
          element: await countListeners(cdp, "document.querySelector('c2c-call-button')", { subtree: true }),
        };
        const media = await page.evaluate(liveMedia);
        const taken = { afterCycles, ...memory, listeners, openSockets: sockets.open, socketsCreated: sockets.created, ...media };
        snapshots.push(taken);
        log(`    after ${afterCycles} cycle(s): heap ${(taken.heapUsedBytes / 1024).toFixed(0)} KB (code ${(taken.codeBytes / 1024).toFixed(0)} KB), ${taken.jsEventListeners} JS listeners, ` +
          `${taken.openSockets} open socket(s), ${taken.liveTracks} live track(s), ${taken.openPeers} open peer connection(s), ${taken.peersInMemory} in memory`);
      };

      const results = [];
      await snapshot(0);
      const checkpoints = [...new Set([1, cycles])];
      for (const checkpoint of checkpoints) {
        while (results.length < checkpoint) {
          const count = Math.min(BATCH, checkpoint - results.length);
          results.push(...(await page.evaluate(callCycles, { count, timeoutMs })));
          const failed = results.filter((r) => r.outcome !== 'active').length;
          log(`    ${results.length}/${cycles} cycles${failed ? `, ${failed} failed` : ''}`);
        }
        await snapshot(results.length);
      }
      return { cycles: results, snapshots, settleMs };
    },
    { initScript: trackMedia },
  );
}
