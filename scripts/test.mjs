// `npm test`: three groups, then one plain line `N passed, N failed` summing them.
//   node     test/node/*.test.ts   logic and the emulator (Node's test runner)
//   ship     test/ship/*.test.ts   what ships: `npm run build` + `npm pack`, then pages, a Vite app and Node loading it
//   browser  test/browser/**       the element, the wrappers and end-to-end calls in Chromium (@web/test-runner)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';

rmSync('.test-results', { recursive: true, force: true });

/** Runs Node's test runner on the `.test.ts` files of `dir`; its pass/fail counts come from the spec summary. */
function nodeTests(dir, extraArgs = []) {
  const files = readdirSync(dir).filter((name) => name.endsWith('.test.ts')).map((name) => `${dir}/${name}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...extraArgs, '--test-reporter=spec', ...files],
    { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', env: process.env });
  const output = run.stdout ?? '';
  process.stdout.write(output);
  const count = (what) => Number(new RegExp(`^ℹ ${what} (\\d+)$`, 'm').exec(output)?.[1] ?? NaN);
  const passed = count('pass');
  const failed = count('fail');
  if (Number.isNaN(passed) || Number.isNaN(failed)) return { passed: passed || 0, failed: 1 }; // no summary: it broke
  return { passed, failed: Math.max(failed, run.status === 0 ? 0 : 1) };
}

const node = nodeTests('test/node');

// What ships is built and packed once, then tested one file at a time. Each file ends when its tests are done: nothing
// is left open (the emulator runs in a process of its own, which its close() ends; see emulator/process.ts).
const pack = spawnSync(process.execPath, ['scripts/pack.mjs'], { stdio: 'inherit', env: process.env });
const ship = pack.status === 0
  ? nodeTests('test/ship', ['--test-concurrency=1'])
  : { passed: 0, failed: 1 };

const browser = spawnSync('npx', ['web-test-runner'], { stdio: 'inherit', env: process.env });
let browserPassed = 0;
let browserFailed = browser.status === 0 ? 0 : 1;
if (existsSync('.test-results/browser.json')) {
  const counts = JSON.parse(readFileSync('.test-results/browser.json', 'utf8'));
  browserPassed = counts.passed;
  browserFailed = Math.max(counts.failed, browser.status === 0 ? 0 : 1);
}

const passed = node.passed + ship.passed + browserPassed;
const failed = node.failed + ship.failed + browserFailed;
console.log(`\nNode: ${node.passed} passed, ${node.failed} failed. Shipped package: ${ship.passed} passed, ${ship.failed} failed. ` +
  `Browser: ${browserPassed} passed, ${browserFailed} failed.`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
