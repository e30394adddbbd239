// The element with a fake SDK: mount it, drive it to a state, read its parts. Shared by the element's browser tests.
import { fixture, html } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import '../../../src/index.js';
import type { C2cCallButton } from '../../../src/button/c2c-call-button.js';
import { FakeSdk, type FakeCall } from '../../support/fake-sdk.js';

export const EVENTS = ['c2c-state-change', 'c2c-before-call', 'c2c-call-start', 'c2c-call-end', 'c2c-error'] as const;

export interface Harness {
  el: C2cCallButton;
  sdk: FakeSdk;
  events: Event[];
  shadow: ShadowRoot;
  part(name: string): HTMLElement | null;
}

export async function mount(template: TemplateResult = html`<c2c-call-button token="guest-ready-token" destination="/public/support"></c2c-call-button>`): Promise<Harness> {
  const sdk = new FakeSdk();
  const el = await fixture<C2cCallButton>(template);
  el.sdk = sdk;
  const events: Event[] = [];
  for (const type of EVENTS) el.addEventListener(type, (event) => events.push(event));
  const shadow = el.shadowRoot!;
  return { el, sdk, events, shadow, part: (name) => shadow.querySelector<HTMLElement>(`[part~="${name}"]`) };
}

/** Waits until the element is in `state` (stable states), then for its render. */
export async function untilState(el: C2cCallButton, state: string): Promise<void> {
  for (let i = 0; el.state !== state; i++) {
    if (i > 5000) throw new Error(`state stayed ${el.state}, expected ${state}`);
    await new Promise((r) => setTimeout(r, 1));
  }
  await el.updateComplete;
}

/** Waits until `state` has been entered `times` times (for states that pass in a moment). */
export async function untilEntered(h: Harness, state: string, times = 1): Promise<void> {
  for (let i = 0; states(h.events).filter((s) => s === state).length < times; i++) {
    if (i > 5000) throw new Error(`never entered ${state}`);
    await new Promise((r) => setTimeout(r, 1));
  }
  await h.el.updateComplete;
}

/** Answers the call placed on the `attempt`-th relay connection and waits for `active`. */
export async function answered(h: Harness, attempt = 1): Promise<FakeCall> {
  const call = await h.sdk.waitForCall(attempt);
  call.emit({ type: 'ringing' });
  call.answer.resolve();
  await untilState(h.el, 'active');
  return call;
}

export function states(events: Event[]): string[] {
  return events.filter((e) => e.type === 'c2c-state-change').map((e) => (e as unknown as { state: string }).state);
}
