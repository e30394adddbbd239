import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { C2cState, canTransition, isC2cState, isConnected, isInProgress, transition } from '../../src/shared/call-state.js';

const ALL = Object.values(C2cState);

/** The moves the contract names (docs/api.md §States), plus the documented extras. */
const LEGAL: ReadonlyArray<[C2cState, C2cState]> = [
  ['idle', 'authorizing'],
  ['authorizing', 'connecting'],
  ['connecting', 'ringing'],
  ['ringing', 'active'],
  ['active', 'ending'],
  ['ending', 'ended'],
  ['active', 'reconnecting'],
  ['reconnecting', 'active'],
  // error from any state where a call is under way
  ['authorizing', 'error'],
  ['connecting', 'error'],
  ['ringing', 'error'],
  ['active', 'error'],
  ['reconnecting', 'error'],
  ['ending', 'error'],
  // a call can be given up before it is answered
  ['authorizing', 'ending'],
  ['connecting', 'ending'],
  ['ringing', 'ending'],
  ['reconnecting', 'ending'],
  // a far end may answer without ringing
  ['connecting', 'active'],
  // ended and error accept a new call
  ['ended', 'authorizing'],
  ['error', 'authorizing'],
  // a new configuration after a call starts afresh
  ['ended', 'idle'],
  ['error', 'idle'],
];

const ILLEGAL: ReadonlyArray<[C2cState, C2cState]> = [
  ['idle', 'active'],
  ['active', 'ringing'],
  ['ended', 'active'],
  ['error', 'active'],
  ['idle', 'error'],
  ['idle', 'ended'],
  ['idle', 'idle'],
  ['active', 'active'],
  ['active', 'connecting'],
  ['ringing', 'connecting'],
  ['authorizing', 'active'],
  ['ended', 'ending'],
  ['reconnecting', 'ringing'],
];

describe('call-state transitions', () => {
  for (const [from, to] of LEGAL) {
    it(`${from} → ${to} is legal`, () => {
      assert.equal(canTransition(from, to), true);
      assert.equal(transition(from, to), to);
    });
  }
  for (const [from, to] of ILLEGAL) {
    it(`${from} → ${to} throws`, () => {
      assert.equal(canTransition(from, to), false);
      assert.throws(() => transition(from, to), (error: unknown) => {
        assert.ok(error instanceof Error);
        assert.match(error.message, new RegExp(`${from} → ${to}`));
        return true;
      });
    });
  }

  it('the happy path goes through in order', () => {
    let state: C2cState = 'idle';
    for (const next of ['authorizing', 'connecting', 'ringing', 'active', 'ending', 'ended', 'authorizing'] as const) {
      state = transition(state, next);
    }
    assert.equal(state, 'authorizing');
  });

  it('only a finished call (ended, error) leads back to idle', () => {
    for (const from of ALL) assert.equal(canTransition(from, 'idle'), from === 'ended' || from === 'error', `${from} → idle`);
  });

  it('the legal table above is the whole table', () => {
    const legal = new Set(LEGAL.map(([from, to]) => `${from}>${to}`));
    for (const from of ALL) {
      for (const to of ALL) {
        assert.equal(canTransition(from, to), legal.has(`${from}>${to}`), `${from} → ${to}`);
      }
    }
  });

  it('every state reaches ended and error through legal moves', () => {
    const reachable = (start: C2cState): Set<C2cState> => {
      const seen = new Set<C2cState>();
      const queue: C2cState[] = [start];
      while (queue.length > 0) {
        const state = queue.shift()!;
        for (const next of ALL) {
          if (canTransition(state, next) && !seen.has(next)) {
            seen.add(next);
            queue.push(next);
          }
        }
      }
      return seen;
    };
    for (const state of ALL) {
      const seen = reachable(state);
      assert.ok(seen.has('ended'), `${state} cannot reach ended`);
      assert.ok(seen.has('error'), `${state} cannot reach error`);
    }
  });

  it('a call under way can always be ended or fail in one move', () => {
    for (const state of ALL.filter(isInProgress)) {
      assert.ok(canTransition(state, 'error'), `${state} → error`);
      if (state !== 'ending') assert.ok(canTransition(state, 'ending'), `${state} → ending`);
    }
  });
});

describe('isInProgress / isConnected / isC2cState', () => {
  it('isInProgress is false only for idle, ended and error', () => {
    for (const state of ALL) {
      assert.equal(isInProgress(state), !['idle', 'ended', 'error'].includes(state), state);
    }
  });
  it('isConnected is true only for active and reconnecting', () => {
    for (const state of ALL) {
      assert.equal(isConnected(state), state === 'active' || state === 'reconnecting', state);
    }
  });
  it('isC2cState accepts exactly the nine states', () => {
    assert.equal(ALL.length, 9);
    for (const state of ALL) assert.equal(isC2cState(state), true, state);
    for (const value of ['', 'IDLE', 'calling', 'toString', 'constructor', '__proto__', 'hasOwnProperty', null, undefined, 0, {}, ['idle']]) {
      assert.equal(isC2cState(value), false, String(value));
    }
  });
});
