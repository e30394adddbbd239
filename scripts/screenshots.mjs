// Looks at the element as a visitor would: starts `npm run demo` on free ports, drives the demo page with fake media
// in headless Chromium and in headless Firefox (with a sound server of its own, as the tests run it), and saves a
// screenshot of each state under .scratch/screens/<browser>/: the element with a margin (a focus ring shows), and
// the page. The in-call controls are reached with the keyboard alone; a control Tab cannot reach stops the run.
//   node scripts/screenshots.mjs                      both browsers
//   node scripts/screenshots.mjs --browser firefox    one (chromium or firefox)
// A development aid, not part of the test suite.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import puppeteer from 'puppeteer-core';
import { tsImport } from 'tsx/esm/api';
import { CALL_FLAGS, HOW_TO_GET_ONE, findBrowser } from './find-browser.mjs';
import { HOW_TO_GET_SOUND, hasSoundServer, startSoundServer } from './sound-server.mjs';

const { launchFirefox, FirefoxWindow, clickPart, waitForFirefoxState } = await tsImport('../test/ship/support/firefox.ts', import.meta.url);

/** Each browser as the tests run it, through puppeteer-core: a page, and a way to set the visitor's light or dark. */
const BROWSERS = {
  async chromium() {
    const executablePath = await findBrowser();
    if (!executablePath) throw new Error(HOW_TO_GET_ONE);
    const browser = await puppeteer.launch({ executablePath, headless: true, args: CALL_FLAGS });
    const page = await browser.newPage();
    return {
      page,
      colorScheme: (value) => page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value }]),
      close: () => browser.close(),
    };
  },
  async firefox() {
    if (!hasSoundServer()) throw new Error(HOW_TO_GET_SOUND);
    const sound = await startSoundServer();
    const browser = await launchFirefox({ window: true, env: sound.env });
    const window = await FirefoxWindow.of(browser);
    const page = await browser.newPage();
    return {
      page,
      colorScheme: (value) => window.colorScheme(new URL(page.url()).origin, value),
      close: async () => {
        await browser.close();
        sound.close();
      },
    };
  },
};

const { values } = parseArgs({ options: { browser: { type: 'string', multiple: true } } });
const names = values.browser ?? Object.keys(BROWSERS);
const unknown = names.find((name) => !(name in BROWSERS));
if (unknown) throw new Error(`--browser ${unknown}: one of ${Object.keys(BROWSERS).join(', ')}`);

const demo = spawn(process.execPath, ['scripts/demo.mjs'], { env: { ...process.env, EMULATOR_PORT: '0', DEMO_PORT: '5188' }, stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve, reject) => {
  let text = '';
  demo.stdout.on('data', (chunk) => {
    text += chunk;
    const match = /Demo page: (\S+)/.exec(text);
    if (match) resolve(match[1]);
  });
  demo.on('exit', () => reject(new Error(`demo exited:\n${text}`)));
});

try {
  for (const name of names) {
    const out = `.scratch/screens/${name}`;
    mkdirSync(out, { recursive: true });
    const opened = await BROWSERS[name]();
    try {
      await everyState(opened, out, name);
    } finally {
      await opened.close();
    }
  }
} finally {
  demo.kill('SIGINT');
}

