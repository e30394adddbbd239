// The media faults on real RTP, end to end: a werift caller places a call to /public/echo through the relay,
// sends numbered RTP packets, and counts and times their echoes while `POST /__faults` degrades and restores
// the running call.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startEmulator, type EchoPacketCounts, type RunningEmulator } from '../../emulator/index.ts';
import { eventually, guestToken, resetFaults, setFaults, stats } from './support/emulator-http.ts';
import { RelayClient, dialogParams, inviteParams } from './support/relay-client.ts';
import { RtpCaller } from './support/rtp-caller.ts';

let emulator: RunningEmulator;
let client: RelayClient;
let caller: RtpCaller;
let callID: string;

/** Places a call to /public/echo from a new werift caller; resolves once the caller's connection is up. */
async function placeCall(): Promise<void> {
  callID = randomUUID();
  caller = await RtpCaller.create();
  await client.request('webrtc.verto', inviteParams(callID, '/public/echo', caller.offerSdp));
  const answer = await client.waitForEvent('webrtc.message', (params) => params.method === 'verto.answer' && params.params.callID === callID, 10_000);
  await caller.accept(answer.params.params.params.sdp as string);
}

async function hangUp(): Promise<void> {
  await client.request('webrtc.verto', {
    message: { jsonrpc: '2.0', id: randomUUID(), method: 'verto.bye', params: { dialogParams: dialogParams(callID, '/public/echo') } }, callID,
  });
  await caller.close();
}

before(async () => {
  emulator = await startEmulator({ port: 0, quiet: true, pingIntervalMs: 0 });
  client = await RelayClient.open(emulator.origin);
  assert.ok((await client.connect(await guestToken(emulator.origin))).result);
  // Both ends are werift here, and on a loaded machine werift's DTLS handshake between two of its own peers now
  // and then fails on the far end's side (seen about once in 15 runs alongside the whole suite) although the
  // caller's side connected: no echo ever comes. That is setup, not the faults under test, so a second call is placed.
  for (let attempt = 1; ; attempt++) {
    await placeCall();
    try {
      await caller.sendUntilEchoed(20, 8_000); // both ends are up: every packet from here on is either echoed or dropped
      return;
    } catch (error) {
      await hangUp();
      if (attempt === 2) throw error;
    }
  }
});

after(async () => {
  await hangUp();
  client.close();
  await emulator.close();
});

const rtp = async () => (await stats(emulator.origin)).rtp;

/** What the far end did with `count` packets sent now, under the faults in force. */
async function burst(count: number, intervalMs = 5): Promise<{ ids: number[]; farEnd: Omit<EchoPacketCounts, 'held' | 'discarded'> }> {
  const before = await rtp();
  const ids = await caller.sendBurst(count, intervalMs);
  // Wait until the far end has taken every packet of the burst, so a later fault change cannot reach its tail.
  const after = await eventually(rtp, (counts) => counts.received - before.received >= count);
  return {
    ids,
    farEnd: { received: after.received - before.received, dropped: after.dropped - before.dropped, echoed: after.echoed - before.echoed },
  };
}

/** Waits until the echoes of everything sent so far have come back (a packet sent last, undegraded, came back). */
async function drained(): Promise<void> {
  await resetFaults(emulator.origin);
  await caller.sendUntilEchoed();
}

const median = (values: readonly number[]) => values[Math.floor(values.length / 2)]!;

describe('media faults on a running call', () => {
  test('without faults every packet is echoed, in well under the delay used below', async () => {
    const { ids, farEnd } = await burst(100);
    await caller.echoesOf(ids);
    assert.deepEqual(farEnd, { received: 100, dropped: 0, echoed: 100 });
    assert.ok(median(caller.roundTrips(ids)) < 300, `median round trip ${median(caller.roundTrips(ids))} ms`);
  });

  test('mediaLossPercent 50: about half the packets come back, and exactly those the far end echoed', async () => {
    await setFaults(emulator.origin, { mediaLossPercent: 50 });
    const { ids, farEnd } = await burst(300);
    await drained();
    const echoed = caller.echoedCount(ids);
    // Binomial(300, 0.5): a standard deviation of about 9 packets; 90..210 is more than 6 of them either way.
    assert.ok(echoed >= 90 && echoed <= 210, `${echoed} of 300 echoed`);
    assert.equal(echoed, farEnd.echoed);
    assert.equal(farEnd.dropped + farEnd.echoed, 300);
  });

  test('mediaLossPercent 100 silences the echo; resetting the faults brings all of it back', async () => {
    await setFaults(emulator.origin, { mediaLossPercent: 100 });
    const lost = await burst(100);
    await drained();
    assert.equal(caller.echoedCount(lost.ids), 0);
    assert.deepEqual(lost.farEnd, { received: 100, dropped: 100, echoed: 0 });
    const { ids } = await burst(100);
    await caller.echoesOf(ids);
  });

  test('mediaDelayMs 400 holds every echo back at least 400 ms; setting 0 makes it immediate again', async () => {
    await setFaults(emulator.origin, { mediaDelayMs: 400 });
    const delayed = await caller.sendBurst(25, 20);
    await caller.echoesOf(delayed);
    const trips = caller.roundTrips(delayed);
    assert.ok(trips[0]! >= 400, `shortest round trip ${trips[0]} ms`);
    assert.ok(median(trips) < 400 + 1_500, `median round trip ${median(trips)} ms`);

    await setFaults(emulator.origin, { mediaDelayMs: 0 });
    const prompt = await caller.sendBurst(25, 20);
    await caller.echoesOf(prompt);
    assert.ok(median(caller.roundTrips(prompt)) < 400, `median round trip ${median(caller.roundTrips(prompt))} ms after the reset`);
    assert.equal((await rtp()).held, 0);
  });

  test('mediaDelayMs also holds back the far end\'s receiver reports: the round trip a browser measures grows by the delay', async () => {
    const stop = caller.stream(20); // receiver reports are about a live stream
    try {
      const clean = await caller.nextReportRoundTrip();
      assert.ok(clean < 200, `round trip ${clean} ms without faults`);
      await setFaults(emulator.origin, { mediaDelayMs: 400 });
      await caller.nextReportRoundTrip(); // one may have been on its way already
      const delayed = await caller.nextReportRoundTrip();
      assert.ok(delayed >= 390 && delayed < 400 + 1_500, `round trip ${delayed} ms with mediaDelayMs 400`);
      await setFaults(emulator.origin, { mediaDelayMs: 0 });
      await caller.nextReportRoundTrip(); // one may have been held at the change
      const restored = await caller.nextReportRoundTrip();
      assert.ok(restored < 200, `round trip ${restored} ms after the reset`);
    } finally {
      stop();
    }
  });

  test('loss and delay together: fewer packets, each late', async () => {
    await setFaults(emulator.origin, { mediaLossPercent: 50, mediaDelayMs: 200 });
    const { ids, farEnd } = await burst(200);
    await eventually(rtp, (counts) => counts.held === 0);
    await drained();
    const echoed = caller.echoedCount(ids);
    assert.ok(echoed >= 50 && echoed <= 150, `${echoed} of 200 echoed`);
    assert.equal(echoed, farEnd.received - farEnd.dropped);
    assert.ok(caller.roundTrips(ids)[0]! >= 200, `shortest round trip ${caller.roundTrips(ids)[0]} ms`);
  });
});
