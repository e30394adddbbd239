// Browser tests: real Chromium through Playwright, with fake media devices so calls work headless.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import rollupCommonjs from '@rollup/plugin-commonjs';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { tsImport } from 'tsx/esm/api';
import { CALL_FLAGS, HOW_TO_GET_ONE, findBrowser } from './scripts/find-browser.mjs';
import { devtoolsCommands } from './test/browser/support/devtools-commands.mjs';
import { closeNetworkFaults, networkFaults } from './test/browser/support/network-faults.mjs';

const executablePath = await findBrowser();
if (!executablePath) {
  console.error(HOW_TO_GET_ONE);
  process.exit(1);
}

// @signalwire/js ships CommonJS dependencies; they need converting to be served as ES modules.
const commonjs = fromRollup(rollupCommonjs);
/** React's CommonJS packages (for the React wrapper's tests). */
const REACT_PACKAGES = /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/;

/** Writes the pass/fail counts where scripts/test.mjs can add them to the Node tests' counts. */
function countingReporter() {
  return {
    onTestRunFinished({ sessions }) {
      let passed = 0;
      let failed = 0;
      const walk = (suite) => {
        for (const test of suite.tests) {
          if (test.skipped) continue;
          if (test.passed) passed++;
          else failed++;
        }
        suite.suites.forEach(walk);
      };
      for (const session of sessions) {
        if (session.testResults) walk(session.testResults);
        // A file that failed to load has no results but errors: count it as one failure.
        if (!session.testResults?.tests.length && !session.testResults?.suites.length && session.errors.length) failed++;
      }
      mkdirSync('.test-results', { recursive: true });
      writeFileSync('.test-results/browser.json', JSON.stringify({ passed, failed }));
    },
  };
}

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
  files: ['test/browser/**/*.test.ts'],
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
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath, headless: true, args: CALL_FLAGS },
      createBrowserContext: ({ browser }) => browser.newContext({ permissions: ['microphone', 'camera'] }),
    }),
  ],
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), countingReporter()],
};
