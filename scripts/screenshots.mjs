// Looks at the element as a visitor would: starts `npm run demo` on free ports, drives the page in headless
// Chromium with fake media, and saves a screenshot of each state under .scratch/screens/.
// `node scripts/screenshots.mjs` — a development aid, not part of the test suite.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright';
import { CALL_FLAGS, HOW_TO_GET_ONE, findBrowser } from './find-browser.mjs';

const out = '.scratch/screens';
mkdirSync(out, { recursive: true });
const executablePath = await findBrowser();
if (!executablePath) throw new Error(HOW_TO_GET_ONE);

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

const browser = await chromium.launch({ executablePath, args: CALL_FLAGS });
const page = await browser.newPage({ viewport: { width: 900, height: 700 }, deviceScaleFactor: 1 });
const shot = async (name) => {
  await page.locator('#button').screenshot({ path: `${out}/${name}-button.png` });
  await page.screenshot({ path: `${out}/${name}-page.png` });
  console.log(`${name}: state=${await page.locator('#button').getAttribute('state')}`);
};
const until = async (state) => {
  try {
    await page.waitForFunction((s) => document.querySelector('#button')?.getAttribute('state') === s, state, { timeout: 20_000 });
  } catch (error) {
    const now = await page.locator('#button').evaluate((el) => `${el.state} ${el.error ? `${el.error.code}: ${el.error.message}` : ''}`);
    throw new Error(`waited for ${state}, the button is ${now}`, { cause: error });
  }
};
const choose = (name, value) => page.locator(`input[name=${name}][value="${value}"]`).check();

const select = (name, value) => page.locator(`select[name=${name}]`).selectOption(value);
const faults = (body) => page.evaluate(async (b) => {
  const { emulatorOrigin } = await fetch('/__demo/config').then((r) => r.json());
  await fetch(`${emulatorOrigin}/__faults`, { method: b ? 'POST' : 'DELETE', headers: { 'content-type': 'application/json' }, body: b ? JSON.stringify(b) : undefined });
}, body);

try {
  await page.goto(url);
  await page.waitForFunction(() => customElements.get('c2c-call-button'));
  await page.waitForTimeout(300);
  await shot('01-idle');
  await page.locator('#button').focus();
  await shot('02-focused');

  await choose('destination', '/public/slow-answer');
  await page.locator('#button').click();
  await until('ringing');
  await shot('03-ringing');
  await until('active');
  await page.waitForTimeout(1500);
  await shot('04-active');
  await page.locator('#button').evaluate((el) => el.toggleMute());
  await page.waitForFunction(() => document.querySelector('#button').shadowRoot.querySelector('[part=hint]'), null, { timeout: 10_000 });
  await shot('05-muted-hint');
  await page.locator('#button').evaluate((el) => el.toggleMute());
  await page.locator('#button').locator('[aria-controls="keypad"]').click();
  await page.keyboard.type('12#');
  await page.waitForTimeout(200);
  await shot('06-keypad');
  await page.locator('#button').locator('[aria-controls="keypad"]').click();
  await page.locator('#button').locator('[aria-controls="devices"]').click();
  await page.waitForTimeout(300);
  await shot('07-devices');
  await page.keyboard.press('Escape');
  await faults({ mediaLossPercent: 40 });
  await page.waitForFunction(() => document.querySelector('#button').shadowRoot.querySelector('[part=quality]')?.dataset.level === 'poor', null, { timeout: 15_000 });
  await shot('08-quality-poor');
  await faults(null);
  await page.locator('#button').evaluate((el) => el.hangup());
  await until('ended');
  await shot('09-ended');

  await choose('destination', '/public/echo');
  await page.locator('input[name=video]').check();
  await page.locator('#button').evaluate((el) => el.call());
  await until('active');
  await page.waitForTimeout(2500);
  await shot('10-video');
  await page.locator('#button').locator('[part=camera]').click();
  await page.waitForTimeout(500);
  await shot('11-video-camera-off');
  await page.locator('#button').evaluate((el) => el.hangup());
  await until('ended');
  await page.locator('input[name=video]').uncheck();

  await choose('destination', '/public/busy');
  await page.locator('#button').evaluate((el) => el.call().catch(() => undefined));
  await until('error');
  await shot('12-error-busy');

  await choose('destination', '/public/echo');
  await choose('token', 'disabled');
  await page.locator('#button').evaluate((el) => el.call().catch(() => undefined));
  await until('error');
  await page.waitForTimeout(200);
  await shot('13-error-disabled');
  await choose('token', 'demo');

  // A refused microphone, as the browser refuses it.
  await page.evaluate(() => { navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('denied', 'NotAllowedError')); });
  await page.locator('#button').evaluate((el) => el.call().catch(() => undefined));
  await until('error');
  await page.waitForTimeout(200);
  await shot('14-error-mic-denied');
  await page.reload();
  await page.waitForFunction(() => customElements.get('c2c-call-button'));

  // Every visitor: languages, right to left, themes, a narrow screen.
  for (const [lang, name] of [['de', '15-german'], ['ar', '16-arabic-rtl'], ['ja', '17-japanese']]) {
    await select('lang', lang);
    await page.waitForTimeout(300);
    await page.locator('#button').evaluate((el) => el.call());
    await until('active');
    await page.locator('#button').locator('[aria-controls="keypad"]').click();
    await page.waitForTimeout(300);
    await shot(name);
    await page.locator('#button').evaluate((el) => el.hangup());
    await until('ended');
  }
  await select('lang', 'en');
  for (const theme of ['brand', 'dark', 'compact']) {
    await select('theme', theme);
    await page.locator('#button').evaluate((el) => el.call());
    await until('active');
    await page.waitForTimeout(300);
    await shot(`18-theme-${theme}`);
    await page.locator('#button').evaluate((el) => el.hangup());
    await until('ended');
  }
  await select('theme', '');
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.locator('#button').evaluate((el) => el.call());
  await until('active');
  await page.waitForTimeout(300);
  await shot('19-prefers-dark');
  await page.locator('#button').evaluate((el) => el.hangup());
  await until('ended');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 280, height: 700 });
  await select('lang', 'de');
  await page.locator('input[name=video]').check();
  await page.locator('#button').evaluate((el) => el.call());
  await until('active');
  await page.waitForTimeout(1500);
  await shot('20-narrow-280-german-video');
  await page.locator('#button').evaluate((el) => el.hangup());
  await until('ended');
} finally {
  await browser.close();
  demo.kill('SIGINT');
}
