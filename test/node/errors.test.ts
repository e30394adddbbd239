import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { C2cError, C2cErrorCode, abortError, isAbortError, isRetryable } from '../../src/shared/errors.js';

/** The contract's table (docs/api.md §Error codes): code → retryable. */
const CONTRACT: Readonly<Record<C2cErrorCode, boolean>> = {
  'token-missing': false,
  'token-invalid': false,
  'token-forbidden': false,
  'token-not-found': false,
  'destination-invalid': false,
  'config-invalid': false,
  'exchange-failed': true,
  network: true,
  timeout: true,
  'mic-denied': true,
  'no-device': true,
  unsupported: false,
  'call-rejected': true,
  'no-answer': true,
  'connection-lost': true,
  'call-in-progress': true,
  'address-not-found': false,
  'invite-invalid': false,
  unknown: true,
};

describe('C2cErrorCode', () => {
  it('has exactly the codes of the contract', () => {
    assert.deepEqual(Object.values(C2cErrorCode).sort(), Object.keys(CONTRACT).sort());
  });
});

describe('isRetryable', () => {
  for (const [code, retryable] of Object.entries(CONTRACT) as Array<[C2cErrorCode, boolean]>) {
    it(`${code} is ${retryable ? '' : 'not '}retryable`, () => {
      assert.equal(isRetryable(code), retryable);
      assert.equal(new C2cError(code, 'x').retryable, retryable);
    });
  }
});

describe('C2cError', () => {
  it('is an Error with name, code, message and retryable', () => {
    const error = new C2cError('network', 'could not reach');
    assert.ok(error instanceof Error);
    assert.equal(error.name, 'C2cError');
    assert.equal(error.code, 'network');
    assert.equal(error.message, 'could not reach');
    assert.equal(error.retryable, true);
  });

  it('toJSON has code, message, retryable and no status when none was given', () => {
    const error = new C2cError('timeout', 'too slow');
    assert.equal('status' in error, false);
    assert.equal(error.status, undefined);
    assert.deepEqual(error.toJSON(), { code: 'timeout', message: 'too slow', retryable: true });
    assert.deepEqual(JSON.parse(JSON.stringify(error)), { code: 'timeout', message: 'too slow', retryable: true });
  });

  it('toJSON carries status when given', () => {
    const error = new C2cError('token-invalid', 'HTTP 401', { status: 401 });
    assert.equal(error.status, 401);
    assert.deepEqual(error.toJSON(), { code: 'token-invalid', message: 'HTTP 401', retryable: false, status: 401 });
  });

  it('keeps a cause only when given', () => {
    const cause = new TypeError('fetch failed');
    assert.equal(new C2cError('network', 'x', { cause }).cause, cause);
    assert.equal('cause' in new C2cError('network', 'x'), false);
    assert.equal('cause' in new C2cError('network', 'x').toJSON(), false);
  });
});

describe('abortError / isAbortError', () => {
  it('makes a DOMException named AbortError', () => {
    const error = abortError();
    assert.ok(error instanceof DOMException);
    assert.equal(error.name, 'AbortError');
    assert.equal(isAbortError(error), true);
  });
  it('recognises the platform abort reason and nothing else', () => {
    const controller = new AbortController();
    controller.abort();
    assert.equal(isAbortError(controller.signal.reason), true);
    assert.equal(isAbortError(new Error('AbortError')), false);
    assert.equal(isAbortError(new DOMException('x', 'TimeoutError')), false);
    assert.equal(isAbortError(new C2cError('timeout', 'x')), false);
    assert.equal(isAbortError(null), false);
    assert.equal(isAbortError('AbortError'), false);
  });
});
