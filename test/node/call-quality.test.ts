import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_QUALITY_THRESHOLDS, QualityMonitor, qualityLevel, readSample, type C2cQualityLevel, type QualitySample,
} from '../../src/call/call-quality.js';

/** A stats report as the browser gives it: a Map of entries by id. */
function report(entries: Record<string, unknown>[]): RTCStatsReport {
  return new Map(entries.map((entry, i) => [`s${i}`, entry])) as unknown as RTCStatsReport;
}

const inbound = (packetsReceived: number, packetsLost: number, jitter = 0.005) => ({ type: 'inbound-rtp', kind: 'audio', packetsReceived, packetsLost, jitter });

describe('qualityLevel', () => {
  const rows: [QualitySample, C2cQualityLevel][] = [
    [{ packetLoss: 0, jitterMs: 5, rttMs: 40 }, 'good'],
    [{ packetLoss: 0.019, jitterMs: 29, rttMs: 299 }, 'good'],
    [{ packetLoss: 0.02, jitterMs: 0, rttMs: 0 }, 'fair'],
    [{ packetLoss: 0, jitterMs: 30, rttMs: 0 }, 'fair'],
    [{ packetLoss: 0, jitterMs: 0, rttMs: 300 }, 'fair'],
    [{ packetLoss: 0.08, jitterMs: 0, rttMs: 0 }, 'poor'],
    [{ packetLoss: 0.01, jitterMs: 60, rttMs: 10 }, 'poor'],
    [{ packetLoss: 0.01, jitterMs: 10, rttMs: 600 }, 'poor'],
  ];
  for (const [sample, level] of rows) {
    it(`${JSON.stringify(sample)} is ${level}`, () => assert.equal(qualityLevel(sample), level));
  }

  it('takes the page\'s thresholds', () => {
    const strict = { fair: { packetLoss: 0.001, jitterMs: 5, rttMs: 50 }, poor: { packetLoss: 0.01, jitterMs: 10, rttMs: 100 } };
    assert.equal(qualityLevel({ packetLoss: 0, jitterMs: 0, rttMs: 120 }, strict), 'poor');
    assert.equal(qualityLevel({ packetLoss: 0, jitterMs: 0, rttMs: 120 }, DEFAULT_QUALITY_THRESHOLDS), 'good');
  });
});

describe('readSample', () => {
  it('counts loss over the last interval only, not since the call began', () => {
    const first = readSample(report([inbound(1000, 100)]), undefined);
    assert.equal(first.sample.packetLoss, 100 / 1100);
    const second = readSample(report([inbound(1100, 100)]), first.totals);
    assert.equal(second.sample.packetLoss, 0, 'no packet lost in this interval');
    const third = readSample(report([inbound(1150, 150)]), second.totals);
    assert.equal(third.sample.packetLoss, 0.5);
  });

  it('reads jitter in ms, and the round trip from the far end\'s report, else the ICE pair', () => {
    const withRemote = readSample(report([
      inbound(10, 0, 0.012),
      { type: 'remote-inbound-rtp', kind: 'audio', roundTripTime: 0.081 },
      { type: 'candidate-pair', nominated: true, currentRoundTripTime: 0.5 },
    ]), undefined);
    assert.deepEqual(withRemote.sample, { packetLoss: 0, jitterMs: 12, rttMs: 81 });
    const pairOnly = readSample(report([inbound(10, 0), { type: 'candidate-pair', nominated: true, currentRoundTripTime: 0.25 }]), undefined);
    assert.equal(pairOnly.sample.rttMs, 250);
  });

  it('ignores video and reports nothing lost when nothing was expected', () => {
    const { sample } = readSample(report([{ type: 'inbound-rtp', kind: 'video', packetsReceived: 10, packetsLost: 10 }]), undefined);
    assert.deepEqual(sample, { packetLoss: 0, jitterMs: 0, rttMs: 0 });
  });
});

describe('QualityMonitor', () => {
  /** Drives a monitor by hand: each `read(report)` is one interval. */
  function monitor() {
    const changes: C2cQualityLevel[] = [];
    const silences: boolean[] = [];
    const samples: QualitySample[] = [];
    let next: RTCStatsReport | undefined;
    const m = new QualityMonitor({
      getStats: async () => next,
      onChange: (level, sample) => {
        changes.push(level);
        samples.push(sample);
      },
      onSilence: (silent) => silences.push(silent),
      intervalMs: 10,
    });
    let received = 0;
    let lost = 0;
    const read = async (packets: number, lostNow: number) => {
      received += packets - lostNow;
      lost += lostNow;
      next = report([inbound(received, lost)]);
      await (m as unknown as { read(): Promise<void> }).read();
    };
    return { m, changes, silences, samples, read };
  }

  it('two readings in a row without a packet are silence, poor with all lost; it ends when packets come back', async () => {
    const { m, changes, silences, samples, read } = monitor();
    m.start();
    try {
      await read(0, 0); // connected, and nothing ever came
      assert.deepEqual([changes, silences], [[], []], 'one empty reading is not yet silence');
      await read(0, 0);
      assert.deepEqual(changes, ['poor']);
      assert.equal(samples[0]!.packetLoss, 1);
      assert.deepEqual(silences, [true]);
      await read(0, 0);
      assert.deepEqual(silences, [true], 'told once');
      await read(100, 0);
      assert.deepEqual(silences, [true, false]);
      await read(100, 0);
      assert.deepEqual(changes, ['poor', 'good']);
      await read(100, 0);
      await read(0, 0);
      assert.deepEqual(silences, [true, false], 'one silent reading after media is not silence');
    } finally {
      m.stop();
    }
  });

  it('reports a worse level at once and a better one after two readings agree', async () => {
    const { m, changes, read } = monitor();
    m.start();
    try {
      await read(100, 0);
      assert.deepEqual(changes, []);
      await read(100, 30);
      assert.deepEqual(changes, ['poor'], 'worse: at once');
      await read(100, 0);
      assert.deepEqual(changes, ['poor'], 'better: not yet');
      await read(100, 0);
      assert.deepEqual(changes, ['poor', 'good'], 'better: after a second reading');
      await read(100, 5);
      await read(100, 0);
      await read(100, 5);
      assert.deepEqual(changes, ['poor', 'good', 'fair'], 'a single good reading between two fair ones does not flap');
    } finally {
      m.stop();
    }
  });

  it('reads nothing once stopped', async () => {
    const { m, changes, read } = monitor();
    await read(100, 50);
    assert.deepEqual(changes, [], 'never started');
    m.start();
    m.stop();
    await read(100, 50);
    assert.deepEqual(changes, []);
  });
});
