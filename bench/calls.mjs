// Step 2 of `npm run bench`: calls from headless Chromium (fake media) to the emulator's echo address,
// through the production build. Every run gets a fresh browser context (empty cache, new page):
//   cold: click with no prior hover, so the click pays for the token exchange and the SDK download;
//   warm: `await el.prepare()` first (what hover/focus does), then click.
// Times are taken inside the page with performance.now(): from just before the click to each
// `c2c-state-change`. Each call is hung up before its context closes.
import { chromium } from 'playwright';
import { CALL_FLAGS } from '../scripts/find-browser.mjs';

const RUN_TIMEOUT_MS = 20_000;

/** The bench page: the element only, as a page would embed it from a CDN. */
export function benchPage({ entryFile, apiBase, token, destination }) {
  const attr = (value) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>c2c bench</title><link rel="icon" href="data:,">
<script type="module" src="/${attr(entryFile)}"></script></head>
<body><c2c-call-button token="${attr(token)}" destination="${attr(destination)}" api-base="${attr(apiBase)}"></c2c-call-button></body></html>`;
}

/** Runs in the page: one call, optionally prepared, then a hang-up. Returns ms since the click per state. */
async function oneCallInPage({ warm, timeoutMs, entryFile }) {
  await customElements.whenDefined('c2c-call-button');
  const el = document.querySelector('c2c-call-button');
  await el.updateComplete;
  const button = el.shadowRoot.querySelector('[part="button"]');
  let prepareMs = null;
  if (warm) {
    const start = performance.now();
    await el.prepare();
    prepareMs = performance.now() - start;
  }
  const states = [];
  let resolveEnd;
  const ended = new Promise((resolve) => (resolveEnd = resolve));
  let clickAt = 0;
  el.addEventListener('c2c-state-change', (event) => {
    states.push({ state: event.state, ms: performance.now() - clickAt });
    if (event.state === 'active' || event.state === 'error') resolveEnd(event.state);
  });
  const timer = setTimeout(() => resolveEnd('timeout'), timeoutMs);
  clickAt = performance.now();
  button.click(); // a click without pointerenter or focus: nothing prepared unless `warm`
  const outcome = await ended;
  clearTimeout(timer);
  const error = el.error ? { code: el.error.code, message: el.error.message } : null;
  // When the lazily imported chunks finished downloading, relative to the click (negative: before it).
  const chunks = performance.getEntriesByType('resource')
    .filter((entry) => entry.initiatorType !== 'fetch' && entry.name.endsWith('.js') && !entry.name.endsWith(`/${entryFile}`))
    .map((entry) => ({ file: new URL(entry.name).pathname, downloadedMs: entry.responseEnd - clickAt, bytes: entry.encodedBodySize }));
  if (outcome === 'active') {
    const hungUp = new Promise((resolve) => {
      el.addEventListener('c2c-state-change', (event) => event.state === 'ended' && resolve(), { once: false });
    });
    await el.hangup();
    await Promise.race([hungUp, new Promise((resolve) => setTimeout(resolve, 5_000))]);
  }
  return { outcome, prepareMs, states, error, chunks };
}

/**
 * @param {{ pageUrl: string, entryFile: string, runs: number, requests: string[], log?: (line: string) => void, executablePath?: string }} options
 */
export async function measureCalls({ pageUrl, entryFile, runs, requests, executablePath, log = () => undefined }) {
  const browser = await chromium.launch({ executablePath, headless: true, args: CALL_FLAGS });
  const results = { cold: [], warm: [], loads: [] };
  try {
    const once = async (mode) => {
      const context = await browser.newContext({ permissions: ['microphone', 'camera'] });
      try {
        const page = await context.newPage();
        const firstRequest = requests.length;
        await page.goto(pageUrl, { waitUntil: 'load' });
        await page.waitForFunction(() => customElements.get('c2c-call-button') !== undefined);
        const onLoad = requests.slice(firstRequest);
        const result = await page.evaluate(oneCallInPage, { warm: mode === 'warm', timeoutMs: RUN_TIMEOUT_MS, entryFile });
        return { ...result, filesOnLoad: onLoad, filesAfterLoad: requests.slice(firstRequest + onLoad.length) };
      } finally {
        await context.close();
      }
    };
    // One call first that is not counted: the browser's and the emulator's own first-time costs.
    const warmup = await once('cold');
    log(`  warm-up call (not counted): ${warmup.outcome}`);
    for (let i = 0; i < runs; i++) {
      // Alternating, so drift on a busy machine falls on both kinds alike.
      for (const mode of i % 2 === 0 ? ['cold', 'warm'] : ['warm', 'cold']) {
        const result = await once(mode);
        results[mode].push(result);
        const active = result.states.find((s) => s.state === 'active');
        log(`  ${mode} ${i + 1}/${runs}: ${result.outcome}${active ? ` in ${active.ms.toFixed(0)} ms` : result.error ? ` (${result.error.code})` : ''}`);
      }
    }
  } finally {
    await browser.close();
  }
  return results;
}
