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
const until = (state) => page.waitForFunction((s) => document.querySelector('#button')?.getAttribute('state') === s, state, { timeout: 20_000 });
const choose = (name, value) => page.locator(`input[name=${name}][value="${value}"]`).check();

try {
  await page.goto(url);
  await page.waitForFunction(() => customElements.get('c2c-call-button'));
  await page.waitForTimeout(300);
  await shot('1-idle');
  await page.keyboard.press('Tab');
  await shot('2-focused');

  await choose('destination', '/public/slow-answer');
  await page.locator('#button').click();
  await until('ringing');
  await shot('3-ringing');
  await until('active');
  await page.waitForTimeout(1200);
  await shot('4-active');
  await page.locator('#button').evaluate((el) => el.toggleMute());
  await page.waitForTimeout(300);
  await shot('5-muted');
  await page.locator('#button').locator('[aria-controls="keypad"]').click();
  await page.keyboard.type('12#');
  await page.waitForTimeout(200);
  await shot('5b-keypad');
  await page.locator('#button').evaluate((el) => el.hangup());
  await until('ended');
  await shot('6-ended');

  await choose('destination', '/public/busy');
  await page.locator('#button').evaluate((el) => el.call().catch(() => undefined));
  await until('error');
  await shot('7-error-busy');

  await choose('destination', '/public/echo');
  await choose('token', 'disabled');
  await page.locator('#button').evaluate((el) => el.call().catch(() => undefined));
  await until('error');
  await page.waitForTimeout(200);
  await shot('8-error-disabled');
} finally {
  await browser.close();
  demo.kill('SIGINT');
}
