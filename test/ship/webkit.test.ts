// What ships, as a page loads it in WebKit: Debian's WebKitGTK (MiniBrowser, driven by WebKitWebDriver). This
// WebKit has no RTCPeerConnection, so no call can be placed in it; what it can show is the page-load path of a
// browser without WebRTC: the tag upgrades from the CDN module and classic builds, the button says before any click
// that calls cannot be made here and fetches nothing for one, in English, Arabic and Hebrew, light and dark, 280 px
// wide, with no axe violation and nothing escaping to the page; and a call chunk that failed to load loads on the
// next try the way it must in Safari (`importAgain` in src/button/lazy-chunk.ts). Screenshots land in .test-results/webkit/.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { after, before, describe, it, type TestContext } from 'node:test';
import { DEMO_C2C_TOKEN, startEmulator, type RunningEmulator } from '../../emulator/index.ts';
import { enCallStrings } from '../../src/in-call/english.ts';
import { enPageStrings } from '../../src/button/english.ts';
import type { C2cStrings } from '../../src/i18n/strings.ts';
import { ROOT, packedPackage } from './support/package.ts';
import { serveStatic, type StaticServer } from './support/static-server.ts';
import { startWebKitDriver, type ElementRef, type WebKitDriver, type WebKitSession } from './support/webkit.ts';

const pkg = packedPackage();
const CDN_DIR = `${pkg.dir}dist/cdn/`;
/** A copy of the CDN build whose call-engine chunk can be taken away (offline) and put back. */
const FLAKY_DIR = `${mkdtempSync(`${tmpdir()}/c2c-webkit-`)}/`;
const ENGINE_CHUNK = readdirSync(CDN_DIR).find((name) => /^call-engine-[\w-]+\.js$/.test(name))!;
const SHOTS = `${ROOT}.test-results/webkit/`;
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const LANGUAGES = ['en', 'es', 'fr', 'de', 'it', 'pt', 'nl', 'ja', 'ko', 'zh', 'ar', 'he'] as const;
type Language = (typeof LANGUAGES)[number];

async function table(lang: Language): Promise<C2cStrings> {
  if (lang === 'en') return { ...enPageStrings, ...enCallStrings };
  return ((await import(`../../src/i18n/locales/${lang}.ts`)) as { default: C2cStrings }).default;
}

/**
 * The test page's first script, before any of the element's: it records what escapes to the page (uncaught
 * exceptions, unhandled rejections, console errors, resources that fail to load) and every websocket opened.
 * WebDriver classic has no events for these, so the test reads the lists with a script.
 */
const WATCHER = `
globalThis.__name ??= (target) => target; // tsx keeps function names with a helper; functions sent here call it
(() => {
  const escaped = [];
  const sockets = [];
  addEventListener('error', (event) => {
    const target = event.target;
    escaped.push(target instanceof Element
      ? 'failed to load: ' + (target.src || target.href || target.outerHTML)
      : 'uncaught: ' + event.message + ' at ' + event.filename + ':' + event.lineno);
  }, true);
  addEventListener('unhandledrejection', (event) => {
    const reason = event.reason;
    escaped.push('unhandled rejection: ' + String(reason) + (reason && reason.stack ? ' at ' + reason.stack : ''));
  });
  const consoleError = console.error;
  console.error = (...args) => {
    escaped.push('console.error: ' + args.map(String).join(' '));
    consoleError.apply(console, args);
  };
  const PageWebSocket = WebSocket;
  window.WebSocket = class extends PageWebSocket {
    constructor(url, protocols) {
      sockets.push(String(url));
      super(url, protocols);
    }
  };
  Object.defineProperty(window, '__watch', { value: { escaped, sockets } });
})();`;

interface PageOptions {
  lang?: Language;
  scripts: string;
  attributes?: string;
  /** The page follows the visitor's colour scheme, as a site with a dark theme does. */
  colorScheme?: boolean;
  /** Markup after the element's tag (a script that breaks on purpose). */
  extra?: string;
}

