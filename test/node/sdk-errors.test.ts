import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connectError, startError } from '../../src/signalwire/sdk-errors.js';
import { C2cError, type C2cErrorCode } from '../../src/shared/errors.js';

/** The SDK's AuthError as measured (docs/protocol.md §3a): an Error with name "AuthError" and the server's code. */
function authError(): Error {
  const error = new Error('Authentication service failed with status ProtocolError, 401 Unauthorized: {}');
  Object.defineProperty(error, 'name', { value: 'AuthError' });
  return Object.assign(error, { code: -32002 });
}

function expectCode(error: C2cError, code: C2cErrorCode, cause: unknown): void {
  assert.ok(error instanceof C2cError);
  assert.equal(error.code, code, `expected ${code}, got ${error.code}: ${error.message}`);
  assert.equal(error.cause, cause, 'the SDK rejection is kept as cause');
  assert.equal(typeof error.message, 'string');
  assert.ok(error.message.length > 0);
}

describe('connectError', () => {
  it('an AuthError (Error with name AuthError) → token-invalid', () => {
    const cause = authError();
    const error = connectError(cause);
    expectCode(error, 'token-invalid', cause);
    assert.equal(error.retryable, false);
  });

  it('a plain object named AuthError (minified build) → token-invalid', () => {
    const cause = { name: 'AuthError', code: -32002 };
    expectCode(connectError(cause), 'token-invalid', cause);
  });

  for (const [label, cause] of [
    ['a TypeError', new TypeError('Failed to construct WebSocket')],
    ['a plain object', { code: -32603, message: 'internal' }],
    ['a string', 'socket closed'],
    ['undefined', undefined],
  ] as const) {
    it(`${label} → network`, () => {
      const error = connectError(cause);
      expectCode(error, 'network', cause);
      assert.equal(error.retryable, true);
    });
  }

  it('passes a C2cError through unchanged', () => {
    const original = new C2cError('timeout', 'Connecting took too long');
    assert.equal(connectError(original), original);
  });
});

describe('startError', () => {
  it('an AuthError → token-invalid', () => {
    const cause = authError();
    expectCode(startError(cause), 'token-invalid', cause);
  });

  const media: Array<[string, C2cErrorCode]> = [
    ['NotAllowedError', 'mic-denied'],
    ['SecurityError', 'mic-denied'],
    ['NotFoundError', 'no-device'],
    ['NotReadableError', 'no-device'],
    ['OverconstrainedError', 'no-device'],
  ];
  for (const [name, code] of media) {
    it(`DOMException ${name} → ${code}`, () => {
      const cause = new DOMException('Permission denied', name);
      const error = startError(cause);
      expectCode(error, code, cause);
      assert.equal(error.retryable, true);
    });
  }

  const rejected: unknown[] = [
    { code: '486', message: 'USER_BUSY' },
    { code: '17', message: 'USER_BUSY' },
    { code: '21', message: 'CALL_REJECTED' },
    { code: -32603, message: 'Internal error' },
    { code: -32000, message: 'CALL ERROR', callID: '6e1d54c2-0000-4000-8000-000000000000' },
  ];
  for (const cause of rejected) {
    it(`${JSON.stringify(cause)} → call-rejected`, () => {
      const error = startError(cause);
      expectCode(error, 'call-rejected', cause);
      assert.equal(error.retryable, true);
    });
  }

  const nowhere: unknown[] = [
    { code: '3', message: 'NO_ROUTE_DESTINATION' },
    { code: '1', message: 'UNALLOCATED_NUMBER' },
    { code: 3 },
    { code: '-1', message: 'NO_ROUTE_DESTINATION' },
  ];
  for (const cause of nowhere) {
    it(`${JSON.stringify(cause)} → address-not-found, not worth a retry`, () => {
      const error = startError(cause);
      expectCode(error, 'address-not-found', cause);
      assert.equal(error.retryable, false);
    });
  }

  const unanswered: unknown[] = [
    { code: '19', message: 'NO_ANSWER' },
    { code: '18', message: 'NO_USER_RESPONSE' },
    { code: 19, message: 'NO_ANSWER' },
    { code: '0', message: 'ORIGINATOR_CANCEL_TIMEOUT' },
    { code: '18', message: 'x' },
    { code: '19' },
  ];
  for (const cause of unanswered) {
    it(`${JSON.stringify(cause)} → no-answer`, () => {
      const error = startError(cause);
      expectCode(error, 'no-answer', cause);
      assert.equal(error.retryable, true);
    });
  }

  it('the SDK negotiation timeout Error → timeout', () => {
    const cause = new Error('Call setup negotiation timed out after 20s.');
    const error = startError(cause);
    expectCode(error, 'timeout', cause);
    assert.equal(error.retryable, true);
  });

  it('ICE_GATHERING_FAILED (plain object or Error) → network', () => {
    const plain = { code: 'ICE_GATHERING_FAILED', message: 'ICE gathering failed' };
    expectCode(startError(plain), 'network', plain);
    const asError = Object.assign(new Error('ICE gathering failed'), { code: 'ICE_GATHERING_FAILED' });
    expectCode(startError(asError), 'network', asError);
  });

  for (const [label, cause] of [
    ['another Error', new Error('Invalid RTCPeer ID to hangup')],
    ['a TypeError', new TypeError("Cannot read properties of undefined (reading 'sdp')")],
    ['a string', 'boom'],
    ['null', null],
    ['an object without code', { message: 'weird' }],
  ] as const) {
    it(`${label} → unknown`, () => {
      const error = startError(cause);
      expectCode(error, 'unknown', cause);
      assert.equal(error.retryable, true);
    });
  }

  it('the message says what the SDK said', () => {
    assert.match(startError({ code: '486', message: 'USER_BUSY' }).message, /USER_BUSY/);
    assert.match(startError(new Error('Invalid RTCPeer ID to hangup')).message, /Invalid RTCPeer ID/);
  });

  it('an error named like an Object.prototype member is not taken for a media error', () => {
    for (const name of ['toString', 'constructor', 'hasOwnProperty', 'valueOf']) {
      const cause = { name, message: 'odd' };
      const error = startError(cause);
      assert.equal(typeof error.code, 'string', name);
      expectCode(error, 'unknown', cause);
    }
  });

  it('passes a C2cError through unchanged', () => {
    const original = new C2cError('connection-lost', 'dropped');
    assert.equal(startError(original), original);
  });
});
