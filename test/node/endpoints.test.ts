import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_API_BASE,
  checkDestination,
  isLoopbackHost,
  resolveApiBase,
  resolveRelayHost,
  spaceHost,
} from '../../src/network/endpoints.js';
import { C2cError, type C2cErrorCode } from '../../src/shared/errors.js';

function assertC2c(fn: () => unknown, code: C2cErrorCode): C2cError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof C2cError, `expected a C2cError ${code}, got ${String(caught)}`);
  assert.equal(caught.code, code);
  assert.equal(caught.retryable, false);
  return caught;
}

describe('isLoopbackHost', () => {
  for (const host of ['localhost', 'LOCALHOST', 'app.localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]']) {
    it(`${host} is loopback`, () => assert.equal(isLoopbackHost(host), true));
  }
  for (const host of ['example.com', 'localhost.example.com', 'evil-localhost', '128.0.0.1', '127.0.0.1.evil.com',
    '10.0.0.1', '0.0.0.0', '::2', '']) {
    it(`${JSON.stringify(host)} is not loopback`, () => assert.equal(isLoopbackHost(host), false));
  }
});

describe('spaceHost', () => {
  it('turns a space name into its signalwire.com host', () => {
    assert.equal(spaceHost('example'), 'example.signalwire.com');
    assert.equal(spaceHost('my-space-1'), 'my-space-1.signalwire.com');
  });
  it('lowercases and trims', () => {
    assert.equal(spaceHost('  Example '), 'example.signalwire.com');
    assert.equal(spaceHost('Example.SignalWire.com'), 'example.signalwire.com');
  });
  it('keeps a full host, with a port', () => {
    assert.equal(spaceHost('example.signalwire.com'), 'example.signalwire.com');
    assert.equal(spaceHost('acme.example.co.uk'), 'acme.example.co.uk');
    assert.equal(spaceHost('acme.example.com:8443'), 'acme.example.com:8443');
  });
  for (const space of ['', '   ', 'has space', '-leading', 'trailing-', 'https://example.signalwire.com', 'example.com/path',
    'a_b', 'user@example.com', 'x'.repeat(64)]) {
    it(`rejects ${JSON.stringify(space)} with config-invalid`, () => { assertC2c(() => spaceHost(space), 'config-invalid'); });
  }
});

describe('resolveApiBase', () => {
  it('defaults to the public embeds origin with neither input', () => {
    assert.equal(DEFAULT_API_BASE, 'https://embeds.signalwire.com');
    assert.equal(resolveApiBase({}), DEFAULT_API_BASE);
    assert.equal(resolveApiBase({ apiBase: null, space: null }), DEFAULT_API_BASE);
    assert.equal(resolveApiBase({ apiBase: '', space: '' }), DEFAULT_API_BASE);
  });
  it('uses the space host over https', () => {
    assert.equal(resolveApiBase({ space: 'example' }), 'https://example.signalwire.com');
    assert.equal(resolveApiBase({ space: 'acme.example.com' }), 'https://acme.example.com');
  });
  it('lets api-base win over space', () => {
    assert.equal(resolveApiBase({ apiBase: 'https://proxy.example.com', space: 'example' }), 'https://proxy.example.com');
  });
  it('drops a trailing slash and keeps a path prefix', () => {
    assert.equal(resolveApiBase({ apiBase: 'https://proxy.example.com/' }), 'https://proxy.example.com');
    assert.equal(resolveApiBase({ apiBase: 'https://proxy.example.com/signalwire//' }), 'https://proxy.example.com/signalwire');
    assert.equal(resolveApiBase({ apiBase: ' https://proxy.example.com ' }), 'https://proxy.example.com');
  });
  for (const [apiBase, expected] of [
    ['http://127.0.0.1:8790', 'http://127.0.0.1:8790'],
    ['http://localhost:1', 'http://localhost:1'],
    ['http://[::1]:5', 'http://[::1]:5'],
    ['http://dev.localhost:3000/', 'http://dev.localhost:3000'],
    ['https://example.com:8443', 'https://example.com:8443'],
  ] as const) {
    it(`allows ${apiBase}`, () => assert.equal(resolveApiBase({ apiBase }), expected));
  }
  for (const apiBase of ['http://example.com', 'http://10.0.0.1', 'ftp://x', 'not a url', 'https://user:pw@x.com',
    'https://user@x.com', 'https://x.com/?q=1', 'https://x.com/#frag', 'ws://127.0.0.1', 'javascript:alert(1)', 'file:///etc/passwd']) {
    it(`rejects ${apiBase} with config-invalid`, () => { assertC2c(() => resolveApiBase({ apiBase }), 'config-invalid'); });
  }
  it('rejects a bad space with config-invalid', () => { assertC2c(() => resolveApiBase({ space: 'bad space' }), 'config-invalid'); });
  it('never puts credentials from a refused api-base into the message', () => {
    const error = assertC2c(() => resolveApiBase({ apiBase: 'https://user:s3cret@x.com' }), 'config-invalid');
    assert.ok(!error.message.includes('s3cret'), error.message);
  });
});

