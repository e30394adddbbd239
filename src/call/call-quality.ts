/**
 * How good the call sounds, from the peer connection's statistics: packet loss, jitter and round-trip time of the
 * received audio, read every couple of seconds and turned into `good`, `fair` or `poor`. No DOM, no SDK: it is
 * given a way to read `RTCStatsReport`s.
 */

export type C2cQualityLevel = 'good' | 'fair' | 'poor';

/** One reading: loss over the last interval (0–1), jitter and round-trip time in milliseconds. */
export interface QualitySample {
  packetLoss: number;
  jitterMs: number;
  rttMs: number;
}

/** The limits at which a call stops being `good` (`fair`) and becomes `poor`; any one measure crossing one counts. */
export interface QualityThresholds {
  fair: QualitySample;
  poor: QualitySample;
}

/**
 * The defaults: below 2 % loss, 30 ms jitter and 300 ms round trip a voice call sounds clean; from 8 %, 60 ms or
 * 600 ms it breaks up or lags noticeably (ITU-T G.114 puts 400 ms one way as the limit of usable conversation).
 */
export const DEFAULT_QUALITY_THRESHOLDS: Readonly<QualityThresholds> = Object.freeze({
  fair: { packetLoss: 0.02, jitterMs: 30, rttMs: 300 },
  poor: { packetLoss: 0.08, jitterMs: 60, rttMs: 600 },
});

export const QUALITY_INTERVAL_MS = 2_000;

function crosses(sample: QualitySample, limit: QualitySample): boolean {
  return sample.packetLoss >= limit.packetLoss || sample.jitterMs >= limit.jitterMs || sample.rttMs >= limit.rttMs;
}

export function qualityLevel(sample: QualitySample, thresholds: QualityThresholds = DEFAULT_QUALITY_THRESHOLDS): C2cQualityLevel {
  if (crosses(sample, thresholds.poor)) return 'poor';
  if (crosses(sample, thresholds.fair)) return 'fair';
  return 'good';
}

/** Running totals of the received audio, to turn cumulative counters into a loss over one interval. */
export interface PacketTotals {
  received: number;
  lost: number;
}

interface StatsEntry {
  type: string;
  kind?: string;
  packetsReceived?: number;
  packetsLost?: number;
  jitter?: number;
  roundTripTime?: number;
  currentRoundTripTime?: number;
  state?: string;
  nominated?: boolean;
}

/**
 * A sample from a stats report and the totals of the previous one. Loss is counted from the far end's packets
 * that should have arrived in the interval; jitter is the receiver's; the round trip is the far end's report of
 * ours (`remote-inbound-rtp`), else the ICE pair's.
 */
export function readSample(report: RTCStatsReport, previous: PacketTotals | undefined): { sample: QualitySample; totals: PacketTotals } {
  let received = 0;
  let lost = 0;
  let jitter = 0;
  let rtt: number | undefined;
  let pairRtt: number | undefined;
  report.forEach((value) => {
    const entry = value as StatsEntry;
    if (entry.type === 'inbound-rtp' && entry.kind === 'audio') {
      received += entry.packetsReceived ?? 0;
      lost += Math.max(0, entry.packetsLost ?? 0);
      jitter = Math.max(jitter, entry.jitter ?? 0);
    } else if (entry.type === 'remote-inbound-rtp' && entry.kind === 'audio' && entry.roundTripTime !== undefined) {
      rtt = Math.max(rtt ?? 0, entry.roundTripTime);
    } else if (entry.type === 'candidate-pair' && entry.nominated && entry.currentRoundTripTime !== undefined) {
      pairRtt = entry.currentRoundTripTime;
    }
  });
  const totals = { received, lost };
  const expected = previous ? received - previous.received + (lost - previous.lost) : received + lost;
  const lostNow = previous ? lost - previous.lost : lost;
  return {
    sample: {
      packetLoss: expected > 0 ? Math.min(1, Math.max(0, lostNow / expected)) : 0,
      jitterMs: Math.round(jitter * 1000),
      rttMs: Math.round((rtt ?? pairRtt ?? 0) * 1000),
    },
    totals,
  };
}

export interface QualityMonitorOptions {
  getStats(): Promise<RTCStatsReport | undefined>;
  /** Called when the level changes (and once with the first reading that is not `good`). */
  onChange(level: C2cQualityLevel, sample: QualitySample): void;
  /**
   * Called with `true` once no audio packet at all has arrived for `silentReadings` readings in a row (the media path
   * never connected, or the far end sends nothing), and with `false` when packets arrive again.
   */
  onSilence?(silent: boolean): void;
  thresholds?: QualityThresholds;
  intervalMs?: number;
  silentReadings?: number;
}

/** Two readings (4 s by default) without a single packet: a call that is silent, not one between two words. */
export const SILENT_READINGS = 2;

/**
 * Reads the stats every `intervalMs` while started. A worse level is reported at once; a better one only when two
 * readings in a row agree, so a line recovering from a burst of loss does not flap between levels. Readings in which
 * no audio packet arrived, `silentReadings` in a row, are a loss of everything the far end should have sent (`poor`,
 * packetLoss 1): a voice call's audio keeps coming, even through silence (comfort noise, or DTX's packets every few
 * hundred milliseconds).
 */
export class QualityMonitor {
  level: C2cQualityLevel = 'good';
  private timer?: ReturnType<typeof setInterval>;
  private totals?: PacketTotals;
  private pendingBetter?: C2cQualityLevel;
  private reading = false;
  /** Readings in a row in which no packet arrived. */
  private silentReadings = 0;

  constructor(private readonly options: QualityMonitorOptions) {}

  start(): void {
    this.timer ??= setInterval(() => void this.read(), this.options.intervalMs ?? QUALITY_INTERVAL_MS);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async read(): Promise<void> {
    if (this.reading) return; // a slow getStats() is not stacked up
    this.reading = true;
    try {
      const report = await this.options.getStats().catch(() => undefined);
      if (!report || this.timer === undefined) return;
      const { sample, totals } = readSample(report, this.totals);
      const arrived = totals.received - (this.totals?.received ?? 0);
      this.totals = totals;
      if (arrived > 0) {
        if (this.silentReadings >= (this.options.silentReadings ?? SILENT_READINGS)) this.options.onSilence?.(false);
        this.silentReadings = 0;
        this.observe(qualityLevel(sample, this.options.thresholds), sample);
        return;
      }
      // One empty reading may be a late start or a hiccup; from the limit on, it is silence, and all is lost.
      if (++this.silentReadings < (this.options.silentReadings ?? SILENT_READINGS)) return;
      this.observe('poor', { ...sample, packetLoss: 1 });
      if (this.silentReadings === (this.options.silentReadings ?? SILENT_READINGS)) this.options.onSilence?.(true);
    } finally {
      this.reading = false;
    }
  }

  private observe(level: C2cQualityLevel, sample: QualitySample): void {
    const rank = { good: 0, fair: 1, poor: 2 } as const;
    if (level === this.level) {
      this.pendingBetter = undefined;
      return;
    }
    if (rank[level] < rank[this.level] && this.pendingBetter !== level) {
      this.pendingBetter = level; // better: wait for a second reading
      return;
    }
    this.pendingBetter = undefined;
    this.level = level;
    this.options.onChange(level, sample);
  }
}
