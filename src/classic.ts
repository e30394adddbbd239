/**
 * The classic-script build (`dist/cdn/c2c-call-button.classic.js`), for site builders and tag managers that can
 * only add `<script src>` without `type="module"`. It imports the module build, which defines the element; the
 * lazy chunks then load exactly as for the module build, so both forms share one set of files and one browser
 * cache. Dynamic `import()` works in classic scripts in every browser the element supports.
 */
import { MODULE_FILE, moduleUrl } from './cdn-url.js';

declare const __PACKAGE_NAME__: string;
declare const __PACKAGE_VERSION__: string;

const script = document.currentScript as HTMLScriptElement | null;
// Run as a module (`type="module"` pointing here) there is no currentScript: the module build is beside this file.
const url = script ? moduleUrl(script.src, __PACKAGE_NAME__, __PACKAGE_VERSION__) : `./${MODULE_FILE}`;
import(/* @vite-ignore */ url).catch((error: unknown) => {
  console.error(`c2c-call-button: could not load ${url}`, error);
});
