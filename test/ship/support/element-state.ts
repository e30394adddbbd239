// What the tests of what ships say when an element is not where they waited for it: its state, and its error.

/** Runs in the page (Playwright's and Puppeteer's `evaluate` alike): the element's state, and its error if any. */
export function describeElementState(selector: string): string {
  const el = document.querySelector(selector) as (HTMLElement & { error?: { code: string; message: string } | null }) | null;
  return `${el?.getAttribute('state')}${el?.error ? ` (${el.error.code}: ${el.error.message})` : ''}`;
}

export function stateNotReached(selector: string, actual: string, expected: string, cause: unknown): Error {
  return new Error(`${selector} stayed in "${actual}", expected "${expected}": ${String(cause)}`);
}
