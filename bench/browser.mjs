// Headless Chromium for the bench: one browser, a fresh context (empty cache and storage, its own renderer)
// per run, and the few Chrome DevTools Protocol reads the bench takes from a page.
import { chromium } from 'playwright';
import { compiledCodeBytes } from '../scripts/compiled-code.mjs';
import { CALL_FLAGS } from '../scripts/find-browser.mjs';

export async function launchBrowser(executablePath) {
  return chromium.launch({ executablePath, headless: true, args: CALL_FLAGS });
}

/**
 * Runs `use(page)` in a fresh context with microphone and camera granted (fake devices), then closes it,
 * whatever happened. `initScript` runs in the page before its own scripts.
 */
export async function inFreshPage(browser, use, { initScript } = {}) {
  const context = await browser.newContext({ permissions: ['microphone', 'camera'] });
  try {
    const page = await context.newPage();
    if (initScript) await page.addInitScript(initScript);
    return await use(page);
  } finally {
    await context.close();
  }
}

/**
 * Records the page's requests to `origin` that are not the page itself, in the order the browser made them.
 * `files()` waits for their bodies and returns `{ path, bytes }` for the first `upTo` of them (default all).
 */
export function recordRequests(page, origin) {
  const requests = [];
  page.on('request', (request) => {
    if (request.resourceType() !== 'document' && request.url().startsWith(`${origin}/`)) requests.push(request);
  });
  return {
    get count() {
      return requests.length;
    },
    async files(upTo = requests.length) {
      return Promise.all(
        requests.slice(0, upTo).map(async (request) => {
          const response = await request.response();
          return { path: new URL(request.url()).pathname, status: response?.status() ?? null, body: response ? await response.body() : Buffer.alloc(0) };
        }),
      );
    },
  };
}

/** A DevTools session on the page. */
export function devtools(page) {
  return page.context().newCDPSession(page);
}

/**
 * Used JS heap after garbage collection (Runtime.getHeapUsage, after HeapProfiler.collectGarbage twice: one
 * pass can leave objects that only the first freed), and the DOM counters (Memory.getDOMCounters: documents,
 * nodes, JS event listeners) of the page's renderer. With `code`, also how much of that heap is compiled code
 * (`codeBytes`, from a heap snapshot).
 */
export async function heapAndCounters(cdp, { code = false } = {}) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize, totalSize } = await cdp.send('Runtime.getHeapUsage');
  const { documents, nodes, jsEventListeners } = await cdp.send('Memory.getDOMCounters');
  return {
    heapUsedBytes: usedSize, heapTotalBytes: totalSize, documents, nodes, jsEventListeners,
    ...(code ? { codeBytes: await compiledCodeBytes(cdp) } : {}),
  };
}

/**
 * Event listeners (DOMDebugger.getEventListeners) on the object `expression` evaluates to; with `subtree`,
 * on its descendants too, shadow roots included.
 */
export async function countListeners(cdp, expression, { subtree = false } = {}) {
  const { result } = await cdp.send('Runtime.evaluate', { expression });
  if (!result.objectId) return null;
  try {
    const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId, ...(subtree ? { depth: -1, pierce: true } : {}) });
    return listeners.length;
  } finally {
    await cdp.send('Runtime.releaseObject', { objectId: result.objectId });
  }
}

/** Counts the page's open websockets as the browser sees them (Network.webSocketCreated / webSocketClosed). */
export async function trackWebSockets(cdp) {
  const open = new Set();
  let created = 0;
  cdp.on('Network.webSocketCreated', ({ requestId }) => {
    created++;
    open.add(requestId);
  });
  cdp.on('Network.webSocketClosed', ({ requestId }) => open.delete(requestId));
  await cdp.send('Network.enable');
  return {
    get open() {
      return open.size;
    },
    get created() {
      return created;
    },
  };
}