let emulator: RunningEmulator;
/** Every line the emulator logs: each REST request, each relay connection. */
const emulatorLog: string[] = [];
let server: StaticServer;
let driver: WebKitDriver;
/** The call button's and the note's colours in the light session, for the dark one to differ from. */
let lightColours: ReturnType<typeof partColours> | undefined;

/** A page with the tag first (so the build upgrades an earlier tag), the scripts under test at the end. */
function page({ lang = 'en', scripts, attributes = '', colorScheme = false, extra = '' }: PageOptions): string {
  const dir = lang === 'ar' || lang === 'he' ? ' dir="rtl"' : '';
  return `<!doctype html>
<html lang="${lang}"${dir}><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
${colorScheme ? '<meta name="color-scheme" content="light dark">' : ''}
<title>c2c-call-button in WebKit</title><link rel="icon" href="data:,">
<script>${WATCHER}</script></head>
<body>
<c2c-call-button token="${DEMO_C2C_TOKEN}" destination="/public/echo" api-base="${emulator.origin}"${attributes}></c2c-call-button>
${extra}
${scripts}
</body></html>`;
}

const moduleTag = '<script type="module" src="/assets/c2c/c2c-call-button.js"></script>';
const classicTag = '<script src="/assets/c2c/c2c-call-button.classic.js" defer></script>';

/** What one open page did: the requests it made of the static server, and what the watcher saw. */
interface OpenedPage {
  /** Paths of the scripts the page fetched, in order. */
  scripts(): string[];
  escaped(): Promise<string[]>;
  sockets(): Promise<string[]>;
}

type El = HTMLElement & { updateComplete: Promise<boolean>; destination: string; apiBase: string; label: string; state: string };

/** Opens `path` and waits for the element to be defined and rendered, in the page's language. */
async function open(session: WebKitSession, path: string): Promise<OpenedPage> {
  const from = server.requests.length;
  await session.navigate(`${server.origin}${path}`);
  await session.executeAsync(async () => {
    await customElements.whenDefined('c2c-call-button');
    const el = document.querySelector('c2c-call-button') as El;
    while (!(await el.updateComplete));
  });
  const watch = () => session.execute(() => (window as unknown as { __watch: { escaped: string[]; sockets: string[] } }).__watch);
  return {
    scripts: () => server.requests.slice(from).filter((path) => path.endsWith('.js')),
    escaped: async () => (await watch()).escaped,
    sockets: async () => (await watch()).sockets,
  };
}

/** What a visitor sees of the idle element, read from its shadow root. */
function idleView() {
  const el = document.querySelector('c2c-call-button') as El;
  const root = el.shadowRoot!;
  const button = root.querySelector<HTMLButtonElement>('[part="button"]');
  const status = root.querySelector('[part="status"]');
  return {
    defined: customElements.get('c2c-call-button') === el.constructor,
    attributes: { destination: el.destination, apiBase: el.apiBase },
    state: el.getAttribute('state'),
    label: root.querySelector('[part="label"]')?.textContent,
    buttons: root.querySelectorAll('[part="button"]').length,
    disabled: button?.disabled,
    describedBy: button?.getAttribute('aria-describedby'),
    status: status?.textContent,
    statusId: status?.id,
    hasRTCPeerConnection: 'RTCPeerConnection' in window,
  };
}

function partColours() {
  const root = document.querySelector('c2c-call-button')!.shadowRoot!;
  const style = (part: string) => getComputedStyle(root.querySelector(`[part="${part}"]`)!);
  return { button: style('button').backgroundColor, label: style('button').color, status: style('status').color };
}

/** axe's WCAG 2.x A and AA rules on the element (axe reads shadow roots), injected from node_modules. */
async function axeViolations(session: WebKitSession): Promise<string[]> {
  await session.execute((source: string) => {
    if ('axe' in window) return;
    const script = document.createElement('script');
    script.textContent = source;
    document.head.append(script);
  }, AXE_SOURCE);
  return session.executeAsync(async () => {
    type Axe = { run(el: Element, o: object): Promise<{ violations: { id: string; nodes: { target: string[]; failureSummary?: string }[] }[] }> };
    const result = await (window as unknown as { axe: Axe }).axe.run(document.querySelector('c2c-call-button')!, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} (${n.failureSummary ?? ''})`).join(', ')}`);
  });
}

