import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { C2cState, isConnected, isInProgress } from './call-state.js';
import type { CallSdk } from './call-sdk.js';
import { CallSessionController, ignoreHandled } from './call-session-controller.js';
import type { CallSessionTimeouts } from './call-session.js';
import { styles } from './c2c-call-button.styles.js';
import { ElapsedTimeController, formatDuration } from './elapsed-time-controller.js';
import type { C2cError } from './errors.js';
import { hangupIcon, keypadIcon, micIcon, micOffIcon, phoneIcon } from './icons.js';
import { mergeStrings, type C2cStringOverrides, type C2cStrings } from './strings.js';
import { SignalWireSdk } from './vendor-sdk.js';

const sharedSdk = new SignalWireSdk();

/** What the live region says in each state; errors are announced by their own `role="alert"`. */
function announcement(strings: C2cStrings, state: C2cState): string {
  switch (state) {
    case C2cState.idle:
    case C2cState.error:
      return '';
    default:
      return strings[state];
  }
}

const DTMF_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

/** The properties that say what to call and how. */
const CONFIGURATION = ['token', 'destination', 'space', 'apiBase', 'host', 'video'] as const;

/**
 * A "call us" button: a visitor clicks and talks to the business from the browser, over SignalWire.
 *
 * @summary Click-to-call button: token exchange on intent, call over `@signalwire/js`, every state rendered.
 *
 * @fires c2c-state-change - The state changed. `state`, `previous`.
 * @fires c2c-before-call - Cancelable; fired before anything is sent. `destination`, `video`.
 * @fires c2c-call-start - The far end answered. `callId`.
 * @fires c2c-call-end - A call that was answered is over. `callId`, `reason` (`local`, `remote`, `error`), `durationMs`.
 * @fires c2c-error - The attempt failed. `code`, `message`, `retryable`, `status?`.
 *
 * @slot icon - Replaces the phone icon of the call button.
 *
 * @csspart button - The call button.
 * @csspart icon - The icon inside the call button.
 * @csspart label - The text of the call button.
 * @csspart status - The status line (connecting, ringing, in call…).
 * @csspart controls - The group of in-call controls.
 * @csspart timer - The call duration.
 * @csspart mute - The mute toggle.
 * @csspart hangup - The hang-up (and cancel) button.
 * @csspart keypad - The DTMF keypad, opened from the in-call controls.
 * @csspart error - The error message.
 * @csspart retry - The try-again button.
 * @csspart video - The remote video, for video calls.
 *
 * @cssprop --c2c-accent - Call button background. Default #0b6bcb.
 * @cssprop --c2c-on-accent - Call button text. Default #fff.
 * @cssprop --c2c-danger - Hang-up button background and error tint. Default #c62828.
 * @cssprop --c2c-surface - In-call panel background. Default #fff.
 * @cssprop --c2c-on-surface - In-call panel text. Default #1c2430.
 * @cssprop --c2c-radius - Corner radius. Default fully rounded.
 * @cssprop --c2c-font - Font family. Default the system UI font.
 * @cssprop --c2c-size - Height of buttons. Default 44px.
 * @cssprop --c2c-focus-ring - Focus ring box-shadow.
 */
export class C2cCallButton extends LitElement {
  static override styles = styles;
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  /** Public Click-to-Call token (`c2c_…`), or a ready guest/subscriber/invite token used as-is. */
  @property() token?: string;
  /** Address to call, e.g. `/public/support`. */
  @property() destination?: string;
  /** Space name (`example`) or host (`example.signalwire.com`). */
  @property() space?: string;
  /** Origin for the REST calls: `https:`, or `http:` on loopback. Wins over `space`. */
  @property({ attribute: 'api-base' }) apiBase?: string;
  /** Relay websocket origin override: `wss:`, or `ws:` on loopback. */
  @property() host?: string;
  /** Place a video call. */
  @property({ type: Boolean, reflect: true }) video = false;
  /** Button text, rendered as text. Default: the localized "Call". */
  @property() label?: string;
  @property({ type: Boolean, reflect: true }) disabled = false;
  /** Overrides of any user-visible string. */
  @property({ attribute: false }) strings: C2cStringOverrides = {};
  /** Limits of each step of a call (exchange 10 s, connect 15 s, answer 45 s by default). */
  @property({ attribute: false }) timeouts: Partial<CallSessionTimeouts> = {};
  /** The calling SDK behind the element: `@signalwire/js` unless replaced (tests, custom transports). */
  @property({ attribute: false }) sdk: CallSdk = sharedSdk;

