// Chromium for the tests of what ships: fake media devices, a log of every request and websocket, the page's
// errors (uncaught exceptions, unhandled rejections, console errors), and the microphone tracks it opened.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';
import { CALL_FLAGS, HOW_TO_GET_ONE, findBrowser } from '../../../scripts/find-browser.mjs';
import { describeElementState, stateNotReached } from './element-state.ts';

export async function launchBrowser(): Promise<Browser> {
  const executablePath = await findBrowser();
  if (!executablePath) throw new Error(HOW_TO_GET_ONE);
  return chromium.launch({ executablePath, headless: true, args: CALL_FLAGS });
}

export interface WatchedPage {
  page: Page;
  /** URLs the page requested, in order (documents, scripts, fetches). */
  requests: string[];
  /** URLs of the websockets the page opened. */
  sockets: string[];
  /** Uncaught exceptions, unhandled rejections and console errors. */
  problems: string[];
  /** How many microphone/camera tracks the page opened are still live. */
  liveTracks(): Promise<number>;
  close(): Promise<void>;
}

export interface OpenPageOptions {
  /** Called with the fresh context before the page opens: cookies, more init scripts. */
  prepare?: (context: BrowserContext) => Promise<void>;
  /** What the site is granted before it opens (microphone and camera unless told). */
  permissions?: string[];
}

/** Opens `url` in a fresh context (empty cache and storage), watching it from before its first script. */
export async function openPage(browser: Browser, url: string, options: OpenPageOptions = {}): Promise<WatchedPage> {
  const context = await browser.newContext({ permissions: options.permissions ?? ['microphone', 'camera'] });
  await options.prepare?.(context);
  // tsx compiles this file with esbuild's keepNames: functions handed to the page call its `__name` helper.
  await context.addInitScript('globalThis.__name ??= (target) => target;');
  // Test instrumentation, not the element's: remember every stream getUserMedia hands out.
  await context.addInitScript(() => {
    const streams: MediaStream[] = [];
    const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = async (constraints) => {
      const stream = await original(constraints);
      streams.push(stream);
      return stream;
    };
    Object.defineProperty(window, '__testLiveTracks', {
      value: () => streams.flatMap((s) => s.getTracks()).filter((t) => t.readyState === 'live').length,
    });
  });
  const page = await context.newPage();
  const watched: WatchedPage = {
    page,
    requests: [],
    sockets: [],
    problems: [],
    liveTracks: () => page.evaluate(() => (window as unknown as { __testLiveTracks(): number }).__testLiveTracks()),
    close: () => context.close(),
  };
  page.on('request', (request) => watched.requests.push(request.url()));
  page.on('websocket', (socket) => watched.sockets.push(socket.url()));
  page.on('pageerror', (error) => watched.problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') watched.problems.push(`console.error: ${message.text()}`);
  });
  await page.goto(url);
  return watched;
}

/** Waits until the element (first match of `selector`) is in `state`; fails with the state it is in. */
export async function waitForState(page: Page, state: string, selector = 'c2c-call-button', timeout = 20_000): Promise<void> {
  try {
    await page.locator(`${selector}[state="${state}"]`).first().waitFor({ state: 'attached', timeout });
  } catch (error) {
    throw stateNotReached(selector, await page.evaluate(describeElementState, selector), state, error);
  }
}

/** Clicks the call button as a visitor does (hover, then click), waits for `active`, hangs up, waits for `ended`. */
export async function callAndHangUp(watched: WatchedPage, selector = 'c2c-call-button'): Promise<void> {
  const { page } = watched;
  await page.locator(`${selector} [part="button"]`).first().click();
  await waitForState(page, 'active', selector);
  await page.locator(`${selector} [part="hangup"]`).first().click();
  await waitForState(page, 'ended', selector);
}
