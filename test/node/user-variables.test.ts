// The variables a call sends for the far end to read (`userVariables`): what is taken as it is, and what is refused
// with `config-invalid` and a message that names the name, never a value.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_USER_VARIABLES_BYTES, checkUserVariables } from '../../src/call/user-variables.js';
import { C2cError } from '../../src/shared/errors.js';

function refused(given: unknown, sent?: object): C2cError {
  let caught: unknown;
  try {
    checkUserVariables(given, sent);
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof C2cError, `expected config-invalid, got ${String(caught)}`);
  assert.equal(caught.code, 'config-invalid');
  assert.equal(caught.retryable, false);
  return caught;
}

/** An object of `bytes` bytes of UTF-8 JSON exactly: `{"v":"…"}`. */
function ofBytes(bytes: number): { v: string } {
  return { v: 'x'.repeat(bytes - '{"v":""}'.length) };
}

describe('checkUserVariables: taken as given', () => {
  it('none: nothing, null, {} and the JSON texts "null" and "{}" send nothing', () => {
    for (const given of [undefined, null, {}, 'null', '{}', ' {} ']) assert.equal(checkUserVariables(given), undefined, JSON.stringify(given));
  });

  it('strings, numbers and booleans, in the order given, as a fresh object', () => {
    const given = { orderId: 'A-1001', items: 3, total: 12.5, signedIn: true, guest: false, empty: '', zero: 0 };
    const taken = checkUserVariables(given);
    assert.deepEqual(taken, given);
    assert.notEqual(taken, given);
    assert.deepEqual(Object.keys(taken!), Object.keys(given));
  });

  it('JSON text of an object (the attribute), parsed', () => {
    assert.deepEqual(checkUserVariables('{"orderId":"A-1001","n":2}'), { orderId: 'A-1001', n: 2 });
  });

  it('unicode text unchanged: accents, CJK, right-to-left, emoji, line breaks', () => {
    const given = { name: 'Zoë Ångström', city: '東京', note: 'שלום 👋🏽', multi: 'line 1\nline 2\ttab' };
    assert.deepEqual(checkUserVariables(given), given);
    assert.deepEqual(checkUserVariables(JSON.stringify(given)), given);
  });

  it('an object without a prototype is a plain object too', () => {
    const given = Object.assign(Object.create(null) as object, { orderId: 'A-1' });
    assert.deepEqual(checkUserVariables(given), { orderId: 'A-1' });
  });

  it('names: a letter, then letters, digits, _ or -, up to 64 characters', () => {
    const name = `a${'b'.repeat(63)}`;
    assert.deepEqual(checkUserVariables({ [name]: 1, order_id: 2, 'cart-id': 3, X9: 4 }), { [name]: 1, order_id: 2, 'cart-id': 3, X9: 4 });
  });

  it(`up to ${MAX_USER_VARIABLES_BYTES} bytes of JSON, counted in UTF-8`, () => {
    assert.deepEqual(checkUserVariables(ofBytes(MAX_USER_VARIABLES_BYTES)), ofBytes(MAX_USER_VARIABLES_BYTES));
    // 1362 characters of three bytes each, and one of one: 4095 bytes of JSON, in 1371 UTF-16 units.
    const cjk = { v: `${'語'.repeat(1362)}x` };
    assert.equal(new TextEncoder().encode(JSON.stringify(cjk)).length, 4095);
    assert.deepEqual(checkUserVariables(cjk), cjk);
  });

  it('sends what c2c-before-call left (`sent`) once what the page gave has the right shape', () => {
    assert.deepEqual(checkUserVariables({ orderId: 'A-1' }, { orderId: 'A-1', cartId: 'C-9' }), { orderId: 'A-1', cartId: 'C-9' });
    assert.deepEqual(checkUserVariables(undefined, { page: 'https://shop.example/cart' }), { page: 'https://shop.example/cart' });
    assert.equal(checkUserVariables({ orderId: 'A-1' }, {}), undefined, 'a listener that deleted every name: none sent');
  });
});

describe('checkUserVariables: refused with config-invalid', () => {
  const cases: [string, unknown, RegExp][] = [
    ['text that is not JSON', '{orderId: A-1001}', /not JSON/],
    ['blank text', '  ', /not JSON/],
    ['JSON of an array', '["A-1001"]', /not an array/],
    ['JSON of a string', '"A-1001"', /not a string/],
    ['JSON of a number', '42', /not a number/],
    ['an array', ['A-1001'], /not an array/],
    ['a number', 42, /not a number/],
    ['a boolean', true, /not a boolean/],
    ['a Map', new Map([['orderId', 'A-1']]), /not an object/],
    ['a Date', new Date(0), /not an object/],
    ['a nested object', { order: { id: 'A-1' } }, /"order" is an object/],
    ['an array value', { items: ['a', 'b'] }, /"items" is an array/],
    ['null as a value', { orderId: null }, /"orderId" is null/],
    ['undefined as a value', { orderId: undefined }, /"orderId" is a undefined/],
    ['a function value', { run: () => 1 }, /"run" is a function/],
    ['a bigint value', { n: 1n }, /"n" is a bigint/],
    ['NaN', { n: Number.NaN }, /"n" is not a finite number/],
    ['Infinity', { n: Number.POSITIVE_INFINITY }, /"n" is not a finite number/],
    ['a lone surrogate', { note: 'a\uD800b' }, /"note" is not well-formed/],
    ['an empty name', { '': 1 }, /the name ""/],
    ['a name starting with a digit', { '1st': 1 }, /the name "1st"/],
    ['a name with a space', { 'order id': 1 }, /the name "order id"/],
    ['a name with a dot', { 'order.id': 1 }, /the name "order.id"/],
    ['a name with non-ASCII letters', { 'número': 1 }, /the name "número"/],
    ['__proto__ as a name (JSON)', '{"__proto__":{"polluted":true}}', /the name "__proto__"/],
    ['a name of 65 characters', { [`a${'b'.repeat(64)}`]: 1 }, /the name "abbb/],
    [`${MAX_USER_VARIABLES_BYTES + 1} bytes of JSON`, ofBytes(MAX_USER_VARIABLES_BYTES + 1), /4097 bytes of JSON; at most 4096/],
    ['4097 bytes counted in UTF-8 (fewer UTF-16 units)', { v: `${'語'.repeat(1362)}xyz` }, /4097 bytes/],
  ];
  for (const [name, given, message] of cases) {
    it(name, () => {
      const error = refused(given);
      assert.match(error.message, message);
      assert.match(error.message, /^user-variables /);
    });
  }

  it('a value never appears in the message: only the name', () => {
    const secret = 'visitor-secret-4711';
    for (const given of [{ orderId: secret, bad: { nested: secret } }, { orderId: `${secret}\uDC00` }, `{"x": "${secret}"`]) {
      assert.doesNotMatch(refused(given).message, /visitor-secret/);
    }
  });

  it('what the page gave is checked for its shape even when a listener left a good copy', () => {
    assert.match(refused('not json', { orderId: 'A-1' }).message, /not JSON/);
    assert.match(refused(['A-1'], { orderId: 'A-1' }).message, /not an array/);
  });

  it('what a listener added is checked like the rest', () => {
    assert.match(refused({ orderId: 'A-1' }, { orderId: 'A-1', cart: { id: 9 } }).message, /"cart" is an object/);
    assert.match(refused(undefined, { 'bad name': 1 }).message, /the name "bad name"/);
  });
});
