// WebKitGTK for the tests of what ships: Debian's `WebKitWebDriver` (package webkit2gtk-driver) drives its
// MiniBrowser on a virtual X display (`xvfb-run`). A small W3C WebDriver client over fetch, with only the commands
// these tests use: a maintained client (webdriverio) would bring a hundred packages for six HTTP calls.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';

export const HOW_TO_GET_WEBKIT =
  'No WebKitWebDriver found. Install WebKitGTK\'s driver and a virtual display: ' +
  '`apt-get install webkit2gtk-driver xvfb xauth` (Debian/Ubuntu), or set WEBKIT_WEBDRIVER to its path.';
const HOW_TO_GET_XVFB = 'No xvfb-run found and no DISPLAY to draw on. Install one: `apt-get install xvfb xauth` (Debian/Ubuntu).';

/** The key W3C WebDriver gives an element reference in JSON. */
const ELEMENT_KEY = 'element-6066-11e4-a52e-4f735466cecf';
export type ElementRef = { [ELEMENT_KEY]: string };

function onPath(name: string): string | undefined {
  return (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, name)).find((path) => existsSync(path));
}

/** A port nobody listens on now; the driver takes it a moment later. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

class WebDriverError extends Error {
  constructor(command: string, readonly error: string, message: string) {
    super(`WebDriver ${command}: ${error}${message ? `: ${message}` : ''}`);
  }
}

/** Longer than any command takes; a browser that hangs fails the command that hung, by name. */
const COMMAND_LIMIT_MS = 45_000;

