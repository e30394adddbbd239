/**
 * What a visitor can do about an error they can fix: allow the microphone again, in the words of their browser, or
 * connect one. Loaded with the in-call view, which brings the strings.
 */
import { html, type TemplateResult } from 'lit';
import type { C2cErrorCode } from '../shared/errors.js';
import type { C2cStrings } from '../i18n/strings.js';

type Browser = 'Chrome' | 'Edge' | 'Firefox' | 'Safari' | 'Other';

/** The visitor's browser, as far as allowing the microphone goes (Chromium brands first: Edge says it is Chrome too). */
export function browserFamily(userAgent: string, brands: readonly { brand: string }[] = []): Browser {
  const names = brands.map((b) => b.brand);
  if (names.includes('Microsoft Edge') || /\bEdg\//.test(userAgent)) return 'Edge';
  if (names.includes('Google Chrome') || names.includes('Chromium') || /\b(Chrome|CriOS|Chromium)\//.test(userAgent)) return 'Chrome';
  if (/\b(Firefox|FxiOS)\//.test(userAgent)) return 'Firefox';
  if (/\bSafari\//.test(userAgent) && /\bVersion\//.test(userAgent)) return 'Safari';
  return 'Other';
}

function currentBrowser(): Browser {
  const data = (navigator as Navigator & { userAgentData?: { brands?: { brand: string }[] } }).userAgentData;
  return browserFamily(navigator.userAgent, data?.brands ?? []);
}

/** The help for `code`, or undefined when there is nothing the visitor can do but try again. */
export function renderErrorHelp(strings: C2cStrings, code: C2cErrorCode): TemplateResult | undefined {
  let text: string;
  if (code === 'mic-denied') {
    const browser = currentBrowser();
    text = strings[`micBlocked${browser}`];
  } else if (code === 'no-device') {
    text = strings.noDeviceHelp;
  } else {
    return undefined;
  }
  return html`<p part="help" class="help" id="help">${text}</p>`;
}
