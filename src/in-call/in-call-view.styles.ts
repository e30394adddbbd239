import { css } from '../button/css.js';

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

  /* A video call: the far end's video, the visitor's own (mirrored) in a corner of it. From 280 px wide up. */
  .stage {
    position: relative;
    display: none;
    /* Not a fixed 320px: that would be the element's narrowest width, and overflow a 280 px screen. */
    width: min(320px, 100%);
  }

  :host([video][state='active']) .stage,
  :host([video][state='reconnecting']) .stage {
    display: block;
  }

  .video {
    aspect-ratio: 16 / 9;
    border-radius: 12px;
    overflow: hidden;
    background: #000;
  }

  .self-view {
    position: absolute;
    inset-block-end: 8px;
    inset-inline-end: 8px;
    width: 28%;
    aspect-ratio: 4 / 3;
    object-fit: cover;
    border-radius: 8px;
    background: #2b2f36;
    box-shadow: 0 0 0 1px rgb(255 255 255 / 0.35);
    transform: scaleX(-1);
  }

  .self-view.off {
    display: grid;
    place-items: center;
    color: #ffffff;
    transform: none;
  }

  /* The bar: what is going on (status, timer, quality), then the controls, which wrap onto a second line when the
     screen is narrow. */
  .bar {
    row-gap: 4px;
  }

  .controls {
    display: inline-flex;
    flex-wrap: wrap;
    gap: var(--_gap);
    margin-inline-start: auto;
  }

  /* Signal bars rise left to right in every language: they are not mirrored. */
  .quality {
    direction: ltr;
    display: inline-flex;
    align-items: flex-end;
    gap: 2px;
    height: 14px;
    color: var(--_ok);
  }

  .quality span {
    width: 4px;
    height: 5px;
    border-radius: 1px;
    background: currentColor;
  }

  .quality span:nth-child(2) {
    height: 9px;
  }

  .quality span:nth-child(3) {
    height: 14px;
  }

  .quality[data-level='fair'] {
    color: var(--_warn);
  }

  .quality[data-level='poor'] {
    color: var(--_danger);
  }

  .quality[data-level='fair'] span:nth-child(3),
  .quality[data-level='poor'] span:nth-child(n + 2) {
    opacity: 0.25;
  }

  /* The input level, a bar along the bottom of the mute button that grows with the voice. */
  .mute {
    position: relative;
  }

  .level {
    position: absolute;
    inset-inline: 11px;
    inset-block-end: 7px;
    height: 3px;
    border-radius: 2px;
    overflow: hidden;
    background: color-mix(in srgb, currentColor 20%, transparent);
  }

  .level::after {
    content: '';
    position: absolute;
    inset-block: 0;
    inset-inline-start: 0;
    width: calc(var(--level, 0) * 100%);
    background: currentColor;
  }

  .hint {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_gap);
    max-width: 100%;
    box-sizing: border-box;
  }

  .hint .toggle {
    padding-inline: 14px;
    min-height: calc(var(--_size) - 8px);
  }

  .devices {
    display: grid;
    gap: 10px;
    width: 280px;
    max-width: 100%;
    box-sizing: border-box;
    padding: 12px;
    border-radius: 16px;
  }

  .device {
    display: grid;
    gap: 4px;
    font-size: 14px;
  }

  .device select,
  .device .chooser {
    font: inherit;
    min-height: 36px;
    max-width: 100%;
    padding-inline: 8px;
    border-radius: 8px;
    border: 1px solid color-mix(in srgb, var(--_on-surface) 45%, transparent);
    background: var(--_surface);
    color: var(--_on-surface);
  }

  /* Reads like the lists beside it: the chosen output at the start, not centred as the round buttons are. */
  .device .chooser {
    justify-content: flex-start;
    text-align: start;
    cursor: pointer;
  }

  /* The browser's own chooser opens from here: a chevron at the end says so, as on the lists beside it (without it,
     Firefox's speaker row reads as a text field). */
  .device .chooser::after {
    content: '';
    flex: none;
    width: 6px;
    height: 6px;
    margin-inline: auto 6px;
    border: solid currentColor;
    border-width: 0 1.5px 1.5px 0;
    transform: translateY(-2px) rotate(45deg);
  }

  .device select:focus-visible,
  .device .chooser:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }

  .help {
    margin: 0;
    max-width: min(36ch, 100%);
    font-size: 14px;
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
    .live-dot,
    .quality span,
    .level::after {
      forced-color-adjust: none;
      background: CanvasText;
    }
    .self-view {
      border: 1px solid CanvasText;
    }
    .keypad {
      border: 1px solid CanvasText;
    }
  }
`;
