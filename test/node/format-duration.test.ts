import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatDuration } from '../../src/element/elapsed-time-controller.js';

describe('formatDuration', () => {
  const rows: Array<[number, string]> = [
    [0, '0:00'],
    [999, '0:00'],
    [1000, '0:01'],
    [9_999, '0:09'],
    [10_000, '0:10'],
    [59_999, '0:59'],
    [60_000, '1:00'],
    [75_000, '1:15'],
    [600_000, '10:00'],
    [3_599_999, '59:59'],
    [3_600_000, '1:00:00'],
    [3_725_000, '1:02:05'],
    [36_061_000, '10:01:01'],
    [-5_000, '0:00'],
    [1500.7, '0:01'],
  ];
  for (const [ms, text] of rows) {
    it(`${ms} ms → ${text}`, () => assert.equal(formatDuration(ms), text));
  }
});
