/**
 * The composition root: the one place that wires the real calling SDK into the element, and defines it.
 * Both entries (`index.ts` for npm, `cdn.ts` for the CDN build) call it when imported.
 */
import { isServer } from 'lit';
import { C2cCallButton } from './button/c2c-call-button.js';
import { signalWireSdk } from './button/signalwire-loader.js';

/**
 * Defines `<c2c-call-button>` (or `tagName`) once: importing twice, or two copies of the script on one page,
 * is not an error. On a server it does nothing (Lit's server build brings a `customElements` of its own).
 */
export function defineC2cCallButton(tagName = 'c2c-call-button'): void {
  if (isServer || typeof customElements === 'undefined') return;
  C2cCallButton.defaultSdk ??= signalWireSdk;
  if (customElements.get(tagName)) return;
  // A class can be registered once: other tag names get a subclass of their own.
  customElements.define(tagName, tagName === 'c2c-call-button' ? C2cCallButton : class extends C2cCallButton {});
}

declare global {
  interface HTMLElementTagNameMap {
    'c2c-call-button': C2cCallButton;
  }
}
