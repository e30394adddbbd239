// The figures of a bench run, derived from its raw measurements: medians, ratios, the breakdown by step, the
// scale and endurance deltas. Pure functions; what is reported (and written to docs/benchmarks.md) comes from here.
import { ratio, summarize } from './stats.mjs';

/** The call steps, in order: the c2c:* marks (floor:* on the floor page), then the `active` event. */
export const STEPS = ['start', 'token', 'sdk', 'connected', 'dialed', 'ringing', 'answered', 'active'];

const ok = (runs) => runs.filter((r) => r.outcome === 'active');
const failures = (runs) =>
  runs.filter((r) => r.outcome !== 'active').map((r) => ({ round: r.round, outcome: r.outcome, code: r.error?.code ?? null, message: r.error?.message ?? null }));
const notEnded = (runs) => runs.filter((r) => r.outcome === 'active' && r.finalState !== 'ended').map((r) => ({ round: r.round, finalState: r.finalState }));

/** One kind's runs: counts, failures, click → active, prepare, and each step's time since the click. */
function kindFigures(runs) {
  const good = ok(runs);
  const steps = {};
  for (const step of STEPS) {
    steps[step] = summarize(good.map((r) => (step === 'active' ? r.activeMs : r.marks[step])));
  }
  return {
    runs: runs.length,
    active: good.length,
    failures: failures(runs),
    notEndedAfterHangup: notEnded(runs),
    clickToActive: summarize(good.map((r) => r.activeMs)),
    prepare: summarize(good.map((r) => r.prepareMs)),
    firstState: good[0]?.states[0]?.state ?? null,
    clickToFirstState: summarize(good.map((r) => r.states[0]?.ms)),
    steps,
  };
}

/** Per round, a / b where both runs reached active; the median of those (the paired ratio). */
function pairedRatio(aRuns, bRuns) {
  const ratios = [];
  for (const a of ok(aRuns)) {
    const b = ok(bRuns).find((r) => r.round === a.round);
    if (b) ratios.push(a.activeMs / b.activeMs);
  }
  return summarize(ratios, { decimals: 2 });
}

/** @param {{ runs: Record<string, object[]> }} calls the result of measureCalls */
export function callFigures(calls) {
  const kinds = Object.fromEntries(Object.entries(calls.runs).map(([id, runs]) => [id, kindFigures(runs)]));
  const medianRatio = (a, b) => ratio(kinds[a].clickToActive.median, kinds[b].clickToActive.median);
  return {
    kinds,
    ratios: {
      // Prepared element (after `await el.prepare()`) vs a floor page with its client connected before the click.
      warm: { ofMedians: medianRatio('elementWarm', 'floorWarm'), paired: pairedRatio(calls.runs.elementWarm, calls.runs.floorWarm) },
      // Nothing prepared: the element's click vs a floor page doing exchange + SDK import + connect + dial after it.
      cold: { ofMedians: medianRatio('elementCold', 'floorCold'), paired: pairedRatio(calls.runs.elementCold, calls.runs.floorCold) },
    },
    warmUp: calls.warmUp,
  };
}

/** @param {Record<string, object>} bytes the result of measureBytes */
export function byteFigures(bytes) {
  const element = bytes.viteApp?.untilActive?.total;
  const floor = bytes.floor?.untilActive?.total;
  const over = (a, b) => (a && b ? { raw: a.raw - b.raw, gzip: a.gzip - b.gzip, brotli: a.brotli - b.brotli } : null);
  return {
    forms: bytes,
    // What the element adds to the SDK by `active`, both bundled by a fresh Vite app.
    elementOverFloorUntilActive: over(element, floor),
    elementOverFloorUntilActiveGzipRatio: ratio(element?.gzip, floor?.gzip),
  };
}

