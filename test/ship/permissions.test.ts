// The microphone permission as each browser really handles it, on a page that loads the CDN module build from the
// packed package and calls the local space emulator: no faked prompt, no wrapped getUserMedia.
//  - Chromium (Playwright): the site's permission set in the browser (granted, or denied as a visitor revokes it), and
//    a permission the browser refuses without asking (`--deny-permission-prompts`: headless Chromium has no prompt
//    to click).
//  - Firefox (puppeteer-core over WebDriver BiDi), as it comes but for fake devices: its own prompt, clicked Allow or
//    Block in the browser's window, and the site's permission set to Blocked as a visitor does in the address bar.
//    Allowed, the visitor hears the echo: the far end receives our audio and sends it back.
// In every flow, nothing reaches the page's console: no uncaught exception, unhandled rejection or console error.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser as ChromiumBrowser } from 'playwright';
import type { Browser as FirefoxBrowser } from 'puppeteer-core';
import { CALL_FLAGS, HOW_TO_GET_ONE, findBrowser } from '../../scripts/find-browser.mjs';
import { DEMO_C2C_TOKEN, startEmulator, type EmulatorStats, type RunningEmulator } from '../../emulator/index.ts';
import { enCallStrings } from '../../src/in-call/english.ts';
import { openPage, waitForState, type WatchedPage } from './support/browser.ts';
import {
  FirefoxWindow, clickPart, firefoxProblems, launchFirefox, openFirefoxPage, waitForFirefoxState, type WatchedFirefoxPage,
} from './support/firefox.ts';
import { packedPackage } from './support/package.ts';
import { serveStatic, type StaticServer } from './support/static-server.ts';

const pkg = packedPackage();

let emulator: RunningEmulator;
let server: StaticServer;

const PAGE = '/call.html';

before(async () => {
  emulator = await startEmulator({ port: 0, quiet: true });
  server = await serveStatic({
    mounts: { '/c2c/': `${pkg.dir}dist/cdn/` },
    pages: {
      [PAGE]: `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Call us</title><link rel="icon" href="data:,"></head>
<body>
<c2c-call-button token="${DEMO_C2C_TOKEN}" destination="/public/echo" api-base="${emulator.origin}"></c2c-call-button>
<script type="module" src="/c2c/c2c-call-button.js"></script>
</body></html>`,
    },
  });
});

after(async () => {
  await server?.close();
  await emulator?.close();
});

/** What the element shows once the microphone was refused: its state, the error code, and the help text. */
const refusalScript = () => {
  const el = document.querySelector('c2c-call-button') as HTMLElement & { error?: { code: string } | null };
  return {
    state: el.getAttribute('state'),
    code: el.error?.code,
    help: el.shadowRoot!.querySelector('[part="help"]')?.textContent ?? undefined,
  };
};

describe('Chromium: the real permission machinery', { timeout: 120_000 }, () => {
  let browser: ChromiumBrowser;

  before(async () => {
    const executablePath = await findBrowser();
    if (!executablePath) throw new Error(HOW_TO_GET_ONE);
    // Fake devices, but no fake prompt: what the site may do is the browser's permission, and a prompt is refused.
    const args = [...CALL_FLAGS.filter((flag) => flag !== '--use-fake-ui-for-media-stream'), '--deny-permission-prompts'];
    browser = await chromium.launch({ executablePath, headless: true, args });
  });

  after(async () => {
    await browser?.close();
  });

  const open = (granted: boolean): Promise<WatchedPage> =>
    openPage(browser, `${server.origin}${PAGE}`, { permissions: granted ? ['microphone'] : [] });

  async function call(watched: WatchedPage, reached: 'active' | 'error'): Promise<void> {
    await watched.page.locator('c2c-call-button [part="button"], c2c-call-button [part="retry"]').first().click();
    await waitForState(watched.page, reached);
  }

  const micPermission = (watched: WatchedPage) =>
    watched.page.evaluate(async () => (await navigator.permissions.query({ name: 'microphone' as PermissionName })).state);

  it('granted: the call goes through, and nothing reaches the page\'s console', async () => {
    const watched = await open(true);
    try {
      assert.equal(await micPermission(watched), 'granted');
      await call(watched, 'active');
      await watched.page.locator('c2c-call-button [part="hangup"]').click();
      await waitForState(watched.page, 'ended');
      assert.equal(await watched.liveTracks(), 0, 'the microphone is released');
      assert.deepEqual(watched.problems, []);
    } finally {
      await watched.close();
    }
  });

  it('refused by the browser: mic-denied with Chrome\'s help, and nothing reaches the page\'s console', async () => {
    const watched = await open(false);
    try {
      assert.equal(await micPermission(watched), 'denied');
      await call(watched, 'error');
      assert.deepEqual(await watched.page.evaluate(refusalScript), { state: 'error', code: 'mic-denied', help: enCallStrings.micBlockedChrome });
      assert.deepEqual(watched.problems, []);
    } finally {
      await watched.close();
    }
  });

  it('granted, then revoked between two calls: the first call goes through, the second is mic-denied; nothing reaches the console', async () => {
    const watched = await open(true);
    try {
      await call(watched, 'active');
      await watched.page.locator('c2c-call-button [part="hangup"]').click();
      await waitForState(watched.page, 'ended');
      // The grant is taken back, as when the visitor resets the site's permissions: the next call asks again, and the
      // browser refuses the prompt.
      await watched.page.context().clearPermissions();
      assert.equal(await micPermission(watched), 'prompt');
      await call(watched, 'error');
      assert.deepEqual(await watched.page.evaluate(refusalScript), { state: 'error', code: 'mic-denied', help: enCallStrings.micBlockedChrome });
      assert.equal(await watched.liveTracks(), 0);
      assert.deepEqual(watched.problems, []);
    } finally {
      await watched.close();
    }
  });
});

