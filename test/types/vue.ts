// Compile-time only (`npx tsc --noEmit`; never run): the Vue typings of `c2c-call-button/vue`.
// The wrapper registers `<c2c-call-button>` in Vue's `GlobalComponents`, which is where vue-tsc looks up a tag in a
// template: its props are checked as `$props`, and `@c2c-call-end="…"` as the `onC2cCallEnd` prop. Here the same
// types are checked through `h()` and `$props`. Each `@ts-expect-error` marks a mistake the typings must reject.
import { h, type GlobalComponents } from 'vue';
import { isC2cElement, type C2cCallButtonElement } from '../../src/wrappers/vue.js';
import type { C2cCallEndReason, C2cErrorCode, C2cState } from '../../src/index.js';

type C2cCallButtonComponent = GlobalComponents['c2c-call-button'];
type Props = InstanceType<C2cCallButtonComponent>['$props'];
declare const component: C2cCallButtonComponent;

const reasons: C2cCallEndReason[] = [];
const codes: C2cErrorCode[] = [];
const states: C2cState[] = [];

export const props: Props = {
  token: 'c2c_7acc0e5e968706a032983cd80cdca219',
  destination: '/public/support',
  apiBase: 'http://127.0.0.1:8790',
  'api-base': 'http://127.0.0.1:8790',
  space: 'example',
  host: 'wss://relay.example.com',
  video: true,
  label: 'Call us',
  disabled: false,
  strings: { call: 'Llamar', errors: { 'no-answer': 'Nadie contestó' } },
  timeouts: { answerMs: 30_000 },
  onC2cStateChange: (e) => states.push(e.state, e.previous),
  onC2cBeforeCall: (e) => (e.video ? e.preventDefault() : e.destination),
  onC2cCallStart: (e) => e.callId,
  onC2cCallEnd: (e) => reasons.push(e.reason),
  onC2cError: (e) => codes.push(e.code),
  onC2cQualityChange: (e) => (e.level === 'poor' ? e.packetLoss : e.rttMs),
  preferredDevices: { camera: 'camera-id' },
  userVariables: { orderId: 'A-1001', items: 2, gift: true },
  'user-variables': '{"orderId":"A-1001"}',
};

export const beforeCall: Props = { onC2cBeforeCall: (e) => void (e.userVariables.cartId = 'C-77') };
// @ts-expect-error user variables hold strings, numbers or booleans: nothing nested
export const nestedVariables: Props = { userVariables: { order: { id: 'A-1001' } } };
// @ts-expect-error the user-variables attribute takes JSON text: Vue would set an object as "[object Object]"
export const objectAttribute: Props = { 'user-variables': { orderId: 'A-1001' } };

export const vnode = h(component, {
  token: 'c2c_7acc0e5e968706a032983cd80cdca219',
  destination: '/public/support',
  onC2cCallEnd: (e) => e.durationMs,
});

// @ts-expect-error token is a string
export const numericToken: Props = { token: 1 };
// @ts-expect-error video is a boolean
export const stringVideo: Props = { video: 'yes' };
// @ts-expect-error strings are the element's strings: no such key
export const unknownString: Props = { strings: { callNow: 'Call' } };
// @ts-expect-error timeouts take numbers of milliseconds
export const textTimeout: Props = { timeouts: { answerMs: '30s' } };
// @ts-expect-error a call-end event has no error code
export const endWithCode: Props = { onC2cCallEnd: (e) => e.code };
// @ts-expect-error the c2c-error listener receives a C2cErrorEvent, not a call-end event
export const errorAsEnd: Props = { onC2cError: (e: { reason: string }) => e.reason };
// @ts-expect-error a quality event's level is good, fair or poor
export const unknownLevel: Props = { onC2cQualityChange: (e) => e.level === 'bad' };
// @ts-expect-error a state-change event's state is a C2cState
export const unknownState: Props = { onC2cStateChange: (e) => e.state === 'busy' };
// @ts-expect-error through h() too: destination is a string
export const vnodeWrongDestination = h(component, { destination: ['/public/support'] });
// @ts-expect-error through h() too: a call-start event has no duration
export const vnodeWrongEvent = h(component, { onC2cCallStart: (e) => e.durationMs });

// A template ref on the element is the element, with its methods.
export async function callThrough(button: C2cCallButtonElement): Promise<C2cState> {
  await button.call();
  await button.hangup();
  return button.state;
}

// For compilerOptions.isCustomElement.
export const isCustomElement: (tag: string) => boolean = isC2cElement;
