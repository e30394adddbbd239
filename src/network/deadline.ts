/**
 * Awaiting with a limit and a way out: every await of a call attempt goes through `withDeadline`, so an
 * SDK promise that never settles (the SDK has several) cannot hang the element.
 */
import { C2cError, abortError } from '../shared/errors.js';

export interface DeadlineOptions<T> {
  signal: AbortSignal;
  /** Gives up with a `timeout` error after this long. */
  timeoutMs: number;
  /** What is being waited for, for the error message. */
  what: string;
  /**
   * Called with the result if it arrives after the wait was given up (timed out or aborted), so what it
   * holds (a socket, a call) is released rather than leaked.
   */
  releaseLate?: (late: T) => void;
}

export function withDeadline<T>(work: Promise<T>, { signal, timeoutMs, what, releaseLate }: DeadlineOptions<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const finish = () => {
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      if (settled) return;
      finish();
      reject(signal.reason ?? abortError());
    };
    const timer = setTimeout(() => {
      if (settled) return;
      finish();
      reject(new C2cError('timeout', `${what} took longer than ${timeoutMs} ms.`));
    }, timeoutMs);

    if (signal.aborted) {
      onAbort();
    } else {
      signal.addEventListener('abort', onAbort, { once: true });
    }

    work.then(
      (value) => {
        if (settled) {
          releaseLate?.(value);
          return;
        }
        finish();
        resolve(value);
      },
      (error: unknown) => {
        if (settled) return;
        finish();
        reject(error);
      },
    );
  });
}