describe('Firefox: its own permission prompt', { timeout: 120_000 }, () => {
  let browser: FirefoxBrowser;
  let firefox: FirefoxWindow;

  before(async () => {
    browser = await launchFirefox({ prompt: true });
    firefox = await FirefoxWindow.of(browser);
  });

  after(async () => {
    await browser?.close();
  });

  const open = (): Promise<WatchedFirefoxPage> => openFirefoxPage(browser, `${server.origin}${PAGE}`);
  /** The far end's RTP counters (the emulator's echo). */
  const echo = async () => ((await (await fetch(`${emulator.origin}/__stats`)).json()) as EmulatorStats).rtp;

  /** A click on the call (or retry) button; the prompt, if `answer` is given, answered in Firefox's window. */
  async function call(watched: WatchedFirefoxPage, answer: 'allow' | 'block' | null, reached: 'active' | 'error'): Promise<void> {
    const part = await watched.page.evaluate(() => (document.querySelector('c2c-call-button')!.shadowRoot!.querySelector('[part="retry"]') ? 'retry' : 'button'));
    await clickPart(watched.page, part);
    if (answer) {
      const asked = await firefox.answerPrompt(server.origin, answer);
      assert.match(asked, /microphone/i, `Firefox asked for the microphone: "${asked}"`);
    }
    await waitForFirefoxState(watched.page, reached);
  }

  async function hangUp(watched: WatchedFirefoxPage): Promise<void> {
    await clickPart(watched.page, 'hangup');
    await waitForFirefoxState(watched.page, 'ended');
  }

  it('the prompt answered Allow: the call goes through with echoed audio, and nothing reaches the page\'s console', async () => {
    const watched = await open();
    try {
      const before = await echo();
      await call(watched, 'allow', 'active');
      // ~50 audio packets a second each way: the far end receives ours and sends them back.
      for (let tries = 0; ; tries++) {
        const now = await echo();
        if (now.received > before.received + 50 && now.echoed > before.echoed + 50) break;
        if (tries > 100) assert.fail(`no echoed audio: ${JSON.stringify(now)}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await hangUp(watched);
      assert.equal(await watched.liveTracks(), 0, 'the microphone is released');
      assert.deepEqual(await firefoxProblems(watched), []);
    } finally {
      await watched.close();
    }
  });

  it('the prompt answered Block: mic-denied with Firefox\'s help, and nothing reaches the page\'s console', async () => {
    const watched = await open();
    try {
      await call(watched, 'block', 'error');
      assert.deepEqual(await watched.page.evaluate(refusalScript), { state: 'error', code: 'mic-denied', help: enCallStrings.micBlockedFirefox });
      assert.deepEqual(await firefoxProblems(watched), []);
    } finally {
      await watched.close();
    }
  });

  it('allowed, then blocked in the address bar between two calls: the second is mic-denied without a prompt; nothing reaches the console', async () => {
    const watched = await open();
    try {
      await call(watched, 'allow', 'active');
      await hangUp(watched);
      await firefox.blockMicrophone(server.origin);
      assert.equal(await firefox.microphonePermission(server.origin), 'block');
      await call(watched, null, 'error');
      assert.deepEqual(await watched.page.evaluate(refusalScript), { state: 'error', code: 'mic-denied', help: enCallStrings.micBlockedFirefox });
      assert.equal(await watched.liveTracks(), 0);
      assert.deepEqual(await firefoxProblems(watched), []);
    } finally {
      await watched.close();
    }
  });
});
