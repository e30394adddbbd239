/**
 * What a visitor sees while the call is connected: status (or a word about their devices), timer, call quality,
 * keypad, device menu, camera, mute with the live input level, hang-up; the "you are muted" hint; the self view of a
 * video call; and, after an error they can fix, what to do. Imported on intent with the call machinery, so a page
 * whose visitors never call never downloads it. A controller of the element, which adds its styles to the element's
 * when made: it keeps its own view state (keypad open, digits dialled, the camera, the last device notice) and the
 * timer's tick.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { ignoreHandled, type CallController } from '../button/call-controller.js';
import { C2cState, isConnected } from '../shared/call-state.js';
import type { C2cErrorCode } from '../shared/errors.js';
import { enCallStrings } from './english.js';
import type { C2cStrings } from '../i18n/strings.js';
import { hangupButton, statusLine } from '../button/controls.js';
import { DeviceMenu } from './device-menu.js';
import { formatClock, spokenDuration } from './duration-format.js';
import { ElapsedTimeController } from './elapsed-time-controller.js';
import { renderErrorHelp } from './error-help.js';
import { fill } from './fill.js';
import { cameraIcon, cameraOffIcon, keypadIcon, micIcon, micOffIcon } from './icons.js';
import { inCallStyles } from './in-call-view.styles.js';
import { MicLevel } from './mic-level.js';

const DTMF_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];
/** Keys whose glyph is not a word a screen reader says well. */
const SPOKEN_KEYS: Record<string, (strings: C2cStrings) => string> = { '*': (s) => s.keyStar, '#': (s) => s.keyHash };
/** How long a word about the devices stays in the status line. */
const NOTICE_MS = 6_000;

type Host = ReactiveControllerHost & HTMLElement & { video: boolean; renderRoot: HTMLElement | DocumentFragment };

export class InCallView implements ReactiveController {
  /** The English of the in-call strings and of the error messages, which this view brings. */
  readonly english = enCallStrings;

  private keypadOpen = false;
  private dialed = '';
  private cameraOn = true;
  private notice?: { text: (strings: C2cStrings) => string; at: number };
  private lostSeen?: CallController['deviceLost'];
  private selfView?: { track: MediaStreamTrack; stream: MediaStream };
  private readonly clock: ElapsedTimeController;
  private readonly devices: DeviceMenu;
  private readonly level: MicLevel;

