/**
 * Lazy chunks that load again after a failure (offline, a CDN hiccup). A browser that keeps a module whose fetch failed
 * in its module map (as the HTML standard long required; Chromium did so for years) fails every later `import()` of
 * the same URL at once, without a request, so retrying the same `import()` can never succeed, even back online. The
 * failure names the URL ("Failed to fetch dynamically imported module: <url>" in Chromium, "error loading dynamically
 * imported module: <url>" in Firefox); imported with a query, it is a new module, fetched anew. Where the failure
 * names no URL (Safari, bundlers that load chunks their own way and retry by themselves), the same `import()` is tried
 * again.
 */
import { C2cError } from '../shared/errors.js';

let attempts = 0;

export function importAgain<T>(
  failure: unknown,
  again: () => Promise<T>,
  importUrl: (url: string) => Promise<unknown> = (url) => import(/* @vite-ignore */ /* webpackIgnore: true */ url),
): Promise<T> {
  const named = /imported module: (https?:\S+?)[.)]?$/m.exec(String((failure as Error | undefined)?.message))?.[1];
  // A failed retry names its own query: replace it rather than add another.
  const url = named?.replace(/([?&])c2c-retry=\d+(&|$)/, (_, before: string, after: string) => (after ? before : ''));
  return url ? (importUrl(`${url}${url.includes('?') ? '&' : '?'}c2c-retry=${++attempts}`) as Promise<T>) : again();
}

/** A part of the call (its code or its views) did not arrive: the network, which a retry may get past. */
export function chunkError(cause: unknown): C2cError {
  return new C2cError('network', 'Part of the call could not be loaded.', { cause });
}

/**
 * `load`, once: the module while it loads and after. A failure rejects with a `network` `C2cError` (its cause the
 * browser's error), and the next call loads the module anew.
 */
export function lazyChunk<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  let failure: unknown;
  return () =>
    (loading ??= (failure === undefined ? load() : importAgain(failure, load)).catch((error: unknown) => {
      failure = error;
      loading = undefined;
      throw chunkError(error);
    }));
}
