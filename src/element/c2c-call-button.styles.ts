import { css } from 'lit';

/**
 * The styles that ship with the page: the button, the progress and error views. Public `--c2c-*` custom
 * properties are read once, here, into private `--_*` ones. The in-call view brings its own (`in-call.styles.ts`).
 */
export const styles = css`
  :host {
    --_accent: var(--c2c-accent, #0b6bcb);
    --_on-accent: var(--c2c-on-accent, #ffffff);
    --_danger: var(--c2c-danger, #c62828);
    --_surface: var(--c2c-surface, #ffffff);
    --_on-surface: var(--c2c-on-surface, #1c2430);
    --_radius: var(--c2c-radius, 999px);
    --_font: var(--c2c-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_size: var(--c2c-size, 44px);
    --_focus-ring: var(--c2c-focus-ring, 0 0 0 2px var(--_surface), 0 0 0 4px var(--_accent));

    display: inline-flex;
    flex-direction: column;
    gap: 8px;
    font-family: var(--_font);
    font-size: 15px;
    line-height: 1.3;
    color: var(--_on-surface);
    vertical-align: middle;
  }

  :host([hidden]) {
    display: none;
  }

  .row {
    display: inline-flex;
    align-items: center;
    gap: 8px;
    min-height: var(--_size);
    box-sizing: border-box;
  }

  .panel {
    padding: 4px 4px 4px 16px;
    border-radius: var(--_radius);
    background: var(--_surface);
    box-shadow: 0 1px 3px rgb(0 0 0 / 0.18), 0 0 0 1px rgb(0 0 0 / 0.06);
  }

  button {
    all: unset;
    box-sizing: border-box;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 8px;
    min-height: var(--_size);
    min-width: var(--_size);
    border-radius: var(--_radius);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
    user-select: none;
    transition: background-color 120ms ease, box-shadow 120ms ease, transform 80ms ease;
  }

  button:focus-visible {
    outline: 2px solid transparent;
    box-shadow: var(--_focus-ring);
  }

  button:active:not([disabled]) {
    transform: scale(0.97);
  }

  button[disabled] {
    cursor: not-allowed;
    opacity: 0.55;
  }

  .call,
  .retry {
    padding: 0 20px 0 16px;
    background: var(--_accent);
    color: var(--_on-accent);
  }

  .call:hover:not([disabled]),
  .retry:hover {
    background: color-mix(in srgb, var(--_accent) 88%, black);
  }

  .hangup {
    background: var(--_danger);
    color: #fff;
  }

  .hangup:hover {
    background: color-mix(in srgb, var(--_danger) 85%, black);
  }

  .icon {
    display: inline-flex;
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
    gap: 8px;
    white-space: nowrap;
  }

  .status:empty {
    display: none;
  }

  .spinner {
    width: 14px;
    height: 14px;
    border-radius: 50%;
    border: 2px solid color-mix(in srgb, var(--_accent) 25%, transparent);
    border-top-color: var(--_accent);
    animation: spin 0.9s linear infinite;
  }

  .error {
    max-width: 32ch;
    padding: 8px 12px;
    border-radius: 8px;
    background: color-mix(in srgb, var(--_danger) 10%, var(--_surface));
    color: color-mix(in srgb, var(--_danger) 80%, black);
    font-size: 14px;
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
    .spinner {
      animation-duration: 2.5s;
    }
    button {
      transition: none;
    }
  }

  @media (forced-colors: active) {
    button {
      border: 1px solid ButtonText;
    }
    button:focus-visible {
      outline: 2px solid Highlight;
    }
  }
`;