/** The element's call button, as a WebDriver element reference. */
const callButton = (session: WebKitSession) =>
  session.execute(() => document.querySelector('c2c-call-button')!.shadowRoot!.querySelector('[part="button"]')) as Promise<unknown> as Promise<ElementRef>;

async function screenshot(session: WebKitSession, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  writeFileSync(`${SHOTS}${name}.png`, await session.screenshot());
}

/**
 * A visitor points at the button and clicks it: nothing is prepared or fetched and the element stays idle.
 * Waits for the element's reaction, then for one request of the page's own sent after it, so a fetch the
 * element had started would be logged first.
 */
async function pointAndClick(session: WebKitSession): Promise<void> {
  const button = await callButton(session);
  await session.hover(button);
  await session.click(button);
  await session.executeAsync(async () => {
    await (document.querySelector('c2c-call-button') as El).updateComplete;
    await fetch('/settled');
  });
}

/** The idle element in English, upgraded with its attributes, says before any click that it cannot call here. */
async function assertUnsupportedAtPageLoad(session: WebKitSession, opened: OpenedPage, expected: { label: string; scripts: string[] }): Promise<void> {
  assert.deepEqual(await session.execute(idleView), {
    defined: true,
    attributes: { destination: '/public/echo', apiBase: emulator.origin },
    state: 'idle',
    label: expected.label,
    buttons: 1,
    disabled: true,
    describedBy: 'why',
    status: enPageStrings.unsupportedBrowser,
    statusId: 'why',
    hasRTCPeerConnection: false,
  });
  assert.deepEqual(opened.scripts(), expected.scripts, 'at page load: the build and nothing else');
  assert.deepEqual(await axeViolations(session), []);
}

/** Nothing was sent for a call: not a request to the emulator (token exchange), not a websocket. */
async function assertNothingSentForACall(opened: OpenedPage): Promise<void> {
  assert.deepEqual(emulatorLog, [], 'the emulator was never contacted');
  assert.deepEqual(await opened.sockets(), [], 'no websocket');
}

