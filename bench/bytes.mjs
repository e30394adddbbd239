// Step 2 of `npm run bench`: the bytes of every shipped form, as Chromium fetches them. For each form, one page
// in a fresh context: what it fetched once its network went idle, before any hover, focus or click ("before
// intent"), then a click with nothing prepared and everything fetched by `active` ("until active"); then the
// call is hung up. Counted: every request to the page's own server except the page itself (the emulator's
// REST call and relay socket are not bytes the page ships). Sizes are of the bodies served: raw, gzip -9, brotli.
import { inFreshPage, recordRequests } from './browser.mjs';
import { elementCall, floorCall, hangUpEverything } from './harness.mjs';
import { sizes, total } from './sizes.mjs';

function describeFiles(files) {
  const seen = new Set();
  const described = [];
  for (const file of files) {
    if (seen.has(file.path)) continue;
    seen.add(file.path);
    described.push({ file: file.path.replace(/^\//, ''), status: file.status, ...sizes(file.body) });
  }
  return { files: described, total: total(described) };
}

/**
 * @param {{ browser: import('playwright').Browser, forms: { id: string, label: string, url: string, kind: 'element' | 'floor' }[],
 *           timeoutMs: number, log: (line: string) => void }} options
 */
export async function measureBytes({ browser, forms, timeoutMs, log }) {
  const results = {};
  for (const form of forms) {
    results[form.id] = await probe(browser, form, timeoutMs, log).catch((error) => {
      log(`  ${form.label}: FAILED ${error.message}`);
      return { label: form.label, outcome: 'failed', error: { code: 'bench', message: error.message }, beforeIntent: null, untilActive: null };
    });
  }
  return results;
}

async function probe(browser, form, timeoutMs, log) {
  return inFreshPage(browser, async (page) => {
    const requests = recordRequests(page, new URL(form.url).origin);
    await page.goto(form.url, { waitUntil: 'networkidle' });
    const beforeIntent = requests.count;
    const harness = form.kind === 'floor' ? floorCall : elementCall;
    const call = await page.evaluate(harness, { warm: false, timeoutMs, hangup: false });
    const untilActive = requests.count;
    const finalState = await page.evaluate(hangUpEverything);
    const before = describeFiles(await requests.files(beforeIntent));
    const until = describeFiles(await requests.files(untilActive));
    log(`  ${form.label}: ${before.files.length} file(s) before intent, ${until.files.length} until ${call.outcome}; hung up: ${finalState}`);
    return {
      label: form.label,
      outcome: call.outcome,
      error: call.error,
      beforeIntent: before,
      untilActive: until,
    };
  });
}
