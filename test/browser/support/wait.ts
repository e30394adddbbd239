// Waiting for what a test cannot be told of by an event (the far side's counters, a socket's readyState), with a
// bound; and for the element's own states, by its events.
import type { C2cCallButton } from '../../../src/button/c2c-call-button.js';

/** Resolves once `condition` holds (checked every 50 ms); fails with `what` after `timeoutMs`. */
export async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Resolves with the first value of `read()` that `ok` accepts; fails with the last one after `timeoutMs`. */
export async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs: number, what: string): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Resolves when the element enters one of `states` (at once if it is in one), by its c2c-state-change events. */
export function stateIn(el: C2cCallButton, states: readonly string[], timeoutMs: number): Promise<string> {
  if (states.includes(el.state)) return Promise.resolve(el.state);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      el.removeEventListener('c2c-state-change', onChange);
      reject(new Error(`the element stayed ${el.state}, expected one of ${states.join(', ')} within ${timeoutMs} ms`));
    }, timeoutMs);
    const onChange = () => {
      if (!states.includes(el.state)) return;
      clearTimeout(timer);
      el.removeEventListener('c2c-state-change', onChange);
      resolve(el.state);
    };
    el.addEventListener('c2c-state-change', onChange);
  });
}
