/**
 * Where the module build sits, seen from the classic-script build (`classic.ts`). Pure, so it is tested in Node.
 *
 * Beside the classic script, in general. One exception: npm CDNs that serve a package's default file at the
 * package's own URL (`…/npm/c2c-call-button@1`, without a redirect), where "beside" would be the CDN's root.
 * There the path is rebuilt from the package name and the classic script's own version, so every chunk that
 * loads matches the script that asked for it.
 */
export const MODULE_FILE = 'c2c-call-button.js';
export const CLASSIC_FILE = 'c2c-call-button.classic.js';

export function moduleUrl(scriptUrl: string, packageName: string, version: string): string {
  const url = new URL(scriptUrl);
  const path = url.pathname;
  if (!path.endsWith(`/${CLASSIC_FILE}`)) {
    const at = path.lastIndexOf(`/${packageName}`);
    // …/<name>, …/<name>/, …/<name>@<version or range>: the package itself, not a file in it.
    if (at >= 0 && /^(@[^/]*)?\/?$/.test(path.slice(at + 1 + packageName.length))) {
      return `${url.origin}${path.slice(0, at)}/${packageName}@${version}/dist/cdn/${MODULE_FILE}`;
    }
  }
  return new URL(MODULE_FILE, url).href;
}
