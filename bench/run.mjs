// `npm run bench`: what the element adds to @signalwire/js, and how it behaves on a page. Figures and ratios
// only: nothing here fails on a number. Progress goes to stderr, the report to stdout, every figure and every
// raw run to .scratch/bench/results.json (`node bench/write-docs.mjs` then rewrites docs/benchmarks.md from it).
//
//   1. build     npm run build + npm pack; a fresh Vite app bundles the package, another the floor  (build.mjs)
//   2. bytes     every form as Chromium fetches it: before intent, until active                   (bytes.mjs)
//   3. calls     click → active, element vs floor, cold and warm, interleaved                      (calls.mjs)
//   4. scale     1, 10, 100 buttons: define + render, heap, bytes; a call among 100 buttons        (scale.mjs)
//   5. endurance heap, listeners, sockets, live tracks after 1 and after many call cycles          (endurance.mjs)
//   6. load      calls at once on the emulator, in rounds of more and more visitors                 (load.mjs)
//   7. emulator  the calls the emulator alone holds, with Node callers and no browser        (emulator-load.mjs)
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { HOW_TO_GET_ONE, findBrowser } from '../scripts/find-browser.mjs';
import { launchBrowser } from './browser.mjs';
import { buildAll } from './build.mjs';
import { measureBytes } from './bytes.mjs';
import { measureCalls } from './calls.mjs';
import { measureEmulatorLoad } from './emulator-load.mjs';
import { measureEndurance } from './endurance.mjs';
import { byteFigures, callFigures, emulatorLoadFigures, enduranceFigures, loadFigures, scaleFigures } from './figures.mjs';
import { measureLoad } from './load.mjs';
import { describeMachine, loadAverage } from './machine.mjs';
import { cdnPage, fillPage, scalePage } from './pages.mjs';
import { formatReport } from './report.mjs';
import { measureScale } from './scale.mjs';
import { readSettings } from './settings.mjs';
import { serveStatic } from './static-server.mjs';

const RESULTS = fileURLToPath(new URL('../.scratch/bench/results.json', import.meta.url));

const log = (line) => console.error(line);
const started = performance.now();
const loadAverageAtStart = loadAverage();
const cleanups = [];

/** Runs one step; a step that throws is reported in the results and the report, and the others still run. */
async function step(name, work) {
  const at = performance.now();
  log(`${name}…`);
  try {
    const value = await work();
    log(`  (${((performance.now() - at) / 1000).toFixed(1)} s)`);
    return value;
  } catch (error) {
    log(`  ${name} FAILED: ${error.stack ?? error}`);
    return { failed: String(error.message ?? error) };
  }
}
const failedStep = (value) => value && typeof value === 'object' && 'failed' in value;

