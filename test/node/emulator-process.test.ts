// `startEmulatorProcess`: the emulator in a Node process of its own (the load test and the bench run it so). It
// serves like the in-process one, reports its own CPU time, and ends on close() or when its starter is gone.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { DEMO_C2C_TOKEN, startEmulatorProcess } from '../../emulator/index.ts';
import { eventually, stats } from './support/emulator-http.ts';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('startEmulatorProcess', () => {
  test('serves the REST API and /__stats from another process, which ends on close()', async () => {
    const emulator = await startEmulatorProcess();
    try {
      assert.notEqual(emulator.pid, process.pid);
      assert.ok(alive(emulator.pid));
      const response = await fetch(`${emulator.origin}/api/fabric/embeds/tokens`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: DEMO_C2C_TOKEN }),
      });
      assert.equal(response.status, 201);
      const held = await stats(emulator.origin);
      assert.equal(held.activeCalls, 0);
      // Its own CPU time: what starting Node and the emulator cost that process, not this one's.
      assert.ok(held.processCpuMs > 0);
    } finally {
      await emulator.close();
    }
    assert.equal(alive(emulator.pid), false, 'the process ended');
    await assert.rejects(fetch(`${emulator.origin}/__stats`), 'nothing serves on its port any more');
  });

  test('ends by itself when the process that started it is killed', async () => {
    const starter = fileURLToPath(new URL('./support/start-emulator-process.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', starter], { stdio: ['ignore', 'pipe', 'inherit'] });
    const pid = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk;
        const found = /^pid (\d+)$/m.exec(out);
        if (found) resolve(Number(found[1]));
      });
      child.once('exit', () => reject(new Error(`the starter exited first: ${out}`)));
    });
    assert.ok(alive(pid));
    child.kill('SIGKILL'); // no close(), no exit handlers: only the pipe it held goes
    await eventually(async () => alive(pid), (running) => !running, 10_000);
  });
});
