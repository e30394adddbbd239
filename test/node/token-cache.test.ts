import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PREPARED_TOKEN_MAX_AGE_MS, PreparedTokenCache } from '../../src/network/token-cache.js';
import { deferred } from '../support/async.js';

/** An exchange that records every call (with its signal) and answers `guest-<n>` at once, unless told otherwise. */
function fakeExchange(answer?: (n: number, signal: AbortSignal) => Promise<string>) {
  const signals: AbortSignal[] = [];
  const exchange = (signal: AbortSignal): Promise<string> => {
    signals.push(signal);
    return answer ? answer(signals.length, signal) : Promise.resolve(`guest-${signals.length}`);
  };
  return { exchange, signals, get count() { return signals.length; } };
}

function clock(start = 1_000_000) {
  let time = start;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

const KEY = 'https://example.signalwire.com c2c_abc';

describe('PreparedTokenCache', () => {
  it('uses 60 s as the default freshness', () => {
    assert.equal(PREPARED_TOKEN_MAX_AGE_MS, 60_000);
  });

  it('prefetch then take gives the prefetched token without a second exchange', async () => {
    const cache = new PreparedTokenCache(60_000, clock().now);
    const ex = fakeExchange();
    await cache.prefetch(KEY, ex.exchange);
    assert.equal(ex.count, 1);
    assert.equal(await cache.take(KEY, ex.exchange, new AbortController().signal), 'guest-1');
    assert.equal(ex.count, 1);
  });

  it('take during an unfinished prefetch waits for it instead of exchanging again', async () => {
    const cache = new PreparedTokenCache(60_000, clock().now);
    const answer = deferred<string>();
    const ex = fakeExchange(() => answer.promise);
    const prefetched = cache.prefetch(KEY, ex.exchange);
    const taken = cache.take(KEY, ex.exchange, new AbortController().signal);
    answer.resolve('guest-late');
    await prefetched;
    assert.equal(await taken, 'guest-late');
    assert.equal(ex.count, 1);
  });

  it('a prefetched token older than maxAge is exchanged again, and the old exchange aborted', async () => {
    const time = clock();
    const cache = new PreparedTokenCache(60_000, time.now);
    const ex = fakeExchange();
    await cache.prefetch(KEY, ex.exchange);
    time.advance(60_000);
    const signal = new AbortController().signal;
    assert.equal(await cache.take(KEY, ex.exchange, signal), 'guest-2');
    assert.equal(ex.count, 2);
    assert.equal(ex.signals[1], signal, 'the new exchange uses the caller signal');
    assert.equal(ex.signals[0]!.aborted, true);
  });

  it('a token just under maxAge is still used', async () => {
    const time = clock();
    const cache = new PreparedTokenCache(60_000, time.now);
    const ex = fakeExchange();
    await cache.prefetch(KEY, ex.exchange);
    time.advance(59_999);
    assert.equal(await cache.take(KEY, ex.exchange, new AbortController().signal), 'guest-1');
    assert.equal(ex.count, 1);
  });

  it('a stale entry is replaced by a new prefetch', async () => {
    const time = clock();
    const cache = new PreparedTokenCache(1000, time.now);
    const ex = fakeExchange();
    await cache.prefetch(KEY, ex.exchange);
    time.advance(1000);
    await cache.prefetch(KEY, ex.exchange);
    assert.equal(ex.count, 2);
    assert.equal(await cache.take(KEY, ex.exchange, new AbortController().signal), 'guest-2');
    assert.equal(ex.count, 2);
  });

  it('a different key exchanges again, with the caller signal, and aborts the prepared one', async () => {
    const cache = new PreparedTokenCache(60_000, clock().now);
    const ex = fakeExchange();
    await cache.prefetch(KEY, ex.exchange);
    const signal = new AbortController().signal;
    assert.equal(await cache.take('https://other.signalwire.com c2c_abc', ex.exchange, signal), 'guest-2');
    assert.equal(ex.count, 2);
    assert.equal(ex.signals[1], signal);
    assert.equal(ex.signals[0]!.aborted, true);
  });

  it('prefetching a different key replaces (and aborts) the one under way', async () => {
    const cache = new PreparedTokenCache(60_000, clock().now);
    const first = deferred<string>();
    const ex = fakeExchange((n) => (n === 1 ? first.promise : Promise.resolve(`guest-${n}`)));
    const firstPrefetch = cache.prefetch('a', ex.exchange).catch((error: unknown) => error);
    await cache.prefetch('b', ex.exchange);
    assert.equal(ex.signals[0]!.aborted, true);
    first.reject(ex.signals[0]!.reason);
    assert.equal(((await firstPrefetch) as Error).name, 'AbortError');
    assert.equal(await cache.take('b', ex.exchange, new AbortController().signal), 'guest-2');
    assert.equal(ex.count, 2);
  });

  it('take uses an entry once: the second take exchanges again', async () => {
    const cache = new PreparedTokenCache(60_000, clock().now);
    const ex = fakeExchange();
    await cache.prefetch(KEY, ex.exchange);
    const signal = new AbortController().signal;
    assert.equal(await cache.take(KEY, ex.exchange, signal), 'guest-1');
    assert.equal(await cache.take(KEY, ex.exchange, signal), 'guest-2');
    assert.equal(ex.count, 2);
  });

  it('take without a prefetch exchanges with the caller signal', async () => {
    const cache = new PreparedTokenCache(60_000, clock().now);
    const ex = fakeExchange();
    const signal = new AbortController().signal;
    assert.equal(await cache.take(KEY, ex.exchange, signal), 'guest-1');
    assert.equal(ex.signals[0], signal);
  });

  it('a failed prefetch rejects, is forgotten, and take exchanges again', async () => {
    const cache = new PreparedTokenCache(60_000, clock().now);
    const failure = new Error('exchange-failed');
    const ex = fakeExchange((n) => (n === 1 ? Promise.reject(failure) : Promise.resolve(`guest-${n}`)));
    await assert.rejects(cache.prefetch(KEY, ex.exchange), (error) => error === failure);
    assert.equal(await cache.take(KEY, ex.exchange, new AbortController().signal), 'guest-2');
    assert.equal(ex.count, 2);
  });

  it('a failed prefetch is forgotten: the next prefetch exchanges again', async () => {
    const cache = new PreparedTokenCache(60_000, clock().now);
    const ex = fakeExchange((n) => (n === 1 ? Promise.reject(new Error('x')) : Promise.resolve(`guest-${n}`)));
    await assert.rejects(cache.prefetch(KEY, ex.exchange));
    await cache.prefetch(KEY, ex.exchange);
    assert.equal(ex.count, 2);
    assert.equal(await cache.take(KEY, ex.exchange, new AbortController().signal), 'guest-2');
    assert.equal(ex.count, 2);
  });

  it('take during a prefetch that then fails falls back to its own exchange', async () => {
    const cache = new PreparedTokenCache(60_000, clock().now);
    const first = deferred<string>();
    const ex = fakeExchange((n) => (n === 1 ? first.promise : Promise.resolve(`guest-${n}`)));
    const prefetched = cache.prefetch(KEY, ex.exchange).catch(() => undefined);
    const signal = new AbortController().signal;
    const taken = cache.take(KEY, ex.exchange, signal);
    first.reject(new Error('503'));
    await prefetched;
    assert.equal(await taken, 'guest-2');
    assert.equal(ex.signals[1], signal);
  });

  it('clear() aborts the exchange under way and forgets it', async () => {
    const cache = new PreparedTokenCache(60_000, clock().now);
    const ex = fakeExchange((_n, signal) => new Promise<string>((_resolve, reject) => {
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    }));
    const prefetched = cache.prefetch(KEY, ex.exchange).catch((error: unknown) => error);
    assert.equal(ex.signals[0]!.aborted, false);
    cache.clear();
    assert.equal(ex.signals[0]!.aborted, true);
    assert.equal(((await prefetched) as Error).name, 'AbortError');
    // Nothing prepared remains: take exchanges anew.
    const next = fakeExchange();
    assert.equal(await cache.take(KEY, next.exchange, new AbortController().signal), 'guest-1');
    assert.equal(next.count, 1);
  });

  it('the caller cancelling a call stops the prepared exchange it was waiting on', async () => {
    const cache = new PreparedTokenCache(60_000, clock().now);
    const ex = fakeExchange((_n, signal) => new Promise<string>((_resolve, reject) => {
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    }));
    void cache.prefetch(KEY, ex.exchange).catch(() => undefined);
    const caller = new AbortController();
    const taken = cache.take(KEY, ex.exchange, caller.signal).catch((error: unknown) => error);
    assert.equal(ex.signals[0]!.aborted, false);
    caller.abort();
    assert.equal(ex.signals[0]!.aborted, true, 'the HTTP request is cancelled, not left to run');
    await taken;
  });

  it('clear() drops a finished token too', async () => {
    const cache = new PreparedTokenCache(60_000, clock().now);
    const ex = fakeExchange();
    await cache.prefetch(KEY, ex.exchange);
    cache.clear();
    assert.equal(await cache.take(KEY, ex.exchange, new AbortController().signal), 'guest-2');
  });

  it('concurrent prefetches of the same key exchange once', async () => {
    const cache = new PreparedTokenCache(60_000, clock().now);
    const answer = deferred<string>();
    const ex = fakeExchange(() => answer.promise);
    const all = Promise.all([cache.prefetch(KEY, ex.exchange), cache.prefetch(KEY, ex.exchange), cache.prefetch(KEY, ex.exchange)]);
    answer.resolve('guest-once');
    assert.deepEqual(await all, [undefined, undefined, undefined]);
    assert.equal(ex.count, 1);
    assert.equal(ex.signals[0]!.aborted, false);
    assert.equal(await cache.take(KEY, ex.exchange, new AbortController().signal), 'guest-once');
    assert.equal(ex.count, 1);
  });

  it('a prefetch of a fresh token does not exchange again', async () => {
    const cache = new PreparedTokenCache(60_000, clock().now);
    const ex = fakeExchange();
    await cache.prefetch(KEY, ex.exchange);
    await cache.prefetch(KEY, ex.exchange);
    assert.equal(ex.count, 1);
  });
});
