// The adapter's seam in @signalwire/js (src/signalwire/sdk-seam.ts): for the SDK as installed, every name the adapter
// uses inside it is there with the shape it expects (test/node/support/sdk-contract.ts says how each is looked at);
// and moving any one of them in a scratch copy of the SDK makes the contract fail naming it. To check another SDK
// (an upgrade: docs/sdk-upgrade.md), point C2C_SDK_ROOT at a directory holding its js/, core/ and webrtc/ packages.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { startEmulator, type RunningEmulator } from '../../emulator/index.ts';
import { SEAM, type SeamTarget } from '../../src/signalwire/sdk-seam.ts';
import { MOVES, SDK_ROOT, sdkVersions } from '../support/sdk-scratch.ts';
import type { ContractRun, ContractRuns } from './support/sdk-contract-run.ts';
import { HOW, describeProblems } from './support/sdk-contract.ts';

const TARGETS = Object.keys(SEAM) as SeamTarget[];
let emulator: RunningEmulator;

/** Runs the contract in a process of its own (see sdk-contract-run.ts), on the SDK as installed or with `moved` each moved. */
function contract(...runs: string[]): Promise<ContractRuns> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/node/support/sdk-contract-run.ts', emulator.origin, ...runs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk));
  child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      const line = stdout.trim().split('\n').at(-1);
      if (code !== 0 || !line) reject(new Error(`the contract exited ${code}: ${stderr.trim()}`));
      else resolve(JSON.parse(line) as ContractRuns);
    });
  });
}

function completed(run: ContractRun | { error: string } | undefined, name: string): ContractRun {
  assert.ok(run, `no run ${name}`);
  if ('error' in run) assert.fail(`${name}: ${run.error}`);
  return run;
}

describe(`the SDK seam: @signalwire/js ${sdkVersions(SDK_ROOT).js} at ${SDK_ROOT}`, () => {
  before(async () => {
    emulator = await startEmulator({ port: 0, quiet: true });
  });
  after(() => emulator?.close());

  it('every target of SEAM has a check and a way to move it', () => {
    assert.deepEqual(Object.keys(HOW).sort(), [...TARGETS].sort());
    assert.deepEqual(Object.keys(MOVES).sort(), [...TARGETS].sort());
  });

  it('every target is where the adapter expects it, and ending a session the adapter\'s way leaves nothing running', async (t) => {
    const { runs, leftOpen } = await contract('installed');
    const run = completed(runs.installed, 'installed');
    assert.ok(run.files.includes('js/dist/index.esm.js') && run.files.some((file) => file.startsWith('webrtc/dist/mjs/')),
      `the browser build's files: ${run.files.join(', ')}`);
    assert.equal(run.problems.length, 0, `the SDK seam has moved:\n${describeProblems(run.problems)}`);
    assert.deepEqual(leftOpen, [], 'open in the contract\'s process after the session was ended');
    const by = (how: string) => run.findings.filter((finding) => finding.how === how).map((finding) => finding.name);
    t.diagnostic(`${run.findings.length} targets in ${run.ms} ms; on the SDK's objects: ${by('object').join(', ')}; in its code: ${by('source').join(', ')}`);
  });

  it('moving any one target in a scratch copy of the SDK makes the contract fail, naming it', async (t) => {
    const started = Date.now();
    // Two processes, each half the targets: the machine's cores share the bundling and the calls.
    const half = Math.ceil(TARGETS.length / 2);
    const halves = await Promise.all([contract(...TARGETS.slice(0, half)), contract(...TARGETS.slice(half))]);
    const runs = Object.assign({}, ...halves.map((result) => result.runs)) as ContractRuns['runs'];
    for (const target of TARGETS) {
      const run = completed(runs[target], target);
      const named = run.problems.filter((problem) => problem.target === target);
      assert.ok(named.length > 0, `${target} (${SEAM[target]}) moved, and the contract did not name it; it found:\n${describeProblems(run.problems)}`);
      assert.ok(named.some((problem) => !problem.problem!.startsWith('not checked')),
        `${target} moved: the contract names it only as not checked:\n${describeProblems(named)}`);
    }
    t.diagnostic(`${TARGETS.length} scratch copies in ${Date.now() - started} ms`);
  });
});
