/** Template pieces that the page-load views and the in-call view (loaded on intent) both draw. */
import { html, type TemplateResult } from 'lit';
import { hangupIcon } from './icons.js';

/** The red hang-up button; it cancels a call not yet answered, too. The primary control while a call is up. */
export function hangupButton(label: string, onClick: () => void): TemplateResult {
  return html`
    <button part="hangup" class="hangup" data-primary aria-label=${label} title=${label} @click=${onClick}>
      <span class="icon">${hangupIcon}</span>
    </button>
  `;
}

/** The visible status line. Screen readers hear the same text from the element's one live region. */
export function statusLine(text: string): TemplateResult {
  return html`<span part="status" class="status">${text}</span>`;
}
