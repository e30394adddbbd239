import { test } from 'node:test';
import assert from 'node:assert/strict';
test('node harness', () => { assert.equal(1 + 1, 2); });
