// A lazy chunk imported again after a failed import(): browsers keep the failure for that URL, so the retry asks for
// the URL the failure names, as a new module (a query makes it one); without a URL, the same import() again.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importAgain } from '../../src/button/lazy-chunk.js';

/** The URL importAgain imports for `failure` (recorded instead of imported). */
async function specifierTried(failure: unknown): Promise<string> {
  const tried: string[] = [];
  await importAgain(failure, () => Promise.reject(new Error('again() was called')), async (url) => void tried.push(url));
  assert.equal(tried.length, 1);
  return tried[0]!;
}

describe('importAgain', () => {
  it('imports the URL a Chromium failure names, with a query that makes it a new module', async () => {
    const tried = await specifierTried(new TypeError('Failed to fetch dynamically imported module: https://cdn.example/c2c/signalwire-sdk-DFDD.js'));
    assert.match(tried, /https:\/\/cdn\.example\/c2c\/signalwire-sdk-DFDD\.js\?c2c-retry=\d+/);
  });

  it('imports the URL a Firefox failure names, keeping its own query', async () => {
    const tried = await specifierTried(new TypeError('error loading dynamically imported module: http://localhost:5173/src/x.ts?v=1'));
    assert.match(tried, /http:\/\/localhost:5173\/src\/x\.ts\?v=1&c2c-retry=\d+/);
  });

  it('each retry is a new URL', async () => {
    const failure = new TypeError('Failed to fetch dynamically imported module: https://cdn.example/a.js');
    const first = /c2c-retry=(\d+)/.exec(await specifierTried(failure))![1];
    const second = /c2c-retry=(\d+)/.exec(await specifierTried(failure))![1];
    assert.notEqual(first, second);
  });

  for (const [failed, next] of [
    ['https://cdn.example/a.js?c2c-retry=1', /^https:\/\/cdn\.example\/a\.js\?c2c-retry=\d+$/],
    ['http://localhost:5173/src/x.ts?v=1&c2c-retry=1', /^http:\/\/localhost:5173\/src\/x\.ts\?v=1&c2c-retry=\d+$/],
    ['https://cdn.example/a.js?c2c-retry=1&v=2', /^https:\/\/cdn\.example\/a\.js\?v=2&c2c-retry=\d+$/],
  ] as const) {
    it(`a retry that failed too (${failed}) is retried with one retry query, not two`, async () => {
      assert.match(await specifierTried(new TypeError(`Failed to fetch dynamically imported module: ${failed}`)), next);
    });
  }

  for (const [label, failure] of [
    ['a failure without a URL (Safari: "Importing a module script failed.")', new TypeError('Importing a module script failed.')],
    ['a bundler\'s own chunk error (webpack: "Loading chunk 12 failed. (error: https://x/12.js)")', new Error('Loading chunk 12 failed.\n(error: https://x/12.js)')],
    ['something that is not an error', 'offline'],
    ['nothing', undefined],
  ] as const) {
    it(`with ${label}, tries the same import() again`, async () => {
      let again = 0;
      assert.equal(await importAgain(failure, async () => ++again, () => assert.fail('no URL to import')), 1);
      assert.equal(again, 1);
    });
  }
});
