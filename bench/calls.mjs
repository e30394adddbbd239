// Step 3 of `npm run bench`: click → active, the element against the floor, in headless Chromium (fake media)
// calling the emulator's echo address. Every run is one call in a fresh browser context (empty cache, new page),
// hung up before the context closes. Kinds are interleaved: each round runs every kind once, the order rotating
// from round to round, so element and floor runs see the same machine load and take every slot equally often.
import { inFreshPage } from './browser.mjs';
import { elementCall, floorCall } from './harness.mjs';

/** One call in a fresh page. A run that throws (page crash, navigation failure) is a failed run, not an abort. */
async function runOnce(browser, kind, timeoutMs) {
  try {
    return await inFreshPage(browser, async (page) => {
      await page.goto(kind.url, { waitUntil: 'load' });
      return page.evaluate(kind.harness === 'floor' ? floorCall : elementCall, { warm: kind.warm, timeoutMs });
    });
  } catch (error) {
    return { outcome: 'failed', activeMs: null, prepareMs: null, states: [], marks: {}, error: { code: 'bench', message: error.message }, finalState: null };
  }
}

const describe = (result) =>
  result.outcome === 'active'
    ? `active in ${result.activeMs.toFixed(0)} ms${result.finalState === 'ended' ? '' : `, hang-up left it ${result.finalState}`}`
    : `${result.outcome}${result.error ? ` (${result.error.code}: ${result.error.message})` : ''}`;

/**
 * @param {{ browser: import('playwright').Browser, kinds: { id: string, label: string, url: string, harness: 'element' | 'floor', warm: boolean }[],
 *           runs: number, timeoutMs: number, log: (line: string) => void }} options
 * @returns {Promise<{ warmUp: object[], runs: Record<string, object[]> }>} each kind's runs, in round order
 */
export async function measureCalls({ browser, kinds, runs, timeoutMs, log }) {
  // First, one uncounted cold call per page: the browser's, the server's and the emulator's first-time costs.
  const warmUp = [];
  for (const kind of kinds.filter((k) => !k.warm)) {
    const result = await runOnce(browser, kind, timeoutMs);
    warmUp.push({ kind: kind.id, outcome: result.outcome, error: result.error });
    log(`  warm-up ${kind.label} (not counted): ${describe(result)}`);
  }
  const results = Object.fromEntries(kinds.map((k) => [k.id, []]));
  for (let round = 0; round < runs; round++) {
    const order = kinds.map((_, i) => kinds[(i + round) % kinds.length]);
    for (const kind of order) {
      const result = await runOnce(browser, kind, timeoutMs);
      results[kind.id].push({ round, ...result });
      log(`  ${round + 1}/${runs} ${kind.label}: ${describe(result)}`);
    }
  }
  return { warmUp, runs: results };
}