  private readonly calls = new CallSessionController(this, {
    sdk: () => this.sdk,
    config: () => ({
      token: this.token,
      destination: this.destination,
      space: this.space,
      apiBase: this.apiBase,
      host: this.host,
      video: this.video,
      disabled: this.disabled,
    }),
    videoContainer: () => this.renderRoot.querySelector<HTMLElement>('[part="video"]') ?? undefined,
    timeouts: () => this.timeouts,
  });
  private readonly clock = new ElapsedTimeController(this);
  private renderedState: C2cState = C2cState.idle;
  /** UI state of the in-call keypad: open or not, and the digits sent so far. */
  @state() private keypadOpen = false;
  @state() private dialed = '';
  private focusPending = false;

  /** Where the call is; reflected to the `state` attribute for styling. */
  get state(): C2cState {
    return this.calls.state;
  }

  /** The last error, while in the `error` state. */
  get error(): C2cError | null {
    return this.calls.state === C2cState.error ? this.calls.error : null;
  }

  /** Whether the microphone is muted in the current call. */
  get muted(): boolean {
    return this.calls.muted;
  }

  /** Same as a click. Resolves when the call is active; rejects with a `C2cError`. */
  call(): Promise<void> {
    return this.calls.call();
  }

  hangup(): Promise<void> {
    return this.calls.hangup();
  }

  retry(): Promise<void> {
    return this.calls.retry();
  }

  /** Exchanges the token and loads the SDK ahead of the click; done on hover and focus. */
  prepare(): Promise<void> {
    return this.calls.prepare();
  }

  /** DTMF during a call: `0-9`, `*` and `#` only. */
  sendDigits(digits: string): Promise<void> {
    return this.calls.sendDigits(digits);
  }

