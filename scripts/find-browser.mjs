// Finds the browsers for the tests and the demo. Chromium, in this order: CHROME_PATH, a Playwright-installed
// Chromium, then the usual system paths. Firefox: FIREFOX_PATH, then the system's (Debian's firefox-esr), driven over
// WebDriver BiDi by puppeteer-core: Playwright drives only its own patched Firefox builds.
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

const FIREFOX_PATHS = ['/usr/bin/firefox-esr', '/usr/bin/firefox'];

export const HOW_TO_GET_FIREFOX = 'No Firefox found. Set FIREFOX_PATH, or install one: `apt-get install firefox-esr` (Debian/Ubuntu).';

/** @returns {string | undefined} */
export function findFirefox() {
  if (process.env.FIREFOX_PATH && existsSync(process.env.FIREFOX_PATH)) return process.env.FIREFOX_PATH;
  return FIREFOX_PATHS.find((path) => existsSync(path));
}

/**
 * Firefox as it comes, with fake devices (a tone for a microphone, a test pattern for a camera) in place of the real
 * ones this machine does not have. Its networking is stock: no ICE candidate on 127.0.0.1, host addresses hidden
 * behind mDNS names (the emulator copes: see its first-check module). Nothing answers the permission prompt but the
 * test (test/ship/support/firefox.ts), and the site's permission is kept as Firefox keeps it.
 */
export const FIREFOX_PROMPT_PREFS = {
  'media.navigator.streams.fake': true,
};

/**
 * Firefox preferences for calls in a headless browser, the counterpart of CALL_FLAGS: the above, with the permission
 * prompt answered yes.
 */
export const FIREFOX_CALL_PREFS = {
  ...FIREFOX_PROMPT_PREFS,
  'media.navigator.permission.disabled': true,
  // As --autoplay-policy does for Chromium: the level meter's Web Audio starts without a click in a test.
  'media.autoplay.default': 0,
  'media.autoplay.block-webaudio': false,
};
