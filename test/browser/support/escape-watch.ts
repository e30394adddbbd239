// What would reach a host page, watched on every test page in every browser: uncaught exceptions, unhandled
// rejections and console.error calls. The test page installs it itself (`testRunnerHtml` in
// web-test-runner.config.mjs) before the test framework and the test file load, then hands it mocha: a test during
// which anything escaped fails, and so does the file when something escapes after its last test. No test opts in,
// and none can forget to. Test instrumentation only.

/** Called with each escape as it happens (page-watch.ts keeps its own list per fault row). */
type Listener = (escape: string) => void;

const seen: string[] = [];
const listeners = new Set<Listener>();
/** Escapes a test provokes on purpose (`allowEscapes`), for that test only. */
let allowed: RegExp[] = [];
let installed = false;

function record(escape: string): void {
  if (allowed.some((pattern) => pattern.test(escape))) return;
  seen.push(escape);
  listeners.forEach((listener) => listener(escape));
}

const describe = (value: unknown): string => {
  if (value instanceof Error || value instanceof DOMException) return `${value.name}: ${value.message}`;
  if (typeof value === 'object' && value !== null) {
    try {
      return JSON.stringify(value);
    } catch {
      return String(value);
    }
  }
  return String(value);
};

/** Starts watching (once per page): before anything else runs on it. */
export function watchEscapes(): void {
  if (installed) return;
  installed = true;
  window.addEventListener('error', (event) => record(`uncaught: ${event.message}`));
  window.addEventListener('unhandledrejection', (event) => record(`unhandled rejection: ${describe(event.reason)}`));
  const next = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    record(`console.error: ${args.map(describe).join(' ')}`);
    next(...args);
  };
}

export function onEscape(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * For a test that makes a page error on purpose (a page's own listener that throws): escapes matching `pattern` are
 * not counted until the test ends.
 */
export function allowEscapes(pattern: RegExp): void {
  allowed.push(pattern);
}

/** How long the file's page is watched after its last test. */
const SETTLE_MS = 500;

interface HookContext {
  test?: { error(error: Error): void };
  currentTest?: { title: string };
}
interface MochaLike {
  suite: {
    afterEach(fn: (this: HookContext) => void): void;
    afterAll(fn: (this: HookContext) => Promise<void>): void;
  };
}

/**
 * Root hooks (run after each file's own hooks, so after its hang-ups and clean-ups): the test in which something
 * escaped fails with what escaped; what escapes after the last test fails the file.
 */
export function failOnEscapes(mocha: MochaLike): void {
  mocha.suite.afterEach(function (this: HookContext) {
    allowed = [];
    const escaped = seen.splice(0);
    // Mocha fails the current test with an error set on its after-each hook.
    if (escaped.length > 0) this.test?.error(new Error(`reached the host page during this test:\n  ${escaped.join('\n  ')}`));
  });
  mocha.suite.afterAll(async function () {
    // What the last test left running (a hang-up's last steps) has a moment to fail too.
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const escaped = seen.splice(0);
    if (escaped.length > 0) throw new Error(`reached the host page after the last test:\n  ${escaped.join('\n  ')}`);
  });
}