  toggleMute(): void {
    ignoreHandled(this.calls.toggleMute());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.setAttribute('state', this.calls.state);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!isConnected(this.calls.state)) {
      this.keypadOpen = false;
      this.dialed = '';
    }
    // A new configuration after a call starts afresh (an error about the old token is no longer true).
    if (this.hasUpdated && CONFIGURATION.some((name) => changed.has(name))) this.calls.reset();
    this.clock.running = isConnected(this.calls.state);
  }

  protected override update(changed: PropertyValues): void {
    // Read before the render replaces the control that has focus.
    const stateChanged = this.renderedState !== this.calls.state;
    const focusWasHere = this.matches(':focus-within') || (this.focusPending && !this.focusIsElsewhere());
    super.update(changed);
    this.renderedState = this.calls.state;
    if (stateChanged && focusWasHere) {
      // The control under focus was replaced: keep the keyboard user on the new primary control, or on
      // the next one when this state has none (ending).
      const primary = this.renderRoot.querySelector<HTMLElement>('[data-primary]');
      primary?.focus();
      this.focusPending = !primary;
    }
  }

  private focusIsElsewhere(): boolean {
    const active = document.activeElement;
    return active !== null && active !== document.body && active !== this;
  }

  protected override render(): TemplateResult {
    const strings = mergeStrings(this.strings);
    const state = this.calls.state;
    return html`
      <div class="row" @keydown=${this.onKeypadKey}>${this.renderMain(strings, state)}</div>
      ${this.keypadOpen && isConnected(state) ? this.renderKeypad(strings) : nothing}
      ${this.video ? html`<div part="video" class="video"></div>` : nothing}
      <div class="sr-only" role="status" aria-live="polite" aria-atomic="true">${announcement(strings, state)}</div>
    `;
  }

  private renderMain(strings: C2cStrings, state: C2cState): TemplateResult {
    if (isConnected(state)) return this.renderInCall(strings, state);
    if (isInProgress(state)) return this.renderProgress(strings, state);
    if (state === C2cState.error && this.calls.error) return this.renderError(strings, this.calls.error);
    return html`
      ${this.renderCallButton(state === C2cState.ended ? strings.callAgain : this.label || strings.call)}
      ${this.renderStatus(state === C2cState.ended ? strings.ended : '')}
    `;
  }

  private renderCallButton(text: string): TemplateResult {
    return html`
      <button part="button" class="call" data-primary ?disabled=${this.disabled}
        @click=${this.onCallClick} @pointerenter=${this.onIntent} @focus=${this.onIntent}>
        <span part="icon" class="icon"><slot name="icon">${phoneIcon}</slot></span>
        <span part="label">${text}</span>
      </button>
    `;
  }

  private renderProgress(strings: C2cStrings, state: C2cState): TemplateResult {
    const text = strings[state as 'authorizing' | 'connecting' | 'ringing' | 'ending'];
    return html`
      <div class="row panel">
        <span class="spinner" aria-hidden="true"></span>
        ${this.renderStatus(text)}
        ${state === C2cState.ending ? nothing : this.renderHangup(strings)}
      </div>
    `;
  }

  private renderInCall(strings: C2cStrings, state: C2cState): TemplateResult {
    const elapsed = formatDuration(performance.now() - (this.calls.answeredAt ?? performance.now()));
    const muted = this.calls.muted;
    return html`
      <div part="controls" class="row panel" role="group" aria-label=${strings.active}>
        <span class="live-dot" aria-hidden="true"></span>
        ${this.renderStatus(state === C2cState.reconnecting ? strings.reconnecting : strings.active)}
        <span part="timer" class="timer" role="timer" aria-label=${strings.duration.replace('{time}', elapsed)}>${elapsed}</span>
        <button class="toggle" aria-expanded=${this.keypadOpen ? 'true' : 'false'} aria-controls="keypad"
          aria-label=${strings.keypad} title=${strings.keypad} @click=${this.onKeypadToggle}>
          <span class="icon">${keypadIcon}</span>
        </button>
        <button part="mute" class="toggle" aria-pressed=${muted ? 'true' : 'false'} aria-label=${strings.mute}
          title=${muted ? strings.unmute : strings.mute} @click=${this.onMuteClick}>
          <span class="icon">${muted ? micOffIcon : micIcon}</span>
        </button>
        ${this.renderHangup(strings)}
      </div>
    `;
  }

  private renderKeypad(strings: C2cStrings): TemplateResult {
    return html`
      <div part="keypad" id="keypad" class="keypad panel" role="group" aria-label=${strings.keypad}
        @keydown=${this.onKeypadKey}>
        <output class="dialed" aria-live="polite">${this.dialed}</output>
        ${DTMF_KEYS.map((key) => html`<button class="key" @click=${() => this.pressKey(key)}>${key}</button>`)}
      </div>
    `;
  }

  private renderHangup(strings: C2cStrings): TemplateResult {
    return html`
      <button part="hangup" class="hangup" data-primary aria-label=${strings.hangup} title=${strings.hangup}
        @click=${this.onHangupClick}>
        <span class="icon">${hangupIcon}</span>
      </button>
    `;
  }

  private renderError(strings: C2cStrings, error: C2cError): TemplateResult {
    return html`
      <div part="error" class="error" role="alert">${strings.errors[error.code] ?? strings.errors.unknown}</div>
      ${error.retryable
        ? html`<button part="retry" class="retry" data-primary ?disabled=${this.disabled} @click=${this.onRetryClick}>
            <span class="icon">${phoneIcon}</span><span>${strings.retry}</span>
          </button>`
        : nothing}
    `;
  }

  /** The visible status line. Screen readers hear the same text from the one live region that never moves. */
  private renderStatus(text: string): TemplateResult {
    return html`<span part="status" class="status">${text}</span>`;
  }

  private onCallClick(): void {
    ignoreHandled(this.calls.call());
  }

  private onRetryClick(): void {
    ignoreHandled(this.calls.retry());
  }

  private onHangupClick(): void {
    ignoreHandled(this.calls.hangup());
  }

  private onKeypadToggle(): void {
    this.keypadOpen = !this.keypadOpen;
  }

  /** While the keypad is open, digits typed on the in-call controls or the keypad are sent too, as on a phone. */
  private onKeypadKey(event: KeyboardEvent): void {
    if (!this.keypadOpen || event.ctrlKey || event.metaKey || event.altKey || !DTMF_KEYS.includes(event.key)) return;
    event.preventDefault();
    this.pressKey(event.key);
  }

  private pressKey(key: string): void {
    this.dialed = `${this.dialed}${key}`.slice(-24);
    // A digit lost as the call ends is not worth an error on screen.
    this.calls.sendDigits(key).catch(() => undefined);
  }

  private onMuteClick(): void {
    this.toggleMute();
  }

  private onIntent(): void {
    ignoreHandled(this.calls.prepare());
  }
}
