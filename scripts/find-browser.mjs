// Finds a Chromium for the tests and the demo, in this order: CHROME_PATH, a Playwright-installed Chromium, then the
// usual system paths.
import { existsSync } from 'node:fs';

const SYSTEM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export const HOW_TO_GET_ONE =
  'No Chromium found. Set CHROME_PATH, or install one: `npx playwright install chromium` (with internet) ' +
  'or `apt-get install chromium` (Debian/Ubuntu).';

async function playwrightChromium() {
  try {
    const { chromium } = await import('playwright');
    const path = chromium.executablePath();
    return path && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/** @returns {Promise<string | undefined>} */
export async function findBrowser() {
  if (process.env.CHROME_PATH && existsSync(process.env.CHROME_PATH)) return process.env.CHROME_PATH;
  return (await playwrightChromium()) ?? SYSTEM_PATHS.find((path) => existsSync(path));
}

/** Chromium flags for calls in a headless browser: fake devices, auto-granted permission, loopback media. */
export const CALL_FLAGS = [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--allow-loopback-in-peer-connection',
  // Web Audio (the input-level meter) starts without a click in a test; on a page, the visitor's click allows it.
  '--autoplay-policy=no-user-gesture-required',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