let exitCode = 0;
try {
  const settings = readSettings();
  const executablePath = await findBrowser();
  if (!executablePath) throw new Error(HOW_TO_GET_ONE);

  const built = await step('1. building: npm run build, npm pack, a Vite app with the package, a Vite app with the floor', buildAll);
  if (failedStep(built)) throw new Error(`the build failed: ${built.failed}`);

  const { startEmulator, startEmulatorProcess, DEMO_C2C_TOKEN } = await tsImport('../emulator/index.ts', import.meta.url);
  const emulator = await startEmulator({ port: 0, quiet: true });
  cleanups.push(() => emulator.close());
  const config = { token: DEMO_C2C_TOKEN, destination: settings.destination, apiBase: emulator.origin };
  // The load step's far end runs in a process of its own, as a space runs apart from its callers: its CPU time is
  // then its own, and the bench's Playwright client does not share its event loop.
  const loadEmulator = await startEmulatorProcess();
  cleanups.push(() => loadEmulator.close());

  const serve = async (root, pages) => {
    const server = await serveStatic({ root, pages });
    cleanups.push(() => server.close());
    return server.origin;
  };
  const scalePages = Object.fromEntries([0, ...settings.scaleCounts].map((n) => [`/scale/${n}`, scalePage(n, config)]));
  const cdn = await serve(built.cdnDir, {
    '/module': cdnPage('module', config), '/classic': cdnPage('classic', config), ...scalePages,
    '/load': cdnPage('module', { ...config, apiBase: loadEmulator.origin }),
  });
  const app = await serve(built.elementApp, { '/': fillPage(await readFile(join(built.elementApp, 'index.html'), 'utf8'), config) });
  const floor = await serve(built.floorApp, { '/': fillPage(await readFile(join(built.floorApp, 'index.html'), 'utf8'), config) });

  const browser = await launchBrowser(executablePath);
  cleanups.push(() => browser.close());
  const machine = await describeMachine(browser);
  log(`Chromium ${machine.chromium}, ${machine.cores} cores; emulator ${emulator.origin}, calling ${settings.destination}`);

  const bytes = await step('2. bytes of every form, from Chromium\'s requests (one cold call each)', () =>
    measureBytes({
      browser,
      timeoutMs: settings.timeoutMs,
      log,
      forms: [
        { id: 'cdnModule', label: 'CDN module build', url: `${cdn}/module`, kind: 'element' },
        { id: 'cdnClassic', label: 'CDN classic build', url: `${cdn}/classic`, kind: 'element' },
        { id: 'viteApp', label: 'npm build in a fresh Vite app', url: `${app}/`, kind: 'element' },
        { id: 'floor', label: 'floor: @signalwire/js by hand in a fresh Vite app', url: `${floor}/`, kind: 'floor' },
      ],
    }),
  );

  const calls = await step(`3. click → active, element vs floor: ${settings.runs} rounds of 4 calls, interleaved`, () =>
    measureCalls({
      browser,
      runs: settings.runs,
      timeoutMs: settings.timeoutMs,
      log,
      kinds: [
        { id: 'elementCold', label: 'element cold', url: `${app}/`, harness: 'element', warm: false },
        { id: 'floorCold', label: 'floor cold', url: `${floor}/`, harness: 'floor', warm: false },
        { id: 'elementWarm', label: 'element warm', url: `${app}/`, harness: 'element', warm: true },
        { id: 'floorWarm', label: 'floor warm', url: `${floor}/`, harness: 'floor', warm: true },
      ],
    }),
  );

  const scale = await step(`4. scale: ${settings.scaleCounts.join(', ')} buttons (${settings.scaleRuns} loads each), and calls among them`, () =>
    measureScale({
      browser,
      origin: cdn,
      counts: settings.scaleCounts,
      runs: settings.scaleRuns,
      callRuns: settings.scaleCallRuns,
      callCounts: [settings.scaleCounts[0], settings.scaleCounts.at(-1)],
      timeoutMs: settings.timeoutMs,
      log,
    }),
  );

  const endurance = await step(`5. endurance: ${settings.cycles} call cycles in one page, element then floor`, () =>
    measureEndurance({
      browser,
      cycles: settings.cycles,
      settleMs: settings.settleMs,
      timeoutMs: settings.timeoutMs,
      log,
      emulatorOrigin: emulator.origin,
      pages: [
        { id: 'element', label: 'element (npm build in a Vite app)', url: `${app}/` },
        { id: 'floor', label: 'floor (@signalwire/js by hand)', url: `${floor}/` },
      ],
    }),
  );

  const load = await step(`6. load: up to ${settings.loadMax} calls at once on the emulator, ${settings.loadStep} more each round`, () =>
    measureLoad({
      executablePath,
      url: `${cdn}/load`,
      emulatorOrigin: loadEmulator.origin,
      step: settings.loadStep,
      max: settings.loadMax,
      timeoutMs: 60_000,
      log,
    }),
  );
  await loadEmulator.close(); // the browsers' calls are over; the next step starts an emulator of its own

  const emulatorLoad = await step(`7. the emulator alone: Node callers, up to ${settings.emulatorLoadMax} calls, ${settings.emulatorLoadStep} more each level`, async () => {
    const alone = await startEmulatorProcess();
    cleanups.push(() => alone.close());
    return measureEmulatorLoad({ emulatorOrigin: alone.origin, step: settings.emulatorLoadStep, max: settings.emulatorLoadMax, log });
  });

  Object.assign(machine, { loadAverageAtStart, loadAverageAtEnd: loadAverage() });
  const derive = (raw, figures) => (failedStep(raw) ? raw : figures(raw));
  const results = {
    date: new Date().toISOString(),
    machine,
    settings,
    package: built.pkg,
    bytes: derive(bytes, byteFigures),
    calls: derive(calls, callFigures),
    scale: derive(scale, scaleFigures),
    endurance: derive(endurance, enduranceFigures),
    load: derive(load, loadFigures),
    emulatorLoad: derive(emulatorLoad, emulatorLoadFigures),
    raw: {
      calls: failedStep(calls) ? null : calls.runs,
      scale: failedStep(scale) ? null : scale,
      enduranceCycles: failedStep(endurance) ? null : Object.fromEntries(Object.entries(endurance).map(([id, e]) => [id, e.cycles])),
    },
    totalSeconds: Math.round((performance.now() - started) / 100) / 10,
  };
  await mkdir(dirname(RESULTS), { recursive: true });
  await writeFile(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  console.log(formatReport(results, RESULTS));
} catch (error) {
  console.error('bench failed:', error.message ?? error);
  exitCode = 1;
} finally {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
}
// Everything we started is closed by now, but werift (the emulator's far end in this process, and the Node callers of
// step 7) keeps retransmitting DTLS handshake flights on timers for ~30 s after a peer that never connected is closed;
// waiting for them would only idle.
process.exit(exitCode);