  constructor(
    private readonly host: Host,
    private readonly calls: CallController,
  ) {
    host.addController(this);
    // Its styles join the element's, in the shadow root: every browser the element supports adopts style sheets.
    const root = host.renderRoot as ShadowRoot;
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, inCallStyles.styleSheet!];
    this.clock = new ElapsedTimeController(host);
    this.devices = new DeviceMenu(host, calls, (label) => this.tell((s) => fill(s.deviceChanged, { device: label })));
    this.level = new MicLevel(host, calls);
  }

  hostUpdate(): void {
    const connected = isConnected(this.calls.state);
    if (!connected) {
      this.keypadOpen = false;
      this.dialed = '';
      this.cameraOn = true;
      this.notice = undefined;
    }
    // A device that went away (the call moved to the default one) is told once.
    const lost = this.calls.deviceLost;
    if (lost && lost !== this.lostSeen) {
      this.tell((s) => (lost.now
        ? fill(s.deviceLost, { device: lost.lost, fallback: lost.now })
        : `${fill(s.deviceGone, { device: lost.lost })} ${lost.kind === 'audioinput' ? s.noDeviceHelp : ''}`.trim()));
    }
    this.lostSeen = lost;
    this.clock.running = connected;
  }

  /** The in-call view, in the element's strings, with numbers in the visitor's locale `tag`. */
  render(strings: C2cStrings, tag: string): TemplateResult {
    const elapsedMs = performance.now() - (this.calls.answeredAt ?? performance.now());
    const muted = this.calls.muted;
    const notice = this.notice && performance.now() - this.notice.at < NOTICE_MS ? this.notice.text(strings) : undefined;
    const status = this.calls.state === C2cState.reconnecting ? strings.reconnecting : (notice ?? strings.active);
    const quality = this.calls.quality?.level ?? 'good';
    const qualityText = strings[quality === 'good' ? 'qualityGood' : quality === 'fair' ? 'qualityFair' : 'qualityPoor'];
    return html`
      <div part="controls" class="row panel bar" role="group" aria-label=${strings.active} @keydown=${this.onKey}>
        <span class="live-dot" aria-hidden="true"></span>
        ${statusLine(status)}
        <span part="timer" class="timer" role="timer"
          aria-label=${fill(strings.duration, { time: spokenDuration(elapsedMs, tag) })}>${formatClock(elapsedMs, tag)}</span>
        <span part="quality" class="quality" data-level=${quality} role="img" aria-label=${qualityText} title=${qualityText}>
          <span></span><span></span><span></span>
        </span>
        <span class="controls">
          <button class="toggle" aria-expanded=${this.keypadOpen ? 'true' : 'false'} aria-controls="keypad"
            aria-label=${strings.keypad} title=${strings.keypad} @click=${this.toggleKeypad}>
            <span class="icon">${keypadIcon}</span>
          </button>
          ${this.devices.renderToggle(strings)}
          ${this.host.video ? this.renderCameraButton(strings) : nothing}
          <button part="mute" class="toggle mute" aria-pressed=${muted ? 'true' : 'false'} aria-label=${strings.mute}
            title=${muted ? strings.unmute : strings.mute} @click=${this.toggleMute}>
            <span class="icon">${muted ? micOffIcon : micIcon}</span>
            ${this.level.render(strings.micLevel)}
          </button>
          ${hangupButton(strings.hangup, this.hangup)}
        </span>
      </div>
      ${muted && this.level.speakingWhileMuted
        ? html`<div part="hint" class="hint panel" role="status">
            <span>${strings.mutedHint}</span>
            <button class="toggle" @click=${this.toggleMute}>${strings.unmute}</button>
          </div>`
        : nothing}
      ${this.devices.renderPanel(strings, this.host.video)}
      ${this.keypadOpen ? this.renderKeypad(strings) : nothing}
      <div class="sr-only" role="status" aria-live="polite">${notice ?? ''}</div>
    `;
  }

  /**
   * The video area of a video call: the far end's video (the SDK puts it in `[part="video"]`), and the visitor's own
   * camera in a corner. Shown while the call is connected (its styles hide it otherwise).
   */
  renderStage(strings: C2cStrings): TemplateResult | typeof nothing {
    return this.host.video
      ? html`<div class="stage"><div part="video" class="video" role="group" aria-label=${strings.remoteVideo}></div>${this.renderSelfView(strings)}</div>`
      : nothing;
  }

  /** Where the far end's video goes in a video call, once the video area is rendered. */
  get videoContainer(): HTMLElement | undefined {
    return this.host.renderRoot.querySelector<HTMLElement>('[part="video"]') ?? undefined;
  }

  /** The visitor's own camera, mirrored as in a mirror, inside the video area of a video call. */
  private renderSelfView(strings: C2cStrings): TemplateResult | typeof nothing {
    if (!isConnected(this.calls.state)) return nothing;
    const track = this.calls.localStream?.getVideoTracks().find((t) => t.readyState === 'live');
    if (!track) return html`<div part="self-view" class="self-view off" role="img" aria-label=${strings.selfView}><span class="icon">${cameraOffIcon}</span></div>`;
    if (this.selfView?.track !== track) this.selfView = { track, stream: new MediaStream([track]) };
    return html`<video part="self-view" class="self-view" aria-label=${strings.selfView} autoplay playsinline muted
      .muted=${true} .srcObject=${this.selfView.stream}></video>`;
  }

  /** What the visitor can do about an error, or undefined. */
  renderHelp(strings: C2cStrings, code: C2cErrorCode): TemplateResult | undefined {
    return renderErrorHelp(strings, code);
  }

  private renderCameraButton(strings: C2cStrings): TemplateResult {
    const label = this.cameraOn ? strings.cameraOff : strings.cameraOn;
    return html`
      <button part="camera" class="toggle" aria-label=${label} title=${label} data-off=${this.cameraOn ? 'false' : 'true'}
        @click=${this.toggleCamera}>
        <span class="icon">${this.cameraOn ? cameraIcon : cameraOffIcon}</span>
      </button>
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

  private tell(text: (strings: C2cStrings) => string): void {
    this.notice = { text, at: performance.now() };
    this.host.requestUpdate();
  }

  // Arrow functions: the templates pass them as listeners, and Lit calls listeners with the element as `this`.
  private readonly toggleKeypad = (): void => {
    this.keypadOpen = !this.keypadOpen;
    this.host.requestUpdate();
  };

  private readonly toggleMute = (): void => {
    ignoreHandled(this.calls.toggleMute());
  };

  private readonly toggleCamera = (): void => {
    const on = !this.cameraOn;
    this.calls.setCameraEnabled(on).then(
      () => {
        this.cameraOn = on;
        this.host.requestUpdate();
      },
      () => undefined, // no camera to turn back on: the button stays as it was
    );
  };

  private readonly hangup = (): void => {
    ignoreHandled(this.calls.hangup());
  };

  /**
   * While the keypad is open, digits typed on the in-call controls or the keypad are sent too, as on a phone; Escape
   * closes it and gives the focus back to its button, as it does for the device menu.
   */
  private readonly onKey = (event: KeyboardEvent): void => {
    if (!this.keypadOpen || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === 'Escape') {
      event.stopPropagation();
      this.toggleKeypad();
      void this.host.updateComplete.then(() => this.host.shadowRoot?.querySelector<HTMLElement>('[aria-controls="keypad"]')?.focus());
    } else if (DTMF_KEYS.includes(event.key)) {
      event.preventDefault();
      this.pressKey(event.key);
    }
  };

  private pressKey(key: string): void {
    this.dialed = `${this.dialed}${key}`.slice(-24);
    this.host.requestUpdate();
    // A digit lost as the call ends is not worth an error on screen.
    this.calls.sendDigits(key).catch(() => undefined);
  }
}
