import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { withDeadline } from '../../src/network/deadline.js';
import { C2cError } from '../../src/shared/errors.js';
import { deferred, rejection } from '../support/async.js';

/** Lets queued promise callbacks run. */
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('withDeadline', () => {
  it('resolves with the value of work that finishes in time, and releases nothing', async () => {
    const released: unknown[] = [];
    const value = await withDeadline(Promise.resolve(42), {
      signal: new AbortController().signal,
      timeoutMs: 1000,
      what: 'Connecting',
      releaseLate: (late) => released.push(late),
    });
    assert.equal(value, 42);
    await flush();
    assert.deepEqual(released, []);
  });

  it('times out with a timeout C2cError naming what was waited for', { timeout: 2000 }, async () => {
    const work = deferred<string>();
    const started = performance.now();
    const error = await rejection(withDeadline(work.promise, { signal: new AbortController().signal, timeoutMs: 20, what: 'Connecting to the relay' }));
    assert.ok(performance.now() - started >= 15, 'gave up too early');
    assert.ok(error instanceof C2cError);
    assert.equal(error.code, 'timeout');
    assert.equal(error.retryable, true);
    assert.match(error.message, /Connecting to the relay/);
    assert.match(error.message, /20 ms/);
  });

  it('times out exactly at timeoutMs (mocked timers)', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const work = deferred<string>();
    // Read through a function: assert.equal narrows a variable's type, and the callbacks assign it later.
    const seen: { outcome: unknown } = { outcome: 'pending' };
    const current = (): unknown => seen.outcome;
    withDeadline(work.promise, { signal: new AbortController().signal, timeoutMs: 5000, what: 'Dialing' }).then(
      (value) => (seen.outcome = value),
      (error: unknown) => (seen.outcome = error),
    );
    t.mock.timers.tick(4999);
    await Promise.resolve();
    await Promise.resolve();
    assert.equal(current(), 'pending');
    t.mock.timers.tick(1);
    await Promise.resolve();
    await Promise.resolve();
    const outcome = current();
    assert.ok(outcome instanceof C2cError);
    assert.equal(outcome.code, 'timeout');
  });

  it('hands a result that arrives after the timeout to releaseLate', { timeout: 2000 }, async () => {
    const work = deferred<{ id: string }>();
    const released: unknown[] = [];
    const late = { id: 'call-1' };
    const error = await rejection(withDeadline(work.promise, {
      signal: new AbortController().signal,
      timeoutMs: 20,
      what: 'Dialing',
      releaseLate: (value) => released.push(value),
    }));
    assert.equal((error as C2cError).code, 'timeout');
    assert.deepEqual(released, []);
    work.resolve(late);
    await flush();
    assert.equal(released.length, 1);
    assert.equal(released[0], late);
  });

  it('rejects with the signal reason on abort, and hands a late result to releaseLate', async () => {
    const controller = new AbortController();
    const work = deferred<string>();
    const released: string[] = [];
    const pending = withDeadline(work.promise, {
      signal: controller.signal,
      timeoutMs: 5000,
      what: 'Connecting',
      releaseLate: (value) => released.push(value),
    });
    const reason = new Error('element removed');
    controller.abort(reason);
    assert.equal(await rejection(pending), reason);
    work.resolve('client');
    await flush();
    assert.deepEqual(released, ['client']);
  });

  it('a plain abort rejects with an AbortError', async () => {
    const controller = new AbortController();
    const pending = withDeadline(new Promise<never>(() => undefined), { signal: controller.signal, timeoutMs: 5000, what: 'x' });
    controller.abort();
    const error = await rejection(pending);
    assert.ok(!(error instanceof C2cError));
    assert.equal((error as Error).name, 'AbortError');
  });

  it('an already aborted signal rejects at once, and a later result is released', async () => {
    const controller = new AbortController();
    controller.abort();
    const work = deferred<number>();
    const released: number[] = [];
    const error = await rejection(withDeadline(work.promise, {
      signal: controller.signal,
      timeoutMs: 5000,
      what: 'x',
      releaseLate: (value) => released.push(value),
    }));
    assert.equal((error as Error).name, 'AbortError');
    work.resolve(7);
    await flush();
    assert.deepEqual(released, [7]);
  });

  it('passes a rejection of the work through unchanged', async () => {
    const failure = { code: '486', message: 'USER_BUSY' };
    const error = await rejection(withDeadline(Promise.reject(failure), { signal: new AbortController().signal, timeoutMs: 1000, what: 'x' }));
    assert.equal(error, failure);
  });

  it('a rejection after the timeout is swallowed (not released, not unhandled)', { timeout: 2000 }, async () => {
    const work = deferred<string>();
    const released: string[] = [];
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      await rejection(withDeadline(work.promise, { signal: new AbortController().signal, timeoutMs: 20, what: 'x', releaseLate: (v) => released.push(v) }));
      work.reject(new Error('late failure'));
      await flush();
      await flush();
      assert.deepEqual(released, []);
      assert.deepEqual(unhandled, []);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('an abort after the work finished changes nothing', async () => {
    const controller = new AbortController();
    const value = await withDeadline(Promise.resolve('ok'), { signal: controller.signal, timeoutMs: 1000, what: 'x' });
    controller.abort();
    assert.equal(value, 'ok');
  });

  for (const outcome of ['resolve', 'reject', 'abort'] as const) {
    it(`clears its timer when the wait ends by ${outcome}`, async (t) => {
      const armed: unknown[] = [];
      const realSetTimeout = globalThis.setTimeout;
      t.mock.method(globalThis, 'setTimeout', ((...args: Parameters<typeof setTimeout>) => {
        const handle = realSetTimeout(...args);
        handle.unref(); // a timer left armed must fail the assertion below, not hold the run open
        armed.push(handle);
        return handle;
      }) as typeof setTimeout);
      const cleared = t.mock.method(globalThis, 'clearTimeout');
      const controller = new AbortController();
      const work = deferred<number>();
      const pending = withDeadline(work.promise, { signal: controller.signal, timeoutMs: 60_000, what: 'x' }).catch(() => undefined);
      assert.equal(armed.length, 1);
      if (outcome === 'resolve') work.resolve(1);
      else if (outcome === 'reject') work.reject(new Error('x'));
      else controller.abort();
      await pending;
      assert.ok(cleared.mock.calls.some((call) => call.arguments[0] === armed[0]), 'the deadline timer was left armed');
    });
  }
});
