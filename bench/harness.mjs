// What runs inside the bench pages. Each export is handed to Playwright's page.evaluate (or addInitScript),
// which sends its source text: every function must be self-contained, with no imports and no outer variables.
// Times are performance.now() in the page, relative to the click (negative: before it).

/**
 * The element: optionally `await el.prepare()` (what hover and focus do), click its button, wait for `active`
 * (or `error`, or the timeout), read the `c2c:*` marks, and hang up unless told not to.
 */
export async function elementCall({ warm, timeoutMs, index = 0, hangup = true }) {
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  await customElements.whenDefined('c2c-call-button');
  const el = document.querySelectorAll('c2c-call-button')[index];
  await el.updateComplete;
  const button = el.shadowRoot.querySelector('[part="button"]');

  let prepareMs = null;
  if (warm) {
    const start = performance.now();
    await el.prepare();
    prepareMs = performance.now() - start;
  }

  const states = [];
  let clickAt = 0;
  const settled = new Promise((resolve) => {
    el.addEventListener('c2c-state-change', (event) => {
      states.push({ state: event.state, ms: performance.now() - clickAt });
      if (event.state === 'active' || event.state === 'error') resolve(event.state);
    });
    setTimeout(() => resolve('timeout'), timeoutMs);
  });
  clickAt = performance.now();
  button.click(); // a click with no pointerenter or focus before it: nothing is prepared unless `warm`
  const outcome = await settled;

  const marks = {};
  for (const mark of performance.getEntriesByType('mark')) {
    if (mark.name.startsWith('c2c:')) marks[mark.name.slice(4)] = mark.startTime - clickAt;
  }
  const activeMs = states.find((s) => s.state === 'active')?.ms ?? null;
  const error = el.error ? { code: el.error.code, message: el.error.message } : null;

  let finalState = el.state;
  if (hangup) {
    await Promise.race([el.hangup(), sleep(5_000)]);
    finalState = el.state;
  }
  return { outcome, activeMs, prepareMs, states, marks, error, finalState };
}

/** The floor page (bench/apps/floor): the same steps as `elementCall`, over its `window.floor`. */
export async function floorCall({ warm, timeoutMs, hangup = true }) {
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  while (!window.floor) await sleep(10);
  const { floor } = window;

  let prepareMs = null;
  if (warm) {
    const start = performance.now();
    await floor.prepare();
    prepareMs = performance.now() - start;
  }

  const clickAt = performance.now();
  document.getElementById('call').click();
  let activeMs = null;
  let error = null;
  const outcome = await Promise.race([
    floor.placed().then(
      () => {
        activeMs = performance.now() - clickAt;
        return 'active';
      },
      (reason) => {
        error = { code: String(reason?.code ?? reason?.name ?? 'error'), message: String(reason?.message ?? reason) };
        return 'error';
      },
    ),
    sleep(timeoutMs).then(() => 'timeout'),
  ]);

  const marks = {};
  for (const mark of performance.getEntriesByType('mark')) {
    if (mark.name.startsWith('floor:')) marks[mark.name.slice(6)] = mark.startTime - clickAt;
  }
  let finalState = outcome;
  if (hangup) {
    finalState = await Promise.race([floor.hangup().then(() => 'ended', () => 'hangup failed'), sleep(5_000).then(() => 'hangup timed out')]);
  }
  return { outcome, activeMs, prepareMs, states: [], marks, error, finalState };
}

/** Resolves once the page can call: the element is defined, or the floor page's script has run. */
export async function pageReady() {
  while (!window.floor && !customElements.get('c2c-call-button')) await new Promise((resolve) => setTimeout(resolve, 10));
}

/** Hangs up what `elementCall` or `floorCall` left up with `hangup: false`. Returns the final state. */
export async function hangUpEverything() {
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const hangups = [...document.querySelectorAll('c2c-call-button')].map((el) => el.hangup());
  if (window.floor) hangups.push(window.floor.hangup());
  await Promise.race([Promise.allSettled(hangups), sleep(5_000)]);
  return [...document.querySelectorAll('c2c-call-button')].map((el) => el.state).join(',') || 'floor';
}

/**
 * Imports the module build into a page whose buttons are already in the HTML, and times it: from the
 * import() until every button has rendered (`updateComplete`). `downloadMs` is when the module's response
 * ended, from the same start (loopback: small); the rest is evaluating, defining, upgrading and rendering.
 */
export async function defineAndRender(src) {
  const elements = [...document.querySelectorAll('c2c-call-button')];
  const start = performance.now();
  await import(src);
  await customElements.whenDefined('c2c-call-button');
  await Promise.all(elements.map((el) => el.updateComplete));
  const totalMs = performance.now() - start;
  const entry = performance.getEntriesByName(new URL(src, location.href).href)[0];
  return {
    totalMs,
    downloadMs: entry ? entry.responseEnd - start : null,
    buttons: elements.length,
    rendered: elements.filter((el) => el.shadowRoot?.querySelector('[part="button"]')).length,
  };
}

/**
 * An init script (runs before the page's own): remembers every track getUserMedia hands out and every
 * RTCPeerConnection made, through WeakRefs (tracking them must not keep them alive), so `liveMedia()` can
 * count the tracks still `live` and the connections not yet closed, and, after a garbage collection, those
 * the page still holds at all.
 */
export function trackMedia() {
  const tracks = [];
  const peers = [];
  const getUserMedia = MediaDevices.prototype.getUserMedia;
  MediaDevices.prototype.getUserMedia = async function (...args) {
    const stream = await getUserMedia.apply(this, args);
    stream.getTracks().forEach((track) => tracks.push(new WeakRef(track)));
    return stream;
  };
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(...args) {
      super(...args);
      peers.push(new WeakRef(this));
    }
  };
  const count = (refs, alive = () => true) => refs.filter((ref) => { const item = ref.deref(); return item !== undefined && alive(item); }).length;
  window.__benchLiveMedia = () => ({
    tracksHandedOut: tracks.length,
    liveTracks: count(tracks, (track) => track.readyState === 'live'),
    tracksInMemory: count(tracks),
    peersMade: peers.length,
    openPeers: count(peers, (peer) => peer.signalingState !== 'closed'),
    peersInMemory: count(peers),
  });
}

/** The counts kept by `trackMedia`. */
export function liveMedia() {
  return window.__benchLiveMedia();
}

/**
 * `count` call cycles, as a visitor would repeat them: on an element page, the first button's call() (what a
 * click does) until active, then hangup() until ended; on the floor page, its button's click until active, then
 * floor.hangup(). A failed or timed-out cycle is recorded and the next one goes on.
 */
export async function callCycles({ count, timeoutMs }) {
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const { floor } = window;
  let el = null;
  if (!floor) {
    await customElements.whenDefined('c2c-call-button');
    el = document.querySelector('c2c-call-button');
  }
  const place = () => {
    if (el) return el.call();
    document.getElementById('call').click();
    return floor.placed();
  };
  const cycles = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    let error = null;
    const outcome = await Promise.race([
      place().then(() => 'active', (reason) => {
        error = String(reason?.code ?? reason?.name ?? reason);
        return 'error';
      }),
      sleep(timeoutMs).then(() => 'timeout'),
    ]);
    const activeMs = outcome === 'active' ? performance.now() - start : null;
    const hangup = el ? el.hangup() : floor.hangup();
    const finalState = await Promise.race([hangup.then(() => (el ? el.state : 'ended'), () => 'hangup failed'), sleep(5_000).then(() => 'hangup timed out')]);
    cycles.push({ outcome, activeMs, error, finalState });
  }
  return cycles;
}
