import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PREPARED_MAX_AGE_MS, PreparedConnection } from '../../src/call/prepared-connection.js';
import type { SdkClient } from '../../src/shared/call-sdk.js';
import { deferred } from '../support/async.js';

/** A client that counts its disconnects. */
function client(name: string) {
  const c = {
    name,
    disconnects: 0,
    get open() { return c.disconnects === 0; },
    dial: () => Promise.reject(new Error('not used')),
    disconnect: async () => { c.disconnects += 1; },
  };
  return c;
}
type TestClient = ReturnType<typeof client>;

/** An opener that records every call (with its signal) and answers `client-<n>` at once, unless told otherwise. */
function fakeOpen(answer?: (n: number, signal: AbortSignal) => Promise<TestClient>) {
  const signals: AbortSignal[] = [];
  const clients: TestClient[] = [];
  const open = (signal: AbortSignal): Promise<SdkClient> => {
    signals.push(signal);
    const made = answer ? answer(signals.length, signal) : Promise.resolve(client(`client-${signals.length}`));
    return made.then((c) => (clients.push(c), c as unknown as SdkClient));
  };
  return { open, signals, clients, get count() { return signals.length; } };
}

function clock(start = 1_000_000) {
  let time = start;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

const KEY = 'https://example.signalwire.com c2c_abc ';
const OTHER = 'https://example.signalwire.com c2c_other ';
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const name = async (taken: Promise<SdkClient> | undefined) => ((await taken) as unknown as TestClient).name;

describe('PreparedConnection', () => {
  it('keeps a connection 60 s by default', () => {
    assert.equal(PREPARED_MAX_AGE_MS, 60_000);
  });

  it('open then take hands over the opened client without opening a second one', async () => {
    const prepared = new PreparedConnection(60_000, clock().now);
    const o = fakeOpen();
    await prepared.open(KEY, o.open);
    await prepared.open(KEY, o.open); // a second hover while fresh
    assert.equal(o.count, 1);
    assert.equal(await name(prepared.take(KEY, new AbortController().signal)), 'client-1');
    assert.equal(o.clients[0]!.disconnects, 0, 'the caller owns it now');
    prepared.clear();
    assert.equal(o.clients[0]!.disconnects, 0, 'clearing after the hand-over does not close what was handed over');
  });

  it('take during an unfinished open waits for that opening', async () => {
    const prepared = new PreparedConnection(60_000, clock().now);
    const answer = deferred<TestClient>();
    const o = fakeOpen(() => answer.promise);
    const opening = prepared.open(KEY, o.open);
    const taken = prepared.take(KEY, new AbortController().signal);
    assert.ok(taken);
    answer.resolve(client('late'));
    await opening;
    assert.equal(await name(taken), 'late');
    assert.equal(o.count, 1);
  });

  it('is used once: a second take finds nothing', async () => {
    const prepared = new PreparedConnection(60_000, clock().now);
    await prepared.open(KEY, fakeOpen().open);
    assert.ok(prepared.take(KEY, new AbortController().signal));
    assert.equal(prepared.take(KEY, new AbortController().signal), undefined);
  });

  it('a stale connection is not handed over, and is closed', async () => {
    const time = clock();
    const prepared = new PreparedConnection(60_000, time.now);
    const o = fakeOpen();
    await prepared.open(KEY, o.open);
    time.advance(60_000);
    assert.equal(prepared.take(KEY, new AbortController().signal), undefined);
    await settle();
    assert.equal(o.clients[0]!.disconnects, 1);
    prepared.clear();
  });

  it('a take for another key finds nothing and leaves the prepared connection open', async () => {
    const prepared = new PreparedConnection(60_000, clock().now);
    const o = fakeOpen();
    await prepared.open(KEY, o.open);
    assert.equal(prepared.take(OTHER, new AbortController().signal), undefined);
    await settle();
    assert.equal(o.clients[0]!.disconnects, 0);
    prepared.clear();
  });

  it('opening for another key closes the first connection', async () => {
    const prepared = new PreparedConnection(60_000, clock().now);
    const o = fakeOpen();
    await prepared.open(KEY, o.open);
    await prepared.open(OTHER, o.open);
    await settle();
    assert.equal(o.count, 2);
    assert.equal(o.clients[0]!.disconnects, 1);
    assert.equal(o.clients[1]!.disconnects, 0);
    assert.equal(prepared.take(KEY, new AbortController().signal), undefined);
    assert.equal(await name(prepared.take(OTHER, new AbortController().signal)), 'client-2');
  });

  it('a failed opening rejects open() and is forgotten, so the next open tries again', async () => {
    const prepared = new PreparedConnection(60_000, clock().now);
    const o = fakeOpen((n) => (n === 1 ? Promise.reject(new Error('refused')) : Promise.resolve(client(`client-${n}`))));
    await assert.rejects(prepared.open(KEY, o.open), /refused/);
    assert.equal(prepared.take(KEY, new AbortController().signal), undefined);
    await prepared.open(KEY, o.open);
    assert.equal(o.count, 2);
    assert.equal(await name(prepared.take(KEY, new AbortController().signal)), 'client-2');
  });

  it('clear() closes an open connection', async () => {
    const prepared = new PreparedConnection(60_000, clock().now);
    const o = fakeOpen();
    await prepared.open(KEY, o.open);
    prepared.clear();
    await settle();
    assert.equal(o.clients[0]!.disconnects, 1);
    assert.equal(prepared.take(KEY, new AbortController().signal), undefined);
  });

  it('clear() during an opening aborts it, and closes the client if it still arrives', async () => {
    const prepared = new PreparedConnection(60_000, clock().now);
    const answer = deferred<TestClient>();
    const o = fakeOpen(() => answer.promise);
    const opening = prepared.open(KEY, o.open).catch(() => undefined);
    prepared.clear();
    assert.equal(o.signals[0]!.aborted, true);
    answer.resolve(client('late'));
    await opening;
    await settle();
    assert.equal(o.clients[0]!.disconnects, 1);
  });

  it("the caller's signal aborts an opening it took over", async () => {
    const prepared = new PreparedConnection(60_000, clock().now);
    const o = fakeOpen(() => new Promise(() => undefined));
    void prepared.open(KEY, o.open);
    const caller = new AbortController();
    assert.ok(prepared.take(KEY, caller.signal));
    assert.equal(o.signals[0]!.aborted, false);
    caller.abort();
    assert.equal(o.signals[0]!.aborted, true);
  });

  it('after maxAge without a take, its timer closes the connection', async () => {
    const prepared = new PreparedConnection(20, clock().now);
    const o = fakeOpen();
    await prepared.open(KEY, o.open);
    await new Promise((resolve) => setTimeout(resolve, 40));
    assert.equal(o.clients[0]!.disconnects, 1);
  });

  it('a take clears the timer: the handed-over connection stays open past maxAge', async () => {
    const prepared = new PreparedConnection(20, clock().now);
    const o = fakeOpen();
    await prepared.open(KEY, o.open);
    assert.ok(prepared.take(KEY, new AbortController().signal));
    await new Promise((resolve) => setTimeout(resolve, 40));
    assert.equal(o.clients[0]!.disconnects, 0);
  });
});