describe(`WebKit (WebKitGTK, no WebRTC): the page-load path`, { timeout: 300_000 }, () => {
  let session: WebKitSession;
  let unavailable: Error | undefined;
  const webkitTest = (name: string, body: (t: TestContext) => Promise<void>) =>
    it(name, { timeout: 60_000 }, async (t) => {
      if (unavailable) throw unavailable;
      await body(t);
    });

  before(async () => {
    emulator = await startEmulator({ port: 0, log: (line) => emulatorLog.push(line) });
    const longest = await longestLanguage();
    cpSync(CDN_DIR, FLAKY_DIR, { recursive: true });
    server = await serveStatic({
      mounts: { '/assets/c2c/': CDN_DIR, '/flaky/': FLAKY_DIR },
      pages: {
        '/module.html': page({ scripts: moduleTag, attributes: ' label="Talk to sales"' }),
        '/classic.html': page({ scripts: classicTag }),
        '/ar.html': page({ lang: 'ar', scripts: moduleTag }),
        '/he.html': page({ lang: 'he', scripts: moduleTag }),
        '/dark.html': page({ scripts: moduleTag, colorScheme: true }),
        [`/${longest}.html`]: page({ lang: longest, scripts: moduleTag }),
        '/narrow-en.html': narrow('/classic.html'),
        '/narrow-longest.html': narrow(`/${longest}.html`),
        '/escapes.html': page({
          scripts: moduleTag,
          extra: `<script src="/assets/c2c/missing.js"></script>
            <script>console.error('on purpose'); Promise.reject(new Error('rejected on purpose'));</script>
            <script>throw new TypeError('thrown on purpose');</script>
            <script>new WebSocket('ws://' + location.host + '/socket').onerror = () => undefined;</script>`,
        }),
        '/flaky.html': page({ scripts: '<script type="module" src="/flaky/c2c-call-button.js"></script>' }),
        '/settled': '',
      },
    });
    try {
      driver = await startWebKitDriver();
      session = await driver.newSession();
    } catch (error) {
      unavailable = error as Error; // each test fails with it: where WebKit is missing, the how-to to get it
    }
  });

  after(async () => {
    await session?.close().catch(() => undefined);
    await driver?.close();
    await server?.close();
    await emulator?.close();
    rmSync(FLAKY_DIR, { recursive: true, force: true });
  });

  webkitTest('the watcher sees what escapes to a WebKit page (an uncaught exception, an unhandled rejection, a console error, a script that fails to load) and the websockets it opens', async (t) => {
    t.diagnostic(driver.version);
    const opened = await open(session, '/escapes.html');
    const escaped = await opened.escaped();
    const seen = (prefix: string, words: string) => escaped.some((line) => line.startsWith(prefix) && line.includes(words));
    assert.ok(seen('failed to load: ', '/assets/c2c/missing.js'), escaped.join('\n'));
    assert.ok(seen('console.error: ', 'on purpose'), escaped.join('\n'));
    assert.ok(seen('unhandled rejection: ', 'rejected on purpose'), escaped.join('\n'));
    assert.ok(seen('uncaught: ', 'thrown on purpose'), escaped.join('\n'));
    assert.equal(escaped.length, 4, escaped.join('\n'));
    assert.deepEqual(await opened.sockets(), [`${server.origin.replace('http:', 'ws:')}/socket`]);
  });

  webkitTest('module build: an earlier tag is upgraded with its attributes; before any click the button is disabled and says why', async () => {
    const opened = await open(session, '/module.html');
    assert.equal(await session.execute(() => (document.querySelector('c2c-call-button') as El).label), 'Talk to sales');
    await assertUnsupportedAtPageLoad(session, opened, { label: 'Talk to sales', scripts: ['/assets/c2c/c2c-call-button.js'] });
    await screenshot(session, 'module-idle-unsupported');
    lightColours = await session.execute(partColours);

    await pointAndClick(session);
    assert.equal(await session.execute(() => document.querySelector('c2c-call-button')!.getAttribute('state')), 'idle', 'a click does nothing');
    assert.deepEqual(opened.scripts(), ['/assets/c2c/c2c-call-button.js'], 'pointing and clicking loads nothing');
    await assertNothingSentForACall(opened);
    assert.deepEqual(await opened.escaped(), []);
  });

  webkitTest('classic build: a plain <script defer> upgrades the earlier tag, in English with the default label, and says why before any click', async () => {
    const opened = await open(session, '/classic.html');
    await assertUnsupportedAtPageLoad(session, opened, {
      label: enPageStrings.call,
      scripts: ['/assets/c2c/c2c-call-button.classic.js', '/assets/c2c/c2c-call-button.js'],
    });
    await screenshot(session, 'classic-idle-unsupported');
    await pointAndClick(session);
    assert.equal(await session.execute(() => document.querySelector('c2c-call-button')!.getAttribute('state')), 'idle');
    assert.equal(opened.scripts().length, 2, 'pointing and clicking loads nothing');
    await assertNothingSentForACall(opened);
    assert.deepEqual(await opened.escaped(), []);
  });

  for (const lang of ['ar', 'he'] as const) {
    webkitTest(`${lang === 'ar' ? 'Arabic' : 'Hebrew'} page (lang="${lang}" dir="rtl"): the language loads, the words are its own and the button mirrors`, async () => {
      const strings = await table(lang);
      const opened = await open(session, `/${lang}.html`);
      const scripts = opened.scripts();
      assert.equal(scripts.length, 3, scripts.join(', '));
      assert.equal(scripts[0], '/assets/c2c/c2c-call-button.js');
      assert.match(scripts[1]!, /^\/assets\/c2c\/locales-[\w-]+\.js$/, 'the table of languages');
      assert.match(scripts[2]!, new RegExp(`^/assets/c2c/${lang}-[\\w-]+\\.js$`), 'the language chunk, and only it');
      const view = await session.execute(idleView);
      assert.deepEqual([view.state, view.label, view.status, view.disabled], ['idle', strings.call, strings.unsupportedBrowser, true]);
      const layout = await session.execute(() => {
        const root = document.querySelector('c2c-call-button')!.shadowRoot!;
        const box = (part: string) => root.querySelector(`[part="${part}"]`)!.getBoundingClientRect();
        const inner = root.querySelector('.root')!;
        return {
          lang: inner.getAttribute('lang'),
          direction: getComputedStyle(inner).direction,
          iconRightOfLabel: box('icon').left > box('label').left,
          // Right to left, the element's first line starts at its right edge, as the page's own text does.
          buttonAtTheRight: Math.abs(box('button').right - document.querySelector('c2c-call-button')!.getBoundingClientRect().right) < 1,
        };
      });
      assert.deepEqual(layout, { lang, direction: 'rtl', iconRightOfLabel: true, buttonAtTheRight: true });
      assert.deepEqual(await axeViolations(session), []);
      await screenshot(session, `${lang}-idle-unsupported`);
      await assertNothingSentForACall(opened);
      assert.deepEqual(await opened.escaped(), []);
    });
  }

  for (const [name, path] of [['English, classic build', '/narrow-en.html'], ['the language with the longest words', '/narrow-longest.html']] as const) {
    webkitTest(`280 px wide (${name}): nothing overflows, the button stays on screen and keeps a 24 px target`, async () => {
      await session.navigate(`${server.origin}${path}`);
      const frame = (await session.execute(() => document.querySelector('iframe'))) as unknown as ElementRef;
      await session.switchToFrame(frame);
      try {
        await session.executeAsync(async () => {
          await customElements.whenDefined('c2c-call-button');
          while (!(await (document.querySelector('c2c-call-button') as El).updateComplete));
        });
        const measured = await session.execute(() => {
          const el = document.querySelector('c2c-call-button')!;
          const root = el.shadowRoot!;
          const box = el.getBoundingClientRect();
          const problems: string[] = [];
          if (box.left < -0.5 || box.right > innerWidth + 0.5) problems.push(`the element spans ${box.left}–${box.right}`);
          for (const node of root.querySelectorAll<HTMLElement>('*')) {
            const rect = node.getBoundingClientRect();
            if ((rect.width === 0 && rect.height === 0) || node.classList.contains('sr-only')) continue;
            const name = node.getAttribute('part') ?? node.getAttribute('class') ?? node.tagName;
            if (rect.left < box.left - 0.5 || rect.right > box.right + 0.5) problems.push(`${name} leaves the element`);
            if (node.scrollWidth > node.clientWidth + 1 && getComputedStyle(node).overflowX !== 'visible') problems.push(`${name} scrolls`);
          }
          const button = root.querySelector('[part="button"]')!.getBoundingClientRect();
          if (button.width < 24 || button.height < 24) problems.push(`a ${button.width}×${button.height} target`);
          const page = document.documentElement;
          if (page.scrollWidth > page.clientWidth) problems.push(`the page scrolls sideways: ${page.scrollWidth} > ${page.clientWidth}`);
          return { width: innerWidth, lang: document.documentElement.lang, problems, status: root.querySelector('[part="status"]')?.textContent };
        });
        assert.equal(measured.width, 280);
        assert.equal(measured.status, (await table(measured.lang as Language)).unsupportedBrowser);
        assert.deepEqual(measured.problems, [], `language ${measured.lang}`);
        assert.deepEqual(await axeViolations(session), []);
        assert.deepEqual(await session.execute(() => (window as unknown as { __watch: { escaped: string[] } }).__watch.escaped), []);
      } finally {
        await session.switchToTopFrame();
      }
      await screenshot(session, `280px-${path.slice(1, -5)}`);
      assert.deepEqual(await session.execute(() => (window as unknown as { __watch: { escaped: string[] } }).__watch.escaped), []);
    });
  }

  webkitTest('call() from a page script rejects with the coded `unsupported` error and sends nothing; the element shows why, with no retry', async () => {
    const opened = await open(session, '/module.html');
    const outcome = await session.executeAsync(async () => {
      const el = document.querySelector('c2c-call-button') as El & { call(): Promise<void> };
      const error = await el.call().then(() => undefined, (e: { name: string; code: string }) => ({ name: e.name, code: e.code }));
      await el.updateComplete;
      const root = el.shadowRoot!;
      return { error, state: el.state, message: root.querySelector('[part="error"]')?.textContent?.trim(), retry: root.querySelector('[part="retry"]') !== null };
    });
    assert.deepEqual(outcome, { error: { name: 'C2cError', code: 'unsupported' }, state: 'error', message: enCallStrings.errors.unsupported, retry: false });
    assert.deepEqual(await axeViolations(session), []);
    await screenshot(session, 'call-unsupported-error');
    await assertNothingSentForACall(opened);
    assert.deepEqual(await opened.escaped(), []);
  });

  webkitTest('a call chunk that failed to load loads on the next try: WebKit\'s failure names no URL, so the same import() is fetched again (importAgain)', async () => {
    const chunk = `${FLAKY_DIR}${ENGINE_CHUNK}`;
    renameSync(chunk, `${chunk}.away`); // offline, for this one file
    try {
      const opened = await open(session, '/flaky.html');
      type Outcome = { code: string; cause: string; retryable: boolean };
      const first = await session.executeAsync(async () => {
        const el = document.querySelector('c2c-call-button') as El & { call(): Promise<void> };
        return el.call().then(() => undefined, (e: Outcome & { cause: Error }) => ({ code: e.code, cause: String(e.cause), retryable: e.retryable }));
      });
      assert.deepEqual(first, { code: 'network', cause: 'TypeError: Importing a module script failed.', retryable: true });
      renameSync(`${chunk}.away`, chunk); // back online
      const second = await session.executeAsync(async () => {
        const el = document.querySelector('c2c-call-button') as El & { retry(): Promise<void> };
        return el.retry().then(() => undefined, (e: { code: string }) => e.code);
      });
      assert.equal(second, 'unsupported', 'the engine arrived and found no WebRTC');
      const engineRequests = opened.scripts().filter((path) => path.includes('/call-engine-'));
      assert.deepEqual(engineRequests, [`/flaky/${ENGINE_CHUNK}`, `/flaky/${ENGINE_CHUNK}`], 'the same URL, twice');
      await assertNothingSentForACall(opened);
      assert.deepEqual(await opened.escaped(), []);
    } finally {
      if (existsSync(`${chunk}.away`)) renameSync(`${chunk}.away`, chunk);
    }
  });

  // Last: MiniBrowser takes its dark mode at start, and WebKitWebDriver holds one session at a time.
  webkitTest('dark (MiniBrowser in dark mode, a page that follows it): the button takes the dark colours; the words and axe hold', async () => {
    await session.close();
    session = await driver.newSession({ dark: true });
    const opened = await open(session, '/dark.html');
    assert.equal(await session.execute(() => matchMedia('(prefers-color-scheme: dark)').matches), true);
    await assertUnsupportedAtPageLoad(session, opened, { label: enPageStrings.call, scripts: ['/assets/c2c/c2c-call-button.js'] });
    assert.ok(lightColours, 'the module-build test records the light colours first');
    const colours = await session.execute(partColours);
    assert.notEqual(colours.button, lightColours.button, 'the call button changes colour');
    assert.notEqual(colours.status, lightColours.status, 'the note takes the dark page\'s text colour');
    await screenshot(session, 'dark-idle-unsupported');
    await assertNothingSentForACall(opened);
    assert.deepEqual(await opened.escaped(), []);
  });
});

/** A page that shows `path` in a 280 px wide frame: MiniBrowser's window cannot be made that narrow. */
function narrow(path: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>280 px</title><link rel="icon" href="data:,">
<script>${WATCHER}</script></head>
<body style="margin:0"><iframe src="${path}" title="280 px" style="width:280px;height:360px;border:1px dashed #999"></iframe></body></html>`;
}

/** The language whose unsupported note and button label are longest: the one that needs the most room. */
async function longestLanguage(): Promise<Language> {
  let best: [Language, number] = ['en', 0];
  for (const lang of LANGUAGES) {
    const strings = await table(lang);
    const length = strings.unsupportedBrowser.length + strings.call.length;
    if (length > best[1]) best = [lang, length];
  }
  return best[0];
}
