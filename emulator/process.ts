// The emulator in a Node process of its own, as a real space runs apart from its callers. For the tests of what ships
// and the bench: in the test runner's process, the emulator's event loop (its werift echo peers answering ICE, DTLS
// and RTP) would be shared with the runner's async hooks and the Playwright client driving the browsers; and werift
// cannot stop a DTLS handshake in flight: when a browser goes mid-handshake (a tab closed during a call), its echo
// peer goes on retransmitting for ~27 s after it is closed (`Flight.transmit` sleeps on timers nobody can cancel),
// which would hold the runner's process open. `close()` ends this process, and those timers with it.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { RunningEmulator } from './server.ts';

export interface EmulatorProcess extends RunningEmulator {
  /** The emulator process's id. */
  readonly pid: number;
}

const READY_LIMIT_MS = 30_000;

/**
 * Starts `main.ts` on a free loopback port, without its per-request log, and resolves once it serves. The process
 * ends on `close()`, and by itself when this process is gone (it watches the stdin pipe this one holds).
 */
export function startEmulatorProcess(): Promise<EmulatorProcess> {
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), fileURLToPath(new URL('./main.ts', import.meta.url))], {
    env: { ...process.env, EMULATOR_PORT: '0', EMULATOR_QUIET: '1', EMULATOR_EXIT_WITH_STDIN: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise<EmulatorProcess>((resolve, reject) => {
    let output = '';
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill();
      reject(new Error(`the emulator process ${why}: ${output.trim().slice(-2000)}`));
    };
    const timer = setTimeout(() => fail(`did not serve within ${READY_LIMIT_MS} ms`), READY_LIMIT_MS);
    const early = (code: number | null, signal: string | null) => fail(`exited (${signal ?? code}) before it served`);
    child.once('exit', early);
    child.stderr.on('data', (chunk: Buffer) => void (output += chunk));
    child.stdout.on('data', function ready(chunk: Buffer) {
      output += chunk;
      const origin = /emulator on (http:\/\/\S+)/.exec(output)?.[1];
      if (!origin) return;
      clearTimeout(timer);
      child.off('exit', early);
      child.stdout.off('data', ready).resume();
      child.stderr.removeAllListeners('data');
      child.stderr.pipe(process.stderr); // what goes wrong in it from now on shows where it was started
      resolve({
        origin,
        port: Number(new URL(origin).port),
        pid: child.pid!,
        close() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          return exited;
        },
      });
    });
  });
}
