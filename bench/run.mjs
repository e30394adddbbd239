// `npm run bench`: what the element costs a page, and how fast a call connects. Reports figures and
// ratios only; it never fails on a number. BENCH_RUNS (default 10) sets the calls per kind.
// Writes .scratch/bench/results.json; see the "Benchmarks" section of README.md.
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { HOW_TO_GET_ONE, findBrowser } from '../scripts/find-browser.mjs';
import { buildBundle } from './build.mjs';
import { benchPage, measureCalls } from './calls.mjs';
import { serveStatic } from './static-server.mjs';
import { ratio, summarize } from './stats.mjs';

/** Today's reference, from the project brief: the official SignalWire call widget loads ~120 KB gzipped up front. */
const OFFICIAL_WIDGET_GZIP_BYTES = 120 * 1024;
const RESULTS = fileURLToPath(new URL('../.scratch/bench/results.json', import.meta.url));

const runs = Number(process.env.BENCH_RUNS ?? 10);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`BENCH_RUNS must be a positive integer, got "${process.env.BENCH_RUNS}"`);
  process.exit(1);
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value) => (value == null ? '—' : `${value.toFixed(0)}`);
const pad = (cells, widths) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
const log = (line) => console.error(line); // progress on stderr; the report on stdout

const started = performance.now();
const cleanups = [];
let exitCode = 0;
try {
  // 1. Bytes
  log('building the production bundle…');
  const bundle = await buildBundle();

  // 2. Speed
  const executablePath = await findBrowser();
  let calls = null;
  let skipped = null;
  if (!executablePath) {
    skipped = HOW_TO_GET_ONE;
  } else {
    const { startEmulator, DEMO_C2C_TOKEN } = await tsImport('../demo/emulator/index.ts', import.meta.url);
    const emulator = await startEmulator({ port: 0, quiet: true });
    cleanups.push(() => emulator.close());
    const page = benchPage({ entryFile: bundle.entryFile, apiBase: emulator.origin, token: DEMO_C2C_TOKEN, destination: '/public/echo' });
    const server = await serveStatic({ root: bundle.outDir, pages: { '/': page } });
    cleanups.push(() => server.close());
    log(`calling ${emulator.origin} /public/echo from ${server.origin}/ (${runs} cold + ${runs} warm calls)…`);
    calls = await measureCalls({ pageUrl: `${server.origin}/`, entryFile: bundle.entryFile, runs, requests: server.requests, executablePath, log });
  }

  // 3. Report
  const at = (result, state) => result.states.find((s) => s.state === state)?.ms;
  const speed = {};
  for (const mode of ['cold', 'warm']) {
    const list = calls?.[mode] ?? [];
    const ok = list.filter((r) => r.outcome === 'active');
    speed[mode] = {
      runs: list.length,
      active: ok.length,
      failures: list.filter((r) => r.outcome !== 'active').map((r) => r.error?.code ?? r.outcome),
      clickToFirstState: summarize(ok.map((r) => r.states[0]?.ms)),
      firstState: ok[0]?.states[0]?.state ?? null,
      clickToRinging: summarize(ok.map((r) => at(r, 'ringing'))),
      ringingSeen: ok.filter((r) => at(r, 'ringing') !== undefined).length,
      clickToConnecting: summarize(ok.map((r) => at(r, 'connecting'))),
      // Cold only: the SDK chunk's download ends this long after the click (warm runs fetched it before).
      clickToSdkDownloaded: summarize(ok.map((r) => r.chunks?.find((c) => c.file === `/${bundle.onIntent.sdkChunk}`)?.downloadedMs).filter((v) => v !== undefined && v >= 0)),
      clickToActive: summarize(ok.map((r) => at(r, 'active'))),
      prepare: mode === 'warm' ? summarize(ok.map((r) => r.prepareMs)) : null,
      stateSequence: ok[0]?.states.map((s) => s.state) ?? [],
    };
  }
  const sample = calls?.cold[0];
  const sdkFile = bundle.onIntent.sdkChunk;
  const results = {
    date: new Date().toISOString(),
    machine: { cpus: availableParallelism(), cpuModel: cpus()[0]?.model ?? null, node: process.version, platform: process.platform },
    bytes: {
      upFront: bundle.upFront,
      onIntent: bundle.onIntent,
      litBundledUpFront: bundle.litBundled,
      reference: { officialWidgetGzipBytes: OFFICIAL_WIDGET_GZIP_BYTES, note: "today's reference, from the project brief (~120 KB gzipped)" },
      upFrontGzipVsOfficialWidget: ratio(bundle.upFront.total.gzip, OFFICIAL_WIDGET_GZIP_BYTES),
      upFrontPlusIntentGzipVsOfficialWidget: ratio(bundle.upFront.total.gzip + bundle.onIntent.total.gzip, OFFICIAL_WIDGET_GZIP_BYTES),
      // Seen in the browser, first cold run: which built files a page fetched on load, and which only after.
      observed: sample
        ? {
            filesOnLoad: sample.filesOnLoad.filter((f) => f.endsWith('.js')),
            filesAfterLoad: sample.filesAfterLoad.filter((f) => f.endsWith('.js')),
            sdkFetchedOnLoad: sdkFile ? sample.filesOnLoad.includes(`/${sdkFile}`) : null,
          }
        : null,
    },
    speed: calls
      ? {
          runsPerKind: runs,
          destination: '/public/echo',
          cold: speed.cold,
          warm: speed.warm,
          warmOverColdActiveMedian: ratio(speed.warm.clickToActive.median, speed.cold.clickToActive.median),
          warmOverColdActiveP90: ratio(speed.warm.clickToActive.p90, speed.cold.clickToActive.p90),
          raw: { cold: calls.cold.map(({ outcome, prepareMs, states, error, chunks }) => ({ outcome, prepareMs, states, error, chunks })), warm: calls.warm.map(({ outcome, prepareMs, states, error, chunks }) => ({ outcome, prepareMs, states, error, chunks })) },
        }
      : { skipped },
    totalSeconds: null,
  };

  const out = [];
  out.push('', `c2c-call-button bench — ${results.date.slice(0, 10)}, ${results.machine.cpus} cores, Node ${process.version}`, '');
  out.push('Bytes (production build: minified ES module, lit bundled, @signalwire/js in a lazy chunk)');
  let w = [34, 10, 10, 10];
  out.push(pad(['', 'raw', 'gzip -9', 'brotli'], w));
  const row = (label, s) => pad([label, kb(s.raw), kb(s.gzip), kb(s.brotli)], w);
  bundle.upFront.files.forEach((f) => out.push(row(`page load: ${f.file}`, f)));
  if (bundle.upFront.files.length > 1) out.push(row('page load total', bundle.upFront.total));
  bundle.onIntent.files.forEach((f) => out.push(row(`on intent: ${f.file}`, f)));
  if (bundle.onIntent.files.length > 1) out.push(row('on intent total', bundle.onIntent.total));
  out.push(row('both', { raw: bundle.upFront.total.raw + bundle.onIntent.total.raw, gzip: bundle.upFront.total.gzip + bundle.onIntent.total.gzip, brotli: bundle.upFront.total.brotli + bundle.onIntent.total.brotli }));
  out.push(`official call widget, up front: ~${kb(OFFICIAL_WIDGET_GZIP_BYTES)} gzip (today's reference, from the project brief)`);
  out.push(`page-load gzip / official widget: ${results.bytes.upFrontGzipVsOfficialWidget}   (page load + intent: ${results.bytes.upFrontPlusIntentGzipVsOfficialWidget})`);
  if (results.bytes.observed) {
    out.push(`seen in Chromium: on load ${results.bytes.observed.filesOnLoad.join(', ') || '—'}; after load ${results.bytes.observed.filesAfterLoad.join(', ') || '—'}`);
  }
  out.push('');
  if (calls) {
    out.push(`Speed (ms, headless Chromium, fake media, emulator ${results.speed.destination}; ${runs} runs each, fresh context per run)`);
    w = [34, 4, 8, 8, 8, 8];
    out.push(pad(['', 'ok', 'median', 'p90', 'min', 'max'], w));
    const srow = (label, kind, s) => pad([label, `${s.n}/${speed[kind].runs}`, ms(s.median), ms(s.p90), ms(s.min), ms(s.max)], w);
    out.push(srow(`cold: click → ${speed.cold.firstState ?? 'first state'}`, 'cold', speed.cold.clickToFirstState));
    out.push(srow('cold: click → connecting (token)', 'cold', speed.cold.clickToConnecting));
    out.push(srow('cold: click → SDK chunk downloaded', 'cold', speed.cold.clickToSdkDownloaded));
    out.push(srow('cold: click → ringing', 'cold', speed.cold.clickToRinging));
    out.push(srow('cold: click → active', 'cold', speed.cold.clickToActive));
    out.push(srow('warm: prepare() (hover)', 'warm', speed.warm.prepare));
    out.push(srow(`warm: click → ${speed.warm.firstState ?? 'first state'}`, 'warm', speed.warm.clickToFirstState));
    out.push(srow('warm: click → connecting (token)', 'warm', speed.warm.clickToConnecting));
    out.push(srow('warm: click → ringing', 'warm', speed.warm.clickToRinging));
    out.push(srow('warm: click → active', 'warm', speed.warm.clickToActive));
    out.push(`warm/cold click → active: median ${results.speed.warmOverColdActiveMedian}, p90 ${results.speed.warmOverColdActiveP90}`);
    out.push(`states seen (cold): ${speed.cold.stateSequence.join(' → ')}`);
    for (const mode of ['cold', 'warm']) {
      if (speed[mode].failures.length) out.push(`${mode} runs that did not reach active: ${speed[mode].failures.join(', ')}`);
    }
  } else {
    out.push(`Speed: skipped — ${skipped}`);
  }
  results.totalSeconds = Math.round((performance.now() - started) / 100) / 10;
  out.push('', `total ${results.totalSeconds} s; results in ${RESULTS}`, '');
  console.log(out.join('\n'));
  await mkdir(new URL('../.scratch/bench/', import.meta.url), { recursive: true });
  await writeFile(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
} catch (error) {
  console.error('bench failed:', error);
  exitCode = 1;
} finally {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
}
// Everything we started is closed by now, but werift (the emulator's WebRTC far end) keeps retransmitting
// DTLS handshake flights on timers for ~30 s after its peers close; waiting for them would only idle.
process.exit(exitCode);
