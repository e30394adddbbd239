// Runs the seam contract in a process of its own and prints one JSON line: for the SDK as installed (`installed`, or
// `C2C_SDK_ROOT`) and for scratch copies with one target moved each (the target's name), what each run found, and
// what was still open in this process once the runs were over. A process of its own, because an SDK whose session
// cannot be ended (a target moved) reconnects forever: this process ends when it has printed, whatever it holds.
//   node --import tsx test/node/support/sdk-contract-run.ts <emulator origin> installed attachSpeakerWatch …
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SeamTarget } from '../../../src/signalwire/sdk-seam.ts';
import { SDK_ROOT, breakSdk } from '../../support/sdk-scratch.ts';
import { checkSdkSeam, type SeamReport } from './sdk-contract.ts';

export interface ContractRun extends SeamReport {
  ms: number;
}

export interface ContractRuns {
  root: string;
  runs: Record<string, ContractRun | { error: string }>;
  /** `process.getActiveResourcesInfo()` once every run was over, this process's own output pipes aside. */
  leftOpen: string[];
}

const OUTPUT = new Set(['PipeWrap', 'TTYWrap', 'FSReqCallback']);

async function main(): Promise<void> {
  const [origin, ...names] = process.argv.slice(2);
  if (!origin || names.length === 0) throw new Error('usage: sdk-contract-run.ts <emulator origin> installed|<target>…');
  const scratch = mkdtempSync(join(tmpdir(), 'c2c-contract-'));
  const runs: ContractRuns['runs'] = {};
  for (const name of names) {
    const started = Date.now();
    let root: string | undefined;
    try {
      root = name === 'installed' ? SDK_ROOT : breakSdk([name as SeamTarget]);
      runs[name] = { ...(await checkSdkSeam(root, origin, scratch)), ms: Date.now() - started };
    } catch (error) {
      runs[name] = { error: (error as Error).stack ?? String(error) };
    } finally {
      if (root && root !== SDK_ROOT) rmSync(root, { recursive: true, force: true });
    }
  }
  rmSync(scratch, { recursive: true, force: true });
  // What closes, closes within a few turns of the event loop (a websocket waits for the far end's close frame); what is left after 3 s is held.
  let leftOpen: string[] = [];
  for (const until = Date.now() + 3_000; Date.now() < until;) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    leftOpen = process.getActiveResourcesInfo().filter((kind) => !OUTPUT.has(kind));
    if (leftOpen.length === 0) break;
  }
  process.stdout.write(`${JSON.stringify({ root: SDK_ROOT, runs, leftOpen } satisfies ContractRuns)}\n`, () => process.exit(0));
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
