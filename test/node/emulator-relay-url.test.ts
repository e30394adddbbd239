// The `relayUrl` fault: tokens minted while it is set name another relay in `ch` (where the SDK connects), as a real
// space's tokens name a relay host that is not its REST host. What tests use to make the relay unreachable while
// the token exchange still works; the relay itself still recognises those tokens when they reach it.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { startEmulator, type RunningEmulator } from '../../emulator/index.ts';
import { guestToken, post, resetFaults, setFaults } from './support/emulator-http.ts';
import { RelayClient } from './support/relay-client.ts';

let emulator: RunningEmulator;

before(async () => {
  emulator = await startEmulator({ port: 0, quiet: true, pingIntervalMs: 0 });
});
after(() => emulator.close());
beforeEach(() => resetFaults(emulator.origin));

const relayOf = (token: string) => (JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as { ch: string }).ch;

describe('relayUrl fault', () => {
  test('is null by default: tokens name this emulator\'s relay', async () => {
    assert.equal(relayOf(await guestToken(emulator.origin)), emulator.origin.replace(/^http/, 'ws'));
  });

  test('tokens minted while it is set name that relay; after a reset, this one again', async () => {
    const faults = await setFaults(emulator.origin, { relayUrl: 'ws://127.0.0.1:9' });
    assert.equal(faults.relayUrl, 'ws://127.0.0.1:9');
    const elsewhere = await guestToken(emulator.origin);
    assert.equal(relayOf(elsewhere), 'ws://127.0.0.1:9');
    assert.equal((await resetFaults(emulator.origin)).relayUrl, null);
    assert.equal(relayOf(await guestToken(emulator.origin)), emulator.origin.replace(/^http/, 'ws'));

    // The token is still one of this space's: a relay that reaches it (a forwarder, in tests) accepts it.
    const client = await RelayClient.open(emulator.origin);
    try {
      const reply = await client.connect(elsewhere);
      assert.ok(reply.result?.authorization?.jti, JSON.stringify(reply.error));
    } finally {
      client.close();
    }
  });

  test('takes a ws: or wss: origin or null; anything else → 422, nothing changed', async () => {
    for (const relayUrl of ['http://127.0.0.1:9', 'ws://127.0.0.1:9/path', 'ws://u:p@127.0.0.1:9', 'wss://x?y=1', 'not a url', 5, true]) {
      assert.equal((await post(emulator.origin, '/__faults', { relayUrl })).status, 422, JSON.stringify(relayUrl));
    }
    assert.equal((await setFaults(emulator.origin, { relayUrl: 'wss://relay.example.com' })).relayUrl, 'wss://relay.example.com');
    assert.equal((await setFaults(emulator.origin, { relayUrl: null })).relayUrl, null);
  });
});
