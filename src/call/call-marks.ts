/**
 * `performance.mark`s for the steps of a call, so a page (and `npm run bench`) can see where the time goes:
 * `c2c:start` (the session begins), `c2c:token` (token in hand), `c2c:sdk` (SDK loaded), `c2c:connected`
 * (relay connection open), `c2c:dialed` (call placed), `c2c:ringing`, `c2c:answered`. Each call clears the
 * previous call's marks, so they never pile up on a long-lived page.
 */
export const CALL_MARKS = ['start', 'token', 'sdk', 'connected', 'dialed', 'ringing', 'answered'] as const;
export type CallMark = (typeof CALL_MARKS)[number];

export function markCallStep(step: CallMark): void {
  if (typeof performance === 'undefined' || typeof performance.mark !== 'function') return;
  if (step === 'start') CALL_MARKS.forEach((name) => performance.clearMarks(`c2c:${name}`));
  performance.mark(`c2c:${step}`);
}
