/**
 * The calling SDK the element uses unless a page gives it another: `@signalwire/js` behind the `CallSdk`
 * interface. This file ships with the page and is tiny; the adapter and the SDK itself (one chunk, ~60 KB
 * gzip) are imported on first use, which is the visitor's intent. Only the composition root imports it.
 */
import type { CallSdk, SdkClient, SdkConnectOptions } from '../call/call-sdk.js';
import { C2cError } from '../errors.js';

/** Where the SDK's logging library (loglevel) persists its level when the SDK module is evaluated. */
const SDK_LOG_LEVEL_KEY = 'loglevel:signalwire';

type Adapter = typeof import('./signalwire-sdk.js');
let adapter: Promise<Adapter> | undefined;

function loadAdapter(): Promise<Adapter> {
  if (!adapter) {
    const restoreStorage = keepLocalStorageItem(SDK_LOG_LEVEL_KEY);
    adapter = import('./signalwire-sdk.js').then(
      (module) => {
        restoreStorage();
        return module;
      },
      (error: unknown) => {
        restoreStorage();
        adapter = undefined; // a failed chunk load (offline) may succeed on the next try
        throw new C2cError('network', 'The calling SDK could not be loaded.', { cause: error });
      },
    );
  }
  return adapter;
}

/**
 * Snapshots one localStorage item and returns a function that puts it back as it was: the page's storage
 * is not ours to change, and evaluating the SDK module writes its log level there.
 */
function keepLocalStorageItem(key: string): () => void {
  let before: string | null;
  try {
    before = localStorage.getItem(key);
  } catch {
    return () => undefined; // no storage (sandboxed frame): nothing to keep
  }
  return () => {
    try {
      if (before === null) localStorage.removeItem(key);
      else localStorage.setItem(key, before);
    } catch {
      // storage went away meanwhile
    }
  };
}

/** `@signalwire/js` as a `CallSdk`, loaded on first use. */
export const signalWireSdk: CallSdk = {
  isSupported(): boolean {
    return (
      typeof globalThis.RTCPeerConnection === 'function' &&
      typeof navigator !== 'undefined' &&
      typeof navigator.mediaDevices?.getUserMedia === 'function' &&
      globalThis.isSecureContext !== false
    );
  },

  async load(): Promise<void> {
    await loadAdapter();
  },

  async connect(options: SdkConnectOptions): Promise<SdkClient> {
    return (await loadAdapter()).connect(options);
  },
};
