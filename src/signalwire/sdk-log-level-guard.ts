/**
 * Evaluating `@signalwire/js` writes its log level (`loglevel:signalwire`) to the page's localStorage, which is
 * not ours to change. The adapter imports this module before the SDK, so its top level runs first and keeps the
 * item as it was; the adapter puts it back once the SDK has been evaluated (ES modules run in import order).
 */
import { SEAM } from './sdk-seam.js';

const KEY = SEAM.logLevelKey;

function read(): { value: string | null } | undefined {
  try {
    return { value: localStorage.getItem(KEY) };
  } catch {
    return undefined; // no storage (sandboxed frame): nothing to keep
  }
}

const before = read();

/** Puts the page's `loglevel:signalwire` back as it was before the SDK was evaluated. */
export function restoreSdkLogLevel(): void {
  if (!before) return;
  try {
    if (before.value === null) localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, before.value);
  } catch {
    // storage went away meanwhile
  }
}
