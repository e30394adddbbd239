/**
 * The device menu of a call: microphone, speaker (where the browser can send a page's audio to a chosen output) and,
 * in a video call, camera. The lists follow devices being plugged in and out while the call is up; a choice moves
 * the call at once. Nothing is stored. A controller of the element, loaded with the in-call view.
 * The speaker, per browser: where the page may ask the browser to pick an output (`selectAudioOutput()`, Firefox,
 * which lists none to a page until then), a button opens the browser's own chooser; where outputs are listed
 * (Chromium), a list; where neither (or the browser has no output to offer), no speaker row at all.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { CallController } from '../button/call-controller.js';
import type { SdkDeviceKind } from '../shared/call-sdk.js';
import { isConnected } from '../shared/call-state.js';
import type { C2cStrings } from '../i18n/strings.js';
import { devicesIcon } from './icons.js';

/** The device id a track comes from, when the browser says. */
function trackDeviceId(track: MediaStreamTrack | undefined): string | undefined {
  return track?.getSettings().deviceId || undefined;
}

/** Whether this browser lets a page choose where its audio plays. */
const canChooseSpeaker = typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;
/** The browser picks the output with the visitor, in a chooser of its own. */
const browserChoosesSpeaker = canChooseSpeaker && typeof navigator !== 'undefined' &&
  typeof (navigator.mediaDevices as { selectAudioOutput?: unknown } | undefined)?.selectAudioOutput === 'function';

interface AudioOutputChooser {
  selectAudioOutput(): Promise<MediaDeviceInfo>;
}

export class DeviceMenu implements ReactiveController {
  open = false;
  private devices: MediaDeviceInfo[] = [];
  private listening = false;
  /** The speaker chosen in this call; the system's default until then. */
  private speaker = 'default';
  /** Its name, as the browser's chooser gave it. */
  private speakerLabel?: string;
  /** The browser's chooser found no output to offer: no speaker row for the rest of the call. */
  private noSpeaker = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly calls: CallController,
    /** Tells the view which device the visitor moved to, for its status line. */
    private readonly onChosen: (label: string) => void,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    // Listening for devices only while a call is up.
    const connected = isConnected(this.calls.state) && this.host.isConnected;
    if (connected && !this.listening) {
      this.listening = true;
      navigator.mediaDevices.addEventListener('devicechange', this.refresh);
      void this.refresh();
    } else if (!connected && this.listening) {
      this.stopListening();
      this.open = false;
      this.speaker = 'default';
      this.speakerLabel = undefined;
      this.noSpeaker = false;
    }
  }

  hostDisconnected(): void {
    this.stopListening();
  }

  renderToggle(strings: C2cStrings): TemplateResult {
    return html`
      <button class="toggle" aria-expanded=${this.open ? 'true' : 'false'} aria-controls="devices"
        aria-label=${strings.devices} title=${strings.devices} @click=${this.toggle}>
        <span class="icon">${devicesIcon}</span>
      </button>
    `;
  }

  renderPanel(strings: C2cStrings, video: boolean): TemplateResult | typeof nothing {
    if (!this.open) return nothing;
    const stream = this.calls.localStream;
    return html`
      <div part="devices" id="devices" class="devices panel" role="group" aria-label=${strings.devices} @keydown=${this.onKey}>
        ${this.renderSelect('audioinput', strings.microphone, trackDeviceId(stream?.getAudioTracks()[0]), strings)}
        ${this.renderSpeaker(strings)}
        ${video ? this.renderSelect('videoinput', strings.camera, trackDeviceId(stream?.getVideoTracks()[0]), strings) : nothing}
      </div>
    `;
  }

  private renderSpeaker(strings: C2cStrings): TemplateResult | typeof nothing {
    if (!canChooseSpeaker || this.noSpeaker) return nothing;
    if (browserChoosesSpeaker) {
      return html`
        <div class="device">
          <span id="speaker-label">${strings.speaker}</span>
          <button class="chooser" aria-labelledby="speaker-label speaker-choice" @click=${this.chooseSpeaker}>
            <span id="speaker-choice">${this.speakerLabel ?? strings.defaultDevice}</span>
          </button>
        </div>
      `;
    }
    // A list only where the browser lists outputs: never an empty one.
    if (!this.devices.some((device) => device.kind === 'audiooutput' && device.deviceId)) return nothing;
    return this.renderSelect('audiooutput', strings.speaker, this.speaker, strings);
  }

  /** The browser's own chooser (it needs the visitor's click, which this is). */
  private readonly chooseSpeaker = async (): Promise<void> => {
    let device: MediaDeviceInfo;
    try {
      device = await (navigator.mediaDevices as unknown as AudioOutputChooser).selectAudioOutput();
    } catch (error) {
      // Nothing to choose from: the row goes. The visitor closing the chooser changes nothing.
      if ((error as { name?: string }).name === 'NotFoundError') {
        this.noSpeaker = true;
        this.host.requestUpdate();
      }
      return;
    }
    try {
      await this.calls.useDevice('audiooutput', device.deviceId);
    } catch {
      return; // the output went away meanwhile: the call plays where it did
    }
    this.speaker = device.deviceId;
    this.speakerLabel = device.label;
    this.onChosen(device.label);
    this.host.requestUpdate();
  };

  private renderSelect(kind: SdkDeviceKind, label: string, current: string | undefined, strings: C2cStrings): TemplateResult {
    const options = this.devices.filter((device) => device.kind === kind && device.deviceId);
    return html`
      <label class="device">
        <span>${label}</span>
        <select @change=${(event: Event) => this.choose(kind, event.target as HTMLSelectElement)}>
          ${options.map((device) => html`
            <option value=${device.deviceId} ?selected=${device.deviceId === current || (current === undefined && device.deviceId === 'default')}>
              ${device.deviceId === 'default' ? strings.defaultDevice : device.label || strings.defaultDevice}
            </option>`)}
        </select>
      </label>
    `;
  }

  private readonly toggle = (): void => {
    this.open = !this.open;
    this.host.requestUpdate();
  };

  /** Escape closes the menu and gives the focus back to its button. */
  private readonly onKey = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    this.open = false;
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => this.host.shadowRoot?.querySelector<HTMLElement>('[aria-controls="devices"]')?.focus());
  };

  private choose(kind: SdkDeviceKind, select: HTMLSelectElement): void {
    const deviceId = select.value;
    const label = select.selectedOptions[0]?.textContent?.trim() ?? '';
    if (kind === 'audiooutput') this.speaker = deviceId;
    this.calls.useDevice(kind, deviceId).then(
      () => this.onChosen(label),
      () => void this.refresh(), // the device went away meanwhile: the list shows what is there
    );
  }

  private readonly refresh = async (): Promise<void> => {
    this.devices = await navigator.mediaDevices.enumerateDevices().catch(() => []);
    this.host.requestUpdate();
  };

  private stopListening(): void {
    if (!this.listening) return;
    this.listening = false;
    navigator.mediaDevices.removeEventListener('devicechange', this.refresh);
  }
}
