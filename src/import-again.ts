/**
 * A lazy chunk imported again after its `import()` failed (offline, a CDN hiccup). Browsers keep a module whose
 * fetch failed in their module map: Chromium then fails every later `import()` of the same URL at once, without a
 * request, so retrying the same `import()` can never succeed, even back online. The failure names the URL
 * ("Failed to fetch dynamically imported module: <url>" in Chromium, "error loading dynamically imported module:
 * <url>" in Firefox); imported with a query, it is a new module, fetched anew. Where the failure names no URL
 * (Safari, bundlers that load chunks their own way and retry by themselves), the same `import()` is tried again.
 */
let attempts = 0;

export function importAgain<T>(
  failure: unknown,
  again: () => Promise<T>,
  importUrl: (url: string) => Promise<unknown> = (url) => import(/* @vite-ignore */ /* webpackIgnore: true */ url),
): Promise<T> {
  const message = typeof failure === 'object' && failure !== null ? String((failure as { message?: unknown }).message) : '';
  const url = /dynamically imported module: (https?:\/\/\S+?)[.)]?$/m.exec(message)?.[1];
  if (!url) return again();
  const fresh = new URL(url);
  fresh.searchParams.set('c2c-retry', String(++attempts));
  return importUrl(fresh.href) as Promise<T>;
}
