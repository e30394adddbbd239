/**
 * Lazy chunks that load again after a failure (offline, a CDN hiccup). Browsers keep a module whose fetch failed in
 * their module map: Chromium then fails every later `import()` of the same URL at once, without a request, so retrying
 * the same `import()` can never succeed, even back online. The failure names the URL ("Failed to fetch dynamically
 * imported module: <url>" in Chromium, "error loading dynamically imported module: <url>" in Firefox); imported with a
 * query, it is a new module, fetched anew. Where the failure names no URL (Safari, bundlers that load chunks their own
 * way and retry by themselves), the same `import()` is tried again.
 */
let attempts = 0;

export function importAgain<T>(
  failure: unknown,
  again: () => Promise<T>,
  importUrl: (url: string) => Promise<unknown> = (url) => import(/* @vite-ignore */ /* webpackIgnore: true */ url),
): Promise<T> {
  const url = /imported module: (https?:\S+?)[.)]?$/m.exec(String((failure as Error | undefined)?.message))?.[1];
  return url ? (importUrl(`${url}${url.includes('?') ? '&' : '?'}c2c-retry=${++attempts}`) as Promise<T>) : again();
}

/** `load`, once: the module while it loads and after; after a failure, the next call loads it anew. */
export function lazyChunk<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  let failure: unknown;
  return () =>
    (loading ??= (failure === undefined ? load() : importAgain(failure, load)).catch((error: unknown) => {
      failure = error;
      loading = undefined;
      throw error;
    }));
}
