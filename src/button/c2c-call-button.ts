import { LitElement, html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { CallController, ignoreHandled } from './call-controller.js';
import type { CallSdk } from '../shared/call-sdk.js';
import type { CallSessionTimeouts } from '../call/call-session.js';
import type { QualityThresholds } from '../call/call-quality.js';
import type { PreferredDevices } from '../shared/call-sdk.js';
import { C2cState, isConnected, isInProgress, type C2cInProgressState } from '../shared/call-state.js';
import type { C2cError } from '../shared/errors.js';
import { LocaleController, isRightToLeft } from '../i18n/locale-controller.js';
import type { C2cLoadedStrings, C2cStringOverrides, C2cStrings } from '../i18n/strings.js';
import { styles } from './c2c-call-button.styles.js';
import { hangupButton, statusLine } from './controls.js';
import { phoneIcon } from './icons.js';
import type { InCallView } from '../in-call/in-call-view.js';
import { lazyChunk } from './lazy-chunk.js';
import type { C2cCallOptions, C2cUserVariables } from '../shared/user-variables.js';

/** What the live region says in each state; errors are announced by their own `role="alert"`. */
function announcement(strings: C2cLoadedStrings, state: C2cState): string {
  return state === C2cState.idle || state === C2cState.error ? '' : strings[state];
}

/** The in-call view's chunk, once for every button; after a failed load, the next intent loads it anew. */
const loadInCallViewModule = lazyChunk<typeof import('../in-call/in-call-view.js')>(() => import('../in-call/in-call-view.js'));

/** The properties that say what to call and how. */
const CONFIGURATION = ['token', 'destination', 'space', 'apiBase', 'host', 'video'] as const;

/**
 * A "call us" button: a visitor clicks and talks to the business from the browser, over SignalWire.
 *
 * Only the idle button ships with the page. On intent (hover, focus or click) the call machinery, the in-call
 * view and the SDK are imported; the click shows `authorizing` at once, without waiting for them.
 *
 * @tagname c2c-call-button
 * @summary Click-to-call button: token exchange on intent, call over `@signalwire/js`, every state rendered.
 *
 * @fires {C2cStateChangeEvent} c2c-state-change - The state changed. `state`, `previous`.
 * @fires {C2cBeforeCallEvent} c2c-before-call - Cancelable; fired before anything is sent. `destination`, `video`, and `userVariables`, this call's own copy, which a listener may change in place.
 * @fires {C2cCallStartEvent} c2c-call-start - The far end answered. `callId`.
 * @fires {C2cCallEndEvent} c2c-call-end - A call that was answered is over. `callId`, `reason` (`local`, `remote`, `error`), `durationMs`.
 * @fires {C2cErrorEvent} c2c-error - The attempt failed. `code`, `message`, `retryable`, `status?`.
 * @fires {C2cQualityChangeEvent} c2c-quality-change - The call's quality level changed. `level` (`good`, `fair`, `poor`), `packetLoss` (0–1), `jitterMs`, `rttMs`.
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
 * @csspart video - The far end's video, in video calls.
 * @csspart self-view - The visitor's own camera, mirrored, in video calls.
 * @csspart camera - The camera on/off button, in video calls.
 * @csspart devices - The device menu: microphone, speaker (where the browser can choose one) and camera.
 * @csspart level - The live input level on the mute button.
 * @csspart quality - The call-quality indicator (good, fair, poor), with a text alternative.
 * @csspart hint - The "your microphone is muted" hint, with an unmute button.
 * @csspart help - What to do after an error the visitor can fix: allow the microphone in this browser, connect one.
 *
 * @cssprop [--c2c-accent=#0b6bcb] - Call button background.
 * @cssprop [--c2c-on-accent=#fff] - Call button text.
 * @cssprop [--c2c-danger=#c62828] - Hang-up button background, error tint and poor quality.
 * @cssprop [--c2c-on-danger=#fff] - The hang-up button's icon.
 * @cssprop [--c2c-ok=#2e7d32] - The live dot, and good call quality.
 * @cssprop [--c2c-warn=#ed6c02] - Reconnecting, and fair call quality.
 * @cssprop [--c2c-surface=#fff] - In-call panel background.
 * @cssprop [--c2c-on-surface=#1c2430] - In-call panel text.
 * @cssprop [--c2c-radius=999px] - Corner radius (fully rounded by default).
 * @cssprop [--c2c-font=system-ui] - Font family.
 * @cssprop [--c2c-font-size=15px] - Text size.
 * @cssprop [--c2c-size=44px] - Height of buttons (at least 24px).
 * @cssprop [--c2c-gap=8px] - Space between controls.
 * @cssprop --c2c-shadow - The panels' shadow (a box-shadow).
 * @cssprop --c2c-focus-ring - Focus ring, a box-shadow. Default: a 2px accent ring with a 2px surface gap.
 */
export class C2cCallButton extends LitElement {
  static override styles = styles;
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  /**
   * The calling SDK of every button without an `sdk` of its own. The composition root
   * (`defineC2cCallButton`) sets `@signalwire/js`, loaded on intent.
   */
  static defaultSdk: CallSdk | undefined;

  // Declared without decorators: the decorator helpers would be page-load bytes on every site.
  static override properties: PropertyDeclarations = {
    token: {},
    destination: {},
    space: {},
    apiBase: { attribute: 'api-base' },
    host: {},
    video: { type: Boolean, reflect: true },
    label: {},
    disabled: { type: Boolean, reflect: true },
    // As text: checked (and parsed) when a call starts, on intent. Lit's Object converter would throw on bad JSON.
    userVariables: { attribute: 'user-variables' },
    strings: { attribute: false },
    sdk: { attribute: false },
    // timeouts, preferredDevices and qualityThresholds are read when a call starts: plain properties, no re-render.
  };

  /**
   * Public Click-to-Call token (`c2c_…`), exchanged on intent; any other token is used as-is.
   * @attr token
   */
  declare token?: string;
  /**
   * Address to call: `/public/support`, an E.164 number or a SIP URI.
   * @attr destination
   */
  declare destination?: string;
  /**
   * Space name (`example`) or host (`example.signalwire.com`).
   * @attr space
   */
  declare space?: string;
  /**
   * Origin for the REST calls: `https:`, or `http:` on loopback. Wins over `space`.
   * @attr api-base
   */
  declare apiBase?: string;
  /**
   * Relay websocket origin override: `wss:`, or `ws:` on loopback.
   * @attr host
   */
  declare host?: string;
  /**
   * Place a video call.
   * @attr video
   */
  video = false;
  /**
   * Button text, rendered as text. Default: the localized "Call".
   * @attr label
   */
  declare label?: string;
  /**
   * No call can be started.
   * @attr disabled
   */
  disabled = false;
  /**
   * Sent with each call for the far end (an agent, a script) to read: names to strings, numbers or booleans, at most
   * 4096 bytes of JSON; the attribute takes JSON text, and so does the property. Read when a call starts: a change
   * during a call is for the next one. Nothing is sent when it is not set.
   * @attr user-variables
   */
  declare userVariables?: C2cUserVariables | string;
  /** Overrides of any user-visible string: `{ call: 'Llamar', errors: { 'no-answer': '…' } }`. */
  strings: C2cStringOverrides = {};
  /** Limits of each step of a call (exchange 10 s, connect 15 s, answer 45 s, reconnect 20 s, hang-up 5 s by default). */
  declare timeouts?: Partial<CallSessionTimeouts>;
  /** The calling SDK behind this button, for tests and custom transports. Default: `C2cCallButton.defaultSdk`. */
  declare sdk?: CallSdk;
  /** Device ids (`microphone`, `speaker`, `camera`) to use for the next call; the default one where absent. Not stored. */
  declare preferredDevices?: PreferredDevices;
  /**
   * Where the call's quality turns `fair` and `poor`: `{ fair: { packetLoss, jitterMs, rttMs }, poor: {…} }`.
   * Default fair from 2 % loss, 30 ms jitter or 300 ms round trip; poor from 8 %, 60 ms or 600 ms.
   */
  declare qualityThresholds?: QualityThresholds;

  readonly #calls = new CallController(this, {
    sdk: () => this.sdk ?? C2cCallButton.defaultSdk,
    config: () => ({
      token: this.token,
      destination: this.destination,
      space: this.space,
      apiBase: this.apiBase,
      host: this.host,
      video: this.video,
      disabled: this.disabled,
    }),
    callDeps: () => ({
      timeouts: this.timeouts ?? {},
      // The in-call view's video area, used by video calls only (the engine leaves it aside otherwise).
      videoContainer: this.#inCall?.videoContainer,
      devices: this.preferredDevices,
      qualityThresholds: this.qualityThresholds,
    }),
    userVariables: () => this.userVariables,
    loadViews: () => this.#loadInCallView(),
  });
  readonly #locale = new LocaleController(this);
  /** The in-call view, imported on intent. */
  #inCall?: InCallView;
  #renderedState: C2cState = C2cState.idle;
  #focusPending = false;
  /** The element is moving the focus itself (a state replaced the focused control): that focus is not intent. */
  #movingFocus = false;

  /** Where the call is; reflected to the `state` attribute for styling. */
  get state(): C2cState {
    return this.#calls.state;
  }

  /** The last error, while in the `error` state. */
  get error(): C2cError | null {
    return this.#calls.state === C2cState.error ? this.#calls.error : null;
  }

  /** Whether the microphone is muted in the current call. */
  get muted(): boolean {
    return this.#calls.muted;
  }

  /**
   * Same as a click. Resolves when the call is active; rejects with a `C2cError`. `userVariables` is what this
   * call sends, in place of the property's (a retry sends them again).
   */
  call(options?: C2cCallOptions): Promise<void> {
    return this.#calls.call(options); // it loads the in-call view too, after `authorizing` is on screen
  }

  /** Ends the call, or stops one being set up. Does nothing when no call is under way. */
  hangup(): Promise<void> {
    return this.#calls.hangup();
  }

  /** After an error (or an ended call): calls again from the start. */
  retry(): Promise<void> {
    return this.#calls.retry();
  }

  /** Loads what a call needs and exchanges the token ahead of the click; done on hover and focus. */
  async prepare(): Promise<void> {
    // Where no call can be made there is nothing to prepare. WebKit sends the disabled button pointer events all the same.
    if (this.#cannotCall()) return;
    await Promise.all([this.#calls.prepare(), this.#loadInCallView()]);
  }

  /** DTMF during a call: `0-9`, `*` and `#` only. */
  sendDigits(digits: string): Promise<void> {
    return this.#calls.sendDigits(digits);
  }

  /** Mutes or unmutes the microphone during a call. */
  toggleMute(): void {
    ignoreHandled(this.#calls.toggleMute());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.setAttribute('state', this.#calls.state);
  }

  protected override scheduleUpdate(): void | Promise<unknown> {
    // The first render waits (briefly) for the page's language, so a French page never flashes English.
    const ready = this.hasUpdated ? undefined : this.#locale.ready;
    return ready ? ready.then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A new configuration after a call starts afresh (an error about the old token is no longer true).
    if (this.hasUpdated && CONFIGURATION.some((name) => changed.has(name))) this.#calls.reset();
  }

  protected override update(changed: PropertyValues): void {
    // Read before the render replaces the control that has focus.
    const stateChanged = this.#renderedState !== this.#calls.state;
    const focusWasHere = this.matches(':focus-within') || (this.#focusPending && !this.#focusIsElsewhere());
    super.update(changed);
    this.#renderedState = this.#calls.state;
    if (stateChanged && focusWasHere && !this.matches(':focus-within')) {
      // The control under focus was replaced: keep the keyboard user on the new primary control, or on
      // the next one when this state has none (ending). A control the new state still shows keeps the focus
      // (active ⇄ reconnecting is the same view: the visitor stays on the keypad, not on hang-up).
      const primary = this.renderRoot.querySelector<HTMLElement>('[data-primary]');
      this.#movingFocus = true;
      primary?.focus();
      this.#movingFocus = false;
      this.#focusPending = !primary;
    }
  }

  #focusIsElsewhere(): boolean {
    const active = document.activeElement;
    return active !== null && active !== document.body && active !== this;
  }

  /**
   * The in-call view (it brings its styles and the English of the call's strings and error messages), once its chunk
   * is there. A failed load rejects with a `network` `C2cError`, and the next intent loads the chunk anew.
   */
  async #loadInCallView(): Promise<void> {
    const { InCallView } = await loadInCallViewModule();
    if (!this.#inCall) {
      this.#inCall = new InCallView(this, this.#calls);
      this.requestUpdate();
    }
    await this.updateComplete; // rendered before a call goes on: a video call's engine looks for its video area
  }

  protected override render(): TemplateResult {
    const all = this.#inCall && this.#locale.strings(this.strings, this.#inCall.english);
    const strings = all ?? this.#locale.strings(this.strings);
    const state = this.#calls.state;
    const { lang, tag } = this.#locale;
    // The text's own language and direction, whatever the page around it says.
    return html`
      <div class="root" lang=${tag} dir=${isRightToLeft(lang) ? 'rtl' : 'ltr'}>
        <div class="sr-only" role="status" aria-live="polite" aria-atomic="true">${announcement(strings, state)}</div>
        ${isConnected(state) && this.#inCall && all
          ? this.#inCall.render(all, tag)
          : html`<div class="row">${this.#renderMain(strings, state, all)}</div>`}
        ${all && this.#inCall?.renderStage(all)}
      </div>
    `;
  }

  #renderMain(strings: C2cLoadedStrings, state: C2cState, all: C2cStrings | undefined): TemplateResult {
    if (isInProgress(state)) return this.#renderProgress(strings, state);
    if (state === C2cState.error && this.#calls.error) return this.#renderError(strings, this.#calls.error, all);
    // Known before any click or download: a page where calls cannot be made says why instead of failing later.
    const unsupported = this.#unsupportedReason(strings);
    return html`
      <button part="button" class="call" data-primary ?disabled=${this.disabled || unsupported !== undefined}
        aria-describedby=${unsupported ? 'why' : nothing}
        @click=${this.#onCallClick} @pointerenter=${this.#onIntent} @focus=${this.#onIntent}>
        <span part="icon" class="icon"><slot name="icon">${phoneIcon}</slot></span>
        <span part="label">${state === C2cState.ended ? strings.callAgain : this.label || strings.call}</span>
      </button>
      ${unsupported
        ? html`<span part="status" class="status note" id="why">${unsupported}</span>`
        : statusLine(state === C2cState.ended ? strings.ended : '')}
    `;
  }

  /** Why this page cannot place calls, or undefined when it can. */
  #unsupportedReason(strings: C2cLoadedStrings): string | undefined {
    if (!this.#cannotCall()) return undefined;
    return globalThis.isSecureContext === false ? strings.unsupportedInsecure : strings.unsupportedBrowser;
  }

  /** The calling SDK says this page cannot place calls (no WebRTC or microphone API, or not a secure context). */
  #cannotCall(): boolean {
    const sdk = this.sdk ?? C2cCallButton.defaultSdk;
    return sdk !== undefined && !sdk.isSupported();
  }

  /**
   * Setting up or ending a call. A connected call is the in-call view's: the engine takes a call only once that view
   * is there, so the red button here always cancels.
   */
  #renderProgress(strings: C2cLoadedStrings, state: C2cInProgressState): TemplateResult {
    return html`
      <div class="row panel">
        <span class="spinner" aria-hidden="true"></span>
        ${statusLine(strings[state])}
        ${state === C2cState.ending ? nothing : hangupButton(strings.cancel, this.#onHangupClick)}
      </div>
    `;
  }

  #renderError(strings: C2cLoadedStrings, error: C2cError, all: C2cStrings | undefined): TemplateResult {
    // What to do about it (allow the microphone, connect one), where the in-call view brought the words for it: the
    // alert says what happened, and the retry button, which takes the focus, describes how to fix it. Without a retry
    // the message takes it: the keyboard visitor's place is not lost to the top of the page.
    const help = all && this.#inCall?.renderHelp(all, error.code);
    return html`<div class="problem">
      <div part="error" class="error" role="alert" tabindex="-1" ?data-primary=${!error.retryable}>${strings.errors?.[error.code] ?? strings.offline}</div>
      ${help ?? nothing}
      ${error.retryable
        ? html`<button part="retry" class="retry" data-primary ?disabled=${this.disabled} aria-describedby=${help ? 'help' : nothing}
            @click=${this.#onRetryClick}>
            <span class="icon">${phoneIcon}</span><span>${strings.retry}</span>
          </button>`
        : nothing}
    </div>`;
  }

  #onCallClick(): void {
    ignoreHandled(this.call());
  }

  #onRetryClick(): void {
    ignoreHandled(this.retry());
  }

  #onHangupClick(): void {
    ignoreHandled(this.#calls.hangup());
  }

  #onIntent(): void {
    // A call that just ended hands the focus back to the call button: no reason to connect again for it.
    if (!this.#movingFocus) ignoreHandled(this.prepare());
  }
}
