// `npm test`: three groups, then one plain line `N passed, N failed, N skipped` summing them.
//   node     test/node/*.test.ts   logic and the emulator (Node's test runner)
//   ship     test/ship/*.test.ts   what ships: `npm run build` + `npm pack`, then pages (Chromium, Firefox, and
//                                  WebKitGTK at page load), a Vite app and Node loading it
//   browser  test/browser/**       the element, the wrappers and end-to-end calls in Chromium, the calling files in
//                                  Firefox too (@web/test-runner)
// A skipped test is one a browser cannot run (what it needs is Chromium's alone): counted here, named in the reports above.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';

rmSync('.test-results', { recursive: true, force: true });

/** Runs Node's test runner on the `.test.ts` files of `dir`; its counts come from the spec summary. */
function nodeTests(dir, extraArgs = []) {
  const files = readdirSync(dir).filter((name) => name.endsWith('.test.ts')).map((name) => `${dir}/${name}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...extraArgs, '--test-reporter=spec', ...files],
    { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', env: process.env });
  const output = run.stdout ?? '';
  process.stdout.write(output);
  const count = (what) => Number(new RegExp(`^ℹ ${what} (\\d+)$`, 'm').exec(output)?.[1] ?? NaN);
  const passed = count('pass');
  const failed = count('fail');
  const skipped = count('skipped') || 0;
  if (Number.isNaN(passed) || Number.isNaN(failed)) return { passed: passed || 0, failed: 1, skipped }; // no summary: it broke
  return { passed, failed: Math.max(failed, run.status === 0 ? 0 : 1), skipped };
}

const node = nodeTests('test/node');

// What ships is built and packed once, then tested one file at a time. Each file ends when its tests are done: nothing
// is left open (the emulator runs in a process of its own, which its close() ends: startEmulatorProcess, from emulator/index.ts).
const pack = spawnSync(process.execPath, ['scripts/pack.mjs'], { stdio: 'inherit', env: process.env });
const ship = pack.status === 0
  ? nodeTests('test/ship', ['--test-concurrency=1'])
  : { passed: 0, failed: 1, skipped: 0 };

const run = spawnSync('npx', ['web-test-runner'], { stdio: 'inherit', env: process.env });
const browser = { passed: 0, failed: run.status === 0 ? 0 : 1, skipped: 0, byBrowser: {} };
if (existsSync('.test-results/browser.json')) {
  const counts = JSON.parse(readFileSync('.test-results/browser.json', 'utf8'));
  Object.assign(browser, counts, { failed: Math.max(counts.failed, browser.failed) });
}

const line = ({ passed, failed, skipped }) => `${passed} passed, ${failed} failed, ${skipped} skipped`;
const perBrowser = Object.entries(browser.byBrowser).map(([name, counts]) => `${name} ${line(counts)}`).join('; ');
console.log(`\nNode: ${line(node)}. Shipped package: ${line(ship)}. Browser: ${line(browser)}${perBrowser ? ` (${perBrowser})` : ''}.`);
const total = {
  passed: node.passed + ship.passed + browser.passed,
  failed: node.failed + ship.failed + browser.failed,
  skipped: node.skipped + ship.skipped + browser.skipped,
};
console.log(line(total));
const { passed, failed } = total;
process.exit(failed === 0 && passed > 0 ? 0 : 1);
