// Stock Firefox for the tests of what ships, driven by puppeteer-core over WebDriver BiDi (Playwright drives only its
// own patched Firefox): a page watched as test/ship/support/browser.ts watches one in Chromium (requests, websockets,
// the page's errors, the microphone tracks it opened), and, for the permission tests, Firefox's own permission prompt
// answered in the browser's window, and the site's permission changed as a visitor changes it in the address bar.
// scripts/screenshots.mjs launches its Firefox here too.
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { describeElementState, stateNotReached } from './element-state.ts';
import {
  FIREFOX_CALL_PREFS, FIREFOX_PROMPT_PREFS, HOW_TO_GET_FIREFOX, findFirefox,
} from '../../../scripts/find-browser.mjs';

export interface FirefoxOptions {
  /**
   * The real permission machinery: nothing answers the prompt but `FirefoxWindow.answerPrompt`, and the browser's
   * window can be reached (`--remote-allow-system-access`). Otherwise the prompt is answered yes by a pref.
   */
  prompt?: boolean;
  /** The browser's window can be reached (`FirefoxWindow`) with the prompt answered yes. `prompt` implies it. */
  window?: boolean;
  /** Added to the browser's environment: a sound server's (scripts/sound-server.mjs), for an audio output. */
  env?: Record<string, string>;
}

export async function launchFirefox({ prompt = false, window = prompt, env = {} }: FirefoxOptions = {}): Promise<Browser> {
  const executablePath = findFirefox();
  if (!executablePath) throw new Error(HOW_TO_GET_FIREFOX);
  return puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    extraPrefsFirefox: prompt ? FIREFOX_PROMPT_PREFS : FIREFOX_CALL_PREFS,
    args: window ? ['--remote-allow-system-access'] : [],
    env: { ...process.env, ...env },
  });
}

export interface WatchedFirefoxPage {
  page: Page;
  /** URLs the page requested, in order. */
  requests: string[];
  /** Uncaught exceptions, unhandled rejections and console errors. */
  problems: string[];
  /** How many microphone/camera tracks the page opened are still live. */
  liveTracks(): Promise<number>;
  /** How many websockets the page opened. */
  sockets(): Promise<number>;
  close(): Promise<void>;
}

/**
 * Opens `url` in a fresh browser context (empty cache, storage and site permissions), watching it from before its
 * first script. The page records its own errors too: what the protocol's log misses is still seen.
 */
