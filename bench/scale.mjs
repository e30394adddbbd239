// Step 4 of `npm run bench`: many buttons on one page, with the CDN module build. Pages with 1, 10 and 100
// buttons in their HTML (and a baseline page with none and no script) are opened in fresh contexts, in rotating
// order; the bench imports the module build and times it until every button has rendered, then reads the used
// JS heap after garbage collection and the renderer's DOM counters, and the bytes the page fetched. Then calls
// with 1 and with 100 buttons on the page, alternating: prepare, click → active on the first button, hang up.
import { devtools, heapAndCounters, inFreshPage, recordRequests } from './browser.mjs';
import { defineAndRender, elementCall } from './harness.mjs';
import { MODULE_FILE } from './pages.mjs';
import { sizes, total } from './sizes.mjs';

export const BASELINE = 0;

async function loadOnce(browser, origin, count) {
  return inFreshPage(browser, async (page) => {
    const requests = recordRequests(page, origin);
    await page.goto(`${origin}/scale/${count}`, { waitUntil: 'load' });
    const timing = count === BASELINE ? null : await page.evaluate(defineAndRender, `/${MODULE_FILE}`);
    const memory = await heapAndCounters(await devtools(page));
    const files = (await requests.files()).map((f) => ({ file: f.path.replace(/^\//, ''), ...sizes(f.body) }));
    return { ...timing, ...memory, bytes: total(files), files: files.map((f) => f.file) };
  });
}

async function callOnce(browser, origin, count, timeoutMs) {
  return inFreshPage(browser, async (page) => {
    await page.goto(`${origin}/scale/${count}`, { waitUntil: 'load' });
    await page.evaluate(defineAndRender, `/${MODULE_FILE}`);
    return page.evaluate(elementCall, { warm: true, timeoutMs });
  });
}

const failed = (error) => ({ outcome: 'failed', error: { code: 'bench', message: error.message } });

/**
 * @param {{ browser: import('playwright').Browser, origin: string, counts: number[], runs: number, callRuns: number,
 *           callCounts: [number, number], timeoutMs: number, log: (line: string) => void }} options
 */
export async function measureScale({ browser, origin, counts, runs, callRuns, callCounts, timeoutMs, log }) {
  const all = [BASELINE, ...counts];
  const loads = Object.fromEntries(all.map((n) => [n, []]));
  for (let round = 0; round < runs; round++) {
    for (const count of all.map((_, i) => all[(i + round) % all.length])) {
      const result = await loadOnce(browser, origin, count).catch(failed);
      loads[count].push({ round, ...result });
      const what = count === BASELINE ? 'no element, no script' : `${count} button(s)`;
      log(`  ${round + 1}/${runs} ${what}: ${result.outcome === 'failed' ? `FAILED ${result.error.message}` : `${result.totalMs == null ? '' : `rendered ${result.rendered}/${result.buttons} in ${result.totalMs.toFixed(1)} ms, `}heap ${(result.heapUsedBytes / 1024).toFixed(0)} KB`}`);
    }
  }

  const calls = Object.fromEntries(callCounts.map((n) => [n, []]));
  for (let round = 0; round < callRuns; round++) {
    for (const count of round % 2 === 0 ? callCounts : [...callCounts].reverse()) {
      const result = await callOnce(browser, origin, count, timeoutMs).catch(failed);
      calls[count].push({ round, ...result });
      log(`  ${round + 1}/${callRuns} call with ${count} button(s) on the page (prepared): ${result.outcome}${result.activeMs != null ? ` in ${result.activeMs.toFixed(0)} ms` : result.error ? ` (${result.error.code}: ${result.error.message})` : ''}`);
    }
  }
  return { loads, calls };
}
