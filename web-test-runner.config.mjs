// Browser tests: every file in real Chromium through Playwright; the calling files (FIREFOX_FILES) in stock Firefox
// too, through puppeteer-core over WebDriver BiDi. Both with fake media devices so calls work headless; one browser at
// a time, as they share the emulator and its faults.
//   npx web-test-runner [files…]                  Chromium, and Firefox for those of the files it runs
//   C2C_BROWSERS=firefox npx web-test-runner …    one browser only (chromium or firefox)
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import rollupCommonjs from '@rollup/plugin-commonjs';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { ChromeLauncher } from '@web/test-runner-chrome';
import { playwrightLauncher } from '@web/test-runner-playwright';
import * as puppeteer from 'puppeteer-core';
import { tsImport } from 'tsx/esm/api';
import {
  CALL_FLAGS, FIREFOX_CALL_PREFS, HOW_TO_GET_FIREFOX, HOW_TO_GET_ONE, findBrowser, findFirefox,
} from './scripts/find-browser.mjs';
import { HOW_TO_GET_SOUND, hasSoundServer, startSoundServer } from './scripts/sound-server.mjs';
import { devtoolsCommands } from './test/browser/support/devtools-commands.mjs';
import { closeNetworkFaults, networkFaults } from './test/browser/support/network-faults.mjs';

/** The files that also run in Firefox: calls end to end, in the call, the fault matrix. */
const FIREFOX_FILES = ['test/browser/e2e.test.ts', 'test/browser/in-call.test.ts', 'test/browser/faults.test.ts'];

const browsers = (process.env.C2C_BROWSERS ?? 'chromium,firefox').split(',').map((name) => name.trim());
const executablePath = browsers.includes('chromium') ? await findBrowser() : undefined;
const firefoxPath = browsers.includes('firefox') ? findFirefox() : undefined;
if (browsers.includes('chromium') && !executablePath) {
  console.error(HOW_TO_GET_ONE);
  process.exit(1);
}
if (browsers.includes('firefox') && !firefoxPath) {
  console.error(HOW_TO_GET_FIREFOX);
  process.exit(1);
}

if (browsers.includes('firefox') && !hasSoundServer()) {
  console.error(HOW_TO_GET_SOUND);
  process.exit(1);
}

/** The test files named on the command line, if any (else the configured ones run). */
const named = process.argv.slice(2).filter((arg) => /\.test\.ts$/.test(arg)).map((file) => path.relative('.', file));

// @signalwire/js ships CommonJS dependencies; they need converting to be served as ES modules.
const commonjs = fromRollup(rollupCommonjs);
/** React's CommonJS packages (for the React wrapper's tests). */
const REACT_PACKAGES = /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/;

/**
 * Writes the passed/failed/skipped counts, in all and per browser, where scripts/test.mjs can add them to the Node
 * tests' counts.
 */
function countingReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const total = { passed: 0, failed: 0, skipped: 0 };
      const byBrowser = {};
      for (const session of sessions) {
        const counts = (byBrowser[session.browser.name] ??= { passed: 0, failed: 0, skipped: 0 });
        const add = (what) => {
          counts[what]++;
          total[what]++;
        };
        const failedBefore = counts.failed;
        const walk = (suite) => {
          for (const test of suite.tests) add(test.skipped ? 'skipped' : test.passed ? 'passed' : 'failed');
          suite.suites.forEach(walk);
        };
        if (session.testResults) walk(session.testResults);
        // A file that failed to load, or whose hooks failed (something escaped after its last test), has errors of
        // its own: one failure more, unless one of its tests already failed.
        if (session.errors.length > 0 && counts.failed === failedBefore) add('failed');
      }
      mkdirSync('.test-results', { recursive: true });
      writeFileSync('.test-results/browser.json', JSON.stringify({ ...total, byBrowser }));
    },
  };
}

/**
 * The test page: the escape watch (test/browser/support/escape-watch.ts) is installed before the test framework and
 * the test file, and handed mocha once the framework is there, before the file's tests run.
 */