/** @param {{ loads: Record<number, object[]>, calls: Record<number, object[]> }} scale the result of measureScale */
export function scaleFigures(scale) {
  const loads = {};
  for (const [count, runs] of Object.entries(scale.loads)) {
    const good = runs.filter((r) => r.outcome !== 'failed');
    loads[count] = {
      runs: runs.length,
      failures: runs.filter((r) => r.outcome === 'failed').map((r) => r.error.message),
      rendered: good.every((r) => r.buttons === undefined || r.rendered === r.buttons),
      defineAndRenderMs: summarize(good.map((r) => r.totalMs)),
      afterDownloadMs: summarize(good.map((r) => (r.totalMs == null || r.downloadMs == null ? null : r.totalMs - r.downloadMs))),
      heapUsedBytes: summarize(good.map((r) => r.heapUsedBytes)),
      nodes: summarize(good.map((r) => r.nodes)),
      jsEventListeners: summarize(good.map((r) => r.jsEventListeners)),
      bytes: good[0]?.bytes ?? null,
      files: good[0]?.files ?? [],
    };
  }
  const counts = Object.keys(loads).map(Number).filter((n) => n > 0).sort((a, b) => a - b);
  const [least, most] = [counts[0], counts.at(-1)];
  const heap = (n) => loads[n]?.heapUsedBytes.median;
  const calls = {};
  for (const [count, runs] of Object.entries(scale.calls)) {
    calls[count] = { runs: runs.length, failures: failures(runs), clickToActive: summarize(ok(runs).map((r) => r.activeMs)) };
  }
  const callCounts = Object.keys(calls).map(Number).sort((a, b) => a - b);
  return {
    loads,
    heapPerButtonBytes: heap(most) != null && heap(least) != null && most > least ? Math.round((heap(most) - heap(least)) / (most - least)) : null,
    heapOverBaselineBytes: Object.fromEntries(counts.map((n) => [n, heap(n) != null && heap(0) != null ? heap(n) - heap(0) : null])),
    renderMsRatio: ratio(loads[most]?.defineAndRenderMs.median, loads[least]?.defineAndRenderMs.median),
    calls,
    callRatio: ratio(calls[callCounts.at(-1)]?.clickToActive.median, calls[callCounts[0]]?.clickToActive.median),
  };
}

/** @param {Record<string, { label: string, cycles: object[], snapshots: object[], settleMs: number }>} endurance the result of measureEndurance */
export function enduranceFigures(endurance) {
  return Object.fromEntries(Object.entries(endurance).map(([id, page]) => [id, pageEndurance(page)]));
}

/** The heap without its compiled code, when the snapshot has the code's size. */
const held = (snapshot) => (snapshot?.codeBytes == null ? null : snapshot.heapUsedBytes - snapshot.codeBytes);
const growth = (from, to) => (from && to != null ? Math.round((to / from - 1) * 1000) / 10 : null);

function pageEndurance({ label, cycles, snapshots, settleMs }) {
  const good = ok(cycles);
  const first = snapshots.find((s) => s.afterCycles === 1);
  const last = snapshots.at(-1);
  const tenth = Math.max(1, Math.floor(cycles.length / 10));
  const perCycle = (key) =>
    first && last && last.afterCycles > first.afterCycles
      ? Math.round(((last[key] - first[key]) / (last.afterCycles - first.afterCycles)) * 10) / 10
      : null;
  return {
    label,
    cycles: cycles.length,
    active: good.length,
    failures: cycles.map((c, i) => ({ cycle: i + 1, ...c })).filter((c) => c.outcome !== 'active'),
    notEnded: cycles.filter((c) => c.finalState !== 'ended').length,
    snapshots,
    // From after the first cycle to after the last: the heap's growth in all, as a share of what it was; and the same
    // with compiled code set aside (V8 compiling more of the SDK as it gets hot is not the page holding on).
    heapGrowthPercent: growth(first?.heapUsedBytes, last?.heapUsedBytes),
    heldGrowthPercent: growth(held(first), held(last)),
    // Growth from after the first cycle to after the last, per cycle in between.
    growthPerCycle: {
      heapUsedBytes: perCycle('heapUsedBytes'),
      jsEventListeners: perCycle('jsEventListeners'),
      nodes: perCycle('nodes'),
    },
    callToActive: {
      all: summarize(good.map((c) => c.activeMs)),
      firstTenth: summarize(cycles.slice(0, tenth).filter((c) => c.outcome === 'active').map((c) => c.activeMs)),
      lastTenth: summarize(cycles.slice(-tenth).filter((c) => c.outcome === 'active').map((c) => c.activeMs)),
    },
    settleMs,
  };
}

/** @param {{ rounds: object[], perBrowser: number, peakCalls: number, cpuWindowMs: number }} load the result of measureLoad */
export function loadFigures(load) {
  const rounds = load.rounds.map((r) => ({ ...r, clickToActive: summarize(r.clickToActiveMs) }));
  const through = rounds.filter((r) => r.echoed === r.visitors);
  // CPU per call from the largest round every call got through (the least disturbed by a machine out of CPU).
  const measured = through.at(-1)?.cpu ?? null;
  return {
    rounds,
    perBrowser: load.perBrowser,
    mostAtOnce: through.length ? Math.max(...through.map((r) => r.visitors)) : 0,
    peakCalls: load.peakCalls,
    cpuPerCall: measured,
    cpuWindowMs: load.cpuWindowMs,
  };
}

/** @param {{ levels: object[], mostHeld: number, peakCalls: number }} emulatorLoad the result of measureEmulatorLoad */
export function emulatorLoadFigures(emulatorLoad) {
  // CPU per call from the largest level that held: past it, the processes wait for CPU, and per call they get less of
  // it rather than need less.
  const level = emulatorLoad.levels.find((l) => l.calls === emulatorLoad.mostHeld);
  return { ...emulatorLoad, cpuPerCall: level ? { calls: level.calls, ...level.cpu } : null };
}
