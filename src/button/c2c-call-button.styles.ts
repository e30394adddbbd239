import { css } from './css.js';

/**
 * The styles that ship with the page: the button, the progress and error views, and what every view shares.
 * Public `--c2c-*` custom properties are read once, here, into private `--_*` ones; the defaults follow the
 * visitor's light or dark preference, and a page that sets a `--c2c-*` colour decides it in both. Layout uses
 * logical properties, so it mirrors in right-to-left languages. The in-call view brings its own styles.
 *
 * Contrast (WCAG 2.2 AA) of the defaults: light: button text on accent 5.3:1, hang-up icon on danger 5.6:1,
 * text on surface 15.6:1; dark: 7.0:1, 3.7:1 (an icon: 3:1 is the bar), 12.5:1.
 */
export const styles = css`
  :host {
    --_accent: var(--c2c-accent, #0b6bcb);
    --_on-accent: var(--c2c-on-accent, #fff);
    --_danger: var(--c2c-danger, #c62828);
    --_on-danger: var(--c2c-on-danger, #fff);
    --_surface: var(--c2c-surface, #fff);
    --_on-surface: var(--c2c-on-surface, #1c2430);
    --_radius: var(--c2c-radius, 999px);
    --_font: var(--c2c-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_font-size: var(--c2c-font-size, 15px);
    --_size: max(24px, var(--c2c-size, 44px));
    --_gap: var(--c2c-gap, 8px);
    --_shadow: var(--c2c-shadow, 0 1px 3px rgb(0 0 0 / .18), 0 0 0 1px rgb(0 0 0 / .06));
    --_focus-ring: var(--c2c-focus-ring, 0 0 0 2px var(--_surface), 0 0 0 4px var(--_accent));

    display: inline-block;
    max-width: 100%;
    vertical-align: middle;
  }

  @media (prefers-color-scheme: dark) {
    :host {
      --_accent: var(--c2c-accent, #5aa9f5);
      --_on-accent: var(--c2c-on-accent, #0b1a2b);
      --_danger: var(--c2c-danger, #e5534b);
      --_surface: var(--c2c-surface, #1f2630);
      --_on-surface: var(--c2c-on-surface, #e6e9ee);
      --_shadow: var(--c2c-shadow, 0 1px 3px rgb(0 0 0 / .5), 0 0 0 1px rgb(255 255 255 / .12));
    }
  }

  :host([hidden]) {
    display: none;
  }

  .root {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: var(--_gap);
    max-width: 100%;
    font-family: var(--_font);
    font-size: var(--_font-size);
    line-height: 1.3;
  }

  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_gap);
    max-width: 100%;
    min-height: var(--_size);
    box-sizing: border-box;
  }

  /* Text on the page itself (a status line, a note) takes the page's colour, so it reads on any page, light or
     dark; everything on a surface of ours takes the surface's colours. */
  .panel {
    color: var(--_on-surface);
    padding-block: 4px;
    padding-inline: 16px 4px;
    border-radius: min(var(--_radius), calc(var(--_size) / 2 + 4px));
    background: var(--_surface);
    box-shadow: var(--_shadow);
  }

  button {
    all: unset;
    box-sizing: border-box;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: var(--_gap);
    max-width: 100%;
    min-height: var(--_size);
    min-width: var(--_size);
    border-radius: var(--_radius);
    font-weight: 600;
    overflow-wrap: anywhere;
    cursor: pointer;
    user-select: none;
    transition: background-color 120ms, box-shadow 120ms, transform 80ms;
  }

  /* The error message takes the focus where there is no retry: the same ring as the buttons', in every browser. */
  button:focus-visible,
  .error:focus-visible {
    outline: 2px solid transparent;
    box-shadow: var(--_focus-ring);
  }

  button:active:not([disabled]) {
    transform: scale(.97);
  }

  button[disabled] {
    cursor: not-allowed;
    opacity: .55;
  }

  .call,
  .retry {
    padding-inline: 16px 20px;
    background: var(--_accent);
    color: var(--_on-accent);
  }

  .call:hover:not([disabled]),
  .retry:hover {
    background: color-mix(in srgb, var(--_accent) 88%, black);
  }

  .hangup {
    background: var(--_danger);
    color: var(--_on-danger);
  }

  .hangup:hover {
    background: color-mix(in srgb, var(--_danger) 85%, black);
  }

  .icon {
    display: inline-flex;
    flex: none;
    width: 20px;
    height: 20px;
  }

  svg {
    width: 100%;
    height: 100%;
    fill: currentColor;
  }

  .status {
    display: inline-flex;
    align-items: center;
    gap: var(--_gap);
    min-width: 0;
    overflow-wrap: anywhere;
  }

  .status:empty {
    display: none;
  }

  .spinner {
    flex: none;
    width: 14px;
    height: 14px;
    border-radius: 50%;
    border: 2px solid color-mix(in srgb, var(--_accent) 25%, transparent);
    border-top-color: var(--_accent);
    animation: spin .9s linear infinite;
  }

  .problem {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: var(--_gap);
    max-width: 100%;
  }

  .error {
    max-width: min(32ch, 100%);
    box-sizing: border-box;
    padding: 8px 12px;
    border-radius: 8px;
    background: color-mix(in srgb, var(--_danger) 12%, var(--_surface));
    color: color-mix(in srgb, var(--_danger) 45%, var(--_on-surface));
    font-size: 14px;
  }

  .note {
    max-width: min(32ch, 100%);
    font-size: 14px;
  }

  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }

  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }

  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation: none !important;
      transition: none !important;
    }
    button:active:not([disabled]) {
      transform: none;
    }
  }

  @media (forced-colors: active) {
    button {
      border: 1px solid ButtonText;
    }
    button:focus-visible,
    .error:focus-visible {
      outline: 2px solid Highlight;
      outline-offset: 2px;
    }
    button[disabled] {
      border-color: GrayText;
      color: GrayText;
    }
    .panel,
    .error {
      border: 1px solid CanvasText;
    }
    .spinner {
      border-color: CanvasText;
      border-top-color: Highlight;
    }
  }
`;