function testRunnerHtml(testFramework) {
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"></head><body>
<script type="module">
  import { watchEscapes } from '/test/browser/support/escape-watch.ts';
  watchEscapes();
</script>
<script type="module" src="${testFramework}"></script>
<script type="module">
  import { failOnEscapes } from '/test/browser/support/escape-watch.ts';
  failOnEscapes(window.mocha);
</script>
</body></html>`;
}

/** Stock Firefox over WebDriver BiDi (puppeteer-core), with the prefs for calls and a sound server. */
function firefoxLauncher(sound) {
  return new ChromeLauncher(
    {
      browser: 'firefox', executablePath: firefoxPath, headless: true,
      // Each file's page fetches every module it loads: Firefox otherwise serves the next file's page the modules
      // the one before fetched, without a request the chunk fault could fail (Cache-Control: no-store is not enough).
      extraPrefsFirefox: { ...FIREFOX_CALL_PREFS, 'browser.cache.memory.enable': false, 'browser.cache.disk.enable': false },
      env: { ...process.env, ...sound?.env },
    },
    ({ browser }) => browser.defaultBrowserContext(),
    ({ context }) => context.newPage(),
    puppeteer,
  );
}

const chromiumLauncher = () => playwrightLauncher({
  product: 'chromium',
  launchOptions: { executablePath, headless: true, args: CALL_FLAGS },
  createBrowserContext: ({ browser }) => browser.newContext({ permissions: ['microphone', 'camera'] }),
});

const firefoxFiles = named.length > 0 ? FIREFOX_FILES.filter((file) => named.includes(file)) : FIREFOX_FILES;
const chromiumRuns = browsers.includes('chromium');
const firefoxRuns = browsers.includes('firefox') && firefoxFiles.length > 0;
const sound = firefoxRuns ? await startSoundServer() : undefined;

/**
 * Runs the local space emulator (emulator/) on a free port for the whole run, and tells the browser
 * where it is: `GET /__emulator-origin` → `{"origin":"http://127.0.0.1:PORT"}` (see test/browser/support/emulator.ts).
 * `EMULATOR_LOG=1` prints its log lines.
 */
function spaceEmulator() {
  let emulator;
  return {
    name: 'space-emulator',
    async serverStart() {
      const { startEmulator } = await tsImport('./emulator/index.ts', import.meta.url);
      emulator = await startEmulator({ port: 0, quiet: !process.env.EMULATOR_LOG });
    },
    async serverStop() {
      sound?.close();
      await Promise.all([emulator?.close(), closeNetworkFaults()]);
    },
    serve(context) {
      if (context.path === '/__emulator-origin') return { body: JSON.stringify({ origin: emulator.origin }), type: 'json' };
    },
  };
}

/**
 * The adapter with a scratch copy of the SDK in which some seam targets are moved (test/support/sdk-scratch.ts):
 * `GET /__broken-sdk/<target>,<target>.js` is src/signalwire/signalwire-sdk.ts bundled with that SDK (its own
 * copy of the adapter's modules; src/shared/ is imported from the test server, as the element imports it), plus
 * `seamGaps`. Built on first request; the scratch copies are removed when the server stops.
 */
function brokenSdk() {
  const built = new Map();
  const scratch = [];
  const build = async (targets) => {
    const { PROJECT, breakSdk, bundleWithSdk } = await tsImport('./test/support/sdk-scratch.ts', import.meta.url);
    const root = breakSdk(targets);
    scratch.push(root);
    const shared = `${PROJECT}src/shared/`;
    const { code } = await bundleWithSdk(root, {
      contents: "export * from './src/signalwire/signalwire-sdk.ts'; export { seamGaps } from './src/signalwire/sdk-seam.ts';",
      resolveDir: PROJECT,
    }, {
      // As the test server names them when the element imports them (`.js` specifiers of `.ts` files).
      external: (path) => (path.startsWith(shared) ? `/src/shared/${path.slice(shared.length).replace(/\.js$/, '.ts')}` : undefined),
      nodeEnv: 'development',
    });
    return code;
  };
  return {
    name: 'broken-sdk',
    async serve(context) {
      const targets = /^\/__broken-sdk\/([\w,]+)\.js$/.exec(context.path)?.[1];
      if (!targets) return undefined;
      if (!built.has(targets)) built.set(targets, build(targets.split(',')));
      return { body: await built.get(targets), type: 'js' };
    },
    serverStop() {
      for (const root of scratch) rmSync(root, { recursive: true, force: true });
    },
  };
}

export default {
  // Chromium runs the files given (all by default), and Firefox its group's; Firefox alone runs its files.
  ...(chromiumRuns
    ? {
      files: ['test/browser/**/*.test.ts'],
      browsers: [chromiumLauncher()],
      groups: firefoxRuns ? [{ name: 'firefox', files: firefoxFiles, browsers: [firefoxLauncher(sound)] }] : [],
    }
    : { files: firefoxFiles, browsers: [firefoxLauncher(sound)] }),
  testRunnerHtml,
  nodeResolve: { exportConditions: ['browser', 'development'] },
  concurrency: 1,
  filterBrowserLogs: ({ args }) => !String(args[0] ?? '').includes('Lit is in dev mode'),
  concurrentBrowsers: 1,
  testsFinishTimeout: 5 * 60_000,
  testFramework: { config: { timeout: 20_000 } },
  // Failing a lazy chunk, unreachable loopback ports (test/browser/support/network.ts).
  middleware: [networkFaults()],
  plugins: [
    spaceEmulator(),
    brokenSdk(),
    devtoolsCommands(),
    {
      name: 'node-env',
      transform(context) {
        if (context.response.is('js') && typeof context.body === 'string' && context.body.includes('process.env.NODE_ENV')) {
          return { body: context.body.replaceAll('process.env.NODE_ENV', '"development"') };
        }
      },
    },
    commonjs({
      include: ['**/node_modules/**/*'],
      strictRequires: false,
      // Served file by file, a CommonJS module that requires React (react-dom) cannot tell that React is
      // CommonJS too, and would get a namespace without React's exports: give it React's module.exports.
      requireReturnsDefault: (id) => REACT_PACKAGES.test(id),
    }),
    esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022' }),
  ],
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), countingReporter()],
};
