/**
 * A live input level of the microphone, for the meter on the mute button and the "you are muted" hint. It reads a
 * clone of the track being sent (no second getUserMedia), so it keeps hearing the visitor while the sent track is
 * muted. Web Audio only, no DOM.
 */

const TICK_MS = 100;
/** Levels are shown on a decibel scale from -60 dBFS (silence) to 0. */
const FLOOR_DB = -60;

export class LevelMeter {
  /** The last level, 0 (silence) to 1 (full scale). */
  level = 0;
  private readonly clone: MediaStreamTrack;
  private readonly context: AudioContext;
  private readonly analyser: AnalyserNode;
  private readonly samples: Float32Array<ArrayBuffer>;
  private readonly timer: ReturnType<typeof setInterval>;

  /** `onLevel` is called ten times a second with the level (0–1). */
  constructor(track: MediaStreamTrack, private readonly onLevel: (level: number) => void) {
    this.clone = track.clone();
    this.clone.enabled = true;
    this.context = new AudioContext();
    this.analyser = this.context.createAnalyser();
    this.analyser.fftSize = 1024;
    this.samples = new Float32Array(this.analyser.fftSize);
    this.context.createMediaStreamSource(new MediaStream([this.clone])).connect(this.analyser);
    this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  stop(): void {
    clearInterval(this.timer);
    this.clone.stop();
    void this.context.close().catch(() => undefined);
  }

  private tick(): void {
    this.analyser.getFloatTimeDomainData(this.samples);
    let sum = 0;
    for (const sample of this.samples) sum += sample * sample;
    const rms = Math.sqrt(sum / this.samples.length);
    const db = rms > 0 ? 20 * Math.log10(rms) : FLOOR_DB;
    this.level = Math.min(1, Math.max(0, (db - FLOOR_DB) / -FLOOR_DB));
    this.onLevel(this.level);
  }
}