export async function openFirefoxPage(browser: Browser, url: string): Promise<WatchedFirefoxPage> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const watched: WatchedFirefoxPage = {
    page,
    requests: [],
    problems: [],
    liveTracks: () => page.evaluate(() => (window as unknown as { __testWatch: { liveTracks(): number } }).__testWatch.liveTracks()),
    sockets: () => page.evaluate(() => (window as unknown as { __testWatch: { sockets: number } }).__testWatch.sockets),
    close: () => context.close(),
  };
  // tsx compiles this file with esbuild's keepNames: functions handed to the page call its `__name` helper.
  await page.evaluateOnNewDocument('globalThis.__name ??= (target) => target;');
  // Test instrumentation, not the element's: every stream getUserMedia hands out, every websocket, every error.
  await page.evaluateOnNewDocument(() => {
    const streams: MediaStream[] = [];
    const watch = { sockets: 0, errors: [] as string[], liveTracks: () => streams.flatMap((s) => s.getTracks()).filter((t) => t.readyState === 'live').length };
    Object.defineProperty(window, '__testWatch', { value: watch });
    const getUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = async (constraints) => {
      const stream = await getUserMedia(constraints);
      streams.push(stream);
      return stream;
    };
    const NativeWebSocket = window.WebSocket;
    window.WebSocket = class extends NativeWebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        watch.sockets++;
      }
    };
    window.addEventListener('error', (event) => watch.errors.push(`uncaught: ${event.message}`));
    window.addEventListener('unhandledrejection', (event) => {
      const reason = event.reason as { name?: string; message?: string } | undefined;
      watch.errors.push(`unhandled rejection: ${reason?.name ?? ''} ${reason?.message ?? String(reason)}`);
    });
  });
  page.on('request', (request) => void watched.requests.push(request.url()));
  page.on('pageerror', (error) => void watched.problems.push(`pageerror: ${(error as Error).message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') watched.problems.push(`console.error: ${message.text()}`);
  });
  await page.goto(url);
  return watched;
}

/** Everything that reached the page: what the protocol reported and what the page saw itself. */
export async function firefoxProblems(watched: WatchedFirefoxPage): Promise<string[]> {
  const seen = await watched.page.evaluate(() => (window as unknown as { __testWatch: { errors: string[] } }).__testWatch.errors);
  return [...watched.problems, ...seen];
}

/** Waits until the element (first match of `selector`) is in `state`; fails with the state it is in. */
export async function waitForFirefoxState(page: Page, state: string, selector = 'c2c-call-button', timeout = 20_000): Promise<void> {
  try {
    await page.waitForFunction((s, wanted) => document.querySelector(s)?.getAttribute('state') === wanted, { timeout, polling: 50 }, selector, state);
  } catch (error) {
    throw stateNotReached(selector, await page.evaluate(describeElementState, selector), state, error);
  }
}

/** A visitor's click on a part of the element (through its shadow root). */
export async function clickPart(page: Page, part: string, selector = 'c2c-call-button'): Promise<void> {
  await page.click(`${selector} >>> [part="${part}"]`);
}

type BidiConnection = { send(method: string, params: object): Promise<{ result: Record<string, unknown> }> };

/**
 * Firefox's own window (chrome://browser), reached over WebDriver BiDi with `--remote-allow-system-access`: what a
 * visitor does in the browser around the page. `launchFirefox({ prompt: true })` or `({ window: true })` only.
 */
export class FirefoxWindow {
  private constructor(
    private readonly connection: BidiConnection,
    private readonly context: string,
  ) {}

  static async of(browser: Browser): Promise<FirefoxWindow> {
    const connection = (browser as unknown as { connection: BidiConnection }).connection;
    const { result } = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
    const contexts = result.contexts as { context: string; url: string }[];
    const main = contexts.find((c) => c.url === 'chrome://browser/content/browser.xhtml');
    if (!main) throw new Error(`no browser window among ${contexts.map((c) => c.url).join(', ')}`);
    return new FirefoxWindow(connection, main.context);
  }

  /** Runs `expression` (which may be a promise) in the browser's window; its value, or a thrown error. */
  async evaluate(expression: string): Promise<unknown> {
    const { result } = await this.connection.send('script.evaluate', {
      expression, target: { context: this.context }, awaitPromise: true, resultOwnership: 'none',
    });
    if (result.type === 'exception') throw new Error(`in Firefox's window: ${JSON.stringify(result.exceptionDetails)}`);
    return (result.result as { value?: unknown }).value;
  }

  /**
   * Waits for the camera/microphone prompt of the tab showing `origin`, then clicks its Allow or Block button, as the
   * visitor would. Resolves with the prompt's text.
   */
  async answerPrompt(origin: string, answer: 'allow' | 'block', timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const said = await this.evaluate(`(() => {
        const browser = gBrowser.browsers.find((b) => b.currentURI.spec.startsWith(${JSON.stringify(origin)}));
        const notification = browser && PopupNotifications.getNotification('webRTC-shareDevices', browser);
        const element = notification && PopupNotifications.panel.querySelector('#webRTC-shareDevices-notification');
        if (!element || PopupNotifications.panel.state !== 'open') return null;
        const text = element.querySelector('.popup-notification-description')?.textContent ?? '';
        (${JSON.stringify(answer)} === 'allow' ? element.button : element.secondaryButton).click();
        return text;
      })()`);
      if (typeof said === 'string') return said;
      if (Date.now() > deadline) throw new Error(`no microphone prompt for ${origin} within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** The site's microphone permission as Firefox shows it in the address bar: allow, block, or unset. */
  async microphonePermission(origin: string): Promise<string> {
    return String(await this.evaluate(`(() => {
      const browser = gBrowser.browsers.find((b) => b.currentURI.spec.startsWith(${JSON.stringify(origin)}));
      const { state } = SitePermissions.getForPrincipal(browser.contentPrincipal, 'microphone', browser);
      return state === SitePermissions.ALLOW ? 'allow' : state === SitePermissions.BLOCK ? 'block' : 'unset';
    })()`));
  }

  /** The light or dark preference the tab showing `origin` reports to its page, as a visitor's system setting would. */
  async colorScheme(origin: string, scheme: 'light' | 'dark'): Promise<void> {
    await this.evaluate(`(() => {
      const browser = gBrowser.browsers.find((b) => b.currentURI.spec.startsWith(${JSON.stringify(origin)}));
      browser.browsingContext.prefersColorSchemeOverride = ${JSON.stringify(scheme)};
    })()`);
  }

  /** The visitor blocks the microphone for the site in the address bar's permission panel (a decision Firefox keeps). */
  async blockMicrophone(origin: string): Promise<void> {
    await this.evaluate(`(() => {
      const browser = gBrowser.browsers.find((b) => b.currentURI.spec.startsWith(${JSON.stringify(origin)}));
      SitePermissions.setForPrincipal(browser.contentPrincipal, 'microphone', SitePermissions.BLOCK,
        SitePermissions.SCOPE_PERSISTENT, browser);
    })()`);
  }
}
