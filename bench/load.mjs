// Step 6 of `npm run bench`: how many calls at once the emulator holds on this machine. Visitors in browser contexts
// of their own (ten per browser: Chromium opens at most 16 microphone captures per browser) load the CDN module page
// and click at the same moment; the step counts those that reach `active` and hear their echo, reads what the emulator
// holds (GET /__stats), hangs every call up and checks each was freed. It starts at `step` visitors and adds `step`
// until a round where not every call got through, or `max`. Figures only: a round that falls short is the result.
// While the calls run, it reads the CPU time the visitors' browsers (DevTools SystemInfo) and the emulator's process
// (GET /__stats) spend per call: what says which of them the machine runs out of first.
import { launchBrowser } from './browser.mjs';

const PER_BROWSER = 10;
/** How long the calls are held while their CPU time is read. */
const CPU_WINDOW_MS = 10_000;

/** CPU time, in ms, of every process of `browser` (browser, renderers, GPU, network, audio) since each started. */
async function browserCpuMs(browser) {
  const session = await browser.newBrowserCDPSession();
  try {
    const { processInfo } = await session.send('SystemInfo.getProcessInfo');
    return processInfo.reduce((sum, process) => sum + process.cpuTime * 1000, 0);
  } finally {
    await session.detach();
  }
}

/** CPU ms spent per second by the visitors' browsers and by the emulator while `calls` calls run for a window. */
async function cpuPerCall(browsers, emulatorOrigin, calls) {
  const read = async () => ({
    emulator: (await stats(emulatorOrigin)).processCpuMs,
    browsers: (await Promise.all(browsers.map(browserCpuMs))).reduce((sum, ms) => sum + ms, 0),
    at: performance.now(),
  });
  const start = await read();
  await new Promise((resolve) => setTimeout(resolve, CPU_WINDOW_MS));
  const end = await read();
  const callSeconds = ((end.at - start.at) / 1000) * calls;
  return {
    visitorsMsPerCallSecond: Math.round((end.browsers - start.browsers) / callSeconds),
    emulatorMsPerCallSecond: Math.round(((end.emulator - start.emulator) / callSeconds) * 10) / 10,
  };
}

/** Init script: keeps the page's peer connections, to read their inbound audio. */
function keepPeers() {
  const peers = [];
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(...args) {
      super(...args);
      peers.push(this);
    }
  };
  window.__benchPeers = peers;
}

async function inboundAudioBytes(page) {
  return page.evaluate(async () => {
    let bytes = 0;
    for (const peer of window.__benchPeers) {
      (await peer.getStats()).forEach((report) => {
        if (report.type === 'inbound-rtp' && report.kind === 'audio') bytes += report.bytesReceived ?? 0;
      });
    }
    return bytes;
  });
}

async function stats(origin) {
  return (await fetch(`${origin}/__stats`)).json();
}

async function statsUntil(origin, ok, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let current = await stats(origin);
  while (!ok(current) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    current = await stats(origin);
  }
  return current;
}

/** One round: `visitors` calls placed at once. */
async function round({ executablePath, url, emulatorOrigin, visitors, timeoutMs }) {
  const browsers = await Promise.all(Array.from({ length: Math.ceil(visitors / PER_BROWSER) }, () => launchBrowser(executablePath)));
  try {
    const pages = [];
    for (let i = 0; i < visitors; i++) {
      const context = await browsers[i % browsers.length].newContext({ permissions: ['microphone', 'camera'] });
      await context.addInitScript(keepPeers);
      const page = await context.newPage();
      await page.goto(url);
      await page.evaluate(() => customElements.whenDefined('c2c-call-button'));
      pages.push(page);
    }
    const started = Date.now();
    // Every click at once; each page reports the state it reached (active, error, or the limit passing).
    const outcomes = await Promise.all(pages.map((page) => page.evaluate((limit) => new Promise((resolve) => {
      const el = document.querySelector('c2c-call-button');
      const timer = setTimeout(() => resolve({ state: el.state, ms: null }), limit);
      const t0 = performance.now();
      el.addEventListener('c2c-state-change', () => {
        if (el.state !== 'active' && el.state !== 'error') return;
        clearTimeout(timer);
        resolve({ state: el.state, ms: performance.now() - t0, code: el.error?.code ?? null });
      });
      el.shadowRoot.querySelector('[part="button"]').click();
    }), timeoutMs)));
    const allActiveMs = Date.now() - started;
    const held = await stats(emulatorOrigin);

    // The echo: audio arriving on every active page, and still arriving a moment later.
    const active = pages.filter((_, i) => outcomes[i].state === 'active');
    const before = await Promise.all(active.map(inboundAudioBytes));
    const deadline = Date.now() + 20_000;
    const echoed = new Set();
    while (echoed.size < active.length && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      for (const [i, page] of active.entries()) if (!echoed.has(i) && (await inboundAudioBytes(page)) > before[i] + 1_000) echoed.add(i);
    }

    const cpu = active.length ? await cpuPerCall(browsers, emulatorOrigin, active.length) : null;
    // Calls that reached `active` and were no longer in it after the echo check and the CPU window: how they ended.
    const later = await Promise.all(active.map((page) => page.evaluate(() => {
      const el = document.querySelector('c2c-call-button');
      return el.state === 'active' ? null : (el.error?.code ?? el.state);
    })));

    await Promise.all(pages.map((page) => page.evaluate(() => document.querySelector('c2c-call-button').hangup())));
    const freed = await statsUntil(emulatorOrigin, (s) => s.activeCalls === 0 && s.mediaPeers === 0, 20_000);
    return {
      visitors,
      active: active.length,
      echoed: echoed.size,
      failures: outcomes.filter((o) => o.state !== 'active').map((o) => o.code ?? o.state),
      droppedAfterActive: later.filter((code) => code !== null),
      clickToActiveMs: outcomes.filter((o) => o.state === 'active').map((o) => o.ms),
      allActiveMs,
      held: { calls: held.activeCalls, sockets: held.sockets, mediaPeers: held.mediaPeers },
      cpu,
      afterHangup: { calls: freed.activeCalls, mediaPeers: freed.mediaPeers },
    };
  } finally {
    await Promise.all(browsers.map((browser) => browser.close()));
  }
}

/**
 * @param {{ executablePath: string, url: string, emulatorOrigin: string, step: number, max: number, timeoutMs: number,
 *           log: (line: string) => void }} options
 */
export async function measureLoad({ executablePath, url, emulatorOrigin, step, max, timeoutMs, log }) {
  // The emulator's default orphanTimeoutMs: under load the SDK may recycle a socket and resume its session.
  await fetch(`${emulatorOrigin}/__faults`, { method: 'DELETE' });
  const rounds = [];
  for (let visitors = step; visitors <= max; visitors += step) {
    const result = await round({ executablePath, url, emulatorOrigin, visitors, timeoutMs });
    rounds.push(result);
    const cpu = result.cpu ? `; CPU per call: visitors ${result.cpu.visitorsMsPerCallSecond} ms/s, emulator ${result.cpu.emulatorMsPerCallSecond} ms/s` : '';
    log(`  ${visitors} at once: ${result.active} active, ${result.echoed} echoed; the emulator held ${result.held.calls} calls, ${result.afterHangup.calls} after the hang-ups${cpu}`);
    if (result.echoed < visitors) break;
  }
  return { rounds, perBrowser: PER_BROWSER, peakCalls: (await stats(emulatorOrigin)).peakCalls, cpuWindowMs: CPU_WINDOW_MS };
}
