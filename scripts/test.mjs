// `npm test`: the Node tests (emulator, pure logic) and the browser tests (element, end to end),
// then one plain line `N passed, N failed` summing both.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';

rmSync('.test-results', { recursive: true, force: true });

function run(command, args) {
  return spawnSync(command, args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', env: process.env });
}

// Node's test runner: its closing lines carry `# pass N` / `# fail N` with the TAP-like spec reporter.
const node = run(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-reporter-destination=stdout',
  '--test-reporter=tap', '--test-reporter-destination=.test-results-node.tap',
  ...readdirSync('test/node').filter((name) => name.endsWith('.test.ts')).map((name) => `test/node/${name}`)]);
process.stdout.write(node.stdout ?? '');
let nodePassed = 0;
let nodeFailed = node.status === 0 ? 0 : 1;
if (existsSync('.test-results-node.tap')) {
  const tap = readFileSync('.test-results-node.tap', 'utf8');
  nodePassed = Number(/^# pass (\d+)/m.exec(tap)?.[1] ?? 0);
  nodeFailed = Number(/^# fail (\d+)/m.exec(tap)?.[1] ?? nodeFailed);
  rmSync('.test-results-node.tap');
}

const browser = spawnSync('npx', ['web-test-runner'], { stdio: 'inherit', env: process.env });
let browserPassed = 0;
let browserFailed = browser.status === 0 ? 0 : 1;
if (existsSync('.test-results/browser.json')) {
  const counts = JSON.parse(readFileSync('.test-results/browser.json', 'utf8'));
  browserPassed = counts.passed;
  browserFailed = Math.max(counts.failed, browser.status === 0 ? 0 : 1);
}

const passed = nodePassed + browserPassed;
const failed = nodeFailed + browserFailed;
console.log(`\nNode: ${nodePassed} passed, ${nodeFailed} failed. Browser: ${browserPassed} passed, ${browserFailed} failed.`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
