/**
 * The calling SDK the element uses unless a page gives it another: `@signalwire/js` behind the `CallSdk`
 * interface. This file ships with the page and is tiny; the adapter and the SDK itself (one chunk, ~60 KB
 * gzip) are imported on first use, which is the visitor's intent. Only the composition root imports it.
 */
import type { CallSdk } from '../shared/call-sdk.js';
import { lazyChunk } from './lazy-chunk.js';

type Adapter = typeof import('../signalwire/signalwire-sdk.js');
/** The adapter and the SDK; a failed load (offline) rejects with `network` and is tried again on the next intent. */
const loadAdapter = lazyChunk<Adapter>(() => import('../signalwire/signalwire-sdk.js'));

/** `@signalwire/js` as a `CallSdk`, loaded on first use. */
export const signalWireSdk: CallSdk = {
  isSupported: () =>
    typeof RTCPeerConnection === 'function' && typeof navigator.mediaDevices?.getUserMedia === 'function' && isSecureContext,
  load: async () => {
    await loadAdapter();
  },
  connect: async (options) => (await loadAdapter()).connect(options),
};
