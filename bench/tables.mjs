// What a bench run shows, as tables of cells and lines of notes: one source for the printed report
// (report.mjs, plain text) and the tables of docs/benchmarks.md (write-docs.mjs, Markdown).
import { STEPS } from './figures.mjs';

const DASH = '—';
export const ms = (value) => (value == null ? DASH : `${Math.round(value)}`);
export const kb = (bytes) => (bytes == null ? DASH : `${(bytes / 1024).toFixed(1)} KB`);
export const times = (value) => (value == null ? DASH : `${value.toFixed(2)}`);
const signedKb = (bytes) => (bytes == null ? DASH : `${bytes >= 0 ? '+' : '−'}${kb(Math.abs(bytes))}`);
const count = (value) => (value == null ? DASH : `${Math.round(value * 10) / 10}`);
const failedStep = (section) => section == null || 'failed' in section;

/** @typedef {{ id: string, title: string, header: string[], rows: string[][], notes: string[] }} Table */

function ratioTable(calls) {
  const { warm, cold } = calls.ratios;
  const { kinds } = calls;
  const row = (label, r, a, b) => [label, times(r.paired.median), `${times(r.paired.min)}–${times(r.paired.max)}`, times(r.ofMedians), ms(kinds[a].clickToActive.median), ms(kinds[b].clickToActive.median)];
  return {
    id: 'ratios',
    title: 'Element / floor, click → active',
    header: ['', 'element / floor (paired median)', 'range', 'ratio of medians', 'element ms', 'floor ms'],
    rows: [
      row('warm: element prepared, floor connected', warm, 'elementWarm', 'floorWarm'),
      row('cold: nothing before the click', cold, 'elementCold', 'floorCold'),
    ],
    notes: [
      `Paired: element run ÷ floor run of the same round (${warm.paired.n} warm and ${cold.paired.n} cold pairs), median and range. Goal for warm: at most 1.1.`,
    ],
  };
}

function speedTable(calls) {
  const { kinds } = calls;
  const labels = { elementCold: 'element cold', floorCold: 'floor cold (exchange + import + connect + dial after the click)', elementWarm: 'element warm (after `await el.prepare()`)', floorWarm: 'floor warm (client connected before the click)' };
  const rows = Object.entries(labels).map(([id, label]) => {
    const k = kinds[id];
    const s = k.clickToActive;
    return [label, `${k.active}/${k.runs}`, ms(s.median), ms(s.p90), ms(s.min), ms(s.max), ms(k.prepare.median)];
  });
  const notes = [];
  for (const id of ['elementCold', 'elementWarm']) {
    const k = kinds[id];
    if (k.firstState) notes.push(`${labels[id].split(' (')[0]}: the first state, \`${k.firstState}\`, comes ${k.clickToFirstState.median.toFixed(1)} ms after the click (median; max ${k.clickToFirstState.max.toFixed(1)} ms).`);
  }
  for (const [id, label] of Object.entries(labels)) {
    const k = kinds[id];
    if (k.failures.length) notes.push(`${label.split(' (')[0]}: ${k.failures.length} run(s) did not reach active: ${k.failures.map((f) => `round ${f.round + 1} ${f.outcome}${f.code ? ` (${f.code}${f.message ? `: ${f.message}` : ''})` : ''}`).join('; ')}.`);
    if (k.notEndedAfterHangup.length) notes.push(`${label.split(' (')[0]}: ${k.notEndedAfterHangup.length} call(s) not ended after the hang-up: ${k.notEndedAfterHangup.map((f) => f.finalState).join(', ')}.`);
  }
  const warmUpFailed = (calls.warmUp ?? []).filter((w) => w.outcome !== 'active');
  if (warmUpFailed.length) notes.push(`Uncounted warm-up call(s) that did not reach active: ${warmUpFailed.map((w) => `${w.kind} ${w.outcome}${w.error ? ` (${w.error.code})` : ''}`).join('; ')}.`);
  return {
    id: 'speed',
    title: 'Click → active, ms (fresh context per run)',
    header: ['', 'ok', 'median', 'p90', 'min', 'max', 'prepare() before, median'],
    rows,
    notes,
  };
}

