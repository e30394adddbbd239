// Compile-time only (`npx tsc --noEmit`; never run): the DOM typings every framework without a wrapper relies on.
// Angular's template type-checker (strictDomEventTypes) types `(c2c-call-end)="onEnd($event)"` the way
// `addEventListener` is typed below, and a template ref as the element from HTMLElementTagNameMap; Svelte and
// plain pages use the same types.
import type { C2cCallButton, C2cCallEndEvent, C2cCallOptions, C2cState, C2cUserVariables } from '../../src/index.js';

const made: C2cCallButton = document.createElement('c2c-call-button');
const found: C2cCallButton | null = document.querySelector('c2c-call-button');
made.token = 'c2c_7acc0e5e968706a032983cd80cdca219';
made.strings = { call: 'Llamar' };
made.addEventListener('c2c-call-end', (event) => event.durationMs + event.reason.length);
made.addEventListener('c2c-error', (event) => (event.retryable ? event.code : event.status));
made.addEventListener('c2c-before-call', (event) => event.preventDefault());
made.userVariables = { orderId: 'A-1001', items: 2, gift: true };
made.userVariables = '{"orderId":"A-1001"}';
made.addEventListener('c2c-before-call', (event) => {
  const variables: C2cUserVariables = event.userVariables;
  variables.page = location.href;
});
const options: C2cCallOptions = { userVariables: { ticket: 'T-5' } };
void made.call(options);
void made.call({ userVariables: '{"ticket":"T-5"}' });
void made.call();
found?.addEventListener('c2c-state-change', (event) => {
  const state: C2cState = event.state;
  return state;
});
export function onEnd(event: C2cCallEndEvent): string {
  return `${event.callId} ${event.reason} ${event.durationMs}`;
}
made.addEventListener('c2c-call-end', onEnd);

// @ts-expect-error a call-end event has no error code
made.addEventListener('c2c-call-end', (event) => event.code);
// @ts-expect-error a state-change listener does not take a call-end event
made.addEventListener('c2c-state-change', onEnd);
// @ts-expect-error the state is read-only
made.state = 'active';
// @ts-expect-error strings are the element's strings: no such key
made.strings = { callNow: 'Call' };
// @ts-expect-error user variables hold strings, numbers or booleans: nothing nested
made.userVariables = { order: { id: 'A-1001' } };
// @ts-expect-error call() takes the variables for this call, not a destination
void made.call({ destination: '/public/sales' });
// @ts-expect-error the before-call event's variables are changed in place, not replaced
made.addEventListener('c2c-before-call', (event) => (event.userVariables = {}));
