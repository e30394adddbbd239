/**
 * What a visitor sees while the call is connected: status, timer, keypad, mute and hang-up. Imported on intent
 * together with the call machinery, so a page whose visitors never call never downloads it. A controller of
 * the element: it keeps its own view state (keypad open, digits dialled) and the timer's tick.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { ignoreHandled, type CallController } from '../call/call-controller.js';
import { C2cState, isConnected } from '../call/call-state.js';
import { enCallStrings } from '../i18n/en-call.js';
import type { C2cStrings } from '../i18n/strings.js';
import { fill } from './fill.js';
import { hangupButton, statusLine } from './controls.js';
import { formatClock, spokenDuration } from './duration-format.js';
import { ElapsedTimeController } from './elapsed-time-controller.js';
import { keypadIcon, micIcon, micOffIcon } from './in-call-icons.js';
import { inCallStyles } from './in-call.styles.js';

const DTMF_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];
/** Keys whose glyph is not a word a screen reader says well. */
const SPOKEN_KEYS: Record<string, (strings: C2cStrings) => string> = { '*': (s) => s.keyStar, '#': (s) => s.keyHash };

export class InCallView implements ReactiveController {
  static readonly styles = inCallStyles;
  /** The English of the in-call strings and of the error messages, which this view brings. */
  static readonly english = enCallStrings;
  readonly english = enCallStrings;

  private keypadOpen = false;
  private dialed = '';
  private readonly clock: ElapsedTimeController;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly calls: CallController,
  ) {
    host.addController(this);
    this.clock = new ElapsedTimeController(host);
  }

  hostUpdate(): void {
    const connected = isConnected(this.calls.state);
    if (!connected) {
      this.keypadOpen = false;
      this.dialed = '';
    }
    this.clock.running = connected;
  }

  /** The in-call view, in the element's strings, with numbers in the visitor's locale `tag`. */
  render(strings: C2cStrings, tag: string): TemplateResult {
    const elapsedMs = performance.now() - (this.calls.answeredAt ?? performance.now());
    const muted = this.calls.muted;
    const status = this.calls.state === C2cState.reconnecting ? strings.reconnecting : strings.active;
    return html`
      <div part="controls" class="row panel" role="group" aria-label=${strings.active} @keydown=${this.onKey}>
        <span class="live-dot" aria-hidden="true"></span>
        ${statusLine(status)}
        <span part="timer" class="timer" role="timer"
          aria-label=${fill(strings.duration, { time: spokenDuration(elapsedMs, tag) })}>${formatClock(elapsedMs, tag)}</span>
        <button class="toggle" aria-expanded=${this.keypadOpen ? 'true' : 'false'} aria-controls="keypad"
          aria-label=${strings.keypad} title=${strings.keypad} @click=${this.toggleKeypad}>
          <span class="icon">${keypadIcon}</span>
        </button>
        <button part="mute" class="toggle" aria-pressed=${muted ? 'true' : 'false'} aria-label=${strings.mute}
          title=${muted ? strings.unmute : strings.mute} @click=${this.toggleMute}>
          <span class="icon">${muted ? micOffIcon : micIcon}</span>
        </button>
        ${hangupButton(strings.hangup, this.hangup)}
      </div>
      ${this.keypadOpen ? this.renderKeypad(strings) : nothing}
    `;
  }

  private renderKeypad(strings: C2cStrings): TemplateResult {
    return html`
      <div part="keypad" id="keypad" class="keypad panel" role="group" aria-label=${strings.keypad} @keydown=${this.onKey}>
        <output class="dialed" aria-live="polite" aria-label=${strings.dialed}>${this.dialed}</output>
        ${DTMF_KEYS.map((key) => html`<button class="key" aria-label=${SPOKEN_KEYS[key]?.(strings) ?? key}
          @click=${() => this.pressKey(key)}>${key}</button>`)}
      </div>
    `;
  }

  // Arrow functions: the templates pass them as listeners, and Lit calls listeners with the element as `this`.
  private readonly toggleKeypad = (): void => {
    this.keypadOpen = !this.keypadOpen;
    this.host.requestUpdate();
  };

  private readonly toggleMute = (): void => {
    ignoreHandled(this.calls.toggleMute());
  };

  private readonly hangup = (): void => {
    ignoreHandled(this.calls.hangup());
  };

  /** While the keypad is open, digits typed on the in-call controls or the keypad are sent too, as on a phone. */
  private readonly onKey = (event: KeyboardEvent): void => {
    if (!this.keypadOpen || event.ctrlKey || event.metaKey || event.altKey || !DTMF_KEYS.includes(event.key)) return;
    event.preventDefault();
    this.pressKey(event.key);
  };

  private pressKey(key: string): void {
    this.dialed = `${this.dialed}${key}`.slice(-24);
    this.host.requestUpdate();
    // A digit lost as the call ends is not worth an error on screen.
    this.calls.sendDigits(key).catch(() => undefined);
  }
}
