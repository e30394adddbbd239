import { css } from 'lit';

/** Styles of the in-call view, adopted into the shadow root when it arrives. Uses the private `--_*` properties. */
export const inCallStyles = css`
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
    gap: 8px;
    justify-content: center;
    padding: 12px;
    border-radius: 16px;
  }

  .dialed {
    grid-column: 1 / -1;
    min-height: 1.3em;
    text-align: center;
    font-variant-numeric: tabular-nums;
    letter-spacing: 0.1em;
    overflow: hidden;
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
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: #2e7d32;
  }

  :host([state='reconnecting']) .live-dot {
    background: #ed6c02;
  }

  .timer {
    font-variant-numeric: tabular-nums;
    font-weight: 600;
  }
`;