function breakdownTable(calls) {
  const { kinds } = calls;
  const cell = (id, step) => {
    const s = kinds[id].steps[step];
    if (s.n === 0) return DASH;
    return s.median < 0 ? 'before click' : ms(s.median);
  };
  const labels = {
    start: 'session starts (c2c:start)', token: 'token in hand', sdk: 'SDK loaded', connected: 'relay connected',
    dialed: 'call placed (dial)', ringing: 'ringing', answered: 'answered (start() resolved)', active: '`active` event',
  };
  return {
    id: 'breakdown',
    title: 'Where the time goes: median ms from the click to each step',
    header: ['step', 'element cold', 'floor cold', 'element warm', 'floor warm'],
    rows: STEPS.map((step) => [labels[step], cell('elementCold', step), cell('floorCold', step), cell('elementWarm', step), cell('floorWarm', step)]),
    notes: [
      'Element steps are its `c2c:*` performance marks; the floor page leaves `floor:*` marks at the same steps. Each cell is the median over its kind\'s runs on its own, so a column need not add up exactly.',
    ],
  };
}

function bytesTable(bytes) {
  const rows = [];
  const notes = [];
  let previous = null;
  for (const form of Object.values(bytes.forms)) {
    if (!form.untilActive) {
      rows.push([form.label, DASH, DASH, DASH, DASH, DASH, DASH]);
      notes.push(`${form.label}: not measured (${form.error?.message ?? form.outcome}).`);
      continue;
    }
    const b = form.beforeIntent.total;
    const u = form.untilActive.total;
    rows.push([form.label, kb(b.raw), kb(b.gzip), kb(b.brotli), kb(u.raw), kb(u.gzip), kb(u.brotli)]);
    const before = new Set(form.beforeIntent.files.map((f) => f.file));
    const later = form.untilActive.files.filter((f) => !before.has(f.file));
    const listed = later.map((f) => `\`${f.file}\` ${kb(f.gzip)}`).join(', ');
    if (listed && listed === previous) notes.push(`${form.label}: the same files after the click.`);
    else if (listed) notes.push(`${form.label}, fetched after the click (gzip): ${listed}.`);
    previous = listed;
    if (form.outcome !== 'active') notes.push(`${form.label}: the call ended in ${form.outcome}, so "until active" is what was fetched by then.`);
  }
  const over = bytes.elementOverFloorUntilActive;
  if (over) {
    notes.push(`By \`active\`, the element (npm build in a Vite app) fetches ${signedKb(over.gzip)} gzip (${signedKb(over.brotli)} brotli) more than the floor page: ${times(bytes.elementOverFloorUntilActiveGzipRatio)}× its gzip bytes.`);
  }
  notes.push('Before intent: what the page fetched once its network was idle, before any hover, focus or click. Until active: everything fetched by `active` after a click with nothing prepared. Each file compressed on its own.');
  return {
    id: 'bytes',
    title: 'Bytes of each form, as Chromium fetched them',
    header: ['form', 'before intent: raw', 'gzip -9', 'brotli', 'until active: raw', 'gzip -9', 'brotli'],
    rows,
    notes,
  };
}

