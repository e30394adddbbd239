import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sdkStorageKeys } from '../../src/signalwire/sdk-storage.js';

const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('sdkStorageKeys: the sessionStorage keys the SDK writes for a token', () => {
  it('a JWE (encrypted payload) is keyed by its header typ', () => {
    const jwe = `${b64url({ typ: 'SAT', alg: 'dir' })}.${Buffer.from([0xff, 0x01, 0x80]).toString('base64url')}.iv.ct.tag`;
    assert.deepEqual(sdkStorageKeys(jwe), ['pt-SAT', 'as-SAT', 'ci-SAT']);
  });

  it('a JWT whose payload has a room name r is keyed by r, as the SDK does', () => {
    const jwt = `${b64url({ typ: 'VRT', alg: 'HS256' })}.${b64url({ r: 'room-7', ja: 'member' })}.sig`;
    assert.deepEqual(sdkStorageKeys(jwt), ['pt-room-7', 'as-room-7', 'ci-room-7']);
  });
});
