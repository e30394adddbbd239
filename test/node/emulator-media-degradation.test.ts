// The echo's degraded way back (DegradedForwarder), on its own: loss, delay, order, live changes, close.
// The same behaviour on real RTP through `/__faults` is in emulator-media.test.ts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DegradedForwarder, NO_DEGRADATION, type MediaDegradation } from '../../emulator/media-degradation.ts';

interface Delivery {
  readonly packet: number;
  readonly at: number;
}

/** A forwarder over numbered packets whose degradation the test sets; records what it delivers and when. */
function harness(random?: () => number) {
  let degradation: MediaDegradation = NO_DEGRADATION;
  const delivered: Delivery[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const forwarder = new DegradedForwarder<number>((packet) => {
    delivered.push({ packet, at: performance.now() });
    for (const waiter of waiters.filter((candidate) => delivered.length >= candidate.count)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  }, () => degradation, random);
  return {
    forwarder,
    delivered,
    set(next: Partial<MediaDegradation>) {
      degradation = { ...NO_DEGRADATION, ...next };
    },
    /** Resolves once `count` packets in all have been delivered. */
    deliveredCount(count: number): Promise<void> {
      if (delivered.length >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
  };
}

/** A fixed sequence of "random" numbers, repeated. */
const sequence = (...values: number[]) => {
  let index = 0;
  return () => values[index++ % values.length]!;
};

describe('DegradedForwarder', () => {
  test('without degradation every packet goes through at once, in order', () => {
    const { forwarder, delivered } = harness();
    for (let packet = 0; packet < 5; packet++) assert.equal(forwarder.push(packet), true);
    assert.deepEqual(delivered.map((entry) => entry.packet), [0, 1, 2, 3, 4]);
    assert.equal(forwarder.held, 0);
  });

  test('lossPercent drops the packets whose draw falls under it, and only those', () => {
    const { forwarder, delivered, set } = harness(sequence(0.1, 0.6, 0.49, 0.5, 0.99, 0));
    set({ lossPercent: 50 });
    const kept = [0, 1, 2, 3, 4, 5].map((packet) => forwarder.push(packet));
    assert.deepEqual(kept, [false, true, false, true, true, false]);
    assert.deepEqual(delivered.map((entry) => entry.packet), [1, 3, 4]);
  });

  test('0 % never drops, 100 % always drops, whatever the draw', () => {
    const { forwarder, delivered, set } = harness(sequence(0, 0.999_999));
    for (let packet = 0; packet < 4; packet++) forwarder.push(packet);
    assert.equal(delivered.length, 4);
    set({ lossPercent: 100 });
    for (let packet = 4; packet < 8; packet++) assert.equal(forwarder.push(packet), false);
    assert.equal(delivered.length, 4);
  });

  test('real randomness at 30 % drops about 30 % of 10 000 packets', () => {
    const { forwarder, delivered, set } = harness();
    set({ lossPercent: 30 });
    for (let packet = 0; packet < 10_000; packet++) forwarder.push(packet);
    // Binomial: the standard deviation is about 46 packets, so these bounds are more than 6 of them away.
    assert.ok(delivered.length > 6_700 && delivered.length < 7_300, `${delivered.length} of 10000 delivered`);
  });

  test('delayMs holds every packet back at least that long, in order', async () => {
    const { forwarder, delivered, set, deliveredCount } = harness();
    set({ delayMs: 150 });
    const pushedAt = performance.now();
    for (let packet = 0; packet < 3; packet++) forwarder.push(packet);
    assert.equal(delivered.length, 0, 'nothing goes through at once');
    assert.equal(forwarder.held, 3);
    await deliveredCount(3);
    assert.deepEqual(delivered.map((entry) => entry.packet), [0, 1, 2]);
    for (const entry of delivered) assert.ok(entry.at - pushedAt >= 150, `packet ${entry.packet} held ${entry.at - pushedAt} ms`);
    assert.equal(forwarder.held, 0);
  });

  test('a change applies from the next packet; a shorter delay never overtakes packets already held', async () => {
    const { forwarder, delivered, set, deliveredCount } = harness();
    set({ delayMs: 200 });
    forwarder.push(0);
    set({});
    forwarder.push(1); // no delay now, but packet 0 is still held: 1 waits behind it
    assert.equal(delivered.length, 0);
    await deliveredCount(2);
    assert.deepEqual(delivered.map((entry) => entry.packet), [0, 1]);
    forwarder.push(2); // nothing held any more: straight through
    assert.deepEqual(delivered.map((entry) => entry.packet), [0, 1, 2]);
  });

  test('close discards what is held and forwards nothing more', async () => {
    const { forwarder, delivered, set } = harness();
    set({ delayMs: 50 });
    forwarder.push(0);
    forwarder.push(1);
    assert.equal(forwarder.close(), 2);
    assert.equal(forwarder.push(2), false);
    await new Promise((resolve) => setTimeout(resolve, 120));
    assert.deepEqual(delivered, []);
    assert.equal(forwarder.held, 0);
  });
});
