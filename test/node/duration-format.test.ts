import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatClock, spokenDuration } from '../../src/in-call/duration-format.js';

describe('formatClock', () => {
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
    it(`${ms} ms → ${text}`, () => assert.equal(formatClock(ms, 'en'), text));
  }

  it("writes the locale's digits (Arabic-Indic in Egyptian Arabic), never grouped", () => {
    assert.equal(formatClock(75_000, 'ar-EG'), '١:١٥');
    assert.equal(formatClock(36_061_000, 'ar-EG'), '١٠:٠١:٠١');
    assert.equal(formatClock(75_000, 'he'), '1:15');
    assert.equal(formatClock(3_725_000, 'ja'), '1:02:05');
  });
});

describe('spokenDuration', () => {
  it('says the duration in words where Intl.DurationFormat exists, else the clock', () => {
    const words = spokenDuration(65_000, 'en');
    if ('DurationFormat' in Intl) {
      assert.match(words, /1 minute.*5 seconds/);
      assert.match(spokenDuration(3_000, 'en'), /3 seconds/);
      assert.doesNotMatch(spokenDuration(3_000, 'en'), /hour|minute/);
    } else {
      assert.equal(words, '1:05');
    }
  });
});
