/**
 * The microphone's live level, drawn on the mute button, and the hint a visitor needs when they talk while muted.
 * It meters the track being sent (through a clone, `level-meter.ts`) and follows it when the device changes;
 * the bar is moved directly, without re-rendering the element ten times a second. A controller of the element,
 * loaded with the in-call view.
 */
import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { CallController } from '../button/call-controller.js';
import { isConnected } from '../shared/call-state.js';
import { LevelMeter } from './level-meter.js';

/**
 * A level above this is a voice, not room noise: about -42 dBFS on the meter's scale, well above what the browser's
 * noise suppression leaves of a quiet room. Speech comes in syllables, so "speaking" is several loud readings within
 * a short window, not one long one.
 */
const LOUD = 0.3;
const SPEAKING_WINDOW_MS = 1_500;
const SPEAKING_READINGS = 3;
/** The hint stays this long after the visitor last spoke (or until they unmute). */
const HINT_FOR_MS = 4_000;

export class MicLevel implements ReactiveController {
  /** The visitor is talking while muted. */
  speakingWhileMuted = false;
  private meter?: LevelMeter;
  private metered?: MediaStreamTrack;
  private bar?: HTMLElement;
  private shown = -1;
  /** When the recent loud readings were taken. */
  private loud: number[] = [];
  private lastSpoke = -Infinity;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly calls: CallController,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const track = isConnected(this.calls.state) ? this.calls.localStream?.getAudioTracks()[0] : undefined;
    if (track === this.metered) return;
    this.stop();
    if (!track || typeof AudioContext === 'undefined') return;
    this.metered = track;
    this.meter = new LevelMeter(track, this.onLevel);
  }

  hostDisconnected(): void {
    this.stop();
  }

  /** The level bar, inside the mute button. */
  render(label: string): TemplateResult {
    return html`<span part="level" class="level" role="meter" aria-label=${label} aria-valuemin="0" aria-valuemax="100"
      aria-valuenow=${Math.round((this.meter?.level ?? 0) * 100)} ${ref(this.setBar)}></span>`;
  }

  private readonly setBar = (element?: Element): void => {
    this.bar = element as HTMLElement | undefined;
    this.bar?.style.setProperty('--level', String(this.meter?.level ?? 0));
  };

  private readonly onLevel = (level: number): void => {
    const shown = Math.round(level * 50) / 50;
    if (shown !== this.shown) {
      this.shown = shown;
      this.bar?.style.setProperty('--level', String(shown));
      this.bar?.setAttribute('aria-valuenow', String(Math.round(level * 100)));
    }
    const now = performance.now();
    if (level >= LOUD) this.loud.push(now);
    this.loud = this.loud.filter((at) => now - at < SPEAKING_WINDOW_MS);
    // Only what is said while muted counts: talking right before muting is not a reason to remind anyone.
    if (!this.calls.muted) this.lastSpoke = -Infinity;
    else if (this.loud.length >= SPEAKING_READINGS) this.lastSpoke = now;
    const hint = now - this.lastSpoke < HINT_FOR_MS;
    if (hint !== this.speakingWhileMuted) {
      this.speakingWhileMuted = hint;
      this.host.requestUpdate();
    }
  };

  private stop(): void {
    this.meter?.stop();
    this.meter = this.metered = undefined;
    this.loud = [];
    this.lastSpoke = -Infinity;
    if (this.speakingWhileMuted) {
      this.speakingWhileMuted = false;
      this.host.requestUpdate();
    }
  }
}