/** Walks the element through every state on the demo page, a screenshot of each. */
async function everyState({ page, colorScheme }, out, browserName) {
  const EL = '#button';
  const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const shot = async (name) => {
    await wait(300); // the controls' transitions (a focus ring, a pressed button) have ended
    // The element's box and 8 px around it, in the page's coordinates.
    const clip = await page.$eval(EL, (el) => {
      const box = el.getBoundingClientRect();
      return { x: box.x + scrollX - 8, y: box.y + scrollY - 8, width: box.width + 16, height: box.height + 16 };
    });
    await page.screenshot({ path: `${out}/${name}-button.png`, clip });
    await page.screenshot({ path: `${out}/${name}-page.png` });
    console.log(`${browserName} ${name}: state=${await page.$eval(EL, (el) => el.getAttribute('state'))}`);
  };
  const until = (state) => waitForFirefoxState(page, state, EL);
  const call = () => page.$eval(EL, (el) => el.call().catch(() => undefined));
  const hangup = async () => {
    await page.$eval(EL, (el) => el.hangup());
    await until('ended');
  };
  const shown = (part) => page.waitForFunction((s, p) => document.querySelector(s).shadowRoot.querySelector(`[part=${p}]`), { timeout: 15_000 }, EL, part);
  /** Sets a control of the demo's panel as a visitor would, without scrolling the page to it. */
  const set = (selector, value) => page.$eval(selector, (input, v) => {
    if (input.type === 'checkbox' || input.type === 'radio') input.checked = v;
    else input.value = v;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, value);
  const choose = (name, value) => set(`input[name=${name}][value="${value}"]`, true);
  const faults = (body) => page.evaluate(async (b) => {
    const { emulatorOrigin } = await fetch('/__demo/config').then((r) => r.json());
    await fetch(`${emulatorOrigin}/__faults`, { method: b ? 'POST' : 'DELETE', headers: { 'content-type': 'application/json' }, body: b ? JSON.stringify(b) : undefined });
  }, body);
  /** Presses `key` (Tab or Shift+Tab) until the focus, inside the element's shadow root, is on `selector`. */
  const tabTo = async (selector, key = 'Tab') => {
    const focused = () => page.evaluate((s) => {
      let active = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      return active?.matches(s) ? '' : (active?.outerHTML.slice(0, 80) ?? 'nothing');
    }, selector);
    for (let presses = 0; presses < 30; presses++) {
      if ((await focused()) === '') return;
      if (key === 'Tab') await page.keyboard.press('Tab');
      else {
        await page.keyboard.down('Shift');
        await page.keyboard.press('Tab');
        await page.keyboard.up('Shift');
      }
    }
    throw new Error(`${key} never reached ${selector}; the focus is on ${await focused()}`);
  };
  /** Holds the page's requests for URLs containing `text` until the function it resolves with is called. */
  const hold = async (text) => {
    const held = [];
    const onRequest = (request) => {
      if (request.url().includes(text)) held.push(request);
      else void request.continue();
    };
    await page.setRequestInterception(true);
    page.on('request', onRequest);
    return async () => {
      page.off('request', onRequest);
      await Promise.all(held.map((request) => request.continue()));
      await page.setRequestInterception(false);
    };
  };
  const loaded = async () => {
    await page.waitForFunction(() => customElements.get('c2c-call-button') && document.querySelector('#button').hasAttribute('api-base'));
    await wait(300);
  };

  await page.setViewport({ width: 900, height: 700 });
  await page.goto(url);
  await loaded();
  await shot('01-idle');

  // Authorizing and connecting last a moment: the exchange answers late, and the SDK's module arrives once shown.
  await faults({ exchangeDelayMs: 3_000 });
  const sdkArrives = await hold('/src/signalwire/signalwire-sdk.ts');
  await choose('destination', '/public/slow-answer');
  await page.focus('nav a:last-of-type');
  await tabTo('[part=button]');
  await shot('02-focused');
  await page.keyboard.press('Enter');
  await until('authorizing');
  await shot('03-authorizing');
  await until('connecting');
  await shot('04-connecting');
  await sdkArrives();
  await faults(null);
  await until('ringing');
  await shot('05-ringing');
  await until('active');
  await wait(1_500);
  await shot('06-active');
  await page.$eval(EL, (el) => el.toggleMute());
  await shown('hint');
  await shot('07-muted-hint');
  await page.$eval(EL, (el) => el.toggleMute());
  await tabTo('[aria-controls=keypad]', 'Shift+Tab');
  await page.keyboard.press('Enter');
  await page.keyboard.type('12#');
  await tabTo('.key');
  await shot('08-keypad');
  await tabTo('[aria-controls=keypad]', 'Shift+Tab');
  await page.keyboard.press('Enter');
  await tabTo('[aria-controls=devices]');
  await page.keyboard.press(' ');
  await tabTo('#devices select');
  await wait(300);
  await shot('09-devices');
  await page.keyboard.press('Escape');
  await tabTo('[aria-controls=devices]'); // Escape gave the focus back to the menu's button
  await faults({ mediaLossPercent: 40 });
  await page.waitForFunction((s) => document.querySelector(s).shadowRoot.querySelector('[part=quality]')?.dataset.level === 'poor', { timeout: 15_000 }, EL);
  await shot('10-quality-poor');
  // A far end that sends nothing is shown as reconnecting; the call is back once it is heard again.
  await faults({ mediaLossPercent: 100 });
  await until('reconnecting');
  await shot('11-reconnecting');
  await faults(null);
  await until('active');
  await tabTo('[part=hangup]');
  await page.keyboard.press('Enter');
  await until('ended');
  await shot('12-ended');

  await choose('destination', '/public/echo');
  await set('input[name=video]', true);
  await call();
  await until('active');
  await wait(2_500);
  await shot('13-video');
  await clickPart(page, 'camera', EL);
  await wait(500);
  await shot('14-video-camera-off');
  await hangup();
  await set('input[name=video]', false);

  // Errors, from the keyboard: the focus goes to the retry, or to the message where there is none.
  await choose('destination', '/public/busy');
  await tabTo('[part=button]');
  await page.keyboard.press('Enter');
  await until('error');
  await shot('15-error-busy');

  await choose('destination', '/public/echo');
  await choose('token', 'disabled');
  await tabTo('[part=button]');
  await page.keyboard.press('Enter');
  await until('error');
  await shot('16-error-disabled');
  await choose('token', 'demo');

  // A refused microphone, as the browser refuses it.
  await page.evaluate(() => { navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('denied', 'NotAllowedError')); });
  await call();
  await until('error');
  await wait(200);
  await shot('17-error-mic-denied');
  await page.reload();
  await loaded();

  // Every visitor: languages, right to left, themes, light and dark, a narrow screen.
  for (const [lang, name] of [['de', '18-german'], ['ar', '19-arabic-rtl'], ['ja', '20-japanese']]) {
    await page.select('select[name=lang]', lang);
    await wait(300);
    await call();
    await until('active');
    await page.click(`${EL} >>> [aria-controls=keypad]`);
    await wait(300);
    await shot(name);
    await hangup();
  }
  await page.select('select[name=lang]', 'en');
  for (const theme of ['brand', 'dark', 'compact']) {
    await page.select('select[name=theme]', theme);
    await call();
    await until('active');
    await wait(300);
    await shot(`21-theme-${theme}`);
    await hangup();
  }
  await page.select('select[name=theme]', '');
  await colorScheme('dark');
  await call();
  await until('active');
  await page.click(`${EL} >>> [aria-controls=devices]`);
  await wait(300);
  await shot('22-prefers-dark-devices');
  await hangup();
  await choose('token', 'disabled');
  await call();
  await until('error');
  await shot('23-prefers-dark-error');
  await choose('token', 'demo');
  await colorScheme('light');

  await page.setViewport({ width: 280, height: 700 });
  await page.select('select[name=lang]', 'de');
  await set('input[name=video]', true);
  await call();
  await until('active');
  await wait(1_500);
  await shot('24-narrow-280-german-video');
  await hangup();
}