function scaleTable(scale) {
  const rows = Object.entries(scale.loads).map(([n, load]) => [
    n === '0' ? 'none (no script)' : n,
    ms(load.defineAndRenderMs.median),
    ms(load.afterDownloadMs.median),
    kb(load.heapUsedBytes.median),
    n === '0' ? DASH : signedKb(scale.heapOverBaselineBytes[n]),
    count(load.nodes.median),
    count(load.jsEventListeners.median),
    kb(load.bytes?.gzip),
  ]);
  const notes = [];
  const [fewest, most] = Object.keys(scale.calls);
  if (fewest && most) {
    notes.push(`A prepared call on the first of ${most} buttons: click → active median ${ms(scale.calls[most].clickToActive.median)} ms, against ${ms(scale.calls[fewest].clickToActive.median)} ms with ${fewest} button (${times(scale.callRatio)}×; ${scale.calls[most].clickToActive.n} + ${scale.calls[fewest].clickToActive.n} calls, alternating).`);
  }
  notes.push(`Heap per extra button: ${kb(scale.heapPerButtonBytes)}. Define + render time, most buttons / fewest: ${times(scale.renderMsRatio)}×.`);
  for (const [n, load] of Object.entries(scale.loads)) {
    if (load.failures.length) notes.push(`${n} buttons: ${load.failures.length} load(s) failed: ${load.failures.join('; ')}.`);
    if (!load.rendered) notes.push(`${n} buttons: not every button rendered.`);
  }
  for (const [n, call] of Object.entries(scale.calls)) {
    if (call.failures.length) notes.push(`Calls with ${n} button(s): ${call.failures.length} failed: ${call.failures.map((f) => f.code ?? f.outcome).join(', ')}.`);
  }
  return {
    id: 'scale',
    title: 'Buttons on one page (CDN module build): medians',
    header: ['buttons', 'import → all rendered, ms', 'of which after download', 'JS heap after GC', 'over no-element page', 'DOM nodes', 'JS listeners', 'JS fetched (gzip)'],
    rows,
    notes,
  };
}

const percent = (value) => (value == null ? DASH : `${value >= 0 ? '+' : ''}${value} %`);

