// The npm package as an app uses it: a fresh Vite + React app (test/fixtures/vite-app) installs the packed tarball
// with npm, type-checks (the element in TSX, the React wrapper's props and events), builds, and places calls on the
// local space emulator with the element by tag and through `c2c-call-button/react`. The app's bundler keeps the
// SDK out of the page-load bytes, as the CDN build does.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright';
import { DEMO_C2C_TOKEN, startEmulatorProcess, type EmulatorProcess } from '../../emulator/index.ts';
import { launchBrowser, openPage, waitForState } from './support/browser.ts';
import { packedPackage, ROOT } from './support/package.ts';
import { serveStatic, type StaticServer } from './support/static-server.ts';

const APP = `${ROOT}.scratch/ship/vite-app/`;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

let emulator: EmulatorProcess;
let server: StaticServer;
let browser: Browser;

/** Copies the fixture and installs the tarball into it, as `npm install c2c-call-button` would. */
function installApp(): void {
  const { tarball } = packedPackage();
  rmSync(APP, { recursive: true, force: true });
  cpSync(`${ROOT}test/fixtures/vite-app/`, APP, { recursive: true });
  const manifest = JSON.parse(readFileSync(`${APP}package.json`, 'utf8')) as { dependencies: Record<string, string> };
  manifest.dependencies['c2c-call-button'] = `file:${tarball}`;
  writeFileSync(`${APP}package.json`, JSON.stringify(manifest, null, 2));
  // From the npm cache where it can (the project's install filled it); the registry otherwise.
  execFileSync(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: APP, stdio: 'inherit', timeout: 240_000 });
}

describe('a fresh Vite + React app with the packed package installed', { timeout: 360_000 }, () => {
  before(async () => {
    installApp();
    emulator = await startEmulatorProcess();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await emulator?.close();
  });

  it('type-checks: the React wrapper\'s props and event props, and the tag written in TSX', () => {
    // The project's TypeScript, on the app's tsconfig and node_modules (the package's own .d.ts, not our sources).
    execFileSync(process.execPath, [`${ROOT}node_modules/typescript/bin/tsc`, '-p', APP], { cwd: APP, stdio: 'inherit' });
  });

  it('builds, with @signalwire/js in a chunk of its own', () => {
    execFileSync(npm, ['run', 'build', '--silent'], { cwd: APP, stdio: ['ignore', 'ignore', 'inherit'] });
    const chunks = readdirSync(`${APP}dist/assets/`).filter((name) => name.endsWith('.js'));
    const withSdk = chunks.filter((name) => readFileSync(`${APP}dist/assets/${name}`, 'utf8').includes('signalwire.connect'));
    assert.equal(withSdk.length, 1, `one chunk holds the SDK: ${chunks.join(', ')}`);
    const html = readFileSync(`${APP}dist/index.html`, 'utf8');
    assert.ok(!html.includes(withSdk[0]!), 'the page does not load or preload the SDK chunk');
  });

  it('calls by tag and through the React wrapper; nothing is fetched for a call before intent', async () => {
    server = await serveStatic({ mounts: { '/': `${APP}dist/` }, pages: { '/': readFileSync(`${APP}dist/index.html`, 'utf8') } });
    const query = new URLSearchParams({ 'api-base': emulator.origin, token: DEMO_C2C_TOKEN });
    const watched = await openPage(browser, `${server.origin}/?${query}`);
    const { page } = watched;
    try {
      await page.evaluate(async () => {
        await customElements.whenDefined('c2c-call-button');
        await Promise.all([...document.querySelectorAll('c2c-call-button')].map((el) => (el as HTMLElement & { updateComplete: Promise<boolean> }).updateComplete));
      });
      await page.waitForLoadState('networkidle');
      assert.equal(await page.locator('c2c-call-button').count(), 3, 'by tag, through the wrapper, and in TSX');
      assert.deepEqual(watched.requests.filter((url) => url.startsWith(emulator.origin)), [], 'no token exchange before intent');
      assert.deepEqual(watched.sockets, [], 'no websocket before intent');
      const sdkLoaded = () => page.evaluate(() => performance.getEntriesByType('resource').some((entry) => /signalwire-sdk|index\.esm/.test(entry.name)));
      assert.equal(await sdkLoaded(), false, 'the SDK chunk is not loaded before intent');

      // By tag.
      await page.locator('#by-tag [part="button"]').click();
      await waitForState(page, 'active', '#by-tag');
      await page.locator('#by-tag [part="hangup"]').click();
      await waitForState(page, 'ended', '#by-tag');

      // Through the wrapper: its props reached the element, its event props hear the call, its ref hangs up.
      assert.equal(await page.locator('#by-react [part="label"]').textContent(), 'Call from React');
      await page.locator('#by-react [part="button"]').click();
      await waitForState(page, 'active', '#by-react');
      assert.equal(await page.locator('#react-states').textContent(), 'authorizing connecting ringing active');
      await page.locator('#react-hangup').click();
      await waitForState(page, 'ended', '#by-react');
      assert.equal(await page.locator('#react-ended').textContent(), 'local');

      assert.equal(await watched.liveTracks(), 0, 'the microphone is released');
      assert.deepEqual(watched.problems, []);
    } finally {
      await watched.close();
    }
  });
});
