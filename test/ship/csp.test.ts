// A page served with a strict Content-Security-Policy places a call with zero violations, for the npm build bundled by
// Vite into a page and for the CDN builds (module and classic), from the packed package: no inline script, no eval,
// Trusted Types required (Lit's `lit-html` policy is the only one the page allows), and `connect-src` naming only
// the space (here the emulator: its REST origin and its relay). Violations are heard from an init script, before any
// of the page's own; the policy is shown to be enforced at the end (a data: script and an innerHTML string are refused).
// The same pages check that the REST calls carry no cookies or credentials, though the browser holds cookies for
// the API's host.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Request } from 'playwright';
import { build } from 'vite';
import { DEMO_C2C_TOKEN, startEmulatorProcess, type EmulatorProcess } from '../../emulator/index.ts';
import { launchBrowser, openPage, waitForState, type WatchedPage } from './support/browser.ts';
import { packedPackage, ROOT } from './support/package.ts';
import { serveStatic, type StaticServer } from './support/static-server.ts';

const pkg = packedPackage();
const APP = `${ROOT}.scratch/ship/csp-app/`;

let emulator: EmulatorProcess;
let server: StaticServer;
let browser: Browser;

/** The policy a site should send (docs/security.md), with the space's REST origin and relay. */
export function strictPolicy(restOrigin: string, relayOrigin: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `connect-src ${restOrigin} ${relayOrigin}`,
    "require-trusted-types-for 'script'",
    'trusted-types lit-html',
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const tag = (video: boolean) =>
  `<c2c-call-button token="${DEMO_C2C_TOKEN}" destination="/public/echo" api-base="${emulator.origin}"${video ? ' video' : ''}></c2c-call-button>`;

const page = (scripts: string, video = false) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>c2c-call-button under a strict CSP</title></head>
<body>
${tag(video)}
${scripts}
</body></html>`;

/** A fresh Vite app whose only code is `import 'c2c-call-button'`, the packed package in its node_modules. */
async function buildViteApp(): Promise<string> {
  rmSync(APP, { recursive: true, force: true });
  mkdirSync(`${APP}node_modules`, { recursive: true });
  symlinkSync(pkg.dir, `${APP}node_modules/c2c-call-button`, 'dir');
  writeFileSync(`${APP}main.js`, "import 'c2c-call-button';\n");
  writeFileSync(`${APP}index.html`, page('<script type="module" src="/main.js"></script>'));
  await build({ root: APP, configFile: false, logLevel: 'silent', build: { outDir: `${APP}dist`, emptyOutDir: true } });
  return readFileSync(`${APP}dist/index.html`, 'utf8');
}

interface Violation {
  directive: string;
  blocked: string;
  source: string;
  sample: string;
}

/** Runs before the page's scripts: every CSP violation of the page, as the page itself would hear it. */
function listenForViolations(): void {
  const seen: Violation[] = [];
  Object.defineProperty(window, '__cspViolations', { value: seen });
  window.addEventListener('securitypolicyviolation', (event) => {
    seen.push({ directive: event.effectiveDirective, blocked: event.blockedURI, source: event.sourceFile, sample: event.sample });
  }, true);
}

const violations = (watched: WatchedPage) =>
  watched.page.evaluate(() => (window as unknown as { __cspViolations: Violation[] }).__cspViolations.slice());

async function open(path: string): Promise<{ watched: WatchedPage; rest: Request[] }> {
  const rest: Request[] = [];
  const watched = await openPage(browser, `${server.origin}${path}`, {
    prepare: async (context) => {
      await context.addInitScript(listenForViolations);
      // A site's own cookie for the host the API is on (here both are 127.0.0.1): the REST calls must not carry it.
      await context.addCookies([{ name: 'site_session', value: 'SITE-SECRET', domain: '127.0.0.1', path: '/' }]);
      context.on('request', (request) => {
        if (request.url().startsWith(emulator.origin)) rest.push(request);
      });
    },
  });
  return { watched, rest };
}

describe('a strict Content-Security-Policy (Trusted Types required)', { timeout: 180_000 }, () => {
  before(async () => {
    emulator = await startEmulatorProcess();
    const viteHtml = await buildViteApp();
    const policy = strictPolicy(emulator.origin, emulator.origin.replace(/^http/, 'ws'));
    server = await serveStatic({
      mounts: { '/assets/': `${APP}dist/assets/`, '/cdn/': `${pkg.dir}dist/cdn/` },
      pages: {
        '/vite/': viteHtml,
        '/cdn-module.html': page('<script type="module" src="/cdn/c2c-call-button.js"></script>'),
        '/cdn-classic.html': page('<script src="/cdn/c2c-call-button.classic.js" defer></script>'),
        '/cdn-video.html': page('<script type="module" src="/cdn/c2c-call-button.js"></script>', true),
      },
      pageHeaders: { 'content-security-policy': policy },
    });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await emulator?.close();
  });

  for (const [name, path] of [
    ['the npm build bundled by Vite', '/vite/'],
    ['the CDN module build', '/cdn-module.html'],
    ['the CDN classic build', '/cdn-classic.html'],
    ['the CDN module build, a video call', '/cdn-video.html'],
  ] as const) {
    it(`${name}: a call with zero violations, and REST calls without cookies or credentials`, async () => {
      const { watched, rest } = await open(path);
      const { page: tab } = watched;
      try {
        await tab.evaluate(async () => {
          await customElements.whenDefined('c2c-call-button');
          await (document.querySelector('c2c-call-button') as HTMLElement & { updateComplete: Promise<boolean> }).updateComplete;
        });
        await tab.locator('c2c-call-button [part="button"]').hover();
        await tab.locator('c2c-call-button [part="button"]').click();
        await waitForState(tab, 'active');
        const exchanges = rest.filter((request) => request.url().endsWith('/api/fabric/embeds/tokens') && request.method() === 'POST');
        assert.equal(exchanges.length, 1, 'one token exchange for the call');
        await tab.locator('c2c-call-button [part="hangup"]').click();
        await waitForState(tab, 'ended');

        assert.deepEqual(await violations(watched), [], 'no CSP violation');
        assert.deepEqual(watched.problems, [], 'no error on the page');
        assert.equal(watched.sockets.length, 1, 'the relay connection was allowed');

        for (const request of rest) {
          const headers = await request.allHeaders();
          assert.equal(headers.cookie, undefined, `${request.method()} ${request.url()} carries no cookie`);
          assert.equal(headers.authorization, undefined, `${request.method()} ${request.url()} carries no credentials`);
        }

        // The policy was in force all along: a script from elsewhere and an HTML string for innerHTML are refused, and heard.
        const probes = await tab.evaluate(async () => {
          const results: string[] = [];
          try {
            const elsewhere: string = 'data:text/javascript,export default 1';
            await import(elsewhere);
            results.push('a data: module ran');
          } catch (error) {
            results.push((error as Error).name);
          }
          try {
            document.createElement('div').innerHTML = '<b>x</b>';
            results.push('innerHTML took a string');
          } catch (error) {
            results.push((error as Error).name);
          }
          return results;
        });
        assert.deepEqual(probes, ['TypeError', 'TypeError']);
        const heard = await violations(watched);
        assert.deepEqual(heard.map((v) => v.directive).sort(), ['require-trusted-types-for', 'script-src-elem'], JSON.stringify(heard));
      } finally {
        await watched.close();
      }
    });
  }
});