async function send<T>(origin: string, method: string, path: string, body?: unknown): Promise<T> {
  const command = `${method} ${path.replace(/^\/session\/[^/]+/, '')}`;
  const response = await fetch(`${origin}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(COMMAND_LIMIT_MS),
  }).catch((error: Error) => {
    throw new Error(`WebDriver ${command}: ${error.name === 'TimeoutError' ? `no answer in ${COMMAND_LIMIT_MS / 1000} s` : error.message}`);
  });
  const { value } = (await response.json()) as { value: T & { error?: string; message?: string } };
  if (!response.ok) throw new WebDriverError(command, value?.error ?? String(response.status), value?.message ?? '');
  return value;
}

export interface SessionOptions {
  /** MiniBrowser's dark mode: the page sees `prefers-color-scheme: dark`. */
  dark?: boolean;
}

/** A script run in the page: a function (serialized with its source) or a function body. */
type Script<A extends unknown[], R> = string | ((...args: A) => R);
const body = (script: Script<never, unknown>, async: boolean) => typeof script === 'string'
  ? script
  : async
    ? `const done = arguments[arguments.length - 1];
       Promise.resolve().then(() => (${script}).apply(null, [...arguments].slice(0, -1)))
         .then((value) => done({ value }), (error) => done({ error: String(error && error.stack || error) }));`
    : `return (${script}).apply(null, arguments);`;

/** One browser window, driven by W3C WebDriver commands. */
export class WebKitSession {
  constructor(private readonly origin: string, readonly id: string) {}

  private command<T>(method: string, path: string, body?: unknown): Promise<T> {
    return send<T>(this.origin, method, `/session/${this.id}${path}`, body);
  }

  async navigate(url: string): Promise<void> {
    await this.command('POST', '/url', { url });
  }

  /** Runs `script` in the current frame and returns what it returns (elements come back as references). */
  execute<A extends unknown[], R>(script: Script<A, R>, ...args: A): Promise<Awaited<R>> {
    return this.command('POST', '/execute/sync', { script: body(script as Script<never, unknown>, false), args });
  }

  /** Runs `script` and waits for the promise it returns; a rejection in the page fails the command with its stack. */
  async executeAsync<A extends unknown[], R>(script: (...args: A) => Promise<R>, ...args: A): Promise<R> {
    const outcome = await this.command<{ value?: R; error?: string }>('POST', '/execute/async', { script: body(script as Script<never, unknown>, true), args });
    if (outcome.error !== undefined) throw new Error(`in the page: ${outcome.error}`);
    return outcome.value as R;
  }

  /** Later commands run in this iframe's document. */
  async switchToFrame(frame: ElementRef): Promise<void> {
    await this.command('POST', '/frame', { id: frame });
  }

  async switchToTopFrame(): Promise<void> {
    await this.command('POST', '/frame', { id: null });
  }

  /** The pointer moves onto the middle of `element`, as a visitor's mouse does. */
  async hover(element: ElementRef): Promise<void> {
    await this.pointer(element, []);
  }

  /** A mouse click in the middle of `element`: moves there, presses and releases. */
  async click(element: ElementRef): Promise<void> {
    await this.pointer(element, [{ type: 'pointerDown', button: 0 }, { type: 'pointerUp', button: 0 }]);
  }

  private async pointer(element: ElementRef, then: object[]): Promise<void> {
    await this.command('POST', '/actions', {
      actions: [{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions: [{ type: 'pointerMove', origin: element, x: 0, y: 0 }, ...then] }],
    });
    await this.command('DELETE', '/actions');
  }

  /** A PNG of the window's viewport, as it is now. */
  async screenshot(): Promise<Buffer> {
    // WebKitGTK hands over the last frame it painted, which can be a state the page has left: two frames later,
    // the DOM as it stands has been painted.
    await this.executeAsync(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
    return Buffer.from(await this.command<string>('GET', '/screenshot'), 'base64');
  }

  async close(): Promise<void> {
    await this.command('DELETE', '');
  }
}

export interface WebKitDriver {
  /** e.g. `WebKitGTK 2.50.6` */
  version: string;
  newSession(options?: SessionOptions): Promise<WebKitSession>;
  close(): Promise<void>;
}

/**
 * Starts WebKitWebDriver on a free port, on a virtual display of its own (`xvfb-run -a`; without xvfb-run, on
 * $DISPLAY), and waits until it takes sessions; rejects with HOW_TO_GET_WEBKIT when it is not installed.
 */
export async function startWebKitDriver(): Promise<WebKitDriver> {
  const driverPath = process.env.WEBKIT_WEBDRIVER || onPath('WebKitWebDriver');
  if (!driverPath || !existsSync(driverPath)) throw new Error(HOW_TO_GET_WEBKIT);
  const xvfbRun = onPath('xvfb-run');
  if (!xvfbRun && !process.env.DISPLAY) throw new Error(HOW_TO_GET_XVFB);

  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const command = xvfbRun
    ? [xvfbRun, '-a', '--server-args=-screen 0 1280x1024x24', driverPath, `--port=${port}`]
    : [driverPath, `--port=${port}`];
  // A process group of its own, so closing ends the X server and the browser with the driver.
  const child: ChildProcess = spawn(command[0]!, command.slice(1), { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));

  const endGroup = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      return; // already gone
    }
    await exited;
  };

  // The driver answers /status once it listens; until then the connection is refused.
  const giveUpAt = Date.now() + COMMAND_LIMIT_MS;
  let ready = false;
  while (!ready) {
    if (child.exitCode !== null) throw new Error(`WebKitWebDriver exited (${child.exitCode}): ${stderr.trim()}`);
    if (Date.now() > giveUpAt) {
      await endGroup();
      throw new Error(`WebKitWebDriver did not start listening: ${stderr.trim()}`);
    }
    ready = await send<{ ready: boolean }>(origin, 'GET', '/status').then((status) => status.ready, () => false);
    if (!ready) await new Promise((resolve) => setTimeout(resolve, 50));
  }

  let version = '';
  return {
    get version() {
      return version;
    },
    async newSession(options: SessionOptions = {}) {
      const args = ['--automation', ...(options.dark ? ['--dark-mode'] : [])];
      const { sessionId, capabilities } = await send<{ sessionId: string; capabilities: { browserVersion: string } }>(origin, 'POST', '/session', {
        // A page or script that hangs fails its command well within COMMAND_LIMIT_MS (the driver's default page
        // load limit is 300 s).
        capabilities: { alwaysMatch: { timeouts: { pageLoad: 30_000, script: 30_000 }, 'webkitgtk:browserOptions': { args } } },
      }).catch((error: Error) => {
        throw new Error(`${error.message}. WebKitWebDriver: ${stderr.trim()}`);
      });
      version = `WebKitGTK ${capabilities.browserVersion}`;
      return new WebKitSession(origin, sessionId);
    },
    close: endGroup,
  };
}