describe('resolveRelayHost', () => {
  it('is undefined when not given', () => {
    assert.equal(resolveRelayHost(undefined), undefined);
    assert.equal(resolveRelayHost(null), undefined);
    assert.equal(resolveRelayHost(''), undefined);
  });
  for (const [host, expected] of [
    ['wss://relay.signalwire.com', 'wss://relay.signalwire.com'],
    ['wss://relay.signalwire.com/', 'wss://relay.signalwire.com'],
    ['wss://relay.example.com:8443', 'wss://relay.example.com:8443'],
    ['relay.example.com', 'wss://relay.example.com'],
    ['  relay.example.com  ', 'wss://relay.example.com'],
    ['localhost:8790', 'wss://localhost:8790'],
    ['ws://127.0.0.1:8790', 'ws://127.0.0.1:8790'],
    ['ws://localhost:8790', 'ws://localhost:8790'],
    ['ws://[::1]:8790', 'ws://[::1]:8790'],
  ] as const) {
    it(`${host} → ${expected}`, () => assert.equal(resolveRelayHost(host), expected));
  }
  for (const host of ['ws://relay.example.com', 'ws://10.0.0.1:80', 'https://relay.example.com', 'http://127.0.0.1',
    'wss://relay.example.com/path', 'wss://relay.example.com/?x=1', 'wss://relay.example.com#f', 'wss://u:p@relay.example.com',
    'relay.example.com/path', 'ftp://x']) {
    it(`rejects ${host} with config-invalid`, () => { assertC2c(() => resolveRelayHost(host), 'config-invalid'); });
  }
});

describe('checkDestination', () => {
  for (const destination of ['/public/support', '/private/sales?channel=video', '/public/support?channel=audio',
    '/public/sales.team', '+15551234567', '+442071838750', 'sip:alice@example.com', 'sips:bob@sip.example.com:5061']) {
    it(`accepts ${destination}`, () => assert.equal(checkDestination(destination), destination));
  }
  it('returns the destination trimmed', () => {
    assert.equal(checkDestination('  /public/support\n'), '/public/support');
  });

  const overLong = `/public/${'a'.repeat(200)}`;
  for (const destination of [null, undefined, '', '   ', 'public/support', '/public/', '/public', '//support', '<script>',
    '/public/<script>', 'javascript:alert(1)', '/public/support?channel=data', '/public/support?x=1', '+0123', '+1555',
    `+1${'5'.repeat(20)}`, 'sip:alice', 'alice@example.com', 'tel:+15551234567', overLong, '/public/support /private/x']) {
    it(`rejects ${JSON.stringify(destination)?.slice(0, 40)} with destination-invalid`, () => {
      const error = assertC2c(() => checkDestination(destination), 'destination-invalid');
      assert.ok(error.message.length < 300, 'message should not echo an unbounded input');
    });
  }
});
