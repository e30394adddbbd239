import { C2cCallButton } from './c2c-call-button.js';

/** Defines `<c2c-call-button>` once: importing twice (two bundles on one page) is not an error. */
export function defineC2cCallButton(tagName = 'c2c-call-button'): void {
  if (typeof customElements === 'undefined') return; // server-side import
  if (customElements.get(tagName)) return;
  // A class can be registered once: other tag names get a subclass of their own.
  customElements.define(tagName, tagName === 'c2c-call-button' ? C2cCallButton : class extends C2cCallButton {});
}

declare global {
  interface HTMLElementTagNameMap {
    'c2c-call-button': C2cCallButton;
  }
}