function enduranceTable(endurance) {
  const pages = Object.values(endurance);
  const header = ['after N call cycles'];
  const columns = [];
  for (const page of pages) {
    for (const snapshot of page.snapshots) {
      header.push(`${page.label.split(' (')[0]}: ${snapshot.afterCycles}`);
      columns.push(snapshot);
    }
  }
  const row = (label, read) => [label, ...columns.map(read)];
  const rows = [
    row('JS heap after GC', (s) => kb(s.heapUsedBytes)),
    row('of which compiled code', (s) => (s.codeBytes == null ? DASH : kb(s.codeBytes))),
    row('JS event listeners (renderer)', (s) => count(s.jsEventListeners)),
    row('listeners on window / document / mediaDevices / element', (s) =>
      `${count(s.listeners.window)} / ${count(s.listeners.document)} / ${count(s.listeners.mediaDevices)} / ${count(s.listeners.element)}`),
    row('DOM nodes (renderer)', (s) => count(s.nodes)),
    row('open websockets (created)', (s) => `${s.openSockets} (${s.socketsCreated})`),
    row('getUserMedia tracks: live / in memory (handed out)', (s) => `${s.liveTracks} / ${s.tracksInMemory} (${s.tracksHandedOut})`),
    row('RTCPeerConnections: open / in memory (made)', (s) => `${s.openPeers} / ${s.peersInMemory} (${s.peersMade})`),
  ];
  const notes = [];
  for (const page of pages) {
    const name = page.label.split(' (')[0];
    const g = page.growthPerCycle;
    notes.push(`${name}: ${page.active}/${page.cycles} cycles reached active; heap after the last cycle, compiled code aside, ${percent(page.heldGrowthPercent)} over after the first (${percent(page.heapGrowthPercent)} with code); per cycle after the first: heap ${signedKb(g.heapUsedBytes)}, JS listeners ${g.jsEventListeners == null ? DASH : `${g.jsEventListeners >= 0 ? '+' : ''}${g.jsEventListeners}`}, DOM nodes ${g.nodes == null ? DASH : `${g.nodes >= 0 ? '+' : ''}${g.nodes}`}; call → active median ${ms(page.callToActive.firstTenth.median)} ms in the first tenth of the cycles, ${ms(page.callToActive.lastTenth.median)} ms in the last.`);
    if (page.failures.length) notes.push(`${name}: failed cycles: ${page.failures.map((f) => `#${f.cycle} ${f.outcome}${f.error ? ` (${f.error})` : ''}`).join(', ')}.`);
    if (page.notEnded) notes.push(`${name}: ${page.notEnded} cycle(s) not ended after the hang-up.`);
  }
  notes.push(`Each snapshot is taken at least ${pages[0]?.settleMs ?? '?'} ms after the last hang-up, once no peer connection is left in memory (Chromium lets go of most closed ones within seconds, and of some never: a state change still undelivered when the call closed keeps them) or 20 s have passed, after garbage collection. "In memory": closed or stopped, but still held by the page (WeakRefs that did not clear).`);
  return { id: 'endurance', title: 'Endurance: one page, call → active → hang-up, again and again', header, rows, notes };
}

function loadTable(load, cores) {
  const rows = load.rounds.map((r) => [
    `${r.visitors}`, `${r.active}`, `${r.echoed}`, `${r.held.calls} / ${r.held.sockets} / ${r.held.mediaPeers}`,
    ms(r.clickToActive.median), ms(r.clickToActive.max), `${r.afterHangup.calls}`,
    r.cpu ? `${r.cpu.visitorsMsPerCallSecond} / ${r.cpu.emulatorMsPerCallSecond}` : '—',
  ]);
  const notes = [
    `The most calls at once with every one active and echoed: ${load.mostAtOnce}; the most the emulator held at once: ${load.peakCalls ?? '—'}. Each round adds calls until one falls short or the limit (BENCH_LOAD_MAX) is reached.`,
    `Each visitor has a browser context of its own, ${load.perBrowser} per browser (Chromium opens at most 16 microphone captures per browser); all click at once. The emulator runs in a Node process of its own.`,
  ];
  const cpu = load.cpuPerCall;
  if (cpu && cores) {
    const first = cpu.visitorsMsPerCallSecond >= cpu.emulatorMsPerCallSecond ? "the visitors' browsers" : 'the emulator';
    notes.push(`CPU per call, in ms of CPU time per second of call, read over ${load.cpuWindowMs / 1000} s of held calls in the largest round that got through: the visitors' Chromium ${cpu.visitorsMsPerCallSecond}, the emulator ${cpu.emulatorMsPerCallSecond}. ` +
      `${cores} cores hold at most about ${Math.floor((cores * 1000) / cpu.visitorsMsPerCallSecond)} visitors' calls, ` +
      `and about ${Math.floor((cores * 1000) / Math.max(cpu.emulatorMsPerCallSecond, 0.1))} calls on the emulator alone: ${first} run out first.`);
  }
  for (const r of load.rounds) {
    if (r.failures.length) notes.push(`${r.visitors} at once: ${r.failures.length} did not reach active: ${r.failures.join(', ')}.`);
    if (r.droppedAfterActive?.length) notes.push(`${r.visitors} at once: ${r.droppedAfterActive.length} reached active and then ended: ${r.droppedAfterActive.join(', ')}.`);
  }
  return {
    id: 'load',
    title: 'Load: calls at once on the emulator',
    header: ['calls at once', 'active', 'echoed', 'emulator held: calls / sockets / echo peers', 'click → active median ms', 'max ms', 'calls left after hang-up', 'CPU ms/s per call: visitors / emulator'],
    rows,
    notes,
  };
}

function emulatorLoadTable(alone, browserLoad, cores) {
  const share = (l) => (l.echoedShare ? `${l.echoedShare.min.toFixed(3)} / ${l.echoedShare.median.toFixed(3)}` : '—');
  const rtt = (l) => (l.roundTripMs?.median == null ? '—' : `${l.roundTripMs.median.toFixed(1)} / ${l.roundTripMs.p95.toFixed(1)}`);
  const rows = alone.levels.map((l) => [
    `${l.calls}`, `${l.held}`, share(l), rtt(l), `${l.emulatorHeld.calls} / ${l.emulatorHeld.mediaPeers}`,
    l.cpu ? `${l.cpu.emulatorMsPerCallSecond} / ${l.cpu.callersMsPerCallSecond}` : '—', l.holds ? 'yes' : l.echoing ? 'echoes, late' : 'no',
  ]);
  const browsers = failedStep(browserLoad) || !browserLoad ? '—' : `${browserLoad.mostAtOnce}`;
  const notes = [
    `The most calls held at once: ${alone.mostHeld} by the emulator alone, ${browsers} with a Chromium visitor per call (the load table above). ` +
      `Calls are added ${alone.levels[0]?.calls ?? '?'} at a time and held; a level holds when every call was placed, each had at least ${alone.minEchoed * 100} % of its packets echoed over ${alone.windowMs / 1000} s, ` +
      `and 95 % of all echoes came back within ${alone.promptMs} ms (past its CPU the emulator drops nothing: it answers later and later). The first level that does not hold ends the step, or BENCH_EMULATOR_MAX.`,
    'Each caller is Node, as the SDK speaks to the relay: a websocket and session of its own, a guest token, a verto.invite to /public/echo with a werift peer, and a 20 ms stream of numbered RTP packets (40-byte payloads) whose echoes it times. The emulator runs in a Node process of its own; the callers run in the bench\'s, on the same machine, so their CPU is counted beside the emulator\'s.',
  ];
  const cpu = alone.cpuPerCall;
  if (cpu) {
    notes.push(`CPU per call at ${cpu.calls} calls, the largest level that held, in ms per second of call: the emulator ${cpu.emulatorMsPerCallSecond}, ` +
      `the callers ${cpu.callersMsPerCallSecond} (${cores ?? '?'} cores; past that level both wait for CPU, and the round trip grows). ` +
      'Only these two processes are counted: on a shared machine the rest goes to others (see the load average in the run line).');
  }
  for (const l of alone.levels) {
    if (l.failed.length) notes.push(`${l.calls} calls: ${l.failed.length} not placed: ${[...new Set(l.failed)].join('; ')}.`);
    if (l.retried) notes.push(`${l.calls} calls: ${l.retried} placed on a second try (werift's DTLS between two of its own peers now and then does not complete).`);
  }
  notes.push(`After the hang-ups the emulator held ${alone.afterHangup.calls} calls and ${alone.afterHangup.mediaPeers} echo peers.`);
  return {
    id: 'emulatorLoad',
    title: 'Load: the emulator alone, with Node callers',
    header: ['calls', 'held', 'echoed share: min / median', 'echo round trip ms: median / p95', 'emulator holds: calls / echo peers', 'CPU ms/s per call: emulator / callers', 'holds'],
    rows,
    notes,
  };
}

/** The tables of a run, in report order; a step that failed becomes a note of its own. */
export function buildTables(results) {
  const sections = [
    ['calls', 'Element / floor', (c) => [ratioTable(c), speedTable(c), breakdownTable(c)]],
    ['bytes', 'Bytes', (b) => [bytesTable(b)]],
    ['scale', 'Scale', (s) => [scaleTable(s)]],
    ['endurance', 'Endurance', (e) => [enduranceTable(e)]],
    ['load', 'Load', (l) => [loadTable(l, results.machine?.cores)]],
    ['emulatorLoad', 'Load: the emulator alone', (e) => [emulatorLoadTable(e, results.load, results.machine?.cores)]],
  ];
  return sections.flatMap(([key, title, make]) =>
    failedStep(results[key])
      ? [{ id: key, title, header: [], rows: [], notes: [`Not measured: ${results[key]?.failed ?? 'skipped'}.`] }]
      : make(results[key]),
  );
}

/** One line on when, where and how much was measured. */
export function describeRun(results) {
  const m = results.machine;
  const s = results.settings;
  return `${results.date.slice(0, 10)}, ${m.cpuModel ?? 'unknown CPU'}, ${m.cores} cores (1-minute load average ${m.loadAverageAtStart} at the start, ${m.loadAverageAtEnd} at the end), Node ${m.node}, Chromium ${m.chromium}, @signalwire/js ${m.signalwireJs}; ` +
    `${s.runs} rounds of 4 calls (BENCH_RUNS), ${s.scaleRuns} loads per button count (BENCH_SCALE_RUNS), ${s.scaleCallRuns} calls each with ${s.scaleCounts[0]} and ${s.scaleCounts.at(-1)} buttons (BENCH_SCALE_CALLS), ${s.cycles} endurance cycles (BENCH_CYCLES), up to ${s.loadMax ?? '—'} calls at once by ${s.loadStep ?? '—'} (BENCH_LOAD_MAX, BENCH_LOAD_STEP), ` +
    `up to ${s.emulatorLoadMax ?? '—'} Node callers by ${s.emulatorLoadStep ?? '—'} (BENCH_EMULATOR_MAX, BENCH_EMULATOR_STEP)`;
}
