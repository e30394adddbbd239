import { css } from 'lit';

/**
 * Styles of the in-call view, adopted into the shadow root when it arrives; they use the private `--_*` properties
 * of the page-load styles. The controls wrap onto a second line on narrow screens. The keypad, the digits dialled
 * and the timer stay left to right in right-to-left languages, as on a phone.
 */
export const inCallStyles = css`
  :host {
    --_ok: var(--c2c-ok, #2e7d32);
    --_warn: var(--c2c-warn, #ed6c02);
  }

  @media (prefers-color-scheme: dark) {
    :host {
      --_ok: var(--c2c-ok, #57c25a);
      --_warn: var(--c2c-warn, #f0a050);
    }
  }

  .video {
    display: none;
    width: 320px;
    max-width: 100%;
    aspect-ratio: 16 / 9;
    border-radius: 12px;
    overflow: hidden;
    background: #000;
  }

  :host([video][state='active']) .video,
  :host([video][state='reconnecting']) .video {
    display: block;
  }

  .toggle {
    background: color-mix(in srgb, var(--_on-surface) 8%, transparent);
    color: var(--_on-surface);
  }

  .toggle:hover {
    background: color-mix(in srgb, var(--_on-surface) 14%, transparent);
  }

  .toggle[aria-pressed='true'],
  .toggle[aria-expanded='true'] {
    background: var(--_on-surface);
    color: var(--_surface);
  }

  .keypad {
    display: grid;
    grid-template-columns: repeat(3, var(--_size));
    gap: var(--_gap);
    justify-content: center;
    padding: 12px;
    border-radius: 16px;
    direction: ltr;
  }

  .dialed {
    grid-column: 1 / -1;
    min-height: 1.3em;
    text-align: center;
    font-variant-numeric: tabular-nums;
    letter-spacing: 0.1em;
    overflow: hidden;
    direction: ltr;
  }

  .key {
    background: color-mix(in srgb, var(--_on-surface) 8%, transparent);
    color: var(--_on-surface);
    font-size: 18px;
  }

  .key:hover {
    background: color-mix(in srgb, var(--_on-surface) 14%, transparent);
  }

  .live-dot {
    flex: none;
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: var(--_ok);
  }

  :host([state='reconnecting']) .live-dot {
    background: var(--_warn);
  }

  .timer {
    font-variant-numeric: tabular-nums;
    font-weight: 600;
    direction: ltr;
    unicode-bidi: isolate;
  }

  @media (forced-colors: active) {
    .toggle[aria-pressed='true'],
    .toggle[aria-expanded='true'] {
      forced-color-adjust: none;
      background: SelectedItem;
      color: SelectedItemText;
      border-color: SelectedItem;
    }
    .live-dot {
      forced-color-adjust: none;
      background: CanvasText;
    }
    .keypad {
      border: 1px solid CanvasText;
    }
  }
`;
